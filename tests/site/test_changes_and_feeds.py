"""The built site's page Ändringar and its feeds, on the plan under test as the build reads it:
with the days git saw the plan file change when it is in the repository's history (data/plan.yaml),
none for a plan git does not know (a generated variant, a copy). Expected values from the model."""

from __future__ import annotations

import html
import os
import re
from urllib.parse import urljoin

import feedparser

from boras_plan import changes, feed, routes
from boras_plan.git_dates import history
from boras_plan.lifecycle import build_date
from tests.conftest import ROOT
from tests.helpers import article_text

BASE = "http://site/"
ALTERNATE = re.compile(r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]+)">')


def expected_changes(plan, plan_file) -> list[changes.Change]:
    days = history(ROOT).change_days(os.path.relpath(plan_file, ROOT))
    return changes.changes(plan, build_date(), days)


def parse(path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo and parsed.version == "atom10", (path, parsed.get("bozo_exception"))
    return parsed


def test_the_page_lists_every_change_newest_first_each_linked_to_where_it_shows(html_pages, plan, plan_file):
    listed = expected_changes(plan, plan_file)
    url = routes.site_path(routes.CHANGES)
    page = html_pages[url]
    items = re.findall(r'<li class="change change--([a-z-]+)">(.*?)</li>', page, re.S)
    assert [kind for kind, _ in items] == [c.kind for c in listed]
    for (_, item), change in zip(items, listed):
        assert f'<time datetime="{change.date}">' in item
        assert html.unescape(re.search(r'<p class="change__title">(.*?)</p>', item).group(1)) == change.title
        href = re.search(r'<p class="change__link"><a href="([^"]+)">', item).group(1)
        target = routes.site_path(change.page) + (f"#{change.anchor}" if change.anchor else "")
        assert urljoin(BASE + url, html.unescape(href)) == BASE + target
    for other in ("", routes.site_path(routes.ROLES)):  # reachable from the menu of any page
        menu = html_pages[other].split('<nav class="md-nav md-nav--primary"', 1)[1].split('class="md-sidebar md-sidebar--secondary"', 1)[0]
        hrefs = [urljoin(BASE + other, h) for h in re.findall(r'<a href="([^"]+)"[^>]*class="md-nav__link', menu)]
        assert BASE + url in hrefs, other


# A file name as residents would read it: name, dot, a kind of file (plan.yaml, uppfoljning/1.1.yaml).
FILE_NAME = re.compile(r"\b[\w.-]+\.(?:ya?ml|json|csv|xml|md|py)\b")


def test_the_page_names_no_file_for_residents(html_pages, plan, plan_file):
    """A revision entry says that the plan changed, in Swedish prose, never which file did."""
    text = article_text(html_pages[routes.site_path(routes.CHANGES)])
    assert FILE_NAME.findall(text) == []
    assert FILE_NAME.findall(changes.REVISION_TEXT) == [] and FILE_NAME.findall("Filen plan.yaml ändrades.") == ["plan.yaml"]
    revisions = [c for c in expected_changes(plan, plan_file) if c.kind == changes.REVISION]
    assert text.count(changes.REVISION_TEXT) == len(revisions)


def test_the_site_feed_carries_the_same_entries(site_dir, plan, plan_file):
    listed = expected_changes(plan, plan_file)
    parsed = parse(site_dir / feed.FEED_NAME)
    assert [e.id for e in parsed.entries] == [feed.entry_id(plan, c) for c in listed]
    assert [e.title for e in parsed.entries] == [c.title for c in listed]


def test_every_action_and_owner_role_has_its_feed_announced_where_it_is_shown(site_dir, html_pages, plan, plan_file):
    listed = expected_changes(plan, plan_file)
    published = {p.name for p in site_dir.glob(f"{routes.FEED_PREFIX}*.xml")}
    expected = {routes.action_feed(a) for a in plan.actions} | {routes.role_feed(plan.role_by_id[r]) for r in plan.owner_ids}
    assert published == expected
    ids = {feed.entry_id(plan, c) for c in listed}
    for path in sorted(published):
        assert {e.id for e in parse(site_dir / path).entries} <= ids, path

    def announced(url: str) -> set[str]:
        return {urljoin(BASE + url, h) for h in ALTERNATE.findall(html_pages[url])}

    for rec in plan.recommendations:
        url = routes.recommendation_url(plan, rec.number)
        assert announced(url) == {BASE + feed.FEED_NAME} | {BASE + routes.action_feed(a) for a in rec.actions}, url
        for action in rec.actions:
            assert f'href="{routes.relative_url(routes.action_feed(action), url)}" type="application/atom+xml"' in html_pages[url]
    roles_url = routes.site_path(routes.ROLES)
    assert announced(roles_url) == {BASE + feed.FEED_NAME} | {BASE + routes.role_feed(plan.role_by_id[r]) for r in plan.owner_ids}
    for role_id in plan.owner_ids:
        href = routes.relative_url(routes.role_feed(plan.role_by_id[role_id]), roles_url)
        assert f'<a href="{href}" type="application/atom+xml">' in html_pages[roles_url], role_id
