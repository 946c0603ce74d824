"""The editors' check, `python -m boras_plan FILE` (what scripts/check runs):
every problem at once, in Swedish, each with file, line, field and what was
expected; exit code 1 on any problem, 0 and a summary when the file is valid.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from boras_plan.errors import MAX_PROBLEMS, PlanError
from boras_plan.loader import load_plan
from tests.conftest import ROOT

PLAN = ROOT / "data" / "plan.yaml"
GUIDE = ROOT / "REDAKTORSGUIDE.md"
REPORT_LINE = re.compile(r"^  (?P<file>.+), rad (?P<line>\d+), fält (?P<field>\S+): (?P<message>.+)$")


def check(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "boras_plan", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def edited(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = PLAN.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, snippet: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.index(snippet)].count("\n") + 1


def reported(result: subprocess.CompletedProcess) -> list[dict]:
    lines = result.stderr.splitlines()
    problems = [m.groupdict() for m in map(REPORT_LINE.match, lines) if m]
    assert lines[0].endswith(f"innehåller {len(problems)} problem. Inget har publicerats."), result.stderr
    assert lines[-1] == "Listor räknas från 1. Se REDAKTORSGUIDE.md för hur felen rättas."
    return problems


def test_the_real_plan_is_valid():
    result = check("data/plan.yaml")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"data/plan\.yaml är giltig: \d+ rekommendationer, \d+ åtgärder, \d+ roller, \d+ begrepp\.\n", result.stdout)
    assert result.stderr == ""


def test_without_an_argument_it_checks_data_plan_yaml():
    result = check()
    assert result.returncode == 0 and result.stdout.startswith("data/plan.yaml är giltig")


def test_every_schema_problem_at_once_with_line_field_and_expectation(tmp_path):
    path = edited(
        tmp_path,
        ("Prioritera åldersgruppen 10-13 år i arbetet.\n        due: 2017", 'Prioritera åldersgruppen 10-13 år i arbetet.\n        due: "2017"'),
        ("    keywords: [ansvar, ansvarig", "    keyword: [ansvar, ansvarig"),
        ("    slug: se-individerna\n", "    slug: Se individerna\n"),
        ("  email: boras.stad@boras.se\n", "  email: boras.stad.boras.se\n"),
    )
    result = check(str(path))
    assert result.returncode == 1 and result.stdout == "" and "Traceback" not in result.stderr
    assert reported(result) == [
        {"file": str(path), "line": str(line_of(path, 'due: "2017"')), "field": "recommendations[1].actions[2].due",
         "message": 'förväntade ett heltal, fick texten "2017". Skriv talet utan citattecken. När ska det vara klart? Årtal, t.ex. 2017.'},
        {"file": str(path), "line": str(line_of(path, "keyword: [ansvar")), "field": "recommendations[6].keyword",
         "message": 'okänt fält "keyword". Menade du "keywords"? Tillåtna fält här: actions, addition, body, keywords, number, slug, title.'},
        {"file": str(path), "line": str(line_of(path, "slug: Se individerna")), "field": "recommendations[10].slug",
         "message": 'texten "Se individerna" har fel form. Del av webbadressen: små bokstäver a–z, siffror och bindestreck, t.ex. tydlig-ansvarsfordelning.'},
        {"file": str(path), "line": str(line_of(path, "email: boras.stad.boras.se")), "field": "contact.email",
         "message": 'texten "boras.stad.boras.se" är ingen e-postadress. Här ska stå en enda e-postadress, t.ex. namn@boras.se: '
                    "bokstäver a–z, siffror och . _ + - före @ och ett domännamn efter, utan mellanslag, radbrytningar och tecken som ? & % , ;"},
    ]


def test_every_cross_check_problem_at_once(tmp_path):
    path = edited(
        tmp_path,
        ('      - id: "1.2"', '      - id: "1.1"'),
        ("extremism som är anpassad utifrån olika målgrupper.\n        due: 2017\n        who: {text: Kommunstyrelsen, roles: [kommunstyrelsen]}",
         "extremism som är anpassad utifrån olika målgrupper.\n        due: 2017\n        who: {text: Kommunstyrelsen, roles: [kommunstyrelse]}"),
        ('  adopted_on: "2016-05-30"', '  adopted_on: "2016-02-30"'),
    )
    result = check(str(path))
    assert result.returncode == 1
    fields = [(p["field"], p["message"].split(".")[0]) for p in reported(result)]
    assert fields == [
        ("document.adopted_on", '"2016-02-30" är inget giltigt datum'),
        ("recommendations[1].actions[2].id", 'id "1'),
        ("recommendations[9].actions[1].who.roles[1]", 'rollen "kommunstyrelse" finns inte under roles'),
    ]


def test_schema_and_cross_check_problems_at_once(tmp_path):
    """A wrong type does not hide an unknown role or a repeated id elsewhere in the file."""
    path = edited(
        tmp_path,
        ("extremism som är anpassad utifrån olika målgrupper.\n        due: 2017\n        who: {text: Kommunstyrelsen, roles: [kommunstyrelsen]}",
         "extremism som är anpassad utifrån olika målgrupper.\n        due: \"2017\"\n        who: {text: Kommunstyrelsen, roles: [kommunstyrelsen]}"),
        ('      - id: "1.2"', '      - id: "1.1"'),
        ("Prioritera åldersgruppen 10-13 år i arbetet.", "Prioritera åldersgruppen 10-13 år i arbetet.\n        whta: x"),
    )
    result = check(str(path))
    assert result.returncode == 1
    fields = [p["field"] for p in reported(result)]
    assert fields == [
        "recommendations[1].actions[2].id",  # cross-check: repeated id
        "recommendations[1].actions[2].whta",  # schema: unknown field
        "recommendations[9].actions[1].due",  # schema: wrong type
    ], result.stderr


def test_the_guides_example_report_is_what_the_checker_prints(tmp_path):
    """REDAKTORSGUIDE.md shows a report with two problems of different kinds: both are printed at once.

    Line numbers are left out of the comparison, so editing plan.yaml does not make this fail.
    """
    example = re.search(r"```text\n(data/plan.yaml innehåller .+?)```", GUIDE.read_text(encoding="utf-8"), flags=re.DOTALL).group(1)
    text = PLAN.read_text(encoding="utf-8")
    head, action_1_2, tail = text.partition('      - id: "1.2"\n')
    text = head + action_1_2 + tail.replace("due: 2017", 'due: "2017"', 1)
    head, rec_9, tail = text.partition("  - number: 9\n")
    text = head + rec_9 + tail.replace("roles: [kommunstyrelsen", "roles: [kommunstyrelse", 1)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    result = check(str(path))
    without_lines = lambda report: re.sub(r"rad \d+", "rad N", report.replace(str(path), "data/plan.yaml")).strip()
    assert without_lines(result.stderr) == without_lines(example)


def test_every_reading_problem_at_once(tmp_path):
    """Duplicate fields, tags and invisible characters are all found in one pass."""
    path = edited(
        tmp_path,
        ("  organisation: Borås Stad\n  type: plan\n", "  organisation: Borås Stad\n  organisation: Borås stad\n  type: plan\n"),
        ("    title: Tydlig ansvarsfördelning\n", "    title: !!python/name:os.system Tydlig ansvarsfördelning\n"),
        ("  phone: 033-35 70 00\n", '  phone: "033-35\\u200e70 00\\u0007"\n'),
    )
    result = check(str(path))
    assert result.returncode == 1
    assert [(p["field"], p["message"][:30]) for p in reported(result)] == [
        ("document.organisation", "fältet finns två gånger (först"),
        ("recommendations[6].title", "YAML-taggen !!python/name:os.s"),
        ("contact.phone", "texten innehåller ett osynligt tecken (U+200E)"[:30]),
    ]


def test_a_file_that_cannot_be_read_is_explained_in_swedish(tmp_path):
    missing = check(str(tmp_path / "plan.yaml"))
    assert missing.returncode == 1 and "filen finns inte" in missing.stderr
    folder = check(str(tmp_path))
    assert folder.returncode == 1 and "det här är en mapp, inte en fil" in folder.stderr
    for result in (missing, folder):
        assert "Traceback" not in result.stderr and "Error" not in result.stderr


def test_the_report_stops_after_max_problems(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("".join(f"falt{i}: x\n" for i in range(3 * MAX_PROBLEMS)), encoding="utf-8")
    try:
        load_plan(path)
    except PlanError as error:
        report = error.report().splitlines()
    assert report[0] == f"{path} innehåller fler än {MAX_PROBLEMS} problem. Inget har publicerats."
    assert len([line for line in report if line.startswith("  ")]) == MAX_PROBLEMS
    assert report[-2] == f"Kontrollen slutade efter {MAX_PROBLEMS} problem. Rätta dem och kör kontrollen igen."


def test_every_pattern_in_the_schema_is_explained_in_words():
    """A pattern error must say what to write, not show a regular expression."""
    from boras_plan.schema import load_schema
    from boras_plan.schema_check import _PATTERNS

    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            found.update([node["pattern"]] if "pattern" in node else [])
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(load_schema())
    assert found and found <= set(_PATTERNS)


# --- REDAKTORSGUIDE.md: its examples are valid, and it explains every message ---



def guide_examples() -> list[tuple[str, str]]:
    """(instruction, YAML) for each ```yaml block that starts with an instruction comment."""
    blocks = re.findall(r"```yaml\n(# .+?)\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.DOTALL)
    return [(instruction[2:], body) for instruction, body in blocks]


def apply_example(data: dict, instruction: str, body: str) -> None:
    import textwrap

    import yaml

    items = yaml.safe_load(textwrap.dedent(body))
    if added := re.fullmatch(r"Lägg till under (\w+):", instruction):
        data[added.group(1)].extend(items)
    elif replaced := re.fullmatch(r'Ersätt åtgärd "([\d.]+)":', instruction):
        (new,) = items
        actions = [r["actions"] for r in data["recommendations"] if any(a["id"] == replaced.group(1) for a in r["actions"])][0]
        actions[[a["id"] for a in actions].index(replaced.group(1))] = new
    else:
        raise AssertionError(f"unknown instruction in REDAKTORSGUIDE.md: {instruction}")


def test_the_guides_examples_make_a_valid_plan(tmp_path):
    import yaml

    from boras_plan.yaml_source import read_source

    examples = guide_examples()
    assert [i for i, _ in examples] == [
        "Lägg till under recommendations:", "Lägg till under roles:", "Lägg till under glossary:", 'Ersätt åtgärd "4.1":'
    ]
    data = read_source(PLAN)[0].data
    for instruction, body in examples:
        apply_example(data, instruction, body)
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    plan = load_plan(path)
    assert plan.recommendations[-1].slug == "utvardera-arbetet" and plan.recommendations[-1].actions[0].id == "13.1"
    assert "socialtjansten" in plan.role_by_id and plan.glossary[-1].term == "Radikalisering"
    assert next(a for a in plan.actions if a.id == "4.1").status == "redovisad"


def guide_messages() -> list[re.Pattern]:
    """The messages in the first column of the guide's tables; … stands for any text."""
    patterns = []
    for row in re.findall(r"^\| (.+?) \| ", GUIDE.read_text(encoding="utf-8"), flags=re.MULTILINE):
        for snippet in re.findall(r"`([^`]+)`", row.replace("\\|", "|")):
            patterns.append(re.compile(".*?".join(re.escape(part) for part in snippet.split("…"))))
    return patterns


def produced_messages(tmp_path) -> list[str]:
    """Every message the corpus and the CLI tests make the checker print."""
    from boras_plan.yaml_source import read_source
    from tests.site.test_bad_input import CASES, environment, write_case

    messages = [read_source(tmp_path / "saknas.yaml")[1][0].message, read_source(tmp_path)[1][0].message]
    for index, case in enumerate(CASES):
        path, _ = write_case(tmp_path / f"{index:03d}", case)
        try:
            with environment(case.get("env")):
                load_plan(path)
        except PlanError as error:
            messages += [p.message for p in error.problems]
    return messages


def test_the_guide_explains_every_message(tmp_path):
    patterns = guide_messages()
    assert len(patterns) > 40
    unexplained = sorted({m for m in produced_messages(tmp_path) if not any(p.search(m) for p in patterns)})
    assert unexplained == []
