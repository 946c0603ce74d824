"""The editors' form (Decap CMS at /admin/): its config.yml, generated from the model and the plan.

The build writes admin/config.yml for the plan it builds (render.py), so the form always
lists the plan's actions; `python -m boras_plan.cms_config` prints it. Labels and hints are the model's Swedish
descriptions, choices its allowed values, dates and numbers its patterns. Two collections:
Uppföljning, one file per reported action (data/uppfoljning/<id>.yaml, named by the action
chosen from the plan's), and Webbplatsens texter, one file per section (data/webbplats/).
plan.yaml, the adopted plan, is not in the form. What Decap's config cannot say (one report
per action, a note with every status, real past dates, unset optional groups) is in
docs/admin/start.js.
"""

from __future__ import annotations

import argparse
import os
import re
import sys

import yaml

from .deployment import CONFIG_FILE, Deployment, read as read_deployment
from .loader import load_plan
from .model import Plan
from .plan_files import FOLLOW_UP_DIR, FOLLOW_UP_FIELDS, FOLLOW_UP_FORM, SITE_DIR, SITE_FILES, SITE_FORM, SITE_GLOSSARY
from .schema import model_schema
from .translate import PATTERN_WORDS, label

CONFIG_NAME = "config.yml"  # under routes.ADMIN_DIR, beside the form's index.html
# decap-server on the editor's own machine (scripts/form, the browser test): only used when /admin/ is
# opened on 127.0.0.1. Its port is chosen when the site is built (scripts/form picks a free one).
LOCAL_PORT_ENV = "CMS_LOCAL_PORT"
LOCAL_PORT = 8081
LONG_TEXT = 400  # a maxLength above this gets a text area, not a one-line field
_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DATE_HINT = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-03. Ett datum som har varit, inte ett i framtiden."


def local_backend() -> str:
    """decap-server's address for this build: 127.0.0.1 and the port in CMS_LOCAL_PORT (else 8081)."""
    return f"http://127.0.0.1:{int(os.environ.get(LOCAL_PORT_ENV) or LOCAL_PORT)}/api/v1"


def _label(description: str | None, name: str) -> str:
    """The field's name in the form: the description's first phrase ('Telefon, t.ex. …' -> 'Telefon')."""
    return label(re.sub(r"^(true|false): ", "", description or ""), name)  # 'true: förklaringen visas …'


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

    def object_fields(self, node: dict, optional: bool = False) -> list[dict]:
        required = set(node.get("required", ()))
        return [self.field(name, prop, name in required and not optional) for name, prop in node.get("properties", {}).items()]

    def field(self, name: str, prop: dict, required: bool) -> dict:
        """One field; inside an optional group nothing is required (Decap would demand the
        nested fields of an unset group): the PR check demands a set group's fields."""
        node, nullable = self.resolve(prop)
        description = prop.get("description") or node.get("description")
        out: dict = {"name": name, "label": _label(description, name)}
        if description:
            out["hint"] = description
        out.update(self.widget(node, optional=nullable or not required))
        if out.get("pattern", [None])[0] == _DATE:  # the form's own words for what it accepts
            out["hint"] = DATE_HINT
            out["label"] = out["label"].replace("ÅÅÅÅ-MM-DD", "").strip() or "Datum"
        if nullable or not required:
            out["required"] = False
        return out

    def widget(self, node: dict, optional: bool = False) -> dict:
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
            # Items open: the editor sees every text without a click on each.
            if items.get("type") == "object":
                return {"widget": "list", "collapsed": False, "fields": self.object_fields(items, optional)}
            return {"widget": "list", "collapsed": False, "field": {"name": "text", "label": "Text", **self.widget(items)}}
        if kind == "object":
            return {"widget": "object", "fields": self.object_fields(node, optional)}
        out = {"widget": "text" if node.get("maxLength", 0) > LONG_TEXT else "string"}
        pattern = node.get("pattern")
        if pattern == _DATE:
            out["pattern"] = [pattern, "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-03."]
        elif pattern:
            expected = PATTERN_WORDS.get(pattern, ("", "rätt form"))[1]
            out["pattern"] = [pattern, f"Här ska stå {expected}."]
        elif node.get("format") == "uri":
            out["pattern"] = ["^https?://\\S+$", "Skriv en webbadress som börjar med https://."]
        return out


def _action_label(action) -> str:
    """'5.2 Tillsammans med …': the action's id and the start of its Vad."""
    what = action.what if len(action.what) <= 90 else action.what[:89].rsplit(" ", 1)[0] + " …"
    return f"{action.id} {what}"


# Commit messages name what changed: "Uppföljning 1.1: ny rapport", "Webbplatsens texter kontakt: ändrad".
# Decap offers only the collection's label, the entry's slug (the action's id, the section's file) and its path.
COMMIT_MESSAGES = {
    "create": "{{collection}} {{slug}}: ny rapport",
    "update": "{{collection}} {{slug}}",
    "delete": "{{collection}} {{slug}}: borttagen",
    "uploadMedia": "Fil {{path}}: uppladdad",
    "deleteMedia": "Fil {{path}}: borttagen",
}


