"""Open data files round-trip to plan.yaml."""

import csv
import io
import json

import jsonschema

from boras_plan import exports
from boras_plan.model import NOT_STATED, Plan
from boras_plan.schema import merged_schema
from tests.conftest import FIXTURES
from tests.helpers import load_merged

SMALL = load_merged(FIXTURES / "minimal.yaml")


def test_plan_json_follows_the_schema_and_reads_back_to_the_same_model(plan):
    for model in (plan, SMALL):
        data = json.loads(exports.plan_json(model))
        jsonschema.validate(data, merged_schema())
        assert Plan.model_validate(data) == model


def test_csv_has_bom_and_one_row_per_action(plan):
    text = exports.actions_csv(plan)
    assert text.startswith("\ufeffid,rekommendation,")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [r["id"] for r in rows] == [a.id for a in plan.actions]
    for row, action in zip(rows, plan.actions):
        assert row["vad"] == action.what and int(row["nar"]) == action.due and row["uppfoljning"] == action.follow_up
        assert row["vem"] == (action.owner.text if action.owner else NOT_STATED)
        assert row["status"] == action.status_label


def test_csv_keeps_reported_status():
    rows = list(csv.DictReader(io.StringIO(exports.actions_csv(SMALL).removeprefix("\ufeff"))))
    assert rows[-1]["status"] == "Pågår" and rows[-1]["ansvariga_roller"] == "ks"  # as the site writes it
    assert rows[0]["status"] == "Ej rapporterad"


def test_csv_columns_come_from_the_model_and_every_row_fills_them(plan):
    header, *rows = list(csv.reader(io.StringIO(exports.actions_csv(plan).removeprefix("\ufeff"))))
    assert tuple(header) == exports.CSV_COLUMNS
    assert len(rows) == len(plan.actions) and all(len(r) == len(header) for r in rows)
    assert {"addition_date", "addition_note"} <= set(header)  # an optional field of Action, not named in exports.py


def test_csv_cells_cannot_start_a_formula(tmp_path):
    """OWASP CSV injection: a cell starting with = + - @ is written with a leading ' and read back as text."""
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    hostile = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"]
    for old, new in zip(["Göra något¹ viktigt.", "Göra något mer.", "Följa upp.", "Redovisas senast 2016."], hostile):
        assert text.count(old) == 1
        text = text.replace(old, json.dumps(new))
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    plan = load_merged(path)
    rows = list(csv.DictReader(io.StringIO(exports.actions_csv(plan).removeprefix("\ufeff"), newline="")))
    cells = [c for r in rows for c in r.values()]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert sorted(c for c in cells if c.startswith("'")) == sorted("'" + h for h in hostile)
    # Tab and CR cannot reach a valid plan's text (refused as invisible characters), but are neutralised too.
    assert exports._cell("\tx") == "'\tx" and exports._cell("\r=1") == "'\r=1" and exports._cell("a=b") == "a=b"
