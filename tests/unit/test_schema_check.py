from tests.helpers import load_merged, problems_for

from tests.conftest import FIXTURES

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
    from boras_plan.loader import load_plan

    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL.replace("due: 2016", "due: x"), encoding="utf-8")
    try:
        load_plan(path, display_path="data/plan.yaml")
    except PlanError as error:
        report = error.report()
    assert "Traceback" not in report
    assert "data/plan.yaml, rad " in report and "fält recommendations[1].actions[2].due" in report


def test_website_given_with_or_without_scheme_becomes_one_host(tmp_path):
    from boras_plan.loader import load_plan

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
    from boras_plan.loader import load_plan

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

    from boras_plan.loader import load_plan
    from tests.conftest import FIXTURES as fixtures

    plan = load_merged(fixtures / "minimal.yaml")
    with pytest.raises(ValidationError):
        plan.document.title = "Annan"
