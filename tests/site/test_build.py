"""The real site, built with --strict: every word of the adopted plan is on it."""

import json
import re
from urllib.parse import urljoin

import pytest

from boras_plan.lifecycle import build_date, deadline_passed
from boras_plan.loader import load_plan
from boras_plan.model import NOT_STATED
from tests.conftest import ROOT, SEED, build_site
from tests.helpers import article_text, visible_text

PLAN = load_plan(ROOT / "data" / "plan.yaml")


def seed_lines() -> list[str]:
    return [line.rstrip("\n") for line in SEED.read_text(encoding="utf-8").splitlines()]


def normalise(cell: str) -> str:
    """The PDF conversion puts spaces around the footnote mark: 'SSPF ¹ -arbetet'."""
    return " ".join(cell.replace(" ¹ -", "¹-").split())


@pytest.fixture(scope="module")
def site_text(html_pages) -> str:
    return " ".join(visible_text(page) for page in html_pages.values())


def page_text(html_pages, url: str) -> str:
    return visible_text(html_pages[url])


def test_every_page_is_swedish_and_has_no_generator_footer(html_pages):
    assert len(html_pages) >= 8 + 12
    for url, page in html_pages.items():
        assert '<html lang="sv"' in page, url
        assert "Made with" not in page, url
        assert "fonts.googleapis" not in page and "fonts.gstatic" not in page, url


def test_each_recommendation_has_its_page_with_title_and_text(html_pages):
    for rec in PLAN.recommendations:
        text = page_text(html_pages, f"rekommendationer/{rec.slug}/")
        assert f"{rec.number}. {rec.title}" in text
        for paragraph in rec.paragraphs:
            assert visible_text(paragraph.replace("*", "")) in text
        if rec.actions:  # the site's additions to the plan's table are named as such
            assert "Numren (t.ex. " + rec.actions[0].id + ") och kolumnen Status har lagts till av webbplatsen." in text


@pytest.mark.parametrize("url_of", [lambda a: f"rekommendationer/{PLAN.recommendation_by_number[a.recommendation].slug}/", lambda a: "atgarder/"])
def test_every_action_row_has_what_when_who_and_follow_up(html_pages, url_of):
    for action in PLAN.actions:
        page = html_pages[url_of(action)]
        row = re.search(rf'<tr id="{action.anchor}"[^>]*>(.*?)</tr>', page, re.S)
        assert row, action.id
        cells = [visible_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]
        assert cells[:6] == [
            action.id,
            action.what,
            str(action.due),
            action.owner.text if action.owner else NOT_STATED,
            action.follow_up,
            " ".join(filter(None, ["Ej rapporterad", deadline_passed(action, build_date())])),  # the site's words
        ]


def test_every_action_row_of_the_seed_is_on_the_site_verbatim(html_pages):
    """Each Vad / När / Vem / Uppföljning row of the source is one row of the all-actions table."""
    seed_rows = [line.split("\t") for line in seed_lines() if line.count("\t") == 3]
    seed_rows = [[normalise(cell) for cell in r] for r in seed_rows if r[0] not in ("Vad", "Vad ska göras?")]
    assert len(seed_rows) == 21
    site_rows = [
        [visible_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)][1:5]
        for row in re.findall(r'<tr id="atgard-[0-9-]+"[^>]*>(.*?)</tr>', html_pages["atgarder/"], re.S)
    ]
    expected = [[what, when, who or NOT_STATED, follow_up] for what, when, who, follow_up in seed_rows]
    assert sorted(site_rows) == sorted(expected)


def test_every_heading_and_paragraph_of_the_seed_is_on_the_site(site_text):
    lines = [normalise(x) for x in seed_lines() if x.strip() and x.count("\t") == 0]
    headings = [x for x in lines if re.match(r"^\d+\. ", x)]
    assert len(headings) == 12
    for heading in headings:
        assert heading in site_text
    for line in lines:
        if len(line) > 60 and "**" not in line and not line.startswith("¹"):
            assert line.replace("*", "") in site_text, line
    # The footnote and the contact block (the PDF's footer line, split into its fields).
    assert "SSPF står för samverkan mellan skola, socialtjänst, polis och fritidsverksamhet." in site_text
    for value in ("501 80 Borås", "Stadshuset, Kungsgatan 55", "033-35 70 00", "boras.stad@boras.se", "boras.se"):
        assert value in site_text


