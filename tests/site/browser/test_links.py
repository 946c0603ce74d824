"""Links: every internal link and anchor in the built HTML resolves. External links are not
fetched; they are listed in test-artifacts/external-links.txt for a person to check."""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

BASE = "http://site.invalid/"  # where the built pages are imagined to live while resolving links
LINK_ATTRIBUTES = {"a": "href", "area": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src", "form": "action"}


class PageParser(HTMLParser):
    """Collects a page's link targets and the ids (and <a name>s) an anchor can point at."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.ids.update(value for key, value in attrs.items() if key == "id" or (tag == "a" and key == "name"))
        if (value := attrs.get(LINK_ATTRIBUTES.get(tag, ""))) is not None:
            self.links.append(value)
        if tag in ("img", "source") and attrs.get("srcset"):
            self.links.extend(part.split()[0] for part in attrs["srcset"].split(",") if part.strip())


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def target_file(site_dir: Path, url_path: str) -> Path | None:
    """The built file a site path is served from, as a static server would find it."""
    candidate = site_dir / unquote(url_path).lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_site(site_dir: Path) -> tuple[int, list[str], dict[str, set[str]]]:
    """(internal links checked, broken ones, {external url: pages linking to it}) for every HTML file."""
    pages = {path.relative_to(site_dir).as_posix(): parse(path) for path in sorted(site_dir.rglob("*.html"))}
    checked, broken, external = 0, [], defaultdict(set)
    for page, parsed in pages.items():
        page_url = BASE + page
        for link in parsed.links:
            url = urlsplit(urljoin(page_url, link.strip()))
            if url.scheme in ("data", "javascript") or link.strip() in ("", "#"):
                continue
            if url.scheme not in ("http", "https") or url.netloc != urlsplit(BASE).netloc:
                external[url.geturl()].add(page)
                continue
            checked += 1
            target = target_file(site_dir, url.path)
            if target is None:
                broken.append(f"{page}: {link} (ingen fil)")
            elif url.fragment:
                target_page = target.relative_to(site_dir).as_posix()
                ids = pages[target_page].ids if target_page in pages else set()
                if unquote(url.fragment) not in ids:
                    broken.append(f"{page}: {link} (ankaret #{unquote(url.fragment)} saknas på {target_page})")
    return checked, broken, external


@pytest.fixture(scope="module")
def link_check(site_dir):
    return check_site(site_dir)


def test_every_internal_link_and_anchor_resolves(link_check, html_pages):
    checked, broken, _ = link_check
    assert len(html_pages) >= 20 and checked > 20 * len(html_pages)
    assert broken == []


def test_external_links_are_listed_for_a_person_to_check(link_check, artifacts):
    _, _, external = link_check
    lines = [f"{url}\t{', '.join(sorted(pages))}" for url, pages in sorted(external.items())]
    report = artifacts / "external-links.txt"
    report.write_text(
        "# Externa länkar på webbplatsen. De hämtas inte av testerna: kontrollera dem för hand.\n"
        "# Adress<TAB>sidor som länkar dit\n" + "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    assert any(url.startswith("https://www.boras.se") for url in external), "planens egna länkar saknas"


def test_broken_links_are_caught(tmp_path):
    """The check itself, on a tiny site: a missing page and a missing anchor are reported."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h1 id="top">A</h1><a href="../b/">B</a><a href="#top">upp</a>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/#top">ok</a><a href="a/#saknas">fel ankare</a><a href="https://example.org/">ut</a>', encoding="utf-8"
    )
    checked, broken, external = check_site(tmp_path)
    assert checked == 4
    assert broken == ["a/index.html: ../b/ (ingen fil)", "index.html: a/#saknas (ankaret #saknas saknas på a/index.html)"]
    assert set(external) == {"https://example.org/"}
