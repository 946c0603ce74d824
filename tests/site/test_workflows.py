"""The publishing pipeline: checked on every pull request, deployed only from main.

These tests read .github/workflows/*.yml as data, so a change that would let
broken data reach the public site (a deploy without checks, a deploy from a
branch, write access for every job, a moving action version) fails here first.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
ON_MAIN_PUSH = "github.event_name == 'push' && github.ref == 'refs/heads/main'"


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # PyYAML reads the key `on:` as True
    return data


ALL_WORKFLOWS = sorted(WORKFLOWS.glob("*.y*ml"))


@pytest.fixture(scope="module")
def workflow() -> dict:
    return _load(WORKFLOWS / "publish.yml")


def _steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def _runs(job: dict) -> list[str]:
    return [line.strip() for step in _steps(job) for line in step.get("run", "").splitlines()]


def _uses(path: Path) -> list[str]:
    """Every `uses:` of the workflow as written, with its version comment."""
    text = path.read_text(encoding="utf-8")
    found = re.findall(r"^\s*(?:- )?uses:\s*(.+?)\s*$", text, flags=re.MULTILINE)
    jobs = _load(path)["jobs"].values()
    from_data = [step["uses"] for job in jobs for step in _steps(job) if "uses" in step] + [job["uses"] for job in jobs if "uses" in job]
    assert len(found) == len(from_data), "every `uses:` must be a step or a job"
    return found


ON_PULL_REQUEST = "github.event_name == 'pull_request'"


def _check_jobs(workflow: dict) -> dict[str, dict]:
    return {name: job for name, job in workflow["jobs"].items() if name != "deploy"}


def _gates(workflow: dict) -> set[str]:
    """The check jobs a push to main runs: the deploy waits for each (one it skipped would skip the deploy)."""
    return {name for name, job in _check_jobs(workflow).items() if job.get("if") != ON_PULL_REQUEST}


def test_triggers_are_pull_requests_and_pushes_to_main(workflow):
    assert workflow["on"] == {"pull_request": {"branches": ["main"]}, "push": {"branches": ["main"]}}


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda p: p.name)
def test_every_workflow_starts_read_only(path):
    assert _load(path)["permissions"] == {"contents": "read"}


def test_check_jobs_do_not_widen_permissions(workflow):
    for name, job in _check_jobs(workflow).items():
        assert "permissions" not in job, f"{name} must not widen permissions"


def test_only_deploy_may_write_pages(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_deploy_needs_every_check_job_and_runs_only_for_main(workflow):
    deploy = workflow["jobs"]["deploy"]
    needs = deploy["needs"]
    needs = [needs] if isinstance(needs, str) else needs
    assert set(needs) == _gates(workflow)
    assert deploy["if"] == ON_MAIN_PUSH
    assert "always()" not in str(deploy) and "continue-on-error" not in deploy


def test_one_deploy_at_a_time(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["concurrency"]["cancel-in-progress"] is False
    assert "${{" not in deploy["concurrency"]["group"], "one fixed group: deploys of all runs queue"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in _steps(deploy)] == ["actions/deploy-pages"]


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    for ref in _uses(path):
        assert PINNED.match(ref), f"{ref}: pin to a full commit SHA followed by '# vX.Y.Z'"


def test_publish_workflow_exists_and_calls_actions():
    assert WORKFLOWS / "publish.yml" in ALL_WORKFLOWS
    assert len(_uses(WORKFLOWS / "publish.yml")) >= 4


def test_every_job_checks_out_without_credentials_and_the_test_job_with_full_history(workflow):
    for name, job in _check_jobs(workflow).items():
        checkout = next(s for s in _steps(job) if s.get("uses", "").startswith("actions/checkout@"))
        assert checkout["with"]["persist-credentials"] is False, name
        assert not any(s.get("continue-on-error") for s in _steps(job)), name
    checkout = next(s for s in _steps(workflow["jobs"]["test"]) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # pages show when they last changed


def _readme_code_lines() -> list[str]:
    """The lines of README.md's fenced code blocks (fences may be indented)."""
    lines, inside = [], False
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("```"):
            inside = not inside
        elif inside:
            lines.append(line.strip())
    return lines


def _readme_test_command() -> str:
    commands = sorted({line for line in _readme_code_lines() if re.fullmatch(r"(\./)?scripts/test", line)})
    assert len(commands) == 1, f"README should name one test command, found {commands}"
    return commands[0]