def test_document_facts_and_type_are_shown(html_pages):
    text = page_text(html_pages, "om-planen/")
    for line in ("Fastställt av: Kommunstyrelsen den 30 maj 2016", "Gäller för Kommunstyrelsen", "Gäller till och med 2019"):
        assert line in text
    for name, description in [(t.name, t.description) for t in PLAN.document_types]:
        assert f"{name} – {description}" in text
    assert "Plan – aktiviteter, tidsram och ansvar (det här dokumentet)" in text


def test_owners_page_lists_actions_per_role_and_the_unowned_one(html_pages):
    page = html_pages["ansvar/"]
    unowned = visible_text(page.split('id="utan-ansvarig"')[1])
    assert "11.2" in unowned and "Beakta genusperspektivet i de åtgärder som görs." in unowned
    assert 'id="roll-kommunstyrelsen"' in page and 'id="roll-medarbetare"' in page


def test_contact_page_has_emergency_numbers_marked_as_site_addition(html_pages):
    text = page_text(html_pages, "kontakt/")
    assert "112" in text and "114 14" in text and "numren står inte i planen" in text
    page = html_pages["kontakt/"]
    assert 'href="tel:112"' in page and 'href="tel:11414"' in page  # one tap on a phone
    for path in ["kontakt/", "om-planen/"]:  # the plan's links are from 2016: say they may be gone
        assert "Länkarna står i planen från 2016" in page_text(html_pages, path), path


def test_the_not_found_page_is_swedish_and_leads_on(site_dir):
    page = (site_dir / "404.html").read_text(encoding="utf-8")
    text = visible_text(page)
    assert "Not found" not in page and "Sidan finns inte" in text
    assert 'href="tel:112"' in page
    content = page.split('id="sidan-finns-inte"')[1].split("</ul>")[0]
    links = {urljoin("/", href) for href in re.findall(r'<a href="([^"]+)"', content) if not href.startswith("tel:")}
    assert links == {"/", "/rekommendationer/", "/atgarder/", "/kontakt/"}
    assert all((site_dir / link.lstrip("/") / "index.html").is_file() for link in links)


def test_glossary_terms_are_tooltips(html_pages):
    assert '<abbr title="Ur planen, Fotnot ¹ (rekommendation 3): SSPF står för' in html_pages["rekommendationer/samverkan-i-befintliga-strukturer/"]
    assert "<abbr" in html_pages["ordlista/"]


def test_accessibility_statement_is_linked_from_every_footer(html_pages):
    for url, page in html_pages.items():
        copyright_block = page.split('class="md-copyright"')[1].split("</footer>")[0]
        assert re.search(r'<a href="((\.\./)*tillganglighet/|\./)">Tillgänglighetsredogörelse</a>', copyright_block), url


def test_a_thirteenth_recommendation_in_the_data_alone_adds_its_page(tmp_path, copy_plan):
    extra = """
  - number: 13
    slug: en-ny-rekommendation
    title: En ny rekommendation
    body: Ny text.
    actions:
      - id: "13.1"
        what: En ny åtgärd.
        due: 2020
        who: {text: Kommunstyrelsen, roles: [kommunstyrelsen]}
        follow_up: Redovisas till Kommunstyrelsen senast 2020.
"""
    plan_file = copy_plan(lambda text: text.replace("\n# Roles: who is who", extra + "\n# Roles: who is who"))
    out = tmp_path / "site"
    result = build_site(out, plan_file=plan_file)
    assert result.returncode == 0, result.stderr
    page = visible_text((out / "rekommendationer" / "en-ny-rekommendation" / "index.html").read_text(encoding="utf-8"))
    assert "13. En ny rekommendation" in page and "En ny åtgärd." in page
    for overview in ("index.html", "rekommendationer/index.html", "atgarder/index.html", "ansvar/index.html"):
        assert "En ny" in visible_text((out / overview).read_text(encoding="utf-8")), overview
    nav = (out / "index.html").read_text(encoding="utf-8")
    assert "rekommendationer/en-ny-rekommendation/" in nav


def test_a_broken_plan_stops_the_build_with_a_swedish_message(tmp_path, copy_plan):
    plan_file = copy_plan(lambda text: text.replace("due: 2016", "due: tjugo", 1))
    out = tmp_path / "site"
    result = build_site(out, plan_file=plan_file)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert re.search(r"rad \d+, fält recommendations\[\d+\]\.actions\[\d+\]\.due: förväntade ett heltal", result.stderr)
    assert not out.exists() or not any(out.iterdir())


