"""When each file last changed, from git history: one `git log` per build."""

from __future__ import annotations

import subprocess
from pathlib import Path


def last_changed(repo: Path) -> dict[str, str]:
    """Repo-relative path -> ISO date (YYYY-MM-DD) of the newest commit touching it.

    Empty when git or the history is unavailable (e.g. a tarball): the site
    then simply shows no date.
    """
    try:
        log = subprocess.run(
            ["git", "log", "--format=@%cs", "--name-only", "--no-renames", "HEAD"],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in log.splitlines():
        if line.startswith("@"):
            current = line[1:]
        elif line and line not in dates:  # newest first: keep the first seen
            dates[line] = current
    return dates
