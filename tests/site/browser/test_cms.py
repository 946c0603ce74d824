"""The editors' form at /admin/ (Decap CMS), in real Chromium against a real git repository.

decap-server (cms/package-lock.json, installed by scripts/setup test) runs on a scratch clone
of the data only, bound to 127.0.0.1: in git mode it commits with `git add .` and checks its
branches out in the working tree, so it never sees this repository.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from boras_plan.cms_config import CONFIG_NAME, LOCAL_BACKEND, config_text
from boras_plan.loader import load_plan
from boras_plan.plan_files import FOLLOW_UP_FILE, plan_files
from boras_plan.routes import ADMIN_DIR
from pagecheck import axe_check
from tests.conftest import ROOT, build_site

DECAP_SERVER = ROOT / "cms" / "node_modules" / "decap-server" / "dist" / "index.js"
VIEWPORTS = {"desktop": (1280, 900), "phone": (360, 740)}
GIT = ["git", "-c", "user.name=Testare", "-c", "user.email=test@example.invalid"]


@pytest.fixture
def scratch_repo(tmp_path, plan_file) -> Path:
    """A git repository holding only the plan's files, as main, for decap-server to commit to."""
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    for file in plan_files(plan_file):
        if Path(file).exists():
            shutil.copy(file, repo / "data" / Path(file).name)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run(GIT + ["add", "-A"], cwd=repo, check=True)
    subprocess.run(GIT + ["commit", "-qm", "Planen"], cwd=repo, check=True)
    return repo


@pytest.fixture
def decap_server(scratch_repo):
    if not DECAP_SERVER.exists():
        pytest.fail("decap-server saknas: kör ./scripts/setup test (npm ci i cms/).")
    port = urlparse(LOCAL_BACKEND).port
    env = dict(os.environ, GIT_REPO_DIRECTORY=str(scratch_repo), MODE="git", PORT=str(port), BIND_HOST="127.0.0.1", LOG_LEVEL="warn")
    process = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert process.poll() is None, process.stdout.read().decode()
                time.sleep(0.2)
        else:
            pytest.fail("decap-server startade inte")
        yield scratch_repo
    finally:
        process.terminate()
        process.wait(timeout=10)


def _open_form(browser, site_url: str, viewport: str):
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height})
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("dialog", lambda dialog: dialog.accept())  # Decap confirms publishing with window.confirm
    page.goto(f"{site_url}{ADMIN_DIR}/#/collections/uppfoljning/entries/uppfoljning")
    page.get_by_role("button", name="Logga in").click()
    page.get_by_role("button", name="Lägg till rapport för en åtgärd").click()
    return page, violations


def _unreported_action(plan):
    """The first action of the plan under test with no report yet: the form's new entry is for it."""
    action = next((a for a in plan.actions if not a.status and not a.log), None)
    if action is None:
        pytest.skip("varje åtgärd i planen har redan en rapport; formuläret ändrar då en befintlig")
    return action


def _report(page, action_id: str, status: str, date: str, text: str, source: str) -> None:
    """Fill in the entry just added: the last one, after any the plan already has."""
    page.get_by_label("Åtgärd", exact=True).last.fill(action_id + " ")
    page.keyboard.press("Enter")
    page.get_by_label("Rapporterad status").last.fill(status)
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Lägg till anteckning").last.click()
    page.get_by_label("Datum").last.fill(date)
    page.get_by_label("Vad som rapporterades").last.fill(text)
    page.get_by_label("Länk till källan").last.fill(source)