def test_every_page_says_the_plan_period_has_ended(html_pages):
    for url, page in html_pages.items():
        notice = page.split('aria-label="Planens giltighet"')[1].split("</div>")[0]
        assert "planperioden har gått ut" in notice, url


def test_every_page_says_when_it_last_changed(html_pages):
    for url, page in html_pages.items():
        assert re.search(r'Senast ändrad: <time datetime="\d{4}-\d{2}-\d{2}">\d{1,2} [a-z]+ \d{4}</time>', page), url


def test_open_data_files_are_published_and_round_trip(site_dir):
    import csv
    import io
    import json

    from boras_plan.model import Plan

    assert Plan.model_validate(json.loads((site_dir / "data" / "plan.json").read_text(encoding="utf-8"))) == PLAN
    raw = (site_dir / "data" / "atgarder.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["id"], r["vad"]) for r in rows] == [(a.id, a.what) for a in PLAN.actions]
    assert json.loads((site_dir / "data" / "plan.schema.json").read_text(encoding="utf-8"))["title"]


def test_whole_plan_page_holds_every_recommendation_and_action_in_order(html_pages):
    text = article_text(html_pages["hela-planen/"])
    positions = [text.index(f"{r.number}. {r.title}") for r in PLAN.recommendations]
    assert positions == sorted(positions)
    for action in PLAN.actions:
        assert action.what in text
    assert text.index("Inledning") < positions[0]


def test_all_actions_answers_owner_and_year_without_javascript(html_pages):
    page = html_pages["atgarder/"]
    section = page.split('id="ansvarig-kommunstyrelsen-2017"')[1].split("<h3")[0]
    ids = re.findall(r">(\d+\.\d+)</a></td>", section)
    expected = [a.id for a in PLAN.actions_by_role["kommunstyrelsen"] if a.due == 2017]
    assert ids == expected and len(ids) == 8
    assert 'href="#ansvarig-kommunstyrelsen-2017"' in page


def test_the_published_site_has_absolute_open_data_addresses_and_a_sitemap(tmp_path):
    """The deploy sets SITE_URL: data portals harvest the catalog only with absolute addresses."""
    from rdflib import Graph
    from rdflib.namespace import DCAT

    base = "https://boras-stad.github.io/plan/"
    result = build_site(tmp_path / "site", extra_env={"SITE_URL": base})
    assert result.returncode == 0, result.stderr
    catalog = Graph().parse(tmp_path / "site" / "data" / "katalog.rdf", format="xml")
    urls = [str(url) for url in catalog.objects(None, DCAT.downloadURL)]
    assert urls and all(url.startswith(base + "data/") and (tmp_path / "site" / url.removeprefix(base)).is_file() for url in urls)
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{base}rekommendationer/anhoriga-som-centrala-aktorer/</loc>" in sitemap


def test_a_successor_document_in_the_data_is_linked_from_every_page(tmp_path, copy_plan):
    new_plan = "https://www.boras.se/ny-plan"
    plan_file = copy_plan(lambda text: text.replace("  replaced_by: null", f"  replaced_by: {new_plan}"))
    out = tmp_path / "site"
    result = build_site(out, plan_file=plan_file)
    assert result.returncode == 0, result.stderr
    for page in [out / "index.html", out / "atgarder" / "index.html", out / "rekommendationer" / "anhoriga-som-centrala-aktorer" / "index.html"]:
        html = page.read_text(encoding="utf-8")
        assert f'<a href="{new_plan}">Läs dokumentet som ersatt planen</a>' in html, page
        assert "känner inte till något dokument som ersatt den" not in visible_text(html), page


def test_the_roles_page_is_found_by_its_roles_not_by_repeated_actions(site_dir):
    """Search results lead to each action's recommendation page, not to every page that repeats it."""
    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text_of = lambda prefix: " ".join(d["title"] + " " + d["text"] for d in docs if d["location"].startswith(prefix))
    roles, recommendation_7 = text_of("ansvar/"), text_of("rekommendationer/anhoriga-som-centrala-aktorer/")
    assert "Kommunstyrelsen" in roles and PLAN.role_by_id["anhoriga"].excerpts[0].text[:40] in roles
    action = next(a for a in PLAN.actions if a.id == "7.1")
    assert action.what not in roles and action.what in recommendation_7
