"""Pagefind's index of a built site, by its command line."""

from __future__ import annotations

import json
import logging

import pytest

from boras_plan import search_index

PAGE = '<html lang="sv"><body><article class="md-content__inner md-typeset"><h1>{title}</h1><p>{text}</p></article></body></html>'


def site_of(tmp_path, pages: dict[str, str]):
    site = tmp_path / "site"
    for rel, text in pages.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(PAGE.format(title=rel, text=text), encoding="utf-8")
    return site


def test_the_pages_search_leads_to_are_indexed_and_nothing_unused_is_left(tmp_path, caplog):
    site = site_of(tmp_path, {"index.html": "Samverkan mot extremism.", "ansvar/index.html": "Kommunstyrelsen.", "404.html": "Finns inte.",
                              "hela-planen/index.html": "Allt."})
    with caplog.at_level(logging.INFO, logger=search_index.log.name):
        search_index.index_site(site, {"hela-planen/index.html"})
    assert "Pagefind indexed 2 pages" in caplog.text  # not 404.html, not an excluded page
    entry = json.loads((site / search_index.OUTPUT / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["sv"]
    assert not list((site / search_index.OUTPUT).glob("pagefind-ui.*"))
    assert json.loads((site / search_index.MATERIAL_INDEX).read_text(encoding="utf-8"))["docs"] == []


def test_a_failing_indexer_fails_the_build_with_its_output(tmp_path, monkeypatch):
    site = site_of(tmp_path, {"index.html": "Text."})
    monkeypatch.setattr(search_index, "get_executable", lambda: "/bin/false")
    with pytest.raises(search_index.SearchIndexError, match="Pagefind failed"):
        search_index.index_site(site)
