"""A note's publication (issue 25, item 2) in real Chromium at 360x740 and 1280x900: on the site
built in tests/site/test_provenance.py (pull request #12 merged with --no-ff, #13 squashed), a
resident sees beside each note the day it was published and can open the change that published
it. The link is named for itself (a screen reader's list of links), nothing scrolls sideways,
and axe finds nothing on the two pages that show it."""

from __future__ import annotations

import re

import pytest
from pagecheck import VIEWPORTS, axe_check, describe_violations

from boras_plan import routes
from boras_plan.text import swedish_date
from tests.conftest import serve
from tests.site.test_provenance import MERGED, REPO_URL, published_site  # noqa: F401 (the fixture)

BOTH = pytest.mark.parametrize("viewport", list(VIEWPORTS))


@pytest.fixture(scope="module")
def served(published_site):  # noqa: F811
    plan, site, _ = published_site
    server = serve(site)
    yield plan, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@BOTH
def test_a_resident_sees_when_a_note_was_published_and_by_which_change(new_page, served, viewport):
    plan, base = served
    action = plan.actions[0]
    (note,) = action.log
    page = new_page(viewport)
    for src in (routes.recommendation(plan, action.recommendation), routes.CHANGES):
        page.goto(base + routes.site_path(src))
        found = axe_check(page)  # as the page opens (scrolled, the fixed header covers links axe then measures)
        assert not found["violations"], "\n".join(describe_violations(found["violations"]))
        # Read alone, the link says what it is: the change, and the note it published.
        link = page.get_by_role("link", name=re.compile(rf"^ändring #12\s+som publicerade anteckningen om åtgärd {re.escape(action.id)} från {swedish_date(note.date)}$"))
        link.scroll_into_view_if_needed()
        assert link.is_visible() and link.get_attribute("href") == f"{REPO_URL}/pull/12", src
        published = link.locator("xpath=ancestor::span[contains(@class, 'note-published')]")
        assert published.locator("time").get_attribute("datetime") == MERGED
        assert f"publicerad {swedish_date(MERGED)}" in published.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"], src
