"""One build for any engine: render, let the engine render Markdown, finish, swap.

    python -m boras_plan.build [--engine mkdocs|properdocs|zensical] [--site-dir site]

mkdocs (the default, and the published build) runs `mkdocs build --strict` on
mkdocs.yml, whose boras-plan plugin calls render.py and finish.py. The other
engines build the project engine_project.py writes (build/<engine>/mkdocs.yml, its
site in build/<engine>/site) from their own pinned environment (scripts/setup
<engine>), and finish.py runs after them. Each way, a failed build leaves the last good site as it was.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .engine_project import render_project
from .errors import PlanError
from .finish import AtomicSite, FinishError, finish
from .routes import built_path

@dataclass(frozen=True)
class Engine:
    command: list[str]  # the build command, from the repository; the config and site follow
    expand_macros: bool  # no mkdocs-macros in its environment: render.py expands the pages' macros
    source_links: bool  # it resolves links in raw HTML from the page's source file (routes.Router)


ENGINES = {
    "mkdocs": Engine([".venv/bin/mkdocs", "build", "--strict"], expand_macros=False, source_links=False),
    "properdocs": Engine([".venv-properdocs/bin/properdocs", "build", "--strict"], expand_macros=True, source_links=False),
    "zensical": Engine([".venv-zensical/bin/zensical", "build", "--strict"], expand_macros=True, source_links=True),
}


class BuildError(Exception):
    """The engine failed; its own output says why."""


def build(engine: str, site_dir: Path, config_file: Path = Path("mkdocs.yml"), work: Path | None = None) -> None:
    """Build the site with the engine into site_dir; PlanError, FinishError or BuildError otherwise.

    work is where another engine's project is rendered (default build/<engine> beside config_file)."""
    config_file = config_file.absolute()
    project = config_file.parent  # the engines' environments are there (.venv, .venv-<engine>)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if engine == "mkdocs":  # the plugin renders, finishes and swaps (boras_plan/plugin.py)
        command = [str(project / ENGINES["mkdocs"].command[0]), *ENGINES["mkdocs"].command[1:], "-f", str(config_file), "--site-dir", str(site_dir)]
        if subprocess.run(command, cwd=project, env=env).returncode:
            raise BuildError(engine)
        return
    spec = ENGINES[engine]
    work = work or project / "build" / engine
    built = work.absolute() / "site"  # inside the project: Zensical writes nowhere else
    site = AtomicSite(site_dir.absolute())
    try:
        rendered, config = render_project(
            config_file, work, expand_macros=spec.expand_macros, source_links=spec.source_links, site_dir=built
        )
        shutil.rmtree(built, ignore_errors=True)
        if subprocess.run([str(project / spec.command[0]), *spec.command[1:], "-f", str(config)], cwd=work, env=env).returncode:
            raise BuildError(engine)
        finish(built, search_excluded={built_path(src) for src in rendered.search_excluded})
        site.building.rmdir()
        shutil.move(built, site.building)
        site.commit()
    finally:
        site.discard()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=sorted(ENGINES), default="mkdocs")
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    try:
        build(args.engine, args.site_dir, args.config_file)
    except PlanError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except FinishError as error:
        print(error, file=sys.stderr)
        return 1
    except BuildError:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
