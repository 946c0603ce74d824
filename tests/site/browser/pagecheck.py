"""What the browser tests ask a page in Chromium: axe, layout, focus and Material's search.

Every wait here waits for a condition in the page, never for a fixed time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

from codesniffer import codesniffer_errors
from targets import small_targets

from tests.conftest import plan_id
from tests.helpers import VIEWPORTS, busiest_recommendation


# Material's Swedish search messages: before the index is ready, and ready with an empty query.
SEARCH_STARTING = "Initialiserar sök"
SEARCH_READY = "Skriv sökord"

_AXE = Axe()

# Every rule axe-core ships (WCAG A to AAA, best practices, experimental), each enabled by name.
# axe names each element it reports by a CSS selector it must make unique, which costs 6-15 % of a
# run: the full run names none, and only a page with findings is run again, on the rules it broke,
# to name them (the same rules on the same page give the same findings).
_RUN_AXE = """async () => {
  const rules = axe.getRules().map(rule => rule.ruleId);
  const found = await axe.run(document, {runOnly: {type: "rule", values: rules}, resultTypes: ["violations"], selectors: false});
  const ran = new Set([...found.passes, ...found.violations, ...found.incomplete, ...found.inapplicable].map(r => r.id));
  const broken = found.violations.map(v => v.id);
  const named = broken.length ? (await axe.run(document, {runOnly: {type: "rule", values: broken}, resultTypes: ["violations"]})).violations : [];
  return {
    rules: rules.length,
    not_run: rules.filter(rule => !ran.has(rule)),
    violations: found.violations.map(v => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: (named.find(n => n.id === v.id)?.nodes ?? v.nodes).map(n => (n.target || []).join(" ") + "  " + n.failureSummary.replace(/\\s+/g, " ")),
    })),
  };
}"""


def axe_check(page) -> dict:
    """Run every axe-core rule on the page as it is now: {'rules', 'not_run', 'violations'}.
    axe is loaded into the page first unless the context's init script already did."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_AXE.axe_script)
    return page.evaluate(_RUN_AXE)


def describe_violations(violations: list[dict]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']}\n      " + "\n      ".join(v["nodes"]) for v in violations]


# Wait until nothing moves (colour fades aside) and neither the page nor any box around the focused element
# scrolls (Material animates its drawer and search, and scrolls its sidebars smoothly).
_SETTLE = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  const scrolled = () => {
    const boxes = [];
    for (let el = document.activeElement; el; el = el.parentElement) boxes.push(el.scrollTop, el.scrollLeft);
    return boxes.join(",");
  };
  let last = scrolled(), quiet = 0;
  while (quiet < 2) {
    await frame();
    const now = scrolled();
    const moving = document.getAnimations().some(a => a.playState === "running" && !/color|shadow|outline/.test(a.transitionProperty));
    quiet = !moving && now === last ? quiet + 1 : 0;
    last = now;
  }
}"""


def settle(page) -> None:
    page.evaluate(_SETTLE)


# Material's search opened on a phone and the page not yet locked (Material locks it 0.4 s later):
# read with the focus (_FOCUSED), and waited out by test_keyboard's Tab walk.
SEARCH_UNLOCKED = """() => !!document.getElementById("__search")?.checked && innerWidth < 960
  && !document.body.hasAttribute("data-md-scrolllock")"""

# The focused element: is a focus indicator drawn, and can it be seen (not hidden, not off-screen,
# not wholly covered: WCAG 2.4.7 and 2.4.11)?
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none";
  const boxes = [...el.getClientRects()].filter(r => r.width > 0 && r.height > 0);
  const seen = el.checkVisibility({opacityProperty: true, visibilityProperty: true}) && boxes.some(r => {
    const points = [[0.5, 0.5], [0.1, 0.5], [0.9, 0.5], [0.5, 0.1], [0.5, 0.9]]
      .map(([fx, fy]) => [r.left + fx * r.width, r.top + fy * r.height])
      .filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
    return points.some(([x, y]) => { const hit = document.elementFromPoint(x, y); return hit && (hit === el || el.contains(hit)); });
  });
  const name = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("href") || "").replace(/\\s+/g, " ").trim();
  return {
    tag: el.tagName.toLowerCase(),
    name: name.slice(0, 60),
    classes: String(el.className),
    indicator: outline || shadow,
    seen,
    in_content: !!el.closest(".md-content"),
    search_unlocked: (SEARCH_UNLOCKED)(),
  };
}""".replace("SEARCH_UNLOCKED", SEARCH_UNLOCKED)


def focused(page) -> dict | None:
    """The focused element, or None when focus is on the page itself.

    Asked at once, and again after things settle when it is not (yet) seen: a drawer or a
    scroll may still be on its way.
    """
    state = page.evaluate(_FOCUSED)
    if state is None or (state["seen"] and state["indicator"]):
        return state
    settle(page)
    return page.evaluate(_FOCUSED)


