"""plan.yaml (and the editor-owned files beside it) -> Plan: read safely, merge, validate shape and cross-references."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from pydantic import ValidationError

from .checks import Context
from .errors import MAX_PROBLEMS, PlanError, Problem
from .lifecycle import BuildDateError, build_date
from .model import Plan
from .plan_files import read_plan_source
from .slugs import reserved_slugs
from .translate import problems, with_form_places
from .yaml_source import Source

EMPTY_PATH = "(tom sökväg)"  # how the report names a file that was not given


def load_plan(
    path: str | os.PathLike, *, display_path: str | None = None, root: str | os.PathLike | None = None, today: dt.date | None = None
) -> Plan:
    """Read and validate the file; raise PlanError listing every problem.

    Not cached: the caller keeps the plan for as long as it is valid (one build).
    root, when given, is the folder the file must stay inside (the repository).
    today: the build date the plan's dates are checked against (lifecycle.build_date() if not given).
    """
    shown = str(path) if display_path is None else display_path
    if not os.fspath(path) or not shown:  # e.g. PLAN_FILE= (set, but empty)
        message = "ingen fil är angiven (tom sökväg, t.ex. PLAN_FILE= utan värde). Ange sökvägen till plan.yaml, eller ta bort variabeln PLAN_FILE."
        raise PlanError(EMPTY_PATH, [Problem(0, "", message)])
    source, merge_problems = read_plan_source(path, root=Path(root) if root is not None else None, shown=shown)
    if source is None:
        raise PlanError(shown, with_form_places(merge_problems))
    return check_plan(source, shown, merge_problems, today)


def check_plan(source: Source, shown: str, merge_problems: list[Problem] = (), today: dt.date | None = None) -> Plan:
    """The merged plan (plan_files) validated: one validation, the model's (its fields and the rules
    across them); raise PlanError listing every problem, at the file and line the editor edited."""
    date_problems = []
    if today is None:
        try:
            today = build_date()
        except BuildDateError as error:
            date_problems = [Problem(0, "", str(error))]
    try:
        plan, found = Plan.model_validate(source.data, context=Context(source, today, reserved_slugs())), []
    except ValidationError as error:
        plan, found = None, problems(error, source)
    # Every check, so every problem is listed at once.
    found = sorted(set(found) | set(date_problems) | set(with_form_places(merge_problems)))
    if found:
        raise PlanError(shown, found[: MAX_PROBLEMS + 1])
    return plan
