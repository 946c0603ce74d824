"""Broken data never reaches the public: every case in tests/bad_input/cases.yaml
is refused by the editors' checker and by the real `mkdocs build --strict`,
with a Swedish message naming the line (and field), no traceback, and an
output folder that stays empty. Valid oddities (CRLF, BOM, trailing spaces)
still load and build.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from boras_plan.translate import form_place
from boras_plan.loader import load_plan
from boras_plan.plan_files import editor_dirs, plan_files, read_plan_source
from boras_plan.yaml_source import MAX_BYTES, read_source
from tests import plan_edits
from tests.conftest import DEFAULT_PLAN, ROOT, build_site, plan_data, write_plan
from tests.in_process import Run, assert_accepted_and_built, build_in_process, check_in_process, environment

BAD_INPUT = Path(__file__).resolve().parent.parent / "bad_input"
CASES = yaml.safe_load((BAD_INPUT / "cases.yaml").read_text(encoding="utf-8"))
# `change:` cases break a copy of the plan under test (they run once per plan); the others are files of their own.
OWN_CASES = [(i, c) for i, c in enumerate(CASES) if "change" not in c]
PLAN_CASES = [(i, c) for i, c in enumerate(CASES) if "change" in c]

BASE = BAD_INPUT / "base" / "plan.yaml"  # a small valid plan, laid out as data/ is, that edit cases (`base: base`) break


def _base_with(old: str, new: str) -> bytes:
    """The base's plan.yaml with old (found exactly once) replaced by new."""
    text = BASE.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return text.replace(old, new).encode("utf-8")


def _base_edited(folder: Path, old: str, new: str) -> Path:
    """The base laid out in folder with old replaced by new in the one file of it that holds old; that file."""
    holding = [Path(f) for f in plan_files(BASE) if old in Path(f).read_text(encoding="utf-8")]
    assert len(holding) == 1 and holding[0].read_text(encoding="utf-8").count(old) == 1, f"`old` must occur once in the base: {old!r}"
    _copy_base(folder)
    edited = folder / holding[0].relative_to(BASE.parent)
    edited.write_bytes(holding[0].read_text(encoding="utf-8").replace(old, new).encode("utf-8"))
    return edited


def _copy_base(folder: Path) -> None:
    """The base's editors' files (reports, site texts) beside folder's plan.yaml."""
    for source in editor_dirs(BASE):
        shutil.copytree(source, folder / source.name, dirs_exist_ok=True)


# Files too big to keep in the repository, or with line ends an editor would change, made from a recipe.
GENERATORS = {
    "too_big": lambda: DEFAULT_PLAN.read_bytes() + b"\n#" + b"x" * MAX_BYTES + b"\n",
    "deep_nesting_100000": lambda: b"recommendations: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "many_values": lambda: b"recommendations: [" + b"0, " * 510_000 + b"0]\n",  # 1.5 MB, within MAX_BYTES
    "many_problems": lambda: b"document:\n" + b"\ttitle: x\n" * 150,  # the report stops at MAX_PROBLEMS
    "title_2_mb": lambda: _base_with("title: Basplan", "title: " + "Lång titel " * 200_000),
    "what_5000_characters": lambda: _base_with("what: Göra det andra.", "what: " + "ord " * 1_250),
    "body_30000_characters": lambda: _base_with("      Rekommendationens andra stycke.", "      " + "ord " * 7_500),
    "url_3000_characters": lambda: _base_with("url: https://www.example.se/", "url: https://www.example.se/" + "a" * 3_000),
    "cr_only_line_ends": lambda: _base_with("due: 2019", "due: tjugonitton").replace(b"\n", b"\r"),
    "mixed_line_ends": lambda: _base_with("due: 2019", "due: tjugonitton").replace(b"\n", b"\r\n", 20).replace(b"\n", b"\r", 10),
}


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "plan.yaml")
    return folder / "plan.yaml"


def _link(folder: Path, target: str) -> Path:
    (folder / "plan.yaml").symlink_to(target)
    return folder / "plan.yaml"


def _link_out(folder: Path) -> Path:
    outside = folder.parent / f"{folder.name}-utanfor.yaml"
    outside.write_text("HEMLIGT: det här får aldrig visas\n", encoding="utf-8")
    return _link(folder, str(outside))


# Paths that are not a regular file inside the folder: they are made, never written to.
SPECIALS = {
    "fifo": _fifo,
    "device": lambda folder: Path("/dev/null"),
    "symlink_out_of_folder": _link_out,
    "symlink_loop": lambda folder: _link(folder, "plan.yaml"),
    "empty_plan_file": lambda folder: "",
}


