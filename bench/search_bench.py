"""Search benchmark: Material's lunr search (as it was, and with the best query fix we found)
against Pagefind, on the queries in bench/search_queries.yaml, in real Chromium.

    .venv/bin/python bench/search_bench.py [--runs 3] [--before REV]

Prints, per engine: found@5 (a query is found when one of its expected pages is among
the first five results), by kind of query; the bytes a search session downloads (open
the search, type three queries; gzip as GitHub Pages sends it); and build times. Writes
the same figures to bench/search_results.json.

Engines:
- material: the site at REV (default: the commit before Pagefind came in), Material's
  search plugin with `lang: sv`, as shipped then.
- material-fixed: that build with Material's own worker wrapped so that each query word
  is sent as `word~N word` (lunr: a fuzzy match after the Swedish stemmer, edit distance
  1, or 2 from 7 letters on, besides Material's own prefix match). Material 9.8 has no
  query-transform hook any more (`__search.transform` is gone), so this is the fix that
  can be made without forking its worker. Only this throwaway build is altered.
- pagefind: this checkout as it builds (boras_plan/search_index.py + search-worker.js).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import CHROMIUM, OUT, PLAN, ROOT, chromium_args, timed_build  # noqa: E402
from bench.serve import GZIP_LEVEL, Server, is_compressible  # noqa: E402
from boras_plan.loader import load_plan  # noqa: E402
from boras_plan.search_index import index_site  # noqa: E402

QUERIES = ROOT / "bench" / "search_queries.yaml"
RESULTS = ROOT / "bench" / "search_results.json"
FIX_WORKER = ROOT / "bench" / "search_material_fix.js"
WORK = OUT / "search"
TOP = 5
SESSION = ["skolan", "orolig för mitt barn", "5.2"]  # one search session: three queries
# Requests that belong to search (worker, index, language files, Pagefind's chunks, our helper).
SEARCH_URL_PARTS = ("/search/", "/workers/", "/lunr/", "/pagefind/", "search-worker.js", "search-help.js")
READY, STARTING = "Skriv sökord", "Initialiserar sök"


def expected_pages(plan, expect: list[str]) -> set[str]:
    """Site paths named by the query file's references (see its header)."""
    pages = set()
    for ref in expect:
        kind, _, value = ref.partition(":")
        if kind == "rec":
            pages.add(f"rekommendationer/{plan.recommendation_by_number[int(value)].slug}/")
        elif kind == "action":
            action = next(a for a in plan.actions if a.id == value)
            pages.add(f"rekommendationer/{plan.recommendation_by_number[action.recommendation].slug}/")
        elif kind == "keyword":
            pages |= {f"rekommendationer/{r.slug}/" for r in plan.recommendations if value in r.keywords}
        elif kind == "role":
            assert value in plan.role_by_id, ref
            pages.add("ansvar/")
        elif kind == "term":
            assert any(t.term == value for t in plan.glossary), ref
            pages.add("ordlista/")
        elif kind == "page":
            pages.add(value)
        else:
            raise SystemExit(f"{QUERIES}: okänd referens {ref!r}")
    if not pages:
        raise SystemExit(f"{QUERIES}: {expect} pekar inte ut någon sida i planen")
    return pages


def before_rev() -> str:
    """The commit before boras_plan/search_index.py (Pagefind) was added."""
    added = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%H", "--", "boras_plan/search_index.py"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()
    if not added:
        raise SystemExit("boras_plan/search_index.py is not committed yet: give --before REV")
    return added[-1] + "^"


