"""data/datapackage.json: the open data files described as a Frictionless Data Package.

The CSV gets a Table Schema: one field per column of exports.CSV_COLUMNS, each with a
Swedish title, description, type and constraints. The JSON files get a description.
The same column descriptions are shown on the "Öppna data" page (open_data.md.j2), so the
page and the package never disagree. A column the model gains without a description here
is described from the model's own field description, so every column is always explained.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from . import exports
from .model import NOT_REPORTED, NOT_STATED, STATUS_LABELS, Action, Plan

NAME = "datapackage.json"
FORMULA_NOTE = (
    "En cell vars text börjar med = + - eller @ har fått en apostrof (') först, "
    "så att ett kalkylprogram inte läser texten som en formel."
)


@dataclass(frozen=True)
class Column:
    """One column of atgarder.csv as the package and the page describe it."""

    name: str
    title: str
    description: str
    type: str = "string"  # a Table Schema type
    type_sv: str = "text"  # the type in words, for the page
    constraints: dict = field(default_factory=dict)


_COLUMNS = {
    column.name: column
    for column in (
        Column(
            "id",
            "Nummer",
            "Åtgärdens nummer, t.ex. 5.2: rekommendationens nummer, punkt och åtgärdens löpnummer. "
            "Numret har webbplatsen lagt till; planen numrerar inte åtgärderna.",
            constraints={"required": True, "unique": True, "pattern": r"[0-9]+\.[0-9]+"},
        ),
        Column("rekommendation", "Rekommendation", "Numret på den rekommendation som åtgärden hör till.", "integer", "heltal",
               {"required": True, "minimum": 1}),
        Column("rekommendation_rubrik", "Rekommendationens rubrik", "Rekommendationens rubrik, ordagrant ur planen.",
               constraints={"required": True}),
        Column("vad", "Vad", "Vad ska göras? Planens text, ordagrant.", constraints={"required": True}),
        Column("nar", "När", "När ska det vara klart? Året ur planen.", "year", "årtal", {"required": True}),
        Column("vem", "Vem", f"Vem bär ansvaret? Planens text, ordagrant. ”{NOT_STATED}” när planen inte anger någon ansvarig.",
               constraints={"required": True}),
        Column("ansvariga_roller", "Ansvariga roller",
               "Id för de roller som texten i kolumnen vem nämner, åtskilda med mellanslag (rollerna står under roles i plan.json). "
               "Tom när planen inte anger någon ansvarig."),
        Column("uppfoljning", "Uppföljning", "När och hur ska uppföljningen ske? Planens text, ordagrant.", constraints={"required": True}),
        Column("status", "Status",
               f"Rapporterad status: {', '.join(STATUS_LABELS[:-1])}. ”{NOT_REPORTED}” när ingen status har rapporterats. "
               "Webbplatsens tillägg, inte planens text.",
               constraints={"required": True, "enum": list(STATUS_LABELS)}),
        Column("tidsfrist", "Tidsfrist passerad",
               "Webbplatsens notering när året i kolumnen nar har passerat utan att någon status har rapporterats, "
               "räknat från dagen då filen skapades. Tom annars."),
        Column("addition_date", "Tillagd datum",
               "Datum (ÅÅÅÅ-MM-DD) då åtgärden lades till efter den antagna planen. Tom för planens egna åtgärder.",
               "date", "datum"),
        Column("addition_note", "Tillägg", "Vad som lades till och av vem, t.ex. vilket beslut. Tom för planens egna åtgärder."),
    )
}


def _model_descriptions() -> dict[str, str]:
    """Each CSV column named after a model field (or a member of a group field), with that
    field's description: what explains a column this module does not know yet."""
    out = {}
    for name, info in Action.model_fields.items():
        key = info.alias or name
        if group := exports.group_model(info):
            for member_name, member in group.model_fields.items():
                out[f"{key}_{member.alias or member_name}"] = f"{info.description} {member.description}"
        else:
            out[key] = info.description or ""
    return out


def csv_columns() -> tuple[Column, ...]:
    """Every column of atgarder.csv, in the file's order, each described."""
    fallback = _model_descriptions()
    return tuple(_COLUMNS.get(name) or Column(name, name, fallback.get(name, "")) for name in exports.CSV_COLUMNS)


def _field(column: Column) -> dict:
    out = {"name": column.name, "title": column.title, "description": column.description, "type": column.type}
    if column.constraints:
        out["constraints"] = column.constraints
    return out


def package(plan: Plan, site_url: str | None, files) -> dict:
    """The Data Package (v1 profile) describing files (published.PACKAGED: their names, media types and texts)."""
    doc = plan.document
    licence = plan.open_data.licence if plan.open_data else None
    out = {
        "profile": "data-package",
        "name": "plan-som-oppna-data",
        "title": doc.title,
        "description": (
            f"{doc.title}, {doc.organisation} ({doc.adopted_text}), som öppna data: hela planen som JSON och "
            "en rad per åtgärd som CSV. Planens text återges ordagrant; åtgärdernas nummer, status och "
            "tidsfrist är webbplatsens tillägg. Filerna skapas på nytt varje gång webbplatsen publiceras."
        ),
        "keywords": list(plan.open_data.keywords) if plan.open_data else [],
        "contributors": [{"title": doc.organisation, "role": "publisher"}],
        # The table first: it is what the package describes column by column.
        "resources": [_resource(f) for f in sorted(files, key=lambda f: not _tabular(f))],
    }
    if licence:
        out["licenses"] = [{"title": licence.name, "path": licence.url}]
    if site_url:
        out["homepage"] = site_url
    return out


def package_json(plan: Plan, site_url: str | None, files) -> str:
    return json.dumps(package(plan, site_url, files), ensure_ascii=False, indent=2) + "\n"


def _tabular(file) -> bool:
    return file.media_type == "text/csv"


def _resource(file) -> dict:
    """One file as a resource: a CSV as a table with its Table Schema, anything else as JSON."""
    name, title, description = file.package
    tabular = _tabular(file)
    out = {
        "profile": "tabular-data-resource" if tabular else "data-resource",
        # said, not guessed: a file named *.schema.json would be read as a Table Schema
        "type": "table" if tabular else "json",
        "name": name,
        "path": file.name,
        "title": title,
        "description": description,
        "format": "csv" if tabular else "json",
        "mediatype": file.media_type,
        "encoding": "utf-8",  # the CSV with a byte order mark, so Excel reads it as UTF-8
    }
    if tabular:
        out["dialect"] = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True}
        out["schema"] = {"fields": [_field(c) for c in csv_columns()], "primaryKey": ["id"], "missingValues": [""]}
    return out
