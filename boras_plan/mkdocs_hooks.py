"""MkDocs hooks: validate the plan first, generate one page per recommendation.

Loaded through `hooks:` in mkdocs.yml. The plan is read once per build (the
loader caches it); macros.py reuses the same object.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from boras_plan.errors import PlanError
from boras_plan.loader import load_plan
from boras_plan.model import Plan
from boras_plan.parts import recommendation_path, tooltip_terms
from boras_plan.tooltips import add_tooltips

RECOMMENDATIONS_INDEX = "rekommendationer/index.md"


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
    config.nav = _with_recommendations(config.nav, plan)
    config.watch.append(str(plan_file(config)))
    return config


def _with_recommendations(nav: list, plan: Plan) -> list:
    """Replace the nav entry of rekommendationer/index.md by a section of all pages."""
    pages = [RECOMMENDATIONS_INDEX] + [
        {f"{r.number}. {r.title}": recommendation_path(plan, r.number).rstrip("/") + ".md"} for r in plan.recommendations
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
    for rec in plan.recommendations:
        # The page holds only a macro call: data never passes through Jinja as template text.
        content = f"{{{{ recommendation_page({rec.number}) }}}}\n"
        files.append(File.generated(config, recommendation_path(plan, rec.number).rstrip("/") + ".md", content=content))
    return files


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    return add_tooltips(html, tooltip_terms(plan_for(config)))
