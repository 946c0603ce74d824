"""plan.yaml (and the editor-owned files beside it) -> Plan: read safely, merge, validate shape and cross-references."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from pydantic import ValidationError

from .checks import cross_problems
from .errors import MAX_PROBLEMS, PlanError, Problem
from .form_words import with_form_places
from .lifecycle import BuildDateError, build_date
from .model import Plan
from .plan_files import read_plan_source, relocate
from .schema_check import model_problems
from .yaml_source import Source
from .slugs import reserved_slugs

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
    """The merged plan (plan_files) validated: the model and the checks across it; raise PlanError listing every problem."""
    try:
        plan = Plan.model_validate(source.data)
        shape = []
    except ValidationError as error:
        plan = None
        shape = model_problems(error, source)
    date_problems = []
    if today is None:
        try:
            today = build_date()
        except BuildDateError as error:
            date_problems = [Problem(0, "", str(error))]
    # Every check, so every problem is listed at once.
    found = set(relocate(shape, source)) | set(relocate(cross_problems(source, today, reserved_slugs()), source)) | set(date_problems) | set(merge_problems)
    problems = sorted(with_form_places(sorted(found)))
    if problems:
        raise PlanError(shown, problems[: MAX_PROBLEMS + 1])
    return plan
