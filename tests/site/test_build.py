"""The real site, built with --strict from the plan under test: every word of the plan is on it.

What the plan says comes from the model (tests/conftest.py, fixture plan); whether plan.yaml says what
the adopted plan says is boras_plan.faithfulness's job (tests/unit/test_faithfulness.py).
"""

import html
import json
import re
from urllib.parse import urljoin

import pytest

from boras_plan.git_dates import last_changed
from boras_plan.lifecycle import build_date, deadline_passed, plan_period
from boras_plan.model import NOT_STATED
from boras_plan.parts import tooltip_terms
from tests.conftest import PUBLISHED_URL, ROOT, build_site
from tests.helpers import SUMMARY_PAGES, article_text, visible_text

# Pages written in docs/ (vendor READMEs are excluded from the site in mkdocs.yml).
DOCS_PAGES = sorted(
    (p.relative_to(ROOT / "docs").as_posix().removesuffix(".md") + "/").removesuffix("index/")
    for p in (ROOT / "docs").rglob("*.md")
    if "vendor" not in p.parts
)


@pytest.fixture(scope="module")
def site_text(html_pages) -> str:
    return " ".join(visible_text(page) for page in html_pages.values())


def page_text(html_pages, url: str) -> str:
    return visible_text(html_pages[url])


def test_every_page_is_swedish_and_has_no_generator_footer(html_pages, plan):
    removed = {url for key, (url, _) in SUMMARY_PAGES.items() if not (plan.summaries and getattr(plan.summaries, key))}
    expected = set(DOCS_PAGES) - removed | {f"rekommendationer/{r.slug}/" for r in plan.recommendations}
    assert expected <= set(html_pages) and len(expected) >= 10
    for url, page in html_pages.items():
        assert '<html lang="sv"' in page, url
        assert "Made with" not in page, url
        assert "fonts.googleapis" not in page and "fonts.gstatic" not in page, url


def test_each_recommendation_has_its_page_with_title_and_text(html_pages, plan):
    for rec in plan.recommendations:
        text = page_text(html_pages, f"rekommendationer/{rec.slug}/")
        assert f"{rec.number}. {rec.title}" in text
        for paragraph in rec.paragraphs:
            assert visible_text(paragraph.replace("*", "")) in text
        if rec.actions:  # the site's additions to the plan's table are named as such
            assert "Numren (t.ex. " + rec.actions[0].id + ") och kolumnerna Status och Länk och frågor har lagts till av webbplatsen." in text


@pytest.mark.parametrize("url_of", [lambda plan, a: f"rekommendationer/{plan.recommendation_by_number[a.recommendation].slug}/", lambda plan, a: "atgarder/"])
def test_every_action_row_has_what_when_who_and_follow_up(html_pages, url_of, plan):
    for action in plan.actions:
        page = html_pages[url_of(plan, action)]
        row = re.search(rf'<tr id="{action.anchor}"[^>]*>(.*?)</tr>', page, re.S)
        assert row, action.id
        cells = [visible_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]
        assert cells[:6] == [
            action.id,
            action.what,
            str(action.due),
            action.owner.text if action.owner else NOT_STATED,
            action.follow_up,
            " ".join(filter(None, [action.status_label, deadline_passed(action, build_date())])),  # the site's words
        ]


def test_the_all_actions_table_has_one_row_per_action(html_pages, plan):
    ids = re.findall(r'<tr id="(atgard-[0-9-]+)"', html_pages["atgarder/"].split('id="atgardstabell"')[1].split("</table>")[0])
    assert ids == [a.anchor for a in plan.actions]


def test_every_heading_and_paragraph_of_the_plan_is_on_the_site(site_text, plan):
    texts = [plan.introduction_heading, plan.links_heading, plan.actions_heading, plan.actions_intro, plan.document_types_heading]
    texts += [p.text for p in plan.introduction] + [x for link in plan.links for x in (link.text, link.label)]
    texts += [f.text for f in plan.footnotes] + [f"{r.number}. {r.title}" for r in plan.recommendations]
    texts += [p for r in plan.recommendations for p in r.paragraphs]
    for text in texts:
        assert visible_text(text.replace("*", "")) in site_text, text
    # The contact block (the PDF's footer line, split into its fields).
    contact = plan.contact
    for value in (contact.postal_address, contact.visiting_address, contact.phone, contact.email, contact.website):
        assert value in site_text


def test_document_facts_and_type_are_shown(html_pages, plan):
    text = page_text(html_pages, "om-planen/")
    doc = plan.document
    for line in (doc.title, doc.adopted_text, f"Gäller för {doc.applies_to}", f"Gäller till och med {doc.valid_through}"):
        assert line in text
    for name, description in [(t.name, t.description) for t in plan.document_types]:
        assert f"{name} – {description}" in text
    assert f"{plan.document_type.name} – {plan.document_type.description} (det här dokumentet)" in text