def test_the_data_verdict_comes_first_then_the_tests_then_the_strict_build(workflow):
    """The editor's check runs in a job of its own that installs no test packages, so its
    verdict comes within a minute; the long test job runs only after it passed."""
    assert _runs(workflow["jobs"]["check"]) == ["scripts/check"]
    test = workflow["jobs"]["test"]
    assert test["needs"] in ("check", ["check"])
    runs = _runs(test)
    test_command = _readme_test_command()
    assert test_command in runs
    assert "scripts/build" in runs
    assert runs.index(test_command) < runs.index("scripts/build")


def test_build_script_is_strict():
    """scripts/build runs boras_plan/build.py; every engine's command there is strict and not quiet."""
    from boras_plan.build import ENGINES

    script = (ROOT / "scripts" / "build").read_text(encoding="utf-8")
    assert any("boras_plan.build" in line for line in script.splitlines() if not line.lstrip().startswith("#"))
    for name, engine in ENGINES.items():
        assert "--strict" in engine.command, name
        assert "--quiet" not in engine.command and "-q" not in engine.command, "--quiet silences the warnings --strict counts"


def test_built_site_is_kept_as_preview_and_uploaded_for_pages_only_from_main(workflow):
    steps = _steps(workflow["jobs"]["test"])
    by_action = {s["uses"].split("@")[0]: s for s in steps if "uses" in s}
    preview = by_action["actions/upload-artifact"]
    assert preview["with"]["path"].rstrip("/") == "site"
    assert "if" not in preview, "pull requests need the preview too"
    pages = by_action["actions/upload-pages-artifact"]
    assert pages["with"]["path"].rstrip("/") == "site"
    assert pages["if"] == ON_MAIN_PUSH
    # Both uploads come after the build, so only a site that passed everything is kept.
    build_at = next(i for i, s in enumerate(steps) if s.get("run", "").strip() == "scripts/build")
    assert steps.index(preview) > build_at and steps.index(pages) > build_at


def test_only_the_build_for_main_gets_absolute_addresses(workflow):
    """SITE_URL is set on the build step for pushes (to main) only: tests and previews stay relative."""
    steps = [step for job in _check_jobs(workflow).values() for step in _steps(job)]
    with_url = [step for step in steps if "SITE_URL" in step.get("env", {})]
    assert [step["run"] for step in with_url] == ["scripts/build"]
    expression = with_url[0]["env"]["SITE_URL"]
    assert "github.event_name == 'push'" in expression and ".github.io/" in expression and "|| ''" in expression
    assert all("SITE_URL" not in job.get("env", {}) for job in workflow["jobs"].values())


def test_the_reviewer_reads_what_the_change_does_on_the_pull_requests_page(workflow):
    """scripts/review, against the pull request's base commit (full history), writes the job summary;
    bash's pipefail keeps its exit status (1 for a change that cannot be published) through tee."""
    job = workflow["jobs"]["review"]
    assert job["if"] == ON_PULL_REQUEST
    checkout = next(s for s in _steps(job) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    (step,) = [s for s in _steps(job) if "scripts/review" in s.get("run", "")]
    assert step["run"] == 'scripts/review "$BASE" | tee -a "$GITHUB_STEP_SUMMARY"'
    assert step["env"] == {"BASE": "${{ github.event.pull_request.base.sha }}"}
    assert step["shell"] == "bash"  # GitHub runs it as bash -eo pipefail


def test_the_generated_plans_run_beside_the_real_plans_tests_from_the_same_package_cache(workflow):
    """Two test jobs side by side after the data check: every test on data/plan.yaml, and the
    plan's tests on generated plans (`.ci/run variants`); `.ci/run` runs both in one session.
    Both restore the pinned packages from one cache, keyed by the pins."""
    variants = workflow["jobs"]["test-variants"]
    assert variants["needs"] in ("check", ["check"])
    assert ".ci/run variants" in _runs(variants)
    caches = [
        next(s for s in _steps(workflow["jobs"][name]) if s.get("uses", "").startswith("actions/cache@"))
        for name in ("test", "test-variants")
    ]
    assert caches[0]["with"] == caches[1]["with"]
    for folder in (".venv", ".venv-properdocs", ".venv-zensical", "cms/node_modules"):  # the engines' too: test_engines builds with them
        assert folder in caches[0]["with"]["path"].split()
    for pins in ("requirements-test.txt", "requirements-properdocs.txt", "requirements-zensical.txt", "constraints.txt", "cms/package.json", "cms/package-lock.json"):
        assert pins in caches[0]["with"]["key"]
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "all | variants" in script and "-m plan" in script
