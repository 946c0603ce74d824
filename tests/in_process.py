"""The editors' checker (`python -m boras_plan FILE`) and `mkdocs build --strict` run in the test's
own process: the same main() and the same build, without starting Python and importing MkDocs,
Material and the model again for each file (about a second each). Tests that are about the
processes themselves (exit status, no traceback, as editors and CI run them) start them.
"""

from __future__ import annotations

import io
import logging
import os
import traceback
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from boras_plan import __main__ as cli
from tests.conftest import ROOT


@dataclass
class Run:
    """What one command did: its exit code, its output, and the output folder."""

    code: int
    stdout: str
    stderr: str
    site: Path

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@contextmanager
def environment(values: dict | None):
    """Set environment variables for one case (SOURCE_DATE_EPOCH …), and restore them."""
    saved = {name: os.environ.get(name) for name in values or {}}
    os.environ.update(values or {})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def check_in_process(path: Path | str, site: Path) -> Run:
    """`python -m boras_plan FILE` without starting Python again: the same main()."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = cli.main([str(path)])
        except BaseException:  # the CLI would print a traceback: show it
            traceback.print_exc(file=err)
            code = -1
    return Run(code, out.getvalue(), err.getvalue(), site)


def build_in_process(path: Path, site: Path) -> Run:
    """What `mkdocs build --strict` does (mkdocs/__main__.py build_command), in
    this process: a data problem must end as Abort, which the CLI prints as
    a message; any other exception would reach the editor as a traceback."""
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        with environment({"PLAN_FILE": str(path)}):
            config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        code = 0
    except Abort as abort:
        log.write(f"{abort}\n")
        code = 1
    except BaseException:
        log.write(traceback.format_exc())
        code = -1
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return Run(code, "", log.getvalue(), site)


def assert_accepted_and_built(path: Path, folder: Path, why: str = "") -> None:
    """A valid plan: the checker says so and the strict build writes the site (into folder/site)."""
    checked = check_in_process(path, folder / "no-site")
    assert checked.code == 0 and "är giltig" in checked.stdout, f"{why}\n{checked.output}"
    built = build_in_process(path, folder / "site")
    assert built.code == 0, f"{why}\n{built.output[-4000:]}"
    assert (folder / "site" / "index.html").is_file()
