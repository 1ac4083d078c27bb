"""Reading untrusted HTTP answers within a byte cap and a wall-clock deadline.

Shared by the API client (:mod:`lapor_sdk.client`) and the fact-check feed fetcher
(:mod:`hoax_clinic.feeds`): both talk to servers that may be hostile or broken.

* **Decoded size.** httpx decompresses a whole network chunk at once, so a 1.8 KB body with
  ``Content-Encoding: gzip, gzip`` expands to gigabytes before any cap can look at it. Here
  the raw bytes are read and decoded by :class:`BoundedDecoder`, which asks zlib for at most
  :data:`STEP` bytes at a time at every layer and stops as soon as the output (or the raw
  input) passes the cap. Only ``gzip``, ``deflate`` and ``identity`` are decoded, at most two
  layers; anything else is refused (we send ``Accept-Encoding: gzip, deflate``).
* **Deadline.** httpx's timeouts bound each read, not the exchange: a server that drips a
  byte every second, or trickles its headers, never times out. :class:`DeadlineTimeouts` is
  the timeout mapping put in the request (connect and pool waits are cut to the time left).
  httpcore fetches the read timeout once per phase, though, so the clients' own connections
  go through :class:`DeadlineBackend`, whose streams cut *every* socket read and write to the
  time left before the deadline of the request in progress (a context variable set by
  :func:`deadline_scope`): the exchange ends at the deadline whatever the server does,
  headers included. The body loops check it too. Connections of an ``http_client`` passed
  in by the caller (or through a proxy) get the mapping and the body checks only.

The callers translate the errors below into their own exception trees.
"""

from __future__ import annotations

import ssl
import time
import zlib
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx

__all__ = [
    "ACCEPT_ENCODING",
    "STEP",
    "BodyDecodeError",
    "BodyError",
    "BodyTooLargeError",
    "BoundedDecoder",
    "DeadlineExceededError",
    "DeadlineTimeouts",
    "aread_body",
    "async_deadline_transport",
    "deadline_scope",
    "deadline_transport",
    "read_body",
]

#: What we ask servers for: the encodings :class:`BoundedDecoder` decodes.
ACCEPT_ENCODING = "gzip, deflate"
#: Most bytes one decompression step may produce (per layer).
STEP = 64 * 1024
#: Content-Encoding layers decoded at most (a real server applies one).
MAX_LAYERS = 2
#: Timeout handed out once the deadline has passed: small but positive, so a blocked read
#: ends with a timeout (0 would make the socket non-blocking and fail differently).
_EXPIRED = 0.001


class BodyError(Exception):
    """The answer's body could not be read within the limits."""


class BodyTooLargeError(BodyError):
    """More than ``limit`` bytes (decoded, or raw on the wire)."""

    def __init__(self, limit: int, seen: int, *, kind: str = "decoded") -> None:
        if kind == "declared":
            message = f"announces {seen} bytes, more than the cap of {limit}"
        else:
            message = f"sent more than the cap of {limit} bytes ({kind}; stopped at {seen})"
        super().__init__(message)
        self.limit = limit
        self.seen = seen


class DeadlineExceededError(BodyError):
    """The exchange did not finish before the deadline."""


class BodyDecodeError(BodyError):
    """The body is not valid for its ``Content-Encoding``, or that encoding is refused."""


class DeadlineTimeouts(dict[str, float | None]):
    """httpx/httpcore timeouts cut to the time left before a deadline, at each look-up.

    Put it in ``request.extensions["timeout"]``: httpcore reads the ``connect``, ``read``,
    ``write`` and ``pool`` values from it before each socket operation.

    Args:
        timeout: The per-operation timeouts.
        deadline: ``clock()`` value by which the whole exchange must be over (``None``: none).
        clock: Monotonic clock.
    """

    def __init__(
        self,
        timeout: httpx.Timeout,
        deadline: float | None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(timeout.as_dict())
        self.deadline = deadline
        self._clock = clock

    def _cut(self, value: float | None) -> float | None:
        if self.deadline is None:
            return value
        left = max(self.deadline - self._clock(), _EXPIRED)
        return left if value is None else min(value, left)

    def get(self, key: str, default: Any = None) -> Any:
        """The timeout for ``key`` (``connect``, ``read``, ...), cut to the time left."""
        return self._cut(super().get(key, default))

    def __getitem__(self, key: str) -> float | None:
        return self._cut(super().__getitem__(key))

    def expired(self) -> bool:
        """Whether the deadline has passed."""
        return self.deadline is not None and self._clock() >= self.deadline


_DEADLINE: ContextVar[float | None] = ContextVar("lapor_sdk_deadline", default=None)


@contextmanager
def deadline_scope(deadline: float | None) -> Iterator[None]:
    """Make ``deadline`` (a :func:`time.monotonic` value) the deadline of the socket
    operations of :class:`DeadlineBackend` streams run inside the block."""
    token = _DEADLINE.set(deadline)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _cut(timeout: float | None, error: type[Exception]) -> float | None:
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("the deadline of the exchange has passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _cut(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _cut(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        tls = self._inner.start_tls(
            ssl_context, server_hostname, _cut(timeout, httpcore.ConnectTimeout)
        )
        return _Stream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _AsyncStream(httpcore.AsyncNetworkStream):
    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, _cut(timeout, httpcore.ReadTimeout))

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, _cut(timeout, httpcore.WriteTimeout))

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        tls = await self._inner.start_tls(
            ssl_context, server_hostname, _cut(timeout, httpcore.ConnectTimeout)
        )
        return _AsyncStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """An httpcore network backend whose streams obey the deadline of :func:`deadline_scope`.

    Args:
        inner: The backend that really connects (default :class:`httpcore.SyncBackend`).
    """

    def __init__(self, inner: httpcore.NetworkBackend | None = None) -> None:
        self._inner = inner if inner is not None else httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        """Connect through the inner backend, within the deadline."""
        stream = self._inner.connect_tcp(
            host,
            port,
            timeout=_cut(timeout, httpcore.ConnectTimeout),
            local_address=local_address,
            socket_options=socket_options,
        )
        return _Stream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        """Connect to a unix socket through the inner backend, within the deadline."""
        stream = self._inner.connect_unix_socket(
            path, timeout=_cut(timeout, httpcore.ConnectTimeout), socket_options=socket_options
        )
        return _Stream(stream)

    def sleep(self, seconds: float) -> None:
        """Sleep as the inner backend does."""
        self._inner.sleep(seconds)


