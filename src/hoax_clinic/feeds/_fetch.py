"""Download a feed safely: only public http(s) addresses, capped size, time and redirects.

Feeds are untrusted input. The fetcher refuses private, loopback, link-local, shared,
reserved, multicast and unspecified addresses unless ``allow_private=True``, in two places:

* :func:`check_url` runs before every request (and again for every redirect): it refuses bad
  schemes, credentials in the URL and hosts that resolve to a refused address, with a
  friendly error before anything is sent.
* At connect time, the client :func:`fetch` builds itself sends every connection through a
  guarded network backend: it resolves the host *once*, refuses the connection if *any*
  address is refused, and then connects to the vetted IP address itself, so httpx never
  resolves the name a second time. A DNS server that answers with a public address for the
  check and a private one for the connection (DNS rebinding) is refused, not obeyed. For
  https the TLS handshake still uses the URL's host name (SNI and certificate check):
  httpcore takes ``server_hostname`` from the request origin, not from the socket.

An address is refused when :mod:`ipaddress` says it is not global, private, loopback, ...
*or* it is in the IANA special-purpose registries shipped as a table
(:mod:`hoax_clinic.feeds._addresses`): ``ipaddress`` is wrong on older Pythons
(CVE-2024-4032: ``192.0.0.8`` and ``2002::/16`` pass on 3.11.7).

A ``client=`` passed by the caller is used as it is: the connect-time guard does not apply to
it (only :func:`check_url` does). The built-in client ignores proxy settings from the
environment (``HTTP_PROXY``, ...); a caller who needs a proxy passes a client of their own.

The body is read raw and decoded by :class:`lapor_sdk._bounded.BoundedDecoder`, which stops
as soon as the *decoded* size passes ``max_bytes`` (a 3 KB nested-gzip body no longer
expands to gigabytes first). The whole download, redirects and headers included, has one
wall-clock deadline: every socket read and write of the built-in client is cut to the time
left (a caller's client gets the deadline between body chunks and on connect only).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpcore
import httpx

from lapor_sdk._bounded import (
    ACCEPT_ENCODING,
    BodyDecodeError,
    BodyTooLargeError,
    DeadlineBackend,
    DeadlineExceededError,
    DeadlineTimeouts,
    deadline_scope,
    read_body,
)

from .._exceptions import FeedFetchError, FeedTooLargeError, UnsafeURLError
from ._addresses import special_purpose

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_REDIRECTS",
    "DEFAULT_TIMEOUT",
    "USER_AGENT",
    "FetchResult",
    "check_url",
    "fetch",
]

#: Largest feed body accepted (bytes, after decompression).
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: Seconds for connect/read of each request, and for the whole download.
DEFAULT_TIMEOUT = 15.0
#: Redirects followed at most.
DEFAULT_MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
USER_AGENT = "hoax-clinic (lapor-sdk; +https://pypi.org/project/lapor-sdk/)"


@dataclass(frozen=True, slots=True)
class FetchResult:
    """Outcome of a conditional GET."""

    url: str
    """Final URL after redirects."""
    not_modified: bool
    """The server answered 304: nothing new since the remembered ETag/Last-Modified."""
    content: bytes
    """The body (empty when not modified)."""
    content_type: str | None
    """Content-Type header, when sent."""
    etag: str | None
    """ETag to send next time."""
    last_modified: str | None
    """Last-Modified to send next time."""


def _refused(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if special_purpose(ip) is not None:  # our own table first: ipaddress may be outdated
        return True
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        not ip.is_global
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


_AddrInfo = tuple[
    socket.AddressFamily,
    socket.SocketKind,
    int,
    str,
    tuple[str, int] | tuple[str, int, int, int] | tuple[int, bytes],
]


def _first_refused(
    infos: Iterable[_AddrInfo],
) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The first address of a ``getaddrinfo`` answer that :func:`_refused` refuses."""
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if _refused(ip):
            return ip
    return None


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Refuse URLs the fetcher must not request.

    This is the early, friendly check; :func:`fetch` enforces the address rule again when it
    connects, on the address it actually connects to.

    Args:
        url: The URL.
        allow_private: Accept private, loopback and link-local addresses (tests, intranets).

    Raises:
        UnsafeURLError: Not http(s), no host, credentials in the URL, or an address refused.
        FeedFetchError: The host name does not resolve.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeURLError(f"invalid feed URL {url[:200]!r}: {exc}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise UnsafeURLError(
            f"feed URL scheme {parts.scheme or '(none)'!r} is not allowed; use http:// or https://"
        )
    host = parts.hostname
    if not host:
        raise UnsafeURLError(f"feed URL {url[:200]!r} has no host")
    if parts.username or parts.password:
        raise UnsafeURLError("feed URLs must not carry credentials (user:password@host)")
    if allow_private:
        return
    port = port or (443 if parts.scheme.lower() == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FeedFetchError(f"cannot resolve feed host {host!r}: {exc}") from None
    ip = _first_refused(infos)
    if ip is not None:
        raise UnsafeURLError(
            f"feed host {host!r} resolves to {ip}, a private, loopback, link-local or "
            "reserved address; refusing it (pass allow_private=True only for trusted "
            "intranet feeds)"
        )


class _GuardedBackend(httpcore.NetworkBackend):
    """An httpcore network backend that resolves each host once and connects to a vetted IP.

    ``connect_tcp`` is handed the URL's host name. It resolves it with
    :func:`socket.getaddrinfo`, raises :class:`UnsafeURLError` if any address is refused
    (unless ``allow_private``), and otherwise hands the IP address literals, in the
    resolver's order, to the wrapped backend, which connects without resolving again.
    TLS is layered on top by httpcore with ``server_hostname`` taken from the request
    origin, so SNI and the certificate check still use the host name.
    """

    def __init__(
        self, *, allow_private: bool, inner: httpcore.NetworkBackend | None = None
    ) -> None:
        self._allow_private = allow_private
        # The deadline of the download applies to every socket operation (headers included).
        self._inner = DeadlineBackend(inner)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        """Resolve ``host`` once, refuse refused addresses, connect to the first that answers.

        Raises:
            UnsafeURLError: ``host`` resolves to a refused address (checked at connect time).
            httpcore.ConnectError: The host does not resolve or no address accepts.
            httpcore.ConnectTimeout: Connecting timed out.
        """
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve host {host!r}: {exc}") from None
        if not self._allow_private:
            ip = _first_refused(infos)
            if ip is not None:
                raise UnsafeURLError(
                    f"feed host {host!r} resolved at connect time to {ip}, a private, "
                    "loopback, link-local or reserved address (its DNS answer changed after "
                    "the URL was checked: possible DNS rebinding); refusing to connect (pass "
                    "allow_private=True only for trusted intranet feeds)"
                )
        addresses: list[str] = []
        for info in infos:
            address = str(info[4][0])
            if info[0] == socket.AF_INET6 and "%" not in address:
                scope = info[4][3] if len(info[4]) == 4 else 0
                address = f"{address}%{scope}" if scope else address
            if address not in addresses:
                addresses.append(address)
        error: Exception = httpcore.ConnectError(f"host {host!r} resolved to no address")
        for address in addresses:
            try:
                return self._inner.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        """Refuse: feeds are fetched over TCP only.

        Raises:
            UnsafeURLError: Always.
        """
        raise UnsafeURLError("feeds are fetched over TCP only; unix sockets are refused")

    def sleep(self, seconds: float) -> None:
        """Sleep as the wrapped backend does (used between connection retries)."""
        self._inner.sleep(seconds)


def _guarded_transport(
    *, allow_private: bool, inner: httpcore.NetworkBackend | None = None
) -> httpx.HTTPTransport:
    """An httpx transport whose connections all go through :class:`_GuardedBackend`."""
    ssl_context = httpx.create_ssl_context()
    transport = httpx.HTTPTransport(verify=ssl_context)
    # httpx has no public way to give HTTPTransport an httpcore network backend, so the
    # connection pool it builds is swapped for one that has ours. ``_pool`` is private:
    # fail closed (rather than silently fetch unguarded) if a new httpx renames it;
    # tests/hoax/test_hoax_feeds.py checks the swap and the guard end to end.
    if not isinstance(getattr(transport, "_pool", None), httpcore.ConnectionPool):
        raise RuntimeError(
            "this httpx version has no HTTPTransport._pool connection pool; the feed "
            "fetcher cannot install its connect-time address guard (pin a compatible httpx)"
        )
    transport._pool.close()
    transport._pool = httpcore.ConnectionPool(
        ssl_context=ssl_context,
        network_backend=_GuardedBackend(allow_private=allow_private, inner=inner),
    )
    return transport


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    allow_private: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    client: httpx.Client | None = None,
) -> FetchResult:
    """Download ``url`` with a conditional GET, following redirects safely.

    Args:
        url: Feed URL (http or https).
        etag: ETag remembered from the previous fetch (sent as If-None-Match).
        last_modified: Last-Modified remembered (sent as If-Modified-Since).
        allow_private: Accept private/loopback/link-local addresses.
        max_bytes: Largest body accepted.
        timeout: Seconds for each connect/read and for the whole download.
        max_redirects: Redirects followed at most.
        client: An httpx client to reuse (its own redirect following is not used). Only
            :func:`check_url` guards a caller's client: the connect-time address guard of
            the built-in client does not apply to it, so a DNS answer that changes between
            the check and the connection is not caught. Leave it ``None`` for untrusted
            feeds.

    Returns:
        The result; ``not_modified`` when the server answered 304.

    Raises:
        UnsafeURLError: A refused URL or redirect, a host that resolves to a refused address
            when the connection is made (DNS rebinding), or too many redirects.
        FeedTooLargeError: The body exceeds ``max_bytes``.
        FeedFetchError: Network error, timeout or an HTTP error status.
    """
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.1",
        "Accept-Encoding": ACCEPT_ENCODING,
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own = client is None
    http = client or httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        transport=_guarded_transport(allow_private=allow_private),
    )
    deadline = time.monotonic() + timeout
    timeouts = httpx.Timeout(timeout, connect=min(timeout, 10.0))
    current = url
    try:
        for _ in range(max_redirects + 1):
            check_url(current, allow_private=allow_private)
            try:
                request = http.build_request("GET", current, headers=headers)
            except httpx.InvalidURL as exc:
                raise UnsafeURLError(f"invalid feed URL {current[:200]!r}: {exc}") from None
            request.extensions["timeout"] = DeadlineTimeouts(timeouts, deadline)
            try:
                with deadline_scope(deadline):
                    resp = http.send(request, stream=True, follow_redirects=False)
                    try:
                        if resp.status_code == 304:
                            return FetchResult(current, True, b"", None, etag, last_modified)
                        if resp.status_code in _REDIRECTS:
                            current = _redirect_target(resp, current)
                            continue
                        if resp.status_code >= 400:
                            raise FeedFetchError(
                                f"{current} answered HTTP {resp.status_code}; check the feed URL"
                            )
                        body = _read_capped(resp, current, max_bytes, deadline, timeout)
                    finally:
                        resp.close()
                return FetchResult(
                    url=current,
                    not_modified=False,
                    content=body,
                    content_type=resp.headers.get("content-type"),
                    etag=resp.headers.get("etag"),
                    last_modified=resp.headers.get("last-modified"),
                )
            except httpx.TimeoutException:
                raise FeedFetchError(f"timed out after {timeout:g} s fetching {current}") from None
            except httpx.InvalidURL as exc:  # httpx reads a redirect's Location while sending
                raise UnsafeURLError(
                    f"{current} redirected to an invalid URL ({exc}); refusing it"
                ) from None
            except httpx.HTTPError as exc:
                raise FeedFetchError(
                    f"cannot fetch {current}: {type(exc).__name__}: {exc}"
                ) from None
        raise UnsafeURLError(
            f"{url} redirected more than {max_redirects} times; refusing to follow further"
        )
    finally:
        if own:
            http.close()


def _redirect_target(resp: httpx.Response, current: str) -> str:
    """The absolute URL a redirect points to; ``javascript:``/``data:`` and garbage refused."""
    location = resp.headers.get("location", "")
    if not location:
        raise FeedFetchError(f"{current} answered {resp.status_code} without a Location")
    try:
        target = str(resp.url.join(location))
    except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
        raise UnsafeURLError(
            f"{current} redirected to an invalid URL {location[:200]!r} ({exc}); refusing it"
        ) from None
    check_url(target, allow_private=True)  # scheme, host, credentials; addresses at the top
    return target


def _read_capped(
    resp: httpx.Response, url: str, max_bytes: int, deadline: float, timeout: float
) -> bytes:
    try:
        return read_body(resp, limit=max_bytes, deadline=deadline)
    except BodyTooLargeError as exc:
        raise FeedTooLargeError(f"{url} {exc}; raise max_bytes if the feed is trusted") from None
    except DeadlineExceededError:
        raise FeedFetchError(
            f"download of {url} took longer than {timeout:g} s; giving up"
        ) from None
    except BodyDecodeError as exc:
        raise FeedFetchError(f"cannot decode the body of {url}: {exc}") from None
