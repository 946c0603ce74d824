"""form_words: a field of an editors' file in the form's words, beside file, line and field."""

from __future__ import annotations

import pytest

from boras_plan.errors import Problem
from boras_plan.form_words import form_place, label, with_form_places
from boras_plan.plan_files import SITE_FILES


@pytest.mark.parametrize(
    "file, field, place",
    [
        ("data/uppfoljning/1.1.yaml", "log[2].date", "Uppföljning → 1.1 → Anteckning 2 → Datum"),
        ("data/uppfoljning/5.2.yaml", "status", "Uppföljning → 5.2 → Status"),
        ("data/webbplats/kontakt.yaml", "contact.phone", "Webbplatsens texter → Kontakt → Telefon"),
        ("data/webbplats/hjalp.yaml", "help[1].checked_on", "Webbplatsens texter → Hjälp → Hjälp 1 → Datum då uppgifterna senast kontrollerades"),
        ("data/webbplats/oppna-data.yaml", "open_data.licence.decided_on", "Webbplatsens texter → Öppna data → Licensen och vem som beslutade den → Beslutsdatum"),
        ("data/webbplats/begrepp.yaml", "glossary[3].term", "Webbplatsens texter → Begrepp → Begrepp 3 → Begreppet"),
        ("data/plan.yaml", "recommendations[1].title", ""),
    ],
)
def test_a_field_is_named_as_the_form_shows_it(file, field, place):
    assert form_place(file, field) == place


def test_every_site_section_has_a_place_in_the_form():
    for section, (name, form_name) in SITE_FILES.items():
        assert form_place(f"data/webbplats/{name}", section) == f"Webbplatsens texter → {form_name}"


def test_the_report_line_says_the_place_between_field_and_message():
    (problem,) = with_form_places([Problem(5, "log[2].date", "datumet 2026-02-30 finns inte i kalendern.", "data/uppfoljning/1.1.yaml")])
    assert problem.format("data/plan.yaml") == (
        "data/uppfoljning/1.1.yaml, rad 5, fält log[2].date (i formuläret: Uppföljning → 1.1 → Anteckning 2 → Datum): "
        "datumet 2026-02-30 finns inte i kalendern."
    )
    (plain,) = with_form_places([Problem(3, "document.title", "x")])
    assert plain.form == ""  # plan.yaml is not in the form


def test_a_label_is_the_first_phrase_of_the_description():
    assert label("Telefon, t.ex. 033-35 70 00.", "phone") == "Telefon"
    assert label("Anteckningar: vad som har hänt.", "log") == "Anteckningar"
    assert label(None, "phone") == "phone"
