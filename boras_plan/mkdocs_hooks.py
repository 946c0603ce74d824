"""The MkDocs plugin that publishes one plan file (`plugins: [boras-plan]` in mkdocs.yml).

It validates the plan first, adds one page per recommendation and the open
data files, gives every page its "Senast ändrad" date, resolves the site's
links (routes.py) and builds atomically: into a new directory beside the
site, which replaces the site only when the whole build has succeeded.

All state lives on the plugin instance, one build at a time; the plan,
checks and page parts know nothing of MkDocs.
"""

from __future__ import annotations

import functools
import logging
import shutil
import tempfile
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import CountHandler

from boras_plan import dcat, exports, feed, routes
from boras_plan import datapackage  # issue 19
from boras_plan.csp import csp_policy
from boras_plan.errors import PlanError
from boras_plan.git_dates import last_changed
from boras_plan.lifecycle import build_date, plan_period
from boras_plan.loader import load_plan
from boras_plan.model import Plan
from boras_plan.schema import schema_text
from boras_plan.search_index import index_site
from boras_plan.text import swedish_date, theme_title

# INFO, not WARNING: `--strict` fails on warnings, and a local build without SITE_URL is valid.
log = logging.getLogger("mkdocs.plugins.boras_plan")
# Summary pages written for the site: plan.yaml's summaries key -> page, header link, language.
SUMMARY_PAGES = {"easy_read": ("lattlast.md", "Lättläst", "sv"), "finnish": ("suomeksi.md", "Suomeksi", "fi")}


class PlanPluginConfig(Config):
    # The plan to publish, relative to mkdocs.yml (mkdocs.yml: !ENV [PLAN_FILE, data/plan.yaml]).
    # No default: `PLAN_FILE=` (set, but empty) reads as null and must be refused, not replaced.
    plan_file = config_options.Optional(config_options.Type(str))
    # Up to this many recommendations get a nav entry each. Above it the nav would make
    # the build quadratic (Material renders the whole nav into every page): the list page
    # then stands for them all, and each page links the previous and next one.
    nav_limit = config_options.Type(int, default=30)
    # Build into a new directory and swap it in only after a successful build.
    atomic = config_options.Type(bool, default=True)


