"""Render first: everything that comes from the plan, written as ordinary files any engine renders.

`render()` validates the plan, makes the build's context (build_context.BuildContext) once,
and writes a docs folder an engine (MkDocs, ProperDocs, Zensical) builds as it is: the pages
of docs/ with their "Senast ändrad" date in the front matter, one page per recommendation,
the open-data files and the feeds (the site's, one per action and one per owner role, from
changes.py like the page Ändringar). It returns the context, the nav and the theme's `extra`
for that folder (engine_project.py writes them as an mkdocs.yml for another engine). Macro
calls (`{{ roles() }}`) stay for mkdocs-macros, or are expanded here for an engine that has
no macros (`expand_macros`); both ways go through page_macros.py with the same context.

Links between pages are made from the rendered files' list (routes.Router); an
engine only renders, and finish.py checks the built site's links and anchors.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import csscompressor

from . import changes, deployment, feed, front_matter, provenance, published, routes
from .build_context import BuildContext
from .git_dates import history
from .lifecycle import BuildDateError, build_date, plan_period
from .loader import load_plan
from .model import Plan
from .page_macros import Expander
from .plan_files import plan_files
from .text import swedish_date, theme_title

# Summary pages written for the site: plan.yaml's summaries key -> page, header link, language.
SUMMARY_PAGES = {"easy_read": ("lattlast.md", "Lättläst", "sv"), "finnish": ("suomeksi.md", "Suomeksi", "fi")}
# Up to this many recommendations get a nav entry each. Above it the nav would make the
# build quadratic (Material renders the whole nav into every page): the list page then
# stands for them all, and each page links the previous and next one.
NAV_LIMIT = 30


@dataclass
class Rendered:
    """What render() wrote, and what the engine's config needs for it."""

    site: BuildContext | None  # this build's facts, for the macros; None on the preview's error page
    docs_dir: Path
    nav: list | None
    extra: dict
    extra_css: list[str] = field(default_factory=list)  # the stylesheets' names in the rendered docs
    not_in_nav: list[str] = field(default_factory=list)  # source paths reached by links, not the menu
    search_excluded: list[str] = field(default_factory=list)  # source paths with `search: exclude: true`


def render(
    *,
    root: Path,
    docs_dir: Path,
    plan_file: str,
    out: Path,
    nav: list | None,
    site_url: str | None = None,
    repo_url: str | None = None,
    use_directory_urls: bool = True,
    nav_limit: int = NAV_LIMIT,
    expand_macros: bool = False,
    source_links: bool = False,
    extra_css: list[str] = (),
    extra: dict | None = None,
) -> Rendered:
    """Write the site's pages and files into out/ (replaced); raise PlanError for a bad plan.

    plan_file is relative to root (mkdocs.yml's folder), as `boras-plan: plan_file:` gives it;
    extra is the build config's `extra:` (its deployment settings: deployment.Deployment).
    """
    name = (plan_file or "").strip()
    try:
        today = build_date()  # once per build: every part gets it from the BuildContext
    except BuildDateError:
        today = None  # the loader lists it with the plan's own problems, in Swedish
    plan = load_plan(root / name if name else "", display_path=name, today=today)
    git = history(root)
    dates = git.last_changed
    # The days git saw the plan's own file changed: dated changes where the data has no date.
    revision_days = git.change_days(os.path.relpath(root / name, root))
    # When each follow-up note reached main, and its pull request at repo_url (mkdocs.yml).
    published = provenance.publications(root / name, repo_url)
    all_changes = changes.changes(plan, today, revision_days, published)
    site_feeds = feed.feeds(plan, all_changes)
    # When the plan's data last changed: the newest of plan.yaml and the editors' files beside it.
    data_date = max((d for f in plan_files(root / name) if (d := dates.get(os.path.relpath(f, root)))), default=None)
    docs_key = os.path.relpath(docs_dir, root)

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    dropped = {page for key, (page, _, _) in SUMMARY_PAGES.items() if not getattr(plan.summaries, key, None)}
    sources = [p.relative_to(docs_dir).as_posix() for p in sorted(docs_dir.rglob("*")) if p.is_file()]
    sources = [s for s in sources if s not in dropped]
    # The site's stylesheets minified (as <name>.min.css): every engine links the smaller file.
    stylesheets = {src: src.removesuffix(".css") + ".min.css" for src in extra_css if src in sources}
    sources = [stylesheets.get(s, s) for s in sources]
    generated = _generated_files(plan, site_url, data_date, today, deployment.Deployment(root, dict(extra or {})))
    generated |= {f.path: feed.atom(plan, f, site_url, use_directory_urls) for f in site_feeds}
    generated_pages = {routes.recommendation(plan, r.number): _recommendation_source(r.number) for r in plan.recommendations}
    router = routes.Router([*sources, *generated, *generated_pages], use_directory_urls, source_links)
    site = BuildContext(plan, today, revision_days, published, all_changes, router, site_url)
    macros = Expander(site) if expand_macros else None
    # Pages that show an action or a role announce its feed (<link rel="alternate">, overrides/main.html).
    feeds_of = _feeds_by_page(plan, site_feeds)

    meta_of: dict[str, dict] = {}
    for src in sources:
        target = out / src
        target.parent.mkdir(parents=True, exist_ok=True)
        if src in stylesheets.values():
            original = next(css for css, minified in stylesheets.items() if minified == src)
            target.write_text(csscompressor.compress((docs_dir / original).read_text(encoding="utf-8")), encoding="utf-8")
            continue
        if not src.endswith(".md"):
            link_or_copy(docs_dir / src, target)
            continue
        text = (docs_dir / src).read_text(encoding="utf-8")
        shows_data = "{{" in text
        candidates = [dates.get(f"{docs_key}/{src}")] + ([data_date] if shows_data else [])
        meta, body = front_matter.split(text)
        meta_of[src] = meta
        if src in feeds_of:
            meta = {**meta, "feeds": feeds_of[src]}
        target.write_text(_page(meta, body, candidates, macros, src), encoding="utf-8")
    for src, body in generated_pages.items():
        (out / src).parent.mkdir(parents=True, exist_ok=True)
        meta = {"hide": ["toc"]} | ({"feeds": feeds_of[src]} if src in feeds_of else {})
        (out / src).write_text(_page(meta, body, [data_date], macros, src), encoding="utf-8")
    for src, content in generated.items():
        (out / src).parent.mkdir(parents=True, exist_ok=True)
        (out / src).write_text(content, encoding="utf-8")

    in_nav = len(plan.recommendations) <= nav_limit
    summaries = [page for page, _, _ in SUMMARY_PAGES.values() if page not in dropped and page in sources]
    off_menu = summaries + ([routes.SEARCH] if routes.SEARCH in sources else [])
    return Rendered(
        site=site,
        docs_dir=out,
        nav=_with_recommendations(nav, plan) if in_nav else nav,
        extra=_theme_extra(site, summaries, meta_of, use_directory_urls),
        extra_css=[stylesheets.get(src, src) for src in extra_css],
        not_in_nav=off_menu + ([] if in_nav else list(generated_pages)),
        search_excluded=[src for src, meta in meta_of.items() if isinstance(meta.get("search"), dict) and meta["search"].get("exclude") is True],
    )


