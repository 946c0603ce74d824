"""The preview's page for a plan that cannot be published: its problems, in Swedish."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from . import routes
from .errors import PlanError
from .render import Rendered, link_or_copy


def error_page(error: PlanError, docs_dir: Path, out: Path, use_directory_urls: bool = True) -> Rendered:
    """For the preview (`mkdocs serve`): one page that shows the plan's problems, in Swedish."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    report = html.escape(error.report())
    (out / "index.md").write_text(
        "---\ntitle: Planen kan inte visas\nlifecycle_notice: none\nrender_macros: false\nsearch:\n  exclude: true\n---\n\n"
        "# Planen kan inte visas\n\n"
        "Förhandsvisningen visar webbplatsen igen så snart du har rättat filen och sparat den. "
        "Det här behöver rättas:\n\n"
        f'<pre class="plan-error">{report}</pre>\n',
        encoding="utf-8",
    )
    for source in docs_dir.rglob("*"):  # the stylesheet and scripts, so the page looks like the site
        if source.is_file() and source.suffix != ".md":
            (out / source.relative_to(docs_dir)).parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(source, out / source.relative_to(docs_dir))
    pages = [p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")]
    extra = {"pages": {src: {"url": routes.site_path(src, use_directory_urls), "title": ""} for src in pages}}
    return Rendered(site=None, docs_dir=out, nav=["index.md"], extra=extra, search_excluded=["index.md"])
