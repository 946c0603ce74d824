"""The site's URL scheme in one place, the same for every engine.

A page is named by its source path (a file in docs/, or one render.py writes,
e.g. `rekommendationer/<slug>.md`); its URL follows MkDocs' scheme, which
Material, ProperDocs and Zensical share (`use_directory_urls`). `Router`
makes every internal link from the rendered files' list, so a link to a file
the site does not have fails the render; finish.py checks, over the built
site, that every link and anchor leads somewhere. External addresses built
from plan data (e-mail, phone, website) are made here as well.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from .model import Action, Plan, Role

# The pages the site itself links to, by source path (docs/).
HOME = "index.md"
RECOMMENDATIONS = "rekommendationer/index.md"
ALL_ACTIONS = "atgarder.md"
ROLES = "ansvar.md"
CONTACT = "kontakt.md"
ACCESSIBILITY = "tillganglighet.md"
ABOUT = "om-planen.md"
WHOLE_PLAN = "hela-planen.md"
CHANGES = "andringar.md"
GLOSSARY = "ordlista.md"
OPEN_DATA = "oppna-data.md"
SEARCH = "sok.md"  # all results of a search: where the search box's button leads, not in the menu
# One Atom feed per action and per owner role, beside feed.xml at the root: Material's script
# fetches sitemap.xml from the folder of every <link rel="alternate"> a page has.
FEED_PREFIX = "flode-"
DATA_DIR = "data"
ADMIN_DIR = "admin"  # the editors' form (docs/admin/, Decap CMS): not a page of the public site


def recommendation(plan: Plan, number: int) -> str:
    """The source path of a recommendation's generated page."""
    return f"rekommendationer/{plan.recommendation_by_number[number].slug}.md"


def recommendation_url(plan: Plan, number: int, use_directory_urls: bool = True) -> str:
    """A recommendation page's URL from the site's root, for files and tests outside the pages."""
    return site_path(recommendation(plan, number), use_directory_urls)


def action_feed(action: Action) -> str:
    """The source path of an action's own feed, named by its anchor: flode-atgard-1-2.xml."""
    return f"{FEED_PREFIX}{action.anchor}.xml"


def role_feed(role: Role) -> str:
    """The source path of an owner role's feed: flode-roll-<id>.xml."""
    return f"{FEED_PREFIX}{role.anchor}.xml"


def data_file(name: str) -> str:
    """The source path of a generated open-data file."""
    return f"{DATA_DIR}/{name}"


def site_path(src: str, use_directory_urls: bool = True) -> str:
    """The URL the engines give a source file, from the site's root ('' for the start page):
    `atgarder.md` -> `atgarder/` (or `atgarder.html`), `x/index.md` -> `x/`, other files keep their path."""
    stem, ext = posixpath.splitext(src)
    if ext != ".md":
        return src
    folder, name = posixpath.split(stem)
    index = name in ("index", "README")
    if not use_directory_urls:
        return posixpath.join(folder, "index.html") if index else f"{stem}.html"
    if index:
        return f"{folder}/" if folder else ""
    return f"{stem}/"


def built_path(src: str, use_directory_urls: bool = True) -> str:
    """The file an engine writes for a source file, below the site: `atgarder.md` -> `atgarder/index.html`."""
    path = site_path(src, use_directory_urls)
    return path + "index.html" if path == "" or path.endswith("/") else path


def relative_url(to: str, start: str) -> str:
    """The link from the page at site path `start` to site path `to` (both from the site's root)."""
    rel = posixpath.relpath(to or ".", posixpath.dirname(start) or ".")
    return rel + "/" if (to == "" or to.endswith("/")) and not rel.endswith("/") else rel


def mailto(address: str, subject: str | None = None) -> str:
    """A mailto: address: everything but the address's own characters percent-encoded,
    so no text can add headers (?cc=, &body=) or break out of the attribute. A subject,
    wholly percent-encoded, is the only header the site ever adds."""
    href = "mailto:" + quote(address.strip(), safe="@.+-_~")
    return href + "?subject=" + quote(subject, safe="") if subject else href


def tel(number: str) -> str:
    """A tel: address: the digits (and a leading +) of the number as written."""
    number = number.strip()
    return "tel:" + ("+" if number.startswith("+") else "") + re.sub(r"\D", "", number)


def website(address: str) -> str:
    """An http(s) address, given with or without its scheme."""
    address = address.strip()
    if re.match(r"https?://", address, re.IGNORECASE):
        return address
    return "https://" + address


class BrokenLink(Exception):
    """An internal link to a file or an anchor the build does not have (message in Swedish)."""


class Router:
    """Links between the site's files (source paths, e.g. 'atgarder.md', 'data/plan.json')."""

    def __init__(self, sources: Iterable[str], use_directory_urls: bool = True, source_links: bool = False):
        self._sources = frozenset(sources)
        self._directory_urls = use_directory_urls
        # MkDocs and ProperDocs leave links in raw HTML as written: they get the URL the engine
        # will give the target. Zensical resolves and rebases them from the page's source file
        # (`../ansvar.md#x`, as a Markdown link): they get source paths (`source_links`).
        self._source_links = source_links

    def has(self, src: str) -> bool:
        return src in self._sources

    def url(self, src: str) -> str:
        """The file's URL from the site's root, e.g. 'atgarder/' or '' (for the theme's `url` filter)."""
        if src not in self._sources:
            raise BrokenLink(f"Länken pekar på '{src}', men webbplatsen har ingen sådan fil.")
        return site_path(src, self._directory_urls)

    def href(self, from_src: str, src: str, anchor: str | None = None) -> str:
        """The link from one file's page to another file (and anchor), relative."""
        if self._source_links:
            self.url(src)  # a file the site has
            href = posixpath.relpath(src, posixpath.dirname(from_src) or ".")
        else:
            href = relative_url(self.url(src), self.url(from_src))
        return f"{href}#{anchor}" if anchor else href


@dataclass(frozen=True)
class PageLinks:
    """The links one page makes: what templates and parts call (`link.role(r)` …)."""

    router: Router
    plan: Plan
    page: str  # the source path of the page being rendered

    def to(self, src: str, anchor: str | None = None) -> str:
        return self.router.href(self.page, src, anchor)

    def here(self, anchor: str) -> str:
        """A link to an anchor on this page (finish.py checks that it exists)."""
        return f"#{anchor}"

    def home(self) -> str:
        return self.to(HOME)

    def recommendation(self, number: int, anchor: str | None = None) -> str:
        return self.to(recommendation(self.plan, number), anchor)

    def action(self, action: Action) -> str:
        return self.recommendation(action.recommendation, action.anchor)

    def role(self, role: Role) -> str:
        return self.to(ROLES, role.anchor)

    def data(self, name: str) -> str:
        return self.to(data_file(name))

    mailto = staticmethod(mailto)
    tel = staticmethod(tel)
    website = staticmethod(website)
