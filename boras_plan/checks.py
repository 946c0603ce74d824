"""Rules the JSON Schema cannot express: uniqueness, numbering, references."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from itertools import islice

from .errors import MAX_PROBLEMS, Problem
from .yaml_source import Source, format_path

_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")


def cross_problems(source: Source) -> list[Problem]:
    """Run beside the schema check, so an editor sees every problem at once.

    Parts of the file with the wrong shape are skipped here: the schema check
    reports those.
    """
    return sorted(set(islice(_all(source.data, source), MAX_PROBLEMS + 1)))


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def _all(data, source: Source) -> Iterator[Problem]:
    def at(path: tuple, message: str) -> Problem:
        return Problem(source.line_of(path), format_path(path), message)

    data = _dict(data)
    role_ids = yield from _unique(source, "roles", "id", "rollen")
    type_ids = set()
    for g, group in enumerate(_list(_dict(data.get("document_types")).get("groups"))):
        for t, doc_type in enumerate(_list(_dict(group).get("types"))):
            type_id = _text(_dict(doc_type).get("id"))
            if type_id is None:
                continue
            if type_id in type_ids:
                yield at(("document_types", "groups", g, "types", t, "id"), f'dokumenttypen "{type_id}" finns redan.')
            type_ids.add(type_id)
    document = _dict(data.get("document"))
    doc_type = _text(document.get("type"))
    if type_ids and doc_type is not None and doc_type not in type_ids:
        yield at(("document", "type"), f'okänd dokumenttyp. Använd ett id under document_types: {", ".join(sorted(type_ids))}.')
    yield from _valid_date(source, ("document", "adopted_on"))

    slugs: dict[str, int] = {}
    action_ids: dict[str, str] = {}
    for r, rec in enumerate(_list(data.get("recommendations"))):
        rec = _dict(rec)
        path = ("recommendations", r)
        number = rec.get("number")
        number = number if isinstance(number, int) and not isinstance(number, bool) else None
        if number is not None and number != r + 1:
            yield at(path + ("number",), f"rekommendationerna ska numreras 1, 2, 3 … i ordning: här väntades {r + 1}, fick {number}.")
        slug = _text(rec.get("slug"))
        if slug is not None and slug in slugs:
            yield at(path + ("slug",), f'slug "{slug}" används redan av rekommendation {slugs[slug]}. Varje sida behöver en egen adress.')
        if slug is not None:
            slugs.setdefault(slug, number if number is not None else r + 1)
        for a, action in enumerate(_list(rec.get("actions"))):
            action = _dict(action)
            apath = path + ("actions", a)
            action_id = _text(action.get("id"))
            if action_id is not None:
                prefix, _, _ = action_id.partition(".")
                if number is not None and prefix != str(number):
                    yield at(apath + ("id",), f'åtgärden står under rekommendation {number} men har id "{action_id}". Id ska börja med "{number}.".')
                if action_id in action_ids:
                    yield at(apath + ("id",), f'id "{action_id}" används redan ({action_ids[action_id]}). Varje åtgärd behöver ett eget id.')
                action_ids.setdefault(action_id, f"rad {source.line_of(apath + ('id',))}")
            for k, role in enumerate(_list(_dict(action.get("who")).get("roles"))):
                if role_ids and isinstance(role, str) and role not in role_ids:
                    yield at(apath + ("who", "roles", k), f'rollen "{role}" finns inte under roles. Befintliga roller: {", ".join(sorted(role_ids))}.')
            for e, _entry in enumerate(_list(action.get("log"))):
                yield from _valid_date(source, apath + ("log", e, "date"))
            if action.get("status") and not action.get("log"):
                yield at(apath + ("status",), "en status kräver minst en anteckning i log (datum och källa), så att den går att kontrollera.")

    terms: dict[str, int] = {}
    for t, term in enumerate(_list(data.get("glossary"))):
        name = _text(_dict(term).get("term"))
        if name is None:
            continue
        key = name.casefold()
        if key in terms:
            yield at(("glossary", t, "term"), f'begreppet "{name}" finns redan (rad {terms[key]}).')
        terms.setdefault(key, source.line_of(("glossary", t, "term")))


def _unique(source: Source, list_key: str, id_key: str, noun: str):
    """Yield a problem per repeated id; return the set of ids (empty if the list is unreadable)."""
    seen: set[str] = set()
    for i, item in enumerate(_list(_dict(source.data).get(list_key))):
        item_id = _text(_dict(item).get(id_key))
        if item_id is None:
            continue
        if item_id in seen:
            path = (list_key, i, id_key)
            yield Problem(source.line_of(path), format_path(path), f'{noun} "{item_id}" finns redan. Varje id måste vara unikt.')
        seen.add(item_id)
    return seen


def _valid_date(source: Source, path: tuple) -> Iterator[Problem]:
    value = source.data
    for part in path:
        if isinstance(value, dict) and part in value or isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return  # missing: the schema check says so
    if not isinstance(value, str) or not _DATE_SHAPE.fullmatch(value):
        return  # a wrong type or form: the schema check says so; here only real dates (not 2016-02-30)
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        yield Problem(source.line_of(path), format_path(path), f'"{value}" är inget giltigt datum. Skriv ÅÅÅÅ-MM-DD, t.ex. "2016-05-30".')
