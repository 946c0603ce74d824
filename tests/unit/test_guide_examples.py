"""REDAKTORSGUIDE.md's examples do what the guide says, on a copy of data/plan.yaml (the file
the guide is about: its examples name that file's actions).

.ci/run also builds the site from the result and runs the whole suite on it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from boras_plan import faithfulness
from boras_plan.faithfulness import SourceMissing
from boras_plan.loader import load_plan
from tests import guide_examples
from tests.conftest import ROOT

EXAMPLES = guide_examples.examples()
DATA = ROOT / "data" / "plan.yaml"
PLAN = load_plan(DATA)


@pytest.fixture(scope="module")
def guide_plan(tmp_path_factory):
    return guide_examples.guide_plan(DATA, tmp_path_factory.mktemp("guide") / "plan.yaml")


def test_every_kind_of_change_the_guide_explains_has_an_example():
    instructions = [instruction.split('"')[0].strip() for instruction, _ in EXAMPLES]
    assert set(instructions) == {
        "# Lägg till under glossary:", "# Lägg till under recommendations:", "# Lägg till under roles:", "# Lägg till under help:",
        "# Ersätt åtgärd", "# Ändra i åtgärd",
    }


def test_the_examples_make_a_valid_plan_that_shows_each_change(guide_plan):
    plan = load_plan(guide_plan)
    for instruction, value in EXAMPLES:
        if instruction == "# Lägg till under recommendations:":
            for rec in value:
                added = plan.recommendation_by_number[rec["number"]]
                assert added.slug == rec["slug"] and [a.id for a in added.actions] == [a["id"] for a in rec["actions"]]
                assert added.addition is not None, "a recommendation not in the adopted plan is marked as an addition"
        elif instruction == "# Lägg till under roles:":
            assert [plan.role_by_id[r["id"]].name for r in value] == [r["name"] for r in value]
        elif instruction == "# Lägg till under glossary:":
            assert {t["term"] for t in value} <= {t.term for t in plan.glossary}
        elif instruction == "# Lägg till under help:":
            assert [h["name"] for h in value] == [h.name for h in plan.help][-len(value):]
        else:  # an action replaced or changed: every field the example gives is in the model
            action_id = instruction.split('"')[1]
            action = next(a for a in plan.actions if a.id == action_id)
            fields = value[0] if isinstance(value, list) else value
            if "status" in fields:
                assert action.status == fields["status"] and [e.date for e in action.log] == [e["date"] for e in fields["log"]]
            if fields.get("who"):
                assert action.owner.text == fields["who"]["text"] and list(action.owner.role_ids) == fields["who"]["roles"]
            if "what" in fields:
                assert action.what == " ".join(fields["what"].split())
    assert len(plan.actions) == len(PLAN.actions) + sum(len(r["actions"]) for i, v in EXAMPLES if "recommendations" in i for r in v)


def test_the_status_example_reports_a_status_with_a_log_entry():
    """The issue's editor: `status` plus one log entry on an existing action, as the guide shows."""
    changes = [value for instruction, value in EXAMPLES if instruction.startswith("# Ändra i åtgärd") and "status" in value]
    assert changes and all(change["log"] and all(entry.get("date") for entry in change["log"]) for change in changes)


def test_the_guide_plan_is_still_the_adopted_plan_word_for_word(guide_plan):
    try:
        problems = faithfulness.check(guide_plan)
    except SourceMissing as missing:
        pytest.skip(str(missing))
    assert [p.format(str(guide_plan)) for p in problems] == []


def test_an_example_without_an_instruction_is_refused(tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text("# Guide\n\n## Exempel\n\n```yaml\n  - term: Nytt\n    definition: Text.\n```\n\n## Annat\n", encoding="utf-8")
    with pytest.raises(ValueError, match="does not start with an instruction"):
        guide_examples.examples(guide)


def test_the_script_writes_the_guide_plan(tmp_path):
    out = tmp_path / "ut" / "plan.yaml"
    result = subprocess.run([sys.executable, "-m", "tests.guide_examples", str(DATA), str(out)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert len(load_plan(out).recommendations) > len(PLAN.recommendations)
