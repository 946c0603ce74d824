"""Every dated change the public can see, newest first: one list for the page *Ändringar* and every feed.

From the data: the plan's adoption, each follow-up log entry (the newest of an action
carries its reported status), each addition, and the end of the plan period. Where the
data carries no date, from git: the days a commit changed the plan's own file
(plan.yaml; follow-up and the site's texts live in files of their own, plan_files.py),
said as just that, a date and that the data changed, never a reason.

Each change has a key, a stable name from data that does not change when a text is
corrected (the action id, the date, its place among that day's entries): feed.py makes
the entry ids from it, the same in the site's feed and in an action's or a role's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from . import routes
from .model import Action, Plan, Role
from .provenance import Publication, log_keys

ADOPTED = "adopted"
PERIOD_ENDED = "period-ended"
REVISION = "revision"
ADDITION = "addition"
FOLLOW_UP = "follow-up"
# What the page calls each kind.
KIND_LABELS = {
    ADOPTED: "Planen",
    PERIOD_ENDED: "Planen",
    REVISION: "Planens data",
    ADDITION: "Tillägg",
    FOLLOW_UP: "Uppföljning",
}
REVISION_TEXT = (
    "Planens text och åtgärder på webbplatsen ändrades den här dagen, enligt webbplatsens versionshistorik. "
    "Vad som ändrades och varför anges inte här."
)


@dataclass(frozen=True)
class Change:
    key: str  # stable name for the entry's id, e.g. "log/1.1/2017-06-12/0"
    date: str  # ISO date
    kind: str  # ADOPTED, PERIOD_ENDED, REVISION, ADDITION or FOLLOW_UP
    title: str
    text: str
    page: str  # source path of the page that shows it, e.g. "rekommendationer/x.md"
    anchor: str | None  # where on that page
    link_text: str  # the page's part it leads to, e.g. "Åtgärd 1.1"
    action: str | None = None  # the action it concerns
    plan_wide: bool = False  # concerns the whole plan: in every action's and role's feed too
    quoted: bool = False  # the text is the plan's own words (else the site's)
    source: str | None = None  # a follow-up entry's source, if given
    reported: bool = False  # a follow-up entry: say when its source is not given
    published: Publication | None = None  # a follow-up entry: the change that published it (provenance.py)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def changes(
    plan: Plan, today: dt.date, revision_days: tuple[str, ...] = (), published: Mapping[str, Publication] | None = None
) -> list[Change]:
    """Every change, newest first. revision_days: the days git saw the plan's file changed;
    published: when each follow-up note was published (provenance.publications), by key."""
    doc = plan.document
    out = [Change("document/adopted", doc.adopted_on, ADOPTED, "Planen fastställdes", doc.adopted_text, routes.ABOUT, None, "Se sidan Om planen", plan_wide=True, quoted=True)]
    if today.year > doc.valid_through:
        out.append(
            Change(
                "document/period-ended", f"{doc.valid_through}-12-31", PERIOD_ENDED, "Planperioden har gått ut",
                f"Planen gällde till och med {doc.valid_through}.", routes.ABOUT, None, "Se sidan Om planen", plan_wide=True,
            )
        )
    for day in revision_days:
        if day >= doc.adopted_on:  # a change to the data of an adopted plan (older history is not this plan's)
            out.append(Change(f"revision/{day}", day, REVISION, "Planens data ändrades", REVISION_TEXT, routes.WHOLE_PLAN, None, "Se sidan Hela planen", plan_wide=True))
    for rec in plan.recommendations:
        rec_page = routes.recommendation(plan, rec.number)
        if rec.addition:
            out.append(
                Change(
                    f"addition/rec/{rec.number}", rec.addition.date, ADDITION, f"Tillägg: rekommendation {rec.number}. {rec.title}",
                    rec.addition.note, rec_page, None, f"Se rekommendation {rec.number}",
                )
            )
        for action in rec.actions:
            out += _action_changes(action, rec_page, published or {})
    # Newest first. Among one day's entries the data's order stands, as _action_changes gives it
    # (of one action's notes, the later in its log first); entries of different actions on one day
    # keep the plan's order: nothing in the data says which came first.
    return [c for _, c in sorted(enumerate(out), key=lambda pair: (pair[1].date, -pair[0]), reverse=True)]


def _action_changes(action: Action, page: str, published: Mapping[str, Publication]) -> list[Change]:
    out = []
    where = dict(page=page, anchor=action.anchor, link_text=f"Se åtgärd {action.id}", action=action.id)
    if action.addition:
        out.append(Change(f"addition/action/{action.id}", action.addition.date, ADDITION, f"Tillägg: åtgärd {action.id}", action.addition.note, **where))
    # The reported status belongs to the newest entry (the last of its day in the data's order).
    newest = max(range(len(action.log)), key=lambda i: (action.log[i].date, i), default=None)
    keys = log_keys(action.id, [item.date for item in action.log])
    notes = []
    for i, (item, key) in enumerate(zip(action.log, keys)):
        title = f"Uppföljning av åtgärd {action.id}" + (f": {action.status_label}" if i == newest and action.status else "")
        notes.append(Change(key, item.date, FOLLOW_UP, title, item.text, source=item.source, reported=True, published=published.get(key), **where))
    # A log is written oldest first: of two notes from one day, the later is the newer.
    return out + notes[::-1]


def for_action(all_changes: list[Change], action: Action) -> list[Change]:
    """What someone following one action is told: its own changes and the whole plan's."""
    return [c for c in all_changes if c.plan_wide or c.action == action.id]


def per_action(all_changes: list[Change], plan: Plan) -> dict[str, list[Change]]:
    """for_action of every action at once (one pass, for plans with thousands of actions)."""
    plan_wide = [(i, c) for i, c in enumerate(all_changes) if c.plan_wide]
    own: dict[str, list[tuple[int, Change]]] = {a.id: [] for a in plan.actions}
    for i, c in enumerate(all_changes):
        if c.action is not None and not c.plan_wide:
            own[c.action].append((i, c))
    return {action_id: [c for _, c in sorted(plan_wide + mine, key=lambda pair: pair[0])] for action_id, mine in own.items()}


def for_role(all_changes: list[Change], plan: Plan, role: Role) -> list[Change]:
    """What someone following a role is told: the changes of the actions it owns and the whole plan's."""
    owned = {a.id for a in plan.actions_by_role[role.id]}
    return [c for c in all_changes if c.plan_wide or c.action in owned]
