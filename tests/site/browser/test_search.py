"""Search: Swedish words typed into Material's real search box (lunr 'sv' in a web worker)
find the right page among the first results."""

import pytest
from pagecheck import search, wait_for_search_ready

from boras_plan.loader import load_plan
from tests.conftest import ROOT

PLAN = load_plan(ROOT / "data" / "plan.yaml")
TOP = 3  # "among the first results": what a resident sees without scrolling

# One word from each recommendation's title, by recommendation number.
TITLE_WORDS = {
    1: "preventionsnivåer",
    2: "bred",
    3: "befintliga",
    4: "samverkansaktörer",
    5: "lägesbild",
    6: "ansvarsfördelning",
    7: "centrala",
    8: "civila",
    9: "kritiska",
    10: "individerna",
    11: "genusperspektivets",
    12: "följ",
}

# Words residents use, found through the recommendations' `keywords:` in data/plan.yaml.
EVERYDAY_WORDS = {
    "föräldrar": 7,
    "mamma": 7,
    "orolig": 7,
    "nazister": 5,
    "tjejer": 11,
    "religion": 8,
    "utanförskap": 10,
    "statistik": 12,
}


def rec_path(number: int) -> str:
    return f"rekommendationer/{PLAN.recommendation_by_number[number].slug}/"


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url)
    wait_for_search_ready(page)
    yield page
    page.close()


@pytest.mark.parametrize("number, word", TITLE_WORDS.items())
def test_a_title_word_finds_its_recommendation_first(search_page, number, word):
    assert word.lower() in PLAN.recommendation_by_number[number].title.lower()
    assert search(search_page, word)[:1] == [rec_path(number)]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("anhöriga", [rec_path(7)]),
        ("SSPF", ["ordlista/", rec_path(3)]),
        ("Samtalskompassen", ["ordlista/", rec_path(10)]),
        ("Kommunstyrelsen", ["ansvar/"]),
    ],
)
def test_plan_terms_find_their_pages(search_page, query, expected):
    found = search(search_page, query)[:TOP]
    assert set(expected) <= set(found), found


@pytest.mark.parametrize("word, number", EVERYDAY_WORDS.items())
def test_everyday_words_find_the_recommendation(search_page, word, number):
    assert word in PLAN.recommendation_by_number[number].keywords, "ordet ska stå bland sökorden"
    assert rec_path(number) in search(search_page, word)[:TOP]


def test_a_word_not_on_the_site_finds_nothing(search_page):
    assert search(search_page, "xylofonorkester") == []
