"""Page parts rendered from the small fixture plan: escaping, honesty, links."""

import re
from urllib.parse import quote

import pytest
import yaml

from boras_plan import changes, datapackage, dcat, exports, feed, routes
from boras_plan.build_context import BuildContext
from boras_plan.model import NOT_REPORTED, Plan, count_statuses
from boras_plan.lifecycle import build_date, deadline_passed
from boras_plan.parts import PARTS, status_choices, tooltip_terms
from tests.conftest import FIXTURES, ROOT
from tests.helpers import load_merged

PLAN = load_merged(FIXTURES / "minimal.yaml")
DOCS = ROOT / "docs"


def router(plan=PLAN) -> routes.Router:
    """A router over the files a build of this plan has: docs/, the generated pages and data."""
    sources = [p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*") if p.is_file()]
    sources += [routes.recommendation(plan, r.number) for r in plan.recommendations]
    sources += [routes.data_file(n) for n in (exports.JSON_NAME, exports.CSV_NAME, exports.SCHEMA_NAME, dcat.RDF_NAME, dcat.JSONLD_NAME, datapackage.NAME)]
    sources += [feed.FEED_NAME] + [routes.action_feed(a) for a in plan.actions] + [routes.role_feed(r) for r in plan.roles]
    return routes.Router(sources)


def context(plan=PLAN) -> BuildContext:
    """A build's context for the plan: today's date, no git history, nothing published."""
    today = build_date()
    real = isinstance(plan, Plan)  # a stand-in with only the lists a part reads gets no changes
    return BuildContext(plan, today, (), {}, changes.changes(plan, today) if real else [], router(plan) if real else router())


def render(name, page="rekommendationer/forsta.md", *args):
    return PARTS[name](context(), routes.PageLinks(router(), PLAN, page), *args)


def test_links_are_relative_to_the_page_mkdocs_gives_each_file():
    r = router()
    assert r.href("index.md", "atgarder.md") == "atgarder/"
    assert r.href("atgarder.md", "index.md") == "../"
    assert r.href("rekommendationer/forsta.md", "ansvar.md", "roll-ks") == "../../ansvar/#roll-ks"
    assert r.url("index.md") == "" and r.url("rekommendationer/index.md") == "rekommendationer/"


def test_a_link_to_a_file_the_build_lacks_fails():
    with pytest.raises(routes.BrokenLink, match="rekommendationer/finns-inte.md"):
        router().href("index.md", "rekommendationer/finns-inte.md")


def test_links_follow_the_url_scheme_without_directory_urls():
    r = routes.Router(["index.md", "atgarder.md", "rekommendationer/forsta.md", "data/plan.json"], use_directory_urls=False)
    assert r.href("rekommendationer/forsta.md", "atgarder.md", "x") == "../atgarder.html#x"
    assert r.href("atgarder.md", "index.md") == "index.html" and r.href("atgarder.md", "data/plan.json") == "data/plan.json"


def test_mail_phone_and_website_addresses_are_built_safely():
    assert routes.mailto("a.b@example.se") == "mailto:a.b@example.se"
    assert routes.mailto('x@y.se?cc=z@w.se&body="<b>') == "mailto:x@y.se%3Fcc%3Dz@w.se%26body%3D%22%3Cb%3E"
    assert routes.tel("033-35 70 00") == "tel:033357000" and routes.tel("+46 33 35") == "tel:+463335"
    assert routes.website("www.boras.se") == "https://www.boras.se"
    assert routes.website("https://www.boras.se/x") == "https://www.boras.se/x"


def test_recommendation_page_has_heading_body_table_and_pager():
    out = render("recommendation_page", "rekommendationer/forsta.md", 1)
    assert out.startswith("# 1. Första rekommendationen\n")
    assert "Första stycket på två rader." in out and "*betoning*" in out
    assert '<tr id="atgard-1-1" ' in out and '<caption>Åtgärder för rekommendation 1</caption>' in out
    assert 'href="../andra/" rel="next"' in out and 'rel="prev"' not in out
    assert "<p class=\"keywords\" hidden data-pagefind-weight=\"10\">ett, två</p>" in out  # for search, not shown, weighted
    assert '<span data-pagefind-filter="nyckelord">ett</span><span data-pagefind-filter="nyckelord">två</span>' in out  # ranked first


def test_missing_owner_says_so_and_invents_nobody():
    out = render("recommendation_page", "rekommendationer/forsta.md", 1)
    row = out.split('<tr id="atgard-1-2" ')[1].split("</tr>")[0]
    assert "Ej angivet i planen" in row and "Kommunstyrelsen" not in row


def test_owner_cell_keeps_wording_and_links_roles():
    out = render("recommendation_page", "rekommendationer/forsta.md", 1)
    assert '<a href="../../ansvar/#roll-ks">Kommunstyrelsen</a> i samverkan med <a href="../../ansvar/#roll-namnder">berörda nämnder</a>.' in out


def test_footnote_shown_under_table_that_uses_it():
    assert "Fotnotens text." in render("recommendation_page", "rekommendationer/forsta.md", 1)
    assert "Fotnotens text." not in render("recommendation_page", "rekommendationer/andra.md", 2)


def test_status_label_is_text():
    assert render("recommendation_page", "rekommendationer/forsta.md", 1).count(">Ej rapporterad</span>") == 2
    assert ">Pågår</span>" in render("recommendation_page", "rekommendationer/andra.md", 2)


def test_follow_up_log_is_dated_and_sourced_and_absence_is_said():
    logged = render("recommendation_page", "rekommendationer/andra.md", 2)
    assert '<time datetime="2018-02-01">1 februari 2018</time>: Arbetet har börjat. (<a href="https://example.se/rapport">källa</a>)' in logged
    assert "Ingen uppföljning av de här åtgärderna har rapporterats" in render("recommendation_page", "rekommendationer/forsta.md", 1)


def test_all_actions_has_filters_groups_and_one_anchor_per_action():
    out = render("all_actions", "atgarder.md")
    assert '<option value="ks">Kommunstyrelsen</option>' in out and '<option value="none">Ingen ansvarig angiven</option>' in out
    assert '<option value="pågår" data-label="Pågår">Pågår (1)</option>' in out
    # 1.1 and 1.2 have neither status nor log; 2.1 has both.
    assert '<option value="ingen-uppfoljning" data-label="Ingen uppföljning rapporterad">Ingen uppföljning rapporterad (2)</option>' in out
    assert '<button type="submit" class="md-button md-button--primary">Filtrera</button>' in out
    for anchor in ("ar-2016", "ar-2019", "ansvarig-ks-2017", "ansvarig-ks-2019", "ansvarig-namnder-2017", "ansvarig-ej-angivet", "ingen-uppfoljning"):
        assert f'href="#{anchor}"' in out and f"#{anchor}}}" in out, anchor
    assert out.count('id="atgard-1-1"') == 1
    assert 'data-owners="ks namnder"' in out and 'data-owners="none"' in out


def progress_counts(html: str) -> list[tuple[str, int]]:
    """The (label, count) pairs of the progress lists in html, in order."""
    return [(label, int(n)) for label, n in re.findall(r'progress__label">([^<:]+):</span> <span class="progress__count">(\d+)<', html)]


def test_status_summary_counts_every_status_zeros_included():
    out = render("status_summary", "index.md")
    assert progress_counts(out) == list(PLAN.status_counts)
    assert [label for label, _ in PLAN.status_counts] == ["Ej påbörjad", "Pågår", "Genomförd", "Redovisad", "Ej rapporterad"]
    assert sum(n for _, n in PLAN.status_counts) == len(PLAN.actions) and "%" not in out


def test_progress_of_a_recommendation_and_of_each_role_is_counted_from_its_actions():
    for rec in PLAN.recommendations:
        out = render("recommendation_page", f"rekommendationer/{rec.slug}.md", rec.number)
        assert progress_counts(out) == (list(count_statuses(rec.actions)) if rec.actions else [])
    roles = render("roles", "ansvar.md")
    owning = [r for r in PLAN.roles if PLAN.actions_by_role[r.id]]
    assert progress_counts(roles) == [pair for r in owning for pair in count_statuses(PLAN.actions_by_role[r.id])]
    # 1.1 is owned by both ks and namnder: it counts for each.
    assert dict(PLAN.status_counts_by_role["namnder"])["Ej rapporterad"] == 1
    assert dict(PLAN.status_counts_by_role["ks"]) == {"Ej påbörjad": 0, "Pågår": 1, "Genomförd": 0, "Redovisad": 0, "Ej rapporterad": 1}


def test_a_follow_up_entry_without_a_source_says_so():
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    data["recommendations"][1]["actions"][0]["log"].append({"date": "2019-03-01", "text": "Rapport utan källa."})
    plan = Plan.model_validate(data)
    out = PARTS["recommendation_page"](context(plan), routes.PageLinks(router(plan), plan, "rekommendationer/andra.md"), 2)
    assert '1 mars 2019</time>: Rapport utan källa. <span class="followup__no-source">(Källa anges inte)</span>' in out
    assert out.count("Källa anges inte") == 1  # the entry with a source links it instead


def test_each_action_links_its_own_address_and_where_to_ask_about_it():
    out = render("recommendation_page", "rekommendationer/forsta.md", 1)
    for action in PLAN.recommendation_by_number[1].actions:
        assert f'<a class="action-tools__link" href="#{action.anchor}">Länk till åtgärd {action.id}</a>' in out
        subject = quote(f"Fråga om åtgärd {action.id} i {PLAN.document.title}", safe="")
        assert f'href="mailto:{PLAN.contact.email}?subject={subject}">Fråga om åtgärd {action.id}</a>' in out
    # Other pages that list the action link to its page instead.
    assert "action-tools" not in render("all_actions", "atgarder.md")


def test_the_address_for_questions_is_the_editors_one_when_set_else_the_plans_contact():
    start = render("respond", "index.md")
    assert f'href="mailto:{PLAN.contact.email}"' in start and "Uppgifterna kommer från planens kontaktuppgifter" in start
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8")) | {"feedback": {"email": "synpunkter@example.se"}}
    plan = Plan.model_validate(data)
    out = PARTS["respond"](context(plan), routes.PageLinks(router(plan), plan, "index.md"))
    assert 'href="mailto:synpunkter@example.se"' in out and PLAN.contact.email not in out
    assert "<form" not in out and "<input" not in out


def test_every_paragraph_of_the_adopted_text_has_an_id_from_its_place_in_the_plan():
    out = render("whole_plan", "hela-planen.md")
    for rec in PLAN.recommendations:
        for i, _ in enumerate(rec.paragraphs):
            assert out.count(f"{{: #rekommendation-{rec.number}-stycke-{i + 1} }}") == 1
    for i, _ in enumerate(PLAN.introduction):
        assert f"{{: #inledning-stycke-{i + 1} }}" in out
    assert "{: #atgarder-inledning-stycke-1 }" in out


def test_counts_in_running_text_come_from_the_data():
    from types import SimpleNamespace

    def counted(recommendations):  # the part reads only the plan's lists
        return PARTS["counted"](context(SimpleNamespace(recommendations=recommendations)), routes.PageLinks(router(), PLAN, "index.md"), "recommendations")

    assert counted(PLAN.recommendations[:1]) == "en rekommendation"
    assert counted((PLAN.recommendations * 12)[:12]) == "tolv rekommendationer"
    assert counted((PLAN.recommendations * 13)[:13]) == "13 rekommendationer"  # above twelve: digits
    assert PARTS["counted"](context(), routes.PageLinks(router(), PLAN, "index.md"), "actions").endswith(" åtgärder")


def test_help_is_the_sites_own_dated_and_sourced_and_absent_when_empty():
    from boras_plan.model import Help

    assert render("help", "kontakt.md").strip() == ""  # the fixture has none: no heading either
    entry = Help(name="Stödlinjen <b>", text="Text.", phone="020-00 00", source="https://example.se/kalla", checked_on="2024-03-01")
    out = PARTS["help"](context(PLAN.model_copy(update={"help": (entry,)})), routes.PageLinks(router(), PLAN, "kontakt.md"))
    assert "Stödlinjen &lt;b&gt;" in out and 'href="tel:0200000"' in out
    assert 'Webbplatsens tillägg, kontrollerat <time datetime="2024-03-01">1 mars 2024</time>, källa: <a href="https://example.se/kalla">' in out


def test_roles_page_lists_owned_actions_and_unowned_section():
    out = render("roles", "ansvar.md")
    assert "## Kommunstyrelsen { #roll-ks}" in out
    assert "Anhöriga står inte i kolumnen Vem för någon åtgärd i planen." in out
    unowned = out.split("{ #utan-ansvarig}")[1]
    assert ">1.2</a>" in unowned and ">1.1</a>" not in unowned


def test_glossary_marks_where_each_explanation_comes_from():
    out = render("glossary", "ordlista.md")
    assert out.index("## Anhörig") < out.index("## SSPF") < out.index("## Ärende")
    assert "Ur planen: Fotnot" in out and out.count("Förklaring skriven för webbplatsen") == 2


def test_an_empty_glossary_says_so_and_has_no_headings():
    empty = load_merged(FIXTURES / "minimal.yaml").model_copy(update={"glossary": []})  # fresh: nothing cached yet
    out = PARTS["glossary"](context(empty), routes.PageLinks(router(empty), empty, "ordlista.md"))
    assert "förklarar några ord ännu" in out and "##" not in out


def test_tooltips_only_for_tooltip_terms_and_say_whose_words_they_hold(committed_plan):
    assert tooltip_terms(PLAN) == {"SSPF": "Ur planen, Fotnot: Samverkan."}
    site_written = [term.term for term in committed_plan.glossary if term.tooltip and not term.source]
    assert site_written  # the committed plan has explanations written for the website
    for term in site_written:
        assert tooltip_terms(committed_plan)[term].startswith("Förklaring skriven för webbplatsen: ")


def test_every_part_renders_on_the_start_page():
    for name, part in PARTS.items():
        args = {"recommendation_page": (1,), "counted": ("actions",), "summary_page": ("easy_read",)}.get(name, ())
        out = part(context(), routes.PageLinks(router(), PLAN, "index.md"), *args).strip()
        assert out or name == "help", name  # help: empty when the plan has none (tested above)


def _picked(plan: Plan, value: str) -> list[str]:
    """The actions a status choice picks, as actions.js filters the rows (data-status and the two flags)."""
    if value == "ingen-uppfoljning":
        return [a.id for a in plan.unreported_actions]
    if value == "tidsfrist-passerad":
        return [a.id for a in plan.actions if deadline_passed(a, build_date())]
    return [a.id for a in plan.actions if a.status_label.lower() == value]


def test_status_choices_count_from_the_model_and_can_be_told_apart():
    _status_choices_count_from_the_model_and_can_be_told_apart(PLAN)


def test_status_choices_count_from_the_model_and_can_be_told_apart_on_the_plan_under_test(plan):
    _status_choices_count_from_the_model_and_can_be_told_apart(plan)


def _status_choices_count_from_the_model_and_can_be_told_apart(plan):
    """No two choices that read differently pick the same actions (three read "(20)" before), and
    each count is the number of actions its choice shows."""
    choices = status_choices(plan, build_date())
    picks = {value: _picked(plan, value) for value, _, _ in choices}
    assert [count for _, _, count in choices] == [len(picks[value]) for value, _, _ in choices]
    non_empty = [tuple(ids) for ids in picks.values() if ids]
    assert len(non_empty) == len(set(non_empty))
    assert choices[-1][0] == "ingen-uppfoljning"  # always offered: the no-JavaScript section's anchor sets it
    # Every status is offered; "Ej rapporterad" only when it picks other actions than "Ingen uppföljning rapporterad".
    offered = {label for _, label, _ in choices}
    for label, _ in plan.status_counts:
        assert (label in offered) == (label != NOT_REPORTED or _picked(plan, label.lower()) != picks["ingen-uppfoljning"]), label


def test_a_status_choice_that_differs_from_no_follow_up_is_offered():
    """An action with a note but no status: "Ej rapporterad" then picks more than "Ingen uppföljning rapporterad"."""
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    silent = next(a for rec in data["recommendations"] for a in rec["actions"] if not a.get("status") and not a.get("log"))
    silent["log"] = [{"date": PLAN.document.adopted_on, "text": "En anteckning utan status."}]
    plan = Plan.model_validate(data)
    values = [value for value, _, _ in status_choices(plan, build_date())]
    assert "ej rapporterad" in values and "ingen-uppfoljning" in values
