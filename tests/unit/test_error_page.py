"""The preview's page for a plan that cannot be published."""

from __future__ import annotations

from boras_plan.error_page import error_page
from boras_plan.errors import PlanError, Problem


def test_the_report_is_the_page_escaped_and_the_site_keeps_its_look(tmp_path):
    docs, out = tmp_path / "docs", tmp_path / "out"
    (docs / "assets").mkdir(parents=True)
    (docs / "assets" / "site.css").write_text("body {}", encoding="utf-8")
    (docs / "index.md").write_text("# Start\n", encoding="utf-8")
    error = PlanError("data/plan.yaml", [Problem(3, "document.title", "förväntade text, fick <script>")])
    rendered = error_page(error, docs, out)
    page = (out / "index.md").read_text(encoding="utf-8")
    assert "Planen kan inte visas" in page and "&lt;script&gt;" in page and "<script>" not in page
    assert "render_macros: false" in page  # no macro runs: there is no plan to run it on
    assert (out / "assets" / "site.css").read_text(encoding="utf-8") == "body {}"
    assert rendered.site is None and rendered.nav == ["index.md"] and rendered.search_excluded == ["index.md"]
