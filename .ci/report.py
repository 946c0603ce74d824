"""The table at the end of .ci/run: seconds per group of tests, and the totals, from pytest's
--junitxml report (tests/conftest.py records each run's plan and check as properties).

    .venv/bin/python .ci/report.py test-artifacts/junit-all.xml [WALL_SECONDS]

A group is a folder of tests and browser or not (unit, site, site/browser). Seconds are summed
over the parallel workers (setup, call and teardown of each test), so their total exceeds the wall time.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections import defaultdict


def outcome(case: ET.Element) -> str:
    for kind in ("failure", "error", "skipped"):
        if case.find(kind) is not None:
            return kind
    return "passed"


def rows(report: str) -> list[dict]:
    cases = []
    for case in ET.parse(report).getroot().iter("testcase"):
        props = {p.get("name"): p.get("value") for p in case.iter("property")}
        module = case.get("file") or case.get("classname", "").replace(".", "/") + ".py"
        cases.append({
            "group": module.rsplit("/", 1)[0].removeprefix("tests/") or "tests",
            "module": module,
            "plan": props.get("plan") or "(ingen plan)",
            "check": props.get("check") or f"{module}::{case.get('name')}",
            "seconds": float(case.get("time") or 0),
            "outcome": outcome(case),
        })
    return cases


def table(title: str, header: tuple[str, str, str], lines: list[tuple[str, int, float]]) -> list[str]:
    width = max(len(header[0]), *(len(name) for name, _, _ in lines))
    out = [f"-- {title}", f"{header[0]:<{width}}  {header[1]:>7}  {header[2]:>9}"]
    out += [f"{name:<{width}}  {count:>7}  {seconds:>9.1f}" for name, count, seconds in lines]
    return out


def summary(cases: list[dict], wall: float | None) -> str:
    by_group, by_plan, slowest = defaultdict(list), defaultdict(list), defaultdict(float)
    for case in cases:
        by_group[case["group"]].append(case)
        by_plan[case["plan"]].append(case)
        slowest[case["module"]] += case["seconds"]
    total = lambda members: (len(members), sum(c["seconds"] for c in members))  # noqa: E731
    out = table("Grupp", ("grupp", "tester", "sekunder"), [(g, *total(m)) for g, m in sorted(by_group.items())])
    out += table("Plan", ("plan", "tester", "sekunder"), [(p, *total(m)) for p, m in sorted(by_plan.items())])
    top = sorted(slowest.items(), key=lambda pair: -pair[1])[:8]
    out += table("Långsammaste modulerna", ("modul", "tester", "sekunder"),
                 [(m, sum(c["module"] == m for c in cases), s) for m, s in top])
    outcomes = defaultdict(int)
    for case in cases:
        outcomes[case["outcome"]] += 1
    checks = len({c["check"] for c in cases})
    out.append(
        f"-- Totalt: {len(cases)} testkörningar av {checks} kontroller på {len([p for p in by_plan if p != '(ingen plan)'])} planer; "
        + ", ".join(f"{n} {kind}" for kind, n in sorted(outcomes.items()))
        + f"; {sum(c['seconds'] for c in cases):.0f} s i testerna"
        + (f", {wall:.0f} s väggtid för hela körningen" if wall else "")
    )
    return "\n".join(out)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    print(summary(rows(argv[0]), float(argv[1]) if len(argv) > 1 else None))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
