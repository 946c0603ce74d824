"""Rules the JSON Schema cannot express: uniqueness, numbering, references."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import islice

from .errors import MAX_PROBLEMS, Problem
from .yaml_source import Source, format_path


def cross_problems(source: Source) -> list[Problem]:
    """Run on data that already passed the schema."""
    return sorted(set(islice(_all(source.data, source), MAX_PROBLEMS + 1)))


def _all(data: dict, source: Source) -> Iterator[Problem]:
    def at(path: tuple, message: str) -> Problem:
        return Problem(source.line_of(path), format_path(path), message)

    role_ids = yield from _unique(source, "roles", "id", "rollen")
    type_ids = set()
    for g, group in enumerate(data["document_types"]["groups"]):
        for t, doc_type in enumerate(group["types"]):
            if doc_type["id"] in type_ids:
                yield at(("document_types", "groups", g, "types", t, "id"), f'dokumenttypen "{doc_type["id"]}" finns redan.')
            type_ids.add(doc_type["id"])
    if data["document"]["type"] not in type_ids:
        yield at(("document", "type"), f'okänd dokumenttyp. Använd ett id under document_types: {", ".join(sorted(type_ids))}.')
    yield from _valid_date(source, ("document", "adopted_on"))

    slugs: dict[str, int] = {}
    action_ids: dict[str, str] = {}
    for r, rec in enumerate(data["recommendations"]):
        path = ("recommendations", r)
        if rec["number"] != r + 1:
            yield at(path + ("number",), f"rekommendationerna ska numreras 1, 2, 3 … i ordning: här väntades {r + 1}, fick {rec['number']}.")
        if rec["slug"] in slugs:
            yield at(path + ("slug",), f'slug "{rec["slug"]}" används redan av rekommendation {slugs[rec["slug"]]}. Varje sida behöver en egen adress.')
        slugs.setdefault(rec["slug"], rec["number"])
        for a, action in enumerate(rec["actions"]):
            apath = path + ("actions", a)
            prefix, _, _ = action["id"].partition(".")
            if prefix != str(rec["number"]):
                yield at(apath + ("id",), f'åtgärden står under rekommendation {rec["number"]} men har id "{action["id"]}". Id ska börja med "{rec["number"]}.".')
            if action["id"] in action_ids:
                yield at(apath + ("id",), f'id "{action["id"]}" används redan ({action_ids[action["id"]]}). Varje åtgärd behöver ett eget id.')
            action_ids.setdefault(action["id"], f"rad {source.line_of(apath + ('id',))}")
            for k, role in enumerate((action["who"] or {}).get("roles", [])):
                if role not in role_ids:
                    yield at(apath + ("who", "roles", k), f'rollen "{role}" finns inte under roles. Befintliga roller: {", ".join(sorted(role_ids))}.')
            for e, _entry in enumerate(action.get("log", [])):
                yield from _valid_date(source, apath + ("log", e, "date"))
            if action.get("status") and not action.get("log"):
                yield at(apath + ("status",), "en status kräver minst en anteckning i log (datum och källa), så att den går att kontrollera.")

    terms: dict[str, int] = {}
    for t, term in enumerate(data["glossary"]):
        key = term["term"].casefold()
        if key in terms:
            yield at(("glossary", t, "term"), f'begreppet "{term["term"]}" finns redan (rad {terms[key]}).')
        terms.setdefault(key, source.line_of(("glossary", t, "term")))


def _unique(source: Source, list_key: str, id_key: str, noun: str):
    """Yield a problem per repeated id; return the set of ids."""
    seen: set[str] = set()
    for i, item in enumerate(source.data[list_key]):
        if item[id_key] in seen:
            path = (list_key, i, id_key)
            yield Problem(source.line_of(path), format_path(path), f'{noun} "{item[id_key]}" finns redan. Varje id måste vara unikt.')
        seen.add(item[id_key])
    return seen


def _valid_date(source: Source, path: tuple) -> Iterator[Problem]:
    value = source.data
    for part in path:
        value = value[part]
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        yield Problem(source.line_of(path), format_path(path), f'"{value}" är inget giltigt datum. Skriv ÅÅÅÅ-MM-DD, t.ex. "2016-05-30".')
