"""The Content-Security-Policy of a page, sent as a <meta> tag (static hosting sends no headers).

Only the site's own files may load. Inline code is allowed by its SHA-256 hash only:
the theme's inline scripts and the style attributes in the page's content (the
timeline's bar widths), hashed from the built page by finish.py, whichever engine
built it (`add_policy`).
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import escape
from html.parser import HTMLParser

_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)
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


class InlineCode(HTMLParser):
    """The inline scripts and style attributes of a page (finish.py reads more in the same pass)."""

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
    found = InlineCode()
    found.feed(html)
    found.close()
    return policy(found)


def policy(found: InlineCode) -> str:
    """The policy that allows exactly the inline code found in a page."""
    scripts = sorted({_hash(s) for s in found.scripts})
    styles = sorted({_hash(s) for s in found.styles})
    directives = dict(FIXED)
    directives["script-src"] = ["'self'", *scripts]
    directives["style-src"] = ["'self'", *(["'unsafe-hashes'", *styles] if styles else [])]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def add_policy(html: str, found: InlineCode | None = None) -> str:
    """The page with its policy as the first thing in <head>, ahead of every script
    (`found`: the page already read)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{escape(policy(found) if found else csp_policy(html))}">'
    charset = _CHARSET.search(html)
    if charset:
        return html[: charset.end()] + meta + html[charset.end() :]
    head = html.index("<head>") + len("<head>")
    return html[:head] + meta + html[head:]


def admin_policy(html: str) -> str:
    """The editors' form (Decap CMS) with its policy first in <head>.

    Decap needs 'unsafe-eval' (its form validator compiles functions) and inline styles (its
    components). It talks only to this site, GitHub's API and, on the editor's own machine,
    decap-server on 127.0.0.1 at the port the form's config names (cms_config.local_backend)."""
    from .cms_config import local_backend  # the form's config is the one home of that port

    local = local_backend().rsplit("/api", 1)[0]
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'", "https://api.github.com", local],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "worker-src": ["'self'", "blob:"],
    }
    text = "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())
    meta = f'<meta http-equiv="Content-Security-Policy" content="{escape(text, quote=False)}">'
    charset = _CHARSET.search(html)
    return html[: charset.end()] + meta + html[charset.end() :]
