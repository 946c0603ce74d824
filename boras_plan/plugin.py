"""The MkDocs plugin (`plugins: [boras-plan]` in mkdocs.yml): wiring only.

Before the build it runs render.py (the plan's pages and files, into a folder of
their own that MkDocs builds as docs_dir) and makes the build's context the current
one for macros.py; after it, finish.py over the site (links, CSP, search) and the
atomic swap. Under `mkdocs serve` it watches the plan and docs/, and a plan that
cannot be published shows its Swedish report as the page (error_page.py).
Every other engine gets the same through scripts/build.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

import jinja2
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.utils import CountHandler

from . import render
from .error_page import error_page
from .build_context import make_current
from .errors import PlanError
from .finish import AtomicSite, FinishError, finish
from .plan_files import editor_dirs
from .routes import built_path


class PlanPluginConfig(Config):
    # The plan to publish, relative to mkdocs.yml (mkdocs.yml: !ENV [PLAN_FILE, data/plan.yaml]).
    # No default: `PLAN_FILE=` (set, but empty) reads as null and must be refused, not replaced.
    plan_file = config_options.Optional(config_options.Type(str))
    nav_limit = config_options.Type(int, default=render.NAV_LIMIT)
    # Build into a new directory and swap it in only after a successful build.
    atomic = config_options.Type(bool, default=True)


class PlanPlugin(BasePlugin[PlanPluginConfig]):
    def __init__(self):
        self._command = "build"
        self._rendered_dir = Path(tempfile.mkdtemp(prefix="boras-plan-docs-"))  # kept across `serve` rebuilds
        self._source_docs: Path | None = None
        self._rendered: render.Rendered | None = None
        self._error: PlanError | None = None
        self._site: AtomicSite | None = None
        self._warnings: CountHandler | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command

    @event_priority(100)  # before mkdocs-macros, so a bad file stops the build here
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        self._source_docs = Path(config.docs_dir)
        self._error = None
        make_current(None)  # no macro may see the last build's context
        try:
            self._rendered = render.render(
                root=root, docs_dir=self._source_docs, plan_file=self.config.plan_file, out=self._rendered_dir,
                nav=config.nav, site_url=config.site_url, repo_url=config.repo_url, use_directory_urls=config.use_directory_urls,
                nav_limit=self.config.nav_limit, extra_css=config.extra_css, extra=config.extra,
            )
        except PlanError as error:
            if self._command != "serve":
                raise PluginError(error.report()) from None
            self._error = error  # the preview shows the report until the file is fixed
            self._rendered = error_page(error, self._source_docs, self._rendered_dir, config.use_directory_urls)
        make_current(self._rendered.site)  # for macros.py: mkdocs-macros renders the pages with it
        config.docs_dir = str(self._rendered.docs_dir)
        config.nav = self._rendered.nav
        config.extra_css = self._rendered.extra_css or config.extra_css
        config.extra.update(self._rendered.extra)
        plan_file = root / (self.config.plan_file or "")
        config.watch.extend([str(plan_file), *(str(d) for d in editor_dirs(plan_file) if d.is_dir())])  # and the editors' folders beside it
        if self.config.atomic and self._command != "serve":
            self._build_beside(config)
        return config

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """Watch docs/, not the rendered copy that every rebuild writes."""
        server.unwatch(config.docs_dir)
        server.watch(str(self._source_docs))
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for src in self._rendered.not_in_nav:  # or `--strict` would report each as missing from the nav
            files.get_file_from_path(src).inclusion = InclusionLevel.NOT_IN_NAV
        return files

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """The theme's templates compiled once per machine, not once per build: every build and every
        `serve` rebuild compiles Material's 60 templates anew otherwise (a tenth of a build). Jinja's
        own cache, in its private per-user folder; a changed template has another checksum."""
        try:
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(pattern=f"boras-plan-jinja-{jinja2.__version__}-%s.cache")
        except (OSError, RuntimeError):  # no private folder to be had (another user owns it): build without
            pass
        return env

    def _build_beside(self, config: MkDocsConfig) -> None:
        self._site = AtomicSite(Path(config.site_dir))
        config.site_dir = str(self._site.building)
        # Strict mode counts warnings and fails the build after on_post_build: count them too.
        self._warnings = CountHandler()
        self._warnings.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(self._warnings)

    @event_priority(-100)  # after every other plugin has written its files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        if self._error is not None:  # every address of the preview shows the report
            shutil.copyfile(site / "index.html", site / "404.html")
            return
        excluded = {built_path(src, config.use_directory_urls) for src in self._rendered.search_excluded}
        try:  # no policy under `serve`: its live reload is an inline script the policy would block
            finish(site, search_excluded=excluded, csp=self._command != "serve")
        except FinishError as error:
            raise PluginError(str(error)) from None
        if self._site is None:
            return
        if config.strict and self._warnings.get_counts():
            self._discard()  # MkDocs aborts the build right after this event
            return
        self._site.commit()
        config.site_dir = str(self._site.site)
        self._site = None
        self._stop_counting()

    def on_build_error(self, *, error: Exception) -> None:
        self._discard()

    def on_shutdown(self) -> None:
        make_current(None)
        self._discard()
        shutil.rmtree(self._rendered_dir, ignore_errors=True)

    def _discard(self) -> None:
        if self._site is not None:
            self._site.discard()
            self._site = None
        self._stop_counting()

    def _stop_counting(self) -> None:
        if self._warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self._warnings)
            self._warnings = None
