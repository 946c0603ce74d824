"""Editors' check: `python -m boras_plan [data/plan.yaml]`.

Prints every problem at once, in Swedish, and exits 1 if there is any.
"""

from __future__ import annotations

import sys

from .errors import PlanError
from .loader import load_plan


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = args[0] if args else "data/plan.yaml"
    try:
        plan = load_plan(path)
    except PlanError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(
        f"{path} är giltig: {len(plan.recommendations)} rekommendationer, "
        f"{len(plan.actions)} åtgärder, {len(plan.roles)} roller, {len(plan.glossary)} begrepp."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
