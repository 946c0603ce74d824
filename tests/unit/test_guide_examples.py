"""REDAKTORSGUIDE.md's examples do what the guide says, on a copy of the plan under test
(PLAN_FILE, by default data/plan.yaml, the file the guide is about: its examples name that file's
actions), whatever it holds already: applied twice, in any order, or where the example's term or
number 13 is taken.

.ci/run also builds the site from the result and runs the whole suite on it.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys

import pytest
import yaml

from boras_plan import faithfulness
from boras_plan.faithfulness import SourceMissing
from boras_plan.loader import load_plan
from tests import guide_examples
from tests.conftest import ROOT, plan_data, write_plan

# The guide prints its examples for the committed data (action 9.1, number 13): pasted as printed they
# apply to data/ itself (fixture committed_plan_file); applied by field they hold for every plan (plan_file).

EXAMPLES = guide_examples.examples()
APPEND, REPLACE, CHANGE, WHOLE = "lägg till sist under", "ersätt åtgärd", "ändra i åtgärd", "hela filen"


@pytest.fixture(scope="module")
def guide_plan(tmp_path_factory, committed_plan_file):
    """A copy of the data with every example pasted in, as printed, where its first line says."""
    return guide_examples.guide_data(committed_plan_file, tmp_path_factory.mktemp("guide"))


def test_every_example_names_its_file_and_every_kind_of_change_has_one():
    files = {instruction.split(":", 1)[0].removeprefix("# ") for instruction, _ in EXAMPLES}
    assert files == {"data/plan.yaml", "data/webbplats/begrepp.yaml", "data/webbplats/hjalp.yaml", "data/uppfoljning/1.1.yaml"}
    kinds = {kind for instruction, _ in EXAMPLES for kind in (APPEND, REPLACE, CHANGE, WHOLE) if kind in instruction}
    assert kinds == {APPEND, REPLACE, CHANGE, WHOLE}


def test_no_example_sends_a_report_into_plan_yaml():
    for instruction, body in EXAMPLES:
        if instruction.startswith("# data/plan.yaml"):
            assert not re.search(r"^\s*(status|log):", body, re.M), instruction


def test_the_examples_pasted_as_printed_make_a_valid_plan_that_shows_each_change(guide_plan, committed_plan):
    before, plan = committed_plan, load_plan(guide_plan)  # the committed plan, before and after the examples
    assert subprocess.run([sys.executable, "-m", "boras_plan", str(guide_plan)], cwd=ROOT, capture_output=True, timeout=60).returncode == 0
    for instruction, body in EXAMPLES:
        value = guide_examples.value(body)
        if "under recommendations" in instruction:
            for rec in value:
                (added,) = [r for r in plan.recommendations if r.slug == rec["slug"]]
                if not any(r.slug == rec["slug"] for r in before.recommendations):  # added now: the next number
                    assert added.number == len(before.recommendations) + 1
                    assert [a.id for a in added.actions] == [f"{added.number}.{a['id'].split('.')[1]}" for a in rec["actions"]]
                assert added.title == rec["title"] and added.addition is not None, "a recommendation not in the adopted plan is marked as an addition"
        elif "under roles" in instruction:
            assert [plan.role_by_id[r["id"]].name for r in value] == [r["name"] for r in value]
        elif "under glossary" in instruction:
            assert {t["term"].casefold() for t in value} <= {t.term.casefold() for t in plan.glossary}
        elif "under help" in instruction:
            assert {h["name"] for h in value} <= {h.name for h in plan.help}
        elif instruction.startswith("# data/uppfoljning/"):
            action_id = re.search(r"uppfoljning/([\d.]+)\.yaml", instruction).group(1)
            action = next(a for a in plan.actions if a.id == action_id)
            entries = value["log"] if WHOLE in instruction else value
            assert {str(e["date"]) for e in entries} <= {e.date for e in action.log}  # a date as printed (unquoted: a YAML date)
            if WHOLE in instruction:
                assert action.status == value["status"]
        else:  # an action replaced or changed in plan.yaml: every field the example gives is in the model
            action_id = instruction.split('"')[1]
            action = next(a for a in plan.actions if a.id == action_id)
            fields = value[0] if isinstance(value, list) else value
            if fields.get("who"):
                assert action.owner.text == fields["who"]["text"] and list(action.owner.role_ids) == fields["who"]["roles"]
            if "what" in fields:
                assert action.what == " ".join(fields["what"].split())
    new_recs = [r for i, v in EXAMPLES if "recommendations" in i for r in guide_examples.value(v) if r["slug"] not in {p.slug for p in before.recommendations}]
    assert len(plan.actions) == len(before.actions) + sum(len(r["actions"]) for r in new_recs)


def test_a_pasted_example_changes_only_its_own_lines(guide_plan, committed_plan_file):
    """Pasting as printed: the help example adds its lines to hjalp.yaml and leaves the rest of that file as it was."""
    (body,) = [b for i, b in EXAMPLES if "under help" in i]
    before = (committed_plan_file.parent / "webbplats" / "hjalp.yaml").read_text(encoding="utf-8").splitlines()
    after = (guide_plan.parent / "webbplats" / "hjalp.yaml").read_text(encoding="utf-8").splitlines()
    added = [line for line in body.splitlines() if not line.startswith("#")]
    assert after[-len(added):] == added and len(after) <= len(before) + len(added)


def _applied(data: dict, order) -> dict:
    data = copy.deepcopy(data)
    for index in order:
        guide_examples.apply(data, *EXAMPLES[index])
    return data


def test_every_example_applied_twice_in_any_order_gives_the_same_valid_plan(tmp_path, plan_file):
    data = plan_data(plan_file)
    once = _applied(data, range(len(EXAMPLES)))
    for name, order in {"twice": [*range(len(EXAMPLES))] * 2, "reversed_twice": [*reversed(range(len(EXAMPLES)))] * 2}.items():
        again = _applied(data, order)
        (tmp_path / name).mkdir()
        assert load_plan(write_plan(again, tmp_path / name / "plan.yaml")) is not None
        assert {r["slug"] for r in again["recommendations"]} == {r["slug"] for r in once["recommendations"]}
        assert len(again["glossary"]) == len(once["glossary"]) and len(again["roles"]) == len(once["roles"])


def test_an_example_whose_number_is_taken_gets_the_next_free_number(tmp_path, plan_file):
    """A plan that has a 13th recommendation already: the guide's example becomes the next, its action ids follow."""
    (example,) = [guide_examples.value(v) for i, v in EXAMPLES if "recommendations" in i][0]
    data = plan_data(plan_file)
    for rec in data["recommendations"]:  # a plan that has the example already: under another address
        if rec["slug"] == example["slug"]:
            rec["slug"] = "tidigare-" + rec["slug"]
    taken = copy.deepcopy(example) | {"slug": "en-annan-rekommendation", "number": len(data["recommendations"]) + 1}
    taken["actions"] = [dict(a, id=f"{taken['number']}.{n}") for n, a in enumerate(example["actions"], 1)]
    data["recommendations"].append(taken)
    guide_examples.apply(data, "# data/plan.yaml: lägg till sist under recommendations", yaml.safe_dump([example], allow_unicode=True))
    plan = load_plan(write_plan(data, tmp_path / "plan.yaml"))
    added = plan.recommendations[-1]
    assert added.slug == example["slug"] and added.number == taken["number"] + 1
    assert [a.id for a in added.actions] == [f"{added.number}.{n}" for n in range(1, len(example["actions"]) + 1)]


