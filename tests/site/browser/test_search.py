"""Search: what people type into the header's search box (Material's box and result list,
Pagefind's index, boras_plan/search_index.py) finds the right page among the first five
results; its button leads to the page Sök with all results. Queries and expected pages come from the loaded plan.

Search quality (every title, action number, keyword, term, role and passage of the plan) is
measured once per plan through the site's own search worker and index, all queries in one
page.evaluate (fixture `ranked`): the same worker answers the box, so the same pages come back.
The box itself is typed into at phone and desktop width for a few queries: the same order as the
worker's, no results with help, the keyboard, axe and HTML_CodeSniffer with the search open.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

from pydantic import BaseModel

import pytest
from codesniffer import codesniffer_errors, describe_errors
from pagecheck import VIEWPORTS, axe_check, describe_violations, overflow, search, settle, site_path, task_screenshot, wait_for_search_ready
from targets import small_targets

from tests.conftest import DEFAULT_PLAN

TOP = 5  # "among the first results": what a resident sees without scrolling far
NO_RESULTS = "Inga sökresultat"
HELP_LINKS = {"kontakt/": "Vart vänder jag mig?", "ordlista/": "Ordlista", "atgarder/": "Alla åtgärder"}
NOT_ON_THE_SITE = "qxzvöbbelkrux"


def query_word(plan) -> str:
    """A word that finds pages: the first long enough word of the plan's first recommendation's title."""
    return re.findall(r"[^\W\d_]{4,}", plan.recommendations[0].title if plan.recommendations else plan.introduction_heading)[0]


def rec_path(rec) -> str:
    return f"rekommendationer/{rec.slug}/"


def without_swedish_letters(text: str) -> str:
    return text.translate(str.maketrans("åäöÅÄÖ", "aaoAAO"))


def recs_with_keyword(plan, word: str) -> set[str]:
    """The recommendations that declare the word as a keyword (in any case, as the search does)."""
    return {rec_path(r) for r in plan.recommendations if word.lower() in (k.lower() for k in r.keywords)}


def open_search(page) -> None:
    """Open the search as a user does: the magnifier on a phone, the box in the header on a desktop."""
    magnifier = page.locator("label.md-header__button[for=__search]")
    if magnifier.is_visible():
        magnifier.click()
    else:
        page.locator(".md-search__input").click()
    settle(page)


@pytest.fixture(scope="module")
def search_pages(browser, site_url):
    """One page per screen size with the search open, reused by the typed-query tests."""
    contexts, pages = [], {}

    def _page(viewport):
        if viewport not in pages:
            context = browser.new_context(viewport=VIEWPORTS[viewport])
            contexts.append(context)
            page = pages[viewport] = context.new_page()
            page.goto(site_url)
            wait_for_search_ready(page)
            open_search(page)
        return pages[viewport]

    yield _page
    for context in contexts:
        context.close()


@pytest.fixture
def search_page(search_pages, viewport):
    return search_pages(viewport)


# Material's worker protocol (overrides/assets/javascripts/search-worker.js): SETUP, READY, QUERY, RESULT.
# Every query in turn, each answered before the next is sent; the pages of each answer, best first,
# with the text each result shows (its title and excerpts, as Material lists them).
_RANK = """async ({worker, queries}) => {
  const search = new Worker(worker);
  const next = () => new Promise((resolve, reject) => {
    search.onmessage = event => resolve(event.data);
    search.onerror = event => reject(new Error(event.message));
  });
  search.postMessage({type: 0, data: {}});
  await next();
  const text = html => { const div = document.createElement("div"); div.innerHTML = html; return div.textContent; };
  const ranked = {};
  for (const query of queries) {
    search.postMessage({type: 2, data: query});
    const items = (await next()).data.items;
    ranked[query] = items.map(item => [item[0].location, item.map(i => text(i.title) + " " + text(i.text)).join(" ").replace(/\\s+/g, " ")]);
  }
  search.terminate();
  return ranked;
}"""


def plan_texts(value, skip=("roles",)) -> list[str]:
    """Every text in the plan model, but the roles' quotes (which repeat the plan's text)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, BaseModel):
        return [s for name in type(value).model_fields if name not in skip for s in plan_texts(getattr(value, name))]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in plan_texts(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in plan_texts(item)]
    return []


