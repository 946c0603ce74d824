"""boras_plan.translate: the model's validation errors as editors read them (Swedish, file, line
and field), and a field of an editors' file in the form's words."""

from __future__ import annotations

import pytest

from boras_plan.errors import Problem
from boras_plan.loader import load_plan
from boras_plan.plan_files import SITE_FILES
from boras_plan.translate import form_place, label, with_form_places

from tests.conftest import FIXTURES
from tests.helpers import load_merged, problems_for

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


def test_minimal_fixture_is_valid(tmp_path):
    assert problems_for(MINIMAL, tmp_path) == []


def test_wrong_type_names_line_field_and_expectation(tmp_path):
    (p,) = problems_for(MINIMAL.replace("due: 2017", 'due: "2017"'), tmp_path)
    assert p.field == "recommendations[1].actions[1].due"
    assert p.line == MINIMAL.splitlines().index("        due: 2017") + 1
    assert "förväntade ett heltal" in p.message and "utan citattecken" in p.message


def test_unknown_key_suggests_the_right_one(tmp_path):
    (p,) = [x for x in problems_for(MINIMAL.replace("follow_up: Redovisas senast 2019.", "folow_up: x"), tmp_path) if "okänt" in x.message]
    assert p.field.endswith(".folow_up") and 'Menade du "follow_up"' in p.message


def test_missing_field_is_named(tmp_path):
    problems = problems_for(MINIMAL.replace("    title: Andra rekommendationen\n", ""), tmp_path)
    assert [(p.field, "saknas" in p.message) for p in problems] == [("recommendations[2].title", True)]


def test_year_out_of_range(tmp_path):
    (p,) = problems_for(MINIMAL.replace("due: 2016", "due: 1999"), tmp_path)
    assert "minst 2000" in p.message


def test_unknown_status_lists_allowed_values(tmp_path):
    (p,) = problems_for(MINIMAL.replace("status: pågår", "status: klar"), tmp_path)
    assert '"pågår"' in p.message and p.field == "recommendations[2].actions[1].status"


def test_who_object_errors_are_explained_inside_the_object(tmp_path):
    (p,) = problems_for(MINIMAL.replace("roles: [ks]}", "roles: []}"), tmp_path)
    assert p.field == "recommendations[2].actions[1].who.roles" and "tom" in p.message


def test_report_has_no_traceback_and_names_file(tmp_path):
    from boras_plan.errors import PlanError
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL.replace("due: 2016", "due: x"), encoding="utf-8")
    try:
        load_plan(path, display_path="data/plan.yaml")
    except PlanError as error:
        report = error.report()
    assert "Traceback" not in report
    assert "data/plan.yaml, rad " in report and "fält recommendations[1].actions[2].due" in report


def test_website_given_with_or_without_scheme_becomes_one_host(tmp_path):
    for written in ["example.se", "https://example.se", "https://example.se/", "HTTPS://example.se"]:
        path = tmp_path / "plan.yaml"
        path.write_text(MINIMAL.replace("website: example.se", f"website: {written}"), encoding="utf-8")
        contact = load_merged(path).contact
        assert contact.website == "example.se" and contact.website_url == "https://example.se", written


def test_optional_group_of_the_wrong_type_says_null_or_group(tmp_path):
    (p,) = problems_for(MINIMAL.replace("who: null", "who: Ingen"), tmp_path)
    assert p.field == "recommendations[1].actions[2].who"
    assert p.message.startswith('förväntade null (inget värde) eller en grupp av fält (namn: värde), fick texten "Ingen".')


def test_text_is_normalised_to_one_line_and_paragraphs(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL.replace("title: Testplan", 'title: "  Test \\t  plan  "'), encoding="utf-8")
    plan = load_merged(path)
    assert plan.document.title == "Test plan"
    assert plan.recommendations[0].paragraphs == ("Första stycket på två rader.", "Andra stycket med *betoning*.")


def test_a_broken_item_is_not_also_called_an_empty_list(tmp_path):
    """pydantic calls a list 'too short' when its only item is wrong; the editor sees the item's problem only."""
    problems = problems_for(MINIMAL.replace("    - text: Första stycket.\n    - text: Definitionen.\n      definition: true\n", "    - text: 17\n"), tmp_path)
    assert [(p.field, p.message.split(",")[0]) for p in problems] == [("introduction.paragraphs[1].text", "förväntade en text")]


def test_the_model_is_frozen():
    import pytest
    from pydantic import ValidationError

    from tests.conftest import FIXTURES as fixtures

    plan = load_merged(fixtures / "minimal.yaml")
    with pytest.raises(ValidationError):
        plan.document.title = "Annan"


# --- The place in the form ---


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
