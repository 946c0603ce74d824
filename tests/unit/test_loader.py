from boras_plan.loader import load_plan
from boras_plan.model import NOT_REPORTED
from tests.conftest import FIXTURES, ROOT

PLAN = ROOT / "data" / "plan.yaml"


def test_real_plan_has_twelve_recommendations_and_21_actions():
    plan = load_plan(PLAN)
    assert [r.number for r in plan.recommendations] == list(range(1, 13))
    assert len(plan.actions) == 21
    assert plan.years == (2016, 2017, 2019)


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
    assert action.status_label == NOT_REPORTED


def test_loaded_once_per_file_version(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    first = load_plan(path)
    assert load_plan(path) is first
    path.write_text(path.read_text(encoding="utf-8").replace("Testplan", "Testplan 2"), encoding="utf-8")
    assert load_plan(path).document.title == "Testplan 2"


def test_paragraphs_and_indexes_of_the_model():
    plan = load_plan(FIXTURES / "minimal.yaml")
    first = plan.recommendation_by_number[1]
    assert first.paragraphs == ("Första stycket på två rader.", "Andra stycket med *betoning*.")
    assert [a.id for a in plan.actions_by_role["ks"]] == ["1.1", "2.1"]
    assert plan.actions_by_role["anhoriga"] == ()
    assert [t.term for t in plan.glossary_sorted] == ["Anhörig", "SSPF", "Ärende"]
    assert plan.document_type.name == "Plan"
