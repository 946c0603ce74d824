"""The one path from the model's validation error to what editors read: each problem in
Swedish, at the file, line and field they edited, and its place in the form.

pydantic reports each error with a location (keys and list indexes, as in the YAML) and a
type; this module says in Swedish what was expected there, with the field's own description
from the model (the rules across fields, checks.py, give their own words). The merged view's
field is then named in the file the editor edited (plan_files records where each part came
from), and a problem in an editors' file also names the place in the form at /admin/:
'Uppföljning → 1.1 → Anteckning 2 → Datum'. A field's label in the form is the first phrase of
the model's Swedish description ('Telefon, t.ex. 033-35 70 00.' -> 'Telefon'), the rule the
form's labels follow too (cms_config).
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from .checks import RULE_ERROR
from .errors import MAX_PROBLEMS, Problem, describe_value
from .model import Plan
from .plan_files import FOLLOW_UP_DIR, SITE_DIR, SITE_FILES, report_form_path, site_form_path
from .schema import model_schema
from .yaml_source import Source, format_path

# The model's patterns in words, for fields whose description does not say
# it already (the keyword): pattern -> (keyword, what is expected). The form's hints say them too.
PATTERN_WORDS = {
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": ("ÅÅÅÅ", 'ett datum som ÅÅÅÅ-MM-DD, t.ex. 2016-05-30'),
    "^[a-z0-9]+(-[a-z0-9]+)*$": ("a–z", "små bokstäver a–z, siffror och bindestreck, t.ex. tydlig-ansvarsfordelning"),
    "^[0-9]+\\.[0-9]+$": ("punkt", 'två tal med punkt emellan, t.ex. "5.2" (med citattecken i filen)'),
    "^[0-9]{6}-[0-9]{4}$": ("organisationsnummer", 'ett organisationsnummer med bindestreck, t.ex. 212000-0000'),
    "^\\+?[0-9][0-9 -]{4,30}$": ("033", "ett telefonnummer med siffror, mellanslag och bindestreck, t.ex. 033-35 70 00"),
    "^\\+?[0-9][0-9 -]{1,30}$": ("siffror", "ett telefonnummer med siffror, mellanslag och bindestreck, t.ex. 114 14"),
}

_TYPE_NAMES = {
    "string_type": "en text",
    "int_type": "ett heltal",
    "bool_type": "true eller false",
    "tuple_type": "en lista (rader som börjar med -)",
    "list_type": "en lista (rader som börjar med -)",
    "model_type": "en grupp av fält (namn: värde)",
    "dict_type": "en grupp av fält (namn: värde)",
}


def problems(error: ValidationError, source: Source) -> list[Problem]:
    """Every problem of the error, as editors read it: Swedish, at its file, line and field, with its place in the form."""
    details = error.errors(include_url=False)
    shapes = [d for d in details if d["type"] != RULE_ERROR]
    rules = [Problem(source.line_of(d["loc"]), format_path(d["loc"]), d["msg"]) for d in details if d["type"] == RULE_ERROR]
    return with_form_places(relocate(sorted(set(_shape_problems(shapes, source)) | set(rules)), source))


def _shape_problems(details: list[dict], source: Source) -> list[Problem]:
    """The fields' own checks (at most MAX_PROBLEMS + 1: a huge broken file is not listed whole)."""
    problems: set[Problem] = set()
    # pydantic also calls a list too short when its only items are wrong: the items' own errors say it.
    inner = {tuple(d["loc"][:i]) for d in details for i in range(len(d["loc"]))}
    for detail in details:
        if detail["type"] == "too_short" and tuple(detail["loc"]) in inner and detail.get("input"):
            continue
        problems.update(_translate(detail, source))
        if len(problems) > MAX_PROBLEMS:
            break
    return sorted(problems)


def relocate(problems: list[Problem], source: Source) -> list[Problem]:
    """Each problem at the file and field the editor edited (the merged view's names otherwise)."""
    origins = sorted(source.origins.items(), key=lambda item: -len(item[0]))
    out = []
    for problem in problems:
        for merged_field, (file, own_field) in origins:
            if problem.field == merged_field or problem.field.startswith((merged_field + ".", merged_field + "[")):
                rest = problem.field[len(merged_field):]
                field = own_field + rest if own_field else rest.lstrip(".")
                problem = Problem(problem.line, field, problem.message, file)
                break
        out.append(problem)
    return out