def passages(plan) -> list[tuple[str, str | None]]:
    """(the first words of a passage, the page it should lead to first or None) for an action's
    text and a role's quote, when the plan says those words in one place only."""
    texts = [" ".join(text.split()) for text in plan_texts(plan)]
    found = []
    candidates = [(a.what, rec_path(plan.recommendation_by_number[a.recommendation])) for a in plan.actions]
    candidates += [(e.text, None) for r in plan.roles for e in r.excerpts]
    for text, page in candidates:
        words = text.split()[:8]
        if sum(" ".join(words[:5]) in plan_text for plan_text in texts) <= 1:
            found.append((" ".join(words), page))
    return found


# What each quality test asks, from the plan: {name: {query: expected pages}}.
def quality_queries(plan) -> dict[str, dict[str, set[str]]]:
    words = sorted({word for r in plan.recommendations for word in r.keywords})
    titles_ascii = {without_swedish_letters(r.title): {rec_path(r)} for r in plan.recommendations}
    return {
        "titles": {r.title: {rec_path(x) for x in plan.recommendations if x.title == r.title} for r in plan.recommendations},
        "titles_ascii": {q: p for q, p in titles_ascii.items() if q.isascii()},
        "action_ids": {a.id: {rec_path(plan.recommendation_by_number[a.recommendation])} for a in plan.actions},
        "keywords": {w: recs_with_keyword(plan, w) for w in words if len(recs_with_keyword(plan, w)) <= TOP},
        "terms_and_roles": {t.term: {"ordlista/"} for t in plan.glossary} | {r.name: {"ansvar/"} for r in plan.roles},
        "issue_words": {w: expected(plan) for w, expected in ISSUE_WORDS.items()},
        "passages": {q: {p} if p else set() for q, p in passages(plan)},
        "vald": {"vald": set()},
    }


@pytest.fixture(scope="module")
def ranked(browser, site_url, plan) -> dict[str, list[tuple[str, str]]]:
    """{query: [(page, text shown), ...]} for every query of quality_queries, asked of the site's
    search worker in one page of the site (its Content-Security-Policy applies)."""
    queries = sorted({q for group in quality_queries(plan).values() for q in group})
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "404.html")  # a page of the site without search results of its own
    answers = page.evaluate(_RANK, {"worker": site_url + "assets/javascripts/search-worker.js", "queries": queries})
    context.close()
    assert set(answers) == set(queries)
    return answers


def misses(ranked, queries: dict[str, set[str]], every: bool = False) -> list[str]:
    """Queries whose expected pages are not (one of them / every one of them) in the top results."""
    missed = []
    for query, expected in queries.items():
        found = [path for path, _ in ranked[query]][:TOP]
        hit = expected <= set(found) if every else expected & set(found)
        if not hit:
            missed.append(f"{query!r}: väntade {sorted(expected)}, fick {found}")
    return missed


def test_each_recommendation_is_found_first_by_its_title(ranked, plan):
    """A title as it stands finds its recommendation first, before pages that use its words more often;
    only recommendations that declare the whole title as a keyword may come before it."""
    problems = []
    for title, expected in quality_queries(plan)["titles"].items():
        found = [path for path, _ in ranked[title]]
        first = expected | recs_with_keyword(plan, title.lower())
        if not found or found[0] not in first:
            problems.append(f"{title!r}: väntade först {sorted(expected)}, fick {found}")
    assert problems == [], "\n".join(problems)


def test_titles_typed_without_swedish_letters_find_their_recommendation(ranked, plan):
    assert misses(ranked, quality_queries(plan)["titles_ascii"]) == []


def test_each_action_number_finds_its_recommendation(ranked, plan):
    assert misses(ranked, quality_queries(plan)["action_ids"]) == []


def test_search_words_find_their_recommendations(ranked, plan):
    """The recommendations' `keywords:` are indexed (not shown) and outrank body text: the pages
    that declare a word come first, before every page that only mentions it, for any valid plan."""
    problems = []
    for query, expected in quality_queries(plan)["keywords"].items():
        found = [path for path, _ in ranked[query]]
        if set(found[: len(expected)]) != expected:
            problems.append(f"{query!r}: väntade först {sorted(expected)}, fick {found}")
    assert problems == [], "\n".join(problems)


def test_glossary_terms_and_roles_find_their_pages(ranked, plan):
    assert misses(ranked, quality_queries(plan)["terms_and_roles"]) == []


