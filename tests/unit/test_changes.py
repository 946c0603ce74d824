"""The changes model (boras_plan/changes.py) and the feeds made from it (feed.py, parsed with feedparser).

Every expected value comes from the loaded model of the plan under test (fixture plan), or of a copy with
follow-up and additions reported through plan_data/write_plan, so the tests hold for any valid plan.
The days from git come from real repositories made here.
"""

from __future__ import annotations

import shutil
import subprocess
from urllib.parse import urljoin

import feedparser
import pytest

from boras_plan import changes, feed, routes
from boras_plan.git_dates import history
from boras_plan.lifecycle import build_date
from boras_plan.loader import load_plan
from boras_plan.model import STATUSES, Plan
from tests.conftest import plan_data, write_plan

TODAY = build_date()
BASE = "https://example.se/plan/"
SOURCE_URL = "https://example.se/protokoll/1"


def report(data: dict) -> None:
    """Follow-up on every other action (statuses in turn; two entries on one day, one later; every
    other entry with a source), an addition on the last action and on the last recommendation."""
    first, last = data["document"]["adopted_on"], TODAY.isoformat()
    actions = [a for rec in data["recommendations"] for a in rec["actions"]]
    for i, action in enumerate(actions):
        action.pop("log", None), action.pop("status", None)
        if i % 2:
            continue
        action["status"] = STATUSES[i // 2 % len(STATUSES)]
        action["log"] = [
            {"date": last, "text": f"Senare rapport om {action['id']}."} | ({"source": SOURCE_URL} if i % 4 else {}),
            {"date": first, "text": f"Första rapporten om {action['id']}."},
            {"date": first, "text": f"Samma dag om {action['id']}.", "source": SOURCE_URL},
        ]
    if actions:
        actions[-1]["addition"] = {"date": last, "note": "Tillagd av testet."}
    data["recommendations"][-1]["addition"] = {"date": first, "note": "Rekommendationen tillagd av testet."}


@pytest.fixture(scope="module")
def reported(tmp_path_factory, plan_file) -> Plan:
    data = plan_data(plan_file)
    report(data)
    return load_plan(write_plan(data, tmp_path_factory.mktemp("reported") / "plan.yaml"))


@pytest.fixture(params=["plan", "reported"])
def any_plan(request, plan, reported) -> Plan:
    return plan if request.param == "plan" else reported


def test_every_dated_fact_is_one_change_newest_first(any_plan):
    plan = any_plan
    found = changes.changes(plan, TODAY)
    logs = [(a, i, e) for a in plan.actions for i, e in enumerate(a.log)]
    added = [a for a in plan.actions if a.addition] + [r for r in plan.recommendations if r.addition]
    ended = TODAY.year > plan.document.valid_through
    assert len(found) == 1 + ended + len(added) + len(logs)
    assert len({c.key for c in found}) == len(found)
    dates = [c.date for c in found]
    assert dates == sorted(dates, reverse=True)
    for action, i, entry in logs:
        (match,) = [c for c in found if c.action == action.id and c.kind == changes.FOLLOW_UP and c.text == entry.text and c.date == entry.date]
        assert (match.page, match.anchor, match.source) == (routes.recommendation(plan, action.recommendation), action.anchor, entry.source)
        assert not match.quoted and not match.plan_wide
    for thing in added:
        (match,) = [c for c in found if c.kind == changes.ADDITION and c.text == thing.addition.note and c.date == thing.addition.date]
    (adopted,) = [c for c in found if c.kind == changes.ADOPTED]
    assert (adopted.date, adopted.text, adopted.quoted, adopted.plan_wide) == (plan.document.adopted_on, plan.document.adopted_text, True, True)
    assert [c.date for c in found if c.kind == changes.PERIOD_ENDED] == ([f"{plan.document.valid_through}-12-31"] if ended else [])


def test_of_one_actions_notes_from_one_day_the_later_in_the_log_comes_first(reported):
    """Newest first, as the page says: a log is written oldest first, so of one day's notes the later is newer."""
    found = changes.changes(reported, TODAY)
    same_day = 0
    for action in reported.actions:
        for day in {e.date for e in action.log}:
            shown = [c.text for c in found if c.action == action.id and c.kind == changes.FOLLOW_UP and c.date == day]
            assert shown == [e.text for e in reversed(action.log) if e.date == day]
            same_day += len(shown) > 1
    assert same_day  # the copy has two notes from one day


def test_notes_of_different_actions_from_one_day_keep_the_plans_order(reported):
    """Nothing in the data says which of two actions' notes from one day came first: the plan's order stands."""
    found = changes.changes(reported, TODAY)
    order = [a.id for a in reported.actions]
    for day in {c.date for c in found if c.kind == changes.FOLLOW_UP}:
        ids = list(dict.fromkeys(c.action for c in found if c.kind == changes.FOLLOW_UP and c.date == day))
        assert ids == sorted(ids, key=order.index)


def test_the_reported_status_goes_with_the_newest_entry_only(reported):
    found = changes.changes(reported, TODAY)
    assert any(a.status for a in reported.actions)
    for action in reported.actions:
        titled = [c for c in found if c.action == action.id and c.title.endswith(f": {action.status_label}")]
        if not action.status:
            assert titled == []
            continue
        newest = max(enumerate(action.log), key=lambda pair: (pair[1].date, pair[0]))[1]
        assert [(c.date, c.text) for c in titled] == [(newest.date, newest.text)]


def test_an_ids_key_does_not_change_when_a_text_is_corrected(tmp_path, plan_file):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    data = plan_data(plan_file)
    report(data)
    before = changes.changes(load_plan(write_plan(data, tmp_path / "a" / "plan.yaml")), TODAY)
    for rec in data["recommendations"]:
        for action in rec["actions"]:
            for entry in action.get("log", []):
                entry["text"] += " Rättad."
    after = changes.changes(load_plan(write_plan(data, tmp_path / "b" / "plan.yaml")), TODAY)
    assert [c.key for c in after] == [c.key for c in before]
    assert [c.text for c in after] != [c.text for c in before]


# --- Days from git: where the data carries no date ---------------------------------------------


def git(repo, *args, date="2020-01-01T12:00:00"):
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.se", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, plan, plan_file):
    """A repository whose plan file was added on one day and changed on two later ones (twice on the last)."""
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    git(repo, "init", "-q")
    data = plan_data(plan_file)
    plan_file = write_plan(data, repo / "data" / "plan.yaml")
    git(repo, "add", ".")
    added = max(plan.document.adopted_on, "2020-01-01")
    git(repo, "commit", "-qm", "add", date=f"{added}T12:00:00")
    days = []
    for n, day in enumerate(["2030-02-01", "2030-03-01", "2030-03-01"]):
        data["recommendations"][0]["title"] += f" {n}"
        write_plan(data, plan_file)
        git(repo, "commit", "-qam", f"change {n}", date=f"{day}T12:00:00")
        days.insert(0, day)
    return repo, tuple(dict.fromkeys(days))


def test_the_days_the_plan_file_changed_are_changes_of_the_whole_plan(repo):
    root, days = repo
    found_days = history(root).change_days("data/plan.yaml")
    assert found_days == days  # the day it was added is no change; two commits on one day are one
    plan = load_plan(root / "data" / "plan.yaml")
    revisions = [c for c in changes.changes(plan, TODAY, found_days) if c.kind == changes.REVISION]
    assert [c.date for c in revisions] == list(days)
    assert all(c.plan_wide and not c.quoted and c.page == routes.WHOLE_PLAN for c in revisions)
    assert all(c.text == changes.REVISION_TEXT for c in revisions)  # a date and that the data changed, no reason


def test_without_history_there_are_no_days_from_git(repo, tmp_path):
    root, _ = repo
    tarball = tmp_path / "unpacked"
    shutil.copytree(root, tarball, ignore=shutil.ignore_patterns(".git"))
    assert history(tarball).change_days("data/plan.yaml") == ()
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{root}", str(shallow))
    assert history(shallow).change_days("data/plan.yaml") == ()  # its one commit seems to add every file


# --- Feeds: the same entries as the page, with the same ids --------------------------------------


def parse(text: str):
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_the_site_feed_carries_the_pages_entries(any_plan):
    all_changes = changes.changes(any_plan, TODAY, ("2030-01-01",))
    parsed = parse(feed.atom(any_plan, feed.site_feed(any_plan, all_changes), BASE))
    assert [e.id for e in parsed.entries] == [feed.entry_id(any_plan, c) for c in all_changes]
    assert [e.title for e in parsed.entries] == [c.title for c in all_changes]
    assert [e.updated_parsed[:3] for e in parsed.entries] == [tuple(map(int, c.date.split("-"))) for c in all_changes]
    for entry, change in zip(parsed.entries, all_changes):
        assert entry.link == BASE + routes.site_path(change.page) + (f"#{change.anchor}" if change.anchor else "")


def test_every_action_and_owner_role_has_a_feed_of_its_own_with_the_same_ids(any_plan):
    plan = any_plan
    all_changes = changes.changes(plan, TODAY)
    site = parse(feed.atom(plan, feed.site_feed(plan, all_changes), None))
    url_of = {e.id: urljoin(BASE + feed.FEED_NAME, e.link) for e in site.entries}
    made = feed.feeds(plan, all_changes)
    expected = {feed.FEED_NAME} | {routes.action_feed(a) for a in plan.actions} | {routes.role_feed(plan.role_by_id[r]) for r in plan.owner_ids}
    assert [f.path for f in made if f.path in expected] == [f.path for f in made] and {f.path for f in made} == expected
    follows = {routes.action_feed(a): changes.for_action(all_changes, a) for a in plan.actions}
    follows |= {routes.role_feed(plan.role_by_id[r]): changes.for_role(all_changes, plan, plan.role_by_id[r]) for r in plan.owner_ids}
    feed_ids = set()
    for made_feed in made[1:]:
        parsed = parse(feed.atom(plan, made_feed, None))
        feed_ids.add(parsed.feed.id)
        assert [e.id for e in parsed.entries] == [feed.entry_id(plan, c) for c in follows[made_feed.path]]
        # The same entry leads to the same place from every feed (links relative to each feed's own place).
        assert {e.id: urljoin(BASE + made_feed.path, e.link) for e in parsed.entries}.items() <= url_of.items()
    assert len(feed_ids) == len(made) - 1
    for action in plan.actions:
        own = [c for c in follows[routes.action_feed(action)] if not c.plan_wide]
        assert own == [c for c in all_changes if c.action == action.id]
    for role_id in plan.owner_ids:
        owned = {a.id for a in plan.actions_by_role[role_id]}
        own = [c for c in follows[routes.role_feed(plan.role_by_id[role_id])] if not c.plan_wide]
        assert own == [c for c in all_changes if c.action in owned]