def _translate(detail: dict, source: Source) -> list[Problem]:
    path = tuple(detail["loc"])
    kind = detail["type"]
    value = detail.get("input")
    ctx = detail.get("ctx", {})
    info = _field_at(path)
    hint = (info.description or "") if info else ""
    field = format_path(path)

    if kind == "missing":
        return [Problem(source.line_of(path[:-1]), field, f'fältet "{path[-1]}" saknas här. {hint}'.strip())]
    if kind == "extra_forbidden":
        model = _model_at(path[:-1])
        allowed = sorted(f.alias or n for n, f in model.model_fields.items()) if model else []
        guess = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.5)
        tip = f' Menade du "{guess[0]}"?' if guess else ""
        return [Problem(source.line_of_key(path), field, f'okänt fält "{path[-1]}".{tip} Tillåtna fält här: {", ".join(allowed)}.')]
    if kind in ("model_type", "dict_type") and not path:
        fields = ", ".join(f"{f.alias or n}:" for n, f in Plan.model_fields.items() if f.is_required())
        return [Problem(source.line_of(path), "", f"hela filen ska vara planens fält ({fields}), fick {describe_value(value)}.")]
    if kind in _TYPE_NAMES:
        names = _TYPE_NAMES[kind]
        if info is not None and _allows_none(info) and not isinstance(path[-1], int):
            names = "null (inget värde) eller " + names
        tip = ""
        if value is None:
            tip = " Skriv värdet efter kolonet (:)."
        elif kind == "string_type" and not isinstance(value, (list, dict)):
            tip = " Sätt texten inom citattecken."
        elif kind == "int_type" and isinstance(value, str):
            tip = " Skriv talet utan citattecken."
        elif kind == "int_type" and isinstance(value, bool):
            tip = " (YAML läser yes, no, on och off som true och false.) Skriv talet, t.ex. 2017."
        elif kind == "int_type" and isinstance(value, float) and value.is_integer():
            tip = f" Skriv {int(value)} utan decimaler."
        elif kind in ("tuple_type", "list_type") and isinstance(value, (str, int, float)):
            tip = f" Skriv [{value}] eller en rad per värde som börjar med -."
        message = f"förväntade {names}, fick {describe_value(value)}.{tip} {hint}".strip()
    elif kind == "string_too_short":
        message = "får inte vara tomt."
    elif kind == "too_short":
        message = "listan får inte vara tom."
    elif kind == "string_too_long":
        message = f"texten är {len(value)} tecken lång; högst {ctx.get('max_length')} tecken är tillåtet här."
    elif kind == "string_pattern_mismatch":
        message = f"{describe_value(value)} har fel form. {hint}".strip()
        keyword, expected = PATTERN_WORDS.get(ctx.get("pattern", ""), ("", ""))
        if expected and keyword not in hint:
            message += f" Här ska stå {expected}."
    elif kind == "literal_error":
        options = ", ".join(f'"{o}"' for o in _literal_options(info))
        message = f"{describe_value(value)} är inget tillåtet värde här. Tillåtna värden: {options}."
    elif kind == "greater_than_equal":
        message = f"måste vara minst {ctx.get('ge')}, fick {describe_value(value)}. {hint}".strip()
    elif kind == "less_than_equal":
        message = f"får vara högst {ctx.get('le')}, fick {describe_value(value)}. {hint}".strip()
    elif kind == "plan":  # the model's own rules: their message is already Swedish
        message = detail["msg"]
    else:  # a rule the model may gain later: still say where, and what
        message = f"värdet följer inte regeln {kind}. {hint}".strip()
    return [Problem(source.line_of(path), field, message)]


def _unwrap(annotation):
    """Annotated[X, ...] -> X; Optional[X] -> X."""
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif typing.get_origin(annotation) in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def _walk(path: tuple):
    """(model, field info) for each key along path, starting at Plan."""
    annotation = Plan
    for part in path:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            if typing.get_origin(annotation) is tuple:
                annotation = typing.get_args(annotation)[0]
                continue
            return
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return
        found = next(((n, f) for n, f in annotation.model_fields.items() if (f.alias or n) == part), None)
        if found is None:
            return
        yield annotation, found[1]
        annotation = found[1].annotation


def _field_at(path: tuple) -> FieldInfo | None:
    """The field a location names (a list item: its list's field)."""
    steps = list(_walk(path))
    keys = [p for p in path if not isinstance(p, int)]
    return steps[-1][1] if steps and len(steps) == len(keys) else None


def _model_at(path: tuple) -> type[BaseModel] | None:
    if not path:
        return Plan
    info = _field_at(path)
    if info is None:
        return None
    annotation = _unwrap(info.annotation)
    if typing.get_origin(annotation) is tuple and isinstance(path[-1], int):
        annotation = _unwrap(typing.get_args(annotation)[0])
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _allows_none(info: FieldInfo) -> bool:
    annotation = info.annotation
    return typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in typing.get_args(annotation)


def _literal_options(info: FieldInfo | None) -> tuple:
    annotation = _unwrap(info.annotation) if info else None
    return typing.get_args(annotation) if typing.get_origin(annotation) is typing.Literal else ()


# --- The place in the form ---------------------------------------------------------------

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
    return model_schema()  # the model's JSON Schema: descriptions, lists and groups


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
