"""What a change does to the public site, for the person who approves it:

    python -m boras_plan.review BASE        (scripts/review BASE)

BASE is a git ref (a branch, a commit). The site's pages and files are rendered
(engine_project.py, macros expanded as for an engine without macros, no build) twice: from
BASE (git archive) and from the working tree, each copied where git cannot see it
(so no date from history differs) and each by its own code (so a changed template
shows too). The report, in Swedish Markdown: what changed in the data (plan_diff.py)
and the page that shows it, every page that changes, pages added or removed, the
open-data files and feeds that change. A working tree that cannot be published gets
the report of scripts/check instead, and exit status 1.
"""

from __future__ import annotations

import argparse
import html
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pathspec.gitignore
import yaml

from . import feed, front_matter, plan_diff, routes
from .engine_project import plan_name, read_config
from .errors import PlanError
from .loader import load_plan
from .model import Plan

TITLE = "## Så ändras den publika webbplatsen"
BROKEN_TITLE = "## Ändringen kan inte publiceras"
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>|~#!])")
_BLOCK_START = re.compile(r"^([0-9]+[.)]|[-+=])")  # what opens a list (or a heading's underline) where a line starts


class ReviewError(Exception):
    """The review cannot start (no repository, an unknown BASE): the message is Swedish."""


class RenderError(Exception):
    """A version's pages could not be rendered: what its render step said."""


@dataclass(frozen=True)
class Side:
    """One version of the site as rendered: its plan, pages and other files, by source path."""

    plan: Plan | None  # None: this version's loader cannot read the data (an older layout)
    pages: dict[str, str]  # source path -> rendered Markdown
    files: dict[str, bytes]  # every other file the site publishes
    titles: dict[str, str]  # source path -> the page's title
    order: dict[str, int]  # source path -> its place in the menu (pages outside it after)
    use_directory_urls: bool
    site_url: str | None

    def address(self, src: str, anchor: str | None = None) -> str:
        path = routes.site_path(src, self.use_directory_urls) if src.endswith(".md") else src
        base = self.site_url.rstrip("/") + "/" if self.site_url else "/"
        return base + path + (f"#{anchor}" if anchor else "")

    def menu_order(self, pages) -> list[str]:
        return sorted(pages, key=lambda src: (self.order.get(src, len(self.order)), src))


def review(repo: Path, base: str, config_file: str = "mkdocs.yml") -> tuple[str, int]:
    """(Markdown, exit status): 0 for a report, 1 for a change that cannot be published."""
    try:
        top = Path(_git(repo, "rev-parse", "--show-toplevel").strip())
    except subprocess.CalledProcessError:
        raise ReviewError(f"{repo} är inget git-förråd: kör kommandot i webbplatsens förråd.") from None
    config = (repo / config_file).absolute().relative_to(top)
    try:
        sha = _git(repo, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}").strip()
    except subprocess.CalledProcessError:
        raise ReviewError(f"Hittar ingen version som heter ”{base}” i git. Ange en gren eller en commit, t.ex. main.") from None
    with tempfile.TemporaryDirectory(prefix="boras-plan-review-") as tmp:
        tmp = Path(tmp)
        _copy_working_tree(top, tmp / "head")
        _export(top, sha, tmp / "base")
        try:
            head = _render(tmp / "head", config, tmp / "head-out", _plan(tmp / "head" / config))
        except PlanError as error:
            return broken(error.report()), 1
        except RenderError as error:
            return broken(str(error)), 1
        try:
            try:
                plan = _plan(tmp / "base" / config)
            except PlanError:
                plan = None  # its pages are still compared, by its own code
            before = _render(tmp / "base", config, tmp / "base-out", plan)
        except RenderError as error:
            return _base_unreadable(base, sha, str(error)), 0
    return report(base, sha, before, head), 0


def broken(reason: str) -> str:
    return "\n".join([
        BROKEN_TITLE, "",
        "Kontrollen hittade fel i ändringen. Inget av det publiceras förrän felen är rättade. "
        "Samma rapport som `./scripts/check` ger:", "",
        *_fenced(reason), "",
    ])


def _base_unreadable(base: str, sha: str, reason: str) -> str:
    return "\n".join([
        TITLE, "",
        f"Ändringen kan publiceras, men sidorna i `{base}` (`{sha[:7]}`) går inte att ta fram, "
        "så ingen jämförelse kan göras. Så här svarade den versionen:", "",
        *_fenced(reason), "",
    ])