# The words issue 10 found nothing for, and how the plan names the pages they should find.
ISSUE_WORDS = {
    "skolan": lambda plan: recs_with_keyword(plan, "skola"),
    "socialtjänsten": lambda plan: recs_with_keyword(plan, "socialtjänst"),
    "islamism": lambda plan: recs_with_keyword(plan, "islamistisk"),
    "anhorig": lambda plan: recs_with_keyword(plan, "anhörig"),
    "aktorer": lambda plan: {rec_path(r) for r in plan.recommendations if "aktörer" in r.title.lower()},
    "extremismen": lambda plan: headed_by(plan, "extremism"),
}


def headed_by(plan, stem: str) -> set[str]:
    """The pages whose own heading names the word, as the model says: the start page (the plan's
    title), a recommendation (its title), the glossary (a term). Any of them answers a resident:
    a plan whose glossary keeps only a longer term with the word ranks the glossary lower."""
    pages = {""} if stem in plan.document.title.lower() else set()
    pages |= {rec_path(r) for r in plan.recommendations if stem in r.title.lower()}
    return pages | ({"ordlista/"} if any(stem in t.term.lower() for t in plan.glossary) else set())


@pytest.mark.parametrize("word", ISSUE_WORDS)
def test_the_words_residents_type_find_the_page(ranked, plan, word):
    expected = ISSUE_WORDS[word](plan)
    if not expected:
        pytest.skip(f"planen har ingen sida för {word!r}")
    found = [path for path, _ in ranked[word]][:TOP]
    assert expected & set(found), (word, sorted(expected), found)


def test_vald_typed_without_a_ring_finds_pages_about_violence(ranked):
    assert len(ranked["vald"]) >= 3


