"""The published open-data catalog against DCAT-AP 3.0.1's official SHACL shapes (pyshacl).

The catalog is the one the deploy publishes: the site built from the plan under test with
SITE_URL set (boras_plan/dcat.py writes data/katalog.rdf). It breaks no rule of shapes.ttl
(mandatory properties, cardinalities) or range.ttl (the class of every object), and the
warnings of shapes_recommended.ttl are exactly the recommended properties the site leaves
out on purpose and explains on the Öppna data page (dcat.unstated): nothing else missing,
nothing explained that is not missing.

The shapes are the EU's, read where they are kept beside the repository
(../shared/dcat-ap-3.0.1/, with their licence), never copied into it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace
from rdflib.namespace import DCAT, DCTERMS

from boras_plan import dcat
from boras_plan.git_dates import last_changed
from boras_plan.plan_files import plan_files
from tests.conftest import PUBLISHED_URL, ROOT

SHAPES = ROOT.parent / "shared" / "dcat-ap-3.0.1"
SH = Namespace("http://www.w3.org/ns/shacl#")


def shapes(name: str) -> Graph:
    path = SHAPES / name
    if not path.is_file():
        pytest.fail(f"DCAT-AP:s SHACL-former saknas: {path} (de ligger bredvid förrådet, i ../shared/dcat-ap-3.0.1/)")
    return Graph().parse(path, format="turtle")


def results(data: Graph, shapes_name: str) -> list[dict]:
    """Every result of validating data against the shapes: severity, focus node's classes, path, message."""
    from pyshacl import validate

    _, report, _ = validate(data, shacl_graph=shapes(shapes_name), inference="none", allow_warnings=True)
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        found.append({
            "severity": report.value(result, SH.resultSeverity),
            "classes": {str(c) for c in data.objects(focus, RDF.type)},
            "path": str(report.value(result, SH.resultPath)),
            "text": f"{focus} {report.value(result, SH.resultPath)}: {report.value(result, SH.resultMessage)}",
        })
    return found


@pytest.fixture(scope="module")
def catalog(published_site_dir) -> Graph:
    return Graph().parse(published_site_dir / "data" / dcat.RDF_NAME, format="xml")


@pytest.mark.parametrize("shapes_name", ["shapes.ttl", "range.ttl"])
def test_the_catalog_breaks_no_rule_of_dcat_ap(catalog, shapes_name):
    violations = [r["text"] for r in results(catalog, shapes_name) if r["severity"] == SH.Violation]
    assert violations == [], "\n".join(violations)


def in_history(plan_file) -> bool:
    """Whether git knows the day the plan's data last changed (the catalog's dct:modified)."""
    dates = last_changed(ROOT)
    return any(Path(f).is_relative_to(ROOT) and Path(f).relative_to(ROOT).as_posix() in dates for f in plan_files(plan_file))


def explained_omissions(plan, plan_file) -> set[tuple[str, str]]:
    """(class, property) of every recommended property the site says it leaves out: dcat.unstated,
    and the licence of the catalog and its files while none is decided (dcat.missing_facts says so).
    A plan outside git's history (a generated one) has no day of change: its catalog has no
    dct:modified. The deployed plan always has one (publish.yml builds a checkout of main)."""
    explained = {(item.target, item.iri) for item in dcat.unstated(plan)}
    if not (plan.open_data and plan.open_data.licence):
        assert any("Ingen licens" in fact or "open_data" in fact for fact in dcat.missing_facts(plan, PUBLISHED_URL))
        explained |= {(str(DCAT.Catalog), str(DCTERMS.license)), (str(DCAT.Distribution), str(DCTERMS.license))}
    if not in_history(plan_file):
        explained.add((str(DCAT.Catalog), str(DCTERMS.modified)))
    return explained


def test_the_recommended_properties_left_out_are_exactly_those_the_site_explains(catalog, plan, plan_file):
    found = results(catalog, "shapes_recommended.ttl")
    assert {r["severity"] for r in found} <= {SH.Warning}, [r["text"] for r in found if r["severity"] != SH.Warning]
    warned = {(cls, r["path"]) for r in found for cls in r["classes"]}
    explained = explained_omissions(plan, plan_file)
    unexplained = sorted(r["text"] for r in found if not any((cls, r["path"]) in explained for cls in r["classes"]))
    assert unexplained == [], "rekommenderade uppgifter saknas utan förklaring:\n" + "\n".join(unexplained)
    assert explained <= warned, f"förklarat som utelämnat men finns i katalogen: {sorted(explained - warned)}"


def test_the_check_sees_a_missing_mandatory_property(catalog):
    """The check itself: a catalog without its title breaks shapes.ttl."""
    broken = Graph()
    for triple in catalog:
        broken.add(triple)
    for node in catalog.subjects(RDF.type, DCAT.Catalog):
        broken.remove((node, DCTERMS.title, None))
    assert any(r["severity"] == SH.Violation and r["path"] == str(DCTERMS.title) for r in results(broken, "shapes.ttl"))
