"""The files the site publishes beside its pages, listed once: path -> producer, media type, description.

This list drives render (which files a build writes), the Öppna data page (its table of files),
datapackage.json (its resources) and the DCAT catalogue (its distributions): a file added or
described here reaches all four. The feeds are feed.py's (one per action and role).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from . import cms_config, datapackage, dcat, exports, routes
from .deployment import Deployment
from .model import Plan
from .schema import merged_schema, schema_text


@dataclass(frozen=True)
class Inputs:
    """What the files are made from: one build's plan, date, address and deployment settings."""

    plan: Plan
    today: dt.date
    site_url: str | None  # None: no absolute addresses, so no catalogue
    data_date: str | None  # when the data last changed (the catalogue's dct:modified)
    deployment: Deployment  # the repository and sign-in service the form uses (mkdocs.yml)

    @cached_property
    def catalog(self) -> dcat.Catalog:
        """Both catalogue files come from one graph: made once per build."""
        return dcat.catalog(self.plan, self.site_url, self.data_date, DISTRIBUTIONS)


@dataclass(frozen=True)
class PublishedFile:
    path: str  # where the build writes it, relative to the site (routes.data_file for data/)
    produce: Callable[[Inputs], str]
    media_type: str  # IANA
    description: str = ""  # Swedish: what it holds (the catalogue and the Öppna data page)
    page_format: str = ""  # Swedish: its format in the Öppna data page's table ("": not listed there)
    title: str = ""  # Swedish: its title in the catalogue
    file_type: str = ""  # the EU file type of a catalogue distribution ("": not a distribution)
    package: tuple[str, str, str] = ()  # (name, title, description) of its resource in datapackage.json
    needs_site_url: bool = False  # made only by a build with a site address (absolute IRIs)
    key: str = ""  # what the Öppna data page calls it, where it says more than the description

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


FILES = (
    PublishedFile(
        routes.data_file(exports.JSON_NAME),
        lambda i: exports.plan_json(i.plan, i.today),
        "application/json",
        "Hela planen: dokumentuppgifter, inledning, rekommendationer med åtgärder, roller, kontaktuppgifter och ordlista. "
        "Samma struktur som källfilen plan.yaml.",
        page_format="JSON, UTF-8",
        title="Hela planen som JSON",
        file_type="JSON",
        package=(
            "plan",
            "Hela planen",
            "Hela planen i samma struktur som källfilen plan.yaml: dokumentuppgifter, inledning, rekommendationer med "
            "åtgärder och uppföljningslogg, roller, kontaktuppgifter och ordlista. Varje fält beskrivs i "
            f"{exports.SCHEMA_NAME} (JSON Schema). En åtgärd vars tidsfrist har passerat utan rapporterad status har "
            "dessutom fältet deadline, som webbplatsen skriver.",
        ),
        key="plan",
    ),
    PublishedFile(
        routes.data_file(exports.CSV_NAME),
        lambda i: exports.actions_csv(i.plan, i.today),
        "text/csv",
        "En rad per åtgärd: nummer, rekommendation, vad, när, vem, ansvariga roller, uppföljning, status "
        "och om tidsfristen har passerat utan rapporterad uppföljning.",
        page_format="CSV, UTF-8 med BOM (öppnas rätt i Excel)",
        title="Åtgärderna som CSV",
        file_type="CSV",
        package=("atgarder", "Planens åtgärder", "En rad per åtgärd i planen, i planens ordning. " + datapackage.FORMULA_NOTE),
    ),
    PublishedFile(
        routes.data_file(datapackage.NAME),
        lambda i: datapackage.package_json(i.plan, i.site_url, PACKAGED),
        "application/json",
        "Beskrivning av filerna som datapaket (Frictionless Data Package).",
        page_format="JSON, Data Package 1.0",
        key="package",
    ),
    PublishedFile(
        routes.data_file(exports.SCHEMA_NAME),
        lambda i: schema_text(merged_schema),  # the merged plan's, generated from the model
        "application/schema+json",
        "Beskrivning av datastrukturen (JSON Schema) för plan.json och plan.yaml.",
        page_format="JSON Schema 2020-12",
        title="JSON Schema för planens data",
        file_type="JSON",
        package=(
            "plan-schema",
            "Datastrukturen",
            f"JSON Schema (2020-12) för {exports.JSON_NAME} och plan.yaml, med en svensk beskrivning av varje fält.",
        ),
    ),
    PublishedFile(
        routes.data_file(dcat.RDF_NAME),
        lambda i: i.catalog.rdf_xml,
        "application/rdf+xml",
        "Katalog över datamängderna enligt DCAT-AP-SE 3.0, för Sveriges dataportal.",
        page_format="RDF/XML",
        needs_site_url=True,
    ),
    PublishedFile(
        routes.data_file(dcat.JSONLD_NAME),
        lambda i: i.catalog.jsonld,
        "application/ld+json",
        "Samma katalog som JSON-LD.",
        page_format="JSON-LD",
        needs_site_url=True,
    ),
    # The editors' form lists this plan's actions: its config is built with the site, never stale.
    PublishedFile(f"{routes.ADMIN_DIR}/{cms_config.CONFIG_NAME}", lambda i: cms_config.config_text(i.plan, i.deployment), "application/yaml"),
)
DISTRIBUTIONS = tuple(f for f in FILES if f.file_type)  # the catalogue's
PACKAGED = tuple(f for f in FILES if f.package)  # datapackage.json's resources


def by_name(name: str) -> PublishedFile:
    return next(f for f in FILES if f.name == name)


def generated_files(inputs: Inputs) -> dict[str, str]:
    """The published files of one build, by path (those that need a site address only with one)."""
    return {f.path: f.produce(inputs) for f in FILES if inputs.site_url or not f.needs_site_url}
