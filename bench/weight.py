"""Page weight and a search smoke test, in headless Chromium (Playwright).

Each page is opened in a fresh browser context (empty cache) from the site
served on 127.0.0.1. Every response is counted, including those of the
search worker: raw bytes (the body as delivered, decoded) and gzip bytes
(each text body compressed with gzip level 6, as a static host would send
it; images and fonts are counted as they are). Any request for another host
is blocked and reported.
"""

from __future__ import annotations

import gzip
import time
from pathlib import Path

from common import CHROMIUM, PAGES, chromium_args
from serve import GZIP_LEVEL, Server, is_compressible

SEARCH_QUERY = "samverkan"


def _launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=chromium_args())


def _settle(page, responses: list, quiet_ms: int = 700, limit_s: float = 15.0) -> None:
    """Wait until no new response has arrived for quiet_ms (the worker loads late)."""
    page.wait_for_load_state("networkidle")
    deadline = time.monotonic() + limit_s
    seen = -1
    while len(responses) != seen and time.monotonic() < deadline:
        seen = len(responses)
        page.wait_for_timeout(quiet_ms)


def measure_pages(site_dir: Path, pages: dict[str, str] = PAGES) -> dict:
    from playwright.sync_api import sync_playwright

    results = {}
    with Server(site_dir) as base, sync_playwright() as p:
        browser = _launch(p)
        try:
            for name, path in pages.items():
                results[name] = _measure(browser, base, path)
        finally:
            browser.close()
    return results


def _measure(browser, base: str, path: str) -> dict:
    context = browser.new_context()
    blocked: list[str] = []
    responses = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith(base) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    context.on("response", lambda r: responses.append(r))
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + path, wait_until="load")
    _settle(page, responses)

    files = []
    for response in responses:
        url = response.url
        if url.startswith("data:"):
            continue
        try:
            body = response.body()
        except Exception:  # a redirect has no body
            body = b""
        name = url.removeprefix(base) or "/"
        content_type = response.headers.get("content-type", "")
        packed = len(gzip.compress(body, GZIP_LEVEL, mtime=0)) if is_compressible(name.split("?")[0] or "index.html", content_type) else len(body)
        files.append({"url": name, "status": response.status, "type": content_type.split(";")[0], "raw": len(body), "gzip": packed})
    context.close()
    return {
        "path": path,
        "requests": len(files),
        "raw": sum(f["raw"] for f in files),
        "gzip": sum(f["gzip"] for f in files),
        "failed": [f"{f['status']} {f['url']}" for f in files if f["status"] >= 400],
        "blocked_external": blocked,
        "console_errors": errors,
        "files": sorted(files, key=lambda f: -f["gzip"]),
    }


def search_check(site_dir: Path, query: str = SEARCH_QUERY) -> dict:
    """Type a query into the search box on the start page; results must appear."""
    from playwright.sync_api import sync_playwright

    with Server(site_dir) as base, sync_playwright() as p:
        browser = _launch(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            failed: list[str] = []
            page.on("response", lambda r: failed.append(f"{r.status} {r.url.removeprefix(base)}") if r.status >= 400 else None)
            page.goto(base, wait_until="networkidle")
            box = page.locator("input.md-search__input")
            box.click()  # desktop width: the search box sits in the header
            box.press_sequentially(query, delay=30)
            ok = True
            try:
                page.wait_for_selector(".md-search-result__item", timeout=10_000)
            except Exception:
                ok = False
            items = page.locator(".md-search-result__item").count()
            meta = page.locator(".md-search-result__meta").first.inner_text().strip()
            first = (page.locator(".md-search-result__item a").first.get_attribute("href") or "").removeprefix(base) if items else None
        finally:
            browser.close()
    return {"query": query, "ok": ok and items > 0 and not failed, "results": items, "meta": meta, "first": first, "failed": failed}
