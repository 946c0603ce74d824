"""boras_plan.published: one list of the files the site publishes drives the build, the package and the catalogue."""

from __future__ import annotations

import datetime as dt
import json

from boras_plan import deployment, published
from boras_plan.routes import DATA_DIR
from tests.conftest import ROOT

TODAY = dt.date(2026, 12, 1)
DEPLOYMENT = deployment.read(ROOT / "mkdocs.yml")


def test_a_build_without_a_site_address_writes_no_catalogue(plan):
    files = published.generated_files(published.Inputs(plan, TODAY, None, None, DEPLOYMENT))
    assert set(files) == {f.path for f in published.FILES if not f.needs_site_url}
    assert all(isinstance(text, str) and text for text in files.values())


def test_a_build_with_a_site_address_writes_every_file(plan):
    files = published.generated_files(published.Inputs(plan, TODAY, "https://example.se/plan/", "2026-11-24", DEPLOYMENT))
    assert set(files) == {f.path for f in published.FILES}
    assert all(isinstance(text, str) and text for text in files.values())


def test_the_package_and_the_catalogue_describe_files_of_the_list(plan):
    package = json.loads(published.generated_files(published.Inputs(plan, TODAY, None, None, DEPLOYMENT))[f"{DATA_DIR}/datapackage.json"])
    assert [r["path"] for r in package["resources"]] == ["atgarder.csv", "plan.json", "plan.schema.json"]
    for resource in package["resources"]:
        assert resource["mediatype"] == published.by_name(resource["path"]).media_type
    assert {f.name for f in published.DISTRIBUTIONS} == {"plan.json", "atgarder.csv", "plan.schema.json"}


def test_every_file_on_the_open_data_page_is_described_and_has_a_format():
    for f in published.FILES:
        if f.page_format:
            assert f.description and f.path.startswith(DATA_DIR + "/")
        if f.file_type:
            assert f.title and f.description and f.page_format
