"""The boras-plan plugin: one plan is configuration, every internal link is resolved,
and a build that fails leaves the previous site as it was."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from mkdocs.config import load_config

from boras_plan import routes
from boras_plan.loader import load_plan
from boras_plan.parts import tooltip_terms
from boras_plan.plugin import PlanPlugin
from tests.conftest import FIXTURES, ROOT
from tests.helpers import article_text, visible_text

SECOND = FIXTURES / "second"


def mkdocs_build(config: Path, site: Path, *flags: str, pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for name in ("PLAN_FILE", "SITE_URL"):
        env.pop(name, None)
    if pythonpath:  # a copy of the package, before the installed one
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *flags, "-f", str(config), "--site-dir", str(site)],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def second_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("second") / "site"
    result = mkdocs_build(SECOND / "mkdocs.yml", site, "--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


def test_a_second_plan_builds_from_its_own_config(second_site):
    config = load_config(str(SECOND / "mkdocs.yml"))
    plan = load_plan(SECOND / config.plugins["boras-plan"].config.plan_file)
    real = load_plan(ROOT / "data" / "plan.yaml")
    start = (second_site / "index.html").read_text(encoding="utf-8")
    assert re.search(rf"<title>[^<]*{re.escape(config.site_name)}</title>", start)
    assert plan.document.title in article_text(start) and real.document.title not in visible_text(start)
    for rec in plan.recommendations:
        page = (second_site / routes.site_path(routes.recommendation(plan, rec.number)) / "index.html").read_text(encoding="utf-8")
        assert f"{rec.number}. {rec.title}" in article_text(page), rec.number
        for action in rec.actions:
            assert f'id="{action.anchor}"' in page and action.what in visible_text(page), action.id
    exported = json.loads((second_site / routes.data_file("plan.json")).read_text(encoding="utf-8"))
    assert json.dumps(exported, ensure_ascii=False).count(plan.document.title) >= 1
    assert real.document.title not in json.dumps(exported, ensure_ascii=False)


def test_every_theme_link_of_the_second_site_leads_to_one_of_its_pages(second_site):
    """The theme's links (search help, footer, notices) come from the build's own files:
    a page this site lacks (it has no glossary) is left out, never linked."""
    pages = sorted(second_site.rglob("*.html"))
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"#:?]+/)"', text):
            target = second_site / href.lstrip("/") if href.startswith("/") else (path.parent / href).resolve()  # 404.html: from the root
            assert (target / "index.html").is_file(), (path.relative_to(second_site).as_posix(), href)
    help_links = re.findall(r'<li><a href="([^"]+)"', (second_site / "index.html").read_text(encoding="utf-8").split('class="search-help"')[1].split("</nav>")[0])
    assert help_links and "ordlista/" not in help_links


def test_the_second_plans_glossary_explains_its_own_terms(second_site):
    plan = load_plan(SECOND / "plan.yaml")
    terms = tooltip_terms(plan)
    assert terms
    for rec in plan.recommendations:
        page = (second_site / routes.site_path(routes.recommendation(plan, rec.number)) / "index.html").read_text(encoding="utf-8")
        for term, explanation in terms.items():
            if any(term in p for p in rec.paragraphs):
                assert f'<abbr title="{explanation}">{term}</abbr>' in page, (rec.number, term)


# --- a copy of the code, to break a template -------------------------------------------------


@pytest.fixture
def project(tmp_path) -> Path:
    """The package (and data/, where its schema is), theme overrides, macros and the second
    fixture, copied; returns the copy's mkdocs.yml."""
    ignore = shutil.ignore_patterns("__pycache__", "site")
    for name in ("boras_plan", "overrides", "data"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=ignore)
    shutil.copy(ROOT / "macros.py", tmp_path / "macros.py")
    (tmp_path / "cms").mkdir()
    (tmp_path / "cms" / "node_modules").symlink_to(ROOT / "cms" / "node_modules")  # Decap for the form (installed, not committed)
    shutil.copytree(SECOND, tmp_path / "tests" / "fixtures" / "second", ignore=ignore)
    return tmp_path / "tests" / "fixtures" / "second" / "mkdocs.yml"


def _edit_template(config: Path, name: str, old: str, new: str) -> None:
    path = config.parents[3] / "boras_plan" / "templates" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


BROKEN = {
    "unknown file": ("link.recommendation(rec.number)", "link.to('rekommendationer/finns-inte.md')", "rekommendationer/finns-inte.md"),
    "unknown anchor": ("link.recommendation(rec.number)", "link.recommendation(rec.number, 'finns-inte')", "#finns-inte"),
    "unknown anchor on the page": ("link.recommendation(rec.number)", "link.here('finns-inte')", "#finns-inte"),
}


