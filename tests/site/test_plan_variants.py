"""Every valid change an editor makes passes: variants of the plan under test, made of editors'
operations (tests/plan_variants.py) and drawn by hypothesis, pass the editors' checker
(`python -m boras_plan FILE`) and the real `mkdocs build --strict`, both run in this process
(tests/in_process.py).

The seed is printed in pytest's header (and named in every failure); rerun one with
    PLAN_VARIANTS_SEED=<seed> .venv/bin/python -m pytest tests/site/test_plan_variants.py --plans <plan>
PLAN_VARIANTS_EXAMPLES sets how many variants (default 3): each costs a build of a few seconds.
"""

from __future__ import annotations

import os
import subprocess
import sys

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from tests import plan_variants
from tests.conftest import DEFAULT_PLAN, PLAN_VARIANTS_SEED, ROOT, plan_data, write_plan
from tests.in_process import assert_accepted_and_built

SEED = PLAN_VARIANTS_SEED  # printed in pytest's header
EXAMPLES = int(os.environ.get("PLAN_VARIANTS_EXAMPLES") or 3)
RERUN = f"PLAN_VARIANTS_SEED={SEED} PLAN_VARIANTS_EXAMPLES={EXAMPLES} .venv/bin/python -m pytest tests/site/test_plan_variants.py --plans {{plan}}"
_count = iter(range(10**6))


@seed(SEED)
@settings(max_examples=EXAMPLES, database=None, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
@given(drawn=st.data())
def test_every_variant_passes_the_check_and_the_strict_build(tmp_path_factory, plan_file, drawn):
    data, done = drawn.draw(plan_variants.variants(plan_data(plan_file)), label="variant")
    folder = tmp_path_factory.mktemp(f"variant-{next(_count)}")
    path = write_plan(data, folder / "plan.yaml")
    rerun = RERUN.format(plan=os.path.relpath(plan_file, ROOT))
    what = f"seed {SEED} ({rerun}); the editor's changes: " + "; ".join(done)
    assert_accepted_and_built(path, folder, what)


def test_the_command_writes_valid_variants_and_the_same_ones_for_the_same_seed(tmp_path):
    """The CLI CI runs: K variants, the seed and a command that makes them again, byte for byte."""
    outs = [tmp_path / "a", tmp_path / "b"]
    runs = [
        subprocess.run([sys.executable, "-m", "tests.plan_variants", str(out), "--count", "2", "--seed", str(SEED)],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
        for out in outs
    ]
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert f"Frö (seed): {SEED}" in run.stdout and f"--seed {SEED}" in run.stdout
    files = [sorted(out.glob("variant-*/plan.yaml")) for out in outs]
    assert [p.name for p in files[0]] == ["plan.yaml", "plan.yaml"] and [p.parent.name for p in files[0]] == ["variant-0", "variant-1"]
    assert [p.read_bytes() for p in files[0]] == [p.read_bytes() for p in files[1]]
    for path in files[0]:  # many changes of every family in each plan, not one
        families = [line.split(":")[0] for line in (path.parent / "operations.txt").read_text(encoding="utf-8").splitlines()]
        assert set(families) == {op.__name__ for op in plan_variants.OPERATIONS} and len(families) > len(plan_variants.OPERATIONS)


def test_the_command_refuses_an_invalid_variant_with_the_swedish_report(tmp_path):
    """A broken starting plan gives broken variants: exit 1 and the checker's report, not a success."""
    base = plan_data(DEFAULT_PLAN)
    broken = base | {"document": base["document"] | {"type": "planer"}}
    (tmp_path / "trasig").mkdir()
    plan = write_plan(broken, tmp_path / "trasig" / "plan.yaml")
    run = subprocess.run([sys.executable, "-m", "tests.plan_variants", str(tmp_path / "ut"), "--count", "1", "--seed", "1", "--plan", str(plan)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert "Inget har publicerats" in run.stderr and "okänd dokumenttyp" in run.stderr
