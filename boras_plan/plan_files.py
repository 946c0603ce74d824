"""The plan's files: the adopted plan (plan.yaml) and, beside it, what editors own.

The CMS rewrites whole files and drops their comments, so plan.yaml keeps only the
adopted plan (with its comments), and what editors change lives in files of its own:

- uppfoljning.yaml: per action id, the reported status and the follow-up log;
- webbplats.yaml: the site's own texts (contact, help, open data, the accessibility
  statement, summaries, and glossary terms written for the site).

Both are optional: a plan.yaml holding everything (the merged view) is valid alone.
read_plan_source merges them into one Source, keeping the line of every value in its
own file, and relocate() names the file and field the editor edited in each problem.
"""

from __future__ import annotations

import copy
import difflib
import os
from pathlib import Path

import yaml

from .errors import Problem
from .yaml_source import Path_, Source, format_path, read_source

FOLLOW_UP_FILE = "uppfoljning.yaml"
SITE_FILE = "webbplats.yaml"
FOLLOW_UP_LIST = "actions"  # uppfoljning.yaml: actions: [{id, status, log}, ...]
FOLLOW_UP_FIELDS = ("status", "log")  # what an entry sets on its action; never the adopted text
SITE_SECTIONS = ("contact", "help", "open_data", "accessibility", "summaries", "feedback")  # whole sections
SITE_GLOSSARY = "glossary"  # terms without `source`: written for the site (quoted terms stay in plan.yaml)


def sibling(plan_file: str | os.PathLike, name: str) -> Path:
    return Path(plan_file).parent / name


def plan_files(plan_file: str | os.PathLike) -> list[str]:
    """The plan file and its editor-owned siblings (those may not exist), as paths like plan_file."""
    return [os.fspath(plan_file)] + [os.path.join(os.path.dirname(plan_file), name) for name in (FOLLOW_UP_FILE, SITE_FILE)]


def read_plan_source(path: str | os.PathLike, root: Path | None = None, shown: str | None = None) -> tuple[Source | None, list[Problem]]:
    """plan.yaml merged with the editor-owned files beside it.

    Returns (None, problems) when a file cannot be read; else (source, problems found
    while merging), so that the model's check can still report the rest at once.
    """
    shown = str(path) if shown is None else shown
    main, problems = read_source(Path(path), root=root)
    if main is None:
        return None, problems
    merged = _Merge(main, Path(shown).name)
    unreadable = False
    for name, merge in ((SITE_FILE, merged.site), (FOLLOW_UP_FILE, merged.follow_up)):
        file = sibling(path, name)
        if not os.path.lexists(file):
            continue
        display = str(sibling(shown, name))
        own, own_problems = read_source(file, root=root)
        problems += [_in_file(p, display) for p in own_problems]
        if own is None:
            unreadable = True
            continue
        if not isinstance(own.data, dict):
            problems.append(Problem(own.line_of(()), "", _NOT_A_GROUP[name], display))
            continue
        problems += merge(own, display)
    return (None, problems) if unreadable else (merged.source, problems)


def relocate(problems: list[Problem], source: Source) -> list[Problem]:
    """Each problem at the file and field the editor edited (the merged view's names otherwise)."""
    origins = sorted(source.origins.items(), key=lambda item: -len(item[0]))
    out = []
    for problem in problems:
        for merged_field, (file, own_field) in origins:
            if problem.field == merged_field or problem.field.startswith((merged_field + ".", merged_field + "[")):
                problem = Problem(problem.line, own_field + problem.field[len(merged_field):], problem.message, file)
                break
        out.append(problem)
    return out


def split_plan(data: dict) -> tuple[dict, dict, dict]:
    """Merged plan data -> (plan.yaml, uppfoljning.yaml, webbplats.yaml) data; the inverse of the merge."""
    plan = copy.deepcopy(data)
    site = {key: plan.pop(key) for key in SITE_SECTIONS if key in plan}
    glossary = plan.get(SITE_GLOSSARY)
    if isinstance(glossary, list):
        plan[SITE_GLOSSARY] = [t for t in glossary if not _site_term(t)]
        site[SITE_GLOSSARY] = [t for t in glossary if _site_term(t)]
    entries = []
    for rec in plan.get("recommendations") or []:
        for action in (rec.get("actions") or []) if isinstance(rec, dict) else []:
            if not isinstance(action, dict):
                continue
            reported = {k: action.pop(k) for k in FOLLOW_UP_FIELDS if k in action}
            if any(reported.values()):
                entries.append({"id": action.get("id"), **{k: v for k, v in reported.items() if v}})
    return plan, {FOLLOW_UP_LIST: entries}, site


