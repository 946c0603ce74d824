"""The "followed" site: a copy of the plan under test with follow-up reported, built once per plan
and session for every test that needs it (test_following, test_changes), whatever the workers.

What is reported (through the test contract plan_data/write_plan, so it holds for any valid plan):
statuses in turn (each of STATUSES, then none), each with a log entry, every other entry without a
source; one action in ten with a log entry but no status; every third action a second, newer entry
(reports of several days), the first a third one later the same day; the last action marked as added; an address for questions.
"""

from __future__ import annotations

from boras_plan.lifecycle import build_date
from boras_plan.model import STATUSES

FEEDBACK = {"email": "synpunkter@example.se", "name": "Planens redaktion"}
NO_SOURCE = "Rapport utan källa, skriven av testet."
WITH_SOURCE = "Rapport med källa, skriven av testet."
SOURCE_URL = "https://example.se/protokoll/2020-3"


def report_follow_up(data: dict) -> None:
    """Change the plan data in place as described above."""
    cycle = [*STATUSES, None]
    first, last = data["document"]["adopted_on"], build_date().isoformat()  # dates every plan accepts for a report
    actions = [a for rec in data["recommendations"] for a in rec["actions"]]
    for i, action in enumerate(actions):
        action.pop("log", None)
        action.pop("status", None)
        if status := cycle[i % len(cycle)]:
            action["status"] = status
        if status or i % 10 == 4:
            entry = {"date": first, "text": WITH_SOURCE if i % 2 else NO_SOURCE}
            action["log"] = [entry | {"source": SOURCE_URL} if i % 2 else entry]
            if i % 3 == 0:
                newer = {"date": last, "text": f"Rapport om {action['id']}."}
                action["log"].append(newer | {"source": SOURCE_URL} if i % 2 else newer)
                if i == 0:  # two notes from one day: the later in the log is the newer
                    action["log"].append({"date": last, "text": f"Senare samma dag om {action['id']}.", "source": SOURCE_URL})
    if actions:
        actions[-1]["addition"] = {"date": last, "note": "Tillagd av testet."}
    data["feedback"] = dict(FEEDBACK)
