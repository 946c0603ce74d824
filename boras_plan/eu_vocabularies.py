"""Concepts from the vocabularies DCAT-AP names, with their own labels (the catalog types
them as skos:Concept, and DCAT-AP requires a skos:prefLabel on every concept).

Labels are the vocabularies' own, never the site's: the EU Publications Office's data-theme
authority table, version 20240612-0 (as shipped in the PyPI package staticat 0.0.11,
staticat/vocab/data-theme.rdf), and the ADMS publisher type vocabulary.
"""

from __future__ import annotations

DATA_THEME_SCHEME = "http://publications.europa.eu/resource/authority/data-theme"
DATA_THEME_SCHEME_TITLE = "Data theme"  # the table's own English title; it has no Swedish one

# Every concept of the data-theme table (none deprecated), with its Swedish prefLabel.
DATA_THEMES = {
    f"{DATA_THEME_SCHEME}/{code}": label
    for code, label in (
        ("AGRI", "Jordbruk, fiske, skogsbruk och livsmedel"),
        ("ECON", "Ekonomi och finans"),
        ("EDUC", "Utbildning, kultur och sport"),
        ("ENER", "Energi"),
        ("ENVI", "Miljö"),
        ("GOVE", "Regeringen och den offentliga sektorn"),
        ("HEAL", "Hälsa"),
        ("INTR", "Internationella frågor"),
        ("JUST", "Rättvisa, rättsliga system och allmän säkerhet"),
        ("OP_DATPRO", "Tillfälliga uppgifter"),
        ("REGI", "Regioner och städer"),
        ("SOCI", "Befolkning och samhälle"),
        ("TECH", "Vetenskap och teknik"),
        ("TRAN", "Transport"),
    )
}

# The publisher's type: a municipality. The vocabulary has English labels only.
LOCAL_AUTHORITY = "http://purl.org/adms/publishertype/LocalAuthority"
LOCAL_AUTHORITY_LABEL = "Local Authority"
