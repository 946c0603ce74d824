"""Content-Security-Policy (boras_plan/csp.py, overrides/main.html): every page carries one as a
<meta> tag, Chromium enforces it, and nothing the site does breaks it: every page at both widths
(recorded on the one visit of each page, fixture `visits`), a search, the filter and sorting on
"Alla åtgärder". A self-check shows that a violation is seen."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from pagecheck import CSP_RECORDER, VIEWPORTS, csp_violations, search, settle, wait_for_search_ready


class _Meta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.policies: list[str] = []
        self.before_any_script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(attrs.get("content") or "")
            if self.before_any_script is None:
                self.before_any_script = True
        if tag == "script" and self.before_any_script is None:
            self.before_any_script = False


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_every_page_has_one_strict_policy_before_its_scripts(html_pages, site_dir):
    pages = dict(html_pages, **{"404.html": (site_dir / "404.html").read_text(encoding="utf-8")})
    for url, html in pages.items():
        meta = _Meta()
        meta.feed(html)
        assert len(meta.policies) == 1 and meta.before_any_script, url
        policy = directives(meta.policies[0])
        assert policy["default-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"], url
        assert policy["form-action"] == ["'self'"], url
        scripts = policy["script-src"]
        assert "'self'" in scripts and not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:"} & set(scripts), url
        assert all(s == "'self'" or re.fullmatch(r"'sha256-[A-Za-z0-9+/]+={0,2}'", s) for s in scripts), url
        assert "'unsafe-inline'" not in policy.get("style-src", []), url


@pytest.fixture(params=list(VIEWPORTS))
def recorded(request, browser, site_url):
    """A browser context at one width that records CSP violations and CSP console errors."""
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    context.add_init_script(CSP_RECORDER)
    console: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    yield page, console
    context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_page_breaks_the_policy(visits, page_paths, viewport):
    pages = visits[viewport]
    assert sorted(pages) == sorted(page_paths)
    violations = [f"{path}: {v}" for path, visit in pages.items() for v in visit.checks["csp"]]
    # Chromium also reports each violation in the console: the recorder keeps console errors.
    console = [f"{path}: {e}" for path, visit in pages.items() for e in visit.errors if "Content Security Policy" in e]
    assert violations == [] and console == [], "\n".join(violations + console)


def test_no_feature_breaks_the_policy(recorded, site_url, plan):
    page, console = recorded
    violations = []

    # Search: Pagefind's script, index and WebAssembly load in the search worker.
    page.goto(site_url, wait_until="load")
    wait_for_search_ready(page)
    page.keyboard.press("s")
    first_word = plan.recommendations[0].title.split()[0]
    assert search(page, first_word), "sökningen gav inget"
    violations += [f"sök: {v}" for v in csp_violations(page)]

    # "Alla åtgärder": filter on each control's second choice, then sort a column.
    page.goto(site_url + "atgarder/", wait_until="load")
    selects = page.locator("form.action-filter select")
    assert selects.count() > 0
    for i in range(selects.count()):
        selects.nth(i).select_option(index=1)
    page.locator("table[data-sortable] th").first.click()
    settle(page)
    violations += [f"filter: {v}" for v in csp_violations(page)]

    assert violations == [] and console == [], "\n".join(violations + console)


def test_an_injected_inline_script_is_blocked_and_reported(recorded, site_url):
    page, console = recorded
    page.goto(site_url, wait_until="load")
    page.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.body.append(script);
    }""")
    page.wait_for_function("() => window.__csp.length > 0")
    assert page.evaluate("window.__injected") is None
    assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
    assert any("Content Security Policy" in text for text in console)
