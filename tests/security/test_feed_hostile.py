"""Issue #10 defects 5, 6, 7 and 13: the fact-check feed fetcher against hostile input.

5. A 3 KB nested-gzip body used 4.2 GB before FeedTooLargeError; headers trickling in were
   not bounded by the time limit; ``ingest(tracker, "/dev/zero")`` read without bound.
6. The DTD check looked at a prefix only: a comment holding ``<a`` or 64 KB of whitespace
   before the DOCTYPE hid it.
7. The SSRF guard trusted ``ipaddress``, wrong on Python 3.11.7 (CVE-2024-4032).
13. A redirect to ``javascript:``/``data:`` raised a raw ``httpx.InvalidURL`` and stopped
   ``hoax ingest`` for every remaining feed.
"""

from __future__ import annotations

import ipaddress
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hoax_clinic import ClaimTracker
from hoax_clinic._exceptions import (
    FeedError,
    FeedFetchError,
    FeedParseError,
    FeedTooLargeError,
    UnsafeURLError,
)
from hoax_clinic.cli import app as hoax_app
from hoax_clinic.feeds import check_url, fetch, ingest, parse_feed
from hoax_clinic.feeds._addresses import SPECIAL_PURPOSE, special_purpose
from hoax_clinic.feeds._fetch import _refused

from .hostile import Conn, bomb, fixed, gzip_bomb, head, hostile_server, trickle_headers

MiB = 1024 * 1024
RSS = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
    b"<item><title>[HOAKS] Vaksin berisi chip</title><link>https://example.org/a</link>"
    b"<description>Penjelasan: tidak benar.</description></item></channel></rss>"
)


@pytest.fixture
def tracker() -> ClaimTracker:
    return ClaimTracker()


# -- defect 5: size and time -------------------------------------------------------------


@pytest.mark.parametrize("layers", [1, 2], ids=["gzip", "gzip-gzip"])
def test_defect_05_nested_gzip_stops_at_the_decoded_cap(layers: int) -> None:
    gzip_bomb(layers=layers)
    with hostile_server(bomb(layers, "application/rss+xml")) as server:
        started = time.monotonic()
        with pytest.raises(FeedTooLargeError, match="sent more than the cap") as info:
            fetch(server.url, allow_private=True, max_bytes=MiB)
        assert time.monotonic() - started < 30
    stopped = int(str(info.value).rsplit("stopped at ", 1)[1].split(")")[0])
    assert stopped < 2 * MiB  # decoding stopped right after the cap, not gigabytes later


def test_defect_05_trickling_headers_end_at_the_time_limit() -> None:
    with hostile_server(trickle_headers(0.2)) as server:
        started = time.monotonic()
        with pytest.raises(FeedFetchError, match=r"timed out after 1\.5 s"):
            fetch(server.url, allow_private=True, timeout=1.5)
        assert time.monotonic() - started < 10  # the server trickles for 15 s


def test_defect_05_a_redirect_chain_shares_one_time_limit() -> None:
    def slow_redirect(conn: Conn) -> None:
        time.sleep(0.6)
        conn.send(head("302 Found", "Location: /again", "Content-Length: 0"))

    with hostile_server(slow_redirect) as server:
        started = time.monotonic()
        with pytest.raises(FeedFetchError, match="timed out"):
            fetch(server.url, allow_private=True, timeout=1.5, max_redirects=5)
        assert time.monotonic() - started < 10


_DEV_ZERO = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # a regression fails, not the machine
from hoax_clinic import ClaimTracker
from hoax_clinic.feeds import ingest
try:
    ingest(ClaimTracker(), "/dev/zero")
except MemoryError:
    sys.exit("MemoryError: /dev/zero was read without bound")
except Exception as exc:
    print(type(exc).__name__, exc)
