"""DCAT-AP-SE 3.0 catalog of the published data files, as RDF/XML and JSON-LD.

Built with rdflib from one graph (dcat_graph.py), so both files say the same thing; the
distributions are the published files the registry (published.py) gives it. Every
resource the profile names (catalog, dataset, distributions, publisher,
contact point, licence) is an IRI, never a blank node; IRIs are absolute, so
a catalog is made only for a build with a site address (SITE_URL).
Facts the plan does not state (licence, organisation number, keywords, place)
come from `open_data` in plan.yaml; what is missing is reported, never invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Plan

RDF_NAME = "katalog.rdf"
JSONLD_NAME = "dcat.jsonld"


@dataclass(frozen=True)
class Unstated:
    """A property DCAT-AP 3.0.1 recommends that the catalog leaves out on purpose, and why."""

    subject: str  # Swedish: what the property would describe
    target: str  # that resource's class (the recommended shape's sh:targetClass)
    term: str  # the property as the profile writes it, e.g. dcatap:availability
    iri: str
    why: str  # Swedish, the site's own explanation, shown on the Öppna data page


DCTERMS_NS = "http://purl.org/dc/terms/"
DCAT_NS = "http://www.w3.org/ns/dcat#"
# Facts the data does not hold are left out rather than made up (DCAT-AP: recommended, not mandatory).
UNSTATED = (
    Unstated(
        "Katalogen", DCAT_NS + "Catalog", "dct:issued", DCTERMS_NS + "issued",
        "Dagen då katalogen först publicerades finns inte i datan, och webbplatsen gissar inte.",
    ),
    Unstated(
        "Datamängden", DCAT_NS + "Dataset", "dct:temporal", DCTERMS_NS + "temporal",
        "Ingen tidsperiod anges. Planen gäller en bestämd tid, men uppföljningen kan rapporteras även efter den, "
        "så ingen period täcker hela datamängden.",
    ),
    Unstated(
        "Filerna", DCAT_NS + "Distribution", "dcatap:availability", "http://data.europa.eu/r5r/availability",
        "Ingen planerad tillgänglighet anges. Ingen har beslutat hur länge filerna ska finnas kvar, och katalogen lovar inget som inte är beslutat.",
    ),
    Unstated(
        "Platsen", DCTERMS_NS + "Location", "dcat:bbox", DCAT_NS + "bbox",
        "Platsen anges bara med sin adress i en vokabulär för platser, utan koordinater: datan innehåller inga koordinater.",
    ),
    Unstated(
        "Platsen", DCTERMS_NS + "Location", "dcat:centroid", DCAT_NS + "centroid",
        "Av samma skäl anges ingen mittpunkt för platsen.",
    ),
)
LICENCE_TYPE = Unstated(
    "Licensen", DCTERMS_NS + "LicenseDocument", "dct:type", DCTERMS_NS + "type",
    "Licensens typ enligt vokabulären ADMS anges inte. Beslutet om licensen säger inte vilken typ den har.",
)


def unstated(plan: Plan) -> tuple[Unstated, ...]:
    """The recommended properties this plan's catalog leaves out on purpose (what the data lacks: missing_facts)."""
    facts = plan.open_data
    if not facts:  # no place and no licence in the catalog at all (missing_facts says why)
        return tuple(item for item in UNSTATED if item.target != DCTERMS_NS + "Location")
    return UNSTATED + ((LICENCE_TYPE,) if facts.licence else ())


@dataclass(frozen=True)
class Catalog:
    rdf_xml: str | None  # None: no SITE_URL, nothing harvestable is published
    jsonld: str | None
    missing: tuple[str, ...]  # Swedish sentences: what keeps the catalog from being complete


def missing_facts(plan: Plan, site_url: str | None) -> tuple[str, ...]:
    """What the data or the build lacks for a harvestable catalog, in Swedish."""
    facts = plan.open_data
    out = []
    if not site_url:
        out.append(
            "Bygget saknar webbplatsens adress (SITE_URL), så katalogen kan inte få absoluta adresser. "
            "Katalogen publiceras inte, och Sveriges dataportal kan inte skörda den här versionen."
        )
    if not facts:
        out.append("data/webbplats/oppna-data.yaml saknas (avsnittet open_data (licens, organisationsnummer, nyckelord, tema och plats)).")
    else:
        if not facts.licence:
            out.append("Ingen licens är beslutad för datan (open_data.licence i data/webbplats/oppna-data.yaml är tom). Katalogen anger därför ingen licens.")
        if not facts.organisation_number:
            out.append(
                "Utgivarens organisationsnummer saknas (open_data.organisation_number i data/webbplats/oppna-data.yaml). "
                "Utgivaren identifieras därför med en adress på webbplatsen i stället för dataportalens."
            )
    return tuple(out)


def catalog(plan: Plan, site_url: str | None, modified: str | None, distributions) -> Catalog:
    """distributions: the files the catalogue describes (published.DISTRIBUTIONS)."""
    missing = missing_facts(plan, site_url)
    if not site_url:
        return Catalog(None, None, missing)
    from . import dcat_graph  # rdflib: imported only by a build that publishes a catalog

    graph = dcat_graph.build_graph(plan, site_url.rstrip("/") + "/", modified, distributions)
    return Catalog(dcat_graph.stable_xml(graph), dcat_graph.stable_jsonld(graph), missing)


