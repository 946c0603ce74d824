"""The model's validation errors in Swedish, at the line of plan.yaml they concern.

pydantic reports each error with a location (keys and list indexes, as in
the YAML) and a type; this module says in Swedish what was expected there,
with the field's own description from the model.
"""

from __future__ import annotations

import difflib
import types
import typing

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from .errors import MAX_PROBLEMS, Problem, describe_value
from .model import Plan
from .yaml_source import Source, format_path

# The model's patterns in words, for fields whose description does not say
# it already (the keyword): pattern -> (keyword, what is expected).
_PATTERNS = {
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


def model_problems(error: ValidationError, source: Source) -> list[Problem]:
    problems: set[Problem] = set()
    details = error.errors(include_url=False)
    # pydantic also calls a list too short when its only items are wrong: the items' own errors say it.
    inner = {tuple(d["loc"][:i]) for d in details for i in range(len(d["loc"]))}
    for detail in details:
        if detail["type"] == "too_short" and tuple(detail["loc"]) in inner and detail.get("input"):
            continue
        problems.update(_translate(detail, source))
        if len(problems) > MAX_PROBLEMS:
            break
    return sorted(problems)


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
        keyword, expected = _PATTERNS.get(ctx.get("pattern", ""), ("", ""))
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
