"""The build's context: made once, current while the plugin's build runs, and nowhere else."""

from __future__ import annotations

import pytest

from boras_plan.build_context import BuildContext, current, make_current
from boras_plan.lifecycle import build_date
from tests.unit.test_parts import router


def test_the_current_build_is_the_one_made_current_and_none_after_it(plan):
    site = BuildContext(plan, build_date(), (), {}, [], router(plan))
    try:
        make_current(site)
        assert current() is site
    finally:
        make_current(None)
    with pytest.raises(RuntimeError):
        current()


def test_links_are_made_for_the_page_asked_for(plan):
    site = BuildContext(plan, build_date(), (), {}, [], router(plan))
    assert site.links("atgarder.md").to("index.md") == "../"
    assert site.links("index.md").to("atgarder.md") == "atgarder/"
