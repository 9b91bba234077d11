"""A tiny HTTP server on 127.0.0.1, in a thread, for fetch tests (never the internet).

tests/conftest.py imports the ``http_server`` fixture from here.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ARTICLE_HTML = (
    "<!DOCTYPE html><html><head><title>Ferry runs aground | Harbour News</title>"
    '<meta property="article:published_time" content="2025-09-14T07:30:00Z"></head><body>'
    "<nav><a href='/'>Home</a></nav><article><h1>Ferry runs aground</h1>"
    "<p>A ferry carrying 212 passengers ran aground off the coast early on Sunday, the coast guard said.</p>"
    "<p>All passengers were taken off the vessel by lifeboats, and nine were treated for minor injuries.</p>"
    "<p>The operator said the ship had lost power in heavy seas two miles from the harbour entrance.</p>"
    "</article></body></html>"
)
ARTICLE_TEXT = "The port reopened on Monday after a two-day closure, the harbour master said in a statement."

# path -> (status, headers, body, delay before answering in seconds)
ROUTES: dict[str, tuple[int, dict[str, str], bytes, float]] = {
    "/article": (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE_HTML.encode(), 0),
    "/plain": (200, {"Content-Type": "text/plain; charset=utf-8"}, ARTICLE_TEXT.encode(), 0),
    "/latin": (
        200,
        {"Content-Type": "text/plain; charset=iso-8859-1"},
        "Café reopened in Málaga on Monday.".encode("latin-1"),
        0,
    ),
    "/missing": (404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>", 0),
    "/error": (500, {"Content-Type": "text/html"}, b"oops", 0),
    "/slow": (200, {"Content-Type": "text/html"}, ARTICLE_HTML.encode(), 3.0),
    "/image": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n\x00\x00", 0),
    "/big": (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 200_000 + b"</p>", 0),
    "/png-as-html": (200, {"Content-Type": "text/html"}, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 0),
    "/loop": (302, {"Location": "/loop"}, b"", 0),
    "/moved": (301, {"Location": "/article"}, b"", 0),
    "/untyped": (200, {}, ARTICLE_HTML.encode(), 0),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, headers, body, delay = ROUTES.get(self.path, (404, {}, b"", 0))
        time.sleep(delay)
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
            pass

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture(scope="module")
def http_server() -> Iterator[str]:
    """Base URL of a local server answering ``ROUTES``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
