"""Open data: the plan as JSON (same shape as plan.yaml) and CSV (the DCAT-AP-SE catalog is dcat.py).

plan.json is dumped from the model, follows data/plan.schema.json and reads
back to the same model; the CSV's columns are derived from the model's fields.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import typing

from pydantic import BaseModel

from .lifecycle import deadline_passed
from .model import DERIVED_DEADLINE, NOT_STATED, Action, Plan

JSON_NAME = "plan.json"
CSV_NAME = "atgarder.csv"
SCHEMA_NAME = "plan.schema.json"
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


def to_data(plan: Plan, today: dt.date | None = None) -> dict:
    """The model back in plan.yaml's shape (whitespace normalised); unset optional fields left out.

    With `today`, an action whose deadline passed unreported also says so (DERIVED_DEADLINE, read-only).
    """
    data = plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    if today:
        for rec, rec_data in zip(plan.recommendations, data["recommendations"]):
            for action, action_data in zip(rec.actions, rec_data["actions"]):
                if note := deadline_passed(action, today):
                    action_data[DERIVED_DEADLINE] = note
    return data


def plan_json(plan: Plan, today: dt.date | None = None) -> str:
    return json.dumps(to_data(plan, today), ensure_ascii=False, indent=2) + "\n"


def group_model(field) -> type[BaseModel] | None:
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
        elif group := group_model(field):
            out.append((name, tuple(f"{key}_{f.alias or n}" for n, f in group.model_fields.items())))
        else:
            out.append((name, (key,)))
    return out


_MODEL_COLUMNS = tuple(c for _, columns in _columns() for c in columns)
# After status, the site's column from the build date: the deadline passed with nothing reported.
_DEADLINE_AT = _MODEL_COLUMNS.index("status") + 1
CSV_COLUMNS = _MODEL_COLUMNS[:_DEADLINE_AT] + ("tidsfrist",) + _MODEL_COLUMNS[_DEADLINE_AT:]


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


def actions_csv(plan: Plan, today: dt.date | None = None) -> str:
    """One row per action; starts with a BOM so Excel reads it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for action in plan.actions:
        values = _values(plan, action)
        values.insert(_DEADLINE_AT, (deadline_passed(action, today) if today else None) or "")
        writer.writerow([_cell(v) for v in values])
    return "\ufeff" + buffer.getvalue()
