"""Browser test fixtures: every page visited once per screen size, with all it did recorded and
every read-only check of pagecheck.PAGE_CHECKS run on that one visit.

Uses the session fixtures in tests/conftest.py (plan, site_dir, site_url, browser, html_pages).
The marks `browser` and `plan` come from the fixtures a test asks for (tests/conftest.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from filelock import FileLock
from followed import report_follow_up
from pagecheck import PAGE_CHECKS, VIEWPORTS, screenshot_folder, screenshot_pages, settle, wait_for_search_ready
from recorder import Recorder, Visit

from boras_plan.loader import load_plan
from tests.conftest import ROOT, build_site, plan_data, plan_id, serve, write_plan

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def page_paths(html_pages) -> list[str]:
    """Every page of the site as a path below the site root, the 404 page included."""
    return sorted(html_pages) + ["404.html"]


def _visit_all(browser, site_url: str, paths: list[str], viewport: str, photos: dict[str, str], folder: Path) -> dict[str, Visit]:
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    for check in PAGE_CHECKS:
        if check.init_script:
            context.add_init_script(check.init_script)
    recorder = Recorder(context)
    page = context.new_page()
    size = VIEWPORTS[viewport]
    visits = {}
    for path in paths:
        recorder.visit = visits[path] = Visit(path, viewport)
        page.goto(site_url + path, wait_until="load")
        wait_for_search_ready(page)  # the search worker has fetched the index and language files
        settle(page)  # no transition half-way: axe blends colours of a fading element
        for check in PAGE_CHECKS:
            recorder.visit.checks[check.name] = check.run(page)
        if path in photos:
            recorder.visit.screenshot = folder / f"{photos[path]}-{size['width']}x{size['height']}.png"
            page.screenshot(path=recorder.visit.screenshot, full_page=True)
    recorder.visit = None
    context.close()
    return visits


@pytest.fixture(scope="session")
def visits(browser, site_url, page_paths, plan, plan_file, artifacts) -> dict[str, dict[str, Visit]]:
    """{'phone'|'desktop': {path: Visit}} for every page: checks' results, network, errors, screenshots
    (test-artifacts/screenshots/, of another plan than data/plan.yaml in a folder named after it)."""
    folder = screenshot_folder(artifacts, plan_file)
    photos = screenshot_pages(plan)
    return {viewport: _visit_all(browser, site_url, page_paths, viewport, photos, folder) for viewport in VIEWPORTS}


@pytest.fixture(scope="session")
def followed_site(plan_file, tmp_path_factory):
    """(model, base URL) of the plan under test with follow-up reported (followed.py), built once
    per plan for all workers (the first builds it under a lock, outside the repository: no days
    from git, only what the data dates) and served by each worker that asks."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by the workers of this session
    folder = root / f"followed-{plan_id(plan_file)}"
    plan_copy = folder / "plan" / "plan.yaml"  # a folder of its own: write_plan adds the editors' files
    with FileLock(f"{folder}.lock"):
        if not (folder / "complete").exists():
            data = plan_data(plan_file)
            report_follow_up(data)
            plan_copy.parent.mkdir(parents=True, exist_ok=True)
            write_plan(data, plan_copy)
            result = build_site(folder / "site", plan_file=plan_copy)
            assert result.returncode == 0, result.stderr
            (folder / "complete").touch()
    server = serve(folder / "site")
    yield load_plan(plan_copy), f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture
def screenshots(request, artifacts) -> Path:
    """Where a test keeps its screenshots: the folder of the plan it runs on, if it asks for one
    (this fixture adds no dependence on the plan)."""
    plan_file = request.getfixturevalue("plan_file") if "plan_file" in request.fixturenames else None
    return screenshot_folder(artifacts, plan_file)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/ (git-ignored): reports and screenshots for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
