"""MkDocs hooks: validate the plan first, generate one page per recommendation.

Loaded through `hooks:` in mkdocs.yml. The plan is read once per build (kept
on the build's config); macros.py reuses the same object.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from boras_plan import dcat, exports, feed
from boras_plan.errors import PlanError
from boras_plan.git_dates import last_changed
from boras_plan.lifecycle import build_date, plan_period
from boras_plan.loader import load_plan
from boras_plan.model import Plan
from boras_plan.text import swedish_date, theme_title
from boras_plan.parts import recommendation_path, tooltip_terms
from boras_plan.tooltips import add_tooltips

RECOMMENDATIONS_INDEX = "rekommendationer/index.md"
SCHEMA_FILE = "data/plan.schema.json"
# Up to this many recommendations get a nav entry each. Above it the nav would make
# the build quadratic (Material renders the whole nav into every page): the
# "Rekommendationer" entry then leads to rekommendationer/index.md, which lists them
# all, and each page links the previous and next one (rec-pager). The real plan has 12.
NAV_LIMIT = 30
# Summary pages written for the site: plan.yaml's summaries key -> page, header link, language.
SUMMARY_PAGES = {"easy_read": ("lattlast.md", "Lättläst", "sv"), "finnish": ("suomeksi.md", "Suomeksi", "fi")}
# INFO, not WARNING: `--strict` fails on warnings, and a local build without SITE_URL is valid.
log = logging.getLogger("mkdocs.hooks.boras_plan")

# Per-build facts, set in on_config: when each repo file last changed (git).
_file_dates: dict[str, str] = {}


def plan_file(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / config.extra["plan_file"]


def plan_for(config: MkDocsConfig) -> Plan:
    """The validated plan, or a build error in Swedish without a traceback."""
    if (plan := getattr(config, "_plan", None)) is not None:  # kept on this build's config: read once per build
        return plan
    name = config.extra.get("plan_file") or ""  # PLAN_FILE= (set but empty) reads as null: the loader explains
    try:
        config._plan = load_plan(plan_file(config) if name else "", display_path=name)
    except PlanError as error:
        raise PluginError(error.report()) from None
    return config._plan


@event_priority(100)  # before mkdocs-macros, so a bad file stops the build here
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plan = plan_for(config)
    if _in_nav(plan):
        config.nav = _with_recommendations(config.nav, plan)
    config.watch.append(str(plan_file(config)))
    period = plan_period(plan.document, build_date())
    config.extra["plan_period"] = {"ended": period.ended, "text": period.text, "replaced_by": period.replaced_by}
    config.extra["summary_links"] = [
        {"url": page.removesuffix(".md") + "/", "text": text, "lang": lang}
        for key, (page, text, lang) in SUMMARY_PAGES.items()
        if getattr(plan.summaries, key, None)
    ]
    _file_dates.clear()
    _file_dates.update(last_changed(Path(config.config_file_path).parent))
    return config


def _in_nav(plan: Plan) -> bool:
    """Whether each recommendation page gets its own nav entry (see NAV_LIMIT)."""
    return len(plan.recommendations) <= NAV_LIMIT


def _with_recommendations(nav: list, plan: Plan) -> list:
    """Replace the nav entry of rekommendationer/index.md by a section of all pages."""
    pages = [RECOMMENDATIONS_INDEX] + [
        {theme_title(f"{r.number}. {r.title}"): recommendation_path(plan, r.number).rstrip("/") + ".md"} for r in plan.recommendations
    ]
    out = []
    for item in nav or []:
        if isinstance(item, dict):
            (title, target), = item.items()
            if target == RECOMMENDATIONS_INDEX:
                item = {title: pages}
        out.append(item)
    return out


def on_files(files: Files, config: MkDocsConfig) -> Files:
    plan = plan_for(config)
    # Pages left out of the nav are marked so, or `--strict` would report each of them.
    inclusion = InclusionLevel.UNDEFINED if _in_nav(plan) else InclusionLevel.NOT_IN_NAV
    for rec in plan.recommendations:
        # The page holds only a macro call: data never passes through Jinja as template text.
        content = f"---\nhide: [toc]\n---\n\n{{{{ recommendation_page({rec.number}) }}}}\n"
        path = recommendation_path(plan, rec.number).rstrip("/") + ".md"
        files.append(File.generated(config, path, content=content, inclusion=inclusion))
    root = Path(config.config_file_path).parent
    data_date = _file_dates.get(config.extra["plan_file"])
    today = build_date()
    catalog = dcat.catalog(plan, config.site_url, data_date)
    for problem in catalog.missing:
        log.info("Öppna data: %s", problem)
    open_data = {
        exports.JSON_NAME: exports.plan_json(plan, today),
        exports.CSV_NAME: exports.actions_csv(plan, today),
        exports.SCHEMA_NAME: (root / SCHEMA_FILE).read_text(encoding="utf-8"),
        dcat.RDF_NAME: catalog.rdf_xml,
        dcat.JSONLD_NAME: catalog.jsonld,
    }
    for name, content in open_data.items():
        if content is not None:  # no catalog without absolute addresses
            files.append(File.generated(config, f"data/{name}", content=content))
    rec_path = functools.partial(recommendation_path, plan)
    files.append(File.generated(config, feed.FEED_NAME, content=feed.atom(plan, today, rec_path, config.site_url)))
    for key, (page, _, _) in SUMMARY_PAGES.items():
        file = files.get_file_from_path(page)
        if file and not getattr(plan.summaries, key, None):
            files.remove(file)  # a removed summary removes its page; on_config removed its link
        elif file:
            file.inclusion = InclusionLevel.NOT_IN_NAV  # reached from the header, not the menu
    return files


def on_page_context(context, page, config: MkDocsConfig, nav):
    """'Senast ändrad': the newest of the page's own file and, if it shows data, plan.yaml."""
    page.meta["last_changed"] = _page_date(page, config)
    return context


def _page_date(page, config: MkDocsConfig) -> str | None:
    data_date = _file_dates.get(config.extra["plan_file"])
    if page.file.generated_by:
        candidates = [data_date]
    else:
        source = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        shows_data = "{{" in Path(page.file.abs_src_path).read_text(encoding="utf-8")
        candidates = [_file_dates.get(source)] + ([data_date] if shows_data else [])
    dates = [d for d in candidates if d]
    return {"iso": max(dates), "text": swedish_date(max(dates))} if dates else None


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    return add_tooltips(html, tooltip_terms(plan_for(config)))
