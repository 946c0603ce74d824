import subprocess

from boras_plan.git_dates import last_changed


def git(repo, *args, date="2020-01-01T12:00:00"):
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.se", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_newest_commit_per_file(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / "a.md").write_text("1")
    (tmp_path / "b.md").write_text("1")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "one", date="2020-01-01T12:00:00")
    (tmp_path / "a.md").write_text("2")
    git(tmp_path, "commit", "-qam", "two", date="2021-06-15T12:00:00")
    assert last_changed(tmp_path) == {"a.md": "2021-06-15", "b.md": "2020-01-01"}


def test_no_history_means_no_dates(tmp_path):
    assert last_changed(tmp_path) == {}
