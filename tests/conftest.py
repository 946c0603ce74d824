"""Shared fixtures: the plan under test, the site built from it once, served on 127.0.0.1, and Chromium.

The plan under test is PLAN_FILE (as the build reads it; default data/plan.yaml). Tests take
every count, id, status, title and year from PLAN, the model loaded from it, so the suite
holds for any valid plan (.ci/run runs it on data/plan.yaml and on the guide's examples).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import http.server
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from filelock import FileLock

from boras_plan.loader import load_plan
from boras_plan.model import Plan
from boras_plan.routes import ADMIN_DIR
from boras_plan.plan_files import editor_dirs, read_plan_source, write_plan_files
from boras_plan.yaml_source import read_source

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Relative to the repository, like mkdocs.yml's extra.plan_file (builds run there and inherit
# the variable); an empty PLAN_FILE= means the default.
PLAN_FILE = (ROOT / (os.environ.get("PLAN_FILE") or "data/plan.yaml")).resolve()
PLAN: Plan = load_plan(PLAN_FILE)
# Seed of the generated plan variants (tests/site/test_plan_variants.py): drawn per run, or given to rerun one.
# Kept in the environment, so parallel workers started after this use the same one.
PLAN_VARIANTS_SEED = int(os.environ.get("PLAN_VARIANTS_SEED") or random.SystemRandom().randrange(2**32))
os.environ["PLAN_VARIANTS_SEED"] = str(PLAN_VARIANTS_SEED)
CHROMIUM = "/usr/bin/chromium"
# Flags for a closed network: no background calls home, no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


def build_site(out_dir: Path, plan_file: str | None = None, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` (optionally on another plan file)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if not env.get("PLAN_FILE"):
        env.pop("PLAN_FILE", None)  # mkdocs.yml's default, as PLAN_FILE above
    env.pop("SITE_URL", None)  # relative addresses unless a test asks (the deploy sets it)
    env.update(extra_env or {})
    if plan_file:
        env["PLAN_FILE"] = str(plan_file)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="session")
def plan() -> Plan:
    """The validated model of the plan under test (PLAN_FILE)."""
    return PLAN


# Sites built from the plan under test, one per build key, shared by the parallel workers
# of a session (and by later sessions on the same inputs). Tests only read them.
SITE_BUILDS = ROOT / "test-artifacts" / "site-builds"
# What a build reads besides the plan's own folder (tests/ and bench/ do not change the site).
BUILD_INPUTS = ["mkdocs.yml", "macros.py", "pyproject.toml", "constraints.txt", "boras_plan", "docs", "overrides", "data"]


def build_key(plan_file: Path) -> str:
    """Hash of everything the site is built from: the plan's folder (sibling files too), the
    code, the pins, git's HEAD (pages show when they last changed) and the build date."""
    digest = hashlib.sha256()
    files = [plan_file.parent / n for n in sorted(os.listdir(plan_file.parent))]
    for name in BUILD_INPUTS:
        path = ROOT / name
        files += sorted(p for p in path.rglob("*") if "__pycache__" not in p.parts) if path.is_dir() else [path]
    for path in files:
        if path.is_file():
            digest.update(f"{path}\0".encode() + path.read_bytes() + b"\0")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    dated = [head, datetime.date.today().isoformat(), *(os.environ.get(v, "") for v in ("SOURCE_DATE_EPOCH", "SOURCE_DOCUMENT"))]
    digest.update("\0".join([str(plan_file), *dated]).encode())
    return digest.hexdigest()[:20]


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The real site, built once from the plan under test, whatever the number of workers:
    the first to ask builds it under a file lock, the others wait and read the same folder."""
    SITE_BUILDS.mkdir(parents=True, exist_ok=True)
    key = build_key(PLAN_FILE)
    folder = SITE_BUILDS / key
    with FileLock(SITE_BUILDS / f"{key}.lock"):
        if not (folder / "complete").exists():  # written last: a half-built site is never reused
            shutil.rmtree(folder, ignore_errors=True)
            result = build_site(folder / "site")
            assert result.returncode == 0, result.stderr
            (folder / "complete").touch()
            _forget_old_builds()
    return folder / "site"


def _forget_old_builds(days: int = 2) -> None:
    for old in SITE_BUILDS.glob("*/complete"):
        if time.time() - old.stat().st_mtime > days * 86400:
            shutil.rmtree(old.parent, ignore_errors=True)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="session")
def site_url(site_dir):
    """Base URL of the built site served on loopback, e.g. http://127.0.0.1:41234/"""
    server = serve(site_dir)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium saknas: kör ./scripts/test, som installerar det.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def html_pages(site_dir) -> dict[str, str]:
    """Every built HTML page (but 404 and the editors' form, tests/site/browser/test_cms.py), by URL path relative to the site root."""
    pages = {}
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel == "404.html" or rel.startswith(ADMIN_DIR + "/"):
            continue
        url = rel.removesuffix("index.html")
        pages[url] = path.read_text(encoding="utf-8")
    return pages


