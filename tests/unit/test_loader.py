from pathlib import Path

from boras_plan.loader import load_plan
from boras_plan.model import NOT_REPORTED
from tests.conftest import FIXTURES, ROOT, plan_data, write_plan
from tests.helpers import load_merged

PLAN = ROOT / "data" / "plan.yaml"


def test_real_plan_has_twelve_recommendations_and_21_actions():
    """As adopted: what editors add later is marked as an addition (REDAKTORSGUIDE.md) and not counted."""
    plan = load_plan(PLAN)
    adopted = [r for r in plan.recommendations if r.addition is None]
    assert [r.number for r in adopted] == list(range(1, 13))
    actions = [a for r in adopted for a in r.actions if a.addition is None]
    assert len(actions) == 21
    assert sorted({a.due for a in actions}) == [2016, 2017, 2019]


def test_displaced_tables_are_placed_by_content():
    plan = load_plan(PLAN)
    by_number = plan.recommendation_by_number
    assert [a.what for a in by_number[2].actions][0] == "Identifiera samverkansaktörer och skapa nätverk."
    assert all("genusperspektivet" in a.what for a in by_number[11].actions)
    assert [a.id for a in by_number[12].actions] == ["12.1"]


def test_the_action_without_owner_stays_without_owner():
    plan = load_plan(PLAN)
    assert [a.id for a in plan.unowned_actions] == ["11.2"]


def test_owner_keeps_the_plans_wording_and_role_ids():
    action = next(a for a in load_plan(PLAN).actions if a.id == "5.2")
    assert action.owner.text == "Kommunstyrelsen i samverkan med berörda nämnder."
    assert action.owner.role_ids == ("kommunstyrelsen", "berorda-namnder")
    assert action.anchor == "atgard-5-2"
    assert action.status_label == (action.status.capitalize() if action.status else NOT_REPORTED)  # editors report follow-up


def test_each_load_reads_the_file_again(tmp_path):
    """No cache in the loader: the caller (one build) keeps the plan; an edited file is read anew."""
    path = write_plan(plan_data(FIXTURES / "minimal.yaml"), tmp_path / "plan.yaml")
    first = load_plan(path)
    assert load_plan(path) == first and load_plan(path) is not first
    path.write_text(path.read_text(encoding="utf-8").replace("Testplan", "Testplan 2"), encoding="utf-8")
    assert load_plan(path).document.title == "Testplan 2"


def test_paragraphs_and_indexes_of_the_model():
    plan = load_merged(FIXTURES / "minimal.yaml")
    first = plan.recommendation_by_number[1]
    assert first.paragraphs == ("Första stycket på två rader.", "Andra stycket med *betoning*.")
    assert [a.id for a in plan.actions_by_role["ks"]] == ["1.1", "2.1"]
    assert plan.actions_by_role["anhoriga"] == ()
    assert [t.term for t in plan.glossary_sorted] == ["Anhörig", "SSPF", "Ärende"]
    assert plan.document_type.name == "Plan"


def test_committed_schema_is_the_one_the_model_generates():
    """data/plan.schema.json is generated (python -m boras_plan.schema); editing the model without regenerating fails here."""
    from boras_plan.schema import SCHEMAS, schema_text

    for path, make in SCHEMAS.items():
        assert path.read_text(encoding="utf-8") == schema_text(make), "run: .venv/bin/python -m boras_plan.schema"


def test_schema_keeps_swedish_descriptions_and_validates_the_yaml_itself():
    import json

    import jsonschema

    from boras_plan.plan_files import FOLLOW_UP_DIR, SITE_DIR, plan_files
    from boras_plan.schema import load_schema
    from boras_plan.yaml_source import read_source

    schema = load_schema()
    assert "title" not in json.dumps(schema["$defs"]["Action"]["properties"]["due"])  # no English auto-titles
    assert schema["$defs"]["Action"]["properties"]["due"]["description"].startswith("När ska det vara klart?")
    assert "help" not in schema["properties"] and "status" not in schema["$defs"]["Action"]["properties"]  # their homes are the editors' files
    jsonschema.validate(read_source(PLAN)[0].data, schema)  # what editors' YAML tools check against
    schemas = {folder: load_schema(PLAN.parent / f"{folder}.schema.json") for folder in (FOLLOW_UP_DIR, SITE_DIR)}
    for path in plan_files(PLAN)[1:]:  # and the editors' files beside it, against their own schemas
        jsonschema.validate(read_source(Path(path))[0].data, schemas[Path(path).parent.name])


def test_addition_and_help_are_optional_and_typed(tmp_path):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "        follow_up: Redovisas senast 2016.\n",
        '        follow_up: Redovisas senast 2016.\n        addition: {date: "2024-03-01", note: Tillagd efter beslut i KS.}\n',
    )
    text += (
        "help:\n  - {name: Stödlinjen, text: Råd till anhöriga., phone: 020-100 200,"
        ' source: "https://example.se/stod", checked_on: "2026-11-01"}\n'
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    plan = load_merged(path)
    action = next(a for a in plan.actions if a.id == "1.2")
    assert action.addition.date == "2024-03-01" and action.addition.note == "Tillagd efter beslut i KS."
    assert [a.addition for a in plan.actions if a.id != "1.2"] == [None, None]
    (item,) = plan.help
    assert item.name == "Stödlinjen" and item.url is None and item.checked_on == "2026-11-01"
    assert load_merged(FIXTURES / "minimal.yaml").help == ()


def test_a_new_optional_action_field_needs_only_the_model(tmp_path):
    """Issue 11's target: a field added to Action in model.py reaches the schema, plan.json and the CSV
    with no other Python change (the page shows it after one template edit)."""
    import shutil
    import subprocess
    import sys

    package = tmp_path / "boras_plan"
    shutil.copytree(ROOT / "boras_plan", package)
    model = package / "model.py"
    source = model.read_text(encoding="utf-8")
    anchor = "    _recommendation: int = PrivateAttr(0)\n"
    assert source.count(anchor) == 1
    model.write_text(source.replace(anchor, '    budget: Optional[StrictInt] = Field(None, description="Budget i kronor.")\n' + anchor), encoding="utf-8")
    data = plan_data(FIXTURES / "minimal.yaml")
    data["recommendations"][0]["actions"][1]["budget"] = 50000
    write_plan(data, tmp_path / "plan.yaml")
    script = (
        "import json; from boras_plan import exports, schema; from boras_plan.loader import load_plan\n"
        "p = load_plan('plan.yaml')\n"
        "print(json.dumps([exports.actions_csv(p).splitlines()[0], exports.to_data(p)['recommendations'][0]['actions'][1],"
        " schema.plan_schema()['$defs']['Action']['properties']['budget']]))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    import json

    header, action, budget_schema = json.loads(result.stdout)
    assert header.endswith(",budget") and action["budget"] == 50000
    assert budget_schema["description"] == "Budget i kronor."
