"""What residents and staff come to do, done in real Chromium on a phone (360x740) and a desktop
(1280x900): filter the actions, follow the quick links, find where to turn, find who owns an action
and by when. Expected answers come from the plan the site was built from, never from literals.

Each task saves a screenshot of where it ends in test-artifacts/screenshots/ (by plan) for people to look at.
"""

from __future__ import annotations


import pytest
from pagecheck import VIEWPORTS, task_screenshot

from boras_plan.model import NOT_STATED
from boras_plan.text import swedish_date

BOTH = pytest.mark.parametrize("viewport", list(VIEWPORTS))

# Every row of the all-actions table that a person can see, by its number.
_VISIBLE_IDS = """() => [...document.querySelectorAll('#atgardstabell tbody tr')]
  .filter(row => row.checkVisibility() && row.getBoundingClientRect().height > 0)
  .map(row => row.cells[0].textContent.trim())"""


def visible_ids(page) -> list[str]:
    return page.evaluate(_VISIBLE_IDS)


def expected_ids(plan, owner: str = "", year: str = "") -> list[str]:
    """The filter's answer, from the model: owner is a role id, 'none' or '' (all)."""
    return [
        a.id
        for a in plan.actions
        if (not owner or (owner == "none" and a.owner is None) or (a.owner and owner in a.owner.role_ids))
        and (not year or a.due == int(year))
    ]


def quick_links(plan) -> dict[str, list[str]]:
    """Each quick link of the all-actions page (href -> the actions it must show), from the model."""
    links = {f"#ar-{year}": expected_ids(plan, year=str(year)) for year in plan.years}
    for role_id in plan.owner_ids:
        for year in plan.years_by_owner[role_id]:
            links[f"#ansvarig-{role_id}-{year}"] = expected_ids(plan, role_id, str(year))
    if plan.unowned_actions:
        links["#ansvarig-ej-angivet"] = expected_ids(plan, "none")
    if plan.unreported_actions:
        links["#ingen-uppfoljning"] = [a.id for a in plan.unreported_actions]
    return links


def in_first_screen(page, locator) -> bool:
    """Seen without scrolling: below the sticky header and above the bottom of the window."""
    box = locator.bounding_box()
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    return box is not None and box["y"] >= header and box["y"] + box["height"] <= page.viewport_size["height"]


def open_actions(new_page, site_url, viewport, hash_=""):
    page = new_page(viewport)
    page.goto(site_url + "atgarder/" + hash_)
    page.wait_for_selector("form.action-filter:not([hidden])")
    return page


@BOTH
def test_filter_by_owner_and_year_shows_exactly_the_matching_actions(new_page, site_url, plan, screenshots, viewport):
    page = open_actions(new_page, site_url, viewport)
    owners = [""] + list(plan.owner_ids) + (["none"] if plan.unowned_actions else [])
    assert page.eval_on_selector_all("#filter-owner option", "os => os.map(o => o.value)") == owners
    assert page.eval_on_selector_all("#filter-year option", "os => os.map(o => o.value)") == [""] + [str(y) for y in plan.years]
    wrong = []
    for owner in owners:
        page.select_option("#filter-owner", owner)
        for year in [""] + [str(y) for y in plan.years]:
            page.select_option("#filter-year", year)
            expected = expected_ids(plan, owner, year)
            shown = visible_ids(page)
            count = page.text_content(".action-filter__count")
            if shown != expected or count != f"Visar {len(expected)} av {len(plan.actions)} åtgärder.":
                wrong.append(f"Vem={owner or 'alla'}, år={year or 'alla'}: visar {shown} ({count}), väntat {expected}")
    assert wrong == []
    # The staff question of the issue: the first owner and its first year, left on screen for the screenshot.
    owner = plan.owner_ids[0]
    year = str(plan.years_by_owner[owner][0])
    page.select_option("#filter-owner", owner)
    page.select_option("#filter-year", year)
    assert visible_ids(page) == expected_ids(plan, owner, year)
    task_screenshot(page, screenshots, "alla-atgarder-filtrerad", viewport)
    page.click("form.action-filter button[type=reset]")
    page.wait_for_function(f"() => document.querySelectorAll('#atgardstabell tbody tr:not([hidden])').length === {len(plan.actions)}")
    assert visible_ids(page) == [a.id for a in plan.actions]


