"""Is the plan's adopted text in plan.yaml word for word the adopted plan?

Compares every field that carries the plan's own words (document facts, headings,
introduction, links, footnotes, recommendation titles and bodies, every Vad / När /
Vem / Uppföljning cell, quoted role excerpts and glossary explanations with a
`source`) with the source document, a text conversion of the adopted PDF; and
every heading, paragraph and table row of the source with the file, so nothing
is left out. Fields the editors own (status, log, keywords, contacts, role names,
glossary explanations written for the site) are not compared, and neither is a
recommendation or action marked `addition`: it is not in the adopted plan.

Whitespace is folded on both sides, and so are two marks of the PDF conversion:
line-break hyphens ("vålds- bejakande") and spaces around footnote marks
("SSPF ¹ -arbetet"). Both sides are normalised alike, so "hälso- och sjukvård"
still matches itself.

Editors: `python -m boras_plan.faithfulness [data/plan.yaml] [--source FILE]`.
The source document is configuration: SOURCE_DOCUMENT, else mkdocs.yml's
extra.source_document, relative to the repository.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .deployment import CONFIG_FILE, read as read_deployment
from .errors import PlanError, Problem
from .loader import load_plan
from .text import swedish_date
from .plan_files import read_plan_source
from .yaml_source import Path_, Source, format_path


_FOOTNOTE_MARK = re.compile(r"\s+(?=[¹²³⁴⁵⁶⁷⁸⁹⁰])|(?<=[¹²³⁴⁵⁶⁷⁸⁹⁰])\s+(?=-)")
_LINE_BREAK_HYPHEN = re.compile(r"(?<=\w)- (?=[a-zåäö])")
_YEAR = re.compile(r"\d{4}")


class SourceMissing(Exception):
    """The source document is not where the configuration says (message in Swedish)."""


def normalise(text: str) -> str:
    text = " ".join(unicodedata.normalize("NFC", text).split())
    text = _FOOTNOTE_MARK.sub("", text)
    return _LINE_BREAK_HYPHEN.sub("", text)


# --- The source document ---------------------------------------------------------


@dataclass(frozen=True)
class SourceText:
    line: int
    raw: str  # as written, whitespace folded: what an editor is shown
    norm: str


@dataclass(frozen=True)
class SourceRow:
    line: int
    raw: tuple[str, str, str, str]  # Vad, När, Vem, Uppföljning
    norm: tuple[str, str, str, str]


class SourceDocument:
    """The text conversion: one paragraph or heading per line, table rows as four tab-separated cells."""

    def __init__(self, path: Path):
        self.path = path
        self.texts: list[SourceText] = []
        self.rows: list[SourceRow] = []
        for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
            cells = line.split("\t")
            if len(cells) == 4:
                raw = tuple(" ".join(c.split()) for c in cells)
                if _YEAR.fullmatch(raw[1]):  # header rows say "När" / "När ska det vara klart?"
                    self.rows.append(SourceRow(number, raw, tuple(normalise(c) for c in raw)))
            elif line.strip():
                self.texts.append(SourceText(number, " ".join(line.split()), normalise(line)))
        # Quotes may come from any paragraph or table cell; \n keeps them from spanning two.
        # Sentences and cells: where a quote's nearest wording is looked for.
        self.passages = [
            SourceText(t.line, raw, normalise(raw)) for t in self.texts for raw in re.split(r"(?<=[.!?:])\s+", t.raw)
        ] + [SourceText(row.line, raw, norm) for row in self.rows for raw, norm in zip(row.raw, row.norm) if raw]
        self.whole = "\n".join([t.norm for t in self.texts] + [c for row in self.rows for c in row.norm])

    def required(self) -> list[SourceText]:
        """Headings and paragraphs the file must hold: numbered headings and every long line
        (the cover's type list, the footer's contact block and other short lines are left out;
        the short document facts are compared the other way round)."""
        return [t for t in self.texts if re.match(r"\d+\. ", t.raw) or (len(t.raw) > 60 and "**" not in t.raw)]


def source_path(explicit: str | os.PathLike | None = None, config_file: str | os.PathLike = CONFIG_FILE) -> Path | None:
    """The source document: explicit (relative to where you are), else SOURCE_DOCUMENT, else
    extra.source_document in config_file (mkdocs.yml, relative to its folder); None if none is set."""
    if explicit:
        return Path(explicit).resolve()
    if os.environ.get("SOURCE_DOCUMENT"):
        return Path(os.environ["SOURCE_DOCUMENT"]).resolve()
    return read_deployment(config_file).source_document


def read_source_document(path: Path | None) -> SourceDocument:
    if path is None:
        raise SourceMissing(
            "Inget källdokument (den antagna planen som text) är angivet. "
            "Ange var det finns med SOURCE_DOCUMENT=sökväg eller i mkdocs.yml under extra: source_document. "
            "Utan det kan texten i plan.yaml inte jämföras med den antagna planen."
        )
    if not path.is_file():
        raise SourceMissing(
            f"Källdokumentet (den antagna planen som text) finns inte: {path}. "
            "Ange var det finns med SOURCE_DOCUMENT=sökväg eller i mkdocs.yml under extra: source_document. "
            "Utan det kan texten i plan.yaml inte jämföras med den antagna planen."
        )
    return SourceDocument(path)


# --- The adopted text in plan.yaml -------------------------------------------------


@dataclass(frozen=True)
class Adopted:
    """One piece of the plan's own words in the file, and how it must appear in the source."""

    path: Path_
    text: str
    kind: str = "line"  # "line": a whole heading or paragraph; "quote": a passage of one
    casefold: bool = False  # the cover writes type names (and the footer the organisation) in capitals


