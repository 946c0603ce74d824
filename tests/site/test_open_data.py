"""Built site: catalog, feed, accessibility statement, summaries and deadlines, on the real plan and a fixture plan."""

from __future__ import annotations

import copy
import datetime as dt
import re
from urllib.parse import urljoin

import feedparser
import pytest
import yaml
from rdflib import Graph
from rdflib.namespace import DCAT

from boras_plan import dcat
from boras_plan.changes import changes
from boras_plan.lifecycle import deadline_passed
from boras_plan.loader import load_plan
from boras_plan.routes import ADMIN_DIR
from boras_plan.routes import recommendation_url as recommendation_path
from tests.conftest import FIXTURES, build_site, serve, write_plan
from tests.helpers import SUMMARY_PAGES, article_text, visible_text

BASE = "https://example.se/plan/"
BUILD_DAY = dt.date(2026, 12, 1)
EPOCH = str(int(dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc).timestamp()))
FEED_LINK = '<link rel="alternate" type="application/atom+xml"'


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    """The small fixture plan with a follow-up, an addition and no summaries, built with SITE_URL on a fixed day.
    The added action is due after that day: unreported, its deadline has not passed (so "Tidsfrist passerad"
    and "Ingen uppföljning rapporterad" pick different actions and both are offered)."""
    tmp = tmp_path_factory.mktemp("fixture-site")
    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    added = copy.deepcopy(data["recommendations"][1]["actions"][0]) | {"id": "2.2", "addition": {"date": "2018-06-01", "note": "Tillagd."}}
    del added["status"], added["log"]
    added["due"] = BUILD_DAY.year + 1
    data["recommendations"][1]["actions"].append(added)
    plan_file = tmp / "plan.yaml"
    write_plan(data, plan_file)
    out = tmp / "site"
    result = build_site(out, plan_file=plan_file, extra_env={"SITE_URL": BASE, "SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    return load_plan(plan_file), out


def links_to(html: str, page_url: str, target: str) -> bool:
    """Whether an <a> in html, on the page at page_url, leads to the site path target."""
    hrefs = re.findall(r'<a href="([^"]*)"', html)
    return any(urljoin("http://site/" + page_url, h.split("#")[0]) == "http://site/" + target for h in hrefs)


def pages_of(out):
    """The site's pages (not 404 and not the editors' form at admin/)."""
    pages = {p.relative_to(out).as_posix(): p for p in out.rglob("*.html")}
    return {rel.removesuffix("index.html"): p.read_text(encoding="utf-8") for rel, p in pages.items() if rel != "404.html" and not rel.startswith(ADMIN_DIR + "/")}


# --- DCAT-AP-SE ---


def test_a_published_build_has_a_harvestable_catalog_of_its_own_files(fixture_site):
    _, out = fixture_site
    catalog = Graph().parse(out / "data" / "katalog.rdf", format="xml")
    urls = [str(u) for u in catalog.objects(None, DCAT.downloadURL)]
    assert urls and all(u.startswith(BASE) and (out / u.removeprefix(BASE)).is_file() for u in urls)
    assert set(Graph().parse(out / "data" / "dcat.jsonld", format="json-ld")) == set(catalog)


def test_a_build_without_site_address_publishes_no_catalog_and_says_so(site_dir, html_pages):
    assert not (site_dir / "data" / "katalog.rdf").exists() and not (site_dir / "data" / "dcat.jsonld").exists()
    text = article_text(html_pages["oppna-data/"])
    assert "SITE_URL" in text and "inte skörda" in text
    assert "katalog.rdf" not in html_pages["oppna-data/"]


def test_the_open_data_page_names_what_the_catalog_lacks(html_pages, plan):
    text = article_text(html_pages["oppna-data/"])
    licence = plan.open_data.licence if plan.open_data else None
    if licence:
        assert licence.name in text and licence.decided_by in text
    else:
        assert "inte beslutat någon licens" in text
    assert ("organisationsnummer saknas" in text) == (not (plan.open_data and plan.open_data.organisation_number))


def test_a_published_build_says_which_recommended_facts_its_catalog_leaves_out_and_why(fixture_site):
    plan, out = fixture_site
    text = article_text((out / "oppna-data" / "index.html").read_text(encoding="utf-8"))
    assert "webbplatsens egna" in text
    for item in dcat.unstated(plan):
        assert f"{item.subject} {item.term} {item.why}" in text, item.term


# --- Atom feed ---


def test_the_feed_has_an_entry_per_event_and_every_page_announces_it(fixture_site):
    plan, out = fixture_site
    parsed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not parsed.bozo and parsed.version == "atom10"
    expected = changes(plan, BUILD_DAY)  # a plan outside the repository: no days from git
    assert [e.title for e in parsed.entries] == [e.title for e in expected]
    assert sum(len(a.log) for a in plan.actions) == sum("Uppföljning av åtgärd" in e.title for e in parsed.entries)
    for url, page in pages_of(out).items():
        link = re.search(re.escape(FEED_LINK) + r' title="[^"]+" href="([^"]+)"', page)
        assert link and urljoin(BASE + url, link.group(1)) == BASE + "feed.xml", url


def test_the_start_page_and_every_recommendation_page_offer_the_feed(html_pages, plan):
    for url in [""] + [recommendation_path(plan, r.number) for r in plan.recommendations if r.actions]:
        assert 'type="application/atom+xml">Följ uppföljningen' in html_pages[url], url


# --- Deadlines ---


def test_every_view_says_when_a_deadline_passed_without_a_report(fixture_site):
    plan, out = fixture_site
    page = (out / "atgarder" / "index.html").read_text(encoding="utf-8")
    table = page.split('id="atgardstabell"')[1].split("</table>")[0]
    passed = [a for a in plan.actions if deadline_passed(a, BUILD_DAY)]
    assert passed and len(passed) < len(plan.actions)  # the fixture has both kinds
    for action in plan.actions:
        row = table.split(f'id="{action.anchor}"')[1].split("</tr>")[0]
        note = deadline_passed(action, BUILD_DAY)
        assert (note in row) if note else ("Tidsfristen" not in row), action.id
        assert ("data-deadline-passed" in row) == bool(note)
    assert f"Tidsfrist passerad ({len(passed)})</option>" in page
    rec_page = (out / recommendation_path(plan, passed[0].recommendation) / "index.html").read_text(encoding="utf-8")
    assert deadline_passed(passed[0], BUILD_DAY) in rec_page


def test_the_deadline_filter_shows_exactly_the_overdue_actions(fixture_site, browser):
    plan, out = fixture_site
    server = serve(out)
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/atgarder/")
        page.wait_for_selector("form.action-filter:not([hidden])")
        page.select_option("#filter-status", "tidsfrist-passerad")
        shown = page.eval_on_selector_all("#atgardstabell tbody tr:not([hidden]) td:first-child", "c => c.map(x => x.textContent.trim())")
        assert shown == [a.id for a in plan.actions if deadline_passed(a, BUILD_DAY)]
        page.close()
    finally:
        server.shutdown()


# --- Accessibility statement (DIGG's parts) ---


def test_the_accessibility_statement_has_every_part_digg_asks_for(html_pages, plan):
    a = plan.accessibility
    assert a, "plan.yaml saknar accessibility"
    page = html_pages["tillganglighet/"]
    text = article_text(page)
    verdict = {"helt": "helt förenlig", "delvis": "delvis förenlig", "inte": "inte förenlig"}[a.compliance]
    assert f"Webbplatsen är {verdict} med lagen om tillgänglighet till digital offentlig service" in text
    assert "EN 301 549" in text and "WCAG 2.1 nivå AA" in text
    for deficiency in a.deficiencies:
        assert deficiency.text in text
    from boras_plan.text import swedish_date

    assert f"Bedömningen gjordes den {swedish_date(a.assessed_on)}" in text
    assert f"sågs senast över den {swedish_date(a.reviewed_on)}" in text
    assert a.method in text
    assert f'href="mailto:{plan.contact.email}"' in page  # how to report a problem
    assert f'href="{a.complaint_url}"' in page and "Digg" in text  # the supervisory authority's complaint route
    for url, other in html_pages.items():
        footer = other.split('<div class="md-copyright">', 1)[1]
        assert links_to(footer, url, "tillganglighet/"), url  # footer link on every page


def test_a_plan_without_an_accessibility_section_says_the_statement_is_incomplete(fixture_site):
    _, out = fixture_site
    assert "Redogörelsen är inte komplett" in visible_text((out / "tillganglighet" / "index.html").read_text(encoding="utf-8"))


# --- Summaries ---

def test_each_summary_is_marked_dated_in_its_language_and_linked_from_every_page(html_pages, plan):
    """Every summary the plan has; one an editor removed has no page (and no links: test_a_removed_summary_removes_its_page_and_links)."""
    for key, (url, lang) in SUMMARY_PAGES.items():
        summary = plan.summaries and getattr(plan.summaries, key)
        if not summary:
            assert url not in html_pages, url
            continue
        page = html_pages[url]
        content = page.split('<div class="site-summary" lang="', 1)[1]
        assert content.startswith(f'{lang}"')
        assert f'<time datetime="{summary.written_on}">' in content
        assert ("inte planens egen text" in content) or ("ei ole hyväksytty suunnitelma" in content)
        for paragraph in summary.paragraphs:
            assert paragraph in visible_text(content)
        for other_url, other in html_pages.items():
            header = other.split("<header", 1)[1].split("</header>", 1)[0]
            assert links_to(header, other_url, url), (url, other_url)


def test_a_removed_summary_removes_its_page_and_links(fixture_site):
    plan, out = fixture_site
    assert not plan.summaries
    assert not (out / "lattlast").exists() and not (out / "suomeksi").exists()
    for url, page in pages_of(out).items():
        assert "lattlast/" not in page and "suomeksi/" not in page, url
