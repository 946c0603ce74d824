"""Where a build spends its time: cProfile one build, sum time by phase.

The phases are picked out of the profile by the functions that start them,
so the figures are cumulative times under the profiler (slower than a plain
build, but in proportion). Comparing them per page at 10x and 100x shows
which part grows faster than the site.
"""

from __future__ import annotations

import os
import pstats
import subprocess
import sys
from pathlib import Path

from common import BuildFailed, ROOT

# phase -> (file suffix, function name); the first match in the profile counts.
PHASES = {
    "render first (boras_plan.render.render)": [("boras_plan/render.py", "render")],
    "  of which plan loading (boras_plan.loader.load_plan)": [("boras_plan/loader.py", "load_plan")],
    "macros: page Markdown (mkdocs-macros on_page_markdown)": [("mkdocs_macros/plugin.py", "on_page_markdown")],
    "Markdown to HTML (Page.render)": [("mkdocs/structure/pages.py", "render")],
    "finish: links, CSP, search (boras_plan.finish.finish)": [("boras_plan/finish.py", "finish")],
    "  of which the search index (Pagefind)": [("boras_plan/search_index.py", "index_site")],
    "theme templates, whole page (_build_page)": [("mkdocs/commands/build.py", "_build_page")],
    "  of which the navigation (partials/nav.html)": [("material/templates/partials/nav.html", "root")],
    "whole build (mkdocs.commands.build.build)": [("mkdocs/commands/build.py", "build")],
}


def profile_build(site_dir: Path, plan_file: Path, out_prof: Path) -> dict[str, float]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLAN_FILE=str(plan_file))
    cmd = [sys.executable, "-m", "cProfile", "-o", str(out_prof), "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site_dir)]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise BuildFailed(result.stderr[-3000:])
    return phases(out_prof)


def phases(prof: Path) -> dict[str, float]:
    stats = pstats.Stats(str(prof)).stats  # (file, line, func) -> (cc, nc, tt, ct, callers)
    out = {}
    for phase, targets in PHASES.items():
        total = 0.0
        for suffix, func in targets:
            for (file, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.items():
                if name == func and file.replace(os.sep, "/").endswith(suffix):
                    total += ct
        out[phase] = total
    return out


def top_functions(prof: Path, limit: int = 15) -> list[tuple[str, float, int]]:
    """The functions with the most own time: (where, seconds, calls)."""
    stats = pstats.Stats(str(prof)).stats
    rows = sorted(stats.items(), key=lambda kv: -kv[1][2])[:limit]
    out = []
    for (file, line, name), (_cc, nc, tt, _ct, _callers) in rows:
        short = file.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
        out.append((f"{short}:{line}({name})", tt, nc))
    return out
