"""Page parts rendered from the small fixture plan: escaping, honesty, links."""

from boras_plan.loader import load_plan
from boras_plan.parts import PARTS, Page, tooltip_terms
from tests.conftest import FIXTURES, ROOT

PLAN = load_plan(FIXTURES / "minimal.yaml")
REAL_PLAN = load_plan(ROOT / "data" / "plan.yaml")


def render(name, url="rekommendationer/forsta/", *args):
    return PARTS[name](PLAN, Page(url), *args)


def test_relative_links_follow_page_depth():
    assert Page("").root == "" and Page("atgarder/").root == "../" and Page("rekommendationer/x/").root == "../../"


def test_recommendation_page_has_heading_body_table_and_pager():
    out = render("recommendation_page", "rekommendationer/forsta/", 1)
    assert out.startswith("# 1. Första rekommendationen\n")
    assert "Första stycket på två rader." in out and "*betoning*" in out
    assert '<tr id="atgard-1-1" ' in out and '<caption>Åtgärder för rekommendation 1</caption>' in out
    assert 'href="../../rekommendationer/andra/" rel="next"' in out and 'rel="prev"' not in out
    assert "Sökord (tillagda av webbplatsen):</span> ett, två" in out


def test_missing_owner_says_so_and_invents_nobody():
    out = render("recommendation_page", "rekommendationer/forsta/", 1)
    row = out.split('<tr id="atgard-1-2" ')[1].split("</tr>")[0]
    assert "Ej angivet i planen" in row and "Kommunstyrelsen" not in row


def test_owner_cell_keeps_wording_and_links_roles():
    out = render("recommendation_page", "rekommendationer/forsta/", 1)
    assert '<a href="../../ansvar/#roll-ks">Kommunstyrelsen</a> i samverkan med <a href="../../ansvar/#roll-namnder">berörda nämnder</a>.' in out


def test_footnote_shown_under_table_that_uses_it():
    assert "Fotnotens text." in render("recommendation_page", "rekommendationer/forsta/", 1)
    assert "Fotnotens text." not in render("recommendation_page", "rekommendationer/andra/", 2)


def test_status_label_is_text():
    assert render("recommendation_page", "rekommendationer/forsta/", 1).count(">Ej rapporterad</span>") == 2
    assert ">Pågår</span>" in render("recommendation_page", "rekommendationer/andra/", 2)


def test_follow_up_log_is_dated_and_sourced_and_absence_is_said():
    logged = render("recommendation_page", "rekommendationer/andra/", 2)
    assert '<time datetime="2018-02-01">1 februari 2018</time>: Arbetet har börjat. (<a href="https://example.se/rapport">källa</a>)' in logged
    assert "Ingen uppföljning av de här åtgärderna har rapporterats" in render("recommendation_page", "rekommendationer/forsta/", 1)


def test_all_actions_has_filters_groups_and_one_anchor_per_action():
    out = render("all_actions", "atgarder/")
    assert '<option value="ks">Kommunstyrelsen</option>' in out and '<option value="none">Ej angivet i planen</option>' in out
    assert '<option value="pågår">Pågår (1)</option>' in out
    for anchor in ("ar-2016", "ar-2019", "ansvarig-ks-2017", "ansvarig-ks-2019", "ansvarig-namnder-2017", "ansvarig-ej-angivet"):
        assert f'href="#{anchor}"' in out and f"#{anchor}}}" in out, anchor
    assert out.count('id="atgard-1-1"') == 1
    assert 'data-owners="ks namnder"' in out and 'data-owners="none"' in out


def test_timeline_lists_every_year_with_a_text_alternative():
    out = render("timeline", "")
    for year, words in ((2016, "1 åtgärd:"), (2017, "1 åtgärd:"), (2018, "Inga åtgärder"), (2019, "1 åtgärd:")):
        assert f'<span class="timeline__label">{year}</span>' in out and words in out


def test_status_summary_counts_every_status():
    out = render("status_summary", "")
    assert "<tr><td>Pågår</td><td>1</td></tr>" in out and "<tr><td>Ej rapporterad</td><td>2</td></tr>" in out
    assert "<tr><td>Genomförd</td><td>0</td></tr>" in out


def test_roles_page_lists_owned_actions_and_unowned_section():
    out = render("roles", "ansvar/")
    assert "## Kommunstyrelsen { #roll-ks}" in out
    assert "Anhöriga står inte i kolumnen Vem för någon åtgärd i planen." in out
    unowned = out.split("{ #utan-ansvarig}")[1]
    assert ">1.2</a>" in unowned and ">1.1</a>" not in unowned


def test_glossary_marks_where_each_explanation_comes_from():
    out = render("glossary", "ordlista/")
    assert out.index("## Anhörig") < out.index("## SSPF") < out.index("## Ärende")
    assert "Ur planen: Fotnot" in out and out.count("Förklaring skriven för webbplatsen") == 2


def test_tooltips_only_for_tooltip_terms_and_say_whose_words_they_hold():
    assert tooltip_terms(PLAN) == {"SSPF": "Ur planen, Fotnot: Samverkan."}
    site_written = [term.term for term in REAL_PLAN.glossary if term.tooltip and not term.source]
    assert site_written  # the real plan has explanations written for the website
    for term in site_written:
        assert tooltip_terms(REAL_PLAN)[term].startswith("Förklaring skriven för webbplatsen: ")


def test_every_part_renders_on_the_start_page():
    for name, part in PARTS.items():
        args = {"recommendation_page": (1,), "summary_page": ("easy_read",)}.get(name, ())
        assert part(PLAN, Page(""), *args).strip(), name