def _report_fields(plan: Plan, fields: _Fields, action: dict) -> list[dict]:
    """A report's fields: the action (chosen from the plan's), its status and its notes."""
    out = [
        {
            "name": "id",
            "label": "Åtgärd",
            "hint": "Välj åtgärden som rapporten gäller. Varje åtgärd har en rapport; finns den redan, öppna den i listan.",
            "widget": "select",
            "options": [{"label": _action_label(a), "value": a.id} for a in plan.actions],
        },
        # A report states a status and at least one note (start.js refuses a save without).
        *(fields.field(name, action[name], True) for name in FOLLOW_UP_FIELDS),
    ]
    status, log = out[1], out[2]
    status.update(required=True, hint="Åtgärdens läge nu. Skriv i en anteckning vad som har hänt.")
    log.update(min=1, label="Anteckningar", hint="Daterade anteckningar om vad som har hänt. Lägg till en ny anteckning för varje nytt besked.", label_singular="anteckning", summary="{{fields.date}} {{fields.text}}")
    return out


def _site_fields(fields: _Fields, schema: dict, section: str) -> list[dict]:
    """One section's file: its one top-level key. The form writes glossary terms for the site,
    never the plan's own (those have a source and stay in plan.yaml)."""
    field = fields.field(section, schema["properties"][section], section in schema.get("required", ()))
    if section == SITE_GLOSSARY:
        field["fields"] = [f for f in field["fields"] if f["name"] != "source"]
    return [field]


def cms_config(plan: Plan, deployment: Deployment) -> dict:
    """deployment: the repository and the sign-in service (mkdocs.yml, REDAKTORSGUIDE.md "Logga in")."""
    schema = model_schema()
    fields = _Fields(schema)
    action = schema["$defs"]["Action"]["properties"]
    return {
        "locale": "sv",
        "backend": {
            "name": "github",
            "repo": deployment.repository_name,
            "branch": "main",
            "base_url": deployment.sign_in,
            "squash_merges": True,
            "commit_messages": COMMIT_MESSAGES,
        },
        "local_backend": {"url": local_backend(), "allowed_hosts": ["127.0.0.1", "localhost"]},
        # Draft, ready, publish: every save is a branch and a pull request; publish merges it after its checks.
        "publish_mode": "editorial_workflow",
        "media_folder": "docs/assets/uploads",
        "show_preview_links": False,
        "editor": {"preview": False},
        # File names as the id is written: "1.1" stays "1.1" (Decap's default would write "1-1").
        "slug": {"encoding": "ascii", "clean_accents": False, "sanitize_replacement": "-"},
        "collections": [
            {
                "name": "uppfoljning",
                "label": FOLLOW_UP_FORM,
                "label_singular": FOLLOW_UP_FORM,
                "description": "En rapport per åtgärd: status och daterade anteckningar. Öppna en åtgärds rapport i listan; finns ingen, skapa den med knappen.",
                "folder": f"data/{FOLLOW_UP_DIR}",
                "extension": "yaml",
                "format": "yaml",
                "create": True,
                "slug": "{{id}}",
                "identifier_field": "id",
                "summary": "{{id}}",  # start.js shows the action's name beside its id
                "sortable_fields": ["id"],
                "editor": {"preview": False},
                "fields": _report_fields(plan, fields, action),
            },
            {
                "name": "webbplats",
                "label": SITE_FORM,
                "label_singular": SITE_FORM,
                "description": "Texter som webbplatsen själv skriver, en sida per del. Ändra det som behövs och spara; det du inte rör lämnas som det var.",
                "editor": {"preview": False},
                "files": [
                    {
                        "name": file.removesuffix(".yaml"),
                        "label": label,
                        "file": f"data/{SITE_DIR}/{file}",
                        "fields": _site_fields(fields, schema, section),
                    }
                    for section, (file, label) in SITE_FILES.items()
                ],
            },
        ],
    }


def config_text(plan: Plan, deployment: Deployment) -> str:
    header = "# Generated by the build (boras_plan/cms_config.py) from the model and the plan.\n"
    return header + yaml.safe_dump(cms_config(plan, deployment), allow_unicode=True, sort_keys=False, width=120)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m boras_plan.cms_config", description="Skriver formulärets config.yml för planen.")
    parser.add_argument("plan", nargs="?", default="data/plan.yaml", help="planfilen (standard: data/plan.yaml)")
    parser.add_argument("-f", "--config-file", default=CONFIG_FILE, help="mkdocs.yml med förrådet och inloggningstjänsten")
    args = parser.parse_args(argv)
    sys.stdout.write(config_text(load_plan(args.plan), read_deployment(args.config_file)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
