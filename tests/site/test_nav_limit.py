"""Large plans: above NAV_LIMIT the recommendation pages leave the nav (a nav of all of
them in every page made the build quadratic), and stay reachable from the list page
and from each other (previous/next)."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from mkdocs.config import load_config

from boras_plan import routes
from boras_plan.loader import load_plan
from boras_plan.synthetic import write_scaled_plan
from tests.conftest import ROOT, build_site

NAV_LIMIT = load_config(str(ROOT / "mkdocs.yml")).plugins["boras-plan"].config.nav_limit


def _url(plan, rec) -> str:
    return routes.site_path(routes.recommendation(plan, rec.number))


def _nav(page_html: str) -> str:
    """The primary navigation sidebar of a built page."""
    return page_html.split('<nav class="md-nav md-nav--primary"', 1)[1].split('class="md-sidebar md-sidebar--secondary"', 1)[0]


def _pager(page_html: str) -> dict[str, str]:
    """{'prev'|'next': href} of the page's own previous/next links."""
    pager = page_html.split('<nav class="rec-pager"', 1)[1].split("</nav>", 1)[0]
    return {rel: href for href, rel in re.findall(r'href="([^"]+)" rel="(prev|next)"', pager)}


@pytest.fixture(scope="module")
def large_site(tmp_path_factory, committed_plan, committed_plan_file):
    tmp = tmp_path_factory.mktemp("large")
    factor = NAV_LIMIT // len(committed_plan.recommendations) + 1  # just above the limit: a build of a few seconds
    write_scaled_plan(committed_plan_file, factor, tmp / "plan.yaml")
    plan = load_plan(tmp / "plan.yaml")
    result = build_site(tmp / "site", plan_file=tmp / "plan.yaml")
    return plan, tmp / "site", result


def test_a_plan_under_the_limit_lists_its_recommendations_in_the_nav(html_pages, plan):
    if len(plan.recommendations) > NAV_LIMIT:
        pytest.skip("planen har fler rekommendationer än menyn visar")
    nav = _nav(html_pages[""])
    for rec in plan.recommendations:
        assert f'href="{_url(plan, rec)}"' in nav, rec.number


def test_a_large_plan_builds_cleanly(large_site):
    plan, _, result = large_site
    assert len(plan.recommendations) > NAV_LIMIT
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr


def test_a_large_plan_has_every_page_but_not_in_the_nav(large_site):
    plan, site, _ = large_site
    start = (site / "index.html").read_text(encoding="utf-8")
    nav = _nav(start)
    assert 'href="rekommendationer/"' in nav  # the list page stands for them all
    listing_url = routes.site_path(routes.RECOMMENDATIONS)
    listing = (site / listing_url / "index.html").read_text(encoding="utf-8")
    linked = {urljoin("/" + listing_url, href) for href in re.findall(r'href="([^"#]+)"', listing)}
    for rec in plan.recommendations:
        assert (site / _url(plan, rec) / "index.html").is_file(), rec.number
        assert _url(plan, rec) not in nav, rec.number
        assert "/" + _url(plan, rec) in linked, rec.number


def test_a_large_plan_pages_link_previous_and_next(large_site):
    plan, site, _ = large_site
    recs = plan.recommendations
    for i, rec in enumerate(recs):
        pager = _pager((site / _url(plan, rec) / "index.html").read_text(encoding="utf-8"))
        expected = {}
        if i > 0:
            expected["prev"] = "/" + _url(plan, recs[i - 1])
        if i + 1 < len(recs):
            expected["next"] = "/" + _url(plan, recs[i + 1])
        assert {rel: urljoin("/" + _url(plan, rec), href) for rel, href in pager.items()} == expected, rec.number
