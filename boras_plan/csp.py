"""The Content-Security-Policy of a page, sent as a <meta> tag (static hosting sends no headers).

Only the site's own files may load. Inline code is allowed by its SHA-256 hash only:
the theme's inline scripts and the style attributes in the page's content (the
timeline's bar widths), hashed when the page is rendered (overrides/main.html passes
the rendered snippets to the `csp_policy` filter).
"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser

# Types of <script> that run; others (application/json, ld+json) are data.
_JAVASCRIPT = {"", "text/javascript", "module", "application/javascript"}

FIXED = {
    "default-src": ["'self'"],
    # Material's stylesheet draws its icons with data: SVG masks.
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


class _InlineCode(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("style") is not None:
            self.styles.append(attrs["style"])
        if tag == "script" and "src" not in attrs and (attrs.get("type") or "").lower() in _JAVASCRIPT:
            self._script = []

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def csp_policy(html: str) -> str:
    """The policy for a page whose inline scripts and style attributes are all in `html`."""
    found = _InlineCode()
    found.feed(html)
    found.close()
    scripts = sorted({_hash(s) for s in found.scripts})
    styles = sorted({_hash(s) for s in found.styles})
    directives = dict(FIXED)
    directives["script-src"] = ["'self'", *scripts]
    directives["style-src"] = ["'self'", *(["'unsafe-hashes'", *styles] if styles else [])]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())
