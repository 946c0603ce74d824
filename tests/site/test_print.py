"""'Hela planen' printed to PDF by headless Chromium holds the whole plan."""

import io

import pytest
from pypdf import PdfReader



@pytest.fixture(scope="module")
def pdf_text(browser, site_url, tmp_path_factory):
    page = browser.new_page()
    page.goto(site_url + "hela-planen/")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    out = tmp_path_factory.mktemp("print") / "hela-planen.pdf"
    out.write_bytes(pdf)
    page.close()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.replace("-\n", "-").split())


def test_pdf_holds_every_recommendation_and_action(pdf_text, plan):
    for rec in plan.recommendations:
        assert f"{rec.number}. {rec.title}"[:60] in pdf_text, rec.number
    for action in plan.actions:
        assert action.what[:50] in pdf_text, action.id
        assert action.follow_up in pdf_text


def test_pdf_has_no_navigation_and_shows_link_targets(pdf_text, plan):
    assert "Gå till innehållet" not in pdf_text
    assert "Tillgänglighetsredogörelse" not in pdf_text  # footer is not printed
    for link in plan.links:
        assert f"({link.url})" in pdf_text, link.url


def test_print_layout_does_not_clip_tables(browser, site_url):
    page = browser.new_page(viewport={"width": 800, "height": 1000})
    page.goto(site_url + "hela-planen/")
    page.emulate_media(media="print")
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('.action-table')]
             .filter(box => box.scrollWidth > box.clientWidth + 1).length"""
    )
    hidden_nav = page.evaluate("() => getComputedStyle(document.querySelector('.md-sidebar--primary')).display")
    page.close()
    assert clipped == 0 and hidden_nav == "none"
