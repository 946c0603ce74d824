"""What a phone downloads: the minified stylesheet, every linked file present,
and the search index as the engine writes it."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.config import load_config

from tests.conftest import ROOT

CONFIG = load_config(str(ROOT / "mkdocs.yml"))


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])
        if tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])


def test_pages_load_only_what_exists(site_dir: Path, html_pages):
    for url, html in html_pages.items():
        parser = _Links()
        parser.feed(html)
        for ref in parser.urls:
            if not ref.startswith(("http:", "https:", "data:")):
                target = (site_dir / url / ref.split("#")[0].split("?")[0]).resolve()
                assert target.is_file() or (target / "index.html").is_file(), (url, ref)


def test_the_sites_own_stylesheets_are_minified(site_dir: Path, html_pages):
    for name in CONFIG.extra_css:
        source = (ROOT / CONFIG.docs_dir / name).read_text(encoding="utf-8")
        built = site_dir / name.replace(".css", ".min.css")
        assert built.is_file() and not (site_dir / name).exists(), name
        css = built.read_text(encoding="utf-8")
        assert "/*" not in css and "\n  " not in css and len(css) < 0.9 * len(source), name
        assert all(built.relative_to(site_dir).as_posix() in html for html in html_pages.values())


def test_search_index_is_the_engines_own(site_dir: Path, html_pages):
    """Pagefind's own output, in Swedish; which passages it leaves out is tested in browser/test_search.py."""
    entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"sv"}
    assert 0 < entry["languages"]["sv"]["page_count"] <= len(html_pages) + 1