"""


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_defect_05_dev_zero_is_refused() -> None:
    # In a child process with 2 GiB of address space: unbounded reading must not take the
    # machine (or the test run) down with it.
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", _DEV_ZERO], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.startswith("FeedFetchError"), done.stdout
    assert "not a regular file" in done.stdout
    assert time.monotonic() - started < 30


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_defect_05_a_fifo_is_refused_without_waiting_for_a_writer(
    tracker: ClaimTracker, tmp_path: Path
) -> None:
    fifo = tmp_path / "feed.xml"
    os.mkfifo(fifo)
    with pytest.raises(FeedFetchError, match="not a regular file"):
        ingest(tracker, fifo)


def test_a_file_that_grows_past_its_size_is_still_capped(
    tracker: ClaimTracker, tmp_path: Path
) -> None:
    path = tmp_path / "big.xml"
    path.write_bytes(RSS + b" " * 2000)
    with pytest.raises(FeedTooLargeError, match="more than the cap of 1000"):
        ingest(tracker, path, max_bytes=1000)


# -- defect 6: DOCTYPE and ENTITY anywhere -------------------------------------------------

XML, BODY = RSS[:38], RSS[38:]
LAUGHS = b'<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'


@pytest.mark.parametrize(
    "document",
    [
        pytest.param(XML + b"<!-- <a --> " + LAUGHS + BODY, id="comment-with-<a"),
        pytest.param(XML + b" " * 70_000 + LAUGHS + BODY, id="70kb-space"),
        pytest.param(RSS.replace(b"<channel>", b"<channel>" + LAUGHS), id="inside-the-root"),
        pytest.param(XML + b'<!doctype rss SYSTEM "file:///etc/passwd">' + BODY, id="system"),
        pytest.param(
            ('<?xml version="1.0" encoding="utf-16"?>' + (LAUGHS + BODY).decode()).encode("utf-16"),
            id="utf-16",
        ),
    ],
)  # fmt: skip
def test_defect_06_doctype_or_entity_anywhere_is_refused(document: bytes) -> None:
    with pytest.raises(FeedParseError, match="declares XML entities or a DTD"):
        parse_feed(document)


def test_defect_06_a_doctype_hidden_by_utf7_is_refused() -> None:
    # "+ADw-" is "<" in UTF-7: no byte search for "<!DOCTYPE" finds it, the converted text does.
    hidden = b'<?xml version="1.0" encoding="utf-7"?>+ADw-!DOCTYPE rss+AD4-' + BODY
    try:
        parse_feed(hidden)
    except FeedParseError as exc:
        assert "not an RSS" in str(exc) or "declares" in str(exc)
    else:
        pytest.fail("a UTF-7 document with a DOCTYPE was parsed")


def test_an_ordinary_feed_still_parses() -> None:
    assert [i.claim for i in parse_feed(RSS).items] == ["Vaksin berisi chip"]


# -- defect 7: special-purpose addresses ----------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["192.0.0.8", "192.0.0.170", "2002::1", "2002:7f00:1::1", "64:ff9b::7f00:1", "::ffff:10.0.0.1",
     "100::1", "3fff::1", "5f00::1", "2001:db8::1", "198.18.0.1", "240.0.0.1", "fd00::1"],
)  # fmt: skip
def test_defect_07_special_purpose_addresses_are_refused(address: str) -> None:
    ip = ipaddress.ip_address(address)
    assert special_purpose(ip) is not None
    assert _refused(ip)
    with pytest.raises(UnsafeURLError):
        check_url(f"http://[{address}]/feed" if ":" in address else f"http://{address}/feed")


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::6810:84e5", "64:ff9b::5db8:d70e"])
def test_public_addresses_pass(address: str) -> None:
    assert special_purpose(ipaddress.ip_address(address)) is None


def test_defect_07_the_table_holds_when_ipaddress_is_wrong(monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulate an interpreter whose ipaddress tables call everything global and public.
    for cls in (ipaddress.IPv4Address, ipaddress.IPv6Address):
        monkeypatch.setattr(cls, "is_global", property(lambda self: True))
        for name in ("is_private", "is_loopback", "is_link_local", "is_reserved", "is_multicast"):
            monkeypatch.setattr(cls, name, property(lambda self: False))
    with hostile_server(fixed("200 OK", RSS, "application/rss+xml")) as server:
        with pytest.raises(UnsafeURLError, match=r"127\.0\.0\.1"):
            fetch(server.url)
        assert server.sent == []  # refused before connecting


def test_the_table_cites_its_registries() -> None:
    assert len(SPECIAL_PURPOSE) > 30
    import hoax_clinic.feeds._addresses as module

    assert "iana-ipv4-special-registry" in (module.__doc__ or "")
    assert "iana-ipv6-special-registry" in (module.__doc__ or "")


# -- defect 13: redirects to other schemes --------------------------------------------------


@pytest.mark.parametrize(
    ("location", "error"),
    [
        ("javascript:alert(1)", UnsafeURLError),
        ("data:text/xml,<rss/>", UnsafeURLError),
        ("file:///etc/passwd", UnsafeURLError),
        ("http://[::1", FeedError),  # a broken Location header: a fetch error, typed too
    ],
)
def test_defect_13_redirect_to_another_scheme_is_a_typed_error(
    location: str, error: type[Exception]
) -> None:
    def redirect(conn: Conn) -> None:
        conn.send(head("302 Found", f"Location: {location}", "Content-Length: 0"))

    with hostile_server(redirect) as server, pytest.raises(error):
        fetch(server.url, allow_private=True)


def test_defect_13_hoax_ingest_goes_on_after_a_bad_redirect(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def redirect(conn: Conn) -> None:
        conn.send(head("302 Found", "Location: javascript:alert(1)", "Content-Length: 0"))

    with (
        hostile_server(redirect) as bad,
        hostile_server(fixed("200 OK", RSS, "application/rss+xml")) as good,
    ):
        monkeypatch.setenv("HOAX_FEEDS", f"{bad.url}/feed {good.url}/feed")
        monkeypatch.delenv("HOAX_DATABASE_URL", raising=False)
        db = f"sqlite:///{tmp_path / 'hoax.db'}"
        result = CliRunner().invoke(hoax_app, ["--db", db, "ingest", "--allow-private"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "redirected to an invalid URL" in result.output
    assert f"{good.url}/feed: 1 item(s), 1 added" in result.output
    assert "1 of 2 feed(s) failed" in result.output
