"""The all-actions page in a real browser: filters and sorting (with JavaScript).

Every expected answer comes from the plan under test (fixture plan): the owner with the most actions,
its busiest year, each status and each year the plan has.
"""

from collections import Counter

import pytest

from boras_plan.model import STATUSES


@pytest.fixture(autouse=True)
def something_to_filter(plan):
    # The filter is shown only when there is something to filter.
    if not plan.actions:
        pytest.skip("planen har inga åtgärder att filtrera")


@pytest.fixture
def busiest(plan):
    """The question staff ask: "what must <owner> have done by <year>?", for the plan's busiest owner and year."""
    owner = max(plan.owner_ids, key=lambda r: len(plan.actions_by_role[r]), default=None)
    if owner is None:
        pytest.skip("ingen åtgärd i planen har en ansvarig")
    return owner, Counter(a.due for a in plan.actions_by_role[owner]).most_common(1)[0][0]


@pytest.fixture
def actions_page(new_page, site_url):
    page = new_page("desktop")
    page.goto(site_url + "atgarder/")
    page.wait_for_selector("form.action-filter:not([hidden])")
    return page


def visible_ids(page):
    return page.eval_on_selector_all("#atgardstabell tbody tr:not([hidden]) td:first-child", "cells => cells.map(c => c.textContent.trim())")


def shown_statuses(page):
    return page.eval_on_selector_all("#atgardstabell tbody tr:not([hidden]) .status", "s => s.map(x => x.textContent)")


def test_owner_and_year_filter_answers_the_staff_question(actions_page, plan, busiest):
    OWNER, YEAR = busiest
    TOTAL = len(plan.actions)
    actions_page.select_option("#filter-owner", OWNER)
    actions_page.select_option("#filter-year", str(YEAR))
    chosen = [a for a in plan.actions_by_role[OWNER] if a.due == YEAR]
    assert visible_ids(actions_page) == [a.id for a in chosen]
    assert actions_page.text_content(".action-filter__count") == f"Visar {len(chosen)} av {TOTAL} åtgärder."
    assert shown_statuses(actions_page) == [a.status_label for a in chosen]


def test_no_owner_filter(actions_page, plan):
    options = actions_page.eval_on_selector_all("#filter-owner option", "o => o.map(x => x.value)")
    assert options == ["", *plan.owner_ids] + (["none"] if plan.unowned_actions else [])
    if plan.unowned_actions:
        actions_page.select_option("#filter-owner", "none")
        assert visible_ids(actions_page) == [a.id for a in plan.unowned_actions]


@pytest.mark.parametrize("status", [*STATUSES, None], ids=[*STATUSES, "ej rapporterad"])
def test_status_filter_shows_the_actions_with_that_status(actions_page, plan, status):
    TOTAL = len(plan.actions)
    expected = [a for a in plan.actions if a.status == status]
    if status is None and not any(a.log and not a.status for a in plan.actions):
        # "Ej rapporterad" would pick what "Ingen uppföljning rapporterad" picks: not offered (parts.status_choices).
        values = actions_page.eval_on_selector_all("#filter-status option", "o => o.map(x => x.value)")
        assert "ej rapporterad" not in values
        return
    label = status.capitalize() if status else "Ej rapporterad"
    actions_page.select_option("#filter-status", label.lower())
    assert visible_ids(actions_page) == [a.id for a in expected]
    assert set(shown_statuses(actions_page)) == ({label} if expected else set())
    assert actions_page.text_content(".action-filter__count") == f"Visar {len(expected)} av {TOTAL} åtgärder."
    actions_page.click("form.action-filter button[type=reset]")
    actions_page.wait_for_function(f"() => document.querySelectorAll('#atgardstabell tbody tr:not([hidden])').length === {TOTAL}")