def test_owners_page_lists_actions_per_role_and_the_unowned_ones(html_pages, plan):
    page = html_pages["ansvar/"]
    unowned = visible_text(page.split('id="utan-ansvarig"')[1])
    for action in plan.unowned_actions:
        assert action.id in unowned and action.what in unowned
    if not plan.unowned_actions:
        assert unowned.startswith("Planen anger en ansvarig för alla åtgärder.")
    for role in plan.roles:
        section = visible_text(page.split(f'id="{role.anchor}"')[1].split("<h2")[0])
        for action in plan.actions_by_role[role.id]:
            assert action.what in section, (role.id, action.id)


def test_contact_page_has_emergency_numbers_marked_as_site_addition(html_pages, plan):
    text = page_text(html_pages, "kontakt/")
    assert "112" in text and "114 14" in text and "numren står inte i planen" in text
    page = html_pages["kontakt/"]
    assert 'href="tel:112"' in page and 'href="tel:11414"' in page  # one tap on a phone
    for path in ["kontakt/", "om-planen/"]:  # the plan's links are from 2016: say they may be gone
        assert f"Länkarna står i planen från {plan.document.adopted_on[:4]}" in page_text(html_pages, path), path


def test_the_not_found_page_is_swedish_and_leads_on(site_dir):
    page = (site_dir / "404.html").read_text(encoding="utf-8")
    text = visible_text(page)
    assert "Not found" not in page and "Sidan finns inte" in text
    assert 'href="tel:112"' in page
    content = page.split('id="sidan-finns-inte"')[1].split("</ul>")[0]
    links = {urljoin("/", href) for href in re.findall(r'<a href="([^"]+)"', content) if not href.startswith("tel:")}
    assert links == {"/", "/rekommendationer/", "/atgarder/", "/kontakt/"}
    assert all((site_dir / link.lstrip("/") / "index.html").is_file() for link in links)


def _word(term: str) -> str:
    return rf"(?<![^\W_]){re.escape(term)}(?![^\W\d_¹²³]|[0-9])"


def _mentions(text: str, term: str, terms=()) -> bool:
    """Whether the text names the term as a word of its own: not in a link's text, and not as part of a
    longer term of `terms` ("förebyggande" in "generella förebyggande insatser": the longer term's tooltip wins)."""
    text = re.sub(r"\[[^\]]*\]\([^)]*\)", "", text)
    for longer in sorted((t for t in terms if len(t) > len(term)), key=len, reverse=True):
        text = re.sub(_word(longer), " ", text, flags=re.I)
    return re.search(_word(term), text, re.I) is not None


def test_glossary_terms_are_tooltips_where_the_plan_uses_them(html_pages, plan):
    titles = tooltip_terms(plan)
    checked = 0
    for rec in plan.recommendations:
        page = html_pages[f"rekommendationer/{rec.slug}/"]
        for term, title in titles.items():
            if any(_mentions(p, term, titles) for p in rec.paragraphs):
                assert f'<abbr title="{html.escape(" ".join(title.split()), quote=True)}">' in page, (rec.number, term)
                checked += 1
    # A tooltip says whose words it holds: the plan's (with where) or the site's.
    assert all(t.startswith(("Ur planen, ", "Förklaring skriven för webbplatsen: ")) for t in titles.values())
    assert checked or not any(_mentions(p, t, titles) for t in titles for r in plan.recommendations for p in r.paragraphs)


def test_the_glossary_explains_its_terms_on_the_page_not_in_tooltips(html_pages, plan):
    page = html_pages["ordlista/"]
    assert "<abbr" not in page
    for term in plan.glossary:
        assert f'id="{term.anchor}"' in page, term.term


def test_accessibility_statement_is_linked_from_every_footer(html_pages):
    for url, page in html_pages.items():
        copyright_block = page.split('class="md-copyright"')[1].split("</footer>")[0]
        assert re.search(r'<a href="((\.\./)*tillganglighet/|\./)">Tillgänglighetsredogörelse</a>', copyright_block), url


def test_one_more_recommendation_in_the_data_alone_adds_its_page(tmp_path, copy_plan, plan):
    number = len(plan.recommendations) + 1
    role = plan.roles[0]
    new = {
        "number": number,
        "slug": "en-ny-rekommendation",
        "title": "En ny rekommendation",
        "body": "Ny text.",
        "actions": [
            {
                "id": f"{number}.1",
                "what": "En ny åtgärd.",
                "due": plan.document.valid_through,
                "who": {"text": role.name, "roles": [role.id]},
                "follow_up": "Redovisas senast.",
            }
        ],
    }
    plan_file = copy_plan(lambda data: data["recommendations"].append(new))
    out = tmp_path / "site"
    result = build_site(out, plan_file=plan_file)
    assert result.returncode == 0, result.stderr
    page = visible_text((out / "rekommendationer" / "en-ny-rekommendation" / "index.html").read_text(encoding="utf-8"))
    assert f"{number}. En ny rekommendation" in page and "En ny åtgärd." in page
    for overview in ("index.html", "rekommendationer/index.html", "atgarder/index.html", "ansvar/index.html"):
        assert "En ny" in visible_text((out / overview).read_text(encoding="utf-8")), overview
    nav = (out / "index.html").read_text(encoding="utf-8")
    assert "rekommendationer/en-ny-rekommendation/" in nav


