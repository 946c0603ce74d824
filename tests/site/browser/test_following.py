"""Following the plan (issue 19) in real Chromium, on a phone (360x740) and a desktop (1280x900):
how far the actions have come, an entry without a source, an action's own address, where to ask,
the adopted text's paragraph addresses and the filters for what is missing, with and without JavaScript;
the filter's button, its choice kept in the address and its caption (issues 25 and 26).

Most tasks run on a copy of the plan under test with follow-up reported (followed.py, shared with
test_changes: statuses in turn, log entries with and without a source, an address for questions),
so the counts differ from status to status for any valid plan. Every
expected value comes from the model of the plan the site was built from.
"""

from __future__ import annotations

from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest
from codesniffer import codesniffer_errors, describe_errors
from followed import FEEDBACK
from pagecheck import VIEWPORTS, axe_check, describe_violations, settle, task_screenshot
from targets import small_targets

from boras_plan.lifecycle import build_date, deadline_passed
from boras_plan.model import STATUS_LABELS, Plan
from boras_plan.routes import recommendation_url

BOTH = pytest.mark.parametrize("viewport", list(VIEWPORTS))


@pytest.fixture(scope="module")
def followed(followed_site) -> tuple[Plan, str]:
    """(model, base URL) of the plan under test with follow-up reported (followed.py), built and served."""
    return followed_site


# (label, count) of each item of the progress list(s) inside `scope`.
_COUNTS = """els => els.map(li => [li.querySelector('.progress__label').textContent.replace(/:$/, ''),
                               Number(li.querySelector('.progress__count').textContent)])"""


def counts(page, scope: str) -> list[tuple[str, int]]:
    return [tuple(pair) for pair in page.eval_on_selector_all(f"{scope} .progress__item", _COUNTS)]


# What the site sends for each page, fetched once and parsed by the browser's own HTML parser without
# drawing it: the content that is the same at every screen size is read once per plan; what a reader
# sees of it is checked at each size.
_SERVED = """async ({urls, reads}) => Promise.all(urls.map(async url => {
  const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), "text/html");
  return reads.map(([selector, attribute]) =>
    [...doc.querySelectorAll(selector)].map(el => attribute ? el.getAttribute(attribute) : el.textContent.trim()));
}))"""


def served(page, base: str, paths: list[str], *reads: str | tuple[str, str]) -> dict[str, list[list[str]]]:
    """{path: [the texts of the elements a selector matches, or their attribute for (selector, attribute),
    one list per read]} in the pages as the server sends them."""
    if not page.url.startswith(base):
        page.goto(base + "404.html")  # a page of the site: its policy lets it fetch the site's pages
    reads = [(read, None) if isinstance(read, str) else read for read in reads]
    return dict(zip(paths, page.evaluate(_SERVED, {"urls": [base + path for path in paths], "reads": reads})))


def rec_path(plan: Plan, number: int) -> str:
    return recommendation_url(plan, number)


def with_actions(plan: Plan):
    return [r for r in plan.recommendations if r.actions]


# --- 1. Progress at a glance ---------------------------------------------------------------


def test_every_recommendation_page_counts_its_actions_per_status(new_page, followed):
    plan, base = followed
    page = new_page("desktop")
    paths = [rec_path(plan, rec.number) for rec in plan.recommendations]
    found = served(page, base, paths, ".md-content .progress__label", ".md-content .progress__count")
    shown = {rec.number: [(label.removesuffix(":"), int(n)) for label, n in zip(*found[path])]
             for rec, path in zip(plan.recommendations, paths)}
    assert shown == {rec.number: list(rec.status_counts) if rec.actions else [] for rec in plan.recommendations}


@BOTH
def test_a_recommendations_counts_are_seen_before_its_table(new_page, followed, screenshots, viewport):
    """The counts are seen, not only present: the list stands before the table, inside the window once scrolled to."""
    plan, base = followed
    page = new_page(viewport)
    rec = max(with_actions(plan), key=lambda r: len({label for label, n in r.status_counts if n}))
    page.goto(base + rec_path(plan, rec.number))
    assert counts(page, ".md-content") == list(rec.status_counts)
    progress = page.locator(".md-content .progress")
    progress.scroll_into_view_if_needed()
    assert progress.is_visible() and progress.bounding_box()["width"] <= VIEWPORTS[viewport]["width"]
    assert page.evaluate("""() => !!(document.querySelector('.md-content .progress')
        .compareDocumentPosition(document.querySelector('.md-content .action-table')) & Node.DOCUMENT_POSITION_FOLLOWING)""")
    settle(page)
    task_screenshot(page, screenshots, "framsteg-rekommendation", viewport, full_page=False, min_bytes=5_000)


