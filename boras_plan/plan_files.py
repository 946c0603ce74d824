"""The plan's files: the adopted plan (plan.yaml) and, beside it, what editors own.

Each fact has one home (issue 22):

- plan.yaml: the adopted plan and the plan's own glossary terms (those with `source`);
- uppfoljning/<id>.yaml: one action's report (id, status, log), one file per reported action;
- webbplats/<file>.yaml: the site's own texts, one file per section (SITE_FILES).

The form at /admin/ writes the editors' files whole, in Decap's YAML style. read_plan_source
merges them into one Source (the merged view the model validates), keeping the file, line and
field of every value (Source.origins); a fact in the wrong file is refused with the file where it
belongs, and translate.relocate names the file and field the editor edited in each later problem.
"""

from __future__ import annotations

import copy
import difflib
import os
import re
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel

from .errors import Problem
from .model import REPORTED, SITE_TEXTS, Report, SiteTexts
from .yaml_source import Path_, Source, format_path, read_source

FOLLOW_UP_DIR = "uppfoljning"  # data/uppfoljning/<id>.yaml: one action's report
SITE_DIR = "webbplats"  # data/webbplats/<file>.yaml: one section of the site's own texts
FOLLOW_UP_FIELDS = REPORTED  # what a report sets on its action (model.Report); never the adopted text
REPORT_FIELDS = tuple(Report.model_fields)  # a report file's fields, in the form's order
SITE_GLOSSARY = "glossary"  # terms without `source`: written for the site (the plan's own stay in plan.yaml)
# Section -> (its file in data/webbplats/, its name in the form).
SITE_FILES = {
    "contact": ("kontakt.yaml", "Kontakt"),
    "help": ("hjalp.yaml", "Hjälp"),
    "open_data": ("oppna-data.yaml", "Öppna data"),
    "accessibility": ("tillganglighet.yaml", "Tillgänglighet"),
    "summaries": ("sammanfattningar.yaml", "Sammanfattningar"),
    "feedback": ("synpunkter.yaml", "Synpunkter"),
    SITE_GLOSSARY: ("begrepp.yaml", "Begrepp"),
}
assert tuple(SITE_FILES) == SITE_TEXTS, "one file per section of model.SiteTexts"
SITE_SECTIONS = tuple(k for k in SITE_FILES if k != SITE_GLOSSARY)  # whole sections
FOLLOW_UP_FORM = "Uppföljning"  # the form's collection names, as messages cite them
SITE_FORM = "Webbplatsens texter"
YAML_SUFFIX = ".yaml"
ACTION_ID = re.compile(r"^[0-9]+\.[0-9]+$")


def report_dir(plan_file: str | os.PathLike) -> Path:
    return Path(plan_file).parent / FOLLOW_UP_DIR


def site_dir(plan_file: str | os.PathLike) -> Path:
    return Path(plan_file).parent / SITE_DIR


def report_file(plan_file: str | os.PathLike, action_id: str) -> Path:
    """Where the report on action_id stands (data/uppfoljning/1.1.yaml), whether or not it exists."""
    return report_dir(plan_file) / f"{action_id}{YAML_SUFFIX}"


def site_file(plan_file: str | os.PathLike, section: str) -> Path:
    return site_dir(plan_file) / SITE_FILES[section][0]


def report_files(plan_file: str | os.PathLike) -> list[Path]:
    """The report files beside plan_file, in action id order (1.2 before 1.10); hidden files (.gitkeep) skipped."""
    folder = report_dir(plan_file)
    if not folder.is_dir():
        return []
    names = [p for p in folder.iterdir() if not p.name.startswith(".")]
    return sorted(names, key=lambda p: (_id_order(p.stem), p.name))


def site_files(plan_file: str | os.PathLike) -> list[Path]:
    """The site's text files that exist beside plan_file, in SITE_FILES order."""
    return [f for section in SITE_FILES if (f := site_file(plan_file, section)).is_file()]


def plan_files(plan_file: str | os.PathLike) -> list[str]:
    """plan_file and the editors' files beside it that exist, as paths like plan_file."""
    return [os.fspath(plan_file)] + [os.fspath(f) for f in (*report_files(plan_file), *site_files(plan_file))]


def editor_dirs(plan_file: str | os.PathLike) -> list[Path]:
    """The editors' folders beside plan_file (to watch, or to copy with a plan)."""
    return [report_dir(plan_file), site_dir(plan_file)]


