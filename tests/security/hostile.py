"""A hostile HTTP server on loopback, bounded in time and bytes.

Each connection runs a *script*: a function that writes raw bytes to the socket with
``conn.send``. The server counts what it sent and gives up on a connection after
``MAX_SECONDS`` or ``MAX_BYTES`` whatever the script says, so a test that fails (a client that
does not stop reading) fails quickly instead of filling the machine. Payloads are generated
chunk by chunk, never built whole.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

#: A connection is cut after this many seconds or bytes, whatever its script does.
MAX_SECONDS = 15.0
MAX_BYTES = 256 * 1024 * 1024


class Stop(Exception):  # noqa: N818 - control flow of the server
    """The client went away, or a fuse blew."""


@dataclass
class Conn:
    """One accepted connection, with what was sent on it."""

    sock: socket.socket
    started: float = field(default_factory=time.monotonic)
    sent: int = 0

    def send(self, data: bytes) -> None:
        if time.monotonic() - self.started > MAX_SECONDS or self.sent > MAX_BYTES:
            raise Stop
        try:
            self.sock.sendall(data)
        except OSError:
            raise Stop from None
        self.sent += len(data)

    def read_request(self) -> bytes:
        data = b""
        self.sock.settimeout(5)
        while b"\r\n\r\n" not in data:
            chunk = self.sock.recv(65536)
            if not chunk:
                break
            data += chunk
        return data


Script = Callable[[Conn], None]


@dataclass
class HostileServer:
    """Where the server listens and what it sent."""

    url: str
    sent: list[int]

    @property
    def total_sent(self) -> int:
        return sum(self.sent)


@contextmanager
def hostile_server(script: Script) -> Iterator[HostileServer]:
    """Serve ``script`` to every connection on a free loopback port."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    server = HostileServer(f"http://127.0.0.1:{listener.getsockname()[1]}", [])
    stop = threading.Event()

    def handle(sock: socket.socket) -> None:
        conn = Conn(sock)
        try:
            conn.read_request()
            script(conn)
        except (Stop, OSError):
            pass
        finally:
            server.sent.append(conn.sent)
            sock.close()

    def serve() -> None:
        while not stop.is_set():
            try:
                sock, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=handle, args=(sock,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        stop.set()
        thread.join(timeout=2)
        listener.close()


def head(status: str = "200 OK", *headers: str) -> bytes:
    """A response head with the given extra header lines."""
    lines = [f"HTTP/1.1 {status}", *headers, "", ""]
    return "\r\n".join(lines).encode()


def endless_chunked(conn: Conn) -> None:
    """A 200 whose chunked body never ends."""
    conn.send(head("200 OK", "Content-Type: application/json", "Transfer-Encoding: chunked"))
    chunk = b"[" * 65536
    frame = b"%x\r\n%s\r\n" % (len(chunk), chunk)
    while True:
        conn.send(frame)


def drip(interval: float) -> Script:
    """A 200 whose chunked body comes one byte every ``interval`` seconds, for ever."""

    def script(conn: Conn) -> None:
        conn.send(head("200 OK", "Content-Type: application/json", "Transfer-Encoding: chunked"))
        while True:
            conn.send(b"1\r\n \r\n")
            time.sleep(interval)

    return script


def trickle_headers(interval: float) -> Script:
    """Headers that never end: one more header byte every ``interval`` seconds."""

    def script(conn: Conn) -> None:
        conn.send(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        while True:
            conn.send(b"a")
            time.sleep(interval)

    return script


def _gzip_zeros(size: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    parts = [compressor.compress(block) for _ in range(size >> 20)]
    parts.append(compressor.flush())
    return b"".join(parts)


_BOMBS: dict[int, bytes] = {}


def gzip_bomb(size: int = 128 * 1024 * 1024, layers: int = 2) -> bytes:
    """``size`` zero bytes gzipped ``layers`` times (128 MiB: 130 KB in one layer, 400 bytes
    in two); built once per process."""
    key = size * 10 + layers
    if key not in _BOMBS:
        data = _gzip_zeros(size)
        for _ in range(layers - 1):
            data = gzip.compress(data, 9)
        _BOMBS[key] = data
    return _BOMBS[key]


def bomb(layers: int = 2, content_type: str = "application/json") -> Script:
    """A 200 with a small body that decompresses to 128 MiB (16 times the client's cap)."""

    def script(conn: Conn) -> None:
        body = gzip_bomb(layers=layers)
        encoding = ", ".join(["gzip"] * layers)
        conn.send(
            head(
                "200 OK",
                f"Content-Type: {content_type}",
                f"Content-Encoding: {encoding}",
                f"Content-Length: {len(body)}",
            )
            + body
        )

    return script


def fixed(status: str, body: bytes, content_type: str = "application/json") -> Script:
    """An ordinary answer with a fixed body."""

    def script(conn: Conn) -> None:
        conn.send(
            head(status, f"Content-Type: {content_type}", f"Content-Length: {len(body)}") + body
        )

    return script