class AsyncDeadlineBackend(httpcore.AsyncNetworkBackend):
    """Async twin of :class:`DeadlineBackend` (default inner: :class:`httpcore.AnyIOBackend`)."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self._inner = inner if inner is not None else httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Connect through the inner backend, within the deadline."""
        stream = await self._inner.connect_tcp(
            host,
            port,
            timeout=_cut(timeout, httpcore.ConnectTimeout),
            local_address=local_address,
            socket_options=socket_options,
        )
        return _AsyncStream(stream)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Connect to a unix socket through the inner backend, within the deadline."""
        stream = await self._inner.connect_unix_socket(
            path, timeout=_cut(timeout, httpcore.ConnectTimeout), socket_options=socket_options
        )
        return _AsyncStream(stream)

    async def sleep(self, seconds: float) -> None:
        """Sleep as the inner backend does."""
        await self._inner.sleep(seconds)


def _check_pool(transport: object) -> None:
    # httpx has no public way to give a transport an httpcore network backend, so the pool it
    # builds is replaced by one that has ours. ``_pool`` is private: fail loudly (rather than
    # silently run without the deadline) if a new httpx renames it; tests cover the swap.
    if not isinstance(
        getattr(transport, "_pool", None), httpcore.ConnectionPool | httpcore.AsyncConnectionPool
    ):
        raise RuntimeError(
            "this httpx version has no HTTPTransport._pool connection pool; the deadline "
            "backend cannot be installed (pin a compatible httpx)"
        )


#: Limits of the pools we build: httpx's defaults.
_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)


def _pool_options(ssl_context: ssl.SSLContext) -> dict[str, Any]:
    return {
        "ssl_context": ssl_context,
        "max_connections": _LIMITS.max_connections,
        "max_keepalive_connections": _LIMITS.max_keepalive_connections,
        "keepalive_expiry": _LIMITS.keepalive_expiry,
    }


def deadline_transport(backend: httpcore.NetworkBackend | None = None) -> httpx.HTTPTransport:
    """An httpx transport whose connections go through ``backend`` (a :class:`DeadlineBackend`
    by default), with httpx's default TLS settings and limits."""
    ssl_context = httpx.create_ssl_context()
    transport = httpx.HTTPTransport(verify=ssl_context, limits=_LIMITS)
    _check_pool(transport)
    transport._pool.close()
    transport._pool = httpcore.ConnectionPool(
        **_pool_options(ssl_context),
        network_backend=backend if backend is not None else DeadlineBackend(),
    )
    return transport


def async_deadline_transport(
    backend: httpcore.AsyncNetworkBackend | None = None,
) -> httpx.AsyncHTTPTransport:
    """Async twin of :func:`deadline_transport`."""
    ssl_context = httpx.create_ssl_context()
    transport = httpx.AsyncHTTPTransport(verify=ssl_context, limits=_LIMITS)
    _check_pool(transport)
    transport._pool = httpcore.AsyncConnectionPool(
        **_pool_options(ssl_context),
        network_backend=backend if backend is not None else AsyncDeadlineBackend(),
    )
    return transport


def _layer_names(content_encoding: str | None) -> list[str]:
    names = [n.strip().lower() for n in (content_encoding or "").split(",")]
    names = [n for n in names if n and n != "identity"]
    for name in names:
        if name not in ("gzip", "x-gzip", "deflate"):
            raise BodyDecodeError(
                f"Content-Encoding {name!r} is not accepted (only gzip and deflate are)"
            )
    if len(names) > MAX_LAYERS:
        raise BodyDecodeError(
            f"{len(names)} Content-Encoding layers; at most {MAX_LAYERS} are decoded"
        )
    return names