def _paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]


def adopted_texts(data: dict) -> list[Adopted]:
    """Every field of the file that holds the plan's words (actions are compared as rows)."""
    doc = data["document"]
    found = [
        Adopted(("document", "title"), doc["title"]),
        Adopted(("document", "adopted_text"), doc["adopted_text"]),
        Adopted(("document", "applies_to"), f"Gäller för: {doc['applies_to']}"),
        Adopted(("document", "valid_through"), f"Gäller till och med {doc['valid_through']}"),
        Adopted(("document", "organisation"), doc["organisation"], "quote", casefold=True),
        Adopted(("document_types", "heading"), data["document_types"]["heading"]),
    ]
    for g, group in enumerate(data["document_types"]["groups"]):
        found.append(Adopted(("document_types", "groups", g, "name"), group["name"]))
        for t, kind in enumerate(group["types"]):
            found.append(Adopted(("document_types", "groups", g, "types", t), f"{kind['name']} – {kind['description']}", casefold=True))
    found.append(Adopted(("introduction", "heading"), data["introduction"]["heading"]))
    found += [Adopted(("introduction", "paragraphs", i, "text"), p["text"]) for i, p in enumerate(data["introduction"]["paragraphs"])]
    found.append(Adopted(("links", "heading"), data["links"]["heading"]))
    for i, link in enumerate(data["links"]["items"]):
        found += [Adopted(("links", "items", i, "text"), link["text"]), Adopted(("links", "items", i, "label"), link["label"])]
    found += [Adopted(("footnotes", i, "text"), f"{f['mark']} {f['text']}") for i, f in enumerate(data["footnotes"])]
    found.append(Adopted(("actions_intro", "heading"), data["actions_intro"]["heading"]))
    found.append(Adopted(("actions_intro", "text"), data["actions_intro"]["text"]))
    for r, rec in enumerate(data["recommendations"]):
        if rec.get("addition"):
            continue
        found.append(Adopted(("recommendations", r, "title"), f"{rec['number']}. {rec['title']}"))
        found += [Adopted(("recommendations", r, "body"), p) for p in _paragraphs(rec["body"])]
    for r, role in enumerate(data["roles"]):
        found += [Adopted(("roles", r, "excerpts", e, "text"), x["text"], "quote") for e, x in enumerate(role["excerpts"])]
    for g, term in enumerate(data["glossary"]):
        if term.get("source"):  # without a source the explanation is the site's own
            found.append(Adopted(("glossary", g, "definition"), term["definition"], "quote"))
    return found


