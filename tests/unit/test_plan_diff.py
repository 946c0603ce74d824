"""Differences between two versions of the plan (boras_plan/plan_diff.py), on copies of the plan under
test edited as data: ids, texts and pages come from the models, never from the data's wording."""

from __future__ import annotations

from boras_plan import plan_diff, routes
from boras_plan.loader import load_plan
from boras_plan.text import swedish_date
from tests.conftest import plan_data, write_plan
from tests.unit.test_provenance import report, unreported


def load(data, folder):
    folder.mkdir()
    return load_plan(write_plan(data, folder / "plan.yaml"))


def test_a_corrected_note_is_the_same_note_with_a_new_text(tmp_path, plan, plan_file):
    data = unreported(plan_file)
    action = plan.actions[-1]
    report(data, action.id, plan.document.adopted_on, "Första lydelsen.")
    before = load(data, tmp_path / "a")
    next(a for r in data["recommendations"] for a in r["actions"] if a["id"] == action.id)["log"][0]["text"] = "Rättad lydelse."
    after = load(data, tmp_path / "b")
    (found,) = plan_diff.differences(before, after)
    assert found.subject == plan_diff.Subject(f"Åtgärd {action.id}", routes.recommendation(after, action.recommendation), action.anchor)
    assert found.field == f"Anteckningen rapporterad {swedish_date(plan.document.adopted_on)}, text"
    assert (found.before, found.after) == ("Första lydelsen.", "Rättad lydelse.")


def test_one_changed_paragraph_of_a_recommendation_is_named_by_its_place(tmp_path, plan_file, plan):
    data = plan_data(plan_file)
    rec = max(plan.recommendations, key=lambda r: len(r.paragraphs))
    index = len(rec.paragraphs) - 1
    paragraphs = list(rec.paragraphs)
    paragraphs[index] += " Tillagd mening."
    next(r for r in data["recommendations"] if r["number"] == rec.number)["body"] = "\n\n".join(paragraphs)
    (found,) = plan_diff.differences(plan, load(data, tmp_path / "b"))
    assert found.subject.page == routes.recommendation(plan, rec.number)
    assert found.field == f"Text, stycke {index + 1}"
    assert (found.before, found.after) == (rec.paragraphs[index], paragraphs[index])


def test_a_role_that_goes_and_a_site_text_that_changes(tmp_path, plan_file, plan):
    data = plan_data(plan_file)
    unowned = [r for r in plan.roles if r.id not in plan.owner_ids]
    gone = unowned[0] if unowned else None
    if gone:
        data["roles"] = [r for r in data["roles"] if r["id"] != gone.id]
    data["contact"]["organisation"] += " (ny)"
    found = plan_diff.differences(plan, load(data, tmp_path / "b"))
    contact = plan_diff.Difference(plan_diff.Subject("Kontaktuppgifter", routes.CONTACT), "Organisation",
                                   plan.contact.organisation, plan.contact.organisation + " (ny)")
    assert contact in found
    if gone:
        assert plan_diff.Difference(plan_diff.Subject(f"Roll: {gone.name}", routes.ROLES, gone.anchor), "Roll", gone.name, None) in found
    assert len(found) == 1 + bool(gone)
    assert plan_diff.differences(plan, plan) == []
