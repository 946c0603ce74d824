"""The built site's data/datapackage.json and the "Öppna data" page that explains the CSV's columns."""

from __future__ import annotations

import csv
import html
import io
import re
import json

from frictionless import validate

from boras_plan import datapackage, exports
from tests.helpers import article_text


def test_the_published_package_validates_against_the_files_beside_it(site_dir, plan):
    package = site_dir / "data" / datapackage.NAME
    report = validate(str(package))
    assert report.flatten(["type", "rowNumber", "fieldName", "note"]) == [] and report.valid
    described = [r["path"] for r in json.loads(package.read_text(encoding="utf-8"))["resources"]]
    assert described == [exports.CSV_NAME, exports.JSON_NAME, exports.SCHEMA_NAME]
    assert all((site_dir / "data" / path).is_file() for path in described)
    rows = list(csv.DictReader(io.StringIO((site_dir / "data" / exports.CSV_NAME).read_text(encoding="utf-8-sig"))))
    assert [row["id"] for row in rows] == [a.id for a in plan.actions]


def test_the_open_data_page_explains_every_column_in_file_order(html_pages):
    page = html_pages["oppna-data/"]
    table = page.split('<table class="column-docs">')[1].split("</table>")[0]
    shown = [html.unescape(cell) for cell in re.findall(r"<th scope=\"row\"><code>([^<]+)</code>", table)]
    assert shown == list(exports.CSV_COLUMNS)
    for column in datapackage.csv_columns():
        assert html.escape(column.description, quote=False) in table, column.name
    assert f'href="../data/{datapackage.NAME}"' in page
    assert "apostrof" in article_text(page)  # the formula guard is explained where the columns are
