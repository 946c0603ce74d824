"""Shared fixtures: the plans under test, the site built from each once, served on 127.0.0.1, and Chromium.

The plans under test are pytest's option `--plans a.yaml,b.yaml` (default: PLAN_FILE, else
data/plan.yaml), parameters of one session. A test depends on the plan exactly when it asks
for the fixture `plan_file` or one made from it (`plan`, `site_dir`, `site_url`, `copy_plan`,
the browser visits, ...): it runs once per plan and gets the mark `plan`; every other test
runs once. Tests take every count, id, status, title and year from `plan`, the model loaded
from the plan file, so the suite holds for any valid plan. Nothing reads a plan at import time.
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
from tests.helpers import VIEWPORTS

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEFAULT_PLAN = ROOT / "data" / "plan.yaml"
# Seed of the generated plan variants (tests/site/test_plan_variants.py): drawn per run, or given to rerun one.
# Kept in the environment, so parallel workers started after this use the same one.
PLAN_VARIANTS_SEED = int(os.environ.get("PLAN_VARIANTS_SEED") or random.SystemRandom().randrange(2**32))
os.environ["PLAN_VARIANTS_SEED"] = str(PLAN_VARIANTS_SEED)
CHROMIUM = "/usr/bin/chromium"
# Flags for a closed network: no background calls home, no sandbox as root, and no host but
# localhost and 127.0.0.1 (the test servers) resolves, so no page reaches another server even where
# the network is open. A request that tries is still seen, and fails.
CHROMIUM_ARGS = [
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
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
    env.pop("PLAN_FILE", None)  # mkdocs.yml's default (data/plan.yaml) unless a plan is given
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


def pytest_addoption(parser):
    parser.addoption(
        "--plans",
        default=None,
        help="planerna som testas, kommaseparerade (standard: PLAN_FILE, annars data/plan.yaml); "
        "testen som beror på planen körs en gång per plan",
    )


def plan_files(config) -> list[Path]:
    """The plans of this session, as absolute paths (relative ones are read from the repository)."""
    return [(ROOT / name.strip()).resolve() for name in config.option.plans.split(",") if name.strip()]


def plan_id(path: Path) -> str:
    """A short, unique name for a plan in test ids and file names: 'plan' for data/plan.yaml, else
    its folder below test-artifacts/variants/ ('variant-1') or the repository ('test-artifacts-seed-7-variant-1')."""
    if path == DEFAULT_PLAN.resolve():
        return "plan"
    folder = path.parent.relative_to(ROOT).as_posix() if path.parent.is_relative_to(ROOT) else path.parent.as_posix().strip("/")
    return folder.removeprefix("test-artifacts/variants/").replace("/", "-")


def pytest_configure(config):
    # PLAN_FILE=... still names the one plan to test; the builds a test starts then get the plan
    # it asks for, never one from the environment. (xdist's workers get the options as set here.)
    config.option.plans = config.option.plans or os.environ.get("PLAN_FILE") or "data/plan.yaml"
    os.environ.pop("PLAN_FILE", None)


def pytest_generate_tests(metafunc):
    """Every test that (through any fixture) asks for plan_file runs once per plan of --plans."""
    if "plan_file" in metafunc.fixturenames:
        files = plan_files(metafunc.config)
        ids = [plan_id(f) for f in files]
        ids = [f"{name}-{i}" if ids.count(name) > 1 else name for i, name in enumerate(ids)]
        metafunc.parametrize("plan_file", files, ids=ids, indirect=True, scope="session")


@pytest.fixture(scope="session")
def plan_file(request) -> Path:
    """The plan file under test (a parameter: one of --plans)."""
    return request.param


@pytest.fixture(scope="session")
def committed_plan_file() -> Path:
    """data/plan.yaml as committed, for tests of the repository's own files (the guide's examples
    as printed, the editors' files in the form's style, the form working on data/): not a plan under
    test, so these run once, whatever --plans holds."""
    return DEFAULT_PLAN


@pytest.fixture(scope="session")
def committed_plan(committed_plan_file) -> Plan:
    return _load(committed_plan_file)


@functools.cache
def _load(path: Path) -> Plan:
    return load_plan(path)


@pytest.fixture(scope="session")
def plan(plan_file) -> Plan:
    """The validated model of the plan under test."""
    return _load(plan_file)


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


def shared_build(plan_file: Path, site_url: str = "") -> Path:
    """The real site built from plan_file once, whatever the number of workers: the first to
    ask builds it under a file lock, the others wait and read the same folder."""
    SITE_BUILDS.mkdir(parents=True, exist_ok=True)
    key = build_key(plan_file) + (f"-{hashlib.sha256(site_url.encode()).hexdigest()[:8]}" if site_url else "")
    folder = SITE_BUILDS / key
    with FileLock(SITE_BUILDS / f"{key}.lock"):
        if not (folder / "complete").exists():  # written last: a half-built site is never reused
            shutil.rmtree(folder, ignore_errors=True)
            result = build_site(folder / "site", plan_file=str(plan_file), extra_env={"SITE_URL": site_url} if site_url else None)
            assert result.returncode == 0, result.stderr
            (folder / "complete").touch()
            _forget_old_builds()
    return folder / "site"


@pytest.fixture(scope="session")
def site_dir(plan_file) -> Path:
    """The real site built from the plan under test, with relative addresses (a preview)."""
    return shared_build(plan_file)


# Where the published site lives in tests of the deploy's build (SITE_URL set, as publish.yml does).
PUBLISHED_URL = "https://boras-stad.github.io/plan/"


@pytest.fixture(scope="session")
def published_site_dir(plan_file) -> Path:
    """The site built from the plan under test as the deploy builds it: SITE_URL set, so the
    open-data catalog and the sitemap have absolute addresses."""
    return shared_build(plan_file, PUBLISHED_URL)


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
def _idle_pages(browser) -> dict[tuple, list]:
    """Pages that earlier tests gave back emptied, by screen size and context options. Opening a
    page costs Chromium about three times a navigation (a new renderer that parses the site's
    scripts and styles again), and the browser tests open some hundreds."""
    return {}


@pytest.fixture
def new_page(browser, _idle_pages):
    """A page at a named screen size, as fresh as a new one: new_page('phone'),
    new_page('desktop', java_script_enabled=False). A page is handed on to a later test only
    when the test left nothing behind: no cookies or stored data, no listeners of its own;
    routes and media emulation are undone. A test that adds init scripts opens its own context."""
    taken = []

    def _new(viewport: str = "desktop", **options):
        key = (viewport, tuple(sorted(options.items())))
        idle = _idle_pages.setdefault(key, [])
        page = idle.pop() if idle else browser.new_context(viewport=VIEWPORTS[viewport], **options).new_page()
        taken.append((key, page, _listeners(page)))
        return page

    yield _new
    for key, page, listeners in taken:
        if _emptied(page, listeners):
            _idle_pages[key].append(page)
        else:
            page.context.close()


def _listeners(page) -> dict[str, int]:
    events = page._impl_obj  # Playwright's page is an event emitter; the test's own handlers are counted
    return {name: len(events.listeners(name)) for name in events.event_names()}


def _emptied(page, listeners: dict[str, int]) -> bool:
    """Leave the page on about:blank as a new one is, if the test left nothing that a next test could meet."""
    if page.is_closed() or _listeners(page) != listeners or len(page.context.pages) != 1:
        return False
    session = page.evaluate("() => { try { return sessionStorage.length; } catch { return 0; } }")
    state = page.context.storage_state()
    if session or state["cookies"] or any(origin["localStorage"] for origin in state["origins"]):
        return False
    page.unroute_all()
    page.emulate_media(media="null")
    page.goto("about:blank")
    return True


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


def plan_data(path: Path) -> dict:
    """The plan as plain data (lists, dicts, texts): plan.yaml merged with the editors' files beside it,
    or a test's small plan that holds every part in one file (tests/fixtures/*.yaml, tests/bad_input/base.yaml)."""
    source, problems = read_plan_source(path) if any(d.is_dir() for d in editor_dirs(path)) else read_source(path)
    assert source is not None and not problems, problems
    return source.data


