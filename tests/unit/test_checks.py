from tests.helpers import problems_for

from tests.conftest import FIXTURES

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


def messages(text, tmp_path):
    return [(p.field, p.message) for p in problems_for(text, tmp_path)]


def test_recommendations_numbered_in_order(tmp_path):
    text = MINIMAL.replace("  - number: 2", "  - number: 3").replace('id: "2.1"', 'id: "3.1"')
    assert messages(text, tmp_path) == [("recommendations[2].number", "rekommendationerna ska numreras 1, 2, 3 … i ordning: här väntades 2, fick 3.")]


def test_duplicate_action_id(tmp_path):
    (field, message), = messages(MINIMAL.replace('id: "1.2"', 'id: "1.1"'), tmp_path)
    assert field == "recommendations[1].actions[2].id" and "används redan" in message


def test_action_id_must_match_its_recommendation(tmp_path):
    (field, message), = messages(MINIMAL.replace('id: "2.1"', 'id: "1.3"'), tmp_path)
    assert field == "recommendations[2].actions[1].id" and 'börja med "2."' in message


def test_owner_must_be_a_role(tmp_path):
    (field, message), = messages(MINIMAL.replace("roles: [ks]}", "roles: [kss]}"), tmp_path)
    assert field == "recommendations[2].actions[1].who.roles[1]" and '"kss" finns inte' in message


def test_duplicate_slug_and_role(tmp_path):
    text = MINIMAL.replace("slug: andra", "slug: forsta").replace("id: anhoriga", "id: ks")
    fields = [f for f, _ in messages(text, tmp_path)]
    assert fields == ["recommendations[2].slug", "roles[3].id"]


def test_status_needs_a_log_entry(tmp_path):
    text = MINIMAL.replace('          - {date: "2018-02-01", text: Arbetet har börjat., source: "https://example.se/rapport"}\n', "").replace(
        "        log:\n", ""
    )
    (field, message), = messages(text, tmp_path)
    assert field == "recommendations[2].actions[1].status" and "kräver minst en anteckning" in message


def test_impossible_date(tmp_path):
    (field, message), = messages(MINIMAL.replace("2018-02-01", "2018-02-30"), tmp_path)
    assert field == "recommendations[2].actions[1].log[1].date" and "2018-02-30 finns inte i kalendern" in message


def test_every_problem_is_reported_at_once(tmp_path):
    text = MINIMAL.replace('id: "1.2"', 'id: "1.1"').replace("roles: [ks]}", "roles: [kss]}")
    assert len(problems_for(text, tmp_path)) == 2
