"""Open data: the plan as JSON (same shape as plan.yaml), CSV, and DCAT-AP-SE metadata.

plan.json follows data/plan.schema.json, so it can be validated and read back
with the same loader: the tests round-trip it to the model of plan.yaml.
"""

from __future__ import annotations

import csv
import io
import json

from .model import NOT_STATED, Plan

JSON_NAME = "plan.json"
CSV_NAME = "atgarder.csv"
SCHEMA_NAME = "plan.schema.json"
DCAT_NAME = "dcat.jsonld"
CSV_COLUMNS = ("id", "rekommendation", "rekommendation_rubrik", "vad", "nar", "vem", "ansvariga_roller", "uppfoljning", "status")


def to_data(plan: Plan) -> dict:
    """The model back in plan.yaml's shape (whitespace normalised)."""
    doc = plan.document
    groups: dict[str, list] = {}
    for t in plan.document_types:
        groups.setdefault(t.group, []).append({"id": t.id, "name": t.name, "description": t.description})

    def action(a):
        out = {
            "id": a.id,
            "what": a.what,
            "due": a.due,
            "who": {"text": a.owner.text, "roles": list(a.owner.role_ids)} if a.owner else None,
            "follow_up": a.follow_up,
        }
        if a.status:
            out["status"] = a.status
        if a.log:
            out["log"] = [{k: v for k, v in vars(e).items() if v is not None} for e in a.log]
        return out

    def term(t):
        out = {"term": t.term, "definition": t.definition}
        if t.source:
            out["source"] = t.source
        if t.tooltip:
            out["tooltip"] = True
        return out

    return {
        "document": {
            "title": doc.title,
            "organisation": doc.organisation,
            "type": doc.type,
            "adopted_by": doc.adopted_by,
            "adopted_on": doc.adopted_on,
            "adopted_text": doc.adopted_text,
            "applies_to": doc.applies_to,
            "valid_through": doc.valid_through,
            "replaced_by": doc.replaced_by,
        },
        "document_types": {
            "heading": plan.document_types_heading,
            "groups": [{"name": name, "types": types} for name, types in groups.items()],
        },
        "introduction": {
            "heading": plan.introduction_heading,
            "paragraphs": [{"text": p.text, **({"definition": True} if p.definition else {})} for p in plan.introduction],
        },
        "links": {"heading": plan.links_heading, "items": [vars(link).copy() for link in plan.links]},
        "footnotes": [vars(f).copy() for f in plan.footnotes],
        "actions_intro": {"heading": plan.actions_heading, "text": plan.actions_intro},
        "recommendations": [
            {
                "number": r.number,
                "slug": r.slug,
                "title": r.title,
                "body": "\n\n".join(r.paragraphs),
                "keywords": list(r.keywords),
                "actions": [action(a) for a in r.actions],
            }
            for r in plan.recommendations
        ],
        "roles": [
            {"id": r.id, "name": r.name, "excerpts": [{"source": e.source, "text": e.text} for e in r.excerpts]} for r in plan.roles
        ],
        "contact": vars(plan.contact).copy(),
        "glossary": [term(t) for t in plan.glossary],
    }


def plan_json(plan: Plan) -> str:
    return json.dumps(to_data(plan), ensure_ascii=False, indent=2) + "\n"


def actions_csv(plan: Plan) -> str:
    """One row per action; starts with a BOM so Excel reads it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for a in plan.actions:
        rec = plan.recommendation_by_number[a.recommendation]
        writer.writerow(
            [
                a.id,
                rec.number,
                rec.title,
                a.what,
                a.due,
                a.owner.text if a.owner else NOT_STATED,
                " ".join(a.owner.role_ids) if a.owner else "",
                a.follow_up,
                a.status_label,  # the same words as on the site, reported or not
            ]
        )
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
