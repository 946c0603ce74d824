"""plan.yaml -> Plan: read safely, validate shape (the model) and cross-references, build."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from .checks import cross_problems
from .errors import MAX_PROBLEMS, PlanError, Problem
from .model import Plan
from .schema_check import model_problems
from .yaml_source import read_source


def load_plan(path: str | os.PathLike, *, display_path: str | None = None, root: str | os.PathLike | None = None) -> Plan:
    """Read and validate the file; raise PlanError listing every problem.

    Not cached: the caller keeps the plan for as long as it is valid (one build).
    root, when given, is the folder the file must stay inside (the repository).
    """
    shown = str(path) if display_path is None else display_path
    if not os.fspath(path) or not shown:  # e.g. PLAN_FILE= (set, but empty)
        raise PlanError("PLAN_FILE", [Problem(0, "", "ingen fil är angiven (tom sökväg). Ange sökvägen till plan.yaml, eller ta bort variabeln.")])
    source, problems = read_source(Path(path), root=Path(root) if root is not None else None)
    if source is None:
        raise PlanError(shown, problems)
    try:
        plan = Plan.model_validate(source.data)
        shape = []
    except ValidationError as error:
        plan = None
        shape = model_problems(error, source)
    # Both checks, so every problem is listed at once.
    problems = sorted(set(shape) | set(cross_problems(source)))
    if problems:
        raise PlanError(shown, problems[: MAX_PROBLEMS + 1])
    return plan