def test_a_broken_plan_stops_the_build_with_a_swedish_message(tmp_path, copy_plan):
    plan_file = copy_plan(lambda data: data["document"].update(valid_through="tjugo"))
    out = tmp_path / "site"
    result = build_site(out, plan_file=plan_file)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert re.search(r"rad \d+, fält document\.valid_through: förväntade ett heltal", result.stderr)
    assert not out.exists() or not any(out.iterdir())


def test_every_page_says_whether_the_plan_period_has_ended(html_pages, plan):
    period = plan_period(plan.document, build_date())
    for url, page in html_pages.items():
        notice = visible_text(page.split('aria-label="Planens giltighet">')[1].split("</div>")[0])
        # In full where the page leads with it (start, "Om planen"), as one line elsewhere.
        assert notice.startswith(period.text if url in ("", "om-planen/") else period.short), url
        assert ("planperioden har gått ut" in notice) == (build_date().year > plan.document.valid_through), url


def test_every_page_says_when_it_last_changed(html_pages, plan, plan_file):
    """Generated pages show the plan file's date, which git knows only for a committed plan file."""
    plan_date_known = plan_file.is_relative_to(ROOT) and plan_file.relative_to(ROOT).as_posix() in last_changed(ROOT)
    generated = {f"rekommendationer/{r.slug}/" for r in plan.recommendations}
    for url, page in html_pages.items():
        if url in generated and not plan_date_known:
            continue
        assert re.search(r'Senast ändrad: <time datetime="\d{4}-\d{2}-\d{2}">\d{1,2} [a-z]+ \d{4}</time>', page), url


def test_open_data_files_are_published_and_round_trip(site_dir, plan):
    import csv
    import io
    import json

    from boras_plan.model import Plan

    assert Plan.model_validate(json.loads((site_dir / "data" / "plan.json").read_text(encoding="utf-8"))) == plan
    raw = (site_dir / "data" / "atgarder.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["id"], r["vad"]) for r in rows] == [(a.id, a.what) for a in plan.actions]
    assert json.loads((site_dir / "data" / "plan.schema.json").read_text(encoding="utf-8"))["title"]


def test_whole_plan_page_holds_every_recommendation_and_action_in_order(html_pages, plan):
    text = article_text(html_pages["hela-planen/"])
    positions = [text.index(f"{r.number}. {r.title}") for r in plan.recommendations]
    assert positions == sorted(positions)
    for action in plan.actions:
        assert action.what in text
    assert text.index(plan.introduction_heading) < positions[0]


def test_all_actions_answers_owner_and_year_without_javascript(html_pages, plan):
    page = html_pages["atgarder/"]
    sections = 0
    for owner in plan.owner_ids:
        for year in plan.years_by_owner[owner]:
            section = page.split(f'id="ansvarig-{owner}-{year}"')[1].split("<h")[0]
            ids = re.findall(r">(\d+\.\d+)</a></td>", section)
            assert ids == [a.id for a in plan.actions_by_role[owner] if a.due == year] and ids
            assert f'href="#ansvarig-{owner}-{year}"' in page
            sections += 1
    assert sections == len(re.findall(r'<h3 [^>]*id="ansvarig-(?!ej-angivet)', page))
    for year in plan.years:
        section = page.split(f'id="ar-{year}"')[1].split("<h")[0]
        assert re.findall(r">(\d+\.\d+)</a></td>", section) == [a.id for a in plan.actions_by_year[year]]


def test_the_published_site_has_absolute_open_data_addresses_and_a_sitemap(published_site_dir, plan):
    """The deploy sets SITE_URL: data portals harvest the catalog only with absolute addresses."""
    from rdflib import Graph
    from rdflib.namespace import DCAT

    base = PUBLISHED_URL
    catalog = Graph().parse(published_site_dir / "data" / "katalog.rdf", format="xml")
    urls = [str(url) for url in catalog.objects(None, DCAT.downloadURL)]
    assert urls and all(url.startswith(base + "data/") and (published_site_dir / url.removeprefix(base)).is_file() for url in urls)
    sitemap = (published_site_dir / "sitemap.xml").read_text(encoding="utf-8")
    for url in ["", "atgarder/"] + [f"rekommendationer/{r.slug}/" for r in plan.recommendations]:
        assert f"<loc>{base}{url}</loc>" in sitemap, url


def test_a_successor_document_in_the_data_is_linked_from_every_page(tmp_path, copy_plan, plan):
    new_plan = "https://www.boras.se/ny-plan"
    plan_file = copy_plan(lambda data: data["document"].update(replaced_by=new_plan))
    out = tmp_path / "site"
    result = build_site(out, plan_file=plan_file)
    assert result.returncode == 0, result.stderr
    pages = [out / "index.html", out / "atgarder" / "index.html"] + [out / "rekommendationer" / r.slug / "index.html" for r in plan.recommendations]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert f'<a href="{new_plan}">Läs dokumentet som ersatt planen</a>' in html, page
        assert "känner inte till något dokument som ersatt den" not in visible_text(html), page