@BOTH
def test_each_quick_link_shows_exactly_its_actions(new_page, site_url, plan, viewport):
    page = open_actions(new_page, site_url, viewport)
    links = quick_links(plan)
    assert page.eval_on_selector_all(".quick-find a", "links => links.map(a => a.getAttribute('href'))") == list(links)
    wrong = []
    for href, expected in links.items():
        page.click(f'.quick-find a[href="{href}"]')  # scrolls the link into view first, as a finger would
        if visible_ids(page) != expected:
            wrong.append(f"{href}: visar {visible_ids(page)}, väntat {expected}")
        table_top, header = page.evaluate(
            "[document.getElementById('atgardstabell').getBoundingClientRect().top, document.querySelector('.md-header').getBoundingClientRect().bottom]"
        )
        if not header - 1 <= table_top < VIEWPORTS[viewport]["height"] / 2:
            wrong.append(f"{href}: tabellens början syns inte under sidhuvudet efter klicket (överkant {table_top} px)")
    assert wrong == []


@BOTH
def test_a_quick_link_address_opened_directly_shows_exactly_its_actions(new_page, site_url, plan, viewport):
    """Every address on a phone; on a desktop one of them is enough. Each is a fresh load of the page."""
    links = quick_links(plan)
    page = new_page(viewport)
    wrong = []
    for href in list(links) if viewport == "phone" else list(links)[:1]:
        page.goto("about:blank")  # a new document each time, not a jump within the page
        page.goto(site_url + "atgarder/" + href)
        page.wait_for_selector("form.action-filter:not([hidden])")
        if visible_ids(page) != links[href]:
            wrong.append(f"{href}: visar {visible_ids(page)}, väntat {links[href]}")
    assert wrong == []