def case_id(case: dict) -> str:
    if "id" in case:
        return case["id"]
    if "special" in case:
        return "special:" + case["special"]
    if "file" in case:
        return Path(case["file"]).stem
    if "generate" in case:
        return case["generate"]
    raise ValueError(f"a case without id: {case!r}")


def content(case: dict) -> bytes:
    if "file" in case:
        return (BAD_INPUT / case["file"]).read_bytes()
    if "generate" in case:
        return GENERATORS[case["generate"]]()
    raise ValueError(f"no content for {case!r}")


def changed_plan(case: dict, target: Path, plan_file: Path) -> dict:
    """The plan under test with the case's change made in its data, written to target;
    returns the case with the line, field and value the checker must report there."""
    data = plan_data(plan_file)
    indexes = plan_edits.apply(data, case["change"])
    write_plan(data, target)
    field = plan_edits.reported_path(data, case["change"], indexes, case.get("field"))
    kind = plan_edits.kind(case["change"], case.get("field"))
    value = None if kind == "delete" else plan_edits.get(data, field)
    lines_from = target
    if read_plan_source(target)[0] is None:  # a character the reader refuses: lines from the same file with a harmless one
        plan_edits.set_at(data, field, "x" * len(value))
        (target.parent / "linjer").mkdir()
        lines_from = write_plan(data, target.parent / "linjer" / "plan.yaml")
    file, shown = plan_edits.reported_where(lines_from, field)
    return dict(
        case,
        field=shown,
        in_file=str(target.parent / file),  # the editors' files beside plan.yaml are named in their report lines
        line=plan_edits.reported_line(lines_from, field, kind),
        says=case["says"].replace("{value}", str(value)),
    )


def expected_line(case: dict, raw: bytes) -> int | None:
    if "at" in case:
        text = raw.decode("utf-8")
        assert text.count(case["at"]) == 1, f"`at` must occur once in the checked file: {case['at']!r}"
        return len(re.findall(r"\r\n|\r|\n", text[: text.index(case["at"])])) + 1  # as a text editor counts lines
    return case.get("line")


def expected_report_line(case: dict, path: Path, raw: bytes) -> str:
    """The start of the report line for this problem, as editors read it."""
    line = expected_line(case, raw)
    path = case.get("in_file") or case.get("shown", path)
    where = f"  {path}, rad {line}" if line else f"  {path}"
    if case.get("field"):
        where += f", fält {case['field']}"
        # In an editors' file, the place in the form too: as the case says it, else as translate.form_place (tested on its own) does.
        if form := case.get("form") or form_place(str(path), case["field"]):
            where += f" (i formuläret: {form})"
    return where + ": "


@dataclass
class Outcome:
    path: Path | str
    raw: bytes
    checker: Run
    build: Run
    case: dict  # with the line, field and words expected in this file


def run_checker(path: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "boras_plan", str(path)], cwd=ROOT, capture_output=True, text=True, timeout=60, **kwargs
    )


def write_case(folder: Path, case: dict, plan_file: Path | None = None) -> tuple[Path | str, bytes, dict]:
    """Make the case's file in folder: (its path, its bytes, the case with what it expects);
    a `change:` case changes a copy of plan_file."""
    folder.mkdir()
    if "special" in case:
        return SPECIALS[case["special"]](folder), b"", case
    path = folder / "plan.yaml"
    if "change" in case:
        case = changed_plan(case, path, plan_file)
        return path, path.read_bytes(), case
    if "edit" in case:
        assert case["edit"].get("base"), "text edits only of the small plan in tests/bad_input; the plan under test is changed by `change:`"
        edited = _base_edited(folder, case["edit"]["old"], case["edit"]["new"])
        if edited != path:
            path.write_bytes(BASE.read_bytes())
            case = dict(case, in_file=str(edited))  # the report names the editors' file the edit is in
        return path, edited.read_bytes(), case
    raw = content(case)
    if "generate" in case:
        _copy_base(folder)  # a generated plan.yaml, with the base's editors' files beside it
    path.write_bytes(raw)
    return path, raw, case


def _outcomes(root: Path, cases: list[tuple[int, dict]], plan_file: Path | None = None) -> dict[int, Outcome | Exception]:
    """Every case checked and built once, in this process (one at a time:
    PLAN_FILE is process-wide), which keeps the whole corpus to seconds."""
    results: dict[int, Outcome | Exception] = {}
    for index, case in cases:
        folder = root / f"{index:03d}"
        try:
            path, raw, case = write_case(folder, case, plan_file)
        except (AssertionError, LookupError) as error:  # a broken case fails its own tests only
            results[index] = error
            continue
        with environment(case.get("env")):
            results[index] = Outcome(path, raw, check_in_process(path, folder / "no-site"), build_in_process(path, folder / "site"), case)
    return results


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[int, Outcome | Exception]:
    """The cases with files of their own."""
    return _outcomes(tmp_path_factory.mktemp("bad_input"), OWN_CASES)


