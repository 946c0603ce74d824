"""The page Ändringar and the feeds of one action and one role (issue 19, items 2 and 3), in real
Chromium on a phone (360x740) and a desktop (1280x900).

A resident opens Ändringar from the menu and follows an entry to the action it is about; a staff
member finds the feed of one action and of one role where they are shown, and reads it (feedparser).
The site is built from a copy of the plan under test with follow-up and an addition reported
(followed.py, shared with test_following); every expected value comes from the model of that copy (changes.py).
"""

from __future__ import annotations

from urllib.parse import urljoin

import feedparser
import pytest
from pagecheck import VIEWPORTS, axe_check, describe_violations, settle
from targets import small_targets

from boras_plan import changes, feed, routes
from boras_plan.lifecycle import build_date
from boras_plan.model import Plan

BOTH = pytest.mark.parametrize("viewport", list(VIEWPORTS))


@pytest.fixture(scope="module")
def followed(followed_site) -> tuple[Plan, str, list[changes.Change]]:
    """(model, base URL, its changes) of the plan under test with follow-up reported (followed.py)."""
    plan, base = followed_site
    return plan, base, changes.changes(plan, build_date())  # outside the repository: no days from git


def open_from_menu(page, name: str) -> None:
    """Click a page's entry in the main menu, opening the phone's drawer first."""
    if page.viewport_size["width"] < 1220:  # Material shows the menu as a drawer below 76.25em
        page.click("label.md-header__button[for=__drawer]")
        page.wait_for_function("() => document.getElementById('__drawer').checked")
    page.locator(".md-nav--primary a.md-nav__link", has_text=name).first.click()


def in_view(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    return box is not None and header - 1 <= box["y"] < page.viewport_size["height"]


def read_feed(page, url: str):
    response = page.request.get(url)
    assert response.ok, url
    parsed = feedparser.parse(response.body())
    assert not parsed.bozo and parsed.version == "atom10", parsed.get("bozo_exception")
    return parsed


@BOTH
def test_a_resident_opens_the_changes_and_follows_one_to_the_action(new_page, followed, artifacts, viewport):
    plan, base, listed = followed
    page = new_page(viewport)
    page.goto(base)
    open_from_menu(page, "Ändringar")
    page.wait_for_url(base + routes.site_path(routes.CHANGES))
    entries = page.locator(".md-content .change")
    assert entries.count() == len(listed)
    assert page.eval_on_selector_all(".md-content .change time", "ts => ts.map(t => t.getAttribute('datetime'))") == [c.date for c in listed]
    assert [t.strip() for t in page.locator(".md-content .change__title").all_inner_texts()] == [c.title for c in listed]
    # The plan's own words are marked as a quote from it; the rest is the site's, as the page says.
    assert page.locator(".md-content .change .plan-quote").count() == sum(c.quoted for c in listed)
    assert page.locator(".md-content .site-addition").is_visible()
    # The newest report, followed to the action it is about.
    index, change = next((i, c) for i, c in enumerate(listed) if c.kind == changes.FOLLOW_UP)
    link = entries.nth(index).locator(".change__link a")
    assert link.inner_text() == change.link_text
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_url(base + routes.site_path(change.page) + f"#{change.anchor}")
    settle(page)
    assert in_view(page, f"#{change.anchor}")
    assert page.locator(f"#{change.anchor} td").first.inner_text().strip() == change.action
    size = VIEWPORTS[viewport]
    (artifacts / "screenshots").mkdir(exist_ok=True)
    page.screenshot(path=artifacts / "screenshots" / f"uppgift-andringar-{size['width']}x{size['height']}.png")


@BOTH
def test_staff_find_the_feed_of_one_action_and_of_one_role(new_page, followed, viewport):
    plan, base, listed = followed
    page = new_page(viewport)
    reported = [a for a in plan.actions if a.log]
    action = max(reported, key=lambda a: len(a.log))
    page.goto(base + routes.recommendation_url(plan, action.recommendation))
    link = page.locator(f"#{action.anchor} .action-tools__feed")
    link.scroll_into_view_if_needed()
    assert link.is_visible() and link.get_attribute("type") == "application/atom+xml"
    url = urljoin(page.url, link.get_attribute("href"))
    heads = page.eval_on_selector_all('head link[rel=alternate][type="application/atom+xml"]', "ls => ls.map(l => l.href)")
    assert url in heads and base + feed.FEED_NAME in heads
    parsed = read_feed(page, url)
    expected = changes.for_action(listed, action)
    assert [e.id for e in parsed.entries] == [feed.entry_id(plan, c) for c in expected]
    assert [e.title for e in parsed.entries] == [c.title for c in expected]
    own = [e for e, c in zip(parsed.entries, expected) if c.action == action.id]
    assert len(own) == len(action.log) + bool(action.addition)
    assert {urljoin(url, e.link) for e in own} == {base + routes.recommendation_url(plan, action.recommendation) + f"#{action.anchor}"}

    role = plan.role_by_id[max(plan.owner_ids, key=lambda r: len(plan.actions_by_role[r]))]
    page.goto(base + routes.site_path(routes.ROLES))
    link = page.get_by_role("link", name=f"Följ åtgärderna som {role.name} ansvarar för i en flödesläsare (Atom-flöde)")
    link.scroll_into_view_if_needed()
    assert link.is_visible()
    url = urljoin(page.url, link.get_attribute("href"))
    heads = page.eval_on_selector_all('head link[rel=alternate][type="application/atom+xml"]', "ls => ls.map(l => l.href)")
    assert url in heads
    parsed = read_feed(page, url)
    assert [e.id for e in parsed.entries] == [feed.entry_id(plan, c) for c in changes.for_role(listed, plan, role)]
    assert urljoin(url, parsed.feed.link) == base + routes.site_path(routes.ROLES) + f"#{role.anchor}"


@BOTH
def test_no_axe_violations_on_the_changes_page(new_page, followed, viewport):
    plan, base, _ = followed
    page = new_page(viewport)
    page.goto(base + routes.site_path(routes.CHANGES))
    settle(page)
    assert describe_violations(axe_check(page)["violations"]) == []


@BOTH
def test_two_notes_from_one_day_stand_newest_first_and_every_link_is_a_24_px_target(new_page, followed, viewport):
    """The page says "den senaste först": of one action's notes from one day the later in its log is the
    newer and stands first. Its links, "(källa)" among them, are at least 24×24 px, here and on the action's page."""
    plan, base, listed = followed
    action, day = next((a, e.date) for a in plan.actions for e in a.log if sum(f.date == e.date for f in a.log) > 1)
    page = new_page(viewport)
    page.goto(base + routes.site_path(routes.CHANGES))
    texts = page.eval_on_selector_all(".md-content .change__text", "ps => ps.map(p => p.firstChild.textContent.replace(/\\s*\\($/, '').trim())")
    same_day = [e.text for e in action.log if e.date == day]
    assert [t for t in texts if t in same_day] == same_day[::-1]
    assert page.locator(".md-content .change__text a", has_text="källa").count() == sum(1 for c in listed if c.source)
    assert small_targets(page, "article") == []
    page.goto(base + routes.recommendation_url(plan, action.recommendation))
    assert page.locator(".md-content .followup__log a", has_text="källa").count() > 0
    assert small_targets(page, "article") == []
