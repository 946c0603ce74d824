"""scripts/review BASE (boras_plan/review.py, plan_diff.py) on real git repositories made here:
the project's site files and the plan under test on main, and a change on top of it, committed on
a branch or left in the working tree. What the report must name comes from the loaded models
(ids, statuses, texts) and routes.py (addresses), never from the data's wording."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from boras_plan import feed, review, routes
from boras_plan.errors import PlanError
from boras_plan.loader import load_plan
from boras_plan.model import STATUSES
from boras_plan.text import swedish_date
from tests.conftest import ROOT, plan_data, write_plan
from tests.unit.test_provenance import git, report, unreported

PROJECT = ["mkdocs.yml", "macros.py", "docs", "overrides", "boras_plan"]  # each version is rendered by its own code


@pytest.fixture(scope="module")
def origin(tmp_path_factory, plan_file):
    """A repository whose main holds the site's files and the plan under test, without follow-up."""
    repo = tmp_path_factory.mktemp("review") / "origin"
    repo.mkdir()
    for name in PROJECT:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(ROOT / name, repo / name)
    (repo / "data").mkdir()
    write_plan(unreported(plan_file), repo / "data" / "plan.yaml")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Planen")
    return repo


@pytest.fixture
def repo(origin, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    return clone


def run(repo, base="main"):
    text, status = review.review(repo, base)
    return text, status


def address(src: str, anchor: str | None = None) -> str:
    return "/" + routes.site_path(src) + (f"#{anchor}" if anchor else "")


def section(text: str, title: str) -> str:
    """The lines under one ### heading of the report."""
    return text.split(f"### {title}\n", 1)[1].split("\n### ", 1)[0] if f"### {title}\n" in text else ""


def test_a_branch_with_a_report_names_the_action_its_new_status_and_its_page(repo, plan_file):
    data = unreported(plan_file)
    action_id = load_plan(repo / "data" / "plan.yaml").actions[0].id
    git(repo, "checkout", "-qb", "cms/uppfoljning")
    report(data, action_id, "2026-03-01", "Arbetet har börjat.")
    write_plan(data, repo / "data" / "plan.yaml")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Uppföljning")
    after = load_plan(repo / "data" / "plan.yaml")
    action = next(a for a in after.actions if a.id == action_id)
    text, status = run(repo)
    assert status == 0 and text.startswith(review.TITLE)
    page = routes.recommendation(after, action.recommendation)
    # The action, its page (with the action's anchor), and its status before -> after.
    assert f"**Åtgärd {action.id}** – sidan " in text and f"`{address(page, action.anchor)}`" in text
    assert f"- Status: ”Ej rapporterad” → ”{action.status_label}”" in text
    (note,) = action.log
    assert f"- Ny anteckning, rapporterad {swedish_date(note.date)}: ”{review._escape(note.text)}”" in text
    changed = section(text, "Sidor som ändras")
    for src in (page, routes.CHANGES, routes.ALL_ACTIONS):
        assert f"`{address(src)}`" in changed, src
    files = section(text, "Öppna data och flöden som ändras")
    for path in (routes.data_file("plan.json"), feed.FEED_NAME, routes.action_feed(action)):
        assert f"`/{path}` (ändras)" in files, path
    assert not section(text, "Nya sidor") and not section(text, "Sidor som tas bort")


def test_a_site_text_in_the_working_tree(repo):
    data = plan_data(repo / "data" / "plan.yaml")
    old = data["contact"]["phone"]
    data["contact"]["phone"] = new = "033-35 70 99" if old != "033-35 70 99" else "033-35 70 98"
    write_plan(data, repo / "data" / "plan.yaml")  # not committed: the working tree is what is reviewed
    text, status = run(repo)
    assert status == 0
    content = section(text, "Vad som ändras i innehållet")
    assert "**Kontaktuppgifter** – sidan " in content and f"`{address(routes.CONTACT)}`" in content
    assert f"- Telefon: ”{old}” → ”{new}”" in content
    assert f"`{address(routes.CONTACT)}`" in section(text, "Sidor som ändras")
    assert subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True).stdout.strip()  # left as it was


def test_a_new_recommendation_is_a_new_page(repo):
    data = plan_data(repo / "data" / "plan.yaml")
    recs = data["recommendations"]
    number = max(r["number"] for r in recs) + 1
    role = data["roles"][0]["id"]
    recs.append({
        "number": number, "slug": f"ny-rekommendation-{number}", "title": "En ny rekommendation",
        "addition": {"date": data["document"]["adopted_on"], "note": "Tillagd efter beslut i Kommunstyrelsen."},
        "body": "Första stycket.\n\nAndra stycket.",
        "actions": [{"id": f"{number}.1", "what": "Något ska göras.", "due": data["document"]["valid_through"],
                     "who": {"text": data["roles"][0]["name"], "roles": [role]}, "follow_up": "Redovisas."}],
    })
    write_plan(data, repo / "data" / "plan.yaml")
    after = load_plan(repo / "data" / "plan.yaml")
    text, status = run(repo)
    assert status == 0
    page = routes.recommendation(after, number)
    title = review._escape(f"{number}. {after.recommendation_by_number[number].title}", starts_line=True)
    assert section(text, "Nya sidor").strip().splitlines() == [f"- {title} – `{address(page)}`"]
    content = section(text, "Vad som ändras i innehållet")
    assert f"- Ny rekommendation: ”{number}. " in content and f"- Ny åtgärd: ”{number}.1: " in content
    assert f"`{address(routes.RECOMMENDATIONS)}`" in section(text, "Sidor som ändras")  # listed there
    assert "(ändras)" in section(text, "Öppna data och flöden som ändras")


def test_a_changed_template_shows_as_its_page_changing(repo):
    template = repo / "boras_plan" / "templates" / "contact.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nEn rad som mallen har lagt till.\n", encoding="utf-8")
    text, status = run(repo)
    assert status == 0
    changed = section(text, "Sidor som ändras")
    assert f"`{address(routes.CONTACT)}`" in changed and f"`{address(routes.HOME)}`" not in changed  # the pages that use it
    assert not section(text, "Vad som ändras i innehållet") and not section(text, "Öppna data och flöden som ändras")  # the data is the same


def test_a_broken_change_gets_the_checks_report_and_exit_status_1(repo):
    data = plan_data(repo / "data" / "plan.yaml")
    data["recommendations"][0]["actions"][0]["status"] = "klar"
    assert "klar" not in STATUSES
    write_plan(data, repo / "data" / "plan.yaml")
    with pytest.raises(PlanError) as error:
        load_plan(repo / "data" / "plan.yaml", display_path="data/plan.yaml")
    result = subprocess.run([sys.executable, "-m", "boras_plan.review", "main"], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(review.BROKEN_TITLE)
    assert error.value.report() in result.stdout  # word for word what scripts/check says
    check = subprocess.run([sys.executable, "-m", "boras_plan", "data/plan.yaml"], cwd=repo, capture_output=True, text=True)
    assert check.returncode == 1 and check.stderr.strip() == error.value.report()


def test_no_change_and_an_unknown_base(repo):
    text, status = run(repo)
    assert status == 0 and "ändras ingenting på den publika webbplatsen" in text
    with pytest.raises(review.ReviewError, match="Hittar ingen version som heter"):
        run(repo, "ingen-sadan-gren")
    result = subprocess.run([sys.executable, "-m", "boras_plan.review", "ingen-sadan-gren"], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 2 and "Hittar ingen version" in result.stderr and not result.stdout
