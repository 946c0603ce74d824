"""When each note was published (boras_plan/provenance.py), read from real git repositories made
here: a pull request merged with a merge commit (--no-ff), one squashed, a commit pushed to main,
a corrected text, notes moved to another file, and the same history without git or shallow.
The notes are reported on actions of the plan under test (ids from its model)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml

from boras_plan import changes, feed, provenance
from boras_plan.lifecycle import build_date
from boras_plan.loader import load_plan
from boras_plan.provenance import publications, pull_request
from tests.conftest import plan_data, write_plan

REPO_URL = "https://github.com/boras-stad/plan"
MERGED, SQUASHED, PUSHED = "2026-03-05", "2026-03-07", "2026-03-09"


def git(repo, *args, date="2026-01-02T12:00:00"):
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.se", "-c", "init.defaultBranch=main", *args],
        cwd=repo, env=env, check=True, capture_output=True, text=True,
    ).stdout


def unreported(plan_file) -> dict:
    data = plan_data(plan_file)
    for rec in data["recommendations"]:
        for action in rec["actions"]:
            action.pop("status", None), action.pop("log", None)
    return data


def report(data: dict, action_id: str, date: str, text: str) -> None:
    action = next(a for rec in data["recommendations"] for a in rec["actions"] if a["id"] == action_id)
    action["status"] = "pågår"
    action.setdefault("log", []).append({"date": date, "text": text})


@pytest.fixture(scope="module")
def history(tmp_path_factory, plan, plan_file):
    """main: the plan without notes; a note on the first action merged from a branch as pull
    request #12 (--no-ff, on MERGED); a note on the second squashed as #13 (on SQUASHED); the
    first note's text corrected, and a note on the third pushed to main (on PUSHED)."""
    first, second, third = (a.id for a in plan.actions[:3])
    repo = tmp_path_factory.mktemp("provenance") / "repo"
    (repo / "data").mkdir(parents=True)
    git(repo, "init", "-q")
    data = unreported(plan_file)
    plan_file = write_plan(data, repo / "data" / "plan.yaml")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Planen")
    git(repo, "checkout", "-qb", "cms/uppfoljning")
    report(data, first, "2026-03-01", "Arbetet har börjat.")
    write_plan(data, plan_file)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Uppföljning", date="2026-03-02T09:00:00")
    git(repo, "checkout", "-q", "main")
    (repo / "README").write_text("main moved on\n")
    git(repo, "add", "README")
    git(repo, "commit", "-qm", "Annat", date="2026-03-03T09:00:00")
    git(repo, "merge", "-q", "--no-ff", "cms/uppfoljning", "-m", "Merge pull request #12 from boras-stad/cms/uppfoljning", date=f"{MERGED}T15:00:00")
    report(data, second, "2026-03-06", "En rapport.")
    write_plan(data, plan_file)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", f"Uppföljning av åtgärd {second} (#13)", date=f"{SQUASHED}T10:00:00")
    data_before_fix = yaml.safe_load(yaml.safe_dump(data))
    next(a for rec in data["recommendations"] for a in rec["actions"] if a["id"] == first)["log"][0]["text"] = "Arbetet har börjat i maj."
    report(data, third, "2026-03-08", "Ännu en rapport.")
    write_plan(data, plan_file)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Rättelse och ny rapport", date=f"{PUSHED}T10:00:00")
    assert data_before_fix != data
    sha = git(repo, "rev-parse", "HEAD").strip()
    return repo, plan_file, (first, second, third), sha


def keys(plan_file, action_id):
    plan = load_plan(plan_file)
    action = next(a for a in plan.actions if a.id == action_id)
    return provenance.log_keys(action.id, [e.date for e in action.log])


def test_a_note_is_published_by_the_merge_its_squash_or_the_commit_that_brought_it_to_main(history):
    repo, plan_file, (first, second, third), sha = history
    found = publications(plan_file, REPO_URL)
    assert set(found) == {k for a in (first, second, third) for k in keys(plan_file, a)}
    (merged,), (squashed,), (pushed,) = ([found[k] for k in keys(plan_file, a)] for a in (first, second, third))
    # The merge day, not the day the editor's commit was made; the text corrected later does not publish it anew.
    assert (merged.date, merged.number, merged.url) == (MERGED, 12, f"{REPO_URL}/pull/12")
    assert (squashed.date, squashed.number, squashed.url) == (SQUASHED, 13, f"{REPO_URL}/pull/13")
    assert (pushed.date, pushed.number, pushed.url, pushed.commit) == (PUSHED, None, f"{REPO_URL}/commit/{sha}", sha)
    assert (merged.label, pushed.label) == ("ändring #12", f"ändring {sha[:7]}")
    assert {p.url for p in publications(plan_file).values()} == {None}  # no repo_url: no link, the days still


def test_the_page_changes_and_feeds_carry_the_publication(history):
    repo, plan_file, (first, *_), _ = history
    plan = load_plan(plan_file)
    found = publications(plan_file, REPO_URL)
    listed = changes.changes(plan, build_date(), (), found)
    followed = [c for c in listed if c.kind == changes.FOLLOW_UP]
    assert [c.published for c in followed] == [found[c.key] for c in followed]
    xml = feed.atom(plan, feed.site_feed(plan, listed), "https://example.se/")
    entry = xml.split(f"<id>{feed.entry_id(plan, next(c for c in followed if c.action == first))}</id>", 1)[1].split("</entry>", 1)[0]
    assert f"<published>{MERGED}T00:00:00Z</published>" in entry
    assert f'rel="related" type="text/html" href="{REPO_URL}/pull/12"' in entry


def test_moving_the_notes_to_other_files_publishes_nothing(history, tmp_path):
    repo, plan_file, _, _ = history
    moved = tmp_path / "moved"
    git(tmp_path, "clone", "-q", str(repo), str(moved))
    before = publications(moved / "data" / "plan.yaml", REPO_URL)
    # Back to one file, as the plan was before its follow-up moved beside it.
    (moved / "data" / "plan.yaml").write_text(yaml.safe_dump(plan_data(plan_file), allow_unicode=True), encoding="utf-8")
    for other in (moved / "data").iterdir():
        if other.name != "plan.yaml":
            shutil.rmtree(other) if other.is_dir() else other.unlink()
    git(moved, "add", "-A")
    git(moved, "commit", "-qm", "Allt i en fil", date="2026-04-01T10:00:00")
    assert publications(moved / "data" / "plan.yaml", REPO_URL) == before


def test_a_renamed_file_keeps_its_notes_and_a_deleted_one_takes_them_away(history, tmp_path):
    repo, plan_file, (first, *_), _ = history
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    (report_file,) = [p for p in (clone / "data").rglob("*.yaml") if p.name.startswith(first) and p.parent != clone / "data"]
    before = publications(clone / "data" / "plan.yaml", REPO_URL)
    git(clone, "mv", str(report_file), str(report_file.with_name("flyttad.yaml")))
    git(clone, "commit", "-qm", "Flyttad", date="2026-04-01T10:00:00")
    assert publications(clone / "data" / "plan.yaml", REPO_URL) == before
    git(clone, "rm", "-q", str(report_file.with_name("flyttad.yaml")))
    git(clone, "commit", "-qm", "Borttagen", date="2026-04-02T10:00:00")
    after = publications(clone / "data" / "plan.yaml", REPO_URL)
    assert set(after) == set(before) - set(keys(plan_file, first)) and set(after) != set(before)


def test_without_history_nothing_is_invented(history, tmp_path):
    repo, plan_file, (first, second, third), _ = history
    unpacked = tmp_path / "unpacked"
    shutil.copytree(repo, unpacked, ignore=shutil.ignore_patterns(".git"))
    assert publications(unpacked / "data" / "plan.yaml", REPO_URL) == {}
    one = tmp_path / "one"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(one))
    assert publications(one / "data" / "plan.yaml", REPO_URL) == {}  # its one commit seems to add every note
    two = tmp_path / "two"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{repo}", str(two))
    found = publications(two / "data" / "plan.yaml", REPO_URL)
    assert set(found) == set(keys(plan_file, third))  # only the note whose commit's parent is there


@pytest.mark.parametrize(
    "subject, number",
    [
        ("Merge pull request #12 from boras-stad/cms/uppfoljning", 12),
        ("Uppföljning av åtgärd 1.1 (#7)", 7),
        ("Merge branch 'main' into x", None),
        ("Fix #12 in the text", None),
        ("Rapport (#12) om något", None),
    ],
)
def test_the_pull_request_number_is_read_as_github_writes_it(subject, number):
    assert pull_request(subject) == number