def adopted_rows(data: dict) -> list[tuple[Path_, tuple[str, str, str, str]]]:
    """(path, (Vad, När, Vem, Uppföljning)) of every action that is not an addition."""
    rows = []
    for r, rec in enumerate(data["recommendations"]):
        if rec.get("addition"):
            continue
        for a, action in enumerate(rec["actions"]):
            if action.get("addition"):
                continue
            who = action["who"]["text"] if action.get("who") else ""
            rows.append((("recommendations", r, "actions", a), (action["what"], str(action["due"]), who, action["follow_up"])))
    return rows


# --- The comparison -----------------------------------------------------------------

_CELLS = ("what", "due", "who", "follow_up")


def compare(source: Source, document: SourceDocument) -> list[Problem]:
    """Every difference between the file's adopted text and the source document."""
    data = source.data
    problems: list[Problem] = []
    shown = _shown(document.path)
    lines = {t.norm for t in document.texts}
    folded = {t.norm.casefold() for t in document.texts}
    covered: set[str] = set()
    near: set[int] = set()  # source lines already named as the nearest wording: not reported again as missing
    for item in adopted_texts(data):
        text = normalise(item.text)
        covered.add(text)
        if item.kind == "quote":
            if text in document.whole or (item.casefold and text.casefold() in document.whole.casefold()):
                continue
        elif (text.casefold() in folded) if item.casefold else (text in lines):
            continue
        nearest = _nearest(text, document.passages if item.kind == "quote" else document.texts, key=lambda t: t.norm)
        if nearest and item.kind == "line":
            near.add(nearest.line)
        problems.append(_differs(source, item.path, item.text, nearest.raw if nearest else None, nearest.line if nearest else None, shown))

    problems += _facts(source)
    rows = {row.norm: row for row in document.rows}
    matched: set[int] = set()
    changed = []
    for path, cells in adopted_rows(data):
        norm = tuple(normalise(c) for c in cells)
        if norm in rows and rows[norm].line not in matched:
            matched.add(rows[norm].line)
        else:
            changed.append((path, cells, norm))
    for path, cells, norm in changed:
        # A changed action is named against the nearest source row no other action has taken.
        nearest = max((r for r in document.rows if r.line not in matched), key=lambda row: _row_likeness(norm, row.norm), default=None)
        if nearest is None:
            closest = _nearest(norm[0], [r for r in document.rows], key=lambda row: row.norm[0])
            problems.append(_differs(source, path + ("what",), cells[0], closest and closest.raw[0], closest and closest.line, shown))
            continue
        matched.add(nearest.line)
        for name, mine, theirs, raw in zip(_CELLS, norm, nearest.norm, nearest.raw):
            if mine != theirs:
                field = path + (name,) if name != "who" or data_at(data, path + ("who",)) is None else path + ("who", "text")
                problems.append(_differs(source, field, dict(zip(_CELLS, cells))[name], raw or "(tom cell)", nearest.line, shown))

    for text in document.required():
        if text.norm not in covered and text.line not in near:
            problems.append(_missing(f'"{text.raw}"', text.line, shown))
    for row in document.rows:
        if row.line not in matched:
            problems.append(_missing("åtgärden \"" + " | ".join(c or "(tom)" for c in row.raw) + '"', row.line, shown))
    return sorted(set(problems))


def _facts(source: Source) -> list[Problem]:
    """Who adopted the plan and when must agree with the adopted wording ("… den 30 maj 2016")."""
    doc = source.data["document"]
    adopted = normalise(doc["adopted_text"])
    facts = {"adopted_by": doc["adopted_by"], "adopted_on": swedish_date(doc["adopted_on"])}
    return [
        Problem(source.line_of(("document", name)), f"document.{name}", f'stämmer inte med adopted_text: "{value}" står inte i "{adopted}".')
        for name, value in facts.items()
        if normalise(value) not in adopted
    ]