def _plan_at(repo: Path, rev: str, into: Path):
    """The plan as committed at `rev`, loaded from its own files."""
    into.mkdir()
    archive = subprocess.run(["git", "archive", rev, "data"], cwd=repo, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return load_plan(into / "data" / "plan.yaml")


def _commits(repo: Path) -> int:
    return int(subprocess.run(["git", "rev-list", "--count", "main"], cwd=repo, capture_output=True, text=True, check=True).stdout)


def _wait_for_merge(repo: Path, timeout: float = 60) -> None:
    """Publishing merges the entry's branch into main (decap-server, git mode)."""
    deadline = time.monotonic() + timeout
    while _commits(repo) < 2:
        assert time.monotonic() < deadline, "publiceringen slogs aldrig ihop med main"
        time.sleep(0.5)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_editor_reports_status_and_log_entry_and_publishes(browser, site_url, plan, decap_server, tmp_path, viewport):
    repo = decap_server
    action = _unreported_action(plan)
    today = dt.date.today().isoformat()
    text = f"Arbetet med åtgärd {action.id} har börjat ({viewport})."
    page, violations = _open_form(browser, site_url, viewport)
    _report(page, action.id, "pågår", today, text, "https://www.boras.se/")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Ändringar sparade").wait_for()
    # Editorial workflow: the save is a branch; ready, then publish merges it into main.
    page.get_by_role("button", name="Status: Utkast").click()
    page.get_by_text("Redo", exact=True).click()
    page.get_by_role("button", name="Status: Redo").wait_for()  # the status is saved before publishing
    page.get_by_role("button", name="Publicera", exact=True).click()
    page.get_by_text("Publicera nu", exact=True).click()
    _wait_for_merge(repo)
    page.close()
    subprocess.run(["git", "checkout", "-q", "main"], cwd=repo, check=True)  # what was published

    changed = subprocess.run(["git", "diff", "--name-only", "main~1", "main"], cwd=repo, capture_output=True, text=True, check=True).stdout.split()
    assert changed == [f"data/{FOLLOW_UP_FILE}"]
    # Decap rewrites the whole file (re-indents, may quote dates), so the check is on the loaded
    # model: every other action reads exactly as before; only the reported one changed.
    before, after = (_plan_at(repo, rev, tmp_path / rev.replace("~", "-")) for rev in ("main~1", "main"))
    others = lambda plan: [a for a in plan.actions if a.id != action.id]  # noqa: E731
    assert others(after) == others(before)
    shown = subprocess.run(["git", "show", "--stat", "--patch", "main"], cwd=repo, capture_output=True, text=True, check=True).stdout
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    (ROOT / "test-artifacts" / f"cms-save-{viewport}.diff").write_text(shown, encoding="utf-8")  # the closing note's example

    check = subprocess.run([str(ROOT / "scripts" / "check"), str(repo / "data" / "plan.yaml")], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    merged = next(a for a in load_plan(repo / "data" / "plan.yaml").actions if a.id == action.id)
    assert merged.status == "pågår" and merged.log[-1].text == text and merged.log[-1].date == today

    out = tmp_path / "site"
    built = build_site(out, plan_file=repo / "data" / "plan.yaml")
    assert built.returncode == 0, built.stderr
    html = (out / "atgarder" / "index.html").read_text(encoding="utf-8")
    assert "Pågår" in html
    pages = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert text in pages
    assert violations == []


def test_a_wrong_date_is_refused_in_swedish(browser, site_url, plan, decap_server):
    repo = decap_server
    before = subprocess.run(["git", "rev-parse", "main"], cwd=repo, capture_output=True, text=True, check=True).stdout
    page, _ = _open_form(browser, site_url, "desktop")
    _report(page, _unreported_action(plan).id, "pågår", "3.12.2026", "Fel datum.", "https://www.boras.se/")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Skriv datumet som ÅÅÅÅ-MM-DD").first.wait_for()
    page.close()
    after = subprocess.run(["git", "rev-parse", "main"], cwd=repo, capture_output=True, text=True, check=True).stdout
    assert before == after
    branches = subprocess.run(["git", "branch", "--list", "cms/*"], cwd=repo, capture_output=True, text=True, check=True).stdout
    assert branches.strip() == ""


def test_the_built_form_is_configured_for_the_plan_it_was_built_with(site_dir, plan):
    """An editor who adds an action to plan.yaml finds it in the form after the next build."""
    built = (site_dir / ADMIN_DIR / CONFIG_NAME).read_text(encoding="utf-8")
    assert built == config_text(plan)
    listed = [o["value"] for c in yaml.safe_load(built)["collections"] for f in c["files"] for field in f["fields"]
              for sub in field.get("fields", []) if sub["name"] == "id" for o in sub["options"]]
    assert listed == [a.id for a in plan.actions]


def test_admin_page_is_noindex_with_a_strict_policy_and_no_third_party_requests(browser, site_url, site_dir):
    html = (site_dir / ADMIN_DIR / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in html
    policy = html.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    hosts = {word.rstrip(";") for word in policy.split() if "://" in word}
    assert hosts <= {"https://api.github.com", LOCAL_BACKEND.rsplit("/api", 1)[0]}
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{site_url}{ADMIN_DIR}/")
    page.get_by_role("button", name="Logga in").wait_for()
    page.close()
    local = {site_url.rstrip("/"), LOCAL_BACKEND.rsplit("/api", 1)[0]}
    assert [u for u in requested if not any(u.startswith(h) for h in local) and not u.startswith("data:")] == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_findings_on_the_form_are_listed_in_the_accessibility_statement(browser, site_url, decap_server, viewport):
    """Decap's own markup is not ours to fix: what axe finds must be named in the statement (by rule id)."""
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{site_url}{ADMIN_DIR}/")
    page.get_by_role("button", name="Logga in").wait_for()
    found = {v["id"] for v in axe_check(page)["violations"]}  # the sign-in page
    page.close()
    page, _ = _open_form(browser, site_url, viewport)
    page.get_by_label("Rapporterad status").last.wait_for()
    found |= {v["id"] for v in axe_check(page)["violations"]}  # the form with a new entry
    page.close()
    published = load_plan(ROOT / "data" / "plan.yaml").accessibility  # the repository's statement, whatever plan is under test
    statement = " ".join(d.text for d in published.deficiencies)
    named = {rule.strip() for group in re.findall(r"\(([a-z0-9, -]+)\)", statement) for rule in group.split(",")}
    assert sorted(found - named) == [], "lägg till bristen i tillgänglighetsredogörelsen (axe-regelns id inom parentes)"
