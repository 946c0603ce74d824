"""The form's configuration is generated from the model and the plan."""

import pytest

from boras_plan import deployment
from boras_plan.cms_config import LOCAL_PORT_ENV, cms_config, local_backend
from boras_plan.model import STATUSES
from boras_plan.plan_files import FOLLOW_UP_DIR, SITE_DIR, SITE_FILES
from tests.conftest import ROOT

DEPLOYMENT = deployment.read(ROOT / "mkdocs.yml")  # the repository and sign-in service the form uses


def _collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def _walk(fields):
    for field in fields:
        yield field
        yield from _walk(field.get("fields", []))


def test_one_file_per_report_named_by_the_action_chosen_from_the_plan(plan):
    config = cms_config(plan, DEPLOYMENT)
    reports = _collection(config, "uppfoljning")
    assert reports["folder"] == f"data/{FOLLOW_UP_DIR}" and reports["slug"] == "{{id}}" and reports["identifier_field"] == "id"
    by_name = {f["name"]: f for f in reports["fields"]}
    assert list(by_name) == ["id", "status", "log"]
    assert [o["value"] for o in by_name["id"]["options"]] == [a.id for a in plan.actions]
    for option, action in zip(by_name["id"]["options"], plan.actions):
        assert option["label"].startswith(f"{action.id} {action.what[:40]}")
    assert by_name["status"]["options"] == list(STATUSES) and by_name["status"]["required"] is True
    assert by_name["log"]["min"] == 1
    date = next(f for f in by_name["log"]["fields"] if f["name"] == "date")
    assert date["pattern"][0] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" and "ÅÅÅÅ-MM-DD" in date["pattern"][1]
    assert "ÅÅÅÅ-MM-DD" in date["hint"]  # the hint says what the field accepts
    assert config["publish_mode"] == "editorial_workflow"


def test_site_texts_one_page_per_file_and_never_the_adopted_plan(plan):
    site = _collection(cms_config(plan, DEPLOYMENT), "webbplats")
    assert [f["file"] for f in site["files"]] == [f"data/{SITE_DIR}/{file}" for file, _ in SITE_FILES.values()]
    assert [[field["name"] for field in f["fields"]] for f in site["files"]] == [[section] for section in SITE_FILES]


def test_nothing_inside_an_optional_group_is_required(plan):
    """Decap demands the required fields of a group even when the group is unset (the licence)."""
    for file in _collection(cms_config(plan, DEPLOYMENT), "webbplats")["files"]:
        for field in _walk(file["fields"]):
            if field.get("required") is False:
                assert all(inner.get("required") is False for inner in _walk(field.get("fields", []))), field["name"]


def test_every_field_has_a_swedish_label(plan):
    config = cms_config(plan, DEPLOYMENT)
    for collection in config["collections"]:
        for fields in [collection.get("fields", [])] + [f["fields"] for f in collection.get("files", [])]:
            for field in _walk(fields):
                assert field["label"] and field["label"] != field["name"], field


@pytest.mark.parametrize("port", ["8081", "43210"])
def test_the_local_backend_follows_the_port_the_build_was_given(monkeypatch, port, plan):
    monkeypatch.setenv(LOCAL_PORT_ENV, port)
    assert local_backend() == f"http://127.0.0.1:{port}/api/v1"
    assert cms_config(plan, DEPLOYMENT)["local_backend"]["url"] == local_backend()