def _fenced(text: str) -> list[str]:
    """A block of text shown as it is, whatever backticks it holds."""
    fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", text)), default=0))
    return [f"{fence}text", text, fence]


def report(base: str, sha: str, before: Side, after: Side) -> str:
    changed = after.menu_order(src for src in after.pages.keys() & before.pages.keys() if after.pages[src] != before.pages[src])
    added = after.menu_order(after.pages.keys() - before.pages.keys())
    removed = before.menu_order(before.pages.keys() - after.pages.keys())
    files = _changed_files(before.files, after.files)
    published = {src: how for src, how in files.items() if _published_data(src)}
    other = {src: how for src, how in files.items() if src not in published}
    differences = plan_diff.differences(before.plan, after.plan) if before.plan else []

    counts = [
        _count(len(changed), "sida ändras", "sidor ändras"),
        _count(len(added), "ny sida", "nya sidor"),
        _count(len(removed), "sida tas bort", "sidor tas bort"),
        _count(len(published), "fil med öppna data eller flöde ändras", "filer med öppna data eller flöden ändras"),
    ]
    lines = [TITLE, ""]
    if not (changed or added or removed or files or differences):
        lines += [f"Jämfört med `{base}` (`{sha[:7]}`) ändras ingenting på den publika webbplatsen: "
                  "inga sidor, inga filer med öppna data och inga flöden.", ""]
        return "\n".join(lines)
    lines += [f"Jämfört med `{base}` (`{sha[:7]}`): {', '.join(c for c in counts if c) or 'inga sidor ändras'}.", ""]
    if before.plan is None:
        lines += [f"Innehållet jämförs inte fält för fält: datan i `{base}` har en form som den här versionen inte läser "
                  "(t.ex. före en ny ordning av filerna). Sidorna och filerna nedan är jämförda ändå.", ""]
    if differences:
        lines += ["### Vad som ändras i innehållet", ""]
        for subject, items in _by_subject(differences).items():
            side = after if subject.page is None or subject.page in after.titles else before
            where = f" – sidan {_escape(side.titles[subject.page])}, `{side.address(subject.page, subject.anchor)}`" if subject.page in side.titles else ""
            lines += [f"**{_escape(subject.title)}**{where}", ""]
            lines += [_difference(d) for d in items] + [""]
    for title, pages, side in (("Sidor som ändras", changed, after), ("Nya sidor", added, after), ("Sidor som tas bort", removed, before)):
        if pages:
            lines += [f"### {title}", ""] + [f"- {_escape(side.titles[src], starts_line=True)} – `{side.address(src)}`" for src in pages] + [""]
    for title, group in (("Öppna data och flöden som ändras", published), ("Andra filer som ändras", other)):
        if group:
            lines += [f"### {title}", ""] + [f"- `{(after if how != 'tas bort' else before).address(src)}` ({how})" for src, how in group.items()] + [""]
    return "\n".join(lines)


def _difference(d: plan_diff.Difference) -> str:
    source = f" (källa: {_escape(d.source)})" if d.source else ""
    if d.before is None:
        return f"- {_escape(d.field)}: {_quoted(d.after)}{source}"
    if d.after is None:
        return f"- {_escape(d.field)}: {_quoted(d.before)}{source} *(tas bort)*"
    return f"- {_escape(d.field)}: {_quoted(d.before)} → {_quoted(d.after)}"


def _by_subject(differences: list[plan_diff.Difference]) -> dict[plan_diff.Subject, list[plan_diff.Difference]]:
    grouped: dict[plan_diff.Subject, list[plan_diff.Difference]] = {}
    for d in differences:
        grouped.setdefault(d.subject, []).append(d)
    return grouped


def _changed_files(before: dict[str, bytes], after: dict[str, bytes]) -> dict[str, str]:
    out = {src: "ändras" for src in after.keys() & before.keys() if after[src] != before[src]}
    out |= {src: "ny" for src in after.keys() - before.keys()}
    out |= {src: "tas bort" for src in before.keys() - after.keys()}
    return dict(sorted(out.items()))


def _published_data(src: str) -> bool:
    """Open data (data/) and the feeds: the files others read and harvest."""
    return src.startswith(routes.DATA_DIR + "/") or src == feed.FEED_NAME or (src.startswith(routes.FEED_PREFIX) and src.endswith(".xml"))


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}" if n else ""


