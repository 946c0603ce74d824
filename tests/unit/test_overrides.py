"""The theme overrides that copy one of Material's partials say which version of it they copied
(its sha256); when Material changes that partial, this fails and names the file, so the copy is
redone with the new version instead of silently serving an old header or search box."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parents[2]
OVERRIDES = ROOT / "overrides"
THEME = Path(material.__file__).parent / "templates"
COPY_NOTE = re.compile(r"Copy of Material's (\S+) \(sha256 ([0-9a-f]{64})")
TEMPLATES = sorted(path for path in OVERRIDES.rglob("*.html"))
COPIES = [path for path in TEMPLATES if COPY_NOTE.search(path.read_text(encoding="utf-8"))]


def test_overrides_copy_only_what_has_no_block():
    """main.html extends blocks; whole copies are the exception, each with its reason."""
    assert [path.relative_to(OVERRIDES).as_posix() for path in COPIES] == ["partials/header.html", "partials/nav-item.html", "partials/search.html", "partials/toc.html"]
    assert "{% extends \"base.html\" %}" in (OVERRIDES / "main.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", COPIES, ids=lambda p: p.relative_to(OVERRIDES).as_posix())
def test_a_copied_partial_matches_the_installed_material(path):
    original, digest = COPY_NOTE.search(path.read_text(encoding="utf-8")).groups()
    assert original == path.relative_to(OVERRIDES).as_posix()
    installed = hashlib.sha256((THEME / original).read_bytes()).hexdigest()
    assert installed == digest, (
        f"Material's {original} has changed since {path.name} was copied from it: copy the new version "
        f"and apply the changes listed at the top of {path.relative_to(ROOT)} again, then update its sha256"
    )
