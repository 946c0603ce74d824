"""Synthetic plans: a plan with its recommendations repeated N times (for bench/ and the large-plan tests).

Copy k (k = 1..N) of recommendation r of R gets number (k-1)*R + r, slug
"<slug>-k" and title "<title> (k)" (copy 1 keeps the real ones), and its
actions get ids "<number>.<n>". Everything else (roles, glossary, contact …)
stays as it is, so every page but the recommendation pages keeps its size,
and the action tables (all actions, roles) grow N times. The result must pass
the project's own validator.

Run alone: `python -m boras_plan.synthetic FACTOR OUT.yaml`.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path


from .loader import load_plan
from .plan_files import plan_files, read_plan_source, write_plan_files


def scaled_data(plan_path: Path, factor: int) -> dict:
    # The project's reader keeps dates as text (PyYAML alone would turn them into dates).
    source, problems = read_plan_source(plan_path)
    if source is None or problems:
        raise SystemExit(f"{plan_path} cannot be read: {problems}")
    data = copy.deepcopy(source.data)
    originals = data["recommendations"]
    data["recommendations"] = []
    for k in range(1, factor + 1):
        for rec in originals:
            rec = copy.deepcopy(rec)
            number = (k - 1) * len(originals) + rec["number"]
            rec["number"] = number
            if k > 1:
                rec["slug"] = f"{rec['slug']}-{k}"
                rec["title"] = f"{rec['title']} ({k})"
            for n, action in enumerate(rec["actions"], start=1):
                action["id"] = f"{number}.{n}"
            data["recommendations"].append(rec)
    return data


def write_scaled_plan(plan_path: Path, factor: int, out: Path) -> dict:
    """Write the plan N times over to out, validate it, return its counts."""
    data = scaled_data(plan_path, factor)
    write_plan_files(data, out)  # the editors' files beside out, as beside plan.yaml
    plan = load_plan(out)  # raises PlanError if the validator refuses it
    return {
        "factor": factor,
        "recommendations": len(plan.recommendations),
        "actions": len(plan.actions),
        "plan_bytes": sum(Path(f).stat().st_size for f in plan_files(out)),
    }


if __name__ == "__main__":
    print(write_scaled_plan(Path("data/plan.yaml"), int(sys.argv[1]), Path(sys.argv[2])))
