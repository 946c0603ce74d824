"""Page parts: pure functions (plan, page) -> Markdown/HTML, through Jinja partials.

Each part is registered in PARTS under the macro name pages call it by, e.g.
`{{ recommendation_page(3) }}`. Templates autoescape; data meant for Markdown
goes through the `inline` and `paragraph` filters of text.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import dcat, text
from .feed import FEED_NAME
from .lifecycle import build_date, deadline_passed
from .model import NOT_REPORTED, NOT_STATED, Action, Plan

TEMPLATES = Path(__file__).parent / "templates"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_env.filters.update(inline=text.inline, paragraph=text.paragraph, swedish_date=text.swedish_date)
_env.globals.update(NOT_STATED=NOT_STATED, NOT_REPORTED=NOT_REPORTED, FEED_NAME=FEED_NAME)


@dataclass(frozen=True)
class Page:
    """Where a part is rendered: `root` turns site paths into relative links."""

    url: str  # MkDocs page URL, e.g. "rekommendationer/tydlig-ansvarsfordelning/"

    @property
    def root(self) -> str:
        return "../" * self.url.count("/")

    def href(self, path: str) -> str:
        return self.root + path


def recommendation_path(plan: Plan, number: int) -> str:
    return f"rekommendationer/{plan.recommendation_by_number[number].slug}/"


def _render(template: str, plan: Plan, page: Page, **context) -> Markup:
    """Render a partial with the helpers every partial may use."""

    def rec_href(number: int) -> str:
        return page.href(recommendation_path(plan, number))

    def owner_cell(action: Action) -> Markup:
        """The plan's Vem wording, with each named role linked to its entry."""
        roles = [plan.role_by_id[r] for r in action.owner.role_ids]
        return text.link_names(action.owner.text, {r.name: page.href(f"ansvar/#{r.anchor}") for r in roles})

    today = build_date()

    def deadline(action: Action) -> str | None:
        """'Tidsfristen 2017 har passerat – …' for an unreported action past its year (build date)."""
        return deadline_passed(action, today)

    return Markup(
        _env.get_template(template).render(
            plan=plan, page=page, href=page.href, rec_href=rec_href, owner_cell=owner_cell, deadline=deadline, **context
        )
    )


def document_title(plan: Plan, page: Page) -> str:
    return text.inline(plan.document.title)


def recommendation_page(plan: Plan, page: Page, number: int) -> str:
    rec = plan.recommendation_by_number[number]
    index = plan.recommendation_position[number]
    previous = plan.recommendations[index - 1] if index > 0 else None
    following = plan.recommendations[index + 1] if index + 1 < len(plan.recommendations) else None
    return _render("recommendation.md.j2", plan, page, rec=rec, previous=previous, following=following)


def summary_page(plan: Plan, page: Page, key: str) -> str:
    """A summary written for the site (summaries.easy_read or summaries.finnish in plan.yaml)."""
    summary = getattr(plan.summaries, key, None)
    if not summary:  # the hooks drop the page then; this only guards a direct call
        return "Sammanfattningen finns inte i plan.yaml."
    return _render("summary.html.j2", plan, page, summary=summary, lang="fi" if key == "finnish" else "sv")


def open_data(plan: Plan, page: Page, site_url: str | None = None) -> str:
    """The published files, and what keeps the catalog from being harvestable."""
    return _render("open_data.md.j2", plan, page, missing=dcat.missing_facts(plan, site_url), dcat=dcat, catalog_published=bool(site_url))


def _from_template(template: str):
    """A part that is just its partial, rendered for the plan and page."""

    def part(plan: Plan, page: Page) -> str:
        return _render(template, plan, page)

    part.__name__ = template.split(".")[0]
    return part


def tooltip_terms(plan: Plan) -> dict[str, str]:
    """Glossary terms explained wherever they occur (see tooltips.py).

    A tooltip sits inside the plan's verbatim text, so it says whose words it holds.
    """
    return {
        term.term: f"Ur planen, {term.source}: {term.definition}" if term.source else f"Förklaring skriven för webbplatsen: {term.definition}"
        for term in plan.glossary
        if term.tooltip
    }


PARTS = {
    "document_title": document_title,
    "recommendation_page": recommendation_page,
    "summary_page": summary_page,
    "open_data": open_data,
    **{
        name: _from_template(f"{name}.{kind}.j2")
        for name, kind in [
            ("document_facts", "md"),
            ("introduction", "md"),
            ("links", "md"),
            ("document_types", "md"),
            ("recommendation_list", "md"),
            ("actions_intro", "md"),
            ("all_actions", "md"),
            ("roles", "md"),
            ("contact", "md"),
            ("glossary", "md"),
            ("whole_plan", "md"),
            ("accessibility", "md"),
            ("status_summary", "html"),
            ("feed_link", "html"),
            ("timeline", "html"),
        ]
    },
}