def export(rev: str, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def timed_builds(cwd: Path, site: Path, runs: int, pythonpath: Path | None = None) -> list[float]:
    """Wall seconds of `runs` builds (the exported checkout's own package first on the path)."""
    old = os.environ.get("PYTHONPATH")
    if pythonpath:
        os.environ["PYTHONPATH"] = str(pythonpath)
    try:
        return [timed_build(cwd, site, PLAN)["wall_s"] for _ in range(runs)]
    finally:
        if pythonpath:
            if old is None:
                os.environ.pop("PYTHONPATH")
            else:
                os.environ["PYTHONPATH"] = old


def material_fixed(material_site: Path, target: Path) -> Path:
    """A copy of Material's build whose worker rewrites each query first (see the module's docstring)."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(material_site, target)
    workers = target / "assets" / "javascripts" / "workers"
    worker = next(workers.glob("search.*.min.js"))
    worker.rename(workers / "search.material.js")
    shutil.copy(FIX_WORKER, worker)
    return target


def search(page, query: str) -> list[str]:
    """Type a query into the header's search box; the result pages (paths), best first."""
    box = page.locator(".md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function("text => document.querySelector('.md-search-result__meta').textContent.trim() === text", arg=READY)
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        "waiting => !waiting.includes(document.querySelector('.md-search-result__meta').textContent.trim())",
        arg=[READY, STARTING],
    )
    hrefs = page.eval_on_selector_all(".md-search-result__item > a:first-child", "links => links.map(a => a.pathname)")
    return [href.lstrip("/") for href in hrefs]


def served_bytes(site: Path, base: str, urls: list[str]) -> int:
    """Bytes the server sent for the search requests among `urls` (gzip where bench/serve.py
    compresses). Counted from the files: Chromium reports no size for a worker's own script."""
    total = 0
    for url in urls:
        path = urlsplit(url).path
        if not url.startswith(base) or not any(part in path for part in SEARCH_URL_PARTS):
            continue
        file = site / path.lstrip("/")
        file = file / "index.html" if file.is_dir() else file
        data = file.read_bytes()
        total += len(gzip.compress(data, GZIP_LEVEL, mtime=0)) if is_compressible(file.name) else len(data)
    return total


def measure(browser, site: Path, queries: list[dict]) -> dict:
    with Server(site) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("text => document.querySelector('.md-search-result__meta')?.textContent.trim() === text", arg=READY)
        rows = []
        for q in queries:
            found = search(page, q["query"])[:TOP]
            rows.append({**q, "top": found, "found": bool(set(found) & set(q["pages"]))})
        context.close()

        # One session in a fresh browser: load the start page, open the search, type three queries.
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        fetched: list[str] = []
        context.on("requestfinished", lambda r: fetched.append(r.url))
        page.goto(url)
        page.wait_for_function("text => document.querySelector('.md-search-result__meta')?.textContent.trim() === text", arg=READY)
        page.wait_for_load_state("networkidle")
        on_view = served_bytes(site, url, fetched)
        page.locator(".md-search__input").click()  # opens the search (the box is in the header at this width)
        for query in SESSION:
            search(page, query)
        page.wait_for_load_state("networkidle")
        session = served_bytes(site, url, fetched)
        context.close()
    by_kind: dict[str, list[bool]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append(row["found"])
    return {
        "found_at_5": sum(r["found"] for r in rows),
        "queries": len(rows),
        "by_kind": {k: f"{sum(v)}/{len(v)}" for k, v in by_kind.items()},
        "bytes_on_page_view": on_view,
        "bytes_per_session": session,
        "missed": [f"{r['query']} -> {r['top']}" for r in rows if not r["found"]],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per engine for the build time")
    parser.add_argument("--before", help="commit with Material's search (default: the one before Pagefind)")
    args = parser.parse_args()

    plan = load_plan(PLAN)
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    for q in queries:
        q["pages"] = sorted(expected_pages(plan, q["expect"]))

    rev = args.before or before_rev()
    before_src = export(rev, WORK / "before-src")
    sites = {"material": WORK / "material", "pagefind": WORK / "pagefind"}
    builds = {
        "material": timed_builds(before_src, sites["material"], args.runs, pythonpath=before_src),
        "pagefind": timed_builds(ROOT, sites["pagefind"], args.runs),
    }
    sites["material-fixed"] = material_fixed(sites["material"], WORK / "material-fixed")
    # The index step alone, on the built site (what the build adds for Pagefind).
    index_times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        index_site(sites["pagefind"], {"hela-planen/index.html"})
        index_times.append(time.perf_counter() - start)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=chromium_args())
        engines = {name: measure(browser, sites[name], queries) for name in ("material", "material-fixed", "pagefind")}
        browser.close()

    results = {
        "before": subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, capture_output=True, text=True).stdout.strip(),
        "after": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip(),
        "engines": engines,
        "build_s": {
            "material (median)": round(statistics.median(builds["material"]), 2),
            "pagefind (median)": round(statistics.median(builds["pagefind"]), 2),
            "pagefind index step (median)": round(statistics.median(index_times), 2),
        },
    }
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    print(f"Search benchmark, {len(queries)} queries ({QUERIES.relative_to(ROOT)}); before = {results['before']}")
    print(f"{'engine':16} {'found@5':>9} {'bytes/view':>11} {'bytes/session':>14}  by kind")
    for name, r in engines.items():
        kinds = ", ".join(f"{k} {v}" for k, v in r["by_kind"].items())
        print(f"{name:16} {r['found_at_5']:>4}/{r['queries']:<4} {r['bytes_on_page_view']:>11,} {r['bytes_per_session']:>14,}  {kinds}")
    for name, seconds in results["build_s"].items():
        print(f"build {name}: {seconds:.2f} s")
    for name, r in engines.items():
        print(f"missed by {name}: " + ("; ".join(r["missed"]) or "none"))


if __name__ == "__main__":
    main()
