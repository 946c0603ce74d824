"""Glossary tooltips: wrap glossary terms in <abbr title> inside plan text, as it is rendered.

`Tooltips.mark` works on text that text.py has already escaped (for HTML or
for Markdown), so what it inserts is the only markup. It never matches inside
a character reference (a term "amp" in "&amp;") or a Markdown link, whose
text is a link already and whose address must stay as written.
"""

from __future__ import annotations

import html
import re

# Left alone: character references, and Markdown links (text and address).
_SKIP = r"&#?\w+;|\[(?:\\.|[^\]\\])*\]\([^)]*\)"


class Tooltips:
    """The glossary's terms (term -> explanation), matched as whole words, any case."""

    def __init__(self, terms: dict[str, str]):
        self._titles = {html.escape(t, quote=False).casefold(): html.escape(" ".join(d.split()), quote=True) for t, d in terms.items()}
        self._pattern = None
        if self._titles:
            alternatives = "|".join(re.escape(t) for t in sorted(self._titles, key=len, reverse=True))
            # Word edges by letters and digits only: "SSPF¹-arbetet" still contains SSPF.
            self._pattern = re.compile(
                rf"(?P<skip>{_SKIP})|(?<![^\W_])(?P<term>{alternatives})(?![^\W\d_¹²³]|[0-9])", re.IGNORECASE
            )

    def mark(self, escaped: str) -> str:
        """Escaped text with each term wrapped in <abbr title="explanation">."""
        if self._pattern is None:
            return escaped
        return self._pattern.sub(self._wrap, escaped)

    def _wrap(self, match: re.Match) -> str:
        term = match.group("term")
        if term is None:
            return match.group()
        return f'<abbr title="{self._titles[term.casefold()]}">{term}</abbr>'


NONE = Tooltips({})
