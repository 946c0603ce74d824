"""The project another engine builds: mkdocs.yml read as MkDocs reads it, and written for the rendered docs."""

from __future__ import annotations

from pathlib import Path

import yaml
from markupsafe import Markup

from boras_plan.engine_project import plain_titles, plan_name, read_config, write_config
from boras_plan.render import Rendered


def test_env_values_are_resolved_as_mkdocs_resolves_them(tmp_path, monkeypatch):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_url: !ENV [SITE_URL, null]\nplugins:\n  - boras-plan:\n      plan_file: !ENV [PLAN_FILE, data/plan.yaml]\n", encoding="utf-8")
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setenv("PLAN_FILE", "annan/plan.yaml")
    read = read_config(config)
    assert read["site_url"] is None and plan_name(read) == "annan/plan.yaml"


def test_titles_from_the_data_are_written_as_plain_strings():
    nav = [{Markup("A &amp; B"): [{Markup("1. C"): "c.md"}]}]
    plain = plain_titles(nav)
    assert plain == [{"A &amp; B": [{"1. C": "c.md"}]}] and type(next(iter(plain[0]))) is str


def test_the_engines_config_has_no_plan_plugin_and_paths_relative_to_it(tmp_path):
    root, out = tmp_path / "project", tmp_path / "project" / "build" / "zensical"
    (out / "docs").mkdir(parents=True)
    config = {
        "docs_dir": "docs", "theme": {"name": "material", "custom_dir": "overrides"},
        "plugins": [{"boras-plan": {"plan_file": "data/plan.yaml"}}, {"macros": {"module_name": "macros"}}],
        "extra": {"generator": False},
    }
    rendered = Rendered(site=None, docs_dir=out / "docs", nav=["index.md"], extra={"pages": {}}, extra_css=["assets/site.min.css"], not_in_nav=["sok.md"])
    written = yaml.safe_load(write_config(config, root, rendered, out / "mkdocs.yml", expand_macros=True).read_text(encoding="utf-8"))
    assert written["plugins"] == [] and written["docs_dir"] == "docs"
    assert written["theme"]["custom_dir"] == str(Path("..") / ".." / "overrides")
    assert written["extra"] == {"generator": False, "pages": {}} and written["not_in_nav"] == "/sok.md"
    kept = yaml.safe_load(write_config(config, root, rendered, out / "mkdocs.yml", expand_macros=False).read_text(encoding="utf-8"))
    assert kept["plugins"] == [{"macros": {"module_name": str(Path("..") / ".." / "macros")}}]  # mkdocs-macros renders them
