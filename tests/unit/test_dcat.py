"""The DCAT-AP-SE catalog: parsed with rdflib, the profile's mandatory classes and properties, and DCAT-AP 3.0.1's ranges."""

from urllib.parse import urlparse

import pytest
from pydantic import ValidationError
from rdflib import RDF, BNode, Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS

from boras_plan import dcat, dcat_graph, eu_vocabularies, exports, published
from boras_plan.model import OpenData
from tests.conftest import FIXTURES
from tests.helpers import load_merged

VCARD = dcat_graph.VCARD
SMALL = load_merged(FIXTURES / "minimal.yaml")
BASE = "https://example.se/plan/"
LICENCE = {"name": "CC0 1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/", "decided_by": "Kommunstyrelsen", "decided_on": "2027-01-15"}
FACTS = {"organisation_number": "212000-0000", "licence": LICENCE, "keywords": ["plan"], "theme": eu_vocabularies.DATA_THEME_SCHEME + "/SOCI", "spatial": "http://x.se/p"}


def with_facts(plan, **changes):
    """The plan with open_data set (validated by the model), e.g. without a licence."""
    return plan.model_copy(update={"open_data": OpenData.model_validate(FACTS | changes)})

# The profile's mandatory properties per class (DCAT-AP-SE 3.0: catalog, dataset, distribution, agent, contact point).
MANDATORY = {
    DCAT.Catalog: (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset),
    DCAT.Dataset: (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.contactPoint),
    DCAT.Distribution: (DCAT.accessURL,),
    FOAF.Agent: (FOAF.name,),
    VCARD.Organization: (VCARD.fn, VCARD.hasEmail),
}


def parsed(plan, base=BASE) -> Graph:
    catalog = dcat.catalog(plan, base, "2026-11-24", published.DISTRIBUTIONS)
    return Graph().parse(data=catalog.rdf_xml, format="xml")


@pytest.mark.parametrize("sample", [SMALL, with_facts(SMALL)], ids=["small", "complete"])
def test_rdf_xml_has_every_mandatory_class_and_property_with_absolute_iris(sample):
    _rdf_xml_has_every_mandatory_class_and_property_with_absolute_iris(sample)


def test_rdf_xml_has_every_mandatory_class_and_property_with_absolute_iris_on_the_plan_under_test(plan):
    _rdf_xml_has_every_mandatory_class_and_property_with_absolute_iris(plan)


def _rdf_xml_has_every_mandatory_class_and_property_with_absolute_iris(plan):
    g = parsed(plan)
    assert len(set(g.subjects(RDF.type, DCAT.Catalog))) == 1
    for cls, properties in MANDATORY.items():
        nodes = set(g.subjects(RDF.type, cls))
        assert nodes, cls
        for node in nodes:
            assert isinstance(node, URIRef), node  # named, never a blank node
            for prop in properties:
                assert g.value(node, prop) is not None, (node, prop)
    for distribution in g.subjects(RDF.type, DCAT.Distribution):
        assert g.value(distribution, DCTERMS["format"]) is not None
    for triple in g:
        for term in triple:
            assert not isinstance(term, BNode), triple
            if isinstance(term, URIRef):
                parts = urlparse(str(term))
                assert parts.scheme in ("http", "https", "mailto") and (parts.netloc or parts.scheme == "mailto"), term


def test_every_published_file_is_a_distribution_under_the_site_address(plan):
    g = parsed(plan)
    urls = sorted(str(u) for u in g.objects(None, DCAT.downloadURL))
    assert urls == sorted(BASE + "data/" + name for name in (exports.JSON_NAME, exports.CSV_NAME, exports.SCHEMA_NAME))
    (dataset,) = g.subjects(RDF.type, DCAT.Dataset)
    assert str(g.value(dataset, DCTERMS.issued)) == plan.document.adopted_on
    assert {str(k) for k in g.objects(dataset, DCAT.keyword)} == set(plan.open_data.keywords)
    assert str(g.value(dataset, DCTERMS.spatial)) == plan.open_data.spatial


