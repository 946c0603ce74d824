"""Shared by the bench scripts: paths, the pages we measure, Chromium, timed builds."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from boras_plan import routes
from boras_plan.loader import load_plan

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"  # git-ignored scratch space
PLAN = ROOT / "data" / "plan.yaml"
CHROMIUM = "/usr/bin/chromium"

def _pages() -> dict[str, str]:
    """The pages measured for weight and Lighthouse: name -> URL path (from the site's routes)."""
    plan = load_plan(PLAN)
    return {
        "start": routes.site_path(routes.HOME),
        "recommendation": routes.site_path(routes.recommendation(plan, plan.recommendations[0].number)),
        "all-actions": routes.site_path(routes.ALL_ACTIONS),
        "contact": routes.site_path(routes.CONTACT),
        "roles": routes.site_path(routes.ROLES),
        "glossary": routes.site_path("ordlista.md"),
        "about": routes.site_path("om-planen.md"),
        "whole-plan": routes.site_path("hela-planen.md"),
    }


PAGES = _pages()


def chromium_args() -> list[str]:
    """Chromium on a closed network: no background calls home, no sandbox as root.

    The bench's own flags (it imports nothing from tests/); the same set as the tests use."""
    return [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps",
    ]


class BuildFailed(Exception):
    pass


def timed_build(cwd: Path, site_dir: Path, plan_file: Path | None = None) -> dict:
    """One `mkdocs build --strict` in a fresh process: wall and CPU time, peak memory.

    Wall time is the whole process (Python start, imports, config, build, writing
    files). CPU time (user + system) and peak RSS come from wait4() for that one
    child, so they do not mix with other processes.
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PLAN_FILE", None)
    if plan_file:
        env["PLAN_FILE"] = str(plan_file)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
    if proc.returncode:
        raise BuildFailed(f"mkdocs build in {cwd} failed ({proc.returncode}):\n{text[-3000:]}")
    reported = re.search(r"Documentation built in ([\d.]+) seconds", text)
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "mkdocs_s": float(reported.group(1)) if reported else None,  # MkDocs' own figure: build() only
        "peak_rss_mb": usage.ru_maxrss / 1024,
    }


def site_size(site_dir: Path) -> dict:
    """Bytes and files of a built site, in total and by kind."""
    kinds: dict[str, list[int]] = {}
    for path in site_dir.rglob("*"):
        if path.is_file():
            kinds.setdefault(_kind(path.relative_to(site_dir).as_posix()), []).append(path.stat().st_size)
    by_kind = {k: {"files": len(v), "bytes": sum(v)} for k, v in sorted(kinds.items())}
    return {
        "files": sum(k["files"] for k in by_kind.values()),
        "bytes": sum(k["bytes"] for k in by_kind.values()),
        "by_kind": by_kind,
    }


# (how the path starts, how it ends, kind): the first match counts.
_KINDS = (
    ("", ".map", "source maps"),
    ("assets/javascripts/lunr/", "", "search languages (lunr)"),
    ("search/", "", "search index"),
    ("", ".html", "HTML pages"),
    ("", ".js", "JavaScript"),
    ("", ".css", "CSS"),
)


def _kind(rel: str) -> str:
    return next((kind for start, end, kind in _KINDS if rel.startswith(start) and rel.endswith(end)), "other")