@BOTH
def test_the_start_page_counts_all_actions_per_status(new_page, followed, viewport):
    plan, base = followed
    page = new_page(viewport)
    page.goto(base)
    assert counts(page, ".md-content") == list(plan.status_counts)
    assert sum(n for _, n in counts(page, ".md-content")) == len(plan.actions)
    assert "%" not in page.text_content(".md-content .progress")  # counts, never a weighted percentage


@BOTH
def test_the_roles_page_counts_each_roles_actions_per_status(new_page, followed, viewport):
    plan, base = followed
    page = new_page(viewport)
    page.goto(base + "ansvar/")
    for role in plan.roles:
        shown = counts(page, f'[aria-labelledby="status-{role.anchor}"]')
        assert shown == (list(plan.status_counts_by_role[role.id]) if plan.actions_by_role[role.id] else []), role.id


# --- 4. Honest sources -------------------------------------------------------------------------


@BOTH
def test_a_follow_up_entry_without_a_source_says_so(new_page, followed, viewport):
    plan, base = followed
    page = new_page(viewport)
    for action in plan.actions[:2]:
        page.goto(base + rec_path(plan, action.recommendation))
        entries = page.locator(f'section[aria-labelledby="uppfoljning-{action.anchor}"] .followup__log li')
        assert entries.count() == len(action.log)
        for entry, logged in zip(entries.all(), action.log):
            text = " ".join(entry.inner_text().split())
            if logged.source:
                assert entry.locator("a").get_attribute("href") == logged.source and "Källa anges inte" not in text
            else:
                assert text.endswith(f"{logged.text} (Källa anges inte)"), text
    assert any(not e.source for a in plan.actions for e in a.log)  # the plan shows both kinds


# --- 3 (part). An action's own address, copied without any script -----------------------------


def test_every_action_has_a_link_to_its_own_address_in_the_page_as_sent(new_page, followed):
    """In the HTML as sent, before any script: one link per action, named for it, to its address."""
    plan, base = followed
    page = new_page("desktop")
    recs = with_actions(plan)
    paths = [rec_path(plan, rec.number) for rec in recs]
    found = served(page, base, paths, ".action-tools__link", (".action-tools__link", "href"))
    for rec, path in zip(recs, paths):
        names, hrefs = found[path]
        assert names == [f"Länk till åtgärd {a.id}" for a in rec.actions], rec.number
        assert hrefs == [f"#{a.anchor}" for a in rec.actions], rec.number


