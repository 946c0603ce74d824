"""A field of an editors' file in the form's own words: 'Uppföljning → 1.1 → Anteckning 2 → Datum'.

The check (scripts/check, the build, the pull request's check) names file, line and field for
those who edit the files by hand; editors who use the form at /admin/ see neither, so each
problem in an editors' file also names the place in the form. A field's label is the first
phrase of the model's Swedish description ('Telefon, t.ex. 033-35 70 00.' -> 'Telefon'), the
rule the form's labels follow too.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from .errors import Problem
from .plan_files import FOLLOW_UP_DIR, SITE_DIR, SITE_FILES, report_form_path, site_form_path

# What one item of a list is called in the form ("Lägg till anteckning"); other lists number their label.
ITEM_NAMES = {"log": "Anteckning", "glossary": "Begrepp", "help": "Hjälp", "deficiencies": "Brist", "paragraphs": "Stycke", "keywords": "Nyckelord"}
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def label(description: str | None, name: str) -> str:
    """The field's name in the form: the description's first phrase, else the field's own name."""
    first = re.split(r"[.,:(]\s|[.:]$|\s\(", description or "", maxsplit=1)[0].strip()
    if len(first) > 60:  # a long first phrase: its first words
        first = first[:60].rsplit(" ", 1)[0] + " …"
    return first or name


def form_place(file: str, field: str) -> str:
    """'Uppföljning → 1.1 → Anteckning 2 → Datum' for field (as the report names it) in an editors' file; '' for plan.yaml."""
    path = Path(file)
    parts: list[str | int] = [name or int(index) for name, index in _PART.findall(field)]
    if path.parent.name == FOLLOW_UP_DIR:
        words, node = [report_form_path(path.stem)], _schema()["$defs"]["Action"]
    elif path.parent.name == SITE_DIR and (section := _section_of(path.name)):
        words, node = [site_form_path(section)], _schema()
        if not parts or parts[0] != section:
            return words[0]
        parts, node = parts[1:], _resolve(_schema()["properties"][section])
        if parts and isinstance(parts[0], int):
            words.append(f"{ITEM_NAMES.get(section, SITE_FILES[section][1])} {parts[0]}")
            parts, node = parts[1:], _resolve(node.get("items", {}))
    else:
        return ""
    for i, part in enumerate(parts):
        if isinstance(part, int):
            continue  # named with its list, below
        prop = _resolve(node.get("properties", {}).get(part, {}))
        if not prop:
            break
        following = parts[i + 1] if i + 1 < len(parts) else None
        if isinstance(following, int):
            words.append(f"{ITEM_NAMES.get(part, label(prop.get('description'), part))} {following}")
            node = _resolve(prop.get("items", {}))
        else:
            words.append(label(prop.get("description"), part))
            node = prop
    return " → ".join(words)


def with_form_places(problems: list[Problem]) -> list[Problem]:
    """Each problem in an editors' file with its place in the form."""
    out = []
    for problem in problems:
        place = form_place(problem.file, problem.field) if problem.file and problem.field else ""
        out.append(Problem(problem.line, problem.field, problem.message, problem.file, place) if place else problem)
    return out


def _section_of(file_name: str) -> str | None:
    return next((section for section, (name, _) in SITE_FILES.items() if name == file_name), None)


@cache
def _schema() -> dict:
    from .schema import _model_schema  # the model's JSON Schema: descriptions, lists and groups

    return _model_schema()


def _resolve(node: dict) -> dict:
    """A schema node with $ref and Optional's anyOf [X, null] followed; its description kept."""
    description = node.get("description")
    while True:
        if "$ref" in node:
            node = _schema()["$defs"][node["$ref"].rsplit("/", 1)[1]]
        elif "anyOf" in node:
            node = next((n for n in node["anyOf"] if n.get("type") != "null"), {})
        else:
            break
    return dict(node, description=description) if description else node
