"""The built site says when each note was published (boras_plan/provenance.py): a real
`mkdocs build --strict` of the project in a git repository made here, where a note on the
plan's first action reached main through a `--no-ff` merge of pull request #12 and a note on
its second through a squash (#13), with mkdocs.yml's repo_url set. Ids and dates from the model."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys

import feedparser
import pytest

from boras_plan import feed, routes
from boras_plan.loader import load_plan
from tests.conftest import ROOT, write_plan
from tests.unit.test_provenance import REPO_URL, git, report, unreported

PROJECT = ["mkdocs.yml", "macros.py", "docs", "overrides"]
REPORTED, MERGED, SQUASHED = "2026-03-01", "2026-03-05", "2026-03-07"


def build(repo, out):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for name in ("PLAN_FILE", "SITE_URL"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=repo, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def published_site(tmp_path_factory, plan, plan_file):
    first, second = (a.id for a in plan.actions[:2])
    repo = tmp_path_factory.mktemp("published") / "repo"
    repo.mkdir()
    for name in PROJECT:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copyfile)(ROOT / name, repo / name)
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"\nrepo_url: {REPO_URL}\n", encoding="utf-8")
    (repo / "data").mkdir()
    data = unreported(plan_file)
    plan_file = write_plan(data, repo / "data" / "plan.yaml")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Planen")
    git(repo, "checkout", "-qb", "cms/uppfoljning")
    report(data, first, REPORTED, "Arbetet har börjat.")
    write_plan(data, plan_file)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Uppföljning", date="2026-03-02T09:00:00")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "cms/uppfoljning", "-m", "Merge pull request #12 from boras-stad/cms/uppfoljning", date=f"{MERGED}T15:00:00")
    report(data, second, REPORTED, "En rapport.")
    write_plan(data, plan_file)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", f"Uppföljning av åtgärd {second} (#13)", date=f"{SQUASHED}T10:00:00")
    site = build(repo, repo.parent / "site")
    unpacked = repo.parent / "unpacked"  # the same project without its history (a tarball)
    shutil.copytree(repo, unpacked, ignore=shutil.ignore_patterns(".git", "site"))
    return load_plan(plan_file), site, build(unpacked, repo.parent / "site-unpacked")


def note_items(plan, site, action):
    page = (site / routes.built_path(routes.recommendation(plan, action.recommendation))).read_text(encoding="utf-8")
    section = page.split(f'aria-labelledby="uppfoljning-{action.anchor}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r"<li>(.*?)</li>", section, re.S), page


@pytest.mark.parametrize("position, number, day", [(0, 12, MERGED), (1, 13, SQUASHED)])
def test_each_note_shows_the_day_it_was_published_and_links_its_pull_request(published_site, position, number, day):
    plan, site, _ = published_site
    action = plan.actions[position]
    (item,), page = note_items(plan, site, action)
    assert item.startswith(f'Rapporterad <time datetime="{REPORTED}">')
    published = re.search(r'<span class="site-addition note-published">(.*)</span>: ', item).group(1)
    assert f'publicerad <time datetime="{day}">' in published
    link = re.search(r'<a href="([^"]+)">(.*?)</a>', published)
    assert link.group(1) == f"{REPO_URL}/pull/{number}"
    # Its text says what it leads to, read alone (a screen reader's list of links): the change and the note.
    name = html.unescape(re.sub(r"<[^>]+>", "", link.group(2)))
    assert f"#{number}" in name and f"åtgärd {action.id}" in name
    assert 'class="site-addition">Dagen då en anteckning publicerades' in page  # said to be the site's own, once


def test_the_page_andringar_and_the_feeds_say_the_same(published_site):
    plan, site, _ = published_site
    page = (site / routes.built_path(routes.CHANGES)).read_text(encoding="utf-8")
    assert page.count(f'href="{REPO_URL}/pull/12"') == 1 and page.count(f'href="{REPO_URL}/pull/13"') == 1
    for path in (feed.FEED_NAME, routes.action_feed(plan.actions[0])):
        entries = [e for e in feedparser.parse((site / path).read_bytes()).entries if "published" in e]
        numbers = {12} if path != feed.FEED_NAME else {12, 13}
        assert {link.href for e in entries for link in e.links if link.rel == "related"} == {f"{REPO_URL}/pull/{n}" for n in numbers}, path
        assert MERGED in {e.published[:10] for e in entries}


def test_without_history_only_the_reported_date_is_shown(published_site):
    plan, _, unpacked = published_site
    (item,), page = note_items(plan, unpacked, plan.actions[0])
    assert item.startswith(f'<time datetime="{REPORTED}">') and "publicerad" not in item and REPO_URL + "/pull" not in page
    assert "<published>" not in (unpacked / feed.FEED_NAME).read_text(encoding="utf-8")
