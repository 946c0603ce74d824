"""DCAT-AP-SE 3.0 catalog of the published data files, as RDF/XML and JSON-LD.

Built with rdflib from one graph (dcat_graph.py), so both files say the same thing. Every
resource the profile names (catalog, dataset, distributions, publisher,
contact point, licence) is an IRI, never a blank node; IRIs are absolute, so
a catalog is made only for a build with a site address (SITE_URL).
Facts the plan does not state (licence, organisation number, keywords, place)
come from `open_data` in plan.yaml; what is missing is reported, never invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import exports
from .model import Plan

RDF_NAME = "katalog.rdf"
JSONLD_NAME = "dcat.jsonld"
EU = "http://publications.europa.eu/resource/authority/"
# Sveriges dataportal's form for an organisation's IRI: "SE" + the organisation number's digits.
ORGANISATION_IRI = "http://dataportal.se/organisation/SE{digits}"
IANA = "http://www.iana.org/assignments/media-types/"

# name, Swedish title, IANA media type, EU file type
DISTRIBUTIONS = (
    (exports.JSON_NAME, "Hela planen som JSON", "application/json", "JSON"),
    (exports.CSV_NAME, "Åtgärderna som CSV", "text/csv", "CSV"),
    (exports.SCHEMA_NAME, "JSON Schema för planens data", "application/schema+json", "JSON"),
)


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
        out.append("webbplats.yaml saknar avsnittet open_data (licens, organisationsnummer, nyckelord, tema och plats).")
    else:
        if not facts.licence:
            out.append("Ingen licens är beslutad för datan (open_data.licence i webbplats.yaml är tom). Katalogen anger därför ingen licens.")
        if not facts.organisation_number:
            out.append(
                "Utgivarens organisationsnummer saknas (open_data.organisation_number i webbplats.yaml). "
                "Utgivaren identifieras därför med en adress på webbplatsen i stället för dataportalens."
            )
    return tuple(out)


def catalog(plan: Plan, site_url: str | None, modified: str | None) -> Catalog:
    missing = missing_facts(plan, site_url)
    if not site_url:
        return Catalog(None, None, missing)
    from . import dcat_graph  # rdflib: imported only by a build that publishes a catalog

    graph = dcat_graph.build_graph(plan, site_url.rstrip("/") + "/", modified)
    return Catalog(dcat_graph.stable_xml(graph), dcat_graph.stable_jsonld(graph), missing)