def write_plan_files(data: dict, target: Path) -> Path:
    """Write merged plan data as plan.yaml (target) and the editor-owned files beside it."""
    plan, follow_up, site = split_plan(data)
    for file, part in ((target, plan), (sibling(target, FOLLOW_UP_FILE), follow_up), (sibling(target, SITE_FILE), site)):
        file.write_text(yaml.safe_dump(part, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    return target


def _site_term(term) -> bool:
    return isinstance(term, dict) and not term.get("source")


def _in_file(problem: Problem, file: str) -> Problem:
    return Problem(problem.line, problem.field, problem.message, file)


_NOT_A_GROUP = {
    SITE_FILE: "filen ska vara en grupp av fält (t.ex. contact:, help:, glossary:), inte en lista eller en text.",
    FOLLOW_UP_FILE: "filen ska börja med actions: och en lista med en post per åtgärd (id, status, log).",
}


class _Merge:
    """The merged Source, built file by file."""

    def __init__(self, main: Source, main_name: str):
        self.main_name = main_name
        self.source = Source(
            data=copy.copy(main.data) if isinstance(main.data, dict) else main.data,
            value_lines=dict(main.value_lines),
            key_lines=dict(main.key_lines),
            lines=main.lines,
        )
        self.main = main

    def _take(self, own: Source, own_path: Path_, merged_path: Path_, display: str) -> None:
        """Copy the lines under own_path (in its file) to merged_path, and note where they came from."""
        n = len(own_path)
        for lines, merged_lines in ((own.value_lines, self.source.value_lines), (own.key_lines, self.source.key_lines)):
            for path, line in lines.items():
                if path[:n] == own_path:
                    merged_lines[merged_path + path[n:]] = line
        self.source.origins[format_path(merged_path)] = (display, format_path(own_path))

    def site(self, own: Source, display: str) -> list[Problem]:
        data = self.source.data
        if not isinstance(data, dict):
            return []  # plan.yaml's own shape is reported by the model's check
        problems = []
        allowed = (*SITE_SECTIONS, SITE_GLOSSARY)
        for key, value in own.data.items():
            line = own.line_of_key((key,))
            if key not in allowed:
                guess = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.5)
                tip = f' Menade du "{guess[0]}"?' if guess else ""
                problems.append(Problem(line, str(key), f'okänt fält "{key}".{tip} Tillåtna fält här: {", ".join(allowed)}.', display))
            elif key == SITE_GLOSSARY:
                if not isinstance(value, list):
                    problems.append(Problem(line, key, "förväntade en lista (rader som börjar med -) av begrepp.", display))
                    continue
                ours = data.get(key) if isinstance(data.get(key), list) else []
                data[key] = ours + value
                for i in range(len(value)):
                    self._take(own, (key, i), (key, len(ours) + i), display)
            elif key in self.main.data:
                problems.append(Problem(line, key, (
                    f'fältet "{key}" står också i {self.main_name}. Det ska bara stå på ett ställe: här i {Path(display).name}.'
                ), display))
            else:
                data[key] = value
                self._take(own, (key,), (key,), display)
        return problems

    def follow_up(self, own: Source, display: str) -> list[Problem]:
        problems = []

        def at(path: Path_, message: str) -> None:
            problems.append(Problem(own.line_of(path), format_path(path), message, display))

        extra = [k for k in own.data if k != FOLLOW_UP_LIST]
        for key in extra:
            problems.append(Problem(own.line_of_key((key,)), str(key), f'okänt fält "{key}". Filen har bara fältet {FOLLOW_UP_LIST}:.', display))
        entries = own.data.get(FOLLOW_UP_LIST, [])
        if entries is None:
            entries = []
        if not isinstance(entries, list):
            at((FOLLOW_UP_LIST,), "förväntade en lista (rader som börjar med -), en post per åtgärd.")
            return problems
        actions = self._actions()
        seen: dict[str, int] = {}
        for i, entry in enumerate(entries):
            path = (FOLLOW_UP_LIST, i)
            if not isinstance(entry, dict):
                at(path, 'förväntade en grupp av fält (id:, status:, log:) för en åtgärd.')
                continue
            for key in entry:
                if key != "id" and key not in FOLLOW_UP_FIELDS:
                    problems.append(Problem(own.line_of_key(path + (key,)), format_path(path + (key,)), (
                        f'okänt fält "{key}". Här står bara id, status och log: planens egen text ändras i plan.yaml.'
                    ), display))
            action_id = entry.get("id")
            if action_id is None:
                at(path, 'fältet "id" saknas här. Skriv åtgärdens id inom citattecken, t.ex. "1.1".')
                continue
            if not isinstance(action_id, str):
                at(path + ("id",), f'förväntade ett id inom citattecken, t.ex. "1.1", fick {action_id!r}.')
                continue
            if action_id in seen:
                at(path + ("id",), f'åtgärden "{action_id}" har redan en post (rad {seen[action_id]}). Skriv allt om en åtgärd i en post.')
                continue
            seen[action_id] = own.line_of(path + ("id",))
            if action_id not in actions:
                guess = difflib.get_close_matches(action_id, list(actions), n=1, cutoff=0.6)
                tip = f' Menade du "{guess[0]}"?' if guess else ""
                at(path + ("id",), f'planen har ingen åtgärd med id "{action_id}".{tip} Id står i plan.yaml, t.ex. "1.1".')
                continue
            action_path, action = actions[action_id]
            for key in FOLLOW_UP_FIELDS:
                if key not in entry:
                    continue
                if key in action:
                    at(path + (key,), f'åtgärd {action_id} har redan {key} i plan.yaml. Det ska bara stå på ett ställe: här.')
                    continue
                action[key] = entry[key]
                self._take(own, path + (key,), action_path + (key,), display)
        return problems

    def _actions(self) -> dict[str, tuple[Path_, dict]]:
        """Action id -> (merged path, a copy of the action that the merge may change)."""
        found: dict[str, tuple[Path_, dict]] = {}
        data = self.source.data
        recs = data.get("recommendations") if isinstance(data, dict) else None
        if not isinstance(recs, list):
            return found
        recs = data["recommendations"] = [copy.copy(r) for r in recs]
        for r, rec in enumerate(recs):
            if not isinstance(rec, dict) or not isinstance(rec.get("actions"), list):
                continue
            rec["actions"] = [copy.copy(a) for a in rec["actions"]]
            for a, action in enumerate(rec["actions"]):
                if isinstance(action, dict) and isinstance(action.get("id"), str):
                    found.setdefault(action["id"], (("recommendations", r, "actions", a), action))
        return found
