"""The editors' form (Decap CMS at /admin/): its config.yml, generated from the model and the plan.

The build writes admin/config.yml for the plan it builds (render.py), so the form always
lists the plan's actions; `python -m boras_plan.cms_config` prints it. Labels and hints are the model's Swedish
descriptions, choices its allowed values, dates and numbers its patterns, and the
follow-up form lists the plan's actions by id and Vad. The form writes only the
editors' files (plan_files); plan.yaml, the adopted plan, is not in it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from .loader import load_plan
from .model import Plan
from .plan_files import FOLLOW_UP_FIELDS, FOLLOW_UP_FILE, FOLLOW_UP_LIST, SITE_FILE, SITE_GLOSSARY, SITE_SECTIONS
from .schema import _model_schema
from .schema_check import _PATTERNS

ROOT = Path(__file__).resolve().parent.parent
CONFIG_NAME = "config.yml"  # under routes.ADMIN_DIR, beside the form's index.html
PLAN_FILE = ROOT / "data" / "plan.yaml"
# The repository on GitHub and the sign-in proxy (REDAKTORSGUIDE.md, "Logga in"): Borås Stad's to set.
REPOSITORY = "borasstad/motverka-extremism"
AUTH_PROXY = "https://cms-inloggning.boras.se"
# decap-server on the editor's own machine (and in the browser test): only used when /admin/ is opened on 127.0.0.1.
LOCAL_BACKEND = "http://127.0.0.1:8081/api/v1"
LONG_TEXT = 400  # a maxLength above this gets a text area, not a one-line field
_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _label(description: str | None, name: str) -> str:
    """The field's name in the form: the description's first phrase ('Telefon, t.ex. …' -> 'Telefon')."""
    description = re.sub(r"^(true|false): ", "", description or "")  # 'true: förklaringen visas …'
    first = re.split(r"[.,:(]\s|[.:]$|\s\(", description or "", maxsplit=1)[0].strip()
    if len(first) > 60:  # a long first phrase: its first words
        first = first[:60].rsplit(" ", 1)[0] + " …"
    return first or name


class _Fields:
    """Decap fields from the model's JSON Schema."""

    def __init__(self, schema: dict):
        self.defs = schema["$defs"]

    def resolve(self, node: dict) -> tuple[dict, bool]:
        """(the node, nullable) with $ref and 'X or null' unwrapped."""
        nullable = False
        if "anyOf" in node:
            options = [o for o in node["anyOf"] if o.get("type") != "null"]
            nullable = len(options) < len(node["anyOf"])
            node = {**options[0], **{k: v for k, v in node.items() if k != "anyOf"}}
        if "$ref" in node:
            target = self.defs[node["$ref"].rsplit("/", 1)[-1]]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node, nullable

    def object_fields(self, node: dict) -> list[dict]:
        required = set(node.get("required", ()))
        return [self.field(name, prop, name in required) for name, prop in node.get("properties", {}).items()]

    def field(self, name: str, prop: dict, required: bool) -> dict:
        node, nullable = self.resolve(prop)
        description = prop.get("description") or node.get("description")
        out: dict = {"name": name, "label": _label(description, name)}
        if description:
            out["hint"] = description
        out.update(self.widget(node))
        if nullable or not required:
            out["required"] = False
        return out

    def widget(self, node: dict) -> dict:
        if "enum" in node or "const" in node:
            return {"widget": "select", "options": list(node.get("enum") or [node["const"]])}
        kind = node.get("type")
        if kind == "boolean":
            return {"widget": "boolean", "default": bool(node.get("default", False))}
        if kind == "integer":
            out = {"widget": "number", "value_type": "int"}
            for decap, schema_key in (("min", "minimum"), ("max", "maximum")):
                if schema_key in node:
                    out[decap] = node[schema_key]
            return out
        if kind == "array":
            items, _ = self.resolve(node["items"])
            if items.get("type") == "object":
                return {"widget": "list", "fields": self.object_fields(items)}
            return {"widget": "list", "field": {"name": "text", "label": "Text", **self.widget(items)}}
        if kind == "object":
            return {"widget": "object", "fields": self.object_fields(node)}
        out = {"widget": "text" if node.get("maxLength", 0) > LONG_TEXT else "string"}
        pattern = node.get("pattern")
        if pattern == _DATE:
            out["pattern"] = [pattern, "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-03."]
        elif pattern:
            expected = _PATTERNS.get(pattern, ("", "rätt form"))[1]
            out["pattern"] = [pattern, f"Här ska stå {expected}."]
        elif node.get("format") == "uri":
            out["pattern"] = ["^https?://\\S+$", "Skriv en webbadress som börjar med https://."]
        return out


