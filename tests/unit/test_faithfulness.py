"""boras_plan.faithfulness: the plan's adopted text in plan.yaml is the adopted plan, word for word.

The plan under test is compared with the configured source document; the checker itself is
tested on tests/fixtures/minimal.yaml and its source, minimal-source.txt (which carries the PDF
conversion's marks: a line-break hyphen in the title and spaces around a footnote mark).
"""

from __future__ import annotations

import copy
import subprocess
import sys

import pytest
import yaml

from boras_plan import faithfulness
from boras_plan.faithfulness import SourceDocument, SourceMissing, compare, read_source_document, source_path
from boras_plan.yaml_source import read_source
from tests.conftest import FIXTURES, ROOT, plan_data, write_plan

SMALL = FIXTURES / "minimal.yaml"
SMALL_SOURCE = FIXTURES / "minimal-source.txt"
SMALL_SOURCE_DATA = read_source(SMALL)[0]


def small_plan(folder, edit=lambda text: text):
    """The small plan (its text edited) laid out as data/ is: plan.yaml and the editors' files beside it."""
    target = write_plan(plan_data(SMALL), folder / "plan.yaml")
    target.write_text(edit(target.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def differences(edit=lambda data: None, document: SourceDocument | None = None) -> list:
    """Problems of the small plan, edited in its parsed data, against its source (lines kept)."""
    source = copy.deepcopy(SMALL_SOURCE_DATA)
    edit(source.data)
    return compare(source, document or SourceDocument(SMALL_SOURCE))


def test_the_plan_under_test_is_the_adopted_plan_word_for_word(plan_file):
    try:
        problems = faithfulness.check(plan_file, config_file=ROOT / "mkdocs.yml")
    except SourceMissing as missing:  # in CI the source is there; elsewhere it may not be
        pytest.skip(str(missing))
    assert [p.format(str(plan_file)) for p in problems] == []


def test_the_small_plan_matches_its_source_despite_the_pdf_marks(tmp_path):
    assert "Test- plan" in SMALL_SOURCE.read_text(encoding="utf-8") and "något ¹ viktigt" in SMALL_SOURCE.read_text(encoding="utf-8")
    assert faithfulness.check(small_plan(tmp_path), SMALL_SOURCE) == []


def _set(*path, value):
    def edit(data):
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return edit


@pytest.mark.parametrize(
    "path, value, field, nearest",
    [
        (("document", "title"), "Testplanen", "document.title", "Test- plan"),
        (("document", "adopted_text"), "Fastställd av: Kommunstyrelsen den 30 maj 2016", "document.adopted_text", "Fastställt av:"),
        (("document", "valid_through"), 2020, "document.valid_through", "Gäller till och med 2019"),
        (("document_types", "groups", 0, "types", 0, "description"), "aktiviteter och ansvar", "document_types.groups[1].types[1]", "PLAN – aktiviteter, tidsram"),
        (("introduction", "paragraphs", 0, "text"), "Första stycke.", "introduction.paragraphs[1].text", "Första stycket."),
        (("links", "items", 0, "text"), "Läs mera:", "links.items[1].text", "Läs mer:"),
        (("footnotes", 0, "text"), "Fotnotens texter.", "footnotes[1].text", "¹ Fotnotens text."),
        (("actions_intro", "text"), "Varje rekommendation följs av en åtgärd.", "actions_intro.text", "följs av åtgärder."),
        (("recommendations", 1, "title"), "Andra rekommendation", "recommendations[2].title", "2. Andra rekommendationen"),
        (("recommendations", 0, "body"), "Första stycket\npå tre rader.\n\nAndra stycket med *betoning*.", "recommendations[1].body", "Första stycket på två rader."),
        (("recommendations", 0, "actions", 0, "what"), "Göra något¹ oviktigt.", "recommendations[1].actions[1].what", "Göra något ¹ viktigt."),
        (("recommendations", 0, "actions", 1, "due"), 2017, "recommendations[1].actions[2].due", "2016"),
        (("recommendations", 0, "actions", 0, "who"), {"text": "Kommunstyrelsen", "roles": ["ks"]}, "recommendations[1].actions[1].who.text", "Kommunstyrelsen i samverkan"),
        (("recommendations", 0, "actions", 1, "who"), {"text": "Kommunstyrelsen", "roles": ["ks"]}, "recommendations[1].actions[2].who.text", "(tom cell)"),
        (("recommendations", 1, "actions", 0, "follow_up"), "Redovisas 2019.", "recommendations[2].actions[1].follow_up", "Redovisas senast 2019."),
        (("roles", 2, "excerpts", 0, "text"), "Anhöriga behöver mer stöd.", "roles[3].excerpts[1].text", "Anhöriga behöver stöd."),
        (("glossary", 1, "definition"), "Samverkan mellan skola och polis.", "glossary[2].definition", "Samverkan."),
    ],
)
def test_a_changed_word_names_line_field_and_the_sources_wording(path, value, field, nearest):
    problems = differences(_set(*path, value=value))
    assert [p.field for p in problems] == [field]
    (problem,) = problems
    assert problem.line == SMALL_SOURCE_DATA.line_of(path[: 5 if path[0] == "recommendations" else len(path)]) > 0
    assert "står inte ordagrant som i den antagna planen" in problem.message
    assert "minimal-source.txt, rad " in problem.message and nearest in problem.message


def test_the_first_difference_is_pointed_out():
    (problem,) = differences(_set("recommendations", 0, "actions", 0, "what", value="Göra något¹ oviktigt."))
    assert 'Första skillnaden: filen har "oviktigt.", källan "viktigt."' in problem.message
    assert "addition" in problem.message  # an action may be the site's addition, and can be marked so


def test_document_facts_must_agree_with_the_adopted_wording():
    problems = differences(_set("document", "adopted_on", value="2016-06-30")) + differences(_set("document", "adopted_by", value="Kommunfullmäktige"))
    assert [p.field for p in problems] == ["document.adopted_on", "document.adopted_by"]
    assert '"30 juni 2016" står inte i "Fastställt av: Kommunstyrelsen den 30 maj 2016"' in problems[0].message


def test_editor_owned_fields_never_trip_it():
    def edit(data):
        action = data["recommendations"][0]["actions"][0]
        action.update(status="genomförd", log=[{"date": "2018-01-01", "text": "Klart.", "source": "https://example.se/"}])
        data["recommendations"][0]["keywords"] = ["helt", "andra", "sökord"]
        data["roles"][0]["name"] = "Styrelsen"
        data["contact"].update(phone="000-00 00 00", email="ny@example.se", website="example.org")
        data["glossary"][0].update(term="Ärendet", definition="En ny förklaring skriven för webbplatsen.", tooltip=True)
        data["glossary"].append({"term": "Radikalisering", "definition": "Skrivet för webbplatsen."})
        data["document"]["replaced_by"] = "https://example.se/ny-plan"

    assert differences(edit) == []


def test_additions_are_not_compared():
    added_action = {"id": "2.2", "what": "Ny åtgärd.", "due": 2020, "who": None, "follow_up": "Ny.", "addition": {"date": "2020-01-01", "note": "Ny."}}
    added_rec = {"number": 3, "slug": "tredje", "title": "Tredje", "body": "Ny text.", "actions": [], "addition": {"date": "2020-01-01", "note": "Ny."}}

    def edit(data):
        data["recommendations"][1]["actions"].append(added_action)
        data["recommendations"].append(added_rec)

    assert differences(edit) == []
    unmarked = differences(lambda data: data["recommendations"][1]["actions"].append({k: v for k, v in added_action.items() if k != "addition"}))
    assert [p.field for p in unmarked] == ["recommendations[2].actions[2].what"]


def test_what_the_file_leaves_out_is_reported_with_the_sources_line(tmp_path):
    problems = differences(lambda data: data["recommendations"][0]["actions"].pop(1))
    (problem,) = problems
    assert problem.line == 0 and 'åtgärden "Göra något mer. | 2016 | (tom) | Redovisas senast 2016."' in problem.message
    assert "minimal-source.txt, rad 38) men inte i filen" in problem.message
    # A long paragraph of the source that is nowhere in the file.
    longer = tmp_path / "source.txt"
    paragraph = "Ett stycke i den antagna planen som är längre än sextio tecken och saknas i filen."
    longer.write_text(SMALL_SOURCE.read_text(encoding="utf-8") + "\n" + paragraph + "\n", encoding="utf-8")
    (problem,) = differences(document=SourceDocument(longer))
    assert f'"{paragraph}" står i den antagna planen' in problem.message


def test_a_missing_source_is_said_in_swedish(tmp_path):
    with pytest.raises(SourceMissing, match="Källdokumentet .* finns inte: .*saknas.txt. Ange var det finns med SOURCE_DOCUMENT"):
        read_source_document(tmp_path / "saknas.txt")
    result = subprocess.run(
        [sys.executable, "-m", "boras_plan.faithfulness", str(small_plan(tmp_path)), "--source", str(tmp_path / "saknas.txt")],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("Källdokumentet (den antagna planen som text) finns inte")


def test_the_source_is_configuration(monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCE_DOCUMENT", raising=False)
    configured = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["extra"]["source_document"]
    assert source_path(config_file=ROOT / "mkdocs.yml") == (ROOT / configured).resolve()
    assert source_path(config_file=tmp_path / "mkdocs.yml") is None  # none configured: the package knows no default
    monkeypatch.setenv("SOURCE_DOCUMENT", str(SMALL_SOURCE))
    assert source_path() == SMALL_SOURCE
    assert source_path(tmp_path / "x.txt") == tmp_path / "x.txt"  # --source wins


def test_the_editors_command_lists_every_difference(tmp_path):
    (tmp_path / "good").mkdir(), (tmp_path / "changed").mkdir()
    good_plan = small_plan(tmp_path / "good")
    changed = small_plan(tmp_path / "changed", lambda text: text.replace("Göra något mer.", "Göra något annat."))
    run = lambda plan: subprocess.run(
        [sys.executable, "-m", "boras_plan.faithfulness", str(plan), "--source", str(SMALL_SOURCE)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    good, bad = run(good_plan), run(changed)
    assert good.returncode == 0 and "stämmer ordagrant med den antagna planen" in good.stdout
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert f"{changed}: 1 skillnader mot den antagna planen" in bad.stderr
    line = changed.read_text(encoding="utf-8").split("Göra något annat.")[0].count("\n") + 1
    assert f"{changed}, rad {line}, fält recommendations[1].actions[2].what: texten står inte ordagrant" in bad.stderr
