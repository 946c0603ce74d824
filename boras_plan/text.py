"""Escaping plan text for the two places it lands: Markdown and HTML.

mkdocs-macros does not escape what macros return, so every piece of data is
escaped here, once, before it reaches a page.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from .tooltips import NONE, Tooltips

SWEDISH_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli",
                  "augusti", "september", "oktober", "november", "december")

_INLINE_SPECIALS = re.compile(r"([\\`*_{}\[\]|!#])")
_BLOCK_SPECIALS = re.compile(r"([\\`{}|])")
# What would open a block at the start of a line (heading, quote, list, rule,
# admonition, setext underline; indentation would make code): the indentation
# goes, the first character is escaped ("=" has no Markdown escape: a character
# reference), and a list number keeps its digits ("1." -> "1\.").
_BLOCK_START = re.compile(r"^[ \t]*(?:([#>+*!_-])|(=)|(\d+)([.)]))?", re.MULTILINE)
_SAFE_URL = re.compile(r"\s*<?(https?://|mailto:|#)", re.IGNORECASE)


def inline(text: str) -> Markup:
    """Plain text in a Markdown line (heading, list item): no markup at all."""
    return Markup(_INLINE_SPECIALS.sub(r"\\\1", html.escape(text, quote=False)))


def plain(text: str, tooltips: Tooltips = NONE) -> Markup:
    """Plan text in HTML (a table cell, a quote): escaped, glossary terms explained."""
    return Markup(tooltips.mark(html.escape(text, quote=False)))


def paragraph(text: str, tooltips: Tooltips = NONE) -> Markup:
    """One paragraph of plan text where *emphasis* and http(s) links are kept.

    Raw HTML is shown as text, images and attribute lists are not formed, a
    link to anything but http(s), mailto or an anchor is shown as text, and a
    line never starts a Markdown block: the plan's words are shown as written.
    Glossary terms are explained (tooltips.py).
    """
    escaped = _BLOCK_SPECIALS.sub(r"\\\1", html.escape(text, quote=False))
    escaped = escaped.replace("![", "!\\[")  # no images: they would load from another host
    escaped = re.sub(r"\]\((?!" + _SAFE_URL.pattern + r")", r"]\\(", escaped, flags=re.IGNORECASE)
    escaped = re.sub(r"^(\s{0,3})\[(?=[^\]]*\]:)", r"\1\\[", escaped)  # no reference definitions
    escaped = _BLOCK_START.sub(_escape_block_start, escaped)
    return Markup(tooltips.mark(escaped))


def _escape_block_start(m: re.Match) -> str:
    if m.group(1):
        return f"\\{m.group(1)}"
    if m.group(2):
        return "&#61;"
    if m.group(3):
        return f"{m.group(3)}\\{m.group(4)}"
    return ""


def theme_title(text: str) -> Markup:
    """A title from the data as the theme takes it: the one escaping rule for titles.

    MkDocs' titles are HTML (a page's H1 text). Material prints some unescaped (nav, header)
    and escapes others again (the footer's aria-labels); as Markup, the text is escaped here
    once and `| e` leaves it alone. Braces become character references so mkdocs-macros, which
    renders any title holding {{ or {%, sees no Jinja. <title> strips tags and entities
    (`striptags`), so overrides/main.html escapes that plain text once more.
    """
    return Markup(html.escape(text).replace("{", "&#123;").replace("}", "&#125;"))


def swedish_date(iso: str) -> str:
    """'2016-05-30' -> '30 maj 2016'."""
    year, month, day = (int(x) for x in iso.split("-"))
    return f"{day} {SWEDISH_MONTHS[month - 1]} {year}"


def link_names(text: str, names: dict[str, str]) -> Markup:
    """Escape text and link the first mention of each name (name -> href).

    One pass over the text, longest name first: a name is never looked for
    inside a link made for another name (its address or its text).
    """
    escaped = html.escape(text, quote=False)
    by_key = {html.escape(name, quote=False).casefold(): href for name, href in names.items() if name}
    if not by_key:
        return Markup(escaped)
    pattern = re.compile("|".join(re.escape(k) for k in sorted(by_key, key=len, reverse=True)), re.IGNORECASE)
    linked: set[str] = set()

    def link(match: re.Match) -> str:
        key = match.group(0).casefold()
        if key in linked or key not in by_key:
            return match.group(0)
        linked.add(key)
        return f'<a href="{html.escape(by_key[key])}">{match.group(0)}</a>'

    return Markup(pattern.sub(link, escaped))
