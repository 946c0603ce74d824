"""The page parts as macros, bound to one build's context: one path for every engine.

On MkDocs, mkdocs-macros renders the pages and macros.py registers `macros(site, page_source)`;
an engine without mkdocs-macros gets the pages expanded by render.py (`Expander`). Both
call each part the same way: part(site, the page's links, *the page's arguments).
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2

from .build_context import BuildContext
from .parts import PARTS


def call(site: BuildContext, name: str, page_src: str, *args, **kwargs) -> str:
    """The macro `name` as the page with this source path calls it."""
    return PARTS[name](site, site.links(page_src), *args, **kwargs)


def macros(site: Callable[[], BuildContext], page_src: Callable[[], str]) -> dict[str, Callable[..., str]]:
    """Every macro by name, for a renderer that knows the build and the page only when it renders
    (mkdocs-macros): site() and page_src() are asked at each call."""

    def bind(name: str):
        def macro(*args, **kwargs):
            return call(site(), name, page_src(), *args, **kwargs)

        macro.__name__ = name
        macro.__doc__ = PARTS[name].__doc__
        return macro

    return {name: bind(name) for name in PARTS}


class Expander:
    """The pages' macros expanded before an engine without mkdocs-macros sees them."""

    def __init__(self, site: BuildContext):
        self._env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)

        def bind(name: str):
            @jinja2.pass_context
            def macro(context, *args, **kwargs):
                return call(site, name, context["page_src"], *args, **kwargs)

            return macro

        self._env.globals.update({name: bind(name) for name in PARTS})

    def expand(self, body: str, page_src: str) -> str:
        return self._env.from_string(body).render(page_src=page_src)


def page_source(page) -> str:
    """The source path of the page being rendered: MkDocs' Page, or Zensical's (which has `path`)."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path
