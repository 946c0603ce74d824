"""One build's facts, made once by the render step and handed to every part.

The plan, the build date, the days git saw the plan change, when each follow-up note
was published, the changes made from them, the router over the staged files and the
site's address: render.py makes a BuildContext from them and nothing rebuilds any of
them from the config or the disk afterwards.

mkdocs-macros calls macros.py with MkDocs' config, which does not carry Python objects
across: the plugin makes the context the current one (like mkdocs-gen-files'
`FilesEditor.current()`), and macros.py asks for it by `current()`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .changes import Change
from .model import Plan
from .provenance import Publication
from .routes import PageLinks, Router


@dataclass(frozen=True, eq=False)
class BuildContext:
    plan: Plan
    today: dt.date  # the build date (lifecycle.build_date), read once per build
    revision_days: tuple[str, ...]  # the days git saw the plan's own file change
    published: dict[str, Publication]  # when each follow-up note reached main, by note key
    changes: list[Change]  # every dated change, newest first: the page Ändringar and the feeds
    router: Router  # every link between the staged files
    site_url: str | None = None  # mkdocs.yml's site_url: absolute addresses where it is set

    def links(self, page_src: str) -> PageLinks:
        """The links of the page with this source path."""
        return PageLinks(self.router, self.plan, page_src)


_current: BuildContext | None = None


def make_current(context: BuildContext | None) -> None:
    """The build that runs now (the plugin's on_config), or none (after it)."""
    global _current
    _current = context


def current() -> BuildContext:
    """The context of the build that runs now; RuntimeError outside a build."""
    if _current is None:
        raise RuntimeError("no build is running: the boras-plan plugin makes its context in on_config")
    return _current
