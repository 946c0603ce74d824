"""The form's configuration is generated from the model and the plan."""

from boras_plan.cms_config import cms_config
from boras_plan.model import STATUSES
from boras_plan.plan_files import FOLLOW_UP_FILE, SITE_FILE


def _fields(config, collection):
    (file,) = next(c for c in config["collections"] if c["name"] == collection)["files"]
    return file


def test_form_writes_only_the_editors_files_and_lists_every_action_with_its_vad(plan):
    config = cms_config(plan)
    files = {f["file"] for c in config["collections"] for f in c["files"]}
    assert files == {f"data/{FOLLOW_UP_FILE}", f"data/{SITE_FILE}"}  # never plan.yaml
    assert config["publish_mode"] == "editorial_workflow"
    (entries,) = _fields(config, "uppfoljning")["fields"]
    by_name = {f["name"]: f for f in entries["fields"]}
    assert set(by_name) == {"id", "status", "log"}
    assert by_name["id"]["options"][0]["value"] == plan.actions[0].id
    assert [o["value"] for o in by_name["id"]["options"]] == [a.id for a in plan.actions]
    for option, action in zip(by_name["id"]["options"], plan.actions):
        assert option["label"].startswith(f"{action.id} {action.what[:40]}")
    assert by_name["status"]["options"] == list(STATUSES)
    date = next(f for f in by_name["log"]["fields"] if f["name"] == "date")
    assert date["pattern"][0] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" and "ÅÅÅÅ-MM-DD" in date["pattern"][1]


def test_every_field_has_a_swedish_label_and_hint_from_the_model(plan):
    def walk(fields):
        for field in fields:
            yield field
            yield from walk(field.get("fields", []))

    config = cms_config(plan)
    for collection in config["collections"]:
        for file in collection["files"]:
            for field in walk(file["fields"]):
                assert field["label"] and field["label"] != field["name"] or field["name"] in ("id",), field