def _theme_extra(site: BuildContext, summaries: list[str], meta_of: dict[str, dict], use_directory_urls: bool) -> dict:
    """What the theme (overrides/) shows beside the pages, as config `extra`."""
    period = plan_period(site.plan.document, site.today)
    return {
        "plan_period": {"ended": period.ended, "text": period.short, "replaced_by": period.replaced_by},
        "summary_links": [
            {"url": routes.site_path(page, use_directory_urls), "text": text, "lang": lang}
            for key, (page, text, lang) in SUMMARY_PAGES.items()
            if page in summaries
        ],
        # The theme's links to pages of docs/ (overrides/), by source path: url and title.
        "pages": {
            src: {"url": routes.site_path(src, use_directory_urls), "title": str(meta.get("title") or "")}
            for src, meta in meta_of.items()
        },
    }


def _recommendation_source(number: int) -> str:
    # The page holds only a macro call: data never passes through Jinja as template text.
    return f"{{{{ recommendation_page({number}) }}}}\n"


def _feeds_by_page(plan: Plan, site_feeds: list[feed.Feed]) -> dict[str, list[dict]]:
    """Source path -> the feeds of the actions or roles the page shows (url from the root, title)."""
    out: dict[str, list[dict]] = {}
    for f in site_feeds:
        if f.path != feed.FEED_NAME:  # the site's feed: every page announces it (overrides/main.html)
            out.setdefault(f.page, []).append({"url": f.path, "title": f.link_title})
    return out


def _generated_files(plan: Plan, site_url: str | None, data_date: str | None, today, settings: deployment.Deployment) -> dict[str, str]:
    """The open-data files and the form's config, by source path (the feeds: feed.feeds).
    settings: the build config's deployment settings (the form's repository and sign-in)."""
    return published.generated_files(published.Inputs(plan, today, site_url, data_date, settings))


def _with_recommendations(nav: list | None, plan: Plan) -> list | None:
    """The nav entry of the recommendations' list page becomes a section of all their pages."""
    if nav is None:
        return None
    pages = [routes.RECOMMENDATIONS] + [
        {theme_title(f"{r.number}. {r.title}"): routes.recommendation(plan, r.number)} for r in plan.recommendations
    ]
    out = []
    for item in nav:
        if isinstance(item, dict):
            ((title, target),) = item.items()
            if target == routes.RECOMMENDATIONS:
                item = {title: pages}
        out.append(item)
    return out


def _page(meta: dict, body: str, candidates: list, macros: Expander | None, src: str) -> str:
    """A page's Markdown with its front matter and its "Senast ändrad" date (the newest of its
    own file and, if it shows data, the plan file), its macros expanded if asked."""
    dates = [d for d in candidates if d]
    if dates:
        meta = {**meta, "last_changed": {"iso": max(dates), "text": swedish_date(max(dates))}}
    if macros is not None:
        body = macros.expand(body, src)
    return front_matter.join(meta, body)


def link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system
        shutil.copyfile(source, target)


