"""Hostile content: HTML, script, javascript: links, Jinja, attribute lists and
images from other hosts in every text field are shown as text (or dropped),
never run. tests/fixtures/hostile.yaml is a valid plan whose every text field
carries such payloads, each field tagged (F01, F02 … URL1, MAIL …) so that a
finding names the field it came from.
"""

from __future__ import annotations

import copy
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from boras_plan.errors import PlanError
from boras_plan.loader import load_plan
from boras_plan.text import link_names
from boras_plan.yaml_source import format_path, read_source
from tests import plan_edits
from tests.conftest import FIXTURES, build_site, plan_data, serve, write_plan
from tests.helpers import load_merged, visible_text

HOSTILE = FIXTURES / "hostile.yaml"
TAG_IN_PAYLOAD = re.compile(r"""(?:xss|alert)\((?:["']|&quot;)([A-Z]+\d*)""")

# Fields whose payload still gets through, in files this test does not own.
# Remove an entry when its fix lands: the test then passes and strict xfail
# turns that into a failure, so the list cannot go stale.
KNOWN_UNSAFE: dict[str, str] = {}


def hostile_fields() -> dict[str, set[str]]:
    """Field path -> the payload tags its text carries."""
    source, problems = read_source(HOSTILE)
    assert not problems, problems
    fields: dict[str, set[str]] = {}

    def walk(value, path):
        if isinstance(value, dict):
            for key, child in value.items():
                walk(child, path + (key,))
        elif isinstance(value, list):
            for i, child in enumerate(value):
                walk(child, path + (i,))
        elif isinstance(value, str) and (tags := set(TAG_IN_PAYLOAD.findall(value))):
            fields[format_path(path)] = tags

    walk(source.data, ())
    return fields


FIELDS = hostile_fields()
ALL_TAGS = sorted({tag for tags in FIELDS.values() for tag in tags}, key=len, reverse=True)
TAG = re.compile(r"\b(" + "|".join(ALL_TAGS) + r")\b")
KNOWN_TAGS = {tag for field in KNOWN_UNSAFE for tag in FIELDS[field]}

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href", "background"}
LOCAL_HOSTS = {None, "127.0.0.1", "localhost"}