def data_at(data, path: Path_):
    for part in path:
        data = data[part]
    return data


def _row_likeness(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    return sum(difflib.SequenceMatcher(None, x, y).ratio() * (3 if i == 0 else 1) for i, (x, y) in enumerate(zip(a, b)))


def _nearest(text: str, candidates, key):
    best, best_ratio = None, 0.0
    for candidate in candidates:
        matcher = difflib.SequenceMatcher(None, text, key(candidate), autojunk=False)
        if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio and (ratio := matcher.ratio()) > best_ratio:
            best, best_ratio = candidate, ratio
    return best


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)  # as the command's user reaches it
    except ValueError:  # another drive on Windows
        return str(path)


def _differs(source: Source, path: Path_, text: str, nearest: str | None, at: int | None, shown: str) -> Problem:
    if nearest is None:
        message = f"texten finns inte i den antagna planen ({shown})."
    else:
        message = (
            f"texten står inte ordagrant som i den antagna planen. Källan ({shown}, rad {at}) har närmast: \"{nearest}\"."
            + _first_difference(normalise(str(text)), normalise(nearest))
        )
    if path[0] == "recommendations":
        message += " Skriv planens ordalydelse, eller märk en ny rekommendation eller åtgärd som tillägg med addition: {date, note}."
    else:
        message += " Skriv planens ordalydelse."
    return Problem(source.line_of(path), format_path(path), message)


def _first_difference(mine: str, theirs: str) -> str:
    a, b = mine.split(), theirs.split()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            here = " ".join(a[i1:i2]) or "(inget)"
            there = " ".join(b[j1:j2]) or "(inget)"
            return f' Första skillnaden: filen har "{here}", källan "{there}".'
    return ""


def _missing(what: str, at: int, shown: str) -> Problem:
    return Problem(0, "", f"{what} står i den antagna planen ({shown}, rad {at}) men inte i filen. Planens text ska stå med ordagrant.")


# --- Entry points ------------------------------------------------------------------


def check(
    plan_file: str | os.PathLike, source_document: str | os.PathLike | None = None, config_file: str | os.PathLike = CONFIG_FILE
) -> list[Problem]:
    """Problems of a valid plan file against the source document (source_path: given, or configured
    in config_file); raises PlanError or SourceMissing."""
    plan_file = Path(plan_file)
    load_plan(plan_file)  # only a valid file is compared: the structure below is then known
    document = read_source_document(source_path(source_document, config_file))
    source, problems = read_plan_source(plan_file)
    if source is None:  # pragma: no cover - load_plan has just read it
        raise PlanError(str(plan_file), problems)
    return compare(source, document)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m boras_plan.faithfulness",
        description="Jämför planens text i plan.yaml med den antagna planen (källdokumentet).",
    )
    parser.add_argument("plan", nargs="?", default=os.environ.get("PLAN_FILE") or "data/plan.yaml", help="planfilen (standard: data/plan.yaml)")
    parser.add_argument("--source", help="källdokumentet (standard: SOURCE_DOCUMENT eller mkdocs.yml, extra.source_document)")
    parser.add_argument("-f", "--config-file", default=CONFIG_FILE, help="mkdocs.yml med extra.source_document (standard: mkdocs.yml här)")
    args = parser.parse_args(argv)
    try:
        problems = check(args.plan, args.source, args.config_file)
    except PlanError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except SourceMissing as error:
        print(error, file=sys.stderr)
        return 2
    shown = _shown(source_path(args.source, args.config_file))
    if problems:
        print(f"{args.plan}: {len(problems)} skillnader mot den antagna planen ({shown}).", file=sys.stderr)
        for problem in problems:
            print("  " + problem.format(args.plan), file=sys.stderr)
        print("Planens text ska stå ordagrant. Se REDAKTORSGUIDE.md, ”När planen revideras”.", file=sys.stderr)
        return 1
    print(f"{args.plan} stämmer ordagrant med den antagna planen ({shown}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
