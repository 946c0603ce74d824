"""The macros of every engine take one path: mkdocs-macros' functions and the expander for an
engine without macros give the same text for every part, from the same build context."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from boras_plan import changes
from boras_plan.build_context import BuildContext
from boras_plan.lifecycle import build_date
from boras_plan.page_macros import Expander, call, macros, page_source
from boras_plan.parts import PARTS
from tests.unit.test_parts import router

ARGS = {"recommendation_page": (1,), "counted": ("actions",), "summary_page": ("easy_read",)}


@pytest.fixture(scope="module")
def site(plan) -> BuildContext:
    today = build_date()
    return BuildContext(plan, today, (), {}, changes.changes(plan, today), router(plan))


@pytest.mark.parametrize("name", sorted(PARTS))
def test_mkdocs_macros_and_the_expander_give_the_same_text(site, name):
    args = ARGS.get(name, ())
    page = "index.md"
    if name == "recommendation_page":
        args = (site.plan.recommendations[0].number,)
        page = "rekommendationer/index.md"
    through_mkdocs_macros = macros(lambda: site, lambda: page)[name](*args)
    expanded = Expander(site).expand(f"{{{{ {name}({', '.join(map(repr, args))}) }}}}", page)
    assert str(through_mkdocs_macros) == expanded == str(call(site, name, page, *args))


def test_mkdocs_macros_asks_for_the_build_and_the_page_at_each_call(site):
    pages = iter(["index.md", "atgarder.md"])
    count = macros(lambda: site, lambda: next(pages))["counted"]
    assert count("actions") == count("actions")  # the page changes, the text does not
    with pytest.raises(StopIteration):
        count("actions")


def test_the_page_source_of_mkdocs_and_of_zensical():
    assert page_source(SimpleNamespace(file=SimpleNamespace(src_uri="rekommendationer/index.md"))) == "rekommendationer/index.md"
    assert page_source(SimpleNamespace(path="ansvar.md")) == "ansvar.md"
