"""MkDocs hook: remove from the built site what it never loads, and slim what stays.

Material for MkDocs copies about 2.4 MB that this site does not use:

- source maps (*.map), which only a browser's developer tools fetch; the
  `sourceMappingURL` comments that point to them are removed as well, so no
  file refers to a missing one;
- search support for 30-odd languages: the search worker imports only the
  lunr files for the languages in the search index's configuration (for
  `lang: sv`, lunr.stemmer.support and lunr.sv). Everything else under
  assets/javascripts/lunr/ goes, including the Thai and Japanese word
  splitters (wordcut.js alone is 0.7 MB);
- Material's stylesheets that no page links (palette.css: the theme has no
  palette, the colours are in assets/site.css).

Which lunr files stay is decided the way Material 9's search worker decides
what to import, from search/search_index.json of this very build. Without
a search index nothing under lunr/ is touched.

What stays is made smaller without changing what it means:

- HTML: each line break with the indentation and empty lines after it becomes
  one space (a third of the templates' output). Collapsed whitespace renders
  the same; a space, unlike a lone line break, also reads as a word break to
  tools such as axe, which compare a link's text with its name. Never inside <pre>, <code>,
  <kbd>, <textarea>, <script> or <style>, where whitespace shows or is program text.
- The site's own stylesheets (extra_css): comments, indentation and empty lines.
- The search index: Swedish letters written as UTF-8, not as \\u escapes.

Loaded through `hooks:` in mkdocs.yml.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.slim_site")

LUNR_DIR = "assets/javascripts/lunr"
STYLESHEETS_DIR = "assets/stylesheets"
SEARCH_INDEX = "search/search_index.json"
# Elements whose content keeps its whitespace: shown as is (pre, code, kbd), or
# program text (script, style) and form content (textarea). A <pre> inside a
# script's text is part of the script, as in the browser.
# Pages are handled as UTF-8 bytes: half the memory of text for a large page.
_KEEPS_WHITESPACE = re.compile(rb"<(pre|code|kbd|script|style|textarea)(?=[\s>/]).*?</\1\s*>", re.I | re.S)
# A line break and the whitespace after it: indentation, empty lines (never a no-break space).
_LINE_START = re.compile(rb"\n[\t\n\r ]+")
_CSS_COMMENT_OR_STRING = re.compile(r"""/\*.*?\*/|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'""", re.S)
_SOURCE_MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=(\S+?)|/\*# sourceMappingURL=(\S+?) ?\*/)\s*\Z")


def lunr_files_needed(languages: list[str]) -> set[str]:
    """Paths below assets/javascripts/lunr/ that the search worker imports.

    Mirrors Material 9's worker (src/templates/assets/javascripts/integrations/
    search/worker/main): per language, tinyseg.js for ja, wordcut.js for hi
    and th, min/lunr.<lang>.min.js for all but en; lunr.multi for more than
    one language; lunr.stemmer.support whenever anything is imported.
    """
    needed: set[str] = set()
    for lang in languages:
        if lang == "ja":
            needed.add("tinyseg.js")
        if lang in ("hi", "th"):
            needed.add("wordcut.js")
        if lang != "en":
            needed.add(f"min/lunr.{lang}.min.js")
    if len(languages) > 1:
        needed.add("min/lunr.multi.min.js")
    if needed:
        needed.add("min/lunr.stemmer.support.min.js")
    return needed


def unused_files(site: Path, linked: set[str]) -> list[Path]:
    """The files of a built site that no page, script or worker loads.

    `linked`: the names of the stylesheets in assets/stylesheets/ that some
    page links (as slim_pages finds them)."""
    unused = sorted(site.rglob("*.map"))
    stylesheets = site / STYLESHEETS_DIR
    if stylesheets.is_dir() and any(site.rglob("*.html")):
        unused += sorted(p for p in stylesheets.glob("*.css") if p.name not in linked)
    index = site / SEARCH_INDEX
    lunr = site / LUNR_DIR
    if index.is_file() and lunr.is_dir():
        languages = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]
        keep = lunr_files_needed(languages)
        unused += sorted(p for p in lunr.rglob("*") if p.is_file() and p.relative_to(lunr).as_posix() not in keep)
    return unused