@BOTH
def test_an_actions_link_is_seen_and_followed_without_javascript(new_page, followed, viewport):
    """Following one: the address is the action's, and its row is in view below the header."""
    plan, base = followed
    page = new_page(viewport, java_script_enabled=False)
    action = plan.actions[len(plan.actions) // 2]
    page.goto(base + rec_path(plan, action.recommendation))
    link = page.locator(f'.action-tools__link[href="#{action.anchor}"]')
    assert link.is_visible()
    link.click()
    assert page.url == base + rec_path(plan, action.recommendation) + f"#{action.anchor}"
    box = page.locator(f"#{action.anchor}").bounding_box()
    assert 0 <= box["y"] < VIEWPORTS[viewport]["height"]


# --- 8. A way to respond ------------------------------------------------------------------------


@BOTH
def test_the_start_page_says_where_to_ask(new_page, followed, viewport):
    plan, base = followed
    page = new_page(viewport)
    page.goto(base)
    respond = page.locator(".md-content .respond")
    assert respond.locator(f'a[href="mailto:{FEEDBACK["email"]}"]').is_visible()
    assert FEEDBACK["name"] in respond.inner_text()
    assert page.locator(".md-content form, .md-content input, .md-content textarea").count() == 0  # nothing collected here
    action = plan.actions[len(plan.actions) // 2]  # and an action's own question, seen where the action stands
    page.goto(base + rec_path(plan, action.recommendation) + f"#{action.anchor}")
    ask = page.locator(f'[id="{action.anchor}"] .action-tools__ask')
    assert ask.is_visible() and f"åtgärd {action.id} " in unquote(ask.get_attribute("href"))
    assert page.locator(".md-content form, .md-content input, .md-content textarea").count() == 0


def test_every_action_says_where_to_ask(new_page, followed):
    plan, base = followed
    page = new_page("desktop")
    recs = with_actions(plan)
    paths = [rec_path(plan, rec.number) for rec in recs]
    found = served(page, base, paths, (".action-tools__ask", "href"), ".md-content form, .md-content input, .md-content textarea")
    for rec, path in zip(recs, paths):
        asks, collected = found[path]
        assert len(asks) == len(rec.actions) and collected == [], rec.number  # nothing collected here
        for href, action in zip(asks, rec.actions):
            address, _, subject = href.removeprefix("mailto:").partition("?subject=")
            assert address == FEEDBACK["email"] and f"åtgärd {action.id} " in unquote(subject), href


def test_without_an_address_of_its_own_the_plans_contact_is_used(new_page, site_url, plan):
    page = new_page("phone")
    page.goto(site_url)
    address = plan.feedback.email if plan.feedback else plan.contact.email
    assert page.locator(f'.md-content .respond a[href="mailto:{address}"]').is_visible()


# --- 6. Deep links into the adopted text ----------------------------------------------------------


def test_every_paragraph_of_the_adopted_text_has_its_address(new_page, site_url, plan):
    page = new_page("desktop")
    paths = [rec_path(plan, rec.number) for rec in plan.recommendations]
    found = served(page, site_url, [*paths, "om-planen/"], (".md-content p[id^='rekommendation-'], .md-content p[id^='inledning-']", "id"))
    ids = {path: read for path, (read,) in found.items()}
    for rec, path in zip(plan.recommendations, paths):
        assert ids[path] == [rec.paragraph_anchor(i) for i in range(len(rec.paragraphs))], rec.number
    assert ids["om-planen/"] == [f"inledning-stycke-{i + 1}" for i in range(len(plan.introduction))]


@BOTH
def test_a_paragraph_address_opens_the_page_at_those_words(new_page, site_url, plan, viewport):
    page = new_page(viewport)
    rec = max(plan.recommendations, key=lambda r: len(r.paragraphs))
    anchor = rec.paragraph_anchor(len(rec.paragraphs) - 1)
    page.goto(site_url + rec_path(plan, rec.number) + "#" + anchor)
    target = page.locator(f"#{anchor}")
    words = rec.paragraphs[-1].replace("*", "").split()
    assert target.inner_text().split()[:3] == words[:3]
    settle(page)
    box = target.bounding_box()
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert header - 1 <= box["y"] < VIEWPORTS[viewport]["height"]
    page.goto(site_url + "hela-planen/#" + anchor)  # the same address on the whole plan's page
    assert page.locator(f"#{anchor}").inner_text().split()[:3] == words[:3]


# --- 7. Filters for what is missing -------------------------------------------------------------

_VISIBLE_IDS = """() => [...document.querySelectorAll('#atgardstabell tbody tr')]
  .filter(row => row.checkVisibility() && row.getBoundingClientRect().height > 0)
  .map(row => row.cells[0].textContent.trim())"""


def section_ids(page, anchor: str) -> list[str]:
    """The action numbers in the table of the no-JavaScript section under the heading #anchor."""
    return page.evaluate(
        """anchor => { const heading = document.getElementById(anchor);
          let el = heading.nextElementSibling; while (el && !el.classList.contains('action-table')) el = el.nextElementSibling;
          return [...el.querySelectorAll('tbody tr')].map(row => row.cells[0].textContent.trim()); }""",
        anchor,
    )


@BOTH
def test_no_owner_and_no_follow_up_are_chosen_like_any_owner_or_status(new_page, followed, viewport):
    plan, base = followed
    page = new_page(viewport)
    page.goto(base + "atgarder/")
    page.wait_for_selector("form.action-filter:not([hidden])")
    status_options = page.eval_on_selector_all("#filter-status option", "os => os.map(o => [o.value, o.textContent])")
    assert ["ingen-uppfoljning", f"Ingen uppföljning rapporterad ({len(plan.unreported_actions)})"] in status_options
    page.select_option("#filter-status", "ingen-uppfoljning")
    assert page.evaluate(_VISIBLE_IDS) == [a.id for a in plan.unreported_actions]
    assert page.text_content(".action-filter__count") == f"Visar {len(plan.unreported_actions)} av {len(plan.actions)} åtgärder."
    if plan.unowned_actions:
        assert page.eval_on_selector("#filter-owner option[value=none]", "o => o.textContent") == "Ingen ansvarig angiven"
        page.select_option("#filter-owner", "none")
        both = [a.id for a in plan.unreported_actions if a.owner is None]
        assert page.evaluate(_VISIBLE_IDS) == both
    # The quick link's address sets the filter, as the year and owner links do.
    page.goto(base + "atgarder/#ingen-uppfoljning")
    page.wait_for_selector("form.action-filter:not([hidden])")
    assert page.input_value("#filter-status") == "ingen-uppfoljning"
    assert page.evaluate(_VISIBLE_IDS) == [a.id for a in plan.unreported_actions]


@BOTH
def test_without_javascript_the_quick_links_lead_to_exactly_the_missing_ones(new_page, followed, viewport):
    plan, base = followed
    page = new_page(viewport, java_script_enabled=False)
    page.goto(base + "atgarder/")
    assert page.locator("form.action-filter").is_hidden()
    expected = {"ingen-uppfoljning": plan.unreported_actions, "ansvarig-ej-angivet": plan.unowned_actions}
    for anchor, actions in expected.items():
        link = page.locator(f'.quick-find a[href="#{anchor}"]')
        assert link.count() == (1 if actions else 0), anchor
        if actions:
            link.click()
            assert page.url.endswith(f"#{anchor}")
            assert page.locator(f"#{anchor}").is_visible()
            assert section_ids(page, anchor) == [a.id for a in actions], anchor


# --- Each new part: zero axe findings at both sizes, with follow-up reported -------------------------


@BOTH
def test_no_axe_violations_on_the_pages_with_follow_up(new_page, followed, viewport):
    plan, base = followed
    page = new_page(viewport)
    paths = ["", "ansvar/", "atgarder/", "oppna-data/", "hela-planen/"] + [rec_path(plan, r.number) for r in with_actions(plan)[:2]]
    paths.append(rec_path(plan, plan.actions[0].recommendation))  # the entry without a source
    found = []
    for path in dict.fromkeys(paths):
        page.goto(base + path)
        settle(page)
        found += [f"/{path}: {line}" for line in describe_violations(axe_check(page)["violations"])]
    assert found == []


def test_the_mail_subject_cannot_add_headers():
    """The check itself: the subject is wholly percent-encoded, so '&' or '?' in a title stay text."""
    from boras_plan.routes import mailto

    assert mailto("a@b.se", "x&cc=c@d.se?") == "mailto:a@b.se?subject=" + quote("x&cc=c@d.se?", safe="")
    assert "&" not in mailto("a@b.se", "x&cc=c@d.se")


# --- The filter without the live behaviour, kept in the address (issues 25 and 26) ---


def picked(plan: Plan, value: str) -> list[str]:
    """The actions a status choice stands for, from the model."""
    if value == "ingen-uppfoljning":
        return [a.id for a in plan.unreported_actions]
    if value == "tidsfrist-passerad":
        return [a.id for a in plan.actions if deadline_passed(a, build_date())]
    return [a.id for a in plan.actions if a.status_label.lower() == value]


def filtered_view(page) -> dict:
    return {
        "ids": page.evaluate(_VISIBLE_IDS),
        "caption": page.text_content("#atgardstabell caption"),
        "query": parse_qs(urlsplit(page.url).query),
        "status": page.input_value("#filter-status"),
    }


@BOTH
def test_the_filter_button_applies_the_choice_and_keeps_it_in_the_address(new_page, followed, screenshots, viewport):
    """Chosen without the live filtering (the value set, no change event), applied by the Filtrera button
    from the keyboard; the address keeps it, so a reload or a shared link shows the same actions."""
    plan, base = followed
    label = max(STATUS_LABELS[:-1], key=lambda s: len(picked(plan, s.lower())))  # the most common reported status
    value, expected = label.lower(), picked(plan, label.lower())
    page = new_page(viewport)
    page.goto(base + "atgarder/")
    page.wait_for_selector("form.action-filter:not([hidden])")
    page.eval_on_selector("#filter-status", "(select, value) => { select.value = value; }", value)
    page.focus("#filter-status")
    page.keyboard.press("Tab")
    button = page.locator("form.action-filter button[type=submit]")
    assert page.evaluate("document.activeElement.type") == "submit" and button.inner_text() == "Filtrera"
    box = button.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24 and box["x"] + box["width"] <= page.viewport_size["width"]
    page.keyboard.press("Enter")
    shown = {"ids": expected, "caption": f"{len(expected)} av {len(plan.actions)} åtgärder: {label}", "query": {"status": [value]}, "status": value}
    assert filtered_view(page) == shown
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert small_targets(page, "form.action-filter") == []
    # The answer is shown: the table, its caption first, in view below the header and focused.
    assert page.evaluate("document.activeElement.id") == "atgardstabell"
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    caption = page.locator("#atgardstabell caption").bounding_box()
    assert header - 1 <= caption["y"] and caption["y"] + caption["height"] <= page.viewport_size["height"]
    task_screenshot(page, screenshots, "filter-i-adressen", viewport, full_page=False)

    page.reload()
    page.wait_for_selector("form.action-filter:not([hidden])")
    assert filtered_view(page) == shown
    shared = new_page(viewport)
    shared.goto(page.url)
    shared.wait_for_selector("form.action-filter:not([hidden])")
    assert filtered_view(shared) == shown
    # A quick link shows its section; Back comes back to the choice in the address.
    year = plan.years[-1]
    page.click(f'.quick-find a[href="#ar-{year}"]')
    in_year = [a.id for a in plan.actions if a.due == year]
    assert page.text_content("#atgardstabell caption") == f"{len(in_year)} av {len(plan.actions)} åtgärder: klart senast {year}"
    page.go_back()
    page.wait_for_function("value => document.getElementById('filter-status').value === value", arg=value)
    assert filtered_view(page) == shown

    page.click("form.action-filter button[type=reset]")
    page.wait_for_function("() => !location.search")
    assert page.evaluate(_VISIBLE_IDS) == [a.id for a in plan.actions]
    assert page.text_content("#atgardstabell caption") == f"Alla {len(plan.actions)} åtgärder i planen"


@BOTH
def test_the_caption_says_what_owner_year_and_status_show(new_page, followed, viewport):
    plan, base = followed
    role = max((r for r in plan.roles if plan.actions_by_role[r.id]), key=lambda r: len(plan.actions_by_role[r.id]))
    year = plan.actions_by_role[role.id][0].due
    status = next(a.status_label for a in plan.actions_by_role[role.id] if a.due == year)
    expected = [a.id for a in plan.actions_by_role[role.id] if a.due == year and a.status_label == status]
    page = new_page(viewport)
    page.goto(base + f"atgarder/?owner={quote(role.id)}&year={year}&status={quote(status.lower())}")
    page.wait_for_selector("form.action-filter:not([hidden])")
    assert page.evaluate(_VISIBLE_IDS) == expected
    owner_name = page.eval_on_selector(f'#filter-owner option[value="{role.id}"]', "o => o.textContent")
    assert page.text_content("#atgardstabell caption") == f"{len(expected)} av {len(plan.actions)} åtgärder: {owner_name}, klart senast {year}, {status}"
    # A choice the form does not offer (an old link) is left out, not guessed.
    page.goto(base + "atgarder/?status=finns-inte")
    page.wait_for_selector("form.action-filter:not([hidden])")
    assert page.input_value("#filter-status") == "" and page.evaluate(_VISIBLE_IDS) == [a.id for a in plan.actions]


@BOTH
def test_each_status_choice_shows_its_count_and_no_two_show_the_same_actions(new_page, followed, viewport):
    """The three choices for what is missing read "(20)" alike before: now each choice's count is what it
    shows, and no two choices with actions show the same ones."""
    plan, base = followed
    page = new_page(viewport)
    page.goto(base + "atgarder/")
    page.wait_for_selector("form.action-filter:not([hidden])")
    options = page.eval_on_selector_all("#filter-status option", "os => os.slice(1).map(o => [o.value, o.textContent])")
    shown = {}
    for value, text in options:
        page.select_option("#filter-status", value)
        shown[value] = page.evaluate(_VISIBLE_IDS)
        assert shown[value] == picked(plan, value), value
        assert text.endswith(f" ({len(shown[value])})"), text
    with_actions = [tuple(ids) for ids in shown.values() if ids]
    assert len(with_actions) == len(set(with_actions))
    assert any(a.log and not a.status for a in plan.actions) and "ej rapporterad" in shown  # this copy tells them apart


@BOTH
def test_codesniffer_finds_nothing_on_a_filtered_view(new_page, followed, viewport):
    plan, base = followed
    page = new_page(viewport)
    page.goto(base + "atgarder/?status=ingen-uppfoljning")
    page.wait_for_selector("form.action-filter:not([hidden])")
    assert describe_errors(codesniffer_errors(page)) == []
