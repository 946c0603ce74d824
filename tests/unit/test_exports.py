"""Open data files round-trip to plan.yaml."""

import csv
import io
import json

import jsonschema

from boras_plan import exports
from boras_plan.loader import build_model, load_plan
from boras_plan.model import NOT_STATED
from boras_plan.schema_check import load_schema
from tests.conftest import FIXTURES, ROOT

REAL = load_plan(ROOT / "data" / "plan.yaml")
SMALL = load_plan(FIXTURES / "minimal.yaml")


def test_plan_json_follows_the_schema_and_reads_back_to_the_same_model():
    for plan in (REAL, SMALL):
        data = json.loads(exports.plan_json(plan))
        jsonschema.validate(data, load_schema())
        assert build_model(data) == plan


def test_csv_has_bom_and_one_row_per_action():
    text = exports.actions_csv(REAL)
    assert text.startswith("\ufeffid,rekommendation,")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [r["id"] for r in rows] == [a.id for a in REAL.actions]
    for row, action in zip(rows, REAL.actions):
        assert row["vad"] == action.what and int(row["nar"]) == action.due and row["uppfoljning"] == action.follow_up
        assert row["vem"] == (action.owner.text if action.owner else NOT_STATED)
        assert row["status"] == "Ej rapporterad"


def test_csv_keeps_reported_status():
    rows = list(csv.DictReader(io.StringIO(exports.actions_csv(SMALL).removeprefix("\ufeff"))))
    assert rows[-1]["status"] == "Pågår" and rows[-1]["ansvariga_roller"] == "ks"  # as the site writes it
    assert rows[0]["status"] == "Ej rapporterad"