@pytest.fixture(scope="module")
def plan_outcomes(tmp_path_factory, plan_file) -> dict[int, Outcome | Exception]:
    """The `change:` cases, each a broken copy of the plan under test."""
    return _outcomes(tmp_path_factory.mktemp("bad_input_plan"), PLAN_CASES, plan_file)


def outcome_of(outcomes: dict, index: int) -> Outcome:
    outcome = outcomes[index]
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


def assert_refused(run: Run, outcome: Outcome) -> None:
    """Exit code, no traceback, the expected problem named, nothing written."""
    case = outcome.case
    assert run.code == 1, run.output[-3000:]
    assert "Traceback" not in run.output
    start = expected_report_line(case, outcome.path, outcome.raw)
    lines = run.output.splitlines()
    assert any(line.startswith(start) and case["says"] in line for line in lines), f"wanted {start!r}…{case['says']!r} in:\n{run.output[-3000:]}"
    header = f"{case.get('shown', outcome.path)} innehåller {case.get('problems', 1)} problem. Inget har publicerats."
    assert any(line.endswith(header) for line in lines), run.output[-3000:]  # mkdocs puts "ERROR - " first
    assert not run.site.exists() or not any(run.site.iterdir())
    if "never_says" in case:  # e.g. text of a file outside the repository
        assert case["never_says"] not in run.output


def test_corpus_is_big_enough_and_covers_the_required_kinds():
    ids = [case_id(c) for c in CASES]
    assert len(ids) >= 30
    for required in ["syntax_unclosed_bracket", "tab_indentation", "duplicate_key", "empty", "not_utf8_latin1",
                     "billion_laughs", "too_big"]:
        assert required in ids
    says = " ".join(c["says"] for c in CASES)
    for message in ["saknas här", "förväntade ett heltal", "okänt fält", "används redan", "finns inte under roles", "minst 2000"]:
        assert message in says


def _checker_refuses(outcome: Outcome) -> None:
    assert_refused(outcome.checker, outcome)
    assert outcome.checker.stdout == "", "problems go to stderr, nothing claims success"


@pytest.mark.parametrize("index_case", OWN_CASES, ids=[case_id(c) for _, c in OWN_CASES])
def test_checker_refuses_with_line_field_and_message(index_case, outcomes):
    _checker_refuses(outcome_of(outcomes, index_case[0]))


@pytest.mark.parametrize("index_case", PLAN_CASES, ids=[case_id(c) for _, c in PLAN_CASES])
def test_checker_refuses_a_changed_plan_with_line_field_and_message(index_case, plan_outcomes):
    _checker_refuses(outcome_of(plan_outcomes, index_case[0]))


@pytest.mark.parametrize("index_case", OWN_CASES, ids=[case_id(c) for _, c in OWN_CASES])
def test_mkdocs_build_refuses_and_writes_nothing(index_case, outcomes):
    outcome = outcome_of(outcomes, index_case[0])
    assert_refused(outcome.build, outcome)


@pytest.mark.parametrize("index_case", PLAN_CASES, ids=[case_id(c) for _, c in PLAN_CASES])
def test_mkdocs_build_refuses_a_changed_plan_and_writes_nothing(index_case, plan_outcomes):
    outcome = outcome_of(plan_outcomes, index_case[0])
    assert_refused(outcome.build, outcome)


# The same, as editors and CI run them: `python -m boras_plan` and
# `mkdocs build --strict` as processes, for one case of each kind.
SAMPLE = ["syntax_unclosed_bracket", "tab_indentation", "not_utf8_latin1", "billion_laughs", "python_object_tag",
          "due_as_text", "role_unknown", "too_big",
          "special:fifo", "special:symlink_out_of_folder", "special:empty_plan_file", "source_date_epoch_word"]


PLAN_SAMPLE = [case_id(c) for _, c in PLAN_CASES if case_id(c) in SAMPLE]  # these change the plan under test
OWN_SAMPLE = [name for name in SAMPLE if name not in PLAN_SAMPLE]


def _process_outcomes(root: Path, names: list[str], plan_file: Path | None = None) -> dict[str, Outcome]:
    chosen = {case_id(c): (i, c) for i, c in enumerate(CASES) if case_id(c) in names}
    assert sorted(chosen) == sorted(names)

    def run(name):
        index, case = chosen[name]
        folder = root / f"{index:03d}"
        path, raw, case = write_case(folder, case, plan_file)
        checked = run_checker(path, env=dict(os.environ, **case.get("env", {})))
        built = build_site(folder / "site", extra_env={"PLAN_FILE": str(path), **case.get("env", {})})
        return name, Outcome(
            path, raw,
            Run(checked.returncode, checked.stdout, checked.stderr, folder / "no-site"),
            Run(built.returncode, built.stdout, built.stderr, folder / "site"),
            case,
        )

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(pool.map(run, names))


