"""REDAKTORSGUIDE.md's examples, applied to a copy of a plan.

Every ```yaml block of the guide's "Exempel" section starts with a comment that says what
to do with it, in the editor's words; this module reads that comment:

    # Lägg till under <recommendations|roles|glossary>:   append the block's items to that list
    # Ersätt åtgärd "<id>":                               the block is the whole action
    # Ändra i åtgärd "<id>":                              the block's fields replace or join the action's

A block without such a comment is an error: an example editors follow that the suite does not
apply could go stale unnoticed. Examples apply to any plan, as the guide tells editors: what the
plan has already (the term, the role, the recommendation) is not added again, and a new
recommendation takes the next free number (its actions' ids follow). .ci/run builds and tests the site on the result:

    python -m tests.guide_examples [PLAN] OUT      (PLAN defaults to data/plan.yaml)
"""

from __future__ import annotations

import copy
import re
import sys
import textwrap
from pathlib import Path

import yaml

from boras_plan.slugs import slugify
from tests.conftest import plan_data, write_plan

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "REDAKTORSGUIDE.md"

_BLOCK = re.compile(r"^(?P<indent> *)```yaml\n(?P<body>.*?)^(?P=indent)```", re.S | re.M)
_APPEND = re.compile(r"# Lägg till under (\w+):")
_REPLACE = re.compile(r'# Ersätt åtgärd "([\d.]+)":')
_CHANGE = re.compile(r'# Ändra i åtgärd "([\d.]+)":')


def examples(guide: Path = GUIDE) -> list[tuple[str, object]]:
    """(instruction, parsed YAML) for every ```yaml block of the guide's "Exempel" section."""
    text = guide.read_text(encoding="utf-8")
    section = text.split("\n## Exempel\n", 1)[1].split("\n## ", 1)[0]
    found = []
    for block in _BLOCK.finditer(section):
        body = textwrap.dedent(block.group("body"))
        instruction = body.split("\n", 1)[0].strip()
        if not any(p.fullmatch(instruction) for p in (_APPEND, _REPLACE, _CHANGE)):
            raise ValueError(f"REDAKTORSGUIDE.md: an example does not start with an instruction the script knows: {instruction!r}")
        found.append((instruction, yaml.safe_load(body)))
    return found


def _action(data: dict, action_id: str) -> tuple[list, int]:
    for rec in data["recommendations"]:
        for index, action in enumerate(rec["actions"]):
            if action["id"] == action_id:
                return rec["actions"], index
    raise ValueError(f"REDAKTORSGUIDE.md: the example names action {action_id}, which the plan does not have")


def _recommendation(data: dict, example: dict) -> dict | None:
    """The example's recommendation as the next one of this plan (None: the plan has it already).

    The guide tells editors to use the next number and to number the actions after it,
    so a plan that already has a 13th recommendation gets the example as its 14th."""
    recs = data["recommendations"]
    if any(rec.get("slug") == example["slug"] for rec in recs):
        return None
    number = len(recs) + 1
    rec = copy.deepcopy(example)
    rec["number"] = number
    for action in rec.get("actions") or []:
        action["id"] = f"{number}.{action['id'].split('.', 1)[1]}"
    return rec


def _new(data: dict, section: str, item: dict) -> dict | None:
    """item as the editor adds it to section, or None if the plan already has it (the guide: change the existing one)."""
    existing = data.get(section) or []
    if section == "recommendations":
        return _recommendation(data, item)
    if section == "glossary":
        taken = {slugify(t["term"]) for t in existing} | {t["term"].casefold() for t in existing}
        return None if item["term"].casefold() in taken or slugify(item["term"]) in taken else copy.deepcopy(item)
    if section == "roles":
        return None if any(r["id"] == item["id"] for r in existing) else copy.deepcopy(item)
    if section == "help":
        return None if any(h["name"] == item["name"] for h in existing) else copy.deepcopy(item)
    return copy.deepcopy(item)


def apply(data: dict, instruction: str, value) -> None:
    """Do to the parsed plan what the example tells the editor to do, whatever the plan holds:
    what it already has is not added twice, so every example can be applied again, in any order."""
    if match := _APPEND.fullmatch(instruction):
        section = match.group(1)
        for item in value:
            if (new := _new(data, section, item)) is not None:
                data.setdefault(section, []).append(new)
    elif match := _REPLACE.fullmatch(instruction):
        (action,) = value
        actions, index = _action(data, match.group(1))
        actions[index] = copy.deepcopy(action)
    elif match := _CHANGE.fullmatch(instruction):
        actions, index = _action(data, match.group(1))
        action = actions[index]
        for key, new in copy.deepcopy(value).items():
            if key == "log":  # "lägger till en ny anteckning sist i log": entries it has stay
                action["log"] = list(action.get("log") or []) + [e for e in new if e not in (action.get("log") or [])]
            else:
                action[key] = new


def guide_plan(plan: Path, out: Path) -> Path:
    """Write plan with every example of the guide applied to out."""
    data = plan_data(plan)
    for instruction, value in examples():
        apply(data, instruction, value)
    out.parent.mkdir(parents=True, exist_ok=True)
    return write_plan(data, out)


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print(__doc__, file=sys.stderr)
        return 2
    plan, out = (Path(argv[0]), Path(argv[1])) if len(argv) == 2 else (ROOT / "data" / "plan.yaml", Path(argv[0]))
    print(f"{guide_plan(plan, out)}: {plan} med alla exempel ur REDAKTORSGUIDE.md.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
