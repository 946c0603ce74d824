"""Page parts: pure functions (site, link) -> Markdown/HTML, through Jinja partials.

Each part is registered in PARTS under the macro name pages call it by, e.g.
`{{ recommendation_page(3) }}`. `site` is the build's context (build_context.BuildContext:
the plan, the build date, the changes …); `link` makes the page's links (routes.PageLinks:
`link.role(r)`, `link.action(a)` …); parts never build a URL themselves.
Templates autoescape; plan text goes through the filters of text.py: `inline`
(a Markdown line), `paragraph` (Markdown prose) and `plan_text` (in HTML), the
last two with the glossary's tooltips.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from . import datapackage, dcat, provenance, published, routes, text
from .build_context import BuildContext
from .feed import FEED_NAME
from .lifecycle import deadline_passed, plan_period
from .model import NOT_REPORTED, NOT_STATED, STATUS_LABELS, Action, Plan, paragraph_anchor
from .tooltips import NONE as NO_TOOLTIPS, Tooltips

TEMPLATES = Path(__file__).parent / "templates"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_env.filters.update(
    inline=text.inline,
    # The glossary's tooltips come with the plan the partial is rendered for.
    paragraph=pass_context(lambda context, value: text.paragraph(value, context["tooltips"])),
    plan_text=pass_context(lambda context, value: text.plain(value, context["tooltips"])),
    swedish_date=text.swedish_date,
)
# The all-actions page's two filters for what is missing (a choice like any owner or status).
NO_OWNER = "Ingen ansvarig angiven"
NO_FOLLOW_UP = "Ingen uppföljning rapporterad"
NO_FOLLOW_UP_ID = "ingen-uppfoljning"  # the filter's value and the no-JavaScript section's anchor
_env.globals.update(NO_OWNER=NO_OWNER, NO_FOLLOW_UP=NO_FOLLOW_UP, NO_FOLLOW_UP_ID=NO_FOLLOW_UP_ID)
_env.globals.update(NOT_STATED=NOT_STATED, NOT_REPORTED=NOT_REPORTED, FEED_NAME=FEED_NAME, paragraph_anchor=paragraph_anchor)
_env.globals.update(action_feed=routes.action_feed, role_feed=routes.role_feed)


def _render(template: str, site: BuildContext, link, **context) -> Markup:
    """Render a partial with the helpers every partial may use."""
    plan = site.plan

    def owner_cell(action: Action) -> Markup:
        """The plan's Vem wording, with each named role linked to its entry."""
        roles = [plan.role_by_id[r] for r in action.owner.role_ids]
        return text.link_names(action.owner.text, {r.name: link.role(r) for r in roles})

    def deadline(action: Action) -> str | None:
        """'Tidsfristen 2017 har passerat – …' for an unreported action past its year (build date)."""
        return deadline_passed(action, site.today)

    def ask_about(action: Action) -> str:
        """An e-mail to the plan's address for questions, the action named in its subject."""
        return link.mailto(plan.feedback_email, f"Fråga om åtgärd {action.id} i {plan.document.title}")

    if "tooltips" not in context:  # not setdefault: that would build the glossary's Tooltips for nothing
        context["tooltips"] = Tooltips(tooltip_terms(plan))
    return Markup(_env.get_template(template).render(plan=plan, link=link, owner_cell=owner_cell, deadline=deadline, ask_about=ask_about, **context))


def document_title(site: BuildContext, link) -> str:
    return text.inline(site.plan.document.title)


def recommendation_page(site: BuildContext, link, number: int) -> str:
    plan = site.plan
    rec = plan.recommendation_by_number[number]
    index = plan.recommendation_position[number]
    previous = plan.recommendations[index - 1] if index > 0 else None
    following = plan.recommendations[index + 1] if index + 1 < len(plan.recommendations) else None
    notes_published = {a.id: [site.published.get(k) for k in provenance.log_keys(a.id, [e.date for e in a.log])] for a in rec.actions}
    shown = [p for notes in notes_published.values() for p in notes if p]
    return _render(
        "recommendation.md.j2", site, link, rec=rec, previous=previous, following=following,
        notes_published=notes_published, publications_shown=shown,
    )


def glossary(site: BuildContext, link) -> str:
    """The glossary, without tooltips: every term is explained on the page itself, and each
    tooltip costs the phone a layout pass when Material sets it up (bench/NOTES.md)."""
    return _render("glossary.md.j2", site, link, tooltips=NO_TOOLTIPS)


