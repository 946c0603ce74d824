"""Accessibility: every axe-core rule passes on every page, at phone and desktop size (run on the
one visit of each page, fixture `visits`), also with the phone menu open (with the search open:
test_search.py); HTML_CodeSniffer (WCAG2AA) finds no error on the same visits."""

import pytest
from codesniffer import codesniffer_errors, describe_errors
from pagecheck import axe_check, describe_violations, settle


def failures(results_by_page: dict[str, dict]) -> list[str]:
    return [f"/{path}: {line}" for path, results in results_by_page.items() for line in describe_violations(results["violations"])]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_no_axe_violations_on_any_page(visits, viewport):
    results = {path: visit.checks["axe"] for path, visit in visits[viewport].items()}
    for path, result in results.items():
        assert result["rules"] > 90 and result["not_run"] == [], f"/{path}: axe körde inte alla regler"
    assert failures(results) == []


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_no_codesniffer_errors_on_any_page(visits, viewport):
    errors = [f"/{path}: {line}" for path, visit in visits[viewport].items() for line in describe_errors(visit.checks["codesniffer"])]
    assert errors == []


def test_no_axe_violations_with_phone_menu_open(new_page, site_url):
    page = new_page("phone")
    page.goto(site_url + "rekommendationer/")
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    settle(page)  # the drawer slides in
    assert failures({"rekommendationer/ (meny öppen)": axe_check(page)}) == []


def test_axe_finds_a_known_violation(new_page):
    """The check itself: a picture without text and too little contrast (AA, and AAA only) are reported."""
    page = new_page("desktop")
    page.set_content(
        '<!doctype html><html lang="sv"><title>Prov</title><main><h1>Prov</h1>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<p style="color:#999;background:#fff">Svag text</p>'
        '<p style="color:#6f6f6f;background:#fff">Nästan tillräckligt tydlig text</p></main></html>'
    )
    violations = {violation["id"]: violation["nodes"] for violation in axe_check(page)["violations"]}
    assert {"image-alt", "color-contrast", "color-contrast-enhanced"} <= set(violations)
    assert [node.split("  ")[0] for node in violations["image-alt"]] == ["img"]  # each finding names its element


def test_codesniffer_finds_known_errors(new_page):
    """The check itself: a form without a submit button and a picture without text are reported, with the
    technique (the last part of the code, e.g. WCAG2AA.Principle1.Guideline1_1.1_1_1.H37) and the place."""
    page = new_page("desktop")
    page.set_content(
        '<!doctype html><html lang="sv"><title>Prov</title><main><h1>Prov</h1>'
        '<form id="prov"><label for="f">Fält</label><input id="f" name="f"></form>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></html>'
    )
    found = {(error["code"].split(".", 4)[-1], error["selector"]) for error in codesniffer_errors(page)}
    assert {("H32.2", "#prov"), ("H37", "body > main > img")} <= found