def test_an_example_term_the_plan_has_is_not_added_again(tmp_path, plan_file):
    """Whether the plan has the term as the guide writes it or in other letters case."""
    (term,) = [guide_examples.value(v) for i, v in EXAMPLES if "glossary" in i][0]
    for spelling in (term["term"], term["term"].upper()):
        (tmp_path / spelling).mkdir()
        data = plan_data(plan_file)
        data["glossary"] = [t for t in data["glossary"] if t["term"].casefold() != term["term"].casefold()]
        data["glossary"].append({"term": spelling, "definition": "En förklaring som redan finns."})
        guide_examples.apply(data, "# data/webbplats/begrepp.yaml: lägg till sist under glossary", yaml.safe_dump([term], allow_unicode=True))
        load_plan(write_plan(data, tmp_path / spelling / "plan.yaml"))
        assert [t["term"] for t in data["glossary"]].count(spelling) == 1 and term["term"] not in [t["term"] for t in data["glossary"]][:-1]


def test_the_status_example_reports_a_status_with_a_note_in_its_own_file():
    """The issue's editor: a report file with `status` and one note, named after the action, as the guide shows."""
    reports = [(i, guide_examples.value(b)) for i, b in EXAMPLES if i.startswith("# data/uppfoljning/") and WHOLE in i]
    assert reports and all(f"/{r['id']}.yaml" in i and r["status"] and r["log"] and all(e.get("date") for e in r["log"]) for i, r in reports)


def test_the_guide_plan_is_still_the_adopted_plan_word_for_word(guide_plan):
    try:
        problems = faithfulness.check(guide_plan, config_file=ROOT / "mkdocs.yml")
    except SourceMissing as missing:
        pytest.skip(str(missing))
    assert [p.format(str(guide_plan)) for p in problems] == []


def test_an_example_without_an_instruction_is_refused(tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text("# Guide\n\n## Exempel\n\n```yaml\n  - term: Nytt\n    definition: Text.\n```\n\n## Annat\n", encoding="utf-8")
    with pytest.raises(ValueError, match="does not start with an instruction"):
        guide_examples.examples(guide)


def test_the_script_writes_the_guide_plan(tmp_path, committed_plan_file, committed_plan):
    out = tmp_path / "ut" / "plan.yaml"
    result = subprocess.run([sys.executable, "-m", "tests.guide_examples", str(committed_plan_file), str(out)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    slugs = [r.slug for r in load_plan(out).recommendations]
    added = {r["slug"] for i, v in EXAMPLES if "recommendations" in i for r in guide_examples.value(v)}
    assert added <= set(slugs) and len(slugs) == len(committed_plan.recommendations) + len(added - {r.slug for r in committed_plan.recommendations})
