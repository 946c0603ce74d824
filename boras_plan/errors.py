"""Problems found in plan.yaml, worded in Swedish for the editors who fix them."""

from __future__ import annotations

from dataclasses import dataclass

# Every stage stops looking after this many problems (and reports that it
# did): a huge broken file must not take minutes and gigabytes to list them.
MAX_PROBLEMS = 100


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the data file: where it is, and what was expected."""

    line: int  # 1-based; 0 when the problem concerns the whole file
    field: str  # e.g. "recommendations[4].actions[2].due"; "" for the whole file
    message: str  # Swedish, says what was expected
    file: str = ""  # the file the editor edited, when not the plan file itself (plan_files)
    form: str = ""  # where the field is in the form at /admin/, e.g. "Uppföljning → 1.1 → Anteckning 2 → Datum" (translate.form_place)

    def format(self, path: str) -> str:
        path = self.file or path
        where = f"{path}, rad {self.line}" if self.line else path
        if self.field:
            where += f", fält {self.field}"
        if self.form:
            where += f" (i formuläret: {self.form})"
        return f"{where}: {self.message}"


class PlanError(Exception):
    """Raised when plan.yaml cannot be published. Carries every problem found."""

    def __init__(self, path: str, problems: list[Problem]):
        self.path = path
        # By file as the report names it (plan.yaml, then the editors' files beside it), then by line.
        self.problems = sorted(problems, key=lambda p: (p.file or path, p.line, p.field, p.message))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        if count > MAX_PROBLEMS:
            lines = [f"{self.path} innehåller fler än {MAX_PROBLEMS} problem. Inget har publicerats."]
            lines += ["  " + p.format(self.path) for p in self.problems[:MAX_PROBLEMS]]
            lines.append(f"Kontrollen slutade efter {MAX_PROBLEMS} problem. Rätta dem och kör kontrollen igen.")
        else:
            lines = [f"{self.path} innehåller {count} problem. Inget har publicerats."]
            lines += ["  " + p.format(self.path) for p in self.problems]
        lines.append("Listor räknas från 1. Se REDAKTORSGUIDE.md för hur felen rättas.")
        return "\n".join(lines)


def describe_value(value: object) -> str:
    """How a YAML value reads to an editor, for 'fick …' in messages."""
    if value is None:
        return "ett tomt värde (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"talet {value}"
    if isinstance(value, float):
        return f"decimaltalet {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        # Line breaks and other control characters shown as escapes: a report line stays one line.
        shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in shown)
        return f'texten "{shown}"'
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "en grupp av fält"
    return type(value).__name__