class _Layer:
    """One zlib decoder that yields its output :data:`STEP` bytes at a time."""

    def __init__(self, name: str, check: Callable[[], None]) -> None:
        self._check = check
        self._deflate = name == "deflate"
        # gzip: header required; deflate: zlib-wrapped, or raw (some servers) on first error.
        self._z = zlib.decompressobj(zlib.MAX_WBITS | 16 if not self._deflate else zlib.MAX_WBITS)
        self._started = False

    def decode(self, data: bytes) -> Iterator[bytes]:
        while data and not self._z.eof:
            self._check()  # a layer may churn through data that decodes to nothing
            try:
                out = self._z.decompress(data, STEP)
            except zlib.error as exc:
                if self._deflate and not self._started:
                    self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._started = True
                    continue
                raise BodyDecodeError(f"the body is not valid compressed data ({exc})") from None
            self._started = True
            data = self._z.unconsumed_tail
            if out:
                yield out
        # Data after the end of the stream (a second gzip member, garbage) is ignored.

    def flush(self) -> Iterator[bytes]:
        while not self._z.eof:
            try:
                out = self._z.decompress(b"", STEP)
            except zlib.error as exc:
                raise BodyDecodeError(f"the body is not valid compressed data ({exc})") from None
            if not out:
                break
            yield out


class BoundedDecoder:
    """Decode a body chunk by chunk, never holding more than ``limit`` decoded bytes.

    Args:
        content_encoding: The answer's ``Content-Encoding`` header.
        limit: Most bytes accepted, decoded and raw alike.
        deadline: ``clock()`` value by which decoding must be over (``None``: none).
        clock: Monotonic clock.

    Raises:
        BodyDecodeError: An encoding that is refused (at construction) or corrupt data.
    """

    def __init__(
        self,
        content_encoding: str | None,
        *,
        limit: int,
        deadline: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        # Layers are undone in reverse order of their application.
        self._limit = limit
        self._deadline = deadline
        self._clock = clock
        names = reversed(_layer_names(content_encoding))
        self._layers = [_Layer(n, self._check_deadline) for n in names]
        self._raw = 0
        self._size = 0
        self._chunks: list[bytes] = []

    def _through(self, pieces: Iterable[bytes], index: int, *, final: bool) -> Iterator[bytes]:
        if index == len(self._layers):
            yield from pieces
            return
        layer = self._layers[index]
        for piece in pieces:
            yield from self._through(layer.decode(piece), index + 1, final=False)
        if final:
            yield from self._through(layer.flush(), index + 1, final=True)

    def _check_deadline(self) -> None:
        if self._deadline is not None and self._clock() > self._deadline:
            raise DeadlineExceededError("the body was not read before the deadline")

    def _take(self, pieces: Iterable[bytes]) -> None:
        for piece in pieces:
            self._size += len(piece)
            if self._size > self._limit:
                raise BodyTooLargeError(self._limit, self._size)
            self._check_deadline()
            self._chunks.append(piece)

    def feed(self, raw: bytes) -> None:
        """Decode one raw chunk.

        Raises:
            BodyTooLargeError: The body passed the cap.
            DeadlineExceededError: The deadline passed.
            BodyDecodeError: Corrupt compressed data.
        """
        self._raw += len(raw)
        if self._raw > self._limit:
            raise BodyTooLargeError(self._limit, self._raw, kind="on the wire")
        if not self._layers:  # identity: nothing to decode (the common case)
            self._take((raw,))
            return
        self._take(self._through([raw], 0, final=False))

    def finish(self) -> bytes:
        """Flush the decoders and return the whole decoded body."""
        self._take(self._through([], 0, final=True))
        return b"".join(self._chunks)


def _declared_too_large(response: httpx.Response, limit: int) -> None:
    declared = response.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and len(declared) < 20 and int(declared) > limit:
        raise BodyTooLargeError(limit, int(declared), kind="declared")


def read_body(response: httpx.Response, *, limit: int, deadline: float | None) -> bytes:
    """Read a streamed response's body (``send(..., stream=True)``) within the limits.

    Raises:
        BodyError: Too large, past the deadline, or not decodable.
        httpx.TransportError: The connection failed or a read timed out.
    """
    _declared_too_large(response, limit)
    decoder = BoundedDecoder(
        response.headers.get("content-encoding"), limit=limit, deadline=deadline
    )
    for chunk in response.iter_raw():
        decoder.feed(chunk)
    return decoder.finish()


async def aread_body(response: httpx.Response, *, limit: int, deadline: float | None) -> bytes:
    """Async twin of :func:`read_body`."""
    _declared_too_large(response, limit)
    decoder = BoundedDecoder(
        response.headers.get("content-encoding"), limit=limit, deadline=deadline
    )
    chunks: AsyncIterator[bytes] = response.aiter_raw()
    async for chunk in chunks:
        decoder.feed(chunk)
    return decoder.finish()
