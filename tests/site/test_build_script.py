"""scripts/build: builds into a temporary folder and replaces site/ only on success.

The script runs in a scratch copy of the repository (links to the real
sources, the real .venv and mkdocs), so the real site/ is never touched.
scripts/setup is replaced by a no-op there: installing is not what is tested,
and it must not reinstall into the shared .venv.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

BAD_PLAN = Path(__file__).resolve().parent.parent / "bad_input" / "duplicate_key.yaml"
LINKED = ["mkdocs.yml", "macros.py", "docs", "overrides", "boras_plan", ".venv"]


@pytest.fixture
def repo(tmp_path) -> Path:
    """A scratch repository whose site/ holds a last good site."""
    for name in LINKED:
        (tmp_path / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "data", tmp_path / "data")  # plan.yaml must really be inside the repository, not linked in
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    (scripts / "build").write_bytes((ROOT / "scripts" / "build").read_bytes())
    (scripts / "setup").write_text("#!/bin/sh\nexit 0\n")
    for script in scripts.iterdir():
        script.chmod(0o755)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("senaste fungerande versionen")
    return tmp_path


def run_build(repo: Path, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "PLAN_FILE"} | env
    return subprocess.run([str(repo / "scripts" / "build")], cwd=repo, env=environment, capture_output=True, text=True, timeout=300)


def leftovers(repo: Path) -> list[str]:
    return sorted(p.name for p in repo.iterdir() if p.name.startswith((".site-build-", "site.previous")))


def break_late(repo: Path) -> None:
    """A page with a broken link: --strict fails only at the end, after mkdocs
    has emptied and written its output folder."""
    (repo / "docs").unlink()
    shutil.copytree(ROOT / "docs", repo / "docs", symlinks=True)
    (repo / "docs" / "ny-sida.md").write_text("# Ny sida\n\n[Trasig länk](finns-inte.md)\n", encoding="utf-8")


@pytest.mark.parametrize(
    "breakage, says",
    [
        ("bad data", "fältet finns två gånger"),  # stops before anything is written
        ("broken link", "finns-inte.md"),  # stops after everything is written
    ],
)
def test_failed_build_leaves_the_last_good_site_untouched(repo, breakage, says):
    env = {"PLAN_FILE": str(BAD_PLAN)} if breakage == "bad data" else {}
    if breakage == "broken link":
        break_late(repo)
    before = {p.relative_to(repo): p.read_bytes() for p in (repo / "site").rglob("*") if p.is_file()}
    result = run_build(repo, **env)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert says in result.stderr  # the editor sees why
    assert "Den senaste fungerande versionen i site/ är orörd" in result.stderr
    after = {p.relative_to(repo): p.read_bytes() for p in (repo / "site").rglob("*") if p.is_file()}
    assert after == before
    assert leftovers(repo) == []


def test_successful_build_replaces_the_site(repo):
    result = run_build(repo)
    assert result.returncode == 0, result.stderr[-3000:]
    index = (repo / "site" / "index.html").read_text(encoding="utf-8")
    assert "senaste fungerande versionen" not in index and '<html lang="sv"' in index
    assert (repo / "site" / "rekommendationer").is_dir()
    assert leftovers(repo) == []
    # A web server running as another user can read it (mktemp makes folders private).
    assert stat.S_IMODE((repo / "site").stat().st_mode) & 0o005 == 0o005


def test_first_build_without_a_previous_site(repo):
    (repo / "site" / "index.html").unlink()
    (repo / "site").rmdir()
    result = run_build(repo)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (repo / "site" / "index.html").is_file()
    assert leftovers(repo) == []
