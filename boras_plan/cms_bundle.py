"""The editors' form's code: Decap CMS from npm, copied into every built site under admin/decap/.

Nothing of Decap is committed. scripts/setup installs the npm package's prebuilt bundle, pinned by
version and integrity in cms/package.json (browserBundle), and its licence's package, pinned in
cms/package-lock.json; finish.py calls `copy_bundle` on the built site, whichever engine built it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .routes import ADMIN_DIR

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "cms" / "node_modules"
DIST = NODE_MODULES / "decap-cms" / "dist"
TARGET = f"{ADMIN_DIR}/decap"  # admin/index.html loads decap/decap-cms.js
# The bundle, the chunks it loads on demand, its WebAssembly, the third-party notices of what it bundles.
PATTERNS = ("decap-cms.js", "*.decap-cms.js", "*.wasm", "decap-cms.js.LICENSE.txt")
# decap-cms's own MIT licence: the npm package of the bundle has none, its locales package (same project) does.
LICENCE = NODE_MODULES / "decap-cms-locales" / "LICENSE"


class MissingBundle(Exception):
    """Decap CMS is not installed (message in Swedish)."""


def copy_bundle(site: Path) -> None:
    """Decap's bundle and licences into site/admin/decap/, if the site has the form."""
    if not (site / ADMIN_DIR).is_dir():
        return
    if not (DIST / "decap-cms.js").is_file() or not LICENCE.is_file():
        raise MissingBundle(f"Formulärets Decap CMS saknas i {DIST.relative_to(ROOT)}: kör scripts/setup.")
    out = site / TARGET
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for pattern in PATTERNS:
        for file in DIST.glob(pattern):
            shutil.copyfile(file, out / file.name)
    shutil.copyfile(LICENCE, out / "LICENSE")
