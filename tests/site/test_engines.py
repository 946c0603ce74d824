"""The same site from every engine: MkDocs (published), ProperDocs and Zensical.

Each engine builds the plan under test through boras_plan/build.py (render, the engine,
finish). What must be identical: every page's main content (the article, with every
link resolved to the address it leads to), the open-data files and the feed. What may
differ, and why, is listed in bench/ENGINES.md; the normalisations below are those.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from boras_plan.routes import ADMIN_DIR, FEED_PREFIX
from tests.conftest import ROOT

OTHER_ENGINES = ["properdocs", "zensical"]
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
# Zensical's theme puts the skip link's target inside the article (bench/ENGINES.md).
SKIP_TARGET = re.compile(r'<a id="__skip" tabindex="-1">\s*</a>')
ADDRESS = re.compile(r'(href|src)="([^"#:?]*)(#[^"]*)?"')


@pytest.fixture(scope="module", params=OTHER_ENGINES)
def engine_site(request, tmp_path_factory, plan_file) -> tuple[str, Path]:
    engine = request.param
    out = tmp_path_factory.mktemp(engine)
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    # One install and one build per engine at a time, whatever the workers and plans: the engine's
    # environment, and the build's work folder (build/<engine>/), are one per repository.
    with FileLock(ROOT / "test-artifacts" / f"engine-{engine}.lock"):
        subprocess.run([str(ROOT / "scripts" / "setup"), engine], check=True, capture_output=True)
        # As scripts/build runs it: a process of its own (this worker's browser tests keep an event loop running).
        subprocess.run([sys.executable, "-m", "boras_plan.build", "--engine", engine, "--site-dir", str(out / "site")], cwd=ROOT, check=True,
                       env=dict(os.environ, PLAN_FILE=str(plan_file)))
    return engine, out / "site"


def main_content(site: Path, page: Path) -> str:
    """The page's article: whitespace collapsed, each relative address resolved from the site's root."""
    found = ARTICLE.search(page.read_text(encoding="utf-8"))
    assert found, f"{page.relative_to(site)}: ingen <article>"
    here = posixpath.dirname(page.relative_to(site).as_posix())

    def resolve(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(here, match.group(2))) if match.group(2) else page.relative_to(site).as_posix()
        if (site / target).is_dir():
            target = posixpath.join(target, "index.html")
        return f'{match.group(1)}="/{target}{match.group(3) or ""}"'

    text = SKIP_TARGET.sub("", found.group(1))
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", ADDRESS.sub(resolve, text))).strip()


def pages(site: Path) -> list[Path]:
    """The pages the engine rendered (the editors' form under admin/ is a static file every engine copies as it is)."""
    return [p for p in sorted(site.rglob("index.html")) if not p.relative_to(site).as_posix().startswith(("assets/", "pagefind/", ADMIN_DIR + "/"))]


def test_every_engine_builds_the_same_pages(site_dir, engine_site):
    engine, other = engine_site
    ours = [p.relative_to(site_dir) for p in pages(site_dir)]
    assert [p.relative_to(other) for p in pages(other)] == ours, engine


def test_every_page_has_the_same_main_content(site_dir, engine_site):
    engine, other = engine_site
    different = [
        page.relative_to(site_dir).as_posix()
        for page in pages(site_dir)
        if main_content(site_dir, page) != main_content(other, other / page.relative_to(site_dir))
    ]
    assert different == [], f"{engine}: {different}"


def test_the_data_files_and_the_feeds_are_identical(site_dir, engine_site):
    engine, other = engine_site
    files = sorted(p.relative_to(site_dir) for p in (site_dir / "data").iterdir()) + [Path("feed.xml")]
    files += sorted(p.relative_to(site_dir) for p in site_dir.glob(f"{FEED_PREFIX}*.xml"))  # each action's and role's
    assert len(files) > 1
    for rel in files:
        assert (other / rel).read_bytes() == (site_dir / rel).read_bytes(), f"{engine}: {rel}"


def test_every_engine_gets_the_finish(engine_site):
    """CSP, search index and the link check run over any engine's site (boras_plan/finish.py)."""
    engine, other = engine_site
    start = (other / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy"' in start, engine
    assert (other / "pagefind" / "pagefind-entry.json").is_file(), engine
