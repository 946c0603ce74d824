"""plan.yaml -> Plan: parse, validate (schema and cross-checks), build the model."""

from __future__ import annotations

import os
import re
from pathlib import Path

from . import model as m
from .checks import cross_problems
from .errors import PlanError
from .schema_check import SCHEMA_PATH, schema_problems
from .yaml_source import read_source

_cache: dict[tuple, m.Plan] = {}


def load_plan(path: str | os.PathLike, *, display_path: str | None = None, schema_path: Path = SCHEMA_PATH) -> m.Plan:
    """Read and validate the file; raise PlanError listing every problem.

    Cached on the file's identity and modification time, so one build (and
    every page in it) reads the file once, while `mkdocs serve` rereads an
    edited file.
    """
    path = Path(path)
    shown = display_path or str(path)
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, str(schema_path))
    except OSError:
        key = None
    if key and key in _cache:
        return _cache[key]

    source, problems = read_source(path)
    if source is not None:
        # Both checks, so every problem is listed at once.
        problems = sorted(set(schema_problems(source, schema_path)) | set(cross_problems(source)))
    if problems:
        raise PlanError(shown, problems)
    plan = build_model(source.data)
    if key:
        _cache.clear()  # keep only the newest version
        _cache[key] = plan
    return plan


def _paragraphs(text: str) -> tuple[str, ...]:
    """Blank lines separate paragraphs; line breaks inside one are spaces."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return tuple(" ".join(block.split()) for block in blocks if block.strip())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def build_model(data: dict) -> m.Plan:
    doc = data["document"]
    recommendations = []
    for rec in data["recommendations"]:
        actions = tuple(
            m.Action(
                id=a["id"],
                what=_one_line(a["what"]),
                due=a["due"],
                owner=m.Owner(_one_line(a["who"]["text"]), tuple(a["who"]["roles"])) if a["who"] else None,
                follow_up=_one_line(a["follow_up"]),
                recommendation=rec["number"],
                status=a.get("status"),
                log=tuple(m.LogEntry(e["date"], _one_line(e["text"]), e.get("source")) for e in a.get("log", [])),
                addition=_addition(a),
            )
            for a in rec["actions"]
        )
        recommendations.append(
            m.Recommendation(
                number=rec["number"],
                slug=rec["slug"],
                title=_one_line(rec["title"]),
                paragraphs=_paragraphs(rec["body"]),
                keywords=tuple(_one_line(k) for k in rec.get("keywords", [])),
                actions=actions,
                addition=_addition(rec),
            )
        )
    return m.Plan(
        document=m.Document(
            title=_one_line(doc["title"]),
            organisation=doc["organisation"],
            type=doc["type"],
            adopted_by=doc["adopted_by"],
            adopted_on=doc["adopted_on"],
            adopted_text=_one_line(doc["adopted_text"]),
            applies_to=doc["applies_to"],
            valid_through=doc["valid_through"],
            replaced_by=doc["replaced_by"],
        ),
        document_types_heading=data["document_types"]["heading"],
        document_types=tuple(
            m.DocumentType(t["id"], t["name"], _one_line(t["description"]), g["name"])
            for g in data["document_types"]["groups"]
            for t in g["types"]
        ),
        introduction_heading=data["introduction"]["heading"],
        introduction=tuple(m.Paragraph(_one_line(p["text"]), p.get("definition", False)) for p in data["introduction"]["paragraphs"]),
        links_heading=data["links"]["heading"],
        links=tuple(m.Link(_one_line(x["text"]), x["label"], x["url"]) for x in data["links"]["items"]),
        footnotes=tuple(m.Footnote(f["mark"], _one_line(f["text"])) for f in data["footnotes"]),
        actions_heading=data["actions_intro"]["heading"],
        actions_intro=_one_line(data["actions_intro"]["text"]),
        recommendations=tuple(recommendations),
        roles=tuple(
            m.Role(r["id"], r["name"], tuple(m.Excerpt(e["source"], _one_line(e["text"])) for e in r["excerpts"])) for r in data["roles"]
        ),
        contact=m.Contact(**data["contact"]),
        glossary=tuple(
            m.Term(_one_line(g["term"]), _one_line(g["definition"]), g.get("source"), g.get("tooltip", False)) for g in data["glossary"]
        ),
        open_data=data.get("open_data"),
        accessibility=data.get("accessibility"),
        summaries=data.get("summaries"),
    )


def _addition(item: dict) -> m.Addition | None:
    added = item.get("addition")
    return m.Addition(added["date"], _one_line(added["note"])) if added else None
