"""Glossary tooltips: wrap glossary terms in <abbr title> in rendered HTML.

Markdown's abbr extension does not reach raw HTML (our action tables), so
terms are marked after rendering, in text nodes only: never inside a tag,
a link, a heading or an existing <abbr>.
"""

from __future__ import annotations

import html
import re

_TOKEN = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
_SKIP = {"a", "abbr", "script", "style", "title", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "textarea", "button", "label"}
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")


def add_tooltips(page_html: str, terms: dict[str, str]) -> str:
    """terms: term -> explanation. Each term is matched as a whole word."""
    if not terms:
        return page_html
    # Word edges by letters and digits only: "SSPF¹-arbetet" still contains SSPF.
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    # Case-insensitive: "Lägesbild" in the glossary explains "lägesbild" in a sentence.
    pattern = re.compile(rf"(?<![^\W_])({alternatives})(?![^\W\d_¹²³]|[0-9])", re.IGNORECASE)
    titles = {t.casefold(): html.escape(" ".join(d.split()), quote=True) for t, d in terms.items()}
    out = []
    skipping: list[str] = []
    for part in _TOKEN.split(page_html):
        if part.startswith("<"):
            match = _TAG_NAME.match(part)
            name = match.group(1).lower() if match else ""
            if name in _SKIP and not part.endswith("/>"):
                if part.startswith("</"):
                    if skipping and skipping[-1] == name:
                        skipping.pop()
                else:
                    skipping.append(name)
            out.append(part)
        elif skipping or not part.strip():
            out.append(part)
        else:
            out.append(pattern.sub(lambda m: f'<abbr title="{titles[m.group(1).casefold()]}">{m.group(1)}</abbr>', part))
    return "".join(out)
