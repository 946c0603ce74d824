"""When files changed, from git history: one `git log` per build."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

# --name-status letters of a commit that changed a file it did not add (added: A, deleted: D).
_CHANGED = {"M", "T"}


@dataclass(frozen=True)
class History:
    """Repo-relative path -> the dates of the commits that touched it, newest first.

    Empty when git or the history is unavailable (e.g. a tarball): the site then
    simply shows no date and no change from git.
    """

    touched: dict[str, tuple[str, ...]] = field(default_factory=dict)  # any commit (added too)
    changed: dict[str, tuple[str, ...]] = field(default_factory=dict)  # commits that changed an existing file

    @property
    def last_changed(self) -> dict[str, str]:
        return {path: dates[0] for path, dates in self.touched.items()}

    def change_days(self, path: str) -> tuple[str, ...]:
        """The days a commit changed the file, newest first, each once. A commit that added it is
        left out: in a shallow clone every file looks added by the oldest commit there is."""
        return tuple(dict.fromkeys(self.changed.get(path, ())))


def history(repo: Path) -> History:
    try:
        log = subprocess.run(
            ["git", "log", "--format=@%cs", "--name-status", "--no-renames", "HEAD"],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return History()
    touched: dict[str, list[str]] = {}
    changed: dict[str, list[str]] = {}
    current = ""
    for line in log.splitlines():
        if line.startswith("@"):
            current = line[1:]
        elif "\t" in line:
            status, path = line.split("\t", 1)
            touched.setdefault(path, []).append(current)
            if status[:1] in _CHANGED:
                changed.setdefault(path, []).append(current)
    return History({p: tuple(d) for p, d in touched.items()}, {p: tuple(d) for p, d in changed.items()})


def last_changed(repo: Path) -> dict[str, str]:
    """Repo-relative path -> ISO date (YYYY-MM-DD) of the newest commit touching it."""
    return history(repo).last_changed