def plan_data(path: Path = PLAN_FILE) -> dict:
    """The plan as plain data (lists, dicts, texts): plan.yaml merged with the editors' files beside it,
    or a test's small plan that holds every part in one file (tests/fixtures/*.yaml, tests/bad_input/base.yaml)."""
    source, problems = read_plan_source(path) if any(d.is_dir() for d in editor_dirs(path)) else read_source(path)
    assert source is not None and not problems, problems
    return source.data


def write_plan(data: dict, target: Path) -> Path:
    """Write merged plan data as target (plan.yaml) and the editors' files beside it (plan_files)."""
    return write_plan_files(data, target)


@pytest.fixture
def copy_plan(tmp_path):
    """Copy the plan under test into tmp_path, optionally editing its parsed data first.

    edit(data) changes the data in place (yaml load -> modify -> dump), never the text,
    so it holds for any valid plan: copy_plan(lambda d: d["document"].update(replaced_by=url)).
    """

    def _copy(edit=lambda data: None, name="plan.yaml") -> Path:
        data = plan_data()
        edit(data)
        return write_plan(data, tmp_path / name)

    return _copy


# Fixtures that hand a test the plan under test, or something made from it (site_url,
# html_pages and the browser visits all rest on site_dir).
PLAN_FIXTURES = {"plan", "site_dir", "copy_plan"}


def depends_on_plan(item) -> bool:
    """Whether a test's outcome can change with PLAN_FILE: it uses a fixture made from the plan,
    or its module holds PLAN, PLAN_FILE or plan_data (the plan file's data) from here.
    In doubt, yes: a test wrongly counted as plan-dependent only runs once more per plan."""
    if PLAN_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    module = getattr(item, "module", None)
    from_here = (PLAN, PLAN_FILE, plan_data, sys.modules[__name__])
    return module is not None and any(any(value is ours for ours in from_here) for value in vars(module).values())


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups (its hook renames the tests)
def pytest_collection_modifyitems(config, items):
    """Mark the tests that depend on the plan under test (`-m plan` runs just those: .ci/run
    does on its other plans), and keep together on one xdist worker the tests that share an
    expensive fixture: those of one module (module-scoped builds, browser pages), and all
    that read the recorded browser visits of every page."""
    groups = {}
    for item in items:
        if depends_on_plan(item):
            item.add_marker(pytest.mark.plan)
        groups.setdefault("visits" if "visits" in getattr(item, "fixturenames", ()) else item.nodeid.split("::")[0], []).append(item)
    if getattr(config.option, "loadgroup", False):  # an xdist worker under --dist loadgroup
        # xdist hands out the groups in this order (scripts/test: --no-loadscope-reorder), the
        # next to the first worker that is nearly done: the long ones (every page visited in
        # Chromium, then the site and browser modules, the largest first) go first, so that
        # no worker is left with one of them at the end.
        def cost(group):
            name, members = group
            return (name != "visits", not name.startswith("tests/site/"), -len(members))

        items[:] = [item for _, members in sorted(groups.items(), key=cost) for item in members]
        for name, members in groups.items():
            for item in members:
                item.add_marker(pytest.mark.xdist_group(name))


def pytest_report_header(config):
    shown = PLAN_FILE.relative_to(ROOT) if PLAN_FILE.is_relative_to(ROOT) else PLAN_FILE
    return [
        f"chromium: {CHROMIUM if shutil.which(CHROMIUM) else 'saknas'}",
        f"planen som testas (PLAN_FILE): {shown}",
        f"frö för planvarianterna: PLAN_VARIANTS_SEED={PLAN_VARIANTS_SEED} (samma varianter igen med den variabeln)",
    ]
