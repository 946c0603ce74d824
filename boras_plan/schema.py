"""The editors' JSON Schemas, generated from the model: `python -m boras_plan.schema [--check]`.

data/plan.schema.json (plan.yaml), data/uppfoljning/ and data/webbplats/ hold the editors'
files (plan_files); their schemas, uppfoljning.schema.json (one report) and webbplats.schema.json
(one section of the site's texts), stand beside plan.schema.json and are what YAML-aware editors use for
completion and explanations. They are never edited by hand; a unit test fails when
a committed file differs from what the model generates.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .model import Plan, Report, SiteTexts
from .plan_files import FOLLOW_UP_DIR, FOLLOW_UP_FIELDS, SITE_DIR, SITE_SECTIONS

DATA = Path(__file__).resolve().parent.parent / "data"
SCHEMA_PATH = DATA / "plan.schema.json"


def _drop_titles(node) -> None:
    """pydantic titles every field in English ('Adopted On'); editors get the Swedish descriptions."""
    if isinstance(node, dict):
        if isinstance(node.get("title"), str):
            del node["title"]
        for child in node.values():
            _drop_titles(child)
    elif isinstance(node, list):
        for child in node:
            _drop_titles(child)


def model_schema() -> dict:
    """The model's JSON Schema with Swedish descriptions only (the form and its words read it)."""
    generated = Plan.model_json_schema(by_alias=True, mode="validation")
    _drop_titles(generated)
    return generated


def plan_schema() -> dict:
    generated = model_schema()
    # The site's sections stand in data/webbplats/, reports in data/uppfoljning/.
    generated["required"] = [k for k in generated["required"] if k not in SITE_SECTIONS]
    for key in SITE_SECTIONS:
        generated["properties"].pop(key, None)
    for key in FOLLOW_UP_FIELDS:
        generated["$defs"]["Action"]["properties"].pop(key, None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "plan.schema.json",
        "title": Plan.model_config["title"],
        **generated,
    }


def merged_schema() -> dict:
    """The whole plan as the site publishes it (plan.json): the adopted plan with its reports and the site's texts."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "plan.schema.json",
        "title": Plan.model_config["title"],
        **model_schema(),
        "description": "Struktur för plan.json: den antagna planen med uppföljningen och webbplatsens egna texter.",
    }


def _part_schema(model, path: str, title: str, **extra) -> dict:
    """The schema of one editors' file, from its model (model.Report, model.SiteTexts)."""
    generated = model.model_json_schema(by_alias=True, mode="validation")
    _drop_titles(generated)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": path,
        "title": title,
        **generated,
        **extra,
    }


def site_schema() -> dict:
    """A file in data/webbplats/ holds one section of the site's texts."""
    schema = _part_schema(SiteTexts, f"{SITE_DIR}.schema.json", "Webbplatsens egna texter", minProperties=1, maxProperties=1)
    schema.pop("required", None)  # each file holds one of the sections
    schema["description"] = f"Struktur för en fil i data/{SITE_DIR}/: ett avsnitt av webbplatsens egna texter (formuläret på /admin/)."
    return schema


def follow_up_schema() -> dict:
    """A file in data/uppfoljning/ holds one action's report."""
    return _part_schema(Report, f"{FOLLOW_UP_DIR}.schema.json", "Uppföljning av en åtgärd")


SCHEMAS = {
    SCHEMA_PATH: plan_schema,
    DATA / f"{FOLLOW_UP_DIR}.schema.json": follow_up_schema,
    DATA / f"{SITE_DIR}.schema.json": site_schema,
}


def schema_text(make=plan_schema) -> str:
    return json.dumps(make(), ensure_ascii=False, indent=2) + "\n"


def load_schema(path: Path = SCHEMA_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    stale = [path for path, make in SCHEMAS.items() if not path.exists() or path.read_text(encoding="utf-8") != schema_text(make)]
    if "--check" in args:
        for path in stale:
            print(f"{path.name} är inaktuell: kör python -m boras_plan.schema", file=sys.stderr)
        return 1 if stale else 0
    for path, make in SCHEMAS.items():
        path.write_text(schema_text(make), encoding="utf-8")
        print(f"Skrev {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
