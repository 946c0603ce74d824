"""Without JavaScript every page's content can be read: all its text is shown, and every
action number in the action tables is visible."""

import pytest
from pagecheck import VIEWPORTS

from boras_plan.routes import recommendation_url

# Text in the article that cannot be seen: hidden, zero-sized or clipped away. Left out on purpose:
# elements marked hidden (controls that only work with JavaScript), the inside of closed
# <details> (one click away, no script needed), text for screen readers only (.visually-hidden)
# and table headers, visually hidden on phones, whose words are repeated on every card.
_UNSEEN_TEXT = """() => {
  const unseen = [];
  for (const el of document.querySelectorAll("article *")) {
    const text = [...el.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join("").trim();
    if (!text || el.closest("[hidden], script, style, noscript, template, thead, .visually-hidden")) continue;
    const details = el.closest("details:not([open])");
    if (details && !el.closest("summary")) continue;
    const box = el.getBoundingClientRect();
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true}) || box.width < 2 || box.height < 2)
      unseen.push(`<${el.tagName.toLowerCase()}> ${text.slice(0, 60)}`);
  }
  return unseen;
}"""

# The first cell of every body row of every table: the action number in action tables.
_ROW_KEYS = """() => [...document.querySelectorAll("article table tbody tr")]
  .map(row => row.cells[0])
  .filter(cell => cell && cell.checkVisibility({opacityProperty: true, visibilityProperty: true}) && cell.getBoundingClientRect().height > 0)
  .map(cell => cell.textContent.trim())"""


@pytest.fixture(scope="module", params=["phone", "desktop"])
def no_js_page(request, browser):
    context = browser.new_context(viewport=VIEWPORTS[request.param], java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def read_without_javascript(no_js_page, site_url, page_paths) -> dict[str, dict]:
    """{path: {'unseen': texts not shown, 'row_keys': first cells of the table rows shown}}: every page
    visited once without JavaScript at this size, both read on that visit."""
    read = {}
    for path in page_paths:
        no_js_page.goto(site_url + path)
        read[path] = no_js_page.evaluate(f"() => ({{unseen: ({_UNSEEN_TEXT})(), row_keys: ({_ROW_KEYS})()}})")
    return read


def test_javascript_is_really_off(no_js_page, site_url):
    no_js_page.goto(site_url)
    assert no_js_page.evaluate("document.documentElement.classList.contains('js')") is False


def test_all_text_is_shown_on_every_page(read_without_javascript):
    assert {path: read["unseen"] for path, read in read_without_javascript.items() if read["unseen"]} == {}


def test_every_action_number_is_visible(read_without_javascript, plan):
    assert {action.id for action in plan.actions} <= set(read_without_javascript["atgarder/"]["row_keys"])
    for rec in plan.recommendations:
        shown = read_without_javascript[recommendation_url(plan, rec.number)]["row_keys"]
        assert {action.id for action in rec.actions} <= set(shown), rec.number


def test_hidden_text_is_caught(no_js_page):
    """The check itself: text hidden by style or squeezed to nothing is reported."""
    no_js_page.goto("about:blank")  # not under a site page's Content-Security-Policy, which blocks style="…"
    no_js_page.set_content(
        '<article><p>Synlig</p><p style="display:none">Dold</p>'
        '<p style="height:0;overflow:hidden">Ihoptryckt</p><p hidden>Bara med JavaScript</p></article>'
    )
    assert no_js_page.evaluate(_UNSEEN_TEXT) == ["<p> Dold", "<p> Ihoptryckt"]
