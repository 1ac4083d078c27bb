"""Shared constants and helpers of the hoax clinic tests."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")
FEEDS = Path(__file__).resolve().parents[1] / "data" / "feeds"


class Clock:
    """A settable clock for the tracker."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Route:
    """What the server answers on one path."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    stream_bytes: int = 0
    """When > 0: send this many bytes in chunks, without Content-Length."""
    delay: float = 0.0
    """Seconds to wait before answering."""


@dataclass
class FeedServer:
    """A real HTTP server on 127.0.0.1 serving configurable routes; records requests."""

    base_url: str
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]]

    def url(self, path: str) -> str:
        return self.base_url + path

    def serve_file(self, path: str, name: str, *, etag: str | None = None) -> str:
        self.routes[path] = Route(
            body=(FEEDS / name).read_bytes(),
            headers={"Content-Type": "application/rss+xml; charset=utf-8"},
            etag=etag,
        )
        return self.url(path)


def make_handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

        def do_GET(self) -> None:
            server.requests.append((self.path, dict(self.headers.items())))
            route = server.routes.get(self.path)
            if route is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
                return
            if route.delay:
                time.sleep(route.delay)
            self.send_response(route.status)
            for key, value in route.headers.items():
                self.send_header(key, value)
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.stream_bytes:
                self.send_header("Connection", "close")
                self.end_headers()
                chunk = b"<item>" + b"x" * 65_530 + b"</item>"
                sent = 0
                try:
                    while sent < route.stream_bytes:
                        self.wfile.write(chunk)
                        sent += len(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    return
                return
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

    return Handler
