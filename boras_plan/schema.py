"""The editors' JSON Schema, generated from the model: `python -m boras_plan.schema [--check]`.

data/plan.schema.json is what YAML-aware editors (the modeline in plan.yaml)
use for completion and explanations. It is never edited by hand; a unit test
fails when the committed file differs from what the model generates.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .model import Plan

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "plan.schema.json"


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


def plan_schema() -> dict:
    generated = Plan.model_json_schema(by_alias=True, mode="validation")
    _drop_titles(generated)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "plan.schema.json",
        "title": Plan.model_config["title"],
        **generated,
    }


def schema_text() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"


def load_schema(path: Path = SCHEMA_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--check" in args:
        if SCHEMA_PATH.read_text(encoding="utf-8") != schema_text():
            print(f"{SCHEMA_PATH.name} är inaktuell: kör python -m boras_plan.schema", file=sys.stderr)
            return 1
        return 0
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"Skrev {SCHEMA_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
