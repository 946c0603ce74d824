"""What differs between two versions of the plan, in the words of its pages, for a reviewer (review.py).

Both versions are loaded models. Things with a name of their own are matched by it
(a recommendation by number, an action by id, a role by id, a term by its word, a note
by provenance.log_keys), everything else field by field and list item by list item. Each
difference names what it belongs to and the page that shows it (routes.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from pydantic import BaseModel

from . import routes
from .provenance import log_keys
from .model import Action, LogEntry, Plan, Recommendation, Role, Term
from .text import swedish_date

# Field names (as in the YAML files) as a reviewer reads them: the pages' own words where they have one.
LABELS = {
    "what": "Vad", "due": "När", "who": "Vem", "follow_up": "Uppföljning (planens text)", "status": "Status",
    "addition": "Tillägg", "note": "Anteckning", "date": "Datum", "title": "Rubrik", "body": "Text", "keywords": "Sökord",
    "slug": "Adress", "name": "Namn", "excerpts": "Citat ur planen", "source": "Källa", "text": "Text",
    "term": "Begrepp", "definition": "Förklaring", "tooltip": "Förklaras där ordet står",
    "organisation": "Organisation", "postal_address": "Postadress", "visiting_address": "Besöksadress",
    "phone": "Telefon", "email": "E-post", "website": "Webbplats", "url": "Webbadress", "checked_on": "Kontrollerad",
    "heading": "Rubrik", "paragraphs": "Stycke", "items": "Länk", "label": "Länktext", "mark": "Fotnotstecken",
    "adopted_by": "Fastställd av", "adopted_on": "Fastställd", "adopted_text": "Raden om fastställandet",
    "applies_to": "Gäller för", "valid_through": "Gäller till och med", "replaced_by": "Ersatt av", "type": "Dokumenttyp",
    "organisation_number": "Organisationsnummer", "licence": "Licens", "theme": "Datatema", "spatial": "Geografiskt område",
    "decided_by": "Beslutad av", "decided_on": "Beslutad", "compliance": "Förenlig med lagen",
    "assessed_on": "Bedömd", "reviewed_on": "Senast översedd", "complaint_url": "Anmälan till Digg",
    "method": "Hur bedömningen gjordes", "deficiencies": "Känd brist", "written_on": "Skriven",
    "roles": "Roller", "groups": "Grupp", "types": "Dokumenttyp", "description": "Beskrivning",
}
# The plan's parts without a name of their own: what a reviewer calls them, and the page that shows them.
SECTIONS = {
    "document": ("Uppgifter om planen", routes.ABOUT),
    "document_types": ("Borås Stads dokumenttyper", routes.ABOUT),
    "introduction": ("Planens inledning", routes.ABOUT),
    "links": ("Länkar för mer information", routes.CONTACT),
    "footnotes": ("Planens fotnoter", routes.WHOLE_PLAN),
    "actions_intro": ("Inledningen till åtgärderna", routes.RECOMMENDATIONS),
    "contact": ("Kontaktuppgifter", routes.CONTACT),
    "help": ("Aktuell hjälp", routes.CONTACT),
    "open_data": ("Uppgifter om öppna data", routes.OPEN_DATA),
    "accessibility": ("Tillgänglighetsredogörelsen", routes.ACCESSIBILITY),
    "feedback": ("Adress för frågor och synpunkter", routes.HOME),
}
SUMMARY_PAGES = {"easy_read": ("Lättläst sammanfattning", "lattlast.md"), "finnish": ("Sammanfattning på finska", "suomeksi.md")}


@dataclass(frozen=True)
class Subject:
    """What a difference belongs to, and where the public sees it."""

    title: str  # e.g. "Åtgärd 1.1", "Kontaktuppgifter"
    page: str | None  # its page's source path (routes), None for data no page shows
    anchor: str | None = None


@dataclass(frozen=True)
class Difference:
    subject: Subject
    field: str  # what changed, e.g. "Status", "Ny anteckning, rapporterad 3 december 2026"
    before: str | None  # None: added
    after: str | None  # None: removed
    source: str | None = None  # a note's source, when it has one


def differences(base: Plan, head: Plan) -> list[Difference]:
    """Every difference from base to head, in the order of the plan's fields."""
    out: list[Difference] = []
    for name, info in Plan.model_fields.items():
        key = info.alias or name
        old, new = getattr(base, name), getattr(head, name)
        if old == new:
            continue
        if name == "recommendations":
            _keyed(old, new, lambda r: r.number, lambda r: _recommendation_subject(head if r in new else base, r), out)
        elif name == "roles":
            _keyed(old, new, lambda r: r.id, lambda r: Subject(f"Roll: {r.name}", routes.ROLES, r.anchor), out)
        elif name == "glossary":
            _keyed(old, new, lambda t: t.term, lambda t: Subject(f"Begrepp: {t.term}", routes.GLOSSARY, t.anchor), out)
        elif name == "summaries":
            for part, (title, page) in SUMMARY_PAGES.items():
                _value(Subject(title, page), "", getattr(old, part, None), getattr(new, part, None), out)
        else:
            title, page = SECTIONS.get(key, (key, None))
            _value(Subject(title, page), "", old, new, out)
    return out


def _recommendation_subject(plan: Plan, rec: Recommendation) -> Subject:
    return Subject(f"Rekommendation {rec.number}. {rec.title}", routes.recommendation(plan, rec.number))


