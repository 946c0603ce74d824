"""MkDocs hooks: validate the plan first, generate one page per recommendation.

Loaded through `hooks:` in mkdocs.yml. The plan is read once per build (the
loader caches it); macros.py reuses the same object.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from boras_plan import exports
from boras_plan.csp import csp_policy
from boras_plan.errors import PlanError
from boras_plan.git_dates import last_changed
from boras_plan.lifecycle import build_date, plan_period
from boras_plan.loader import load_plan
from boras_plan.model import Plan
from boras_plan.text import swedish_date, theme_title
from boras_plan.parts import recommendation_path, tooltip_terms
from boras_plan.search_index import index_site
from boras_plan.tooltips import add_tooltips

RECOMMENDATIONS_INDEX = "rekommendationer/index.md"
SCHEMA_FILE = "data/plan.schema.json"
# Up to this many recommendations get a nav entry each. Above it the nav would make
# the build quadratic (Material renders the whole nav into every page): the
# "Rekommendationer" entry then leads to rekommendationer/index.md, which lists them
# all, and each page links the previous and next one (rec-pager). The real plan has 12.
NAV_LIMIT = 30

# Per-build facts, set in on_config: when each repo file last changed (git).
_file_dates: dict[str, str] = {}
# Set in on_startup: `mkdocs serve` injects an inline live-reload script into every page.
_serving = False


def plan_file(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / config.extra["plan_file"]


def plan_for(config: MkDocsConfig) -> Plan:
    """The validated plan, or a build error in Swedish without a traceback."""
    path = plan_file(config)
    try:
        return load_plan(path, display_path=config.extra["plan_file"])
    except PlanError as error:
        raise PluginError(error.report()) from None


@event_priority(100)  # before mkdocs-macros, so a bad file stops the build here
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plan = plan_for(config)
    if _in_nav(plan):
        config.nav = _with_recommendations(config.nav, plan)
    config.watch.append(str(plan_file(config)))
    period = plan_period(plan.document, build_date())
    config.extra["plan_period"] = {"ended": period.ended, "text": period.text, "replaced_by": period.replaced_by}
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
    open_data = {
        exports.JSON_NAME: exports.plan_json(plan),
        exports.CSV_NAME: exports.actions_csv(plan),
        exports.SCHEMA_NAME: (root / SCHEMA_FILE).read_text(encoding="utf-8"),
        exports.DCAT_NAME: exports.dcat_jsonld(plan, config.site_url or "../", data_date),
    }
    for name, content in open_data.items():
        files.append(File.generated(config, f"data/{name}", content=content))
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


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_env(env, config: MkDocsConfig, files: Files):
    """Templates get `csp_policy` (overrides/main.html: the page's Content-Security-Policy), except
    under `mkdocs serve`, whose live reload is an inline script the policy would block."""
    env.filters["csp_policy"] = csp_policy
    env.globals["csp_enabled"] = not _serving
    return env


def on_post_build(config: MkDocsConfig) -> None:
    index_site(config.site_dir, config)