@BOTH
def test_from_the_start_page_a_worried_resident_reaches_the_emergency_numbers_in_one_tap(new_page, site_url, plan, screenshots, viewport):
    page = new_page(viewport)
    page.goto(site_url)
    task_screenshot(page, screenshots, "start", viewport)
    worried = page.locator(".md-content .worried a[href$='kontakt/']").first
    assert in_first_screen(page, worried), "”Orolig för någon?” syns utan att man rullar"
    worried.click()  # tap 1 (at most two are allowed)
    page.wait_for_url("**/kontakt/")
    emergency = page.locator(".md-content a[href='tel:112']").first
    assert in_first_screen(page, emergency), "112 syns utan att man rullar"
    police = page.locator(".md-content a[href='tel:11414']").first
    assert in_first_screen(page, police), "114 14 syns utan att man rullar"
    for link in (emergency, police):  # normal-size text, not the theme's 12.8 px notes
        assert link.evaluate("a => parseFloat(getComputedStyle(a).fontSize)") >= 16
    # Nothing about the plan's period stands between the heading and the numbers.
    order = page.evaluate("""() => {
      const notice = document.querySelector('.md-content .plan-status');
      const tel = document.querySelector(".md-content a[href='tel:112']");
      return !notice || !!(tel.compareDocumentPosition(notice) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    assert order, "giltighetsraden står efter nödnumren"
    # Then the plan's own contacts, then the help we add: each entry dated and sourced.
    assert plan.contact.phone in page.text_content(".md-content .contact-card")
    items = page.locator(".md-content .help-list > li")
    assert items.count() == len(plan.help)
    for item, help_ in zip(items.all(), plan.help):
        text = " ".join(item.inner_text().split())
        assert help_.name in text and f"Webbplatsens tillägg, kontrollerat {swedish_date(help_.checked_on)}, källa:" in text
    if plan.help:
        assert page.evaluate("""() => { const card = document.querySelector('.md-content .contact-card');
          return !!(card.compareDocumentPosition(document.querySelector('.help-list')) & Node.DOCUMENT_POSITION_FOLLOWING); }""")
    task_screenshot(page, screenshots, "kontakt", viewport)


@BOTH
def test_every_page_footer_leads_to_the_contact_page_and_boras_se(new_page, site_url, plan, viewport):
    page = new_page(viewport)
    page.goto(site_url + "ordlista/")
    footer = page.locator(".md-footer .md-copyright")
    assert footer.locator("a[href$='kontakt/']").count() == 1
    assert footer.locator("a[href='https://www.boras.se/']").count() == 1
    footer.locator("a[href$='kontakt/']").click()
    page.wait_for_url("**/kontakt/")


def middle_action(plan):
    """The first action of the middle recommendation among those that have actions."""
    with_actions = [r for r in plan.recommendations if r.actions]
    return with_actions[len(with_actions) // 2].actions[0]


@BOTH
def test_who_owns_an_action_and_by_when(new_page, site_url, plan, screenshots, viewport):
    action = middle_action(plan)
    rec = plan.recommendation_by_number[action.recommendation]
    page = new_page(viewport)
    page.goto(site_url)
    page.click(f".rec-list li[value='{rec.number}'] a")  # from the start page's list of recommendations
    page.wait_for_url(f"**/rekommendationer/{rec.slug}/")
    row = page.locator(f"#{action.anchor}")
    row.scroll_into_view_if_needed()
    who = row.locator("td[data-label='Vem']")
    when = row.locator("td[data-label='När']")
    assert who.is_visible() and when.is_visible()
    assert " ".join(who.inner_text().split()) == (action.owner.text if action.owner else NOT_STATED)
    assert when.inner_text().strip() == str(action.due)
    if viewport == "phone":  # on a card, a short value stands on the same line as its label
        line = when.evaluate("td => parseFloat(getComputedStyle(td).lineHeight)")
        assert when.bounding_box()["height"] < 1.8 * line
    task_screenshot(page, screenshots, "rekommendation", viewport)


@BOTH
def test_roles_page_lists_each_roles_actions_compactly(new_page, site_url, plan, screenshots, viewport):
    page = new_page(viewport)
    page.goto(site_url + "ansvar/")
    assert page.locator(".md-content table").count() == 0, "inga upprepade tabeller"
    for role in plan.roles:
        section = page.locator(f"#{role.anchor} ~ ul.role-actions").first
        owned = plan.actions_by_role[role.id]
        if owned:
            ids = section.locator(".role-actions__id").all_inner_texts()
            assert ids == [a.id for a in owned], role.id
            assert all(str(a.due) in text for a, text in zip(owned, section.locator("li").all_inner_texts()))
    task_screenshot(page, screenshots, "ansvar", viewport)
    # A number leads to the action's row on its recommendation page.
    first = next(a for role in plan.roles for a in plan.actions_by_role[role.id])
    page.locator(f".role-actions a[href$='#{first.anchor}']").first.click()
    page.wait_for_url(f"**#{first.anchor}")
    assert page.locator(f"#{first.anchor}").is_visible()


@BOTH
def test_sort_buttons_work_and_look_like_buttons(new_page, site_url, plan, viewport):
    page = open_actions(new_page, site_url, viewport)
    page.wait_for_selector("#atgardstabell[data-sort-ready]")
    when = page.locator("#atgardstabell thead th").nth(2)
    assert when.evaluate("th => getComputedStyle(th).cursor") == "pointer"
    if viewport == "phone":
        style = when.evaluate("th => { const s = getComputedStyle(th); return [s.borderTopWidth, s.backgroundColor]; }")
        assert style[0] != "0px" and style[1] not in ("rgba(0, 0, 0, 0)", "transparent")
    when.click()
    due = {a.id: a.due for a in plan.actions}
    years = [due[i] for i in visible_ids(page)]
    assert len(years) == len(plan.actions) and years in (sorted(years), sorted(years, reverse=True))
    assert when.get_attribute("aria-sort") in ("ascending", "descending")


@BOTH
def test_the_lifecycle_notice_is_one_line_except_on_the_start_and_about_pages(visits, plan, viewport):
    """Read on the one visit of each page (pagecheck.task_facts)."""
    height = VIEWPORTS[viewport]["height"]
    pages = visits[viewport]
    for path in ["atgarder/", "ansvar/", "ordlista/", f"rekommendationer/{plan.recommendations[0].slug}/"]:
        notices = pages[path].checks["tasks"]["notices"]
        assert len(notices) == 1, path
        assert notices[0]["height"] <= 0.1 * height, f"/{path}: {notices[0]['height']} px"
    for path in ["", "om-planen/"]:
        notices = pages[path].checks["tasks"]["notices"]
        assert len(notices) == 1, path
        assert plan.document.adopted_by in notices[0]["text"], path


@BOTH
def test_the_site_title_is_not_cut_off_on_any_page(visits, plan, viewport):
    """Read on the one visit of each page (pagecheck.task_facts)."""
    wrong = []
    for path, visit in visits[viewport].items():
        facts = visit.checks["tasks"]
        if facts["title_cut"] or not facts["title_seen"]:
            wrong.append(f"/{path}: rubriken är avklippt eller dold")
        if (facts["wordmark"] or "").casefold() != plan.document.organisation.casefold():
            wrong.append(f"/{path}: ordmärket är {facts['wordmark']!r}")
    assert wrong == []


def test_running_text_stays_readable_on_a_desktop(visits):
    """About 70-80 characters a line: the longest paragraphs of a text page, measured on its visit."""
    per_line = visits["desktop"]["om-planen/"].checks["tasks"]["chars_per_line"]
    assert per_line and max(per_line) <= 85, per_line