def _quoted(text: str) -> str:
    return f"”{_escape(text)}”"


def _escape(text: str, starts_line: bool = False) -> str:
    """Data as plain text in Markdown: one line, no markup, no HTML. Where it starts a line (or a
    list item), nothing that opens a list: "1. Titel" after a list item's dash would open one."""
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", " ".join(text.split()))
    return _BLOCK_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text) if starts_line else text


# --- the two versions, rendered -----------------------------------------------------------------


def _plan(config_file: Path) -> Plan:
    """The plan the config builds, checked as scripts/check checks it (the same report)."""
    try:
        name = plan_name(read_config(config_file)) or ""
    except (OSError, yaml.YAMLError) as error:
        raise RenderError(f"{config_file.name} går inte att läsa: {error}") from None
    return load_plan(config_file.parent / name if name else "", display_path=name)


def _render(tree: Path, config: Path, out: Path, plan: Plan | None) -> Side:
    """The version in tree rendered by its own code, where git finds no repository."""
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE")}
    env["GIT_CEILING_DIRECTORIES"] = str(tree.parent.resolve())
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tree), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", _project_module(tree), "-f", str(tree / config), "--out", str(out), "--expand-macros"],
        cwd=tree, env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise RenderError((result.stderr or result.stdout).strip())
    written = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))  # the config written for an engine
    # As MkDocs reads exclude_docs: files it does not publish are no pages.
    excluded = pathspec.gitignore.GitIgnoreSpec.from_lines((written.get("exclude_docs") or "").splitlines())
    docs = out / "docs"
    pages, files, titles = {}, {}, {}
    for path in sorted(docs.rglob("*")):
        src = path.relative_to(docs).as_posix()
        if not path.is_file() or excluded.match_file(src):
            continue
        if src.endswith(".md"):
            pages[src] = path.read_text(encoding="utf-8")
            titles[src] = _title(pages[src]) or src
        else:
            files[src] = path.read_bytes()
    order = {src: i for i, src in enumerate(_menu(written.get("nav")))}
    return Side(plan, pages, files, titles, order, written.get("use_directory_urls", True), written.get("site_url"))


def _project_module(tree: Path) -> str:
    """The module that renders tree's project for an engine: a version older than
    engine_project.py had it in render.py."""
    return "boras_plan.engine_project" if (tree / "boras_plan" / "engine_project.py").is_file() else "boras_plan.render"


def _menu(nav) -> list[str]:
    """The source paths of the menu (mkdocs.yml's nav, with the recommendations render.py adds), in order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [src for item in nav.values() for src in _menu(item)]
    if isinstance(nav, list):
        return [src for item in nav for src in _menu(item)]
    return []


def _title(page: str) -> str | None:
    """The page's title: its front matter's, or its first heading's."""
    meta, body = front_matter.split(page)
    if meta.get("title"):
        return str(meta["title"])
    match = re.search(r"(?m)^# (.+?)(?:\s*\{[^}]*\})?\s*$", body)
    return html.unescape(re.sub(r"\\(.)", r"\1", match.group(1))) if match else None


def _git(repo: Path, *args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout
    except OSError:
        raise ReviewError("git saknas: installera git för att jämföra versioner.") from None


def _export(top: Path, sha: str, dest: Path) -> None:
    """BASE's files, from git's object store: the working tree and the branches are not touched."""
    archive = subprocess.run(["git", "archive", "--format=tar", sha], cwd=top, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")


def _copy_working_tree(top: Path, dest: Path) -> None:
    """The working tree as git sees it: tracked files as they are now, and new files not ignored."""
    listed = _git(top, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, dict.fromkeys(listed)):
        source, target = top / name, dest / name
        if not os.path.lexists(source) or source.is_dir() and not source.is_symlink():
            continue  # deleted in the working tree, or a submodule
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            os.symlink(os.readlink(source), target)
        else:
            shutil.copyfile(source, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vad ändringen från BASE till arbetskatalogen gör med den publika webbplatsen.")
    parser.add_argument("base", help="versionen att jämföra med: en gren eller en commit, t.ex. main")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    args = parser.parse_args(argv)
    try:
        text, status = review(Path.cwd(), args.base, args.config_file)
    except ReviewError as error:
        print(error, file=sys.stderr)
        return 2
    print(text)
    return status


if __name__ == "__main__":
    sys.exit(main())
