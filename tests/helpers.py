"""Small helpers shared by tests: load a YAML text, read HTML as plain text."""

from __future__ import annotations

import html
import re
from pathlib import Path

from boras_plan.errors import PlanError
from boras_plan.loader import check_plan
from boras_plan.yaml_source import read_source


# The two screen sizes every user task is tried at.
VIEWPORTS = {
    "phone": {"width": 360, "height": 740},
    "desktop": {"width": 1280, "height": 900},
}

# Page (URL path) and language of each summary the plan may have (Plan.summaries' fields).
SUMMARY_PAGES = {"easy_read": ("lattlast/", "sv"), "finnish": ("suomeksi/", "fi")}


def load_merged(path: Path):
    """A plan whose every part stands in one file (tests/fixtures/*.yaml), as the loader merges
    data/: the model's checks on it, with lines in that file. The file layout is plan_files' job."""
    source, problems = read_source(Path(path))
    if source is None:
        raise PlanError(str(path), problems)
    return check_plan(source, str(path), problems)


def problems_for(text: str, tmp_path: Path, name: str = "plan.yaml") -> list:
    """Write a merged plan's text to a file and return the problems the checks report ([] if valid)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    try:
        load_merged(path)
    except PlanError as error:
        return error.problems
    return []


def visible_text(page_html: str) -> str:
    """The page's text with tags removed and whitespace folded, for 'is it on the page' checks."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page_html, flags=re.S)
    body = re.sub(_BLOCK_TAG, " ", body)  # blocks separate words; inline tags do not
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", body)).split())


_BLOCK_TAG = re.compile(r"</?(p|div|td|th|tr|li|ul|ol|dt|dd|dl|h[1-6]|br|caption|table|blockquote|nav|header|footer|section|article|label|input|option|span class=\"th-question\")\b[^>]*>", re.I)


def article_text(page_html: str) -> str:
    """Visible text of the page's main content only (no navigation, header or footer)."""
    return visible_text(page_html.split("<article", 1)[1].split("</article>", 1)[0])


def plan_words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", text)}


def title_word(plan, rec) -> str | None:
    """The longest word of a recommendation's title that no other text of the plan uses:
    searching for it should find that recommendation's page first."""
    others = [plan.introduction_heading, plan.actions_intro, plan.links_heading]
    others += [p.text for p in plan.introduction] + [t.term + " " + t.definition for t in plan.glossary]
    others += [r.name + " " + " ".join(e.text for e in r.excerpts) for r in plan.roles]
    for other in plan.recommendations:
        if other is not rec:
            others += [other.title, *other.paragraphs, *other.keywords] + [a.what + " " + a.follow_up for a in other.actions]
    used = set().union(*map(plan_words, others))
    words = [w for w in re.findall(r"[^\W\d_]+", rec.title) if len(w) >= 5 and w.casefold() not in used]
    return max(words, key=len, default=None)


def busiest_recommendation(plan):
    """The recommendation with the most actions (a page with an action table), or None."""
    return max(plan.recommendations, key=lambda r: len(r.actions), default=None)
