"""Rules between fields, which the model's checks of one field at a time cannot see:
uniqueness (also of names that only look alike), numbering, references,
addresses of pages, footnote marks, and the order of dates; and rules on the
text of every value (words mixing scripts, mojibake), see unicode_rules.

The model runs them (model.Plan, one entry point: Plan.model_validate(data, context=Context(…)))
beside its own checks, on the data as read, so they run even where a part has the wrong
shape: those parts are skipped here (the model's checks report them), and every problem is
listed at once. Each rule gives the path of the value and a Swedish message.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from .errors import MAX_PROBLEMS
from .slugs import slugify
from .unicode_rules import case_key, first_difference, lookalike_keys, mixed_script_word, mojibake
from .yaml_source import Path_, Source, format_path

YEARS = (2000, 2100)  # the first and last year any date of a plan may have
_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")

Broken = tuple[Path_, str]  # a rule broken: the value's path and what is wrong, in Swedish
RULE_ERROR = "plan_rule"  # the type of a broken rule among the model's validation errors (translate.py)


@dataclass(frozen=True)
class Context:
    """What the rules need beyond the data; each part may be left out (its rules are then skipped)."""

    source: Source | None = None  # the file the data was read from: lines a message names ("rad 12")
    today: dt.date | None = None  # the build date: no date of the file after it
    reserved_slugs: frozenset[str] = field(default_factory=frozenset)  # names the site's own pages take under rekommendationer/


def broken_rules(data, context: Context | None = None) -> list[Broken]:
    """Every rule the data breaks (at most MAX_PROBLEMS + 1 of them), each once."""
    context = context or Context()
    source = context.source if context.source is not None else Source(data=data)
    found = _all(data, source, context.today, context.reserved_slugs)
    return list(dict.fromkeys(islice(_chain(found, _names(source), _footnotes(source), _texts(source)), MAX_PROBLEMS + 1)))


def _chain(*iterators):
    for iterator in iterators:
        yield from iterator


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def _all(data, source: Source, today: dt.date | None, reserved_slugs: frozenset[str]) -> Iterator[Broken]:
    def at(path: tuple, message: str) -> Broken:
        return path, message

    def dated(path: tuple, noun: str, *, not_before_adoption: bool = True) -> Iterator[Broken]:
        """A date of the file: not before the plan was adopted, not after the build (the model says if it is no date)."""
        value = _date_at(data, path)
        if value is None:
            return
        if not_before_adoption and adopted and value < adopted:
            yield at(path, f"{noun} {value} är före planens fastställande ({adopted}). Kontrollera datumet.")
        if today and value > today:
            yield at(path, f"{noun} {value} ligger i framtiden (byggdatum {today}). Skriv bara in det som redan har hänt.")
        return value

    data = _dict(data)
    role_ids = yield from _unique(data, "roles", "id", "rollen")
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
    adopted = None
    adopted = yield from dated(("document", "adopted_on"), "fastställandedatumet", not_before_adoption=False)
    adopted_year = adopted.year if adopted else None
    valid_through = _year(document.get("valid_through"))
    if adopted_year and valid_through is not None and valid_through < adopted_year:
        yield at(("document", "valid_through"), (
            f"planen kan inte gälla till och med {valid_through} när den fastställdes {adopted_year}. "
            "Skriv det sista år planen gäller, enligt planen."
        ))

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
        if slug is not None and slug in reserved_slugs:
            yield at(path + ("slug",), (
                f'slug "{slug}" är adressen till en sida som webbplatsen redan har (rekommendationer/{slug}). '
                "Välj en annan slug, t.ex. orden i rubriken."
            ))
        if slug is not None:
            slugs.setdefault(slug, number if number is not None else r + 1)
        yield from dated(path + ("addition", "date"), "tilläggets datum")
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
            due = _year(action.get("due"))
            if adopted_year and due is not None and due < adopted_year:
                # A När year before adoption cannot be a deadline the plan set: almost always a typing error.
                yield at(apath + ("due",), (
                    f"året {due} är före året planen fastställdes ({adopted_year}). En åtgärd i planen kan inte "
                    "ha en tidsgräns före planen själv: kontrollera årtalet mot planen."
                ))
            for e, _entry in enumerate(_list(action.get("log"))):
                yield from dated(apath + ("log", e, "date"), "anteckningens datum")
            yield from dated(apath + ("addition", "date"), "tilläggets datum")
            if action.get("status") and not action.get("log"):
                yield at(apath + ("status",), "en status kräver minst en anteckning (datum och vad som har hänt), så att den går att kontrollera.")

    terms: dict[str, int] = {}
    anchors: dict[str, str] = {}
    lookalikes: dict[str, str] = {}  # look-alike key -> the first term with it
    for t, term in enumerate(_list(data.get("glossary"))):
        name = _text(_dict(term).get("term"))
        if name is None:
            continue
        key = name.casefold()
        if any(lookalikes.get(k, name) != name for k in lookalike_keys(name)):
            pass  # _names says it: they look the same but are written with other characters
        elif key in terms:
            yield at(("glossary", t, "term"), f'begreppet "{name}" finns redan (rad {terms[key]}).')
        elif (anchor := slugify(name)) in anchors:
            yield at(("glossary", t, "term"), (
                f'begreppet "{name}" får samma adress på ordlistans sida (#begrepp-{anchor}) som "{anchors[anchor]}". '
                "Skriv begreppen så att de skiljer sig med fler än accenter och skiljetecken."
            ))
        terms.setdefault(key, source.line_of(("glossary", t, "term")))
        for k in lookalike_keys(name):
            lookalikes.setdefault(k, name)
        anchors.setdefault(slugify(name), name)

    for h, _item in enumerate(_list(data.get("help"))):
        yield from dated(("help", h, "checked_on"), "kontrolldatumet", not_before_adoption=False)


def _unique(data: dict, list_key: str, id_key: str, noun: str):
    """Yield a problem per repeated id; return the set of ids (empty if the list is unreadable)."""
    seen: set[str] = set()
    for i, item in enumerate(_list(data.get(list_key))):
        item_id = _text(_dict(item).get(id_key))
        if item_id is None:
            continue
        if item_id in seen:
            yield (list_key, i, id_key), f'{noun} "{item_id}" finns redan. Varje id måste vara unikt.'
        seen.add(item_id)
    return seen


def _year(value) -> int | None:
    """A year the model accepts, else None (the model's check explains what is wrong with it)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and YEARS[0] <= value <= YEARS[1] else None


def _date_at(data, path: tuple) -> dt.date | None:
    """The calendar date at path; None if absent, of the wrong form or no date (the model says why)."""
    value = data
    for part in path:
        if isinstance(value, dict) and part in value or isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return None
    if not isinstance(value, str) or not _DATE_SHAPE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


# --- Names that look the same ------------------------------------------------

# The names a reader tells things apart by: (list, field, what it is called in a message).
_NAMED = [
    ("glossary", "term", "begreppet"),
    ("roles", "name", "rollnamnet"),
    ("recommendations", "title", "rubriken"),
    ("recommendations", "slug", "sluggen"),
]


def _names(source: Source) -> Iterator[Broken]:
    """Two names that look the same: a reader (or a search) cannot tell them apart.

    Equal after NFKC, or equal TR39 skeletons, but written with other code
    points (Cyrillic е for Latin e, ﬁ for fi, rn for m). Two roles with the very
    same name are refused too: the site lists them side by side.
    """
    for list_key, name_key, noun in _NAMED:
        seen: dict[str, tuple[str, tuple]] = {}
        folded: dict[str, tuple[str, tuple]] = {}
        for i, item in enumerate(_list(_dict(source.data).get(list_key))):
            name = _text(_dict(item).get(name_key))
            if name is None:
                continue
            path = (list_key, i, name_key)
            name = " ".join(name.split())  # as the page shows it
            earlier = [seen[k] for k in lookalike_keys(name) if k in seen]
            for k in lookalike_keys(name):
                seen.setdefault(k, (name, path))
            if not earlier and list_key != "glossary" and (same := folded.get(case_key(name))):  # terms: "finns redan"
                other, other_path = same
                yield path, (
                    f'{noun} "{name}" skiljer sig bara i stora och små bokstäver från "{other}" (rad {source.line_of(other_path)}). '
                    "Besökare och sökningen kan inte skilja dem åt: skriv dem olika, eller ta bort det ena om de är samma."
                )
            folded.setdefault(case_key(name), (name, path))
            if not earlier:
                continue
            other, other_path = earlier[0]
            line = source.line_of(other_path)
            if name != other:
                mine, theirs = first_difference(name, other)
                yield path, (
                    f'{noun} "{name}" ser likadant ut som "{other}" (rad {line}) men skrivs med andra tecken '
                    f"({mine} där det andra har {theirs}). Skriv om det med tangentbordet, eller ta bort det ena om de är samma."
                )
            elif list_key == "roles":
                other_id = _text(_dict(_list(_dict(source.data).get("roles"))[other_path[1]]).get("id"))
                yield path, (
                    f'rollnamnet "{name}" används redan av rollen "{other_id}" (rad {line}). Besökare kan inte skilja '
                    "rollerna åt: ge dem olika namn, eller slå ihop dem till en roll."
                )


# --- Footnote marks -------------------------------------------------------------


def _footnotes(source: Source) -> Iterator[Broken]:
    """A footnote is shown wherever its mark stands in the text (templates/action_table.j2), so
    the mark must never be part of a word or number: no letters, digits or spaces of its own
    (superscript forms like ¹ are fine), and nowhere in the text directly before a letter or digit."""
    texts = list(_strings(source.data, ()))
    for f, footnote in enumerate(_list(_dict(source.data).get("footnotes"))):
        mark = _text(_dict(footnote).get("mark"))
        if not mark or not mark.strip():
            continue  # the model says it is empty
        path = ("footnotes", f, "mark")
        ordinary = [c for c in mark if _in_words(c)]
        if ordinary:
            yield path, (
                f'fotnotstecknet "{mark}" innehåller "{ordinary[0]}", ett tecken som vanlig text är skriven med. '
                "Webbplatsen visar fotnoten där tecknet står i texten: använd ett upphöjt tecken som ¹ eller ett tecken som †."
            )
            continue
        inside_words = re.compile(re.escape(mark) + r"(?=\w)")
        for text_path, text in texts:
            if text_path != path and inside_words.search(text):
                yield path, (
                    f'fotnotstecknet "{mark}" står också i vanlig text, framför ett ord eller tal '
                    f"(rad {source.line_of(text_path)}, fält {format_path(text_path)}). Webbplatsen visar fotnoten "
                    "där tecknet står: välj ett tecken som inte står i texten, t.ex. ¹ eller †."
                )
                break


def _in_words(char: str) -> bool:
    """A letter, digit or space, unless it is a superscript or subscript form (ᵃ, ₁)."""
    if unicodedata.decomposition(char).startswith(("<super>", "<sub>")):
        return False
    return char.isalnum() and unicodedata.category(char) != "No" or char.isspace()


# --- The text of every value ------------------------------------------------------


def _strings(data, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, path + (i,))


def _texts(source: Source) -> Iterator[Broken]:
    for path, text in _strings(source.data, ()):
        if found := mojibake(text):
            written, meant = found
            yield path, (
                f'texten ser ut att ha fått fel teckenkodning när den kopierades: "{written}" ska troligen vara "{meant}". '
                "Skriv om ordet, eller kopiera texten på nytt från ett dokument som visar den rätt."
            )
        if found := mixed_script_word(text):
            word, odd = found
            yield path, (
                f'ordet "{word}" blandar bokstäver från olika alfabet: "{odd}" (U+{ord(odd):04X}) hör inte till samma '
                "alfabet som resten av ordet. Ordet ser vanligt ut men hittas inte när någon söker på det: skriv om det med tangentbordet."
            )