def test_licence_and_organisation_number_come_from_the_data_and_nothing_is_invented():
    g = parsed(with_facts(SMALL))
    (catalog,) = g.subjects(RDF.type, DCAT.Catalog)
    assert str(g.value(catalog, DCTERMS.license)) == LICENCE["url"]
    for distribution in g.subjects(RDF.type, DCAT.Distribution):
        assert str(g.value(distribution, DCTERMS.license)) == LICENCE["url"]
    publisher = g.value(catalog, DCTERMS.publisher)
    assert str(publisher) == "http://dataportal.se/organisation/SE2120000000"
    assert str(g.value(publisher, DCTERMS.identifier)) == "212000-0000"
    assert dcat.missing_facts(with_facts(SMALL), BASE) == ()

    bare = with_facts(SMALL, licence=None, organisation_number=None)
    g = parsed(bare)
    assert not set(g.objects(None, DCTERMS.license))
    assert not set(g.objects(None, DCTERMS.identifier))
    missing = " ".join(dcat.missing_facts(bare, BASE))
    assert "licens" in missing and "organisationsnummer" in missing


def test_without_a_site_address_no_catalog_is_made_and_the_reason_is_given(plan):
    catalog = dcat.catalog(plan, None, None, published.DISTRIBUTIONS)
    assert catalog.rdf_xml is None and catalog.jsonld is None
    assert "SITE_URL" in catalog.missing[0] and "inte skörda" in catalog.missing[0]


def test_json_ld_says_the_same_as_the_rdf_xml(plan):
    catalog = dcat.catalog(plan, BASE, "2026-11-24", published.DISTRIBUTIONS)
    xml = Graph().parse(data=catalog.rdf_xml, format="xml")
    jsonld = Graph().parse(data=catalog.jsonld, format="json-ld")
    assert len(xml) == len(jsonld) > 0 and set(xml) == set(jsonld)


def test_the_files_are_the_same_in_every_build(plan_file):
    """rdflib writes in set order; the published files must not change when nothing changed (reproducible builds)."""
    import os
    import subprocess
    import sys

    code = (
        "from boras_plan.loader import load_plan; from boras_plan import dcat, published; "
        f"c = dcat.catalog(load_plan({str(plan_file)!r}), {BASE!r}, '2026-11-24', published.DISTRIBUTIONS); "
        "print(c.rdf_xml + c.jsonld)"
    )
    outputs = {
        subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONHASHSEED=seed), capture_output=True, text=True, check=True).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


# DCAT-AP 3.0.1's range constraints (range.ttl) for the properties the catalog uses:
# (class of the subject, property) -> the class its object must have, stated in the catalog.
RANGES = {
    (DCAT.Catalog, DCAT.dataset): DCAT.Dataset,
    (DCAT.Catalog, DCAT.themeTaxonomy): SKOS.ConceptScheme,
    (DCAT.Catalog, DCTERMS.language): DCTERMS.LinguisticSystem,
    (DCAT.Catalog, DCTERMS.license): DCTERMS.LicenseDocument,
    (DCAT.Catalog, DCTERMS.publisher): FOAF.Agent,
    (DCAT.Catalog, DCTERMS.spatial): DCTERMS.Location,
    (DCAT.Catalog, FOAF.homepage): FOAF.Document,
    (DCAT.Dataset, DCAT.contactPoint): VCARD.Kind,
    (DCAT.Dataset, DCAT.distribution): DCAT.Distribution,
    (DCAT.Dataset, DCAT.landingPage): FOAF.Document,
    (DCAT.Dataset, DCAT.theme): SKOS.Concept,
    (DCAT.Dataset, DCTERMS.accessRights): DCTERMS.RightsStatement,
    (DCAT.Dataset, DCTERMS.language): DCTERMS.LinguisticSystem,
    (DCAT.Dataset, DCTERMS.publisher): FOAF.Agent,
    (DCAT.Dataset, DCTERMS.spatial): DCTERMS.Location,
    (DCAT.Distribution, DCAT.mediaType): DCTERMS.MediaType,
    (DCAT.Distribution, DCTERMS["format"]): DCTERMS.MediaTypeOrExtent,
    (DCAT.Distribution, DCTERMS.license): DCTERMS.LicenseDocument,
    (FOAF.Agent, DCTERMS.type): SKOS.Concept,
    (DCTERMS.LicenseDocument, DCTERMS.type): SKOS.Concept,
}
# IRI-valued properties whose range is any resource (DCAT-AP gives them no class).
ANY_RESOURCE = {RDF.type, DCAT.accessURL, DCAT.downloadURL, VCARD.hasEmail, SKOS.inScheme}


