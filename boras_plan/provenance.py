"""When each follow-up note was published, and through which change: from git.

A note is published when the commit that adds it reaches main: on main's first-parent
history that is the merge commit of its pull request ("Merge pull request #12 from …"),
the squashed commit ("Rapport om 1.1 (#12)"), or a commit pushed to main. The history
read is the first-parent history of the commit being built (HEAD: main, when the site
is published).

A note is named by log_keys (action id, reported date, place among that day's
notes), the name its feed entry has: correcting a note's text does not publish it anew.
The notes are read from every layout they have lived in (the follow-up files beside the
plan, and the plan file itself before them), so moving them between files publishes
nothing. A note already there at the start of a shallow clone's history has no known
publication; without git, no note has one: nothing is invented.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .plan_files import FOLLOW_UP_DIR

# Where notes have lived, relative to the plan file's folder (besides the plan file itself):
# one file per action in uppfoljning/ (plan_files), and uppfoljning.yaml for all of them before it.
FOLLOW_UP_PLACES = (FOLLOW_UP_DIR, "uppfoljning.yaml")
_MERGED = re.compile(r"^Merge pull request #([0-9]+)\b")  # GitHub's merge commit
_SQUASHED = re.compile(r"\(#([0-9]+)\)\s*$")  # GitHub's squash (and rebase) title
_HEADER = "\x1e"  # starts each commit's line in the log read below
_MAYBE_NOTES = re.compile(rb"(?m)^[ \t-]*log[ \t]*:")  # a file without a log: key has no notes: not parsed
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Publication:
    """The change that published a note: the day it reached main and where to read it."""

    date: str  # ISO date of the commit on main (its committer date)
    commit: str  # the commit's full id
    number: int | None  # the pull request's number, when the commit names it
    url: str | None  # the pull request (or else the commit) at repo_url; None without repo_url

    @property
    def label(self) -> str:
        """What the change is called on the site: 'ändring #12', or the commit's short id."""
        return f"ändring #{self.number}" if self.number is not None else f"ändring {self.commit[:7]}"


def log_keys(action_id: str, dates: Sequence[str]) -> list[str]:
    """The keys of an action's log entries, in the data's order: the date and the place among that day's entries."""
    seen: dict[str, int] = {}
    keys = []
    for date in dates:
        n = seen[date] = seen.get(date, -1) + 1
        keys.append(f"log/{action_id}/{date}/{n}")
    return keys


def pull_request(subject: str) -> int | None:
    """The pull request a commit on main says it comes from, by GitHub's own wording."""
    match = _MERGED.match(subject) or _SQUASHED.search(subject)
    return int(match.group(1)) if match else None


def publications(plan_file: str | os.PathLike, repo_url: str | None = None) -> dict[str, Publication]:
    """log_keys -> the note's Publication, for every note git has seen reach HEAD's
    first-parent history and stay. Empty without git or history."""
    plan_file = Path(plan_file).absolute()
    folder = plan_file.parent
    places = [plan_file.name, *FOLLOW_UP_PLACES]
    try:
        log = _git(folder, "log", "--first-parent", "--diff-merges=first-parent", "--raw", "--no-abbrev", "--no-renames", "--reverse",
                   f"--format={_HEADER}%H %cs%x1f%s", "HEAD", "--", *places)
        shallow = _shallow_commits(folder)
    except (OSError, subprocess.CalledProcessError):
        return {}
    commits = _parse_log(log)
    blobs = _blobs(folder, {blob for _, _, _, changed in commits for blob in changed.values() if blob})
    files: dict[str, frozenset[str]] = {}  # path -> the notes in it, at the commit being read
    published: dict[str, Publication | None] = {}  # None: there before a shallow history starts
    base = repo_url.rstrip("/") if repo_url else None
    for sha, date, subject, changed in commits:
        for path, blob in changed.items():
            if blob:
                files[path] = blobs.get(blob, frozenset())
            else:
                files.pop(path, None)
        present = frozenset().union(*files.values())
        for key in set(published) - present:  # removed: if it comes back, it is published then
            del published[key]
        new = present - set(published)
        if not new:
            continue
        if sha in shallow:  # a shallow history's first commit: every note looks added by it
            published.update(dict.fromkeys(new))
            continue
        number = pull_request(subject)
        url = None if base is None else f"{base}/pull/{number}" if number is not None else f"{base}/commit/{sha}"
        published.update(dict.fromkeys(new, Publication(date, sha, number, url)))
    return {key: p for key, p in published.items() if p is not None}


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "core.quotePath=false", *args], cwd=folder, capture_output=True, text=True, check=True
    ).stdout


def _shallow_commits(folder: Path) -> list[str]:
    """The commits a shallow clone's history starts at (their parents were not fetched)."""
    path = Path(folder, _git(folder, "rev-parse", "--git-path", "shallow").strip())
    try:
        return path.read_text().split()
    except OSError:  # not shallow
        return []


def _parse_log(log: str) -> list[tuple[str, str, str, dict[str, str | None]]]:
    """(commit, date, subject, {path: new blob, or None when deleted}), oldest first."""
    commits = []
    for line in log.split("\n"):  # not splitlines(): it splits at the header's \x1e too
        if line.startswith(_HEADER):
            head, _, subject = line[1:].partition("\x1f")
            sha, date = head.split(" ")
            commits.append((sha, date, subject, {}))
        elif line.startswith(":") and "\t" in line and commits:
            meta, path = line.split("\t", 1)
            new_blob, status = meta.split(" ")[3], meta.split(" ")[4]
            if path.endswith((".yaml", ".yml")):
                commits[-1][3][path] = None if status.startswith("D") else new_blob
    return commits


def _blobs(folder: Path, shas: set[str]) -> dict[str, frozenset[str]]:
    """Blob -> the note keys in it (one `git cat-file --batch` for all of them)."""
    if not shas:
        return {}
    order = sorted(shas)
    out = subprocess.run(
        ["git", "cat-file", "--batch"], cwd=folder, input="".join(s + "\n" for s in order).encode(), capture_output=True, check=True
    ).stdout
    notes: dict[str, frozenset[str]] = {}
    pos = 0
    for sha in order:
        header_end = out.index(b"\n", pos)
        header = out[pos:header_end].split()
        if len(header) < 3:  # "<sha> missing"
            pos = header_end + 1
            continue
        size = int(header[2])
        content = out[header_end + 1 : header_end + 1 + size]
        pos = header_end + 1 + size + 1
        notes[sha] = _notes(content)
    return notes


def _notes(content: bytes) -> frozenset[str]:
    """The note keys in a file of any layout: every mapping with an action id and a log."""
    if not _MAYBE_NOTES.search(content):
        return frozenset()
    try:
        data = yaml.load(content, Loader=_LOADER)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError:
        return frozenset()  # a broken file in history published nothing
    keys: set[str] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("id"), str) and isinstance(item.get("log"), list):
                dates = [str(e.get("date")) for e in item["log"] if isinstance(e, dict)]
                keys.update(log_keys(item["id"], dates))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return frozenset(keys)
