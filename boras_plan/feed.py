"""Atom feeds (RFC 4287) of the changes on the page *Ändringar* (changes.py).

The site's feed (feed.xml) carries every change, as the page does; each action has a
feed of its own (its changes and the whole plan's), and so does every role that owns
an action (the changes of its actions and the whole plan's), as flode-<anchor>.xml. An entry's
id is a urn:uuid made from the plan (its title and adoption date) and the change's
stable key, so it is the same in every feed that carries it and stays when a text is
corrected: feed readers do not show it twice.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from . import routes
from .changes import Change, for_action, for_role, per_action
from .model import Action, Plan, Role
from .text import swedish_date

FEED_NAME = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
TITLE = "Ändringar och uppföljning"


@dataclass(frozen=True)
class Feed:
    path: str  # where the site publishes it, from the root: feed.xml, flode-atgard-1-1.xml
    title: str  # the feed's own title (also the title of the page's <link rel="alternate">)
    subtitle: str
    page: str  # source path of the page that shows what it follows
    anchor: str | None
    changes: tuple[Change, ...]
    # The title of the page's <link rel="alternate">: made of ids the model validates (digits, a-z
    # and hyphens) only, so no text from the data reaches a <link> element (tests/site/test_hostile.py).
    link_title: str = ""


def site_feed(plan: Plan, all_changes: list[Change]) -> Feed:
    return Feed(
        FEED_NAME, f"{plan.document.title}: {TITLE.lower()}",
        "Uppföljning av åtgärderna och ändringar i planen, som webbplatsen har fått rapporterade.",
        routes.CHANGES, None, tuple(all_changes),
    )


def action_feed(plan: Plan, all_changes: list[Change], action: Action, own: list[Change] | None = None) -> Feed:
    """own: the action's changes if known (changes.per_action), else picked from all_changes."""
    return Feed(
        routes.action_feed(action), f"Åtgärd {action.id}: {TITLE.lower()}",
        f"Uppföljning och tillägg för åtgärd {action.id} i {plan.document.title}, och ändringar som gäller hela planen.",
        routes.recommendation(plan, action.recommendation), action.anchor, tuple(own if own is not None else for_action(all_changes, action)),
        f"Åtgärd {action.id}: {TITLE.lower()}",
    )


def role_feed(plan: Plan, all_changes: list[Change], role: Role) -> Feed:
    return Feed(
        routes.role_feed(role), f"Åtgärder som {role.name} ansvarar för: {TITLE.lower()}",
        f"Uppföljning och tillägg för åtgärderna där {role.name} står i kolumnen Vem i {plan.document.title}, "
        "och ändringar som gäller hela planen.",
        routes.ROLES, role.anchor, tuple(for_role(all_changes, plan, role)),
        f"Ansvarig roll {role.id}: {TITLE.lower()}",
    )


def feeds(plan: Plan, all_changes: list[Change]) -> list[Feed]:
    """The site's feed, one per action and one per role that owns an action."""
    own = per_action(all_changes, plan)
    return (
        [site_feed(plan, all_changes)]
        + [action_feed(plan, all_changes, a, own[a.id]) for a in plan.actions]
        + [role_feed(plan, all_changes, plan.role_by_id[r]) for r in plan.owner_ids]
    )


def _summary(change: Change) -> str:
    """The entry's text after its date: the reported date, and the day it was published if known."""
    p = change.published
    if not p:
        return f"{swedish_date(change.date)}: {change.text}"
    return f"Rapporterad {swedish_date(change.date)}, publicerad {swedish_date(p.date)} ({p.label}): {change.text}"


def _stamp(date: str) -> str:
    return date + "T00:00:00Z"


def namespace(plan: Plan) -> uuid.UUID:
    """The plan's own namespace of ids: the site feed's id, and the root of every entry's."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"urn:boras-plan:{plan.document.title}:{plan.document.adopted_on}")


def entry_id(plan: Plan, change: Change) -> str:
    return uuid.uuid5(namespace(plan), change.key).urn


def atom(plan: Plan, feed: Feed, site_url: str | None, use_directory_urls: bool = True) -> str:
    """The feed as XML. Without a site address, links are relative to the feed's own place."""
    base = site_url.rstrip("/") + "/" if site_url else ""

    def href(src: str, anchor: str | None = None) -> str:
        path = routes.site_path(src, use_directory_urls)
        url = base + path if base else routes.relative_url(path, feed.path)
        return f"{url}#{anchor}" if anchor else url

    ns = namespace(plan)
    ET.register_namespace("", ATOM)

    def sub(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "sv"})
    sub(root, "id", ns.urn if feed.path == FEED_NAME else uuid.uuid5(ns, "feed/" + feed.path).urn)
    sub(root, "title", feed.title)
    sub(root, "subtitle", feed.subtitle)
    sub(root, "updated", _stamp(feed.changes[0].date))
    author = sub(root, "author")
    sub(author, "name", plan.document.organisation)
    sub(root, "link", rel="alternate", type="text/html", href=href(feed.page, feed.anchor))
    if base:
        sub(root, "link", rel="self", type="application/atom+xml", href=base + feed.path)
    for change in feed.changes:
        entry = sub(root, "entry")
        sub(entry, "id", entry_id(plan, change))
        sub(entry, "title", change.title)
        sub(entry, "updated", _stamp(change.date))
        sub(entry, "link", rel="alternate", type="text/html", href=href(change.page, change.anchor))
        published = change.published
        if published:  # when the note reached main, and the change that brought it (provenance.py)
            sub(entry, "published", _stamp(published.date))
            if published.url:
                sub(entry, "link", rel="related", type="text/html", href=published.url, title=f"Ändringen som publicerade uppföljningen ({published.label})")
        sub(entry, "summary", _summary(change))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