def test_a_passage_comes_back_once(ranked, plan, plan_file, request):
    """An action's words lead to its recommendation, and no other result shows the same passage:
    not the tables that repeat it (all actions, per year, per owner, roles), nor the whole plan.
    A role's passage quoted on the roles page is found where it stands in the plan."""
    if plan_file.resolve() != DEFAULT_PLAN.resolve():
        # Known gap (issue 23, left open): a generated plan's new recommendation, made of the plan's
        # own words in another order, can outrank the passage's page (seed 875915914, variant-1).
        request.applymarker(pytest.mark.xfail(reason="genererade planers blandade text kan rangordnas före stället", strict=False))
    problems = []
    for query, expected in quality_queries(plan)["passages"].items():
        found = [path for path, _ in ranked[query]]
        if expected and found[:1] != sorted(expected):
            problems.append(f"{query[:40]!r} ledde först till {found[:1]}, inte {sorted(expected)}")
        if len(set(found)) != len(found):
            problems.append(f"{query[:40]!r}: samma sida två gånger: {found}")
        phrase = " ".join(query.split()[:5])
        showing = [path for path, shown in ranked[query] if phrase in shown]
        if len(showing) > 1:
            problems.append(f"{phrase!r} visas i {showing}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_box_shows_what_the_index_ranks(search_page, ranked, plan, viewport):
    """Typed into the box, a few queries of each kind give the pages the worker ranked, in order."""
    kinds = quality_queries(plan)
    typed = [next(iter(kinds[kind]), None) for kind in ("titles", "action_ids", "keywords", "terms_and_roles")]
    for query in filter(None, typed):
        assert search(search_page, query) == [path for path, _ in ranked[query]], query


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_results_offers_contact_glossary_and_all_actions(search_page, site_dir, viewport):
    help_box = search_page.locator(".search-help")
    search(search_page, "Kommunstyrelsen")
    assert help_box.is_hidden()
    assert search(search_page, NOT_ON_THE_SITE) == []
    assert search_page.locator(".md-search-result__meta").text_content().strip() == NO_RESULTS
    assert help_box.is_visible()
    links = help_box.locator("a")
    shown = {site_path(links.nth(i).evaluate("a => a.href")): links.nth(i).inner_text() for i in range(links.count())}
    assert shown == HELP_LINKS
    for path in shown:
        assert (site_dir / path / "index.html").is_file(), path


def test_keyboard_from_the_box_to_a_result_and_to_the_help(new_page, site_url, plan):
    for viewport in VIEWPORTS:
        page = new_page(viewport)
        page.goto(site_url)
        wait_for_search_ready(page)
        rec = plan.recommendations[-1]
        page.keyboard.press("s")  # Material's shortcut: S (or F, /) opens the search
        assert page.evaluate("() => document.activeElement.classList.contains('md-search__input')"), viewport
        found = search(page, rec.title)
        page.keyboard.press("ArrowDown")  # Material: arrows move through the results
        assert page.evaluate("() => document.activeElement.classList.contains('md-search-result__link')"), viewport
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert site_path(page.url) == found[0] == rec_path(rec), viewport

        wait_for_search_ready(page)
        page.keyboard.press("s")
        search(page, NOT_ON_THE_SITE)
        page.keyboard.press("ArrowDown")  # from the box to the first link offered
        assert page.evaluate("() => document.activeElement.textContent") == HELP_LINKS["kontakt/"], viewport
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert site_path(page.url) == "kontakt/", viewport


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("found", [True, False], ids=["results", "no-results"])
def test_axe_and_codesniffer_find_nothing_with_the_search_open(search_page, plan, found, viewport):
    """The open search (full screen on phones), with results and with the help shown for none."""
    assert bool(search(search_page, query_word(plan) if found else NOT_ON_THE_SITE)) == found
    settle(search_page)  # on phones the search fades in: check what a reader sees, not a frame of the fade
    result = axe_check(search_page)
    assert result["violations"] == [], "\n".join(describe_violations(result["violations"]))
    assert describe_errors(codesniffer_errors(search_page)) == []


# --- The search box's button and the page of all results (issue 26) ---


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_button_leads_from_the_box_to_a_page_of_all_results(new_page, site_url, plan, screenshots, viewport):
    """Tab from the box reaches the button (Material would close the search); Enter opens the page Sök
    with the query in its address and the same pages, in the same order, as the live results."""
    rec = plan.recommendations[-1]
    page = new_page(viewport)
    page.goto(site_url)
    wait_for_search_ready(page)
    open_search(page)
    live = search(page, rec.title)
    page.keyboard.press("Tab")
    button = page.locator(".md-search__form button[type=submit]")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Visa alla sökträffar"
    settle(page)  # Material grows the box's buttons from 75 % when a query is typed
    box = button.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24 and 0 <= box["x"] and box["x"] + box["width"] <= VIEWPORTS[viewport]["width"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert site_path(page.url) == "sok/" and parse_qs(urlsplit(page.url).query) == {"query": [rec.title]}
    page.wait_for_selector(".search-page__results:not([hidden])")
    found = page.eval_on_selector_all(".search-page__results > li > h2 > a", "links => links.map(a => a.href)")
    assert [site_path(link) for link in found] == live and rec_path(rec) in live
    pages = len(found)
    assert page.text_content(".search-page__status") == f"{pages} {'sida' if pages == 1 else 'sidor'} med träffar för ”{rec.title}”."
    assert page.input_value("#sokord") == rec.title
    assert overflow(page) == [] and small_targets(page, "article") == []
    assert describe_errors(codesniffer_errors(page)) == []
    assert describe_violations(axe_check(page)["violations"]) == []
    task_screenshot(page, screenshots, "sokresultat", viewport, full_page=False)


def test_the_results_page_searches_again_and_offers_a_way_on_when_nothing_is_found(new_page, site_url, plan):
    word = query_word(plan)
    page = new_page("desktop")
    page.goto(site_url + "sok/")
    assert page.evaluate("document.activeElement.id") == "sokord"  # ready to type
    page.fill("#sokord", NOT_ON_THE_SITE)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.search-page__status').textContent.startsWith('Inga')")
    assert page.text_content(".search-page__status") == f"Inga sökträffar för ”{NOT_ON_THE_SITE}”."
    links = page.locator("article .search-help a")
    assert {site_path(links.nth(i).evaluate("a => a.href")): links.nth(i).inner_text() for i in range(links.count())} == HELP_LINKS
    page.fill("#sokord", word)
    with page.expect_navigation():
        page.click("form.search-page button[type=submit]")
    page.wait_for_selector(".search-page__results:not([hidden])")
    assert parse_qs(urlsplit(page.url).query) == {"query": [word]}
    assert page.locator(".search-page__results > li").count() > 0


def test_without_javascript_the_results_page_says_where_else_to_look(new_page, site_url, plan):
    page = new_page("desktop", java_script_enabled=False)
    page.goto(site_url + "sok/?query=" + quote(query_word(plan)))
    note = page.locator(".search-page__no-js")
    assert note.is_visible() and "JavaScript" in note.inner_text()
    assert {site_path(href) for href in note.locator("a").evaluate_all("links => links.map(a => a.href)")} == {"hela-planen/", "atgarder/"}
