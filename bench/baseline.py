"""The baseline: the same pages as plain Markdown, built by bare Material.

Our build turns data/plan.yaml into pages through mkdocs-macros, Jinja
partials and hooks. To price that machinery, we build the site once in this
process with one extra listener that records each page's Markdown exactly as
it reaches the Markdown converter (after macros and hooks), with its front
matter and the final nav. Those pages are written as ordinary .md files into
a new project whose mkdocs.yml has only: theme material (language sv), the
search plugin (lang sv), the same nav and the same Markdown extensions (so
the same text and tables render the same way). No macros, no data, no hooks,
no theme overrides, no extra CSS or JavaScript.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml

from boras_plan.engine_project import plain_titles


def capture_pages(root: Path, plan_file: Path) -> tuple[dict, dict]:
    """Build our site in-process; return ({src_uri: (meta, markdown)}, config facts)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin, event_priority

    pages: dict[str, tuple[dict, str]] = {}

    class Capture(BasePlugin):
        @event_priority(-1000)  # after every other listener: what Markdown receives
        def on_page_markdown(self, markdown, page, config, files):
            pages[page.file.src_uri] = (dict(page.meta), markdown)
            return markdown

    old_env, old_cwd = os.environ.get("PLAN_FILE"), os.getcwd()
    os.environ["PLAN_FILE"] = str(plan_file)
    os.chdir(root)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-capture-") as site:
            config = load_config(str(root / "mkdocs.yml"), site_dir=site)
            config.plugins["bench-capture"] = Capture()
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
    finally:
        os.chdir(old_cwd)
        if old_env is None:
            os.environ.pop("PLAN_FILE", None)
        else:
            os.environ["PLAN_FILE"] = old_env
    facts = {
        "site_name": config.site_name,
        "nav": plain_titles(config.nav),
        "markdown_extensions": _extensions(config),
    }
    return pages, facts


def _extensions(config) -> list:
    """Our Markdown extensions and their options, in the form mkdocs.yml takes."""
    out = []
    for name in config.markdown_extensions:
        options = config.mdx_configs.get(name)
        out.append({name: options} if options else name)
    return out


def write_plain_project(pages: dict, facts: dict, target: Path) -> Path:
    """Write docs/ and a minimal mkdocs.yml into target; return the config path."""
    docs = target / "docs"
    for src_uri, (meta, markdown) in pages.items():
        path = docs / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        front = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" if meta else ""
        path.write_text(front + markdown, encoding="utf-8")
    config = {
        "site_name": facts["site_name"],
        "docs_dir": "docs",
        "theme": {"name": "material", "language": "sv"},
        "plugins": [{"search": {"lang": "sv"}}],
        "markdown_extensions": facts["markdown_extensions"],
        "nav": facts["nav"],
    }
    config_path = target / "mkdocs.yml"
    config_path.write_text(
        "# Baseline for bench/: our pages as plain Markdown, bare Material.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return config_path
