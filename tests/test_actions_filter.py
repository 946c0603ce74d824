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