class PlanPlugin(BasePlugin[PlanPluginConfig]):
    def __init__(self):
        self.plan: Plan | None = None
        self.router: routes.Router | None = None
        self._file_dates: dict[str, str] = {}
        self._command = "build"
        self._site_dir: Path | None = None  # where the finished site goes
        self._building: Path | None = None  # where this build writes it
        self._warnings: CountHandler | None = None

    # --- the plan -------------------------------------------------------------

    def plan_path(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.plan_file

    def load(self, config: MkDocsConfig) -> Plan:
        """The validated plan, or a build error in Swedish without a traceback."""
        name = (self.config.plan_file or "").strip()
        try:  # an empty name gets the loader's message (nothing given)
            return load_plan(self.plan_path(config) if name else "", display_path=name)
        except PlanError as error:
            raise PluginError(error.report()) from None

    def links(self, page_src: str) -> routes.PageLinks:
        """The links the page with this source path makes (for macros.py)."""
        return routes.PageLinks(self.router, self.plan, page_src)

    def in_nav(self) -> bool:
        return len(self.plan.recommendations) <= self.config.nav_limit

    # --- events ---------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command

    @event_priority(100)  # before mkdocs-macros, so a bad file stops the build here
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.plan = self.load(config)
        if self.in_nav():
            config.nav = self._with_recommendations(config.nav)
        config.watch.append(str(self.plan_path(config)))
        period = plan_period(self.plan.document, build_date())
        config.extra["plan_period"] = {"ended": period.ended, "text": period.short, "replaced_by": period.replaced_by}
        config.extra["summary_links"] = [
            {"url": routes.site_path(page, config.use_directory_urls), "text": text, "lang": lang}
            for key, (page, text, lang) in SUMMARY_PAGES.items()
            if getattr(self.plan.summaries, key, None)
        ]
        self._file_dates = last_changed(Path(config.config_file_path).parent)
        if self.config.atomic and self._command != "serve":
            self._build_beside(config)
        return config

    def _with_recommendations(self, nav: list) -> list:
        """Replace the nav entry of the recommendations' list page by a section of all pages."""
        pages = [routes.RECOMMENDATIONS] + [
            {theme_title(f"{r.number}. {r.title}"): routes.recommendation(self.plan, r.number)} for r in self.plan.recommendations
        ]
        out = []
        for item in nav or []:
            if isinstance(item, dict):
                (title, target), = item.items()
                if target == routes.RECOMMENDATIONS:
                    item = {title: pages}
            out.append(item)
        return out

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        plan = self.plan
        # Pages left out of the nav are marked so, or `--strict` would report each of them.
        inclusion = InclusionLevel.UNDEFINED if self.in_nav() else InclusionLevel.NOT_IN_NAV
        for rec in plan.recommendations:
            # The page holds only a macro call: data never passes through Jinja as template text.
            content = f"---\nhide: [toc]\n---\n\n{{{{ recommendation_page({rec.number}) }}}}\n"
            files.append(File.generated(config, routes.recommendation(plan, rec.number), content=content, inclusion=inclusion))
        data_date = self._file_dates.get(self.config.plan_file)
        today = build_date()
        catalog = dcat.catalog(plan, config.site_url, data_date)
        for problem in catalog.missing:
            log.info("Öppna data: %s", problem)
        open_data = {
            exports.JSON_NAME: exports.plan_json(plan, today),
            exports.CSV_NAME: exports.actions_csv(plan, today),
            exports.SCHEMA_NAME: schema_text(),  # generated from the model, like the committed file
            dcat.RDF_NAME: catalog.rdf_xml,
            dcat.JSONLD_NAME: catalog.jsonld,
        }
        # Issue 19: the Data Package that describes the files above (for the render step).
        open_data[datapackage.NAME] = datapackage.package_json(plan, config.site_url)
        for name, content in open_data.items():
            if content is not None:  # no catalog without absolute addresses
                files.append(File.generated(config, routes.data_file(name), content=content))
        rec_path = functools.partial(routes.recommendation_url, plan, use_directory_urls=config.use_directory_urls)
        files.append(File.generated(config, feed.FEED_NAME, content=feed.atom(plan, today, rec_path, config.site_url)))
        for key, (page, _, _) in SUMMARY_PAGES.items():
            file = files.get_file_from_path(page)
            if file and not getattr(plan.summaries, key, None):
                files.remove(file)  # a removed summary removes its page; on_config removed its link
            elif file:
                file.inclusion = InclusionLevel.NOT_IN_NAV  # reached from the header, not the menu
        self.router = routes.Router(files)
        return files

    def on_page_context(self, context, page, config: MkDocsConfig, nav):
        """'Senast ändrad': the newest of the page's own file and, if it shows data, the plan file."""
        page.meta["last_changed"] = self._page_date(page, config)
        return context

    def _page_date(self, page, config: MkDocsConfig) -> dict | None:
        data_date = self._file_dates.get(self.config.plan_file)
        if page.file.generated_by:
            candidates = [data_date]
        else:
            source = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
            shows_data = "{{" in Path(page.file.abs_src_path).read_text(encoding="utf-8")
            candidates = [self._file_dates.get(source)] + ([data_date] if shows_data else [])
        dates = [d for d in candidates if d]
        return {"iso": max(dates), "text": swedish_date(max(dates))} if dates else None

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Every page is rendered: check the anchors of its links; give theme templates the routes."""
        broken = self.router.broken_anchors()
        if broken:
            raise PluginError("Trasiga interna länkar:\n" + "\n".join(broken))
        env.globals["route"] = self._route
        env.globals["existing_pages"] = self.router.existing_pages
        # overrides/main.html: the page's Content-Security-Policy, except under `mkdocs serve`,
        # whose live reload is an inline script the policy would block.
        env.filters["csp_policy"] = csp_policy
        env.globals["csp_enabled"] = self._command != "serve"
        return env

    def _route(self, src: str) -> str:
        """For theme templates: `{{ route('atgarder.md') | url }}`; an unknown file fails the build."""
        try:
            return self.router.url(src)
        except routes.BrokenLink as error:
            raise PluginError(str(error)) from None

    # --- atomic build -----------------------------------------------------------

    def _build_beside(self, config: MkDocsConfig) -> None:
        """Point the build at a new directory beside the site (same file system, so the swap is a rename)."""
        self._site_dir = Path(config.site_dir)
        self._site_dir.parent.mkdir(parents=True, exist_ok=True)
        self._building = Path(tempfile.mkdtemp(prefix=f".{self._site_dir.name}-build-", dir=self._site_dir.parent))
        self._building.chmod(0o755)  # mkdtemp makes it private; a web server must read the site
        config.site_dir = str(self._building)
        # Strict mode counts warnings and fails the build after on_post_build: count them too.
        self._warnings = CountHandler()
        self._warnings.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(self._warnings)

    @event_priority(-100)  # after every other plugin has written its files (the search index)
    def on_post_build(self, config: MkDocsConfig) -> None:
        index_site(config.site_dir, config)  # the search index of the pages just written
        if self._building is None:
            return
        if config.strict and self._warnings.get_counts():
            self._discard()  # MkDocs aborts the build right after this event
            return
        old = None
        if self._site_dir.exists() or self._site_dir.is_symlink():
            old = Path(tempfile.mkdtemp(prefix=f".{self._site_dir.name}-old-", dir=self._site_dir.parent))
            self._site_dir.rename(old / "site")
        self._building.rename(self._site_dir)
        if old:
            shutil.rmtree(old)
        config.site_dir = str(self._site_dir)
        self._building = None
        self._stop_counting()

    def on_build_error(self, *, error: Exception) -> None:
        self._discard()

    def on_shutdown(self) -> None:
        self._discard()

    def _discard(self) -> None:
        """Forget an unfinished build; the previous site stays as it was."""
        if self._building is not None:
            shutil.rmtree(self._building, ignore_errors=True)
            self._building = None
        self._stop_counting()

    def _stop_counting(self) -> None:
        if self._warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self._warnings)
            self._warnings = None
