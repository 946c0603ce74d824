"""The project another engine builds: the rendered docs and an mkdocs.yml written for them.

    python -m boras_plan.engine_project [-f mkdocs.yml] [--out DIR] [--expand-macros]

MkDocs builds mkdocs.yml itself, through the boras-plan plugin. ProperDocs and Zensical
(boras_plan/build.py) and the review of a change (review.py) get out/docs from render.py
and out/mkdocs.yml from here: the same config without the plan plugin, its paths
relative to it, the nav and the theme's `extra` for the rendered docs.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

from .errors import PlanError
from .render import NAV_LIMIT, Rendered, render


def read_config(config_file: Path) -> dict:
    """mkdocs.yml as data, with its `!ENV [NAME, default]` values resolved."""

    class Loader(yaml.SafeLoader):
        pass

    def env(loader, node):
        names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
        for name in names[:-1] if len(names) > 1 else names:
            if name in os.environ:
                return yaml.safe_load(os.environ[name]) if os.environ[name] else os.environ[name]
        return names[-1] if len(names) > 1 else None

    Loader.add_constructor("!ENV", env)
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506 (a SafeLoader)


def render_project(
    config_file: Path, out: Path, *, expand_macros: bool = False, source_links: bool = False, site_dir: Path | None = None
) -> tuple[Rendered, Path]:
    """Render the site of config_file into out/docs and write out/mkdocs.yml for an engine."""
    root = config_file.absolute().parent
    config = read_config(config_file)
    options = _plugin_options(config)
    rendered = render(
        root=root,
        docs_dir=root / config.get("docs_dir", "docs"),
        plan_file=options.get("plan_file"),
        out=out / "docs",
        nav=config.get("nav"),
        site_url=config.get("site_url"),
        repo_url=config.get("repo_url"),
        use_directory_urls=config.get("use_directory_urls", True),
        nav_limit=options.get("nav_limit", NAV_LIMIT),
        expand_macros=expand_macros,
        source_links=source_links,
        extra_css=config.get("extra_css") or [],
        extra=config.get("extra"),
    )
    if site_dir is not None:
        config["site_dir"] = str(site_dir)
    return rendered, write_config(config, root, rendered, out / "mkdocs.yml", expand_macros)


def _plugin_options(config: dict) -> dict:
    for item in config.get("plugins") or []:
        if isinstance(item, dict) and "boras-plan" in item:
            return item["boras-plan"] or {}
    return {}


def plan_name(config: dict) -> str | None:
    """The plan file the config builds, relative to its folder (`boras-plan: plan_file:`)."""
    return _plugin_options(config).get("plan_file")


def write_config(config: dict, root: Path, rendered: Rendered, target: Path, expand_macros: bool) -> Path:
    """The engine's mkdocs.yml for the rendered docs: no plan plugin; paths relative to it
    (Zensical stops at an absolute docs_dir)."""
    here = target.parent.resolve()

    def relative(path) -> str:
        return os.path.relpath(Path(path).resolve(), here)

    config = dict(config)
    config["docs_dir"] = relative(rendered.docs_dir)
    if config.get("site_dir"):
        config["site_dir"] = relative(root / config["site_dir"])
    config["nav"] = plain_titles(rendered.nav)
    config["extra"] = {**(config.get("extra") or {}), **rendered.extra}
    config["extra_css"] = rendered.extra_css
    config["not_in_nav"] = "\n".join("/" + src for src in rendered.not_in_nav)
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = relative(root / theme["custom_dir"])
    config["theme"] = theme
    plugins = []
    for item in config.get("plugins") or []:
        name = next(iter(item)) if isinstance(item, dict) else item
        if name == "boras-plan" or (name == "macros" and expand_macros):
            continue
        if name == "macros":
            options = dict(item["macros"])
            options["module_name"] = relative(root / options.get("module_name", "main"))
            item = {"macros": options}
        plugins.append(item)
    config["plugins"] = plugins
    target.write_text("# Written by boras_plan/engine_project.py for an engine; edit mkdocs.yml instead.\n"
                      + yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def plain_titles(value):
    """Titles from the data are Markup (text.theme_title), a str subclass: plain str for YAML."""
    if isinstance(value, dict):
        return {str(key): plain_titles(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain_titles(item) for item in value]
    return str(value) if isinstance(value, str) else value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the plan's pages and files for an engine.")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--out", type=Path, default=Path("build/rendered"))
    parser.add_argument("--expand-macros", action="store_true", help="for an engine without mkdocs-macros")
    args = parser.parse_args(argv)
    try:
        _, config = render_project(args.config_file, args.out, expand_macros=args.expand_macros)
    except PlanError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
