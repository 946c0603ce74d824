"""Search: what people type into the header's search box (Material's box and result list,
Pagefind's index, boras_plan/search_index.py) finds the right page among the first five
results, at phone and desktop width; its button leads to the page Sök with all results.
Queries and expected pages come from the loaded plan."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

from pydantic import BaseModel

import pytest
from codesniffer import codesniffer_errors, describe_errors
from pagecheck import VIEWPORTS, axe_check, describe_violations, overflow, search, settle, site_path, task_screenshot, wait_for_search_ready
from targets import small_targets

from tests.conftest import PLAN

TOP = 5  # "among the first results": what a resident sees without scrolling far
NO_RESULTS = "Inga sökresultat"
HELP_LINKS = {"kontakt/": "Vart vänder jag mig?", "ordlista/": "Ordlista", "atgarder/": "Alla åtgärder"}
NOT_ON_THE_SITE = "qxzvöbbelkrux"
# A word that finds pages: the first long enough word of the plan's first recommendation's title.
QUERY_WORD = re.findall(r"[^\W\d_]{4,}", PLAN.recommendations[0].title if PLAN.recommendations else PLAN.introduction_heading)[0]


def rec_path(rec) -> str:
    return f"rekommendationer/{rec.slug}/"


def without_swedish_letters(text: str) -> str:
    return text.translate(str.maketrans("åäöÅÄÖ", "aaoAAO"))


def recs_with_keyword(word: str) -> set[str]:
    return {rec_path(r) for r in PLAN.recommendations if word in r.keywords}


def open_search(page) -> None:
    """Open the search as a user does: the magnifier on a phone, the box in the header on a desktop."""
    magnifier = page.locator("label.md-header__button[for=__search]")
    if magnifier.is_visible():
        magnifier.click()
    else:
        page.locator(".md-search__input").click()
    settle(page)


@pytest.fixture(scope="module", params=list(VIEWPORTS))
def search_page(request, browser, site_url):
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    page = context.new_page()
    page.goto(site_url)
    wait_for_search_ready(page)
    open_search(page)
    yield page
    context.close()


def misses(page, queries: dict[str, set[str]], every: bool = False) -> list[str]:
    """Queries whose expected pages are not (one of them / every one of them) in the top results."""
    missed = []
    for query, expected in queries.items():
        found = search(page, query)[:TOP]
        hit = expected <= set(found) if every else expected & set(found)
        if not hit:
            missed.append(f"{query!r}: väntade {sorted(expected)}, fick {found}")
    return missed


def test_each_recommendation_is_found_by_its_title(search_page):
    assert misses(search_page, {r.title: {rec_path(r)} for r in PLAN.recommendations}) == []


def test_titles_typed_without_swedish_letters_find_their_recommendation(search_page):
    queries = {without_swedish_letters(r.title): {rec_path(r)} for r in PLAN.recommendations}
    assert misses(search_page, {q: p for q, p in queries.items() if q.isascii()}) == []


def test_each_action_number_finds_its_recommendation(search_page):
    queries = {a.id: {rec_path(PLAN.recommendation_by_number[a.recommendation])} for a in PLAN.actions}
    assert misses(search_page, queries) == []


def test_search_words_find_their_recommendations(search_page):
    """The recommendations' `keywords:` are indexed (not shown): each finds every page that has it."""
    words = {word for r in PLAN.recommendations for word in r.keywords}
    queries = {word: recs_with_keyword(word) for word in sorted(words) if len(recs_with_keyword(word)) <= TOP}
    assert misses(search_page, queries, every=True) == []


def test_glossary_terms_and_roles_find_their_pages(search_page):
    queries = {t.term: {"ordlista/"} for t in PLAN.glossary} | {r.name: {"ansvar/"} for r in PLAN.roles}
    assert misses(search_page, queries) == []


# The words issue 10 found nothing for, and how the plan names the pages they should find.
ISSUE_WORDS = {
    "skolan": lambda: recs_with_keyword("skola"),
    "socialtjänsten": lambda: recs_with_keyword("socialtjänst"),
    "islamism": lambda: recs_with_keyword("islamistisk"),
    "anhorig": lambda: recs_with_keyword("anhörig"),
    "aktorer": lambda: {rec_path(r) for r in PLAN.recommendations if "aktörer" in r.title.lower()},
    "extremismen": lambda: {"ordlista/"} if any("extremism" in t.term.lower() for t in PLAN.glossary) else set(),
}


