"""Broken data never reaches the public: every case in tests/bad_input/cases.yaml
is refused by the editors' checker and by the real `mkdocs build --strict`,
with a Swedish message naming the line (and field), no traceback, and an
output folder that stays empty. Valid oddities (CRLF, BOM, trailing spaces)
still load and build.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from boras_plan.loader import load_plan
from boras_plan.yaml_source import MAX_BYTES, read_source
from tests.conftest import ROOT, build_site

BAD_INPUT = Path(__file__).resolve().parent / "bad_input"
PLAN = ROOT / "data" / "plan.yaml"
CASES = yaml.safe_load((BAD_INPUT / "cases.yaml").read_text(encoding="utf-8"))

# Files too big to keep in the repository, made from a recipe.
GENERATORS = {
    "too_big": lambda: PLAN.read_bytes() + b"\n#" + b"x" * MAX_BYTES + b"\n",
    "deep_nesting_100000": lambda: b"recommendations: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
}


def case_id(case: dict) -> str:
    if "file" in case:
        return Path(case["file"]).stem
    if "generate" in case:
        return case["generate"]
    return "edit:" + case["field"]


def edited_plan(edit: dict) -> bytes:
    text = PLAN.read_text(encoding="utf-8")
    assert text.count(edit["old"]) == 1, f"the edit must match data/plan.yaml exactly once: {edit['old']!r}"
    return text.replace(edit["old"], edit["new"]).encode("utf-8")


def content(case: dict) -> bytes:
    if "file" in case:
        return (BAD_INPUT / case["file"]).read_bytes()
    if "generate" in case:
        return GENERATORS[case["generate"]]()
    return edited_plan(case["edit"])


def expected_line(case: dict, raw: bytes) -> int | None:
    if "at" in case:
        text = raw.decode("utf-8")
        assert text.count(case["at"]) == 1, f"`at` must occur once in the checked file: {case['at']!r}"
        return text[: text.index(case["at"])].count("\n") + 1
    return case.get("line")


def expected_report_line(case: dict, path: Path, raw: bytes) -> str:
    """The start of the report line for this problem, as editors read it."""
    line = expected_line(case, raw)
    where = f"  {path}, rad {line}" if line else f"  {path}"
    if case.get("field"):
        where += f", fält {case['field']}"
    return where + ": "


@dataclass
class Outcome:
    path: Path
    raw: bytes
    checker: subprocess.CompletedProcess
    build: subprocess.CompletedProcess
    site: Path


def run_checker(path: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "boras_plan", str(path)], cwd=ROOT, capture_output=True, text=True, timeout=60, **kwargs
    )


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, Outcome]:
    """Every case checked and built once, in parallel (each is its own process)."""
    root = tmp_path_factory.mktemp("bad_input")

    def run(index_case):
        index, case = index_case
        folder = root / f"{index:02d}"
        folder.mkdir()
        try:
            raw = content(case)
        except AssertionError as error:  # a broken case fails its own tests only
            return error
        path = folder / "plan.yaml"
        path.write_bytes(raw)
        site = folder / "site"
        return Outcome(path, raw, run_checker(path), build_site(site, plan_file=str(path)), site)

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        results = list(pool.map(run, enumerate(CASES)))
    return dict(enumerate(results))


def outcome_of(outcomes: dict, index: int) -> Outcome:
    outcome = outcomes[index]
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


def test_corpus_is_big_enough_and_covers_the_required_kinds():
    ids = [case_id(c) for c in CASES]
    assert len(ids) >= 30
    for required in ["syntax_unclosed_bracket", "tab_indentation", "duplicate_key", "empty", "not_utf8_latin1",
                     "billion_laughs", "too_big"]:
        assert required in ids
    says = " ".join(c["says"] for c in CASES)
    for message in ["saknas här", "förväntade ett heltal", "okänt fält", "används redan", "finns inte under roles", "minst 2000"]:
        assert message in says


@pytest.mark.parametrize("index_case", list(enumerate(CASES)), ids=[case_id(c) for c in CASES])
def test_checker_refuses_with_line_field_and_message(index_case, outcomes):
    index, case = index_case
    outcome = outcome_of(outcomes, index)
    output = outcome.checker.stdout + outcome.checker.stderr
    assert outcome.checker.returncode == 1, output
    assert "Traceback" not in output
    assert outcome.checker.stdout == "", "problems go to stderr, nothing claims success"
    start = expected_report_line(case, outcome.path, outcome.raw)
    lines = outcome.checker.stderr.splitlines()
    assert any(line.startswith(start) and case["says"] in line for line in lines), f"wanted {start!r}…{case['says']!r} in:\n{output}"
    problems = case.get("problems", 1)
    assert lines[0] == f"{outcome.path} innehåller {problems} problem. Inget har publicerats.", output


@pytest.mark.parametrize("index_case", list(enumerate(CASES)), ids=[case_id(c) for c in CASES])
def test_mkdocs_build_refuses_and_writes_nothing(index_case, outcomes):
    index, case = index_case
    outcome = outcome_of(outcomes, index)
    output = outcome.build.stdout + outcome.build.stderr
    assert outcome.build.returncode != 0, output[-2000:]
    assert "Traceback" not in output
    assert not outcome.site.exists() or not any(outcome.site.iterdir())
    start = expected_report_line(case, outcome.path, outcome.raw)
    assert any(line.startswith(start) and case["says"] in line for line in output.splitlines()), output[-2000:]


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


@pytest.fixture(scope="module")
def plan_model():
    return load_plan(PLAN)


@pytest.mark.parametrize("name", ODDITIES)
def test_valid_oddity_loads_as_the_same_plan_and_builds(name, tmp_path, plan_model):
    path = tmp_path / "plan.yaml"
    path.write_bytes(ODDITIES[name](PLAN.read_text(encoding="utf-8")).encode("utf-8"))
    assert load_plan(path) == plan_model
    checked = run_checker(path)
    assert checked.returncode == 0 and "är giltig" in checked.stdout, checked.stderr
    built = build_site(tmp_path / "site", plan_file=str(path))
    assert built.returncode == 0, built.stderr[-2000:]
    assert (tmp_path / "site" / "index.html").is_file()
