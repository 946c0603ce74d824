"""Keyboard: skip link, a visible focus on every Tab stop, the phone menu and the search."""

import pytest
from pagecheck import SEARCH_UNLOCKED, VIEWPORTS, focused, settle

from tests.helpers import title_word

MAX_TAB_STOPS = 1000


def chosen_rec(plan):
    """A recommendation with an action table, and a word of its title that only it uses (for search)."""
    return max(plan.recommendations, key=lambda r: (title_word(plan, r) is not None, len(r.actions)), default=None)


def rec_page(plan) -> str:
    rec = chosen_rec(plan)
    return f"rekommendationer/{rec.slug}/" if rec else "rekommendationer/"


# One page of each kind: start, a recommendation (action table), all actions, contacts.
PAGES = {"start": lambda plan: "", "rekommendation": rec_page, "atgarder": lambda plan: "atgarder/", "kontakt": lambda plan: "kontakt/"}


def tab(page) -> dict | None:
    page.keyboard.press("Tab")
    return focused(page)


def pause_like_a_person(page) -> None:
    """On phones Material locks the page 0.4 s after its search opens; a person is slower than
    that, so where focus opened the search, wait for the lock before moving on."""
    page.wait_for_function(f"() => !({SEARCH_UNLOCKED})()")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("kind", ["start", "rekommendation", "atgarder"])
def test_skip_link_takes_focus_to_the_content(new_page, site_url, plan, viewport, kind):
    path = PAGES[kind](plan)
    page = new_page(viewport)
    page.goto(site_url + path)
    first = tab(page)
    assert first["classes"].startswith("md-skip") and first["name"] == "Gå till innehållet"
    assert first["seen"] and first["indicator"], "hopplänken syns när den har fokus"
    page.keyboard.press("Enter")
    target = page.evaluate("location.hash").lstrip("#")
    assert target and page.locator(f'.md-content [id="{target}"]').count() == 1
    settle(page)
    top, header = page.evaluate(
        "id => [document.getElementById(id).getBoundingClientRect().top, document.querySelector('.md-header').getBoundingClientRect().bottom]",
        target,
    )
    assert header <= top < VIEWPORTS[viewport]["height"], "målet syns, under sidhuvudet"
    after = tab(page)
    assert after["in_content"], f"nästa Tab hamnade utanför innehållet: {after}"


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("kind", PAGES)
def test_every_tab_stop_shows_focus_and_can_be_seen(new_page, site_url, plan, viewport, kind):
    path = PAGES[kind](plan)
    page = new_page(viewport)
    page.goto(site_url + path)
    stops, problems = 0, []
    while (stop := tab(page)) is not None:
        if stop["search_unlocked"]:
            pause_like_a_person(page)
        stops += 1
        assert stops < MAX_TAB_STOPS, "Tab-ordningen tar aldrig slut"
        if not stop["indicator"]:
            problems.append(f"ingen synlig fokusmarkering: {stop}")
        if not stop["seen"]:
            problems.append(f"fokuserat men dolt eller utanför fönstret: {stop}")
    assert stops > 5 and problems == []


def test_phone_menu_opens_from_the_keyboard(new_page, site_url, plan):
    page = new_page("phone")
    page.goto(site_url + rec_page(plan))
    tab(page)  # skip link
    menu = tab(page)
    assert menu["tag"] == "label" and menu["name"] == "Meny" and menu["seen"] and menu["indicator"]
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    settle(page)
    links = []
    while (stop := tab(page)) is not None and not stop["in_content"]:
        if "md-nav__link" in stop["classes"]:
            assert stop["seen"] and stop["indicator"], stop
            links.append(stop["name"])
    assert "Alla åtgärder" in links and "Ordlista" in links


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_search_by_keyboard_alone(new_page, site_url, plan, viewport):
    rec = chosen_rec(plan)
    word = rec and title_word(plan, rec)
    if word is None:
        pytest.skip("ingen rekommendation har ett ord i rubriken som bara den använder")
    page = new_page(viewport)
    page.goto(site_url + "om-planen/")
    for _ in range(5):
        stop = tab(page)
        if "md-search__input" in stop["classes"]:
            break
    else:
        pytest.fail("sökrutan nås inte med Tab")
    if stop["search_unlocked"]:  # read as the Tab walk reads it: after Material's lock on a phone
        pause_like_a_person(page)
        stop = focused(page)
    assert stop["seen"] and stop["indicator"], stop
    page.keyboard.type(word)
    page.wait_for_function(
        "path => document.querySelector('.md-search-result__item a')?.pathname.endsWith(path)", arg="/" + rec_page(plan)
    )
    page.keyboard.press("ArrowDown")
    assert focused(page)["name"].startswith(f"{rec.number}. {rec.title}"[:40])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("?")[0] == site_url + rec_page(plan)