def write_plan(data: dict, target: Path) -> Path:
    """Write merged plan data as target (plan.yaml) and the editors' files beside it (plan_files)."""
    return write_plan_files(data, target)


@pytest.fixture
def copy_plan(tmp_path, plan_file):
    """Copy the plan under test into tmp_path, optionally editing its parsed data first.

    edit(data) changes the data in place (yaml load -> modify -> dump), never the text,
    so it holds for any valid plan: copy_plan(lambda d: d["document"].update(replaced_by=url)).
    """

    def _copy(edit=lambda data: None, name="plan.yaml") -> Path:
        data = plan_data(plan_file)
        edit(data)
        return write_plan(data, tmp_path / name)

    return _copy


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups (its hook renames the tests)
def pytest_collection_modifyitems(config, items):
    """Mark what a test uses: `plan` when it asks for the plan (`-m plan` runs just those),
    `browser` when it asks for Chromium. Keep together on one xdist worker the tests that share
    an expensive fixture: those of one module and plan (module-scoped builds, browser pages),
    and, per plan, all that read the recorded browser visits of every page."""
    groups = {}
    # A module's tests that do not depend on the plan join its first plan's group: they may share
    # its module-scoped fixtures.
    first_plan = {}
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "plan_file" in params:
            first_plan.setdefault(item.nodeid.split("::")[0], f"({plan_id(params['plan_file'])})")
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if "plan_file" in used:
            item.add_marker(pytest.mark.plan)
        if "browser" in used:
            item.add_marker(pytest.mark.browser)
        params = getattr(getattr(item, "callspec", None), "params", {})
        plan = plan_id(params["plan_file"]) if "plan_file" in params else ""
        # For .ci/report.py (pytest --junitxml): the plan a run is on, and the check it is one run of.
        item.user_properties += [("plan", plan), ("check", _check_name(item.nodeid, plan))]
        # No "]" or "@" in a group's name: xdist takes a name ending in "]" for a test's own
        # parameters and then gives each test a group of its own (a fixture set up on every worker).
        which = f"({plan})" if plan else ""
        module = item.nodeid.split("::")[0]
        name = "visits" if "visits" in used else module
        groups.setdefault(name + (which or first_plan.get(module, "")), []).append(item)
    if getattr(config.option, "loadgroup", False):  # an xdist worker under --dist loadgroup
        # xdist hands out the groups in this order (scripts/test: --no-loadscope-reorder), the
        # next to the first worker that is nearly done: the long ones (every page visited in
        # Chromium, then the site and browser modules, the largest first) go first, so that
        # no worker is left with one of them at the end.
        def cost(group):
            name, members = group
            return (not name.startswith("visits"), not name.startswith("tests/site/"), -len(members))

        items[:] = [item for _, members in sorted(groups.items(), key=cost) for item in members]
        for name, members in groups.items():
            for item in members:
                item.add_marker(pytest.mark.xdist_group(name))


def _check_name(nodeid: str, plan: str) -> str:
    """The test's id without the plan it runs on: the same check on every plan."""
    if not plan:
        return nodeid
    for old, new in ((f"[{plan}]", ""), (f"[{plan}-", "["), (f"-{plan}]", "]"), (f"-{plan}-", "-")):
        if old in nodeid:
            return nodeid.replace(old, new, 1)
    return nodeid


def pytest_report_header(config):
    shown = [str(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p) for p in plan_files(config)]
    return [
        f"chromium: {CHROMIUM if shutil.which(CHROMIUM) else 'saknas'}",
        f"planerna som testas (--plans): {','.join(shown)}",
        f"frö för planvarianterna: PLAN_VARIANTS_SEED={PLAN_VARIANTS_SEED} (samma varianter igen med den variabeln)",
    ]