def _drop_source_map_comment(path: Path, removed: set[Path]) -> None:
    data = path.read_bytes()
    match = _SOURCE_MAP_COMMENT.search(data)
    if match:
        target = (path.parent / (match.group(1) or match.group(2)).decode()).resolve()
        if target in removed:
            path.write_bytes(data[: match.start()] + b"\n")


def strip_indentation(html: bytes) -> bytes:
    """The page (UTF-8) with each indented line break (and empty lines) made one
    space, except where whitespace counts (see the module's docstring)."""
    out, pos = [], 0
    text = b"\n" + html  # the first line counts as a line too
    for kept in _KEEPS_WHITESPACE.finditer(text):
        out.append(_LINE_START.sub(b" ", text[pos : kept.start()]))
        out.append(kept.group())
        pos = kept.end()
    out.append(_LINE_START.sub(b" ", text[pos:]))
    return b"".join(out)[1:]


def minify_css(css: str) -> str:
    """The stylesheet without comments, indentation and empty lines (strings kept as they are)."""
    css = _CSS_COMMENT_OR_STRING.sub(lambda m: "" if m.group().startswith("/*") else m.group(), css)
    return "".join(line.strip() + "\n" for line in css.split("\n") if line.strip())


def slim_stylesheets(site: Path, names: list[str]) -> int:
    """Minify the site's own stylesheets (paths below the site); return bytes saved."""
    saved = 0
    for name in names:
        path = site / name
        if path.suffix == ".css" and path.is_file():
            text = path.read_text(encoding="utf-8")
            slimmed = minify_css(text)
            path.write_text(slimmed, encoding="utf-8")
            saved += len(text.encode("utf-8")) - len(slimmed.encode("utf-8"))
    return saved


def compact_search_index(site: Path) -> int:
    """Rewrite the search index with UTF-8 text instead of \\u escapes; return bytes saved."""
    index = site / SEARCH_INDEX
    if not index.is_file():
        return 0
    before = index.read_bytes()
    after = json.dumps(json.loads(before), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if len(after) >= len(before):
        return 0
    index.write_bytes(after)
    return len(before) - len(after)


def _stylesheet_names(site: Path) -> list[str]:
    """The names of Material's stylesheets (assets/stylesheets/)."""
    return [p.name for p in (site / STYLESHEETS_DIR).glob("*.css")]


def slim_pages(site: Path) -> tuple[set[str], int]:
    """Strip the indentation of every HTML page, one page in memory at a time;
    return the stylesheets the pages link and the bytes saved."""
    linked, saved, names = set(), 0, _stylesheet_names(site)
    for path in site.rglob("*.html"):
        data = path.read_bytes()
        slimmed = strip_indentation(data)
        if len(slimmed) < len(data):
            path.write_bytes(slimmed)
            saved += len(data) - len(slimmed)
        linked.update(name for name in names if name.encode() in slimmed)
    return linked, saved


def slim(site: Path, linked: set[str] | None = None) -> tuple[int, int]:
    """Remove the unused files; return (files, bytes) removed."""
    files = unused_files(site, linked)
    size = sum(p.stat().st_size for p in files)
    removed = {p.resolve() for p in files}
    for path in files:
        path.unlink()
    for path in list(site.rglob("*.js")) + list(site.rglob("*.css")):
        _drop_source_map_comment(path, removed)
    for directory in sorted({p.parent for p in files}, key=lambda d: -len(d.parts)):
        if directory != site and directory.is_dir() and not any(directory.iterdir()):
            directory.rmdir()
    return len(files), size


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    linked, stripped = slim_pages(site)
    count, size = slim(site, linked)
    css = slim_stylesheets(site, [str(path) for path in config.extra_css])
    compacted = compact_search_index(site)
    log.info(
        f"Removed {count} files the site does not load ({size / 1000:.0f} kB): source maps, unused search languages "
        f"and stylesheets; saved {stripped / 1000:.0f} kB of HTML indentation, {css / 1000:.0f} kB of CSS comments "
        f"and {compacted / 1000:.0f} kB of search index escapes"
    )
