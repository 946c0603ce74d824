"""The DCAT catalog as an rdflib graph, and its two files in a stable order (dcat.py uses it; nothing here imports dcat.py)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS

from . import eu_vocabularies as vocab
from .model import Plan

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
# Sveriges dataportal's form for an organisation's IRI: "SE" + the organisation number's digits.
ORGANISATION_IRI = "http://dataportal.se/organisation/SE{digits}"
IANA = "http://www.iana.org/assignments/media-types/"


# rdflib writes subjects and properties in set order, which changes from run to run;
# the build must be reproducible, so both files are put in one order afterwards.


def stable_xml(graph: Graph) -> str:
    """RDF/XML, one rdf:Description per resource (no nesting), children in a fixed order."""
    for prefix, ns in graph.namespaces():
        ET.register_namespace(prefix, str(ns))
    root = ET.fromstring(graph.serialize(format="xml", encoding="utf-8"))

    def order(element: ET.Element) -> None:
        for child in element:
            order(child)
        element[:] = sorted(element, key=ET.tostring)

    order(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def stable_jsonld(graph: Graph) -> str:
    data = json.loads(graph.serialize(format="json-ld", auto_compact=True))

    def order(node):
        if isinstance(node, dict):
            return {k: order(v) for k, v in node.items()}
        if isinstance(node, list):
            return sorted((order(v) for v in node), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        return node

    return json.dumps(order(data), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def build_graph(plan: Plan, base: str, modified: str | None, distributions) -> Graph:
    """The catalog as an RDF graph. `base` is the site's absolute address, ending in '/';
    distributions: the published files it describes (published.PublishedFile)."""
    doc = plan.document
    facts = plan.open_data
    g = Graph(bind_namespaces="core")  # rdf, rdfs, xsd, xml, owl: not rdflib's thirty defaults
    for prefix, ns in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("skos", SKOS), ("vcard", VCARD)):
        g.bind(prefix, ns)

    def sv(text: str) -> Literal:
        return Literal(text, lang="sv")

    landing = URIRef(base + "oppna-data/")
    catalog_iri = URIRef(base + "oppna-data/#katalog")
    dataset = URIRef(base + "oppna-data/#dataset")
    swedish = URIRef(EU + "language/SWE")

    # DCAT-AP 3.0.1's range shapes (range.ttl): every object of a property has the class the
    # profile gives that property's range, stated in the catalog itself.
    def typed(iri: str, cls: URIRef) -> URIRef:
        node = URIRef(iri)
        g.add((node, RDF.type, cls))
        return node

    def concept(iri: str, label: Literal) -> URIRef:
        node = typed(iri, SKOS.Concept)
        g.add((node, SKOS.prefLabel, label))  # DCAT-AP: mandatory on every concept
        return node

    typed(swedish, DCTERMS.LinguisticSystem)
    typed(base, FOAF.Document)
    typed(landing, FOAF.Document)

    # Publisher: dataportal.se's IRI when the organisation number is known, else one on this site.
    number = facts.organisation_number if facts else None
    publisher = URIRef(ORGANISATION_IRI.format(digits=number.replace("-", "")) if number else base + "oppna-data/#utgivare")
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, RDF.type, FOAF.Organization))
    g.add((publisher, FOAF.name, sv(doc.organisation)))
    g.add((publisher, DCTERMS.type, concept(vocab.LOCAL_AUTHORITY, Literal(vocab.LOCAL_AUTHORITY_LABEL, lang="en"))))
    if number:
        g.add((publisher, DCTERMS.identifier, Literal(number)))

    contact = URIRef(base + "kontakt/#boras-stad")
    g.add((contact, RDF.type, VCARD.Kind))
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, sv(plan.contact.organisation)))
    g.add((contact, VCARD.hasEmail, URIRef("mailto:" + plan.contact.email)))

    licence = facts.licence if facts else None
    licence_iri = URIRef(licence.url) if licence else None
    if licence_iri:
        g.add((licence_iri, RDF.type, DCTERMS.LicenseDocument))
        g.add((licence_iri, RDFS.label, Literal(licence.name)))

    g.add((catalog_iri, RDF.type, DCAT.Catalog))
    g.add((catalog_iri, DCTERMS.title, sv(f"Öppna data: {doc.title}")))
    g.add((catalog_iri, DCTERMS.description, sv("Datamängder som webbplatsen för planen publicerar.")))
    g.add((catalog_iri, DCTERMS.publisher, publisher))
    g.add((catalog_iri, DCTERMS.language, swedish))
    g.add((catalog_iri, FOAF.homepage, URIRef(base)))
    g.add((catalog_iri, DCAT.dataset, dataset))
    if licence_iri:
        g.add((catalog_iri, DCTERMS.license, licence_iri))
    if modified:
        g.add((catalog_iri, DCTERMS.modified, Literal(modified, datatype=XSD.date)))
    if facts:  # the catalog covers the plan's one dataset: its place and its theme's vocabulary
        g.add((catalog_iri, DCTERMS.spatial, typed(facts.spatial, DCTERMS.Location)))
        taxonomy = typed(vocab.DATA_THEME_SCHEME, SKOS.ConceptScheme)
        g.add((taxonomy, DCTERMS.title, Literal(vocab.DATA_THEME_SCHEME_TITLE, lang="en")))  # DCAT-AP: mandatory
        g.add((catalog_iri, DCAT.themeTaxonomy, taxonomy))

    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, sv(doc.title)))
    g.add(
        (
            dataset,
            DCTERMS.description,
            sv(f"{doc.title}: planens text, rekommendationer, åtgärder (vad, när, vem, uppföljning), roller och kontaktuppgifter som öppna data."),
        )
    )
    g.add((dataset, DCTERMS.publisher, publisher))
    g.add((dataset, DCAT.contactPoint, contact))
    g.add((dataset, DCTERMS.issued, Literal(doc.adopted_on, datatype=XSD.date)))
    g.add((dataset, DCTERMS.language, swedish))
    g.add((dataset, DCAT.landingPage, landing))
    g.add((dataset, DCTERMS.accessRights, typed(EU + "access-right/PUBLIC", DCTERMS.RightsStatement)))
    if facts:
        for keyword in facts.keywords:
            g.add((dataset, DCAT.keyword, sv(keyword)))
        theme = concept(facts.theme, sv(vocab.DATA_THEMES[facts.theme]))
        g.add((theme, SKOS.inScheme, URIRef(vocab.DATA_THEME_SCHEME)))
        g.add((dataset, DCAT.theme, theme))
        g.add((dataset, DCTERMS.spatial, typed(facts.spatial, DCTERMS.Location)))
    if modified:
        g.add((dataset, DCTERMS.modified, Literal(modified, datatype=XSD.date)))

    for file in distributions:
        name, title, description, media_type, file_type = file.name, file.title, file.description, file.media_type, file.file_type
        dist = URIRef(base + "oppna-data/#distribution-" + name.replace(".", "-"))
        g.add((dataset, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, sv(title)))
        g.add((dist, DCTERMS.description, sv(description)))
        g.add((dist, DCAT.accessURL, landing))
        g.add((dist, DCAT.downloadURL, URIRef(base + "data/" + name)))
        g.add((dist, DCAT.mediaType, typed(IANA + media_type, DCTERMS.MediaType)))
        g.add((dist, DCTERMS["format"], typed(EU + "file-type/" + file_type, DCTERMS.MediaTypeOrExtent)))
        if licence_iri:
            g.add((dist, DCTERMS.license, licence_iri))
    return g
