"""Finish after: the steps that run over a built site, whichever engine built it.

0. The editors' form gets Decap CMS from npm (cms_bundle.py) and its own policy.
1. Every internal link and anchor leads somewhere (raw HTML included, which MkDocs'
   `--strict` does not look at).
2. Every page gets its Content-Security-Policy (csp.py).
3. Pagefind indexes the pages (search_index.py).

`AtomicSite` is where a build writes: a new folder beside the site, swapped in only
when the whole build has succeeded, so a failed build keeps the last good site.
"""

from __future__ import annotations

import posixpath
import shutil
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import cms_bundle
from .csp import InlineCode, add_policy, admin_policy
from .routes import ADMIN_DIR
from .search_index import index_site


class FinishError(Exception):
    """The built site cannot be published (message in Swedish)."""


def finish(site: Path, *, search_excluded: set[str] = frozenset(), csp: bool = True) -> None:
    """Check, secure and index the built site in place; FinishError if a link leads nowhere."""
    try:
        cms_bundle.copy_bundle(site)
    except cms_bundle.MissingBundle as error:
        raise FinishError(str(error)) from None
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}
    facts = {rel: read_page(html) for rel, html in pages.items()}  # one pass over each page, for both
    broken = broken_links(site, facts)
    if broken:
        raise FinishError("Trasiga interna länkar:\n" + "\n".join(broken))
    if csp:
        for rel, html in pages.items():
            # The editors' form (Decap CMS) has a policy of its own (csp.admin_policy).
            secured = admin_policy(html) if rel.startswith(ADMIN_DIR + "/") else add_policy(html, facts[rel])
            (site / rel).write_text(secured, encoding="utf-8")
    index_site(site, search_excluded)


class _Page(InlineCode):
    """A page's inline code (for its policy), the ids it has and the internal addresses it points at."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        address = attrs.get("href") if tag in ("a", "link") else attrs.get("src") if tag in ("script", "img") else None
        if address is not None and not urlsplit(address).scheme and not address.startswith("//"):
            self.targets.append(address)


def read_page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def broken_links(site: Path, facts: dict[str, _Page]) -> list[str]:
    """'Sidan X länkar till Y, …' for each internal link whose file or anchor the site lacks."""
    broken = []
    for rel, parser in facts.items():
        if rel == "404.html":  # served at any depth: its links are from the site's root
            continue
        for address in dict.fromkeys(parser.targets):
            path, _, anchor = address.partition("#")
            if path.endswith(".md"):  # a Markdown link the engine could not resolve: its own check reports it
                continue
            target = _resolve(rel, unquote(path)) if path else rel
            if target is not None and (site / target).is_dir():
                target = posixpath.join(target, "index.html")
            if target is None or not (site / target).is_file():
                broken.append(f"Sidan '{_page_url(rel)}' länkar till '{address}', men webbplatsen har ingen sådan fil.")
            elif anchor and target.endswith(".html") and unquote(anchor) not in facts[target].ids:
                broken.append(f"Sidan '{_page_url(rel)}' länkar till '{address}', men där finns inget sådant ankare.")
    return broken


def _resolve(page: str, path: str) -> str | None:
    """The file below the site that a relative address on a page names (None if outside)."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path.split("?")[0]))
    if joined.startswith("..") or joined.startswith("/"):
        return None
    return "" if joined == "." else joined


def _page_url(rel: str) -> str:
    return rel.removesuffix("index.html") or "/"


class AtomicSite:
    """A new folder beside the site (same file system, so the swap is a rename)."""

    def __init__(self, site: Path):
        self.site = site
        site.parent.mkdir(parents=True, exist_ok=True)
        self.building: Path | None = Path(tempfile.mkdtemp(prefix=f".{site.name}-build-", dir=site.parent))
        self.building.chmod(0o755)  # mkdtemp makes it private; a web server must read the site

    def commit(self) -> None:
        """The new site replaces the old one."""
        old = None
        if self.site.exists() or self.site.is_symlink():
            old = Path(tempfile.mkdtemp(prefix=f".{self.site.name}-old-", dir=self.site.parent))
            self.site.rename(old / "site")
        self.building.rename(self.site)
        self.building = None
        if old:
            shutil.rmtree(old)

    def discard(self) -> None:
        """Forget an unfinished build; the previous site stays as it was."""
        if self.building is not None:
            shutil.rmtree(self.building, ignore_errors=True)
            self.building = None
