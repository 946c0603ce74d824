"""Open data: the plan as JSON (same shape as plan.yaml) and CSV (the DCAT-AP-SE catalog is dcat.py).

plan.json follows data/plan.schema.json, so it can be validated and read back
with the same loader: the tests round-trip it to the model of plan.yaml.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from .lifecycle import deadline_passed
from .model import NOT_STATED, Plan

JSON_NAME = "plan.json"
CSV_NAME = "atgarder.csv"
SCHEMA_NAME = "plan.schema.json"
CSV_COLUMNS = ("id", "rekommendation", "rekommendation_rubrik", "vad", "nar", "vem", "ansvariga_roller", "uppfoljning", "status", "tidsfrist")


def to_data(plan: Plan, today: dt.date | None = None) -> dict:
    """The model back in plan.yaml's shape (whitespace normalised).

    With `today`, actions whose deadline has passed unreported carry `deadline` (readOnly in the schema).
    """
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
        if a.addition:
            out["addition"] = vars(a.addition).copy()
        if today and deadline_passed(a, today):
            out["deadline"] = deadline_passed(a, today)
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
                **({"addition": vars(r.addition).copy()} if r.addition else {}),
            }
            for r in plan.recommendations
        ],
        "roles": [
            {"id": r.id, "name": r.name, "excerpts": [{"source": e.source, "text": e.text} for e in r.excerpts]} for r in plan.roles
        ],
        "contact": vars(plan.contact).copy(),
        "glossary": [term(t) for t in plan.glossary],
        **{k: v for k in ("open_data", "accessibility", "summaries") if (v := getattr(plan, k)) is not None},
    }


def plan_json(plan: Plan, today: dt.date | None = None) -> str:
    return json.dumps(to_data(plan, today), ensure_ascii=False, indent=2) + "\n"


def actions_csv(plan: Plan, today: dt.date | None = None) -> str:
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
                (deadline_passed(a, today) if today else None) or "",
            ]
        )
    return "\ufeff" + buffer.getvalue()