def summary_page(site: BuildContext, link, key: str) -> str:
    """A summary written for the site (summaries.easy_read or summaries.finnish in plan.yaml)."""
    summary = getattr(site.plan.summaries, key, None)
    if not summary:  # the hooks drop the page then; this only guards a direct call
        return "Sammanfattningen finns inte i plan.yaml."
    return _render("summary.html.j2", site, link, summary=summary, lang="fi" if key == "finnish" else "sv")


def open_data(site: BuildContext, link) -> str:
    """The published files, and what keeps the catalog from being harvestable."""
    return _render(
        "open_data.md.j2", site, link, missing=dcat.missing_facts(site.plan, site.site_url), dcat=dcat, catalog_published=bool(site.site_url),
        package_name=datapackage.NAME, columns=datapackage.csv_columns(), formula_note=datapackage.FORMULA_NOTE,
        files=published.FILES,
    )


def changes_page(site: BuildContext, link) -> str:
    """The page Ändringar: every dated change, newest first, by year (the feeds carry the same list)."""
    listed = site.changes
    years: dict[str, list] = {}
    for change in listed:
        years.setdefault(change.date[:4], []).append(change)
    shown = [c.published for c in listed if c.published]
    return _render("changes.md.j2", site, link, years=years, count=len(listed), publications_shown=shown)


OVERDUE = ("tidsfrist-passerad", "Tidsfrist passerad")


def status_choices(plan: Plan, today: dt.date) -> list[tuple[str, str, int]]:
    """The status filter's choices on Alla åtgärder, (value, label, count), counted in the model:
    each status and "Ej rapporterad", "Tidsfrist passerad" when a deadline has passed, and
    "Ingen uppföljning rapporterad". With little reported, the last three pick the same actions
    and read alike ("(20)" three times): a choice that picks exactly what "Ingen uppföljning
    rapporterad" picks is left out, so no two choices that read differently show the same list.
    today: the build date (deadlines passed)."""
    nothing = [a.id for a in plan.unreported_actions]
    picks = [(label.lower(), label, [a.id for a in plan.actions if a.status_label == label]) for label in STATUS_LABELS]
    overdue = [a.id for a in plan.actions if deadline_passed(a, today)]
    if overdue:
        picks.append((*OVERDUE, overdue))
    derived = {NOT_REPORTED.lower(), OVERDUE[0]}
    kept = [(value, label, len(ids)) for value, label, ids in picks if not (value in derived and ids == nothing)]
    return kept + [(NO_FOLLOW_UP_ID, NO_FOLLOW_UP, len(nothing))]


def all_actions(site: BuildContext, link) -> str:
    """The page Alla åtgärder: the filter (its choice kept in the address, actions.js), the table,
    and the same answers as sections for readers without JavaScript."""
    return _render("all_actions.md.j2", site, link, status_choices=status_choices(site.plan, site.today))


def _from_template(template: str):
    """A part that is just its partial, rendered for the plan and page."""

    def part(site: BuildContext, link) -> str:
        return _render(template, site, link)

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


def plan_notice(site: BuildContext, link) -> str:
    """Where the plan stands in time, in full."""
    return _render("plan_notice.html.j2", site, link, period=plan_period(site.plan.document, site.today))


# Swedish style: numbers up to twelve are written in words in running text.
_NUMBER_WORDS = ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")
_NOUNS = {"recommendations": ("rekommendation", "rekommendationer"), "actions": ("åtgärd", "åtgärder")}


def counted(site: BuildContext, link, kind: str) -> str:
    """'tolv rekommendationer', '21 åtgärder': a count from the data, for text in docs/."""
    one, many = _NOUNS[kind]
    n = len(getattr(site.plan, kind))
    return f"{_NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else n} {one if n == 1 else many}"


PARTS = {
    "document_title": document_title,
    "counted": counted,
    "plan_notice": plan_notice,
    "recommendation_page": recommendation_page,
    "summary_page": summary_page,
    "glossary": glossary,
    "open_data": open_data,
    "changes_page": changes_page,
    "all_actions": all_actions,
    **{
        name: _from_template(f"{name}.{kind}.j2")
        for name, kind in [
            ("document_facts", "md"),
            ("introduction", "md"),
            ("links", "md"),
            ("document_types", "md"),
            ("recommendation_list", "md"),
            ("actions_intro", "md"),
            ("search_page", "md"),
            ("roles", "md"),
            ("contact", "md"),
            ("help", "md"),
            ("whole_plan", "md"),
            ("accessibility", "md"),
            ("status_summary", "html"),
            ("respond", "html"),
            ("feed_link", "html"),
        ]
    },
}