@pytest.mark.parametrize("sample", [SMALL, with_facts(SMALL), with_facts(SMALL, licence=None)], ids=["small", "complete", "no-licence"])
def test_every_object_has_the_class_dcat_ap_gives_its_property(sample):
    _every_object_has_the_class_dcat_ap_gives_its_property(sample)


def test_every_object_has_the_class_dcat_ap_gives_its_property_on_the_plan_under_test(plan):
    _every_object_has_the_class_dcat_ap_gives_its_property(plan)


def _every_object_has_the_class_dcat_ap_gives_its_property(plan):
    g = parsed(plan)
    checked = 0
    for subject, prop, obj in g:
        if not isinstance(obj, URIRef) or prop in ANY_RESOURCE:
            continue
        ranges = {RANGES[cls, prop] for cls in g.objects(subject, RDF.type) if (cls, prop) in RANGES}
        assert ranges, f"{prop} on {subject}: its DCAT-AP range is not in RANGES"
        for cls in ranges:
            assert (obj, RDF.type, cls) in g, f"{obj} (object of {prop}) is not typed {cls}"
            checked += 1
    assert checked


@pytest.mark.parametrize("sample", [with_facts(SMALL)], ids=["complete"])
def test_concepts_have_the_labels_dcat_ap_requires_from_their_vocabulary(sample):
    _concepts_have_the_labels_dcat_ap_requires_from_their_vocabulary(sample)


def test_concepts_have_the_labels_dcat_ap_requires_from_their_vocabulary_on_the_plan_under_test(plan):
    _concepts_have_the_labels_dcat_ap_requires_from_their_vocabulary(plan)


def _concepts_have_the_labels_dcat_ap_requires_from_their_vocabulary(plan):
    g = parsed(plan)
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert concepts
    for concept in concepts:
        assert g.value(concept, SKOS.prefLabel) is not None, concept
    for scheme in g.subjects(RDF.type, SKOS.ConceptScheme):
        assert g.value(scheme, DCTERMS.title) is not None, scheme
    (dataset,) = g.subjects(RDF.type, DCAT.Dataset)
    theme = g.value(dataset, DCAT.theme)
    label = g.value(theme, SKOS.prefLabel)
    assert str(theme) == plan.open_data.theme and label.language == "sv" and str(label) == eu_vocabularies.DATA_THEMES[str(theme)]
    assert str(g.value(theme, SKOS.inScheme)) == str(g.value(next(g.subjects(RDF.type, DCAT.Catalog)), DCAT.themeTaxonomy))


def test_a_theme_outside_the_eu_data_theme_table_is_refused():
    with pytest.raises(ValidationError):
        with_facts(SMALL, theme="http://x.se/t")


def test_every_distribution_is_described_as_on_the_open_data_page(plan):
    g = parsed(plan)
    for distribution in g.subjects(RDF.type, DCAT.Distribution):
        name = str(g.value(distribution, DCAT.downloadURL)).rsplit("/", 1)[-1]
        description = g.value(distribution, DCTERMS.description)
        assert description.language == "sv" and str(description) == published.by_name(name).description


@pytest.mark.parametrize("sample", [SMALL, with_facts(SMALL), with_facts(SMALL, licence=None)], ids=["small", "complete", "no-licence"])
def test_what_the_page_says_the_catalog_leaves_out_is_left_out(sample):
    _what_the_page_says_the_catalog_leaves_out_is_left_out(sample)


def test_what_the_page_says_the_catalog_leaves_out_is_left_out_on_the_plan_under_test(plan):
    _what_the_page_says_the_catalog_leaves_out_is_left_out(plan)


def _what_the_page_says_the_catalog_leaves_out_is_left_out(plan):
    g = parsed(plan)
    for item in dcat.unstated(plan):
        subjects = set(g.subjects(RDF.type, URIRef(item.target)))
        assert subjects, item  # explained only where the resource is in the catalog
        for subject in subjects:
            assert g.value(subject, URIRef(item.iri)) is None, (subject, item.term)
