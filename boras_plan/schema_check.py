"""Check the parsed data against data/plan.schema.json, with Swedish messages.

The JSON Schema is the one description of the file's structure: editors'
YAML tools use it for completion, and this module uses it for validation.
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path

import jsonschema

from .errors import MAX_PROBLEMS, Problem, describe_value
from .yaml_source import Source, format_path

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "plan.schema.json"

_TYPE_NAMES = {
    "string": "en text",
    "integer": "ett heltal",
    "number": "ett tal",
    "boolean": "true eller false",
    "array": "en lista (rader som börjar med -)",
    "object": "en grupp av fält (namn: värde)",
    "null": "null (inget värde)",
}


# The schema's patterns in words, for fields whose description does not say
# it already (the keyword): pattern -> (keyword, what is expected).
_PATTERNS = {
    "^(https?://|mailto:)[^\\s]+$": ("http", "en webbadress som börjar med https://, http:// eller mailto:, utan mellanslag"),
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": ("ÅÅÅÅ", 'ett datum som ÅÅÅÅ-MM-DD inom citattecken, t.ex. "2016-05-30"'),
    "^[a-z0-9]+(-[a-z0-9]+)*$": ("a–z", "små bokstäver a–z, siffror och bindestreck, t.ex. tydlig-ansvarsfordelning"),
    "^[0-9]+\\.[0-9]+$": ("punkt", 'två tal med punkt emellan, inom citattecken, t.ex. "5.2"'),
    "^[^@\\s]+@[^@\\s]+$": ("@", "en e-postadress, t.ex. namn@boras.se"),
    "^https?://[^\\s]+$": ("http", "en webbadress som börjar med https:// eller http://, utan mellanslag"),
    "^[0-9]{6}-[0-9]{4}$": ("organisationsnummer", 'ett organisationsnummer med bindestreck, inom citattecken, t.ex. "212000-0000"'),
}


@lru_cache(maxsize=4)
def load_schema(path: Path = SCHEMA_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def _validator(path: Path = SCHEMA_PATH) -> jsonschema.protocols.Validator:
    schema = load_schema(path)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def schema_problems(source: Source, schema_path: Path = SCHEMA_PATH) -> list[Problem]:
    validator = _validator(schema_path)
    problems: set[Problem] = set()
    for error in validator.iter_errors(source.data):  # lazy: stops when we stop
        problems.update(_translate(error, source))
        if len(problems) > MAX_PROBLEMS:
            break
    return sorted(problems)


def _translate(error: jsonschema.ValidationError, source: Source) -> list[Problem]:
    path = tuple(error.absolute_path)
    field = format_path(path)
    kind = error.validator
    value = error.instance
    schema = error.schema
    hint = schema.get("description", "")

    if kind in ("oneOf", "anyOf"):
        return _translate_alternatives(error, source)
    if kind == "required":
        missing = [name for name in error.validator_value if name not in value]
        props = schema.get("properties", {})
        return [
            Problem(
                source.line_of(path),
                format_path(path + (name,)),
                f'fältet "{name}" saknas här. {props.get(name, {}).get("description", "")}'.strip(),
            )
            for name in missing
        ]
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        problems = []
        for name in sorted(set(value) - set(allowed), key=str):
            guess = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.5)
            tip = f' Menade du "{guess[0]}"?' if guess else ""
            problems.append(
                Problem(
                    source.line_of_key(path + (name,)),
                    format_path(path + (name,)),
                    f'okänt fält "{name}".{tip} Tillåtna fält här: {", ".join(allowed)}.',
                )
            )
        return problems
    if kind == "type" and not path:
        fields = ", ".join(f"{name}:" for name in schema.get("required", []))
        return [Problem(source.line_of(path), "", f"hela filen ska vara planens fält ({fields}), fick {describe_value(value)}.")]
    if kind == "type":
        wanted = error.validator_value
        wanted = [wanted] if isinstance(wanted, str) else wanted
        names = " eller ".join(_TYPE_NAMES.get(w, w) for w in wanted)
        tip = ""
        if value is None:
            tip = " Skriv värdet efter kolonet (:)."
        elif "string" in wanted and not isinstance(value, (list, dict)):
            tip = " Sätt texten inom citattecken."
        elif "integer" in wanted and isinstance(value, str):
            tip = " Skriv talet utan citattecken."
        elif "array" in wanted and isinstance(value, (str, int, float)):
            tip = f" Skriv [{value}] eller en rad per värde som börjar med -."
        message = f"förväntade {names}, fick {describe_value(value)}.{tip} {hint}".strip()
    elif kind == "minLength":
        message = "får inte vara tomt."
    elif kind == "minItems":
        message = "listan får inte vara tom."
    elif kind == "pattern":
        message = f"{describe_value(value)} har fel form. {hint}".strip()
        keyword, expected = _PATTERNS.get(error.validator_value, ("", ""))
        if expected and keyword not in hint:
            message += f" Här ska stå {expected}."
    elif kind == "enum":
        options = ", ".join(f'"{o}"' for o in error.validator_value)
        message = f"{describe_value(value)} är inget tillåtet värde här. Tillåtna värden: {options}."
    elif kind == "minimum":
        message = f"måste vara minst {error.validator_value}, fick {describe_value(value)}. {hint}".strip()
    elif kind == "maximum":
        message = f"får vara högst {error.validator_value}, fick {describe_value(value)}. {hint}".strip()
    else:  # a rule the schema may gain later: still say where, and what
        message = f"värdet följer inte regeln {kind}. {hint}".strip()
    return [Problem(source.line_of(path), field, message)]


def _translate_alternatives(error: jsonschema.ValidationError, source: Source) -> list[Problem]:
    """oneOf [null, object]: explain by the branch whose type the value has."""
    value = error.instance
    branches = error.validator_value
    for index, branch in enumerate(branches):
        if _type_matches(branch.get("type"), value):
            sub = [e for e in error.context if e.relative_schema_path and e.relative_schema_path[0] == index]
            if sub:
                return [p for e in sub for p in _translate(e, source)]
    names = " eller ".join(_TYPE_NAMES.get(b.get("type"), "något annat") for b in branches)
    path = tuple(error.absolute_path)
    hint = error.schema.get("description", "")
    return [Problem(source.line_of(path), format_path(path), f"förväntade {names}, fick {describe_value(value)}. {hint}".strip())]


def _type_matches(wanted: str | None, value: object) -> bool:
    checks = {
        "null": value is None,
        "object": isinstance(value, dict),
        "array": isinstance(value, list),
        "string": isinstance(value, str),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "boolean": isinstance(value, bool),
    }
    return checks.get(wanted, False)
