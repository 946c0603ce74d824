"""MkDocs hook: remove from the built site what it never loads.

Material for MkDocs copies about 2.4 MB that this site does not use:

- source maps (*.map), which only a browser's developer tools fetch; the
  `sourceMappingURL` comments that point to them are removed as well, so no
  file refers to a missing one;
- search support for 30-odd languages: the search worker imports only the
  lunr files for the languages in the search index's configuration (for
  `lang: sv`, lunr.stemmer.support and lunr.sv). Everything else under
  assets/javascripts/lunr/ goes, including the Thai and Japanese word
  splitters (wordcut.js alone is 0.7 MB).

Which lunr files stay is decided the way Material 9's search worker decides
what to import, from search/search_index.json of this very build. Without
a search index nothing under lunr/ is touched.

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
SEARCH_INDEX = "search/search_index.json"
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


def unused_files(site: Path) -> list[Path]:
    """The files of a built site that no page, script or worker loads."""
    unused = sorted(site.rglob("*.map"))
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


def slim(site: Path) -> tuple[int, int]:
    """Remove the unused files; return (files, bytes) removed."""
    files = unused_files(site)
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
    count, size = slim(Path(config.site_dir))
    log.info(f"Removed {count} files the site does not load ({size / 1000:.0f} kB): source maps, unused search languages")
