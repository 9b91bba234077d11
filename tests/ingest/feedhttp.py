"""A tiny HTTP server on 127.0.0.1 for feed tests: fixed routes, conditional GET, request log."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes | Callable[[], Iterator[bytes]] = b""
    status: int = 200
    content_type: str = "application/rss+xml"
    etag: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Hit:
    path: str
    at: float
    headers: dict[str, str]


class FeedServer:
    """Serve ``routes`` (path -> Route) until closed; ``url(path)`` gives the address."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.hits.append(
                    Hit(self.path, time.monotonic(), {k.lower(): v for k, v in self.headers.items()})
                )
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.etag:
                    self.send_header("ETag", route.etag)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                if callable(route.body):  # streamed, no length: the client must cap it itself
                    self.end_headers()
                    try:
                        for chunk in route.body():
                            self.wfile.write(chunk)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def paths(self) -> list[str]:
        return [h.path for h in self.hits]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def rss(items: list[tuple[str, str, str]], *, title: str = "Test Wire") -> bytes:
    """An RSS 2.0 document; ``items`` are (link, title, description HTML)."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Tue, 17 Jun 2025 08:00:00 GMT</pubDate><description><![CDATA[{d}]]></description></item>"
        for link, t, d in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>http://127.0.0.1/</link><description>test</description>{entries}</channel></rss>"
    ).encode()


def article(title: str, body: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{body}</p></article></body></html>"
    ).encode()
