"""Where the plan stands in time: in force, or its period has ended."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

from .errors import describe_value
from .model import Action, Document
from .text import swedish_date


@dataclass(frozen=True)
class Period:
    ended: bool
    text: str  # one Swedish sentence, plain text
    replaced_by: str | None
    short: str = ""  # one line, for pages other than the start and "Om planen" pages


class BuildDateError(ValueError):
    """SOURCE_DATE_EPOCH is set but is no time; the message is Swedish."""


def build_date() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH for reproducible builds and tests."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return dt.date.today()
    try:
        if not re.fullmatch(r"[0-9]{1,11}", epoch):  # whole seconds, up to the year 5138
            raise ValueError
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise BuildDateError(
            f"miljövariabeln SOURCE_DATE_EPOCH ska vara ett heltal (sekunder sedan 1970-01-01 UTC, t.ex. 1764633600), "
            f"fick {describe_value(epoch)}. Rätta värdet eller ta bort variabeln."
        ) from None


def plan_period(doc: Document, today: dt.date) -> Period:
    adopted = f"Fastställd av {doc.adopted_by} den {swedish_date(doc.adopted_on)}."
    if today.year > doc.valid_through:
        text = f"{adopted} Planen gällde till och med {doc.valid_through}: planperioden har gått ut."
        if not doc.replaced_by:
            text += " Vi känner inte till något dokument som ersatt den."
        return Period(True, text, doc.replaced_by, f"Planen gällde till och med {doc.valid_through}: planperioden har gått ut.")
    in_force = f"Planen gäller till och med {doc.valid_through}."
    return Period(False, f"{adopted} {in_force}", doc.replaced_by, in_force)


def deadline_passed(action: Action, today: dt.date) -> str | None:
    """The site's words for an action whose När year is over with no follow-up recorded, else None."""
    if action.status or action.log or today.year <= action.due:
        return None
    return f"Tidsfristen {action.due} har passerat – ingen uppföljning rapporterad"
