"""The Atom feed (parsed with feedparser) and the honest deadlines in the exports."""

import copy
import csv
import datetime as dt
import io
import json

import feedparser
import jsonschema
import pytest
import yaml

from boras_plan import changes, exports, feed
from boras_plan.lifecycle import deadline_passed
from boras_plan.loader import load_plan
from boras_plan.routes import recommendation_url as recommendation_path
from boras_plan.schema import merged_schema
from tests.conftest import FIXTURES, ROOT, write_plan
from tests.helpers import load_merged

TODAY = dt.date(2026, 12, 1)
BASE = "https://example.se/plan/"


def followed_data() -> dict:
    """The small fixture plan's data with follow-ups on two actions and an added action."""
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    first = data["recommendations"][0]["actions"][0]
    first["status"] = "genomförd"
    first["log"] = [
        {"date": "2017-03-01", "text": "Arbetet startade."},
        {"date": "2017-11-20", "text": "Klart och redovisat."},
        {"date": "2017-11-20", "text": "Samma dag: protokollet publicerat."},
    ]
    added = copy.deepcopy(data["recommendations"][1]["actions"][0]) | dict(id="2.2", addition={"date": "2018-06-01", "note": "Tillagd av Kommunstyrelsen."})
    added.pop("status"), added.pop("log")
    data["recommendations"][1]["actions"].append(added)
    return data


def loaded(data: dict, tmp_path) -> object:
    path = tmp_path / "plan.yaml"
    return load_plan(write_plan(data, path))


@pytest.fixture
def followed(tmp_path):
    return loaded(followed_data(), tmp_path)


def parse(plan, site_url=BASE):
    text = feed.atom(plan, feed.site_feed(plan, changes.changes(plan, TODAY)), site_url)
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_one_entry_per_log_entry_addition_and_document_event_newest_first(followed):
    parsed = parse(followed)
    logs = [(a, e) for a in followed.actions for e in a.log]
    additions = [a for a in followed.actions if a.addition] + [r for r in followed.recommendations if r.addition]
    events = 1 + (TODAY.year > followed.document.valid_through)  # adopted; period over
    assert len(logs) == 4 and len(additions) == 1
    assert len(parsed.entries) == len(logs) + len(additions) + events
    dates = [e.updated_parsed[:3] for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    for action, item in logs:
        matching = [e for e in parsed.entries if f"åtgärd {action.id}" in e.title and item.text in e.summary]
        assert len(matching) == 1, (action.id, item.text)
        assert matching[0].link == BASE + recommendation_path(followed, action.recommendation) + "#" + action.anchor
    assert parsed.feed.updated_parsed[:3] == dates[0]
    assert parsed.feed.title and parsed.feed.author == followed.document.organisation


def test_ids_are_unique_and_stable_when_text_is_corrected(followed, tmp_path):
    ids = [e.id for e in parse(followed).entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    assert [e.id for e in parse(followed).entries] == ids
    data = followed_data()
    for entry in data["recommendations"][0]["actions"][0]["log"]:
        entry["text"] += " (rättad)"
    edited = loaded(data, tmp_path)
    assert [e.summary for e in parse(edited).entries] != [e.summary for e in parse(followed).entries]
    assert [e.id for e in parse(edited).entries] == ids


def test_without_a_site_address_links_are_relative_to_the_feed(followed):
    for entry in parse(followed, None).entries:
        assert not entry.link.startswith("http"), entry.link


def test_every_valid_plan_has_a_feed():
    for plan in (load_plan(ROOT / "data" / "plan.yaml"), load_merged(FIXTURES / "minimal.yaml")):
        assert parse(plan).entries


# --- Honest deadlines: the När year is over and nothing is reported ---


def test_deadline_passed_only_for_unreported_actions_after_their_year(followed):
    for action in followed.actions:
        note = deadline_passed(action, TODAY)
        if action.status or action.log:
            assert note is None
        else:
            assert note == f"Tidsfristen {action.due} har passerat – ingen uppföljning rapporterad"
        assert deadline_passed(action, dt.date(action.due, 12, 31)) is None  # the year itself still counts


def test_csv_and_json_say_when_the_deadline_has_passed(followed):
    expected = {a.id: deadline_passed(a, TODAY) or "" for a in followed.actions}
    assert any(expected.values()) and not all(expected.values())
    rows = list(csv.DictReader(io.StringIO(exports.actions_csv(followed, TODAY).removeprefix("\ufeff"))))
    assert {r["id"]: r["tidsfrist"] for r in rows} == expected
    data = json.loads(exports.plan_json(followed, TODAY))
    jsonschema.validate(data, merged_schema())
    assert {a["id"]: a.get("deadline", "") for r in data["recommendations"] for a in r["actions"]} == expected
    early = json.loads(exports.plan_json(followed, dt.date(2000, 1, 1)))
    assert not any("deadline" in a for r in early["recommendations"] for a in r["actions"])
