"""data/datapackage.json: a valid Frictionless Data Package that describes every column of the CSV.

Validated with the `frictionless` library against the files exports.py writes for the plan under
test and for the small fixture plan (which has a status, a log and an addition).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re

import yaml
from frictionless import validate

from boras_plan import datapackage, exports
from boras_plan.model import Plan
from boras_plan.published import PACKAGED
from boras_plan.schema import schema_text
from tests.conftest import FIXTURES

TODAY = dt.date(2026, 12, 1)


def fixture_plan() -> Plan:
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    added = dict(data["recommendations"][0]["actions"][0], id="1.3", addition={"date": "2018-06-01", "note": "Tillagd."})
    data["recommendations"][0]["actions"].append(added)
    return Plan.model_validate(data)


def write_files(plan: Plan, folder, csv_text: str | None = None):
    """The three files the package describes, as the build publishes them, and the package."""
    (folder / exports.CSV_NAME).write_text(csv_text or exports.actions_csv(plan, TODAY), encoding="utf-8", newline="")
    (folder / exports.JSON_NAME).write_text(exports.plan_json(plan, TODAY), encoding="utf-8")
    (folder / exports.SCHEMA_NAME).write_text(schema_text(), encoding="utf-8")
    target = folder / datapackage.NAME
    target.write_text(datapackage.package_json(plan, None, PACKAGED), encoding="utf-8")
    return target


def problems(report) -> list:
    return report.flatten(["type", "rowNumber", "fieldName", "note"])


def test_the_package_and_its_files_are_valid(plan, tmp_path):
    """For the plan under test, and (below) for a small plan."""
    report = validate(str(write_files(plan, tmp_path)))
    assert problems(report) == [] and report.valid
    table = next(task for task in report.tasks if task.name == "atgarder")
    assert table.stats["rows"] == len(plan.actions) and table.stats["fields"] == len(exports.CSV_COLUMNS)


def test_the_small_plans_package_and_its_files_are_valid(tmp_path):
    test_the_package_and_its_files_are_valid(fixture_plan(), tmp_path)


def test_validation_finds_a_cell_that_breaks_the_schema(tmp_path):
    """The check itself: a status outside the vocabulary and a year that is no year are reported."""
    plan = fixture_plan()
    lines = exports.actions_csv(plan, TODAY).split("\r\n")
    header = lines[0].lstrip("\ufeff").split(",")
    cells = next(csv.reader([lines[1]]))
    cells[header.index("status")] = "Nästan klar"
    cells[header.index("nar")] = "snart"
    lines[1] = ",".join(f'"{c}"' for c in cells)
    report = validate(str(write_files(plan, tmp_path, "\r\n".join(lines))))
    assert not report.valid
    assert {(p[0], p[2]) for p in problems(report)} == {("constraint-error", "status"), ("type-error", "nar")}


def test_every_csv_column_is_described_in_swedish_in_file_order(plan):
    fields = datapackage.package(plan, None, PACKAGED)["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in fields] == list(exports.CSV_COLUMNS)
    for f in fields:
        assert f["title"] and len(f["description"]) > 20, f["name"]
        assert not re.search(r"\b(the|and|of|when)\b", f["description"]), f["name"]  # Swedish, not English
    status = next(f for f in fields if f["name"] == "status")
    assert status["constraints"]["enum"] == [label for label, _ in plan.status_counts]


def test_a_new_column_of_the_model_is_described_from_the_model(monkeypatch):
    monkeypatch.setattr(exports, "CSV_COLUMNS", exports.CSV_COLUMNS + ("who_text",))
    column = datapackage.csv_columns()[-1]
    assert column.name == "who_text" and column.description.startswith("Vem bär ansvaret?")


def test_the_package_names_the_decided_licence_and_no_other(plan):
    assert "licenses" not in datapackage.package(plan.model_copy(update={"open_data": None}), None, PACKAGED)
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    data["open_data"] = {
        "organisation_number": None,
        "licence": {"name": "CC0 1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/", "decided_by": "Kommunstyrelsen", "decided_on": "2020-01-01"},
        "keywords": ["plan"],
        "theme": "http://publications.europa.eu/resource/authority/data-theme/GOVE",
        "spatial": "http://publications.europa.eu/resource/authority/place/SWE",
    }
    package = datapackage.package(Plan.model_validate(data), None, PACKAGED)
    assert package["licenses"] == [{"title": "CC0 1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/"}]
    assert package["keywords"] == ["plan"]


def test_the_package_is_json_with_swedish_text_kept(plan):
    text = datapackage.package_json(plan, "https://example.se/plan/", PACKAGED)
    data = json.loads(text)
    assert data["homepage"] == "https://example.se/plan/" and plan.document.title in text
