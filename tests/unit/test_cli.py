"""The editors' check, `python -m boras_plan FILE` (what scripts/check runs):
every problem at once, in Swedish, each with file, line, field and what was
expected; exit code 1 on any problem, 0 and a summary when the file is valid.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from boras_plan.errors import MAX_PROBLEMS, PlanError
from boras_plan.translate import form_place
from boras_plan.loader import load_plan
from boras_plan.plan_files import editor_dirs, plan_files
from boras_plan.yaml_source import format_path, read_source
from tests import plan_edits
from tests.conftest import ROOT, plan_data, write_plan

GUIDE = ROOT / "REDAKTORSGUIDE.md"
BASE = ROOT / "tests" / "bad_input" / "base" / "plan.yaml"
REPORT_LINE = re.compile(r"^  (?P<file>.+), rad (?P<line>\d+), fält (?P<field>\S+)(?: \(i formuläret: (?P<form>[^)]+)\))?: (?P<message>.+)$")


def check(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "boras_plan", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def edited(plan_file: Path, tmp_path: Path, *ops: dict) -> tuple[Path, list[tuple]]:
    """The plan under test with each operation (tests/plan_edits.py) made in its data, and the field each changed."""
    data = plan_data(plan_file)
    fields = []
    for op in ops:
        fields.append(plan_edits.reported_path(data, [op], plan_edits.apply(data, [op])))
    return write_plan(data, tmp_path / "plan.yaml"), fields


def line_of(path: Path, field: tuple) -> int:
    """The line where the value at field starts in the written file, as the checker counts."""
    return plan_edits.reported_line(path, field)


def where(path: Path, field: tuple, kind: str, message: str) -> dict:
    """A report line as the checker prints it: in the file the field is written in (plan.yaml or an editors' file beside it)."""
    name, shown = plan_edits.reported_where(path, field)
    file = str(path.parent / name)
    form = form_place(file, shown) or None  # an editors' file's field, in the form's words too (tests/unit/test_translate.py)
    return {"file": file, "line": str(plan_edits.reported_line(path, field, kind)), "field": shown, "form": form, "message": message}


def base_with(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """tests/bad_input/base/ (a small fixture plan, laid out as data/ is) copied with text replaced,
    each old text in the one file that holds it: for mistakes only text can make."""
    shutil.copy(BASE, tmp_path / BASE.name)
    for folder in editor_dirs(BASE):
        shutil.copytree(folder, tmp_path / folder.name)
    for old, new in edits:
        (file,) = [Path(f) for f in plan_files(tmp_path / BASE.name) if Path(f).read_text(encoding="utf-8").count(old) == 1]
        file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return tmp_path / BASE.name


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


def test_every_schema_problem_at_once_with_line_field_and_expectation(tmp_path, plan_file):
    path, (due, keyword, slug, email) = edited(
        plan_file,
        tmp_path,
        {"set": "recommendations[*].actions[2].due", "to": "2017"},
        {"rename": "recommendations[*].keywords", "to": "keyword"},
        {"set": "recommendations[2].slug", "to": "Se individerna"},
        {"set": "contact.email", "to": "boras.stad.boras.se"},
    )
    result = check(str(path))
    assert result.returncode == 1 and result.stdout == "" and "Traceback" not in result.stderr
    expected = [
        where(path, due, "set", 'förväntade ett heltal, fick texten "2017". Skriv talet utan citattecken. När ska det vara klart? Årtal, t.ex. 2017.'),
        where(path, keyword, "rename", 'okänt fält "keyword". Menade du "keywords"? Tillåtna fält här: actions, addition, body, keywords, number, slug, title.'),
        where(path, slug, "set", 'texten "Se individerna" har fel form. Del av webbadressen: små bokstäver a–z, siffror och bindestreck, t.ex. tydlig-ansvarsfordelning.'),
        where(path, email, "set", 'texten "boras.stad.boras.se" är ingen e-postadress. Här ska stå en enda e-postadress, t.ex. namn@boras.se: '
              "bokstäver a–z, siffror och . _ + - före @ och ett domännamn efter, utan mellanslag, radbrytningar och tecken som ? & % , ;"),
    ]
    assert reported(result) == sorted(expected, key=lambda p: (p["file"], int(p["line"])))


def test_every_cross_check_problem_at_once(tmp_path, plan_file):
    path, (action_id, role, adopted) = edited(
        plan_file,
        tmp_path,
        {"copy": "recommendations[*].actions[1].id", "to": "recommendations[*].actions[2].id"},
        {"set": "recommendations[*].actions[*].who.roles[1]", "to": "kommunstyrelse"},
        {"set": "document.adopted_on", "to": "2016-02-30"},
    )
    result = check(str(path))
    assert result.returncode == 1
    fields = [(p["field"], p["message"].split(".")[0]) for p in reported(result)]
    taken = plan_edits.get(plan_data(path), action_id)
    expected = {
        adopted: 'datumet 2016-02-30 finns inte i kalendern',
        action_id: f'id "{taken.split(".")[0]}',
        role: 'rollen "kommunstyrelse" finns inte under roles',
    }
    assert fields == [(format_path(f), expected[f]) for f in sorted(expected, key=lambda f: line_of(path, f))]  # all in plan.yaml


def test_schema_and_cross_check_problems_at_once(tmp_path, plan_file):
    """A wrong type does not hide an unknown role or a repeated id elsewhere in the file."""
    path, fields = edited(
        plan_file,
        tmp_path,
        {"set": "recommendations[*].actions[*].due", "to": "2017"},
        {"copy": "recommendations[*].actions[1].id", "to": "recommendations[*].actions[2].id"},
        {"set": "recommendations[*].actions[2].whta", "to": "x"},
    )
    result = check(str(path))
    assert result.returncode == 1
    assert [p["field"] for p in reported(result)] == [format_path(f) for f in sorted(fields, key=lambda f: line_of(path, f))], result.stderr


def test_the_guides_example_report_is_what_the_checker_prints(tmp_path, plan, plan_file):
    """REDAKTORSGUIDE.md shows a report with two problems of different kinds: both are printed at once.

    The example's mistakes are made at the fields it names; its line numbers and its list of roles
    are left out of the comparison (they are the plan's), so editing plan.yaml does not make this fail.
    """
    example = re.search(r"```text\n(data/plan.yaml innehåller .+?)```", GUIDE.read_text(encoding="utf-8"), flags=re.DOTALL).group(1)
    shown = {m["field"]: m["message"] for m in map(REPORT_LINE.match, example.splitlines()) if m}
    assert list(shown) == ["recommendations[1].actions[2].due", "recommendations[9].actions[1].who.roles[1]"]
    path, _ = edited(
        plan_file,
        tmp_path,
        {"set": "recommendations[1].actions[2].due", "to": re.search(r'fick texten "(\d+)"', shown["recommendations[1].actions[2].due"])[1]},
        {"set": "recommendations[9].actions[1].who.roles[1]", "to": re.search(r'rollen "([^"]+)"', shown["recommendations[9].actions[1].who.roles[1]"])[1]},
    )
    result = check(str(path))
    roles = ", ".join(sorted(role.id for role in plan.roles))
    assert f"Befintliga roller: {roles}." in result.stderr

    def comparable(report: str) -> str:
        report = re.sub(r"rad \d+", "rad N", report.replace(str(path), "data/plan.yaml"))
        return re.sub(r"Befintliga roller: [^.]*\.", "Befintliga roller: ….", report).strip()

    assert comparable(result.stderr) == comparable(example)


def test_every_reading_problem_at_once(tmp_path):
    """Duplicate fields, tags and invisible characters are all found in one pass (text only a text edit can make)."""
    path = base_with(
        tmp_path,
        ("  organisation: Testkommun\n  type: plan\n", "  organisation: Testkommun\n  organisation: Testkommunen\n  type: plan\n"),
        ("    title: Första rekommendationen\n", "    title: !!python/name:os.system Första rekommendationen\n"),
        ("  phone: 012-34 56 78\n", '  phone: "012-34\\u200e56 78\\u0007"\n'),
    )
    result = check(str(path))
    assert result.returncode == 1
    assert [(p["field"], p["message"][:30]) for p in reported(result)] == [
        ("document.organisation", "fältet finns två gånger (först"),
        ("recommendations[1].title", "YAML-taggen !!python/name:os.s"),
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
    from boras_plan.translate import PATTERN_WORDS

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
    assert found and found <= set(PATTERN_WORDS)


# --- REDAKTORSGUIDE.md: its examples are valid, and it explains every message ---



# The guide's examples are applied and tested in tests/unit/test_guide_examples.py.


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
    from tests.conftest import DEFAULT_PLAN  # the file the guide is about: its `change:` cases change it
    from tests.site.test_bad_input import CASES, environment, write_case

    messages = [read_source(tmp_path / "saknas.yaml")[1][0].message, read_source(tmp_path)[1][0].message]
    for index, case in enumerate(CASES):
        path, _, case = write_case(tmp_path / f"{index:03d}", case, DEFAULT_PLAN)
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