def _action_label(action) -> str:
    """'5.2 Tillsammans med …': the action's id and the start of its Vad."""
    what = action.what if len(action.what) <= 90 else action.what[:89].rsplit(" ", 1)[0] + " …"
    return f"{action.id} {what}"


def cms_config(plan: Plan) -> dict:
    schema = _model_schema()
    fields = _Fields(schema)
    action = schema["$defs"]["Action"]["properties"]
    entry_fields = [
        {
            "name": "id",
            "label": "Åtgärd",
            "hint": "Välj åtgärden som rapporten gäller. Planens text ändras inte här.",
            "widget": "select",
            "options": [{"label": _action_label(a), "value": a.id} for a in plan.actions],
        },
        *(fields.field(name, action[name], False) for name in FOLLOW_UP_FIELDS),
    ]
    entry_fields[-1]["label_singular"] = "anteckning"  # the log: "Lägg till anteckning"
    site = schema["properties"]
    return {
        "locale": "sv",
        "backend": {
            "name": "github",
            "repo": REPOSITORY,
            "branch": "main",
            "base_url": AUTH_PROXY,
            "squash_merges": True,
            "commit_messages": {
                "create": "Redaktör: skapa {{slug}}",
                "update": "Redaktör: uppdatera {{path}}",
                "delete": "Redaktör: ta bort {{path}}",
                "uploadMedia": "Redaktör: ladda upp {{path}}",
                "deleteMedia": "Redaktör: ta bort {{path}}",
            },
        },
        "local_backend": {"url": LOCAL_BACKEND, "allowed_hosts": ["127.0.0.1", "localhost"]},
        # Draft, ready, publish: every save is a branch and a pull request; publish merges it after its checks.
        "publish_mode": "editorial_workflow",
        "media_folder": "docs/assets/uploads",
        "show_preview_links": False,
        "editor": {"preview": False},
        "collections": [
            {
                "name": "uppfoljning",
                "label": "Uppföljning",
                "description": "Status och uppföljningslogg för planens åtgärder. En post per åtgärd.",
                "editor": {"preview": False},
                "files": [
                    {
                        "name": "uppfoljning",
                        "label": "Uppföljning per åtgärd",
                        "file": f"data/{FOLLOW_UP_FILE}",
                        "fields": [
                            {
                                "name": FOLLOW_UP_LIST,
                                "label": "Åtgärder",
                                "label_singular": "rapport för en åtgärd",
                                "hint": "Lägg till en post för varje åtgärd som har något att rapportera.",
                                "widget": "list",
                                "summary": "{{fields.id}}: {{fields.status}}",
                                "fields": entry_fields,
                            }
                        ],
                    }
                ],
            },
            {
                "name": "webbplats",
                "label": "Webbplatsens texter",
                "description": "Texter som webbplatsen själv skriver: kontakt, hjälp, öppna data, tillgänglighet, sammanfattningar och ordlistans egna begrepp.",
                "editor": {"preview": False},
                "files": [
                    {
                        "name": "webbplats",
                        "label": "Webbplatsens texter",
                        "file": f"data/{SITE_FILE}",
                        "fields": [fields.field(k, site[k], False) for k in (*SITE_SECTIONS, SITE_GLOSSARY)],
                    }
                ],
            },
        ],
    }


def config_text(plan: Plan) -> str:
    header = "# Generated by the build (boras_plan/cms_config.py) from the model and the plan.\n"
    return header + yaml.safe_dump(cms_config(plan), allow_unicode=True, sort_keys=False, width=120)


def main() -> int:
    sys.stdout.write(config_text(load_plan(PLAN_FILE)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
