"""URL- and anchor-safe names from Swedish text."""

import re
import unicodedata

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def slugify(text: str) -> str:
    """'Lägesbild' -> 'lagesbild'; stable, ASCII, hyphen-separated."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    ascii_only = folded.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-") or "x"
