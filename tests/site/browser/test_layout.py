"""Phones and desktops: no page scrolls sideways; wide tables scroll in their own box or reflow.
Screenshots of three typical pages (browser/conftest.py, screenshot_pages) are saved on their
one visit for people to look at."""

import pytest
from pagecheck import overflow, screenshot_pages


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_no_page_scrolls_sideways(visits, viewport):
    problems = [f"/{path}: {problem}" for path, visit in visits[viewport].items() for problem in visit.checks["overflow"]]
    assert problems == []


def test_overflow_check_catches_a_wide_table(new_page):
    """The check itself: a table wider than a phone, outside any scrolling box, is reported."""
    page = new_page("phone")
    page.set_content(
        '<!doctype html><html lang="sv"><body><div class="md-content">'
        '<table><tr><td style="min-width:900px">Bred</td></tr></table>'
        '<div style="overflow-x:auto"><table><tr><td style="min-width:900px">Rullar</td></tr></table></div>'
        "</div></body></html>"
    )
    problems = overflow(page)
    assert problems and problems[0].startswith("sidan är 9")
    assert not any("Rullar" in problem for problem in problems)
    assert len([p for p in problems if p.startswith("<td")]) == 1


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_screenshots(visits, plan, viewport):
    shots = {path: visits[viewport][path].screenshot for path in screenshot_pages(plan)}
    for path, target in shots.items():
        assert target is not None and target.stat().st_size > 10_000, f"/{path}: {target}"  # not a blank page
