"""./scripts/serve never goes silent: a broken plan shows its Swedish report in the browser,
and the site comes back as soon as the file is fixed (issue 16, item 5).

The real script runs in a scratch copy of the repository (as in test_build_script.py), on a
free 127.0.0.1 port, with the plan under test copied into a folder of its own.
"""

from __future__ import annotations

import html
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from boras_plan import routes
from boras_plan.errors import PlanError
from boras_plan.loader import load_plan
from tests.conftest import ROOT, plan_data, write_plan

LINKED = ["mkdocs.yml", "macros.py", "docs", "overrides", "boras_plan", ".venv"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:  # the preview's 404 page is a page too
        return error.read().decode("utf-8")


def wait_for(url: str, wanted: str, seconds: float = 90) -> str:
    """The page at url once it contains `wanted` (the server rebuilds after a save)."""
    deadline = time.monotonic() + seconds
    page = ""
    while time.monotonic() < deadline:
        try:
            page = fetch(url)
            if wanted in page:
                return page
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not listening yet, or busy rebuilding
        time.sleep(0.1)
    raise AssertionError(f"{url} visade aldrig {wanted!r}; senast:\n{page[-2000:]}")


@pytest.fixture
def preview(tmp_path, plan_file):
    """scripts/serve in a scratch repository; yields (base URL, the plan file it watches)."""
    for name in LINKED:
        (tmp_path / name).symlink_to(ROOT / name)
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    for name in ("serve", "build"):
        (scripts / name).write_bytes((ROOT / "scripts" / name).read_bytes())
    (scripts / "setup").write_text("#!/bin/sh\nexit 0\n")  # installing is not what is tested
    for script in scripts.iterdir():
        script.chmod(0o755)
    (tmp_path / "plan").mkdir()
    plan_file = write_plan(plan_data(plan_file), tmp_path / "plan" / "plan.yaml")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"PLAN_FILE": str(plan_file), "ADDR": f"127.0.0.1:{port}"}
    server = subprocess.Popen([str(scripts / "serve")], cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        yield f"http://127.0.0.1:{port}/", plan_file
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the script's process group: only what this test started
        server.wait(timeout=30)
        shutil.rmtree(tmp_path / "site", ignore_errors=True)


def test_a_broken_plan_shows_its_report_and_the_fixed_plan_the_site(preview, plan):
    url, plan_file = preview
    # The site, not the report: the start page links the first recommendation's page.
    site = routes.site_path(routes.recommendation(plan, plan.recommendations[0].number))
    wait_for(url, f'href="{site}"')

    good = plan_data(plan_file)
    broken = dict(good)
    del broken["recommendations"]  # required in every plan
    write_plan(broken, plan_file)
    with pytest.raises(PlanError) as error:
        load_plan(plan_file, display_path=str(plan_file))
    first_problem = error.value.report().splitlines()[1].strip()

    page = wait_for(url, "Planen kan inte visas")
    assert first_problem in html.unescape(page) and "Inget har publicerats" in page
    # Any other address of the preview says the same, not "page not found".
    assert "Planen kan inte visas" in fetch(url + "atgarder/")

    write_plan(good, plan_file)
    page = wait_for(url, f'href="{site}"')
    assert "Planen kan inte visas" not in page
    assert "Planen kan inte visas" not in wait_for(url + "atgarder/", "</html>")
