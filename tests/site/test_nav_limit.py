"""Large plans: above NAV_LIMIT the recommendation pages leave the nav (a nav of all of
them in every page made the build quadratic), and stay reachable from the list page
and from each other (previous/next)."""

from __future__ import annotations

import re

import pytest

from bench.synthetic import write_scaled_plan
from boras_plan.loader import load_plan
from boras_plan.mkdocs_hooks import NAV_LIMIT
from tests.conftest import ROOT, build_site

REAL = load_plan(ROOT / "data" / "plan.yaml")
FACTOR = 4  # 48 recommendations: above the limit, and a build of a few seconds


def _nav(page_html: str) -> str:
    """The primary navigation sidebar of a built page."""
    return page_html.split('<nav class="md-nav md-nav--primary"', 1)[1].split('class="md-sidebar md-sidebar--secondary"', 1)[0]


def _pager(page_html: str) -> dict[str, str]:
    """{'prev'|'next': href} of the page's own previous/next links."""
    pager = page_html.split('<nav class="rec-pager"', 1)[1].split("</nav>", 1)[0]
    return {rel: href for href, rel in re.findall(r'href="([^"]+)" rel="(prev|next)"', pager)}


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("large")
    write_scaled_plan(ROOT / "data" / "plan.yaml", FACTOR, tmp / "plan.yaml")
    plan = load_plan(tmp / "plan.yaml")
    result = build_site(tmp / "site", plan_file=tmp / "plan.yaml")
    return plan, tmp / "site", result


def test_the_real_plan_lists_its_recommendations_in_the_nav(html_pages):
    assert len(REAL.recommendations) <= NAV_LIMIT
    nav = _nav(html_pages[""])
    for rec in REAL.recommendations:
        assert f'href="rekommendationer/{rec.slug}/"' in nav, rec.number


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
    listing = (site / "rekommendationer" / "index.html").read_text(encoding="utf-8")
    for rec in plan.recommendations:
        page = site / "rekommendationer" / rec.slug / "index.html"
        assert page.is_file(), rec.number
        assert f"rekommendationer/{rec.slug}/" not in nav, rec.number
        assert f'href="../{rec.slug}/"' in listing or f'href="../rekommendationer/{rec.slug}/"' in listing, rec.number


def test_a_large_plan_pages_link_previous_and_next(large_site):
    plan, site, _ = large_site
    recs = plan.recommendations
    for i, rec in enumerate(recs):
        pager = _pager((site / "rekommendationer" / rec.slug / "index.html").read_text(encoding="utf-8"))
        expected = {}
        if i > 0:
            expected["prev"] = f"../../rekommendationer/{recs[i - 1].slug}/"
        if i + 1 < len(recs):
            expected["next"] = f"../../rekommendationer/{recs[i + 1].slug}/"
        assert pager == expected, rec.number
