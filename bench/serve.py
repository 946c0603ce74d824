"""Serve a built site on 127.0.0.1, the way a static host (GitHub Pages) does.

Text responses are gzip-compressed when the client accepts it, and every
response carries `Cache-Control: max-age=600`, as GitHub Pages sends. Used by
the page-weight measurement and by bench/lighthouse.

Run alone: `python bench/serve.py SITE_DIR [PORT]`.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import sys
import threading
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".map")
GZIP_LEVEL = 6  # the usual server default (Apache mod_deflate); also used for the "gzip" figures


def is_compressible(name: str, content_type: str = "") -> bool:
    return name.lower().endswith(COMPRESSIBLE) or content_type.split(";")[0].strip() in {
        "text/html", "text/css", "text/javascript", "application/javascript", "application/json", "image/svg+xml",
    }


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects to the slash URL
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and is_compressible(path.name)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class Server:
    """`with Server(site_dir) as url:` serves site_dir on a free loopback port."""

    def __init__(self, directory: Path, port: int = 0):
        handler = functools.partial(_Handler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self) -> str:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self.url

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


if __name__ == "__main__":
    site = Path(sys.argv[1])
    server = Server(site, int(sys.argv[2]) if len(sys.argv) > 2 else 8000)
    print(f"Serving {site} at {server.url} (Ctrl-C stops)")
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