@pytest.mark.parametrize(
    "case, flags",
    [(case, ("--strict",)) for case in BROKEN]
    # Not only in strict mode; and -v, which turns MkDocs' own anchor check off, does not turn ours off.
    + [("unknown file", ("--no-strict",)), ("unknown anchor", ("--no-strict", "-v"))],
)
def test_a_broken_internal_link_in_a_template_fails_the_build(project, tmp_path, case, flags):
    old, new, named = BROKEN[case]
    _edit_template(project, "recommendation_list.md.j2", old, new)
    result = mkdocs_build(project, tmp_path / "out", *flags, pythonpath=project.parents[3])
    assert result.returncode != 0, result.stderr
    assert named in result.stderr and ("ingen sådan fil" in result.stderr or "inget sådant ankare" in result.stderr), result.stderr


def test_the_copy_builds_unchanged(project, tmp_path):
    """The control for the test above: the copy itself is sound, so only the edit breaks it."""
    result = mkdocs_build(project, tmp_path / "out", "--strict", pythonpath=project.parents[3])
    assert result.returncode == 0, result.stderr


# --- atomic build ------------------------------------------------------------------------------


def _previous_site(site: Path) -> None:
    site.mkdir()
    (site / "index.html").write_text("previous", encoding="utf-8")


def _leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}-"))


@pytest.mark.parametrize("flags", [("--no-strict",), ("--strict",)], ids=["plain", "strict"])
def test_a_build_that_fails_while_rendering_leaves_the_previous_site(project, tmp_path, flags):
    _edit_template(project, "recommendation_list.md.j2", "link.recommendation(rec.number)", "link.recommendation(rec.numbr)")
    site = tmp_path / "site"
    _previous_site(site)
    result = mkdocs_build(project, site, *flags, pythonpath=project.parents[3])
    assert result.returncode != 0, result.stderr
    assert "Cleaning site directory" in result.stderr  # MkDocs had begun: it cleans the directory it writes to
    assert [p.name for p in site.iterdir()] == ["index.html"] and (site / "index.html").read_text() == "previous"
    assert _leftovers(site) == []


def test_a_strict_build_with_a_warning_leaves_the_previous_site(project, tmp_path):
    docs = project.parent / "docs"
    (docs / "tillganglighet.md").write_text("# Tillgänglighet\n\n[Trasig](finns-inte.md)\n", encoding="utf-8")
    site = tmp_path / "site"
    _previous_site(site)
    result = mkdocs_build(project, site, "--strict", pythonpath=project.parents[3])
    assert result.returncode != 0 and "finns-inte.md" in result.stderr, result.stderr
    assert (site / "index.html").read_text() == "previous" and _leftovers(site) == []
    # Without --strict the warning does not stop the build: the new site replaces the old one.
    result = mkdocs_build(project, site, "--no-strict", pythonpath=project.parents[3])
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").read_text() != "previous" and (site / "rekommendationer").is_dir()
    assert _leftovers(site) == []


def test_a_successful_build_replaces_the_site_readably(second_site):
    assert re.search(r"<html", (second_site / "index.html").read_text(encoding="utf-8"))
    assert oct(second_site.stat().st_mode & 0o777) == "0o755"
    assert _leftovers(second_site) == []


def test_the_themes_templates_are_compiled_once_and_read_back(tmp_path, monkeypatch):
    """on_env gives the theme's environment Jinja's bytecode cache: a template compiled by one build
    is read back by the next (a new environment, as each build and serve rebuild makes), not compiled."""
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))  # Jinja's private per-user folder, inside tmp_path
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>{{ text }}</p>", encoding="utf-8")

    def render() -> str:
        env = PlanPlugin().on_env(jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path / "templates")), config=None, files=None)
        return env.get_template("page.html").render(text="Hej")

    assert render() == "<p>Hej</p>"
    (cached,) = tmp_path.glob(f"_jinja2-cache-*/boras-plan-jinja-{jinja2.__version__}-*.cache")
    monkeypatch.setattr(jinja2.Environment, "compile", lambda *args, **kwargs: pytest.fail("kompilerades igen"))
    assert render() == "<p>Hej</p>"


def test_without_a_private_cache_folder_the_build_compiles_as_before(tmp_path, monkeypatch):
    """Jinja refuses a cache folder that another user owns: the build goes on without a cache, no traceback."""
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    other = os.getuid() + 1
    (tmp_path / f"_jinja2-cache-{other}").mkdir()  # the folder of the user we pretend to be, made by another
    monkeypatch.setattr(os, "getuid", lambda: other)
    env = PlanPlugin().on_env(jinja2.Environment(loader=jinja2.DictLoader({"page.html": "<p>{{ text }}</p>"})), config=None, files=None)
    assert env.bytecode_cache is None
    assert env.get_template("page.html").render(text="Hej") == "<p>Hej</p>"
