"""plan.yaml and the editors' files beside it: one merged plan, problems named in the file the editor edited."""

from __future__ import annotations

import pytest
import yaml

from boras_plan.errors import PlanError
from boras_plan.loader import load_plan
from boras_plan.plan_files import FOLLOW_UP_FILE, FOLLOW_UP_LIST, SITE_FILE, SITE_SECTIONS, split_plan
from tests.conftest import DEFAULT_PLAN, plan_data, write_plan


def _dump(path, data):
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_split_and_merge_give_back_the_same_plan(tmp_path, plan_file):
    target = write_plan(plan_data(plan_file), tmp_path / "plan.yaml")
    assert load_plan(target) == load_plan(plan_file)
    plan, follow_up, site = split_plan(plan_data(plan_file))
    assert not set(SITE_SECTIONS) & set(plan)  # the site's sections are not in plan.yaml
    assert all("status" not in a and "log" not in a for r in plan["recommendations"] for a in r["actions"])
    assert all(t.get("source") for t in plan["glossary"]) and not any(t.get("source") for t in site["glossary"])
    reported = [a.id for a in load_plan(plan_file).actions if a.status or a.log]
    assert [e["id"] for e in follow_up[FOLLOW_UP_LIST]] == reported


def test_a_plan_file_alone_still_holds_the_whole_plan(tmp_path, plan_file):
    target = tmp_path / "plan.yaml"
    _dump(target, plan_data(plan_file))
    assert load_plan(target) == load_plan(plan_file)


def _with_follow_up(tmp_path, entries, plan_file):
    target = write_plan(plan_data(plan_file), tmp_path / "plan.yaml")
    _dump(tmp_path / FOLLOW_UP_FILE, {FOLLOW_UP_LIST: entries})
    return target


def test_follow_up_merges_by_id_into_its_action(tmp_path, plan_file):
    action = load_plan(plan_file).actions[-1]
    entry = {"id": action.id, "status": "pågår", "log": [{"date": load_plan(plan_file).document.adopted_on, "text": "Arbetet har börjat."}]}
    plan = load_plan(_with_follow_up(tmp_path, [entry], plan_file))
    merged = next(a for a in plan.actions if a.id == action.id)
    assert merged.status == "pågår" and merged.log[0].text == "Arbetet har börjat."
    assert merged.what == action.what


def test_missing_duplicate_unknown_ids_and_adopted_fields_are_named_in_the_follow_up_file(tmp_path, plan_file):
    first = load_plan(plan_file).actions[0].id
    entries = [
        {"id": first, "status": "pågår", "log": [{"date": load_plan(plan_file).document.adopted_on, "text": "Start."}]},
        {"id": first, "status": "klar"},
        {"id": "999.999"},
        {"status": "klar"},
        {"id": load_plan(plan_file).actions[-1].id, "what": "Ny text."},
    ]
    with pytest.raises(PlanError) as caught:
        load_plan(_with_follow_up(tmp_path, entries, plan_file))
    problems = caught.value.problems
    assert {p.file for p in problems} == {str(tmp_path / FOLLOW_UP_FILE)}
    fields = {p.field for p in problems}
    assert fields == {f"{FOLLOW_UP_LIST}[2].id", f"{FOLLOW_UP_LIST}[3].id", f"{FOLLOW_UP_LIST}[4]", f"{FOLLOW_UP_LIST}[5].what"}
    text = (tmp_path / FOLLOW_UP_FILE).read_text(encoding="utf-8").splitlines()
    for p in problems:  # each line is the entry's own line in uppfoljning.yaml
        assert p.line >= 1 and (p.field.rsplit(".", 1)[-1] + ":" in text[p.line - 1] or "- " in text[p.line - 1])
    report = caught.value.report()
    assert "Traceback" not in report and f"{FOLLOW_UP_FILE}, rad" in report


def test_a_model_error_in_an_editors_file_names_that_file_line_and_field(tmp_path, plan_file):
    entry = {"id": load_plan(plan_file).actions[0].id, "status": "kanske", "log": [{"date": "2016-02-30", "text": "Start."}]}
    with pytest.raises(PlanError) as caught:
        load_plan(_with_follow_up(tmp_path, [entry], plan_file))
    shown = {(p.file, p.field, p.line) for p in caught.value.problems}
    assert (str(tmp_path / FOLLOW_UP_FILE), f"{FOLLOW_UP_LIST}[1].status", 3) in shown
    assert (str(tmp_path / FOLLOW_UP_FILE), f"{FOLLOW_UP_LIST}[1].log[1].date", 5) in shown


def test_a_section_in_both_files_is_refused(tmp_path, plan_file):
    target = tmp_path / "plan.yaml"
    data = plan_data(plan_file)
    _dump(target, data)
    _dump(tmp_path / SITE_FILE, {"contact": data["contact"]})
    with pytest.raises(PlanError) as caught:
        load_plan(target)
    (problem,) = caught.value.problems
    assert problem.file == str(tmp_path / SITE_FILE) and problem.field == "contact" and problem.line == 1


def test_the_committed_editors_files_hold_no_comments():
    """The CMS rewrites them whole and would drop a comment: hints live in the schema and the form."""
    for name in (FOLLOW_UP_FILE, SITE_FILE):
        path = DEFAULT_PLAN.parent / name
        if path.exists():
            assert not any(line.lstrip().startswith("#") for line in path.read_text(encoding="utf-8").splitlines())
