"""Download a feed safely: only public http(s) addresses, capped size, time and redirects.

Feeds are untrusted input. Before every request (and again for every redirect) the host is
resolved and *every* address checked: private, loopback, link-local, shared, reserved,
multicast and unspecified addresses are refused unless ``allow_private=True``. The body is
streamed and cut at ``max_bytes``; the whole download has a wall-clock limit.

Residual risk: the address is checked before httpx connects and httpx resolves the name
again, so a DNS server that answers differently within milliseconds (DNS rebinding) could
still steer the request. Run ingestion where private services are not reachable if that
matters to you.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from .._exceptions import FeedFetchError, FeedTooLargeError, UnsafeURLError

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


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Refuse URLs the fetcher must not request.

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
    for info in infos:
        address = str(info[4][0]).split("%", 1)[0]
        ip = ipaddress.ip_address(address)
        if _refused(ip):
            raise UnsafeURLError(
                f"feed host {host!r} resolves to {ip}, a private, loopback, link-local or "
                "reserved address; refusing it (pass allow_private=True only for trusted "
                "intranet feeds)"
            )


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
        client: An httpx client to reuse (its own redirect following is not used).

    Returns:
        The result; ``not_modified`` when the server answered 304.

    Raises:
        UnsafeURLError: A refused URL or redirect, or too many redirects.
        FeedTooLargeError: The body exceeds ``max_bytes``.
        FeedFetchError: Network error, timeout or an HTTP error status.
    """
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.1",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own = client is None
    http = client or httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)))
    started = time.monotonic()
    current = url
    try:
        for _ in range(max_redirects + 1):
            check_url(current, allow_private=allow_private)
            try:
                with http.stream("GET", current, headers=headers, follow_redirects=False) as resp:
                    if resp.status_code == 304:
                        return FetchResult(current, True, b"", None, etag, last_modified)
                    if resp.status_code in _REDIRECTS:
                        location = resp.headers.get("location", "")
                        if not location:
                            raise FeedFetchError(
                                f"{current} answered {resp.status_code} without a Location"
                            )
                        current = str(resp.url.join(location))
                        continue
                    if resp.status_code >= 400:
                        raise FeedFetchError(
                            f"{current} answered HTTP {resp.status_code}; check the feed URL"
                        )
                    body = _read_capped(resp, current, max_bytes, started, timeout)
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


def _read_capped(
    resp: httpx.Response, url: str, max_bytes: int, started: float, timeout: float
) -> bytes:
    declared = resp.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
        raise FeedTooLargeError(
            f"{url} announces {int(declared)} bytes, more than the cap of {max_bytes}; "
            "raise max_bytes if the feed is trusted"
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FeedTooLargeError(
                f"{url} sent more than the cap of {max_bytes} bytes; "
                "raise max_bytes if the feed is trusted"
            )
        if time.monotonic() - started > timeout:
            raise FeedFetchError(f"download of {url} took longer than {timeout:g} s; giving up")
        chunks.append(chunk)
    return b"".join(chunks)