@pytest.mark.parametrize("word", ISSUE_WORDS)
def test_the_words_residents_type_find_the_page(search_page, word):
    expected = ISSUE_WORDS[word]()
    if not expected:
        pytest.skip(f"planen har ingen sida för {word!r}")
    found = search(search_page, word)[:TOP]
    assert expected & set(found), (word, sorted(expected), found)


def test_vald_typed_without_a_ring_finds_pages_about_violence(search_page):
    assert len(search(search_page, "vald")) >= 3


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


TEXTS = [" ".join(text.split()) for text in plan_texts(PLAN)]


def test_a_passage_comes_back_once(search_page):
    """An action's words lead to its recommendation, and no other result shows the same passage:
    not the tables that repeat it (all actions, per year, per owner, roles), nor the whole plan.
    A role's passage quoted on the roles page is found where it stands in the plan."""
    problems = []
    passages = [(a.what, rec_path(PLAN.recommendation_by_number[a.recommendation])) for a in PLAN.actions]
    passages += [(e.text, None) for r in PLAN.roles for e in r.excerpts]
    for text, page in passages:
        words = text.split()[:8]
        if sum(" ".join(words[:5]) in plan_text for plan_text in TEXTS) > 1:
            continue  # the plan itself says it in more than one place
        found = search(search_page, " ".join(words))
        if page and found[:1] != [page]:
            problems.append(f"{text[:40]!r} ledde först till {found[:1]}, inte {page}")
        if len(set(found)) != len(found):
            problems.append(f"{text[:40]!r}: samma sida två gånger: {found}")
        shown = search_page.eval_on_selector_all(
            ".md-search-result__item", "items => items.map(item => item.textContent.replace(/\\s+/g, ' '))"
        )
        phrase = " ".join(words[:5])
        showing = [path for path, item in zip(found, shown) if phrase in item]
        if len(showing) > 1:
            problems.append(f"{phrase!r} visas i {showing}")
    assert problems == [], "\n".join(problems)


def test_no_results_offers_contact_glossary_and_all_actions(search_page, site_dir):
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


def test_keyboard_from_the_box_to_a_result_and_to_the_help(browser, site_url):
    for viewport in VIEWPORTS:
        context = browser.new_context(viewport=VIEWPORTS[viewport])
        page = context.new_page()
        page.goto(site_url)
        wait_for_search_ready(page)
        rec = PLAN.recommendations[-1]
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
        context.close()


@pytest.mark.parametrize("query", ["anhöriga", NOT_ON_THE_SITE])
def test_axe_finds_nothing_with_the_search_open(search_page, query):
    search(search_page, query)
    settle(search_page)
    result = axe_check(search_page)
    assert result["violations"] == [], "\n".join(describe_violations(result["violations"]))


# --- The search box's button and the page of all results (issue 26) ---


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_button_leads_from_the_box_to_a_page_of_all_results(browser, site_url, artifacts, viewport):
    """Tab from the box reaches the button (Material would close the search); Enter opens the page Sök
    with the query in its address and the same pages, in the same order, as the live results."""
    rec = PLAN.recommendations[-1]
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    try:
        page.goto(site_url)
        wait_for_search_ready(page)
        open_search(page)
        live = search(page, rec.title)
        page.keyboard.press("Tab")
        button = page.locator(".md-search__form button[type=submit]")
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Visa alla sökträffar"
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
        task_screenshot(page, artifacts, "sokresultat", viewport, full_page=False)
    finally:
        context.close()


def test_the_results_page_searches_again_and_offers_a_way_on_when_nothing_is_found(browser, site_url):
    word = QUERY_WORD
    page = browser.new_page()
    try:
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
    finally:
        page.close()


def test_without_javascript_the_results_page_says_where_else_to_look(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "sok/?query=" + quote(QUERY_WORD))
        note = page.locator(".search-page__no-js")
        assert note.is_visible() and "JavaScript" in note.inner_text()
        assert {site_path(href) for href in note.locator("a").evaluate_all("links => links.map(a => a.href)")} == {"hela-planen/", "atgarder/"}
    finally:
        context.close()