def test_sorting_by_year_and_number(actions_page):
    header = actions_page.locator("#atgardstabell thead th").nth(2)
    header.click()
    years = actions_page.eval_on_selector_all("#atgardstabell tbody tr td:nth-child(3)", "c => c.map(x => +x.textContent)")
    assert years == sorted(years) or years == sorted(years, reverse=True)
    assert header.get_attribute("aria-sort") in ("ascending", "descending")
    number = actions_page.locator("#atgardstabell thead th").first
    number.focus()
    actions_page.keyboard.press("Enter")  # sortable by keyboard too
    ids = [tuple(map(int, i.split("."))) for i in visible_ids(actions_page)]
    assert ids in (sorted(ids), sorted(ids, reverse=True))


def test_with_javascript_the_grouped_copies_give_way_to_the_filter(actions_page):
    """The per-year and per-owner sections are the no-JavaScript answer; with JavaScript they are hidden."""
    assert actions_page.locator(".action-groups").is_hidden()
    assert actions_page.locator("#atgardstabell").is_visible()


def test_a_quick_find_link_sets_the_filter(actions_page, plan, busiest):
    OWNER, YEAR = busiest
    link = actions_page.locator(f'.quick-find a[href="#ansvarig-{OWNER}-{YEAR}"]')
    link.focus()
    actions_page.keyboard.press("Enter")
    expected = [a.id for a in plan.actions_by_role[OWNER] if a.due == YEAR]
    assert visible_ids(actions_page) == expected
    assert actions_page.input_value("#filter-owner") == OWNER and actions_page.input_value("#filter-year") == str(YEAR)
    assert actions_page.evaluate("location.hash") == f"#ansvarig-{OWNER}-{YEAR}"
    assert actions_page.evaluate("document.activeElement.id") == "atgardstabell"  # focus follows, for keyboard users
    last_year = plan.years[-1]
    actions_page.click(f'.quick-find a[href="#ar-{last_year}"]')
    assert visible_ids(actions_page) == [a.id for a in plan.actions if a.due == last_year]
    assert actions_page.input_value("#filter-owner") == ""
    actions_page.go_back()  # back to the earlier choice
    actions_page.wait_for_function(f"() => document.getElementById('filter-year').value === '{YEAR}'")
    assert visible_ids(actions_page) == expected


def test_an_address_of_a_grouped_section_opens_the_table_filtered(new_page, site_url, plan):
    sections = {
        **({"#ansvarig-ej-angivet": plan.unowned_actions} if plan.unowned_actions else {}),
        **({"#ingen-uppfoljning": plan.unreported_actions} if plan.unreported_actions else {}),
        **{f"#ar-{year}": plan.actions_by_year[year] for year in plan.years},
        "#per-ansvarig": plan.actions,
    }
    page = new_page("desktop")
    wrong = []
    for hash_, expected in sections.items():
        page.goto("about:blank")  # each address opened anew, not a jump within the page
        page.goto(site_url + "atgarder/" + hash_)
        page.wait_for_selector("form.action-filter:not([hidden])")
        if visible_ids(page) != [a.id for a in expected]:
            wrong.append(f"{hash_}: {visible_ids(page)}")
    assert wrong == []


# Layout shift of the page until it has settled (layout-shift entries, as Lighthouse counts them).
_LAYOUT_SHIFT = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => done(total), 1000);
})"""


def test_filter_form_is_laid_out_before_the_script_runs(browser, site_url, plan):
    """The form takes its place from the first paint (class js set in <head>), not when
    actions.js runs: with the script blocked it is still laid out, with its count."""
    page = browser.new_page(viewport={"width": 412, "height": 823})
    page.route("**/actions.js", lambda route: route.abort())
    page.goto(site_url + "atgarder/")
    form = page.locator("form.action-filter")
    assert form.is_visible() and form.bounding_box()["height"] > 40
    assert page.text_content(".action-filter__count") == f"Visar {len(plan.actions)} av {len(plan.actions)} åtgärder."
    page.close()


def test_the_page_does_not_move_when_the_scripts_run(browser, site_url):
    page = browser.new_page(viewport={"width": 412, "height": 823})
    page.goto(site_url + "atgarder/")
    page.wait_for_selector("form.action-filter:not([hidden])")
    assert page.evaluate(_LAYOUT_SHIFT) < 0.01  # before the fix: 0.084
    page.close()
