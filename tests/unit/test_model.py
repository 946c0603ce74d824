"""boras_plan.model: one validation entry point, Plan.model_validate, runs the fields' checks and the rules across them."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from pydantic import ValidationError

from boras_plan.checks import RULE_ERROR, Context
from boras_plan.model import Plan
from tests.conftest import FIXTURES


def minimal() -> dict:
    return yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))


def errors(data, context=None) -> list[tuple[str, tuple, str]]:
    with pytest.raises(ValidationError) as caught:
        Plan.model_validate(data, context=context)
    return [(e["type"], e["loc"], e["msg"]) for e in caught.value.errors(include_url=False)]


def test_a_date_not_in_the_calendar_is_refused():
    data = minimal()
    data["document"]["adopted_on"] = "2016-02-30"
    ((kind, loc, message),) = errors(data)
    assert loc == ("document", "adopted_on") and "finns inte i kalendern" in message


def test_an_unknown_role_is_a_problem_not_a_key_error():
    data = minimal()
    data["recommendations"][1]["actions"][0]["who"]["roles"] = ["saknas"]
    ((kind, loc, message),) = errors(data)
    assert kind == RULE_ERROR and loc == ("recommendations", 1, "actions", 0, "who", "roles", 0) and '"saknas" finns inte' in message


def test_the_rules_run_where_a_field_has_the_wrong_shape_and_every_problem_is_given_at_once():
    data = minimal()
    data["recommendations"][0]["actions"][0]["due"] = "2017a"  # a field's own check
    data["recommendations"][1]["slug"] = data["recommendations"][0]["slug"]  # a rule across fields
    kinds = {(kind, loc[-1]) for kind, loc, _ in errors(data)}
    assert kinds == {("int_type", "due"), (RULE_ERROR, "slug")}


def test_the_context_gives_the_build_date():
    data = minimal()
    Plan.model_validate(data)  # no build date: nothing is in the future
    late = [e for e in errors(data, Context(today=dt.date(2016, 6, 1))) if "ligger i framtiden" in e[2]]
    assert late
