"""Atom feed (RFC 4287) of what happens to the plan: follow-ups, additions, document events.

One entry per follow-up log entry, per addition recorded in the data
(`addition: {date, note}` on a recommendation or action) and per event of the
document (adopted; plan period over). Newest first. Entry ids are urn:uuid
made from stable data (the plan's title and adoption date, the action id, the
entry's date and its place among that day's entries), so an entry keeps its id
when its text is corrected and feed readers do not show it twice.
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .model import Plan
from .text import swedish_date

FEED_NAME = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
TITLE = "Ändringar och uppföljning"


@dataclass(frozen=True)
class Entry:
    key: str  # stable name for the id, e.g. "log/1.1/2017-06-12/0"
    date: str  # ISO date
    title: str
    text: str
    path: str  # site path of the page that shows it, e.g. "rekommendationer/x/#atgard-1-1"


def entries(plan: Plan, today: dt.date, rec_path) -> list[Entry]:
    """Every entry, newest first. `rec_path(number)` is a recommendation page's site path."""
    doc = plan.document
    out = [Entry("document/adopted", doc.adopted_on, "Planen fastställdes", doc.adopted_text, "om-planen/")]
    if today.year > doc.valid_through:
        out.append(
            Entry(
                "document/period-ended",
                f"{doc.valid_through}-12-31",
                "Planperioden har gått ut",
                f"Planen gällde till och med {doc.valid_through}.",
                "om-planen/",
            )
        )
    for rec in plan.recommendations:
        if rec.addition:
            out.append(
                Entry(f"addition/rec/{rec.number}", rec.addition.date, f"Tillägg: rekommendation {rec.number}. {rec.title}", rec.addition.note, rec_path(rec.number))
            )
        for action in rec.actions:
            page = f"{rec_path(rec.number)}#{action.anchor}"
            if action.addition:
                out.append(Entry(f"addition/action/{action.id}", action.addition.date, f"Tillägg: åtgärd {action.id}", action.addition.note, page))
            seen: dict[str, int] = {}
            for item in action.log:
                n = seen[item.date] = seen.get(item.date, -1) + 1
                out.append(Entry(f"log/{action.id}/{item.date}/{n}", item.date, f"Uppföljning av åtgärd {action.id}: {action.status_label}", item.text, page))
    # Newest first; the data's order decides among entries of one day.
    return [e for _, e in sorted(enumerate(out), key=lambda pair: (pair[1].date, -pair[0]), reverse=True)]


def _stamp(date: str) -> str:
    return date + "T00:00:00Z"


def atom(plan: Plan, today: dt.date, rec_path, site_url: str | None) -> str:
    """The feed as XML. Without a site address, links are relative to the feed (at the site root)."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"urn:boras-plan:{plan.document.title}:{plan.document.adopted_on}")
    items = entries(plan, today, rec_path)
    ET.register_namespace("", ATOM)

    def sub(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "sv"})
    sub(feed, "id", namespace.urn)
    sub(feed, "title", f"{plan.document.title}: {TITLE.lower()}")
    sub(feed, "subtitle", "Uppföljning av åtgärderna och ändringar i planen, som webbplatsen har fått rapporterade.")
    sub(feed, "updated", _stamp(items[0].date))
    author = sub(feed, "author")
    sub(author, "name", plan.document.organisation)
    sub(feed, "link", rel="alternate", type="text/html", href=base or "./")
    if base:
        sub(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_NAME)
    for item in items:
        entry = sub(feed, "entry")
        sub(entry, "id", uuid.uuid5(namespace, item.key).urn)
        sub(entry, "title", item.title)
        sub(entry, "updated", _stamp(item.date))
        sub(entry, "link", rel="alternate", type="text/html", href=base + item.path)
        sub(entry, "summary", f"{swedish_date(item.date)}: {item.text}")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