def _action_subject(parent: Subject, action: Action) -> Subject:
    return Subject(f"Åtgärd {action.id}", parent.page, action.anchor)


def _keyed(old: Iterable, new: Iterable, key: Callable, subject: Callable, out: list[Difference]) -> None:
    """Items matched by their own name: added, removed, or changed field by field."""
    before = {key(item): item for item in old}
    after = {key(item): item for item in new}
    for name, item in after.items():
        if name not in before:
            _added(subject(item), item, out)
        elif before[name] != item:
            _value(subject(item), "", before[name], item, out)
    for name, item in before.items():
        if name not in after:
            out.append(Difference(subject(item), _kind(item, new=False), show(item), None))


def _added(subject: Subject, item, out: list[Difference]) -> None:
    out.append(Difference(subject, _kind(item, new=True), None, show(item)))
    actions = item.actions if isinstance(item, Recommendation) else ()
    for action in actions:
        _added(_action_subject(subject, action), action, out)
    if isinstance(item, Action):
        if item.status:
            out.append(Difference(subject, "Status", None, item.status_label))
        _log(subject, item.id, (), item.log, out)


# What a thing with a name of its own is called, and the form of "ny" it takes.
_NOUNS = {"Recommendation": ("Ny", "rekommendation"), "Action": ("Ny", "åtgärd"), "Role": ("Ny", "roll"), "Term": ("Nytt", "begrepp")}


def _kind(item, new: bool) -> str:
    """'Ny åtgärd', 'Nytt begrepp'; 'Roll' for one that goes (the report says it goes)."""
    adjective, noun = _NOUNS.get(type(item).__name__, ("Ny", "post"))
    return f"{adjective} {noun}" if new else noun.capitalize()


def _value(subject: Subject, label: str, old, new, out: list[Difference]) -> None:
    if old == new:
        return
    if isinstance(old, BaseModel) and type(old) is type(new):
        for name, info in type(old).model_fields.items():
            a, b = getattr(old, name), getattr(new, name)
            if a == b:
                continue
            field = _join(label, LABELS.get(info.alias or name, info.alias or name))
            if isinstance(old, Recommendation) and name == "actions":
                _keyed(a, b, lambda x: x.id, lambda x: _action_subject(subject, x), out)
            elif isinstance(old, Action) and name == "log":
                _log(subject, old.id, a, b, out)
            elif isinstance(old, Action) and name == "status":
                out.append(Difference(subject, "Status", old.status_label, new.status_label))
            else:
                _value(subject, field, a, b, out)
    elif isinstance(old, tuple) and isinstance(new, tuple):
        word = "stycke" if all(isinstance(x, str) for x in (*old, *new)) else "post"

        def item(n: int) -> str:  # "Text, stycke 2"; "Post 1" for a list that is the whole section
            return f"{label}, {word} {n + 1}" if label else f"{word.capitalize()} {n + 1}"

        for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            if tag == "replace" and i2 - i1 == j2 - j1:
                for k in range(i2 - i1):
                    _value(subject, item(j1 + k), old[i1 + k], new[j1 + k], out)
                continue
            out += [Difference(subject, item(i), show(old[i]), None) for i in range(i1, i2)]
            out += [Difference(subject, item(j), None, show(new[j])) for j in range(j1, j2)]
    else:
        out.append(Difference(subject, label or "Innehåll", show(old), show(new)))


def _log(subject: Subject, action_id: str, old: tuple[LogEntry, ...], new: tuple[LogEntry, ...], out: list[Difference]) -> None:
    """Notes matched as the page Ändringar and the feeds name them (a corrected text is the same note)."""
    before = dict(zip(log_keys(action_id, [e.date for e in old]), old))
    after = dict(zip(log_keys(action_id, [e.date for e in new]), new))
    for key, entry in after.items():
        day = swedish_date(entry.date)
        if key not in before:
            out.append(Difference(subject, f"Ny anteckning, rapporterad {day}", None, entry.text, entry.source))
        elif before[key] != entry:
            for field in ("text", "source"):
                a, b = getattr(before[key], field), getattr(entry, field)
                if a != b:
                    out.append(Difference(subject, f"Anteckningen rapporterad {day}, {LABELS[field].lower()}", a, b))
    for key, entry in before.items():
        if key not in after:
            out.append(Difference(subject, f"Anteckning, rapporterad {swedish_date(entry.date)}", entry.text, None, entry.source))


def _join(label: str, field: str) -> str:
    return f"{label} › {field}" if label else field


def show(value) -> str | None:
    """A value as one line of text (None stays None: there is nothing)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, Recommendation):
        return f"{value.number}. {value.title}"
    if isinstance(value, Action):
        return f"{value.id}: {value.what}"
    if isinstance(value, Role):
        return value.name
    if isinstance(value, Term):
        return f"{value.term}: {value.definition}"
    if isinstance(value, BaseModel):  # its texts, dates and numbers (a yes/no reads as nothing out of its field)
        fields = (getattr(value, name) for name in type(value).model_fields)
        return " · ".join(s for field in fields if not isinstance(field, bool) and (s := show(field)))
    if isinstance(value, tuple):
        return " · ".join(s for item in value if (s := show(item))) or None
    return str(value)