def read_plan_source(path: str | os.PathLike, root: Path | None = None, shown: str | None = None) -> tuple[Source | None, list[Problem]]:
    """plan.yaml merged with the editors' files beside it.

    Returns (None, problems) when a file cannot be read; else (source, problems found
    while merging), so that the model's check can still report the rest at once.
    """
    shown = str(path) if shown is None else shown
    main, problems = read_source(Path(path), root=root)
    merged = _Merge(main, shown) if main is not None else None
    problems += merged.misplaced_in_plan() if merged else []
    unreadable = merged is None
    if unreadable and not Path(path).is_file():
        return None, problems  # no plan file: nothing beside it to read either
    for file in (*site_files(path), *report_files(path)):  # read even when plan.yaml cannot be: every problem at once
        display = str(Path(shown).parent / file.relative_to(Path(path).parent))
        if file.parent.name == FOLLOW_UP_DIR and (refused := _report_name_problem(file, display)):
            problems.append(refused)
            continue
        own, own_problems = read_source(file, root=root)
        problems += [_in_file(p, display) for p in own_problems]
        if own is None or merged is None:
            unreadable = True
            continue
        if file.parent.name == SITE_DIR:
            problems += merged.site(own, display, next(k for k, (name, _) in SITE_FILES.items() if name == file.name))
        else:
            problems += merged.report(own, display, file.stem)
    return (None, problems) if unreadable else (merged.source, problems)


def split_plan(data: dict) -> tuple[dict, dict[str, dict], dict[str, dict]]:
    """Merged plan data -> (plan.yaml, {action id: report}, {section: its file's data}); the inverse of the merge."""
    plan = copy.deepcopy(data)
    site = {key: {key: plan.pop(key)} for key in SITE_SECTIONS if key in plan}
    glossary = plan.get(SITE_GLOSSARY)
    if isinstance(glossary, list):
        plan[SITE_GLOSSARY] = [t for t in glossary if not _site_term(t)]
        if own := [t for t in glossary if _site_term(t)]:
            site[SITE_GLOSSARY] = {SITE_GLOSSARY: own}
    reports = {}
    for rec in plan.get("recommendations") or []:
        for action in (rec.get("actions") or []) if isinstance(rec, dict) else []:
            if not isinstance(action, dict):
                continue
            reported = {k: action.pop(k) for k in FOLLOW_UP_FIELDS if k in action}
            if any(reported.values()):
                reports[action.get("id")] = {"id": action.get("id"), **{k: v for k, v in reported.items() if v}}
    return plan, reports, site


def write_plan_files(data: dict, target: Path) -> Path:
    """Write merged plan data as plan.yaml (target) and the editors' files beside it."""
    plan, reports, site = split_plan(data)
    target.write_text(dump_yaml(plan), encoding="utf-8")
    for folder in editor_dirs(target):
        folder.mkdir(exist_ok=True)
    for action_id, report in reports.items():
        report_file(target, str(action_id)).write_text(dump_yaml(form_order(report, Report)), encoding="utf-8")
    for section, part in site.items():
        site_file(target, section).write_text(dump_yaml(form_order(part, SiteTexts)), encoding="utf-8")
    return target


def form_order(value, model: type[BaseModel] | None):
    """value with every group's fields in its model's order: the order the form writes them in
    (Decap sorts a saved file's keys by the form's fields), so a save moves no line."""
    if isinstance(value, list):
        return [form_order(item, model) for item in value]
    if not isinstance(value, dict) or model is None:
        return value
    fields = {(info.alias or name): info for name, info in model.model_fields.items()}
    rank = {key: i for i, key in enumerate(fields)}
    return {
        key: form_order(value[key], _model_in(fields[key].annotation) if key in fields else None)
        for key in sorted(value, key=lambda k: rank.get(k, len(rank)))
    }


