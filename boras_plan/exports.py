"""Open data: the plan as JSON (same shape as plan.yaml), CSV, and DCAT-AP-SE metadata.

plan.json is dumped from the model, follows data/plan.schema.json and reads
back to the same model; the CSV's columns are derived from the model's fields.
"""

from __future__ import annotations

import csv
import io
import json
import typing

from pydantic import BaseModel

from .model import NOT_STATED, Action, Plan

JSON_NAME = "plan.json"
CSV_NAME = "atgarder.csv"
SCHEMA_NAME = "plan.schema.json"
DCAT_NAME = "dcat.jsonld"
# CSV columns with a name or form of their own (field -> columns, values).
# Every other field of an action becomes a column by its YAML name (a group
# of fields, one column per member: addition_date, addition_note), so a new
# field of the model reaches the CSV without a change here.
_CSV_SPECIAL = {
    "id": (("id", "rekommendation", "rekommendation_rubrik"), lambda plan, a: (
        a.id, a.recommendation, plan.recommendation_by_number[a.recommendation].title)),
    "what": (("vad",), lambda plan, a: (a.what,)),
    "due": (("nar",), lambda plan, a: (a.due,)),
    "owner": (("vem", "ansvariga_roller"), lambda plan, a: (
        a.owner.text if a.owner else NOT_STATED, " ".join(a.owner.role_ids) if a.owner else "")),
    "follow_up": (("uppfoljning",), lambda plan, a: (a.follow_up,)),
    "status": (("status",), lambda plan, a: (a.status_label,)),  # the site's words, reported or not
    "log": ((), lambda plan, a: ()),  # dated entries: in plan.json, not in one cell
}
# First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_data(plan: Plan) -> dict:
    """The model back in plan.yaml's shape (whitespace normalised); unset optional fields left out."""
    return plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def plan_json(plan: Plan) -> str:
    return json.dumps(to_data(plan), ensure_ascii=False, indent=2) + "\n"


def _group(field) -> type[BaseModel] | None:
    """The model of a field that holds a group of fields (optional or not), else None."""
    for candidate in (field.annotation, *typing.get_args(field.annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _columns() -> list[tuple[str, tuple[str, ...]]]:
    """(field name, its columns) for every field of an action, in the model's order."""
    out = []
    for name, field in Action.model_fields.items():
        key = field.alias or name
        if name in _CSV_SPECIAL:
            out.append((name, _CSV_SPECIAL[name][0]))
        elif group := _group(field):
            out.append((name, tuple(f"{key}_{f.alias or n}" for n, f in group.model_fields.items())))
        else:
            out.append((name, (key,)))
    return out


CSV_COLUMNS = tuple(c for _, columns in _columns() for c in columns)


def _values(plan: Plan, action: Action) -> list:
    values = []
    for name, columns in _columns():
        if name in _CSV_SPECIAL:
            values += _CSV_SPECIAL[name][1](plan, action)
            continue
        value = getattr(action, name)
        if isinstance(value, BaseModel):
            values += value.model_dump(mode="json").values()
        elif value is None:
            values += [""] * len(columns)
        elif isinstance(value, tuple):
            values.append(" ".join(map(str, value)))
        else:
            values.append(value)
    return values


def _cell(value) -> str:
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def actions_csv(plan: Plan) -> str:
    """One row per action; starts with a BOM so Excel reads it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for action in plan.actions:
        writer.writerow([_cell(v) for v in _values(plan, action)])
    return "\ufeff" + buffer.getvalue()


def dcat_jsonld(plan: Plan, base_url: str, modified: str | None) -> str:
    """DCAT-AP-SE description of the published files. base_url ends with '/'."""
    doc = plan.document
    publisher = {"@type": "foaf:Organization", "foaf:name": doc.organisation}

    def distribution(name: str, title: str, media_type: str, fmt: str) -> dict:
        return {
            "@id": base_url + "data/" + name,
            "@type": "dcat:Distribution",
            "dcterms:title": {"@language": "sv", "@value": title},
            "dcat:accessURL": {"@id": base_url + "oppna-data/"},
            "dcat:downloadURL": {"@id": base_url + "data/" + name},
            "dcat:mediaType": {"@id": "http://www.iana.org/assignments/media-types/" + media_type},
            "dcterms:format": {"@id": "http://publications.europa.eu/resource/authority/file-type/" + fmt},
        }

    dataset = {
        "@id": base_url + "oppna-data/#dataset",
        "@type": "dcat:Dataset",
        "dcterms:title": {"@language": "sv", "@value": doc.title},
        "dcterms:description": {
            "@language": "sv",
            "@value": f"{doc.title}: planens text, rekommendationer, åtgärder (vad, när, vem, uppföljning), roller och kontaktuppgifter som öppna data.",
        },
        "dcterms:publisher": publisher,
        "dcat:contactPoint": {
            "@type": "vcard:Organization",
            "vcard:fn": plan.contact.organisation,
            "vcard:hasEmail": {"@id": "mailto:" + plan.contact.email},
        },
        "dcterms:issued": {"@type": "xsd:date", "@value": doc.adopted_on},
        "dcat:keyword": [{"@language": "sv", "@value": k} for k in ("våldsbejakande extremism", "plan", "styrdokument", "Borås")],
        "dcat:theme": {"@id": "http://publications.europa.eu/resource/authority/data-theme/GOVE"},
        "dcterms:language": {"@id": "http://publications.europa.eu/resource/authority/language/SWE"},
        "dcterms:spatial": {"@id": "http://publications.europa.eu/resource/authority/place/SWE_BOR"},
        "dcat:landingPage": {"@id": base_url + "oppna-data/"},
        "dcat:distribution": [
            distribution(JSON_NAME, "Hela planen som JSON", "application/json", "JSON"),
            distribution(CSV_NAME, "Åtgärderna som CSV", "text/csv", "CSV"),
            distribution(SCHEMA_NAME, "JSON Schema för planens data", "application/schema+json", "JSON"),
        ],
    }
    if modified:
        dataset["dcterms:modified"] = {"@type": "xsd:date", "@value": modified}
    catalog = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dcterms": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": base_url + "data/" + DCAT_NAME,
        "@type": "dcat:Catalog",
        "dcterms:title": {"@language": "sv", "@value": f"Öppna data: {doc.title}"},
        "dcterms:description": {"@language": "sv", "@value": "Datamängder som webbplatsen publicerar."},
        "dcterms:publisher": publisher,
        "dcterms:language": {"@id": "http://publications.europa.eu/resource/authority/language/SWE"},
        "dcat:dataset": [dataset],
    }
    return json.dumps(catalog, ensure_ascii=False, indent=2) + "\n"
