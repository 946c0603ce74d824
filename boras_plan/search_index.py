"""The site's search index: Pagefind indexes the built pages after the build.

Pagefind (https://pagefind.app, MIT, binary from PyPI's `pagefind[bin]`) stems
Swedish and loads only the index chunks a query needs. Material's search box and
result list stay: overrides/assets/javascripts/search-worker.js answers them
from this index in Material's worker protocol.

What is indexed: each page's article, without the copies of passages that live
on another page (blocks marked `data-pagefind-ignore`, pages with `search:
exclude: true` in their front matter, which render.py lists),
without the plan-period notice and the last-changed line that every page has.
Ranking: a recommendation's declared `keywords:` carry Pagefind's highest weight
(`data-pagefind-weight="10"` in templates/recommendation.md.j2), so a declared word
finds its page before pages that only mention it, whatever other pages a plan adds.
Nothing in the built HTML is changed. It runs over any engine's site (finish.py).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from pagefind_bin import get_executable

from .routes import ADMIN_DIR

log = logging.getLogger("mkdocs.boras_plan.search_index")

OUTPUT = "pagefind"
# Material's search UI asks for this file on every page for its settings (the
# separator it highlights with); with Pagefind it holds no documents.
MATERIAL_INDEX = "search/search_index.json"
MATERIAL_SETTINGS = {"config": {"lang": [], "separator": r"[\s\-]+", "pipeline": []}, "docs": []}
# Material's article; not the header, menus, footer.
ROOT_SELECTOR = "article.md-content__inner"
# Pagefind also writes its own search interfaces and a WebAssembly module for pages of unknown
# language; Material's interface and Swedish pages use neither (480 kB that nothing loads).
UNUSED_OUTPUT = ["pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js", "wasm.unknown.pagefind"]
EXCLUDE_SELECTORS = ["[data-pagefind-ignore]", ".plan-status", ".last-changed", ".headerlink"]


def pages_to_index(site: Path, excluded: set[str]) -> list[str]:
    """Paths below the site of every page that search leads to."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel == "404.html" or rel in excluded or rel.startswith((OUTPUT + "/", ADMIN_DIR + "/")):
            continue
        pages.append(rel)
    return pages


def _stage(site: Path, pages: list[str], staging: Path) -> None:
    """The pages to index, linked (or copied) into their places below `staging`."""
    for rel in pages:
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / rel, target)
        except OSError:  # another file system
            shutil.copyfile(site / rel, target)


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; its own output says why."""


def _index(site: Path, pages: list[str]) -> int:
    # Pagefind's command line, run once over a directory of the pages alone, so the URLs it
    # derives from their paths are the site's. Not its Python service: that reads one answer
    # per 0.1 s, a third of a second of every build.
    with tempfile.TemporaryDirectory(prefix=".pagefind-pages-", dir=site.parent) as staging:
        _stage(site, pages, Path(staging))
        command = [
            str(get_executable()), "--site", ".", "--output-path", str((site / OUTPUT).absolute()),
            "--root-selector", ROOT_SELECTOR, *(arg for s in EXCLUDE_SELECTORS for arg in ("--exclude-selectors", s)),
            "--force-language", "sv",
        ]
        # Run inside the staging directory, with no PAGEFIND_* settings: a pagefind.yml or a
        # variable of the caller's must not change the index.
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
        result = subprocess.run(command, cwd=staging, env=env, capture_output=True, text=True)
    indexed = re.search(r"Indexed (\d+) pages?\b", result.stdout)
    if result.returncode or not indexed:
        raise SearchIndexError(f"Pagefind failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return int(indexed[1])


def index_site(site_dir: str | Path, excluded: set[str] = frozenset()) -> None:
    """Write the Pagefind index of the built site to <site>/pagefind/; `excluded` are built
    paths (e.g. 'hela-planen/index.html') of pages search does not lead to."""
    site = Path(site_dir)
    count = _index(site, pages_to_index(site, set(excluded)))
    for pattern in UNUSED_OUTPUT:
        for path in (site / OUTPUT).glob(pattern):
            path.unlink()
    settings = site / MATERIAL_INDEX
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps(MATERIAL_SETTINGS), encoding="utf-8")
    log.info(f"Search: Pagefind indexed {count} pages")