def _model_in(annotation) -> type[BaseModel] | None:
    """The model a field holds: itself, or inside Optional[...] / tuple[..., ...]."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((m for arg in typing.get_args(annotation) if (m := _model_in(arg))), None)


def dump_yaml(data) -> str:
    """Block style with lists indented under their key, as the form writes (the data, not Decap's folding)."""
    return yaml.dump(data, Dumper=_IndentedDumper, allow_unicode=True, sort_keys=False, width=100)


class _IndentedDumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # a value used twice is written twice: the reader refuses aliases
        return True

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _id_order(stem: str) -> tuple:
    return tuple(int(n) if n.isdigit() else n for n in re.split(r"(\d+)", stem))


def _site_term(term) -> bool:
    return isinstance(term, dict) and not term.get("source")


def _in_file(problem: Problem, file: str) -> Problem:
    return Problem(problem.line, problem.field, problem.message, file)


def report_form_path(action_id: str) -> str:
    """The report in the form's words: 'Uppföljning → 1.1'."""
    return f"{FOLLOW_UP_FORM} → {action_id}"


def site_form_path(section: str) -> str:
    """A site section in the form's words: 'Webbplatsens texter → Kontakt'."""
    return f"{SITE_FORM} → {SITE_FILES[section][1]}"


def _report_name_problem(file: Path, display: str) -> Problem | None:
    """A file in the report folder whose name cannot be an action's report."""
    if file.suffix != YAML_SUFFIX or not file.is_file():
        return Problem(0, "", (
            f"här står bara rapporter, en fil per åtgärd med namnet åtgärdens id och {YAML_SUFFIX}, t.ex. 1.1{YAML_SUFFIX}. "
            "Flytta eller ta bort den här filen."
        ), display)
    if ACTION_ID.match(file.stem):
        return None
    copy_of = re.match(r"^([0-9]+\.[0-9]+)-[0-9]+$", file.stem)
    if copy_of:
        action_id = copy_of.group(1)
        return Problem(0, "", (
            f"en andra rapport för åtgärd {action_id}. Varje åtgärd har en enda rapport, {action_id}{YAML_SUFFIX}. "
            f"Skriv den nya anteckningen i den rapporten (formuläret: {report_form_path(action_id)}) och ta bort den här filen."
        ), display)
    return Problem(0, "", (
        f'filnamnet "{file.name}" är inte ett åtgärds-id. En rapport heter som åtgärdens id, t.ex. 1.1{YAML_SUFFIX}.'
    ), display)


class _Merge:
    """The merged Source, built file by file."""

    def __init__(self, main: Source, shown: str):
        self.shown = shown
        self.data_dir = Path(shown).parent
        self.source = Source(
            data=copy.copy(main.data) if isinstance(main.data, dict) else main.data,
            value_lines=dict(main.value_lines),
            key_lines=dict(main.key_lines),
            lines=main.lines,
        )
        self.main = main
        self.from_site: set[str] = set()
        self.reported: set[str] = set()

    def _where(self, *parts: str) -> str:
        return str(self.data_dir.joinpath(*parts))

    def _take(self, own: Source, own_path: Path_, merged_path: Path_, display: str) -> None:
        """Copy the lines under own_path (in its file) to merged_path, and note where they came from."""
        n = len(own_path)
        for lines, merged_lines in ((own.value_lines, self.source.value_lines), (own.key_lines, self.source.key_lines)):
            for path, line in lines.items():
                if path[:n] == own_path:
                    merged_lines[merged_path + path[n:]] = line
        self.source.origins[format_path(merged_path)] = (display, format_path(own_path))

    def misplaced_in_plan(self) -> list[Problem]:
        """What plan.yaml holds that has its home in an editors' file: a site section, a site term, a report."""
        data = self.main.data
        if not isinstance(data, dict):
            return []  # plan.yaml's own shape is reported by the model's check
        problems = []

        def refuse(path: Path_, message: str) -> None:
            line = self.main.key_lines.get(path) or self.main.line_of(path)  # where its name stands
            problems.append(Problem(line, format_path(path), message, self.shown))

        for section in SITE_SECTIONS:
            if section in data:
                refuse((section,), (
                    f"{section} hör inte hemma i planen: det är webbplatsens egen text. "
                    f"Skriv den i {self._where(SITE_DIR, SITE_FILES[section][0])} (formuläret: {site_form_path(section)})."
                ))
        for i, term in enumerate(data.get(SITE_GLOSSARY) or [] if isinstance(data.get(SITE_GLOSSARY), list) else []):
            if _site_term(term):
                refuse((SITE_GLOSSARY, i), (
                    "ett begrepp utan källa (source) är skrivet för webbplatsen och hör inte hemma i planen. "
                    f"Skriv det i {self._where(SITE_DIR, SITE_FILES[SITE_GLOSSARY][0])} (formuläret: {site_form_path(SITE_GLOSSARY)})."
                ))
        for path, action in self._actions().values():
            for key in FOLLOW_UP_FIELDS:
                if key in action:
                    action.pop(key)  # refused once, here: the model's checks see the action without it
                    refuse(path + (key,), (
                        f"{key} hör inte hemma i planen. Skriv uppföljningen i "
                        f"{self._where(FOLLOW_UP_DIR, str(action['id']) + YAML_SUFFIX)} (formuläret: {report_form_path(action['id'])})."
                    ))
        return problems

    def site(self, own: Source, display: str, section: str) -> list[Problem]:
        data = self.source.data
        if not isinstance(data, dict):
            return []
        if not isinstance(own.data, dict):
            return [Problem(own.line_of(()), "", f"filen ska börja med {section}: och sedan avsnittets fält.", display)]
        problems = []
        for key, value in own.data.items():
            line = own.line_of_key((key,))
            if key != section:
                home = SITE_FILES.get(key)
                tip = f" {key} står i {self._where(SITE_DIR, home[0])}." if home else ""
                problems.append(Problem(line, str(key), f'okänt fält "{key}": filen har bara fältet {section}:.{tip}', display))
            elif key == SITE_GLOSSARY:
                if not isinstance(value, list):
                    problems.append(Problem(line, key, "förväntade en lista av begrepp.", display))
                    continue
                for i, term in enumerate(value):
                    if isinstance(term, dict) and term.get("source"):
                        problems.append(Problem(own.line_of((key, i, "source")), format_path((key, i, "source")), (
                            f"ett begrepp med källa i planen är planens eget och står i {self.shown}. Här står begrepp skrivna för webbplatsen."
                        ), display))
                ours = [t for t in data.get(key) or [] if not _site_term(t)] if isinstance(data.get(key), list) else []
                data[key] = ours + value
                for i in range(len(value)):
                    self._take(own, (key, i), (key, len(ours) + i), display)
            else:
                data[key] = value
                self._take(own, (key,), (key,), display)
        return problems

    def report(self, own: Source, display: str, file_id: str) -> list[Problem]:
        problems = []

        def at(path: Path_, message: str) -> None:
            problems.append(Problem(own.line_of(path), format_path(path), message, display))

        if not isinstance(own.data, dict):
            at((), f'filen ska vara en rapport med fälten {", ".join(REPORT_FIELDS)}.')
            return problems
        for key in own.data:
            if key not in REPORT_FIELDS:
                problems.append(Problem(own.line_of_key((key,)), str(key), (
                    f'okänt fält "{key}". En rapport har bara {", ".join(REPORT_FIELDS)}: planens egen text ändras i {self.shown}.'
                ), display))
        action_id = own.data.get("id")
        if action_id is None:
            at((), f'fältet "id" saknas. Skriv id: "{file_id}", samma som filnamnet.')
            return problems
        if action_id != file_id:
            at(("id",), f'id ska vara samma som filnamnet, "{file_id}", fick {action_id!r}. Byt namn på filen eller rätta id.')
            return problems
        actions = self._actions()
        if action_id not in actions:
            guess = difflib.get_close_matches(action_id, list(actions), n=1, cutoff=0.6)
            tip = f' Menade du "{guess[0]}"?' if guess else ""
            at(("id",), f'planen har ingen åtgärd med id "{action_id}".{tip} Åtgärdernas id står i {self.shown}, t.ex. "1.1".')
            return problems
        action_path, action = actions[action_id]
        for key in FOLLOW_UP_FIELDS:
            if key in own.data:
                action[key] = own.data[key]
                self._take(own, (key,), action_path + (key,), display)
        return problems

    def _actions(self) -> dict[str, tuple[Path_, dict]]:
        """Action id -> (merged path, a copy of the action that the merge may change)."""
        found: dict[str, tuple[Path_, dict]] = {}
        data = self.source.data
        recs = data.get("recommendations") if isinstance(data, dict) else None
        if not isinstance(recs, list):
            return found
        if not getattr(self, "_copied", False):  # copy once, so that the merge never changes plan.yaml's data
            recs = data["recommendations"] = [copy.copy(r) for r in recs]
            for rec in recs:
                if isinstance(rec, dict) and isinstance(rec.get("actions"), list):
                    rec["actions"] = [copy.copy(a) for a in rec["actions"]]
            self._copied = True
        for r, rec in enumerate(recs):
            if not isinstance(rec, dict) or not isinstance(rec.get("actions"), list):
                continue
            for a, action in enumerate(rec["actions"]):
                if isinstance(action, dict) and isinstance(action.get("id"), str):
                    found.setdefault(action["id"], (("recommendations", r, "actions", a), action))
        return found


# Transitional: the names boras_plan/cms_config.py imports until the form branch moves it to
# this layout (issue 22). Delete them with that change; nothing else uses them.
FOLLOW_UP_FILE = FOLLOW_UP_DIR
FOLLOW_UP_LIST = "actions"
SITE_FILE = SITE_DIR
