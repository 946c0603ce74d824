"""The site's URL scheme in one place, resolved by MkDocs' own file list.

A page is named by its source path (a file in docs/, or one the plugin
generates, e.g. `rekommendationer/<slug>.md`); MkDocs decides its URL.
`Router` resolves every internal link against the build's `Files` with
MkDocs' `get_relative_url`, so a link to a file the build does not have fails
the build, and it records each link with an anchor so the plugin can check,
once every page is rendered, that the target page has that anchor.
External addresses built from plan data (e-mail, phone, website) are made
here as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from .model import Action, Plan, Role

# The pages the site itself links to, by source path (docs/).
HOME = "index.md"
RECOMMENDATIONS = "rekommendationer/index.md"
ALL_ACTIONS = "atgarder.md"
ROLES = "ansvar.md"
CONTACT = "kontakt.md"
ACCESSIBILITY = "tillganglighet.md"
DATA_DIR = "data"


def recommendation(plan: Plan, number: int) -> str:
    """The source path of a recommendation's generated page."""
    return f"rekommendationer/{plan.recommendation_by_number[number].slug}.md"


def recommendation_url(plan: Plan, number: int, use_directory_urls: bool = True) -> str:
    """A recommendation page's URL from the site's root, for files outside the pages (the feed)."""
    return site_path(recommendation(plan, number), use_directory_urls)


def data_file(name: str) -> str:
    """The source path of a generated open-data file."""
    return f"{DATA_DIR}/{name}"


def site_path(src: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a source file, from the site's root ('' for the start page),
    for tools that look at a built site from outside (bench/)."""
    url = File(src, None, "", use_directory_urls).url
    return "" if url == "./" else url


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
    """Resolves links between the build's files; one per build."""

    def __init__(self, files: Files):
        self._files = files
        self._hrefs: dict[tuple[str, str], str] = {}
        self._anchored: dict[tuple[str, str, str], None] = {}  # (from, to, anchor), in order, once each

    def file(self, src: str) -> File:
        found = self._files.get_file_from_path(src)
        if found is None:
            raise BrokenLink(f"Länken pekar på '{src}', men webbplatsen har ingen sådan fil.")
        return found

    def existing_pages(self, *srcs: str) -> list[File]:
        """Those of the files that this site has as pages, in order (links a site may lack, such
        as the glossary: a second plan need not have one)."""
        found = (self._files.get_file_from_path(src) for src in srcs)
        return [file for file in found if file is not None and file.page is not None]

    def url(self, src: str) -> str:
        """The file's URL from the site's root, e.g. 'atgarder/' or '' (for the theme's `url` filter)."""
        url = self.file(src).url
        return "" if url == "./" else url

    def href(self, from_src: str, src: str, anchor: str | None = None) -> str:
        """The link from one file's page to another file (and anchor), relative."""
        key = (from_src, src)
        if key not in self._hrefs:
            self._hrefs[key] = get_relative_url(self.file(src).url, self.file(from_src).url)
        if not anchor:
            return self._hrefs[key]
        self._anchored[(from_src, src, anchor)] = None
        return f"{self._hrefs[key]}#{anchor}"

    def broken_anchors(self) -> list[str]:
        """Recorded links whose target has no such anchor; call when every page is rendered."""
        broken = []
        for from_src, src, anchor in self._anchored:
            page = self.file(src).page
            if page is None or page.present_anchor_ids is None or anchor not in page.present_anchor_ids:
                broken.append(f"Sidan '{from_src}' länkar till '{src}#{anchor}', men där finns inget sådant ankare.")
        return broken


@dataclass(frozen=True)
class PageLinks:
    """The links one page makes: what templates and parts call (`link.role(r)` …)."""

    router: Router
    plan: Plan
    page: str  # the source path of the page being rendered

    def to(self, src: str, anchor: str | None = None) -> str:
        return self.router.href(self.page, src, anchor)

    def here(self, anchor: str) -> str:
        """A link to an anchor on this page (checked like any other)."""
        self.to(self.page, anchor)
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
