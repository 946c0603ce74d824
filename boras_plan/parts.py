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

from . import text
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
_env.globals.update(NOT_STATED=NOT_STATED, NOT_REPORTED=NOT_REPORTED)


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


def _render(template: str, plan: Plan, page: Page, **context) -> str:
    def owner_cell(action: Action):
        if action.owner is None:
            return None
        names = {plan.role_by_id[r].name: page.href(f"ansvar/#{plan.role_by_id[r].anchor}") for r in action.owner.role_ids}
        return text.link_names(action.owner.text, names)

    def table(actions, caption: str, show_recommendation: bool = False, anchors: bool = True) -> Markup:
        marks = [f for f in plan.footnotes if any(f.mark in a.what for a in actions)]
        return Markup(_env.get_template("action_table.html.j2").render(
            plan=plan, page=page, rec_href=rec_href, owner_cell=owner_cell, actions=actions, caption=caption,
            show_recommendation=show_recommendation, anchors=anchors, footnotes=marks,
))

    def rec_href(number: int) -> str:
        return page.href(recommendation_path(plan, number))

    return Markup(_env.get_template(template).render(
        plan=plan,
        page=page,
        href=page.href,
        rec_href=rec_href,
        owner_cell=owner_cell,
        table=table,
        **context,
    ))


def document_title(plan: Plan, page: Page) -> str:
    return text.inline(plan.document.title)


def plan_status(plan: Plan, page: Page) -> str:
    return _render("plan_status.md.j2", plan, page)


def document_facts(plan: Plan, page: Page) -> str:
    return _render("document_facts.md.j2", plan, page)


def introduction(plan: Plan, page: Page) -> str:
    return _render("introduction.md.j2", plan, page)


def plan_links(plan: Plan, page: Page) -> str:
    return _render("links.md.j2", plan, page)


def document_types(plan: Plan, page: Page) -> str:
    return _render("document_types.md.j2", plan, page)


def recommendation_list(plan: Plan, page: Page) -> str:
    return _render("recommendation_list.md.j2", plan, page)


def actions_intro(plan: Plan, page: Page) -> str:
    return _render("actions_intro.md.j2", plan, page)


def recommendation_page(plan: Plan, page: Page, number: int) -> str:
    rec = plan.recommendation_by_number[number]
    numbers = [r.number for r in plan.recommendations]
    index = numbers.index(number)
    previous = plan.recommendations[index - 1] if index > 0 else None
    following = plan.recommendations[index + 1] if index + 1 < len(numbers) else None
    return _render("recommendation.md.j2", plan, page, rec=rec, previous=previous, following=following)


def all_actions(plan: Plan, page: Page) -> str:
    return _render("all_actions.md.j2", plan, page)


def roles(plan: Plan, page: Page) -> str:
    return _render("roles.md.j2", plan, page)


def contact(plan: Plan, page: Page) -> str:
    return _render("contact.md.j2", plan, page)


def glossary(plan: Plan, page: Page) -> str:
    return _render("glossary.md.j2", plan, page)


def tooltip_terms(plan: Plan) -> dict[str, str]:
    """Glossary terms explained wherever they occur (see tooltips.py)."""
    return {term.term: term.definition for term in plan.glossary if term.tooltip}


PARTS = {
    "document_title": document_title,
    "plan_status": plan_status,
    "document_facts": document_facts,
    "introduction": introduction,
    "plan_links": plan_links,
    "document_types": document_types,
    "recommendation_list": recommendation_list,
    "actions_intro": actions_intro,
    "recommendation_page": recommendation_page,
    "all_actions": all_actions,
    "roles": roles,
    "contact": contact,
    "glossary": glossary,
}
