"""REDAKTORSGUIDE.md's examples, applied to a copy of a plan.

Every ```yaml block of the guide's "Exempel" section starts with a comment that says what
to do with it, in the editor's words; this module reads that comment:

    # Lägg till under <recommendations|roles|glossary>:   append the block's items to that list
    # Ersätt åtgärd "<id>":                               the block is the whole action
    # Ändra i åtgärd "<id>":                              the block's fields replace or join the action's

A block without such a comment is an error: an example editors follow that the suite does not
apply could go stale unnoticed. .ci/run builds and tests the site on the result:

    python -m tests.guide_examples [PLAN] OUT      (PLAN defaults to data/plan.yaml)
"""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

import yaml

from boras_plan.yaml_source import read_source

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


def apply(data: dict, instruction: str, value) -> None:
    """Do to the parsed plan what the example tells the editor to do."""
    if match := _APPEND.fullmatch(instruction):
        data[match.group(1)].extend(value)
    elif match := _REPLACE.fullmatch(instruction):
        (action,) = value
        actions, index = _action(data, match.group(1))
        actions[index] = action
    elif match := _CHANGE.fullmatch(instruction):
        actions, index = _action(data, match.group(1))
        actions[index].update(value)


def guide_plan(plan: Path, out: Path) -> Path:
    """Write plan with every example of the guide applied to out."""
    source, problems = read_source(plan)
    if source is None:
        raise ValueError("\n".join(p.format(str(plan)) for p in problems))
    for instruction, value in examples():
        apply(source.data, instruction, value)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        "# data/plan.yaml with every example of REDAKTORSGUIDE.md applied (python -m tests.guide_examples).\n"
        + yaml.safe_dump(source.data, allow_unicode=True, sort_keys=False, width=100),
        encoding="utf-8",
    )
    return out


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print(__doc__, file=sys.stderr)
        return 2
    plan, out = (Path(argv[0]), Path(argv[1])) if len(argv) == 2 else (ROOT / "data" / "plan.yaml", Path(argv[0]))
    print(f"{guide_plan(plan, out)}: {plan} med alla exempel ur REDAKTORSGUIDE.md.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