@pytest.fixture(scope="module")
def process_outcomes(tmp_path_factory) -> dict[str, Outcome]:
    return _process_outcomes(tmp_path_factory.mktemp("bad_input_processes"), OWN_SAMPLE)


@pytest.fixture(scope="module")
def plan_process_outcomes(tmp_path_factory, plan_file) -> dict[str, Outcome]:
    return _process_outcomes(tmp_path_factory.mktemp("bad_input_plan_processes"), PLAN_SAMPLE, plan_file)


def test_the_process_sample_has_one_case_of_each_kind():
    assert sorted(OWN_SAMPLE + PLAN_SAMPLE) == sorted(SAMPLE) and PLAN_SAMPLE


@pytest.mark.parametrize("name", OWN_SAMPLE)
def test_as_processes_too(name, process_outcomes):
    outcome = process_outcomes[name]
    assert_refused(outcome.checker, outcome)
    assert_refused(outcome.build, outcome)


@pytest.mark.parametrize("name", PLAN_SAMPLE)
def test_a_changed_plan_as_processes_too(name, plan_process_outcomes):
    outcome = plan_process_outcomes[name]
    assert_refused(outcome.checker, outcome)
    assert_refused(outcome.build, outcome)


# --- The alias bomb: refused quickly, with bounded memory --------------------


def _limit_memory():
    limit = 512 * 1024 * 1024  # the checker normally needs well under 100 MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (20, 20))


def test_billion_laughs_is_refused_within_a_memory_ulimit():
    started = time.monotonic()
    result = run_checker(BAD_INPUT / "billion_laughs.yaml", preexec_fn=_limit_memory)
    elapsed = time.monotonic() - started
    assert result.returncode == 1, result.stderr
    assert "YAML-alias" in result.stderr and "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert elapsed < 10


def test_billion_laughs_is_read_with_little_memory():
    tracemalloc.start()
    try:
        source, problems = read_source(BAD_INPUT / "billion_laughs.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert source is None and len(problems) == 9
    assert peak < 2 * 1024 * 1024, f"peak {peak} bytes: the aliases were expanded"


# --- Valid oddities still load and build -------------------------------------

ODDITIES = {
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "bom": lambda text: "\ufeff" + text,
    "trailing_spaces": lambda text: text.replace("\n", "  \n"),
}


@pytest.mark.parametrize("name", ODDITIES)
def test_valid_oddity_loads_as_the_same_plan_and_builds(name, tmp_path, plan, plan_file):
    plan_model = plan
    path = tmp_path / "plan.yaml"
    path.write_bytes(ODDITIES[name](plan_file.read_text(encoding="utf-8")).encode("utf-8"))
    for folder in editor_dirs(plan_file):  # the editors' files beside plan.yaml, as they are
        shutil.copytree(folder, tmp_path / folder.name)
    assert load_plan(path) == plan_model
    assert_accepted_and_built(path, tmp_path)


def _without_actions(target: Path, plan_file: Path) -> None:
    """The plan under test with every recommendation's actions removed (actions: []), written to target."""
    data = plan_data(plan_file)
    for rec in data["recommendations"]:
        rec["actions"] = []
    write_plan(data, target)


# Valid plans at the edges of what the checks allow: each is valid for the checker and builds.
VALID_EDGES = {
    "base": lambda folder: folder / "plan.yaml",
    "symlink_inside_folder": lambda folder: _link(folder, "riktig.yaml"),
}


def test_the_plan_under_test_without_actions_is_accepted_and_builds(tmp_path, plan, plan_file):
    _without_actions(tmp_path / "plan.yaml", plan_file)
    edge = load_plan(tmp_path / "plan.yaml")
    assert edge.actions == () and len(edge.recommendations) == len(plan.recommendations)
    assert_accepted_and_built(tmp_path / "plan.yaml", tmp_path)


@pytest.mark.parametrize("name", VALID_EDGES)
def test_valid_edge_cases_are_accepted_and_build(name, tmp_path):
    (tmp_path / ("riktig.yaml" if name == "symlink_inside_folder" else "plan.yaml")).write_text(BASE.read_text(encoding="utf-8"), encoding="utf-8")
    _copy_base(tmp_path)
    path = VALID_EDGES[name](tmp_path)
    load_plan(path)
    assert_accepted_and_built(path, tmp_path)
