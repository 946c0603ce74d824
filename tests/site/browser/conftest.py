"""Browser test fixtures: every page visited once per screen size, with all it did recorded.

Uses the session fixtures in tests/conftest.py (site_dir, site_url, browser, html_pages).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from codesniffer import codesniffer_errors
from pagecheck import VIEWPORTS, axe_check, overflow, settle, wait_for_search_ready
from recorder import Recorder, Visit
from targets import small_targets

from tests.conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def page_paths(html_pages) -> list[str]:
    """Every page of the site as a path below the site root, the 404 page included."""
    return sorted(html_pages) + ["404.html"]


def _visit_all(browser, site_url: str, paths: list[str], viewport: str) -> dict[str, Visit]:
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    recorder = Recorder(context, site_url)
    page = context.new_page()
    visits = {}
    for path in paths:
        recorder.visit = visits[path] = Visit(path, viewport)
        page.goto(site_url + path, wait_until="load")
        wait_for_search_ready(page)  # the search worker has fetched the index and language files
        settle(page)  # no transition half-way: axe blends colours of a fading element
        recorder.visit.axe = axe_check(page)
        recorder.visit.codesniffer = codesniffer_errors(page)
        recorder.visit.overflow = overflow(page)
        recorder.visit.small_targets = small_targets(page)
    recorder.visit = None
    context.close()
    return visits


@pytest.fixture(scope="session")
def visits(browser, site_url, page_paths) -> dict[str, dict[str, Visit]]:
    """{'phone'|'desktop': {path: Visit}} for every page: axe and HTML_CodeSniffer results, layout, network, errors."""
    return {viewport: _visit_all(browser, site_url, page_paths, viewport) for viewport in VIEWPORTS}


@pytest.fixture
def new_page(browser):
    """A fresh page at a named screen size, closed after the test: new_page('phone')."""
    contexts = []

    def _new(viewport: str = "desktop", **options):
        context = browser.new_context(viewport=VIEWPORTS[viewport], **options)
        contexts.append(context)
        return context.new_page()

    yield _new
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/ (git-ignored): reports and screenshots for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