# Horizontal overflow: the page wider than the window, or content sticking out of the window
# without being inside a scrolling box that fits in it.
_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width)
    problems.push(`sidan är ${document.documentElement.scrollWidth} px bred i ett ${width} px fönster`);
  for (const el of document.querySelectorAll(".md-content *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    let parent = el.parentElement, boxed = false;
    while (parent && !parent.classList.contains("md-content") && !boxed) {
      boxed = ["auto", "scroll"].includes(getComputedStyle(parent).overflowX) && parent.getBoundingClientRect().right <= width + 1;
      parent = parent.parentElement;
    }
    if (!boxed) problems.push(`<${el.tagName.toLowerCase()} class="${el.className}"> slutar vid ${Math.round(box.right)} px`);
  }
  return problems.slice(0, 10);
}"""


def overflow(page) -> list[str]:
    return page.evaluate(_OVERFLOW)


# Content-Security-Policy: every violation the page reports, from before its first script runs.
CSP_RECORDER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`));
"""


def csp_violations(page) -> list[str]:
    """The violations recorded since the page loaded (the context needs CSP_RECORDER as init script)."""
    return page.evaluate("window.__csp")


@dataclass(frozen=True)
class PageCheck:
    """A check that only reads a page: run on every page at every size on its one visit
    (tests/site/browser/conftest.py, fixture `visits`); its result is kept as visit.checks[name]."""

    name: str
    run: Callable[[Any], Any]
    init_script: str | None = None  # added once to the visiting context: runs in each page before its own scripts


# What the task tests read on every page (tests/site/browser/test_tasks.py): the plan-period
# notice, the header's title and word mark, and how many characters a line of running text holds.
_TASK_FACTS = """() => {
  const notices = [...document.querySelectorAll('.md-content .plan-status')];
  const title = document.querySelector('.md-header__topic .md-ellipsis');
  const wordmark = document.querySelector('.md-wordmark');
  return {
    notices: notices.map(n => ({height: n.getBoundingClientRect().height, text: n.textContent})),
    title_cut: !!title && (title.scrollWidth > title.clientWidth + 1 || title.scrollHeight > title.clientHeight + 1),
    title_seen: !!title && title.checkVisibility(),
    wordmark: wordmark ? wordmark.innerText.trim() : null,
    chars_per_line: [...document.querySelectorAll('.md-content p')].filter(p => p.textContent.length > 300).map(p => {
      const lines = Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight));
      return p.textContent.length / lines;
    }),
  };
}"""


def task_facts(page) -> dict:
    return page.evaluate(_TASK_FACTS)


# The read-only checks of every visit, in the order they run. A further check is one entry here,
# and its test reads visits[viewport][path].checks[name].
PAGE_CHECKS = [
    PageCheck("axe", axe_check, _AXE.axe_script),
    PageCheck("overflow", overflow),
    PageCheck("csp", csp_violations, CSP_RECORDER),
    PageCheck("tasks", task_facts),
    PageCheck("codesniffer", codesniffer_errors),  # HTML_CodeSniffer's WCAG2AA errors
    PageCheck("small_targets", small_targets),  # links, buttons and fields under 24x24 px
]


def wait_for_search_ready(page) -> None:
    """Material's search worker has loaded the index (the results box asks for a query)."""
    page.wait_for_function(
        "text => document.querySelector('.md-search-result__meta')?.textContent.trim() === text", arg=SEARCH_READY
    )


def search(page, query: str) -> list[str]:
    """Type a query into Material's search box; the result pages, best first, as site paths.

    Material reads the query on keyup, so the box is emptied first (back to "Skriv sökord") and
    the query is then entered as one keystroke's worth of text: the results shown next are its own.
    """
    box = page.locator(".md-search__input")
    box.fill("")
    box.press("End")
    wait_for_search_ready(page)
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        "waiting => !waiting.includes(document.querySelector('.md-search-result__meta').textContent.trim())",
        arg=[SEARCH_READY, SEARCH_STARTING],
    )
    links = page.eval_on_selector_all(".md-search-result__item > a:first-child", "links => links.map(a => a.href)")
    return [site_path(link) for link in links]


def site_path(url: str) -> str:
    """'http://127.0.0.1:4711/ansvar/?h=x#roll' -> 'ansvar/'"""
    return urlsplit(url).path.lstrip("/")


def screenshot_folder(artifacts: Path, plan_file: Path | None = None) -> Path:
    """test-artifacts/screenshots/; a plan other than data/plan.yaml has a folder of its own in it,
    so that a generated plan's pictures never replace the real plan's."""
    folder = artifacts / "screenshots"
    if plan_file and plan_id(plan_file) != "plan":
        folder = folder / plan_id(plan_file)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def task_screenshot(page, folder, name: str, viewport: str, *, full_page: bool = True, min_bytes: int = 10_000) -> None:
    """Where a user's task ended, kept for review: uppgift-<name>-<w>x<h>.png in the folder of
    screenshots (fixture `screenshots`: test-artifacts/screenshots/, by plan)."""
    size = VIEWPORTS[viewport]
    target = folder / f"uppgift-{name}-{size['width']}x{size['height']}.png"
    page.screenshot(path=target, full_page=full_page)
    assert target.stat().st_size > min_bytes, target  # not a blank page


def screenshot_pages(plan) -> dict[str, str]:
    """The typical pages photographed on their one visit, for people to look at: {path: name}."""
    rec = busiest_recommendation(plan)
    return {"": "start", (f"rekommendationer/{rec.slug}/" if rec else "rekommendationer/"): "rekommendation", "atgarder/": "alla-atgarder"}
