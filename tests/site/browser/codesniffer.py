"""HTML_CodeSniffer, the second accessibility engine: its WCAG2AA errors on a page in Chromium.

Each engine has its own rules (HTML_CodeSniffer asks, for one, that every form can be
submitted without scripts: H32.2). The npm package `html_codesniffer`, pinned in
cms/package-lock.json and installed by `scripts/setup test`, is injected into the page
like axe, so the page's Content-Security-Policy does not stand in the way.
"""

from __future__ import annotations

from functools import cache

from tests.conftest import ROOT

SCRIPT = ROOT / "cms" / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
STANDARD = "WCAG2AA"

# Errors only (warnings and notices ask a person to judge), each with a selector that finds the element.
_RUN = """standard => new Promise((resolve, reject) => {
  const selector = el => {
    if (!el || el.nodeType !== 1) return "(dokumentet)";
    const parts = [];
    for (; el && el.nodeType === 1 && el !== document.documentElement; el = el.parentElement) {
      if (el.id) { parts.unshift("#" + CSS.escape(el.id)); break; }
      const same = [...el.parentElement.children].filter(child => child.localName === el.localName);
      const named = el.localName + (el.classList.length ? "." + CSS.escape(el.classList[0]) : "");
      parts.unshift(named + (same.length > 1 ? `:nth-of-type(${same.indexOf(el) + 1})` : ""));
    }
    return parts.join(" > ");
  };
  HTMLCS.process(standard, document, () => {
    resolve(HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR)
      .map(m => ({code: m.code, selector: selector(m.element), message: m.msg})));
  }, reject, "en");
})"""


@cache
def _script() -> str:
    return SCRIPT.read_text(encoding="utf-8")


def codesniffer_errors(page) -> list[dict]:
    """HTML_CodeSniffer's WCAG2AA errors on the page as it is now: [{'code', 'selector', 'message'}]."""
    page.evaluate(_script())
    return page.evaluate(_RUN, STANDARD)


def describe_errors(errors: list[dict]) -> list[str]:
    return [f"{e['code']}\n      {e['selector']}  {e['message']}" for e in errors]
