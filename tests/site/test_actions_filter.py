"""The all-actions page in a real browser: filters and sorting (with JavaScript)."""

import pytest

from boras_plan.loader import load_plan
from tests.conftest import ROOT

PLAN = load_plan(ROOT / "data" / "plan.yaml")


@pytest.fixture
def actions_page(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "atgarder/")
    page.wait_for_selector("form.action-filter:not([hidden])")
    yield page
    page.close()


def visible_ids(page):
    return page.eval_on_selector_all("#atgardstabell tbody tr:not([hidden]) td:first-child", "cells => cells.map(c => c.textContent.trim())")


def test_owner_and_year_filter_answers_the_staff_question(actions_page):
    actions_page.select_option("#filter-owner", "kommunstyrelsen")
    actions_page.select_option("#filter-year", "2017")
    expected = [a.id for a in PLAN.actions_by_role["kommunstyrelsen"] if a.due == 2017]
    assert visible_ids(actions_page) == expected
    assert actions_page.text_content(".action-filter__count") == f"Visar {len(expected)} av 21 åtgärder."
    statuses = actions_page.eval_on_selector_all("#atgardstabell tbody tr:not([hidden]) .status", "s => s.map(x => x.textContent)")
    assert set(statuses) == {"Ej rapporterad"}


def test_no_owner_and_status_filters(actions_page):
    actions_page.select_option("#filter-owner", "none")
    assert visible_ids(actions_page) == ["11.2"]
    actions_page.select_option("#filter-owner", "")
    actions_page.select_option("#filter-status", "pågår")
    assert visible_ids(actions_page) == []
    actions_page.click("form.action-filter button[type=reset]")
    actions_page.wait_for_function("document.querySelectorAll('#atgardstabell tbody tr:not([hidden])').length === 21")


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


def test_a_quick_find_link_sets_the_filter(actions_page):
    link = actions_page.locator('.quick-find a[href="#ansvarig-kommunstyrelsen-2017"]')
    link.focus()
    actions_page.keyboard.press("Enter")
    expected = [a.id for a in PLAN.actions_by_role["kommunstyrelsen"] if a.due == 2017]
    assert visible_ids(actions_page) == expected
    assert actions_page.input_value("#filter-owner") == "kommunstyrelsen" and actions_page.input_value("#filter-year") == "2017"
    assert actions_page.evaluate("location.hash") == "#ansvarig-kommunstyrelsen-2017"
    assert actions_page.evaluate("document.activeElement.id") == "atgardstabell"  # focus follows, for keyboard users
    actions_page.click('.quick-find a[href="#ar-2019"]')
    assert visible_ids(actions_page) == [a.id for a in PLAN.actions if a.due == 2019]
    assert actions_page.input_value("#filter-owner") == ""
    actions_page.go_back()  # back to the earlier choice
    actions_page.wait_for_function("document.getElementById('filter-year').value === '2017'")
    assert visible_ids(actions_page) == expected


@pytest.mark.parametrize("hash_, expected", [
    ("#ansvarig-ej-angivet", lambda: [a.id for a in PLAN.unowned_actions]),
    ("#ar-2016", lambda: [a.id for a in PLAN.actions if a.due == 2016]),
    ("#per-ansvarig", lambda: [a.id for a in PLAN.actions]),
])
def test_an_address_of_a_grouped_section_opens_the_table_filtered(browser, site_url, hash_, expected):
    page = browser.new_page()
    page.goto(site_url + "atgarder/" + hash_)
    page.wait_for_selector("form.action-filter:not([hidden])")
    assert visible_ids(page) == expected()
    page.close()


# Layout shift of the page until it has settled (layout-shift entries, as Lighthouse counts them).
_LAYOUT_SHIFT = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => done(total), 1000);
})"""


def test_filter_form_is_laid_out_before_the_script_runs(browser, site_url):
    """The form takes its place from the first paint (class js set in <head>), not when
    actions.js runs: with the script blocked it is still laid out, with its count."""
    page = browser.new_page(viewport={"width": 412, "height": 823})
    page.route("**/actions.js", lambda route: route.abort())
    page.goto(site_url + "atgarder/")
    form = page.locator("form.action-filter")
    assert form.is_visible() and form.bounding_box()["height"] > 40
    assert page.text_content(".action-filter__count") == "Visar 21 av 21 åtgärder."
    page.close()


def test_the_page_does_not_move_when_the_scripts_run(browser, site_url):
    page = browser.new_page(viewport={"width": 412, "height": 823})
    page.goto(site_url + "atgarder/")
    page.wait_for_selector("form.action-filter:not([hidden])")
    assert page.evaluate(_LAYOUT_SHIFT) < 0.01  # before the fix: 0.084
    page.close()