class ActiveContent(HTMLParser):
    """Everything in a page that could run or load something, and came from the data."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        self._open = tag
        for name, value in attrs:
            value = value or ""
            shown = f"<{tag} {name}={value[:80]!r}>"
            if name.startswith("on") and TAG.search(value):
                self.found.append(shown)
            elif name == "style" and TAG.search(value):
                self.found.append(shown)
            elif name in URL_ATTRIBUTES:
                url = value.strip().lower()
                if url.startswith(("javascript:", "data:", "vbscript:")):
                    self.found.append(shown)
                elif name != "href" and urlsplit(url).hostname not in LOCAL_HOSTS:
                    self.found.append(shown + " loads from another host")
        if tag in ("iframe", "object", "embed", "svg", "img", "frame", "base", "meta", "link") and TAG.search(str(attrs)):
            self.found.append(f"<{tag} {attrs!r:.80}>")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._open in ("script", "style", "template", "noscript") and TAG.search(data):
            self.found.append(f"<{self._open}>{data[:80]}")

    def handle_endtag(self, tag):
        self._open = None


def evaluated_jinja(text: str) -> list[str]:
    """Payloads {{ "EVAL" ~ "F01" }} and {% if true %}IF-F01{% endif %}, if Jinja ran them."""
    # As shown: braces may be written as &#123; &#125;, or in an address as %7B %7D (a mail
    # subject): read both back, so an escaped payload is seen as the text it is.
    text = unquote(html.unescape(text))
    tags = re.findall(r"EVAL([A-Z]+\d*)", text) + re.findall(r"(?<!%\})IF-([A-Z]+\d*)", text)
    return [f"Jinja ran the payload of {tag}" for tag in tags]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    out = folder / "site"
    plan_file = write_plan(plan_data(HOSTILE), folder / "plan.yaml")  # laid out as data/ is
    result = build_site(out, plan_file=str(plan_file))
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def findings(hostile_site) -> dict[str, list[str]]:
    """Tag -> what of its payload is live on the site (empty when all is text)."""
    by_tag: dict[str, list[str]] = {tag: [] for tag in ALL_TAGS}
    files = sorted(hostile_site.rglob("*.html")) + [hostile_site / "search" / "search_index.json"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(hostile_site).as_posix()
        found = evaluated_jinja(text)
        if path.suffix == ".html":
            parser = ActiveContent()
            parser.feed(text)
            found += parser.found
        for item in found:
            for tag in TAG.findall(item) or ["?"]:
                by_tag.setdefault(tag, []).append(f"{where}: {item}")
    return by_tag


def test_fixture_covers_every_kind_of_text_field():
    assert len(FIELDS) >= 40
    for field in ["document.title", "recommendations[1].body", "recommendations[1].actions[1].who.text", "roles[2].name",
                  "glossary[2].term", "footnotes[1].text", "recommendations[2].actions[1].log[1].text", "contact.organisation"]:
        assert field in FIELDS, field


# Fields checked by kind (addresses, e-mail, phone, footnote mark): a payload there never
# reaches a page, because the plan is refused, with the field named.
REFUSED = {
    ("document", "replaced_by"): 'https://example.se/ersatt"onmouseover="window.xss(\'URL1\')',
    ("links", "items", 0, "url"): 'https://example.se/lank"><script>window.xss("URL2")</script>',
    ("links", "items", 1, "url"): 'mailto:a@example.se?subject=<img/src=x/onerror=window.xss("URL3")>',
    ("recommendations", 1, "actions", 0, "log", 0, "source"): 'https://example.se/kalla"onclick="window.xss(\'URL4\')',
    ("contact", "email"): '"><img/src=x/onerror=window.xss("MAIL")>@example.se',
    ("contact", "website"): 'example.se/" onclick="window.xss(\'WEB\')',
    ("contact", "phone"): '033 <script>window.xss("TEL")</script>',
}


@pytest.mark.parametrize("path", REFUSED, ids=format_path)
def test_payloads_in_fields_checked_by_kind_are_refused(tmp_path, path):
    data = copy.deepcopy(read_source(HOSTILE)[0].data)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = REFUSED[path]
    plan = write_plan(data, tmp_path / "plan.yaml")
    with pytest.raises(PlanError) as refused:
        load_plan(plan)
    assert plan_edits.reported_where(plan, path)[1] in {problem.field for problem in refused.value.problems}


def test_nothing_live_that_no_field_owns(findings):
    assert findings.get("?", []) == []


@pytest.mark.parametrize(
    "field",
    [pytest.param(f, marks=pytest.mark.xfail(reason=KNOWN_UNSAFE[f], strict=True)) if f in KNOWN_UNSAFE else f for f in FIELDS],
)
def test_field_reaches_the_site_only_as_text(field, findings, hostile_site):
    live = [item for tag in sorted(FIELDS[field]) for item in findings[tag]]
    assert live == [], "\n".join(live[:20])


def test_every_field_reaches_the_site(hostile_site):
    """Guards the test above against passing because a field is not shown at all."""
    html = "".join(p.read_text(encoding="utf-8") for p in hostile_site.rglob("*.html"))
    missing = [field for field, tags in FIELDS.items() if not any(tag in html for tag in tags)]
    assert missing == []


def test_script_and_markdown_show_as_text(hostile_site):
    pages = [p.read_text(encoding="utf-8") for p in hostile_site.rglob("*.html")]
    shown = " ".join(visible_text(page) for page in pages)
    assert '<script>window.xss("F' in shown
    assert '{: onclick=window.xss("F' in shown  # the attribute list stays text
    assert "![bild](https://tracker.example/F" in shown  # the image stays text
    assert '{{ "EVAL" ~ "F' in shown  # Jinja stays text
    assert any('<a href="https://example.se/F' in page for page in pages)  # an https link in plan text is still a link


def test_owner_names_are_linked_once_even_inside_each_other():
    out = link_names("Kommunstyrelsen och ansvar", {"Kommunstyrelsen": "../ansvar/#roll-ks", "Ansvar": "../ansvar/#roll-x"})
    assert out == '<a href="../ansvar/#roll-ks">Kommunstyrelsen</a> och <a href="../ansvar/#roll-x">ansvar</a>'
    out = link_names('<b>" onclick="x', {'<b>" onclick="x': 'a"b'})
    assert out == '<a href="a&quot;b">&lt;b&gt;" onclick="x</a>'


# --- In the browser ------------------------------------------------------------

PROBE = """
window.__xss = [];
window.xss = function (tag) { window.__xss.push(String(tag)); };
window.alert = window.confirm = window.prompt = function (msg) { window.__xss.push('dialog:' + msg); };
"""

LIVE_DOM = """
() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const name of el.getAttributeNames()) {
      const value = el.getAttribute(name) || '';
      if (name.startsWith('on') || /^\\s*(javascript|data|vbscript):/i.test(value)) {
        found.push('<' + el.tagName.toLowerCase() + ' ' + name + '=' + value.slice(0, 80) + '>');
      }
    }
  }
  return found;
}
"""


def _unknown(items) -> list[str]:
    """Drop what comes from the fields listed in KNOWN_UNSAFE (tested above)."""
    return [item for item in items if not set(TAG.findall(item)) & KNOWN_TAGS]


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    server = serve(hostile_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_no_script_runs_and_no_request_leaves_127_0_0_1(browser, hostile_site, hostile_url):
    context = browser.new_context()
    context.add_init_script(PROBE)
    outside: list[str] = []

    def route(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    ran: list[str] = []
    live: list[str] = []
    urls = sorted(p.relative_to(hostile_site).as_posix().removesuffix("index.html") for p in hostile_site.rglob("*.html"))
    try:
        for url in urls:
            page.goto(hostile_url + url, wait_until="load")
            ran += [f"{url}: {tag}" for tag in page.evaluate("window.__xss")]
            live += [f"{url}: {item}" for item in page.evaluate(LIVE_DOM)]
        # Search renders the indexed plan text on the fly: look for the payloads.
        page.goto(hostile_url, wait_until="load")
        box = page.locator("input.md-search__input")
        page.wait_for_function("() => document.querySelector('.md-search-result__meta')?.textContent.trim() === 'Skriv sökord'")
        box.fill("betoning")  # a word of every payload
        box.press("End")  # Material searches on keyup
        page.locator(".md-search-result__item").first.wait_for(state="attached")
        ran += [f"search: {tag}" for tag in page.evaluate("window.__xss")]
        live += [f"search: {item}" for item in page.evaluate(LIVE_DOM)]
    finally:
        context.close()
    assert _unknown(ran) == [] and _unknown(dialogs) == []
    assert _unknown(live) == []
    assert _unknown(outside) == []


def test_titles_are_escaped_exactly_once_where_the_theme_shows_them(hostile_site):
    """Text from the data is escaped once (text.theme_title), wherever Material prints a title:
    raw in the nav, through `| e` in the footer's aria-labels, stripped in <title>."""
    plan = load_merged(HOSTILE)
    pages = [p.read_text(encoding="utf-8") for p in hostile_site.rglob("*.html")]
    labels = [html.unescape(label) for page in pages for label in re.findall(r'class="md-footer__link[^"]*" aria-label="([^"]*)"', page)]
    titles = [html.unescape(title) for page in pages for title in re.findall(r"<title>([^<]*)</title>", page)]
    assert labels and titles
    assert [label for label in labels if re.search(r"&(amp|lt|gt|quot|#\d+);", label)] == []  # escaped twice
    for rec in plan.recommendations:
        shown = " ".join(f"{rec.number}. {rec.title}".split())
        assert any(" ".join(label.split()).endswith(shown) for label in labels), rec.number
        assert any(" ".join(title.split()).startswith(shown) for title in titles), rec.number
