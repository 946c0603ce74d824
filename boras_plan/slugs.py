"""URL- and anchor-safe names from Swedish text, and the names the site's own pages take."""

import re
import unicodedata
from pathlib import Path

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def slugify(text: str) -> str:
    """'Lägesbild' -> 'lagesbild'; stable, ASCII, hyphen-separated."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    ascii_only = folded.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-") or "x"


# The site's own pages under rekommendationer/ (docs/rekommendationer/): a
# recommendation's slug must not take their address.
PAGES_DIR = Path(__file__).resolve().parent.parent / "docs" / "rekommendationer"


def reserved_slugs(pages_dir: Path = PAGES_DIR) -> frozenset[str]:
    """'index' always (the section's own page), and every file or folder name there."""
    names = {"index"}
    if pages_dir.is_dir():
        names.update(p.name.split(".", 1)[0] for p in pages_dir.iterdir())
    return frozenset(names)
