"""Records what a browser context does: every request, and every error it shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Visit:
    """One page opened in Chromium at one screen size."""

    path: str
    viewport: str
    requests: list[str] = field(default_factory=list)  # every URL the page or its workers asked for
    errors: list[str] = field(default_factory=list)  # console errors, script errors, failed loads
    checks: dict[str, Any] = field(default_factory=dict)  # pagecheck.PAGE_CHECKS' results by name
    screenshot: Path | None = None  # where the page was photographed, if it was one of those kept


class Recorder:
    """Collects what happens in one browser context for the page being visited. Nothing is routed
    (routing turns the browser's cache off): the browser resolves no other server's name
    (tests/conftest.py, CHROMIUM_ARGS), so a request elsewhere is recorded here and fails."""

    def __init__(self, context):
        self.visit: Visit | None = None
        context.on("request", self._request)
        context.on("requestfailed", lambda request: self._error(f"kunde inte hämta {request.url}: {request.failure}"))
        context.on("response", lambda response: response.status >= 400 and self._error(f"HTTP {response.status}: {response.url}"))
        context.on("page", self._watch)
        context.on("weberror", lambda error: self._error(f"skriptfel: {error.error}"))

    def _request(self, request):
        if self.visit is not None:
            self.visit.requests.append(request.url)

    def _watch(self, page):
        page.on("console", self._console)
        page.on("worker", lambda worker: worker.on("console", self._console))

    def _console(self, message):
        if message.type == "error":
            self._error(f"konsolfel: {message.text}")

    def _error(self, text: str):
        if self.visit is not None:
            self.visit.errors.append(text)
