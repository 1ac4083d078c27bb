"""Feed ingestion against a real HTTP server on 127.0.0.1 and fixtures shaped like real feeds."""

from __future__ import annotations

import csv
import ipaddress
import socket
import ssl
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import httpcore
import httpx
import pytest
from hoax_helpers import FEEDS, WIB, Clock, FeedServer, Route
from hypothesis import given
from hypothesis import strategies as st

from hoax_clinic import (
    ClaimStatus,
    ClaimTracker,
    FeedError,
    FeedFetchError,
    FeedParseError,
    FeedTooLargeError,
    Label,
    UnsafeURLError,
)
from hoax_clinic.feeds import check_url, fetch, ingest, ingest_bytes, parse_feed
from hoax_clinic.feeds._fetch import _guarded_transport


def read(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


# -- fixtures shaped like the real feeds -----------------------------------------------------


def test_turnbackhoax_wordpress_rss() -> None:
    feed = parse_feed(read("turnbackhoax.xml"))
    assert feed.title == "TURNBACKHOAX" and feed.well_formed
    first, scam, by_category = feed.items
    assert first.label is Label.SALAH
    assert first.claim == "Gunung Contoh Akan Meletus Besar Pekan Depan"
    assert first.published == datetime(2026, 6, 24, 8, 30, tzinfo=UTC)
    assert first.categories == ("Bencana", "Bencana Alam")
    assert first.narrative is not None and "SEBARKAN" in first.narrative
    assert first.explanation.startswith("Narasi bahwa Gunung Contoh")  # conclusion first
    assert "Badan Geologi" in first.explanation
    assert first.references == (
        "https://magma.esdm.go.id/v1/gunung-api/informasi-letusan",
        "http://archive.today/contoh1",
    )
    assert first.key == first.url
    assert scam.label is Label.PENIPUAN
    assert by_category.label is Label.SALAH  # only the WordPress category says so


def test_cekfakta_unbracketed_label_and_unlabelled_item() -> None:
    items = parse_feed(read("cekfakta.xml")).items
    assert [i.label for i in items] == [Label.HOAKS, Label.DISINFORMASI, None]
    assert items[0].claim.startswith("Minum Air Kelapa Campur Garam")
    assert items[0].references == ("https://kemkes.go.id/contoh",)
    assert items[0].published == datetime(2026, 6, 23, 2, 15, tzinfo=WIB)


def test_komdigi_atom_label_from_url_slug_and_link_counter() -> None:
    kuis, tawuran = parse_feed(read("komdigi.xml")).items
    assert kuis.label is Label.HOAKS
    assert kuis.references == (
        "https://turnbackhoax.id/articles/90010",
        "https://cekfakta.tempo.co/contoh",
    )
    assert tawuran.label is Label.DISINFORMASI  # from the /disinformasi-… slug
    assert tawuran.claim == "Pesan Berantai 20 Orang Meninggal Akibat Tawuran di Kota Contoh"


# -- loading into the tracker ----------------------------------------------------------------


def test_ingest_loads_clarified_claims_once(tracker: ClaimTracker) -> None:
    report = ingest(tracker, FEEDS / "turnbackhoax.xml")
    assert (report.items, report.added, report.existing) == (3, 3, 0)
    claims = tracker.claims()
    assert all(c.status is ClaimStatus.CLARIFIED and c.imported for c in claims)
    again = ingest(tracker, FEEDS / "turnbackhoax.xml")
    assert (again.added, again.existing) == (0, 3)
    assert len(tracker.claims()) == 3


def test_new_sighting_of_an_old_hoax_is_answered_at_once(tracker: ClaimTracker) -> None:
    ingest(tracker, FEEDS / "komdigi.xml")
    r = tracker.log(
        "SEBARKAN!! video KUIS tebak nama kota berhadiah sepeda motor",
        platform="facebook",
        seen_at=datetime(2026, 6, 25, 7, 0, tzinfo=WIB),
    )
    assert not r.is_new
    assert r.clarification is not None
    assert r.claim.label is Label.HOAKS
    assert r.clarification.url is not None and "komdigi.go.id" in r.clarification.url


def test_ingest_points_at_open_claims_a_debunk_answers(tracker: ClaimTracker) -> None:
    mine = tracker.log(
        "SEBARKAN!! Video kuis tebak nama kota berhadiah sepeda motor",
        platform="whatsapp",
        seen_at=datetime(2026, 6, 24, 7, 0, tzinfo=WIB),
    ).claim
    report = ingest(tracker, FEEDS / "komdigi.xml")
    (pair,) = report.answers
    assert pair[0] == mine.id
    debunk = tracker.get(pair[1])
    assert debunk.imported and debunk.label is Label.HOAKS
    merged = tracker.merge(debunk.id, mine.id)
    assert merged.status is ClaimStatus.CLARIFIED and len(merged.sightings) == 1


def test_refresh_index_sees_claims_written_by_another_tracker(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/shared.db"
    with ClaimTracker.open(url) as web, ClaimTracker.open(url) as cli:
        cli.log("Beras plastik beredar di pasar", platform="wa", seen_at=datetime.now(UTC))
        assert web.similar("Beras plastik beredar di pasar") == []
        web.refresh_index()
        assert web.similar("Beras plastik beredar di pasar")[0].score >= web.threshold


def test_unlabelled_items_are_skipped(tracker: ClaimTracker) -> None:
    report = ingest_bytes(tracker, read("cekfakta.xml"), source="cekfakta")
    assert (report.added, report.unlabelled) == (2, 1)


def test_conditional_get_with_etag_persists_across_reopen(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    url = feed_server.serve_file("/feed/", "turnbackhoax.xml", etag='"v1"')
    db = f"sqlite:///{tmp_path}/hoax.db"
    with ClaimTracker.open(db) as t:
        assert ingest(t, url, allow_private=True).added == 3
    with ClaimTracker.open(db) as t:
        report = ingest(t, url, allow_private=True)
    assert report.not_modified and report.added == 0
    assert feed_server.requests[-1][1].get("If-None-Match") == '"v1"'


def test_private_address_is_refused_unless_allowed(
    feed_server: FeedServer, tracker: ClaimTracker
) -> None:
    url = feed_server.serve_file("/feed/", "cekfakta.xml")
    with pytest.raises(UnsafeURLError, match=r"resolves to 127\.0\.0\.1, a private, loopback"):
        ingest(tracker, url)
    assert feed_server.requests == []  # refused before any request
    assert ingest(tracker, url, allow_private=True).added == 2


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/feed",
        "http://10.1.2.3/feed",
        "http://192.168.0.1/feed",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/feed",
        "http://[::ffff:127.0.0.1]/feed",
        "http://0.0.0.0/feed",
        "http://100.64.0.1/feed",
    ],
)
def test_check_url_refuses_internal_addresses(url: str) -> None:
    with pytest.raises(UnsafeURLError, match="refusing it"):
        check_url(url)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "scheme 'file' is not allowed"),
        ("javascript:alert(1)", "scheme 'javascript' is not allowed"),
        ("ftp://example.org/feed", "scheme 'ftp' is not allowed"),
        ("http://user:secret@example.org/feed", "must not carry credentials"),
        ("http:///feed", "has no host"),
    ],
)
def test_check_url_refuses_bad_urls_even_when_private_is_allowed(url: str, message: str) -> None:
    with pytest.raises(UnsafeURLError, match=message):
        check_url(url, allow_private=True)


def test_ingest_refuses_other_url_schemes(tracker: ClaimTracker) -> None:
    with pytest.raises(UnsafeURLError, match="scheme 'file' is not allowed"):
        ingest(tracker, "file:///etc/passwd")


def test_redirects_are_rechecked_and_capped(feed_server: FeedServer) -> None:
    feed_server.serve_file("/real", "cekfakta.xml")
    feed_server.routes["/moved"] = Route(status=301, headers={"Location": "/real"})
    feed_server.routes["/to-file"] = Route(status=302, headers={"Location": "file:///etc/passwd"})
    feed_server.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    ok = fetch(feed_server.url("/moved"), allow_private=True)
    assert ok.url.endswith("/real") and ok.content.startswith(b"<?xml")
    with pytest.raises(UnsafeURLError, match="scheme 'file' is not allowed"):
        fetch(feed_server.url("/to-file"), allow_private=True)
    with pytest.raises(UnsafeURLError, match="redirected more than 3 times"):
        fetch(feed_server.url("/loop"), allow_private=True, max_redirects=3)
    assert sum(1 for path, _ in feed_server.requests if path == "/loop") == 4


def test_http_errors_and_timeouts_are_feed_errors(feed_server: FeedServer) -> None:
    feed_server.routes["/boom"] = Route(status=500, body=b"oops")
    feed_server.routes["/slow"] = Route(body=b"<rss/>", delay=2.0)
    with pytest.raises(FeedFetchError, match="answered HTTP 500"):
        fetch(feed_server.url("/boom"), allow_private=True)
    with pytest.raises(FeedFetchError, match=r"timed out after 0\.3 s"):
        fetch(feed_server.url("/slow"), allow_private=True, timeout=0.3)


# -- hostile feeds ---------------------------------------------------------------------------


def test_twenty_megabyte_body_is_cut(feed_server: FeedServer) -> None:
    big = 20 * 1024 * 1024
    feed_server.routes["/declared"] = Route(body=b"<rss>" + b" " * big + b"</rss>")
    feed_server.routes["/streamed"] = Route(stream_bytes=big)
    with pytest.raises(FeedTooLargeError, match="announces 20971531 bytes, more than the cap"):
        fetch(feed_server.url("/declared"), allow_private=True)
    with pytest.raises(FeedTooLargeError, match="sent more than the cap of 5242880 bytes"):
        fetch(feed_server.url("/streamed"), allow_private=True)


def test_large_file_and_bytes_are_refused(tmp_path: Path, tracker: ClaimTracker) -> None:
    path = tmp_path / "big.xml"
    path.write_bytes(b"<rss>" + b" " * 2_000)
    with pytest.raises(FeedTooLargeError, match="more than the cap of 1000"):
        ingest(tracker, path, max_bytes=1_000)
    with pytest.raises(FeedTooLargeError):
        parse_feed(path.read_bytes(), max_bytes=1_000)


@pytest.mark.parametrize("name", ["billion_laughs.xml", "external_entity.xml"])
def test_entity_declarations_are_refused(name: str, tracker: ClaimTracker) -> None:
    with pytest.raises(FeedParseError, match="declares XML entities"):
        ingest(tracker, FEEDS / name)
    assert tracker.claims() == []


def test_entities_hidden_in_utf16_are_refused() -> None:
    data = read("external_entity.xml").decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    with pytest.raises(FeedParseError, match="declares XML entities"):
        parse_feed(data.encode("utf-16"))


def test_external_entity_never_reads_local_files_even_unbracketed() -> None:
    # Any DOCTYPE is refused now (issue #10), even one without an internal subset.
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "file:///etc/passwd">\n'
        b'<rss version="2.0"><channel><title>t</title><item><title>[HOAKS] Klaim</title>'
        b"<link>https://example.org/x</link></item></channel></rss>"
    )
    with pytest.raises(FeedParseError, match="declares XML entities or a DTD"):
        parse_feed(data)


def test_deeply_nested_markup_is_kept_as_plain_paragraphs() -> None:
    nested = (
        "<div>" * 5_000 + "Penjelasan: klaim itu <script>x()</script>keliru." + "</div>" * 5_000
    )
    doc = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>'
        "<title>[HOAKS] Dalam</title><link>https://example.org/a</link>"
        f"<description>{escape(nested)}</description></item></channel></rss>"
    ).encode()
    (item,) = parse_feed(doc).items
    assert item.html == "<p>Penjelasan: klaim itu keliru.</p>"
    assert item.explanation == "klaim itu keliru."


def test_malformed_xml_is_survived() -> None:
    feed = parse_feed(read("malformed.xml"))
    assert not feed.well_formed
    assert feed.items[0].label is Label.HOAKS
    assert feed.items[0].claim == "Beras Plastik Beredar di Pasar Contoh"


def test_wrong_encoding_is_survived() -> None:
    (item,) = parse_feed(read("bad_encoding.xml")).items
    assert item.label is Label.HOAKS
    assert "Caf" in item.claim and "Contoh" in item.claim


def test_not_a_feed_is_refused() -> None:
    with pytest.raises(FeedParseError, match="not an RSS or Atom feed"):
        parse_feed(b"\x00\xff\xfe garbage \x89PNG")
    with pytest.raises(FeedParseError, match="not an RSS or Atom feed"):
        parse_feed(b"<html><body>Not found</body></html>")


def test_scripts_and_javascript_links_are_removed(tracker: ClaimTracker) -> None:
    (item,) = parse_feed(read("scripts.xml")).items
    assert item.url is None  # javascript: link dropped
    assert item.key == "scripts-1"
    assert item.claim == "Vaksin Mengandung Chip Pelacak"
    for bad in ("<script", "javascript:", "onerror", "onclick", "<iframe", "data:text"):
        assert bad not in item.html.lower()
        assert bad not in item.explanation.lower()
    assert 'href="https://who.int/contoh"' in item.html
    assert item.references == ("https://who.int/contoh",)
    report = ingest_bytes(tracker, read("scripts.xml"), source="scripts")
    claim = tracker.get(report.claim_ids[0])
    assert claim.clarification is not None and claim.clarification.url is None
    assert "fetch(" not in claim.clarification.text


# -- real data: a feed generated at test time from TurnBackHoax articles ---------------------


def _feed_from_rows(rows: list[dict[str, str]]) -> bytes:
    items = []
    for i, row in enumerate(rows):
        slug = row["url"].rstrip("/").rsplit("/", 1)[-1]
        words = slug.split("-")[2:]  # drop the id and the verdict word
        claim = " ".join(words).capitalize()
        # Half the titles carry the label, half rely on the URL slug (like older posts).
        title = f"[{row['classification']}] {claim}" if i % 2 == 0 else claim
        day, month, year = row["date"].split("/")
        stamp = datetime(int(year), int(month), int(day), tzinfo=UTC)
        content = (
            f"<p><strong>[NARASI]</strong>: {escape(row['narasi'])}</p>"
            f"<p><strong>[PENJELASAN]</strong>: {escape(row['penjelasan'])}</p>"
            f"<p><strong>[KESIMPULAN]</strong>: {escape(row['kesimpulan'])}</p>"
        )
        items.append(
            f"<item><title>{escape(title)}</title><link>{escape(row['url'])}</link>"
            f"<pubDate>{stamp.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>"
            f"<category><![CDATA[{row['category']}]]></category>"
            f"<content:encoded><![CDATA[{content}]]></content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>TURNBACKHOAX</title><link>https://turnbackhoax.id</link>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def test_real_turnbackhoax_articles_load_with_their_labels(
    shared_data: Path, tracker: ClaimTracker, feed_server: FeedServer, clock: Clock
) -> None:
    path = shared_data / "turnbackhoax-2026-articles" / "turnbackhoax_articles.csv"
    if not path.exists():
        pytest.skip("turnbackhoax_articles.csv is not available")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = [
            r
            for r in csv.DictReader(fh)
            if r["classification"] and r["narasi"] and r["penjelasan"] and r["date"]
        ][:120]
    feed_server.routes["/feed/"] = Route(body=_feed_from_rows(rows))
    report = ingest(tracker, feed_server.url("/feed/"), allow_private=True)
    assert report.items == len(rows)
    assert report.added == len(rows) - report.unlabelled
    assert report.unlabelled == 0
    expected = {r["url"]: Label.parse(r["classification"]) for r in rows}
    for claim in tracker.claims():
        assert claim.clarification is not None and claim.clarification.url is not None
        assert claim.label is expected[claim.clarification.url]
    assert ingest(tracker, feed_server.url("/feed/"), allow_private=True).added == 0
    # A claim that comes back, reworded from the article's own narrative, is answered at once.
    row = rows[0]
    r = tracker.log(
        row["url"].rsplit("/", 1)[-1].split("-", 2)[2].replace("-", " ").upper() + " SEBARKAN!!",
        platform="whatsapp",
        seen_at=clock.now,
    )
    assert r.clarification is not None


def test_ingest_through_a_shared_client(feed_server: FeedServer, tracker: ClaimTracker) -> None:
    url = feed_server.serve_file("/komdigi", "komdigi.xml")
    with httpx.Client() as client:
        assert ingest(tracker, url, allow_private=True, client=client).added == 2


@given(st.binary(max_size=2_000))
def test_arbitrary_bytes_never_crash_the_parser(data: bytes) -> None:
    try:
        feed = parse_feed(data)
    except FeedError:
        return
    assert all(item.claim for item in feed.items)


@given(st.text(max_size=300), st.text(max_size=300))
def test_arbitrary_item_text_is_parsed_safely(title: str, body: str) -> None:
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>'
        f"<item><title>{escape(title)}</title><link>https://example.org/a</link>"
        f"<description>{escape(body)}</description></item></channel></rss>"
    ).encode("utf-8", "surrogatepass")
    try:
        feed = parse_feed(doc)
    except FeedError:
        return
    for item in feed.items:
        assert "<script" not in item.html.lower()
        assert item.url == "https://example.org/a"


# -- DNS rebinding: the address is vetted again when the connection is made ------------------

PUBLIC_IP = "93.184.216.34"  # only ever returned by the fake resolver; never connected to
REBOUND_HOST = "feeds.example"


class RebindingResolver:
    """Stands in for ``socket.getaddrinfo``: successive answers for one host name.

    Every other name (IP literals included) goes to the real resolver.
    """

    def __init__(self, answers: list[list[str]]) -> None:
        self.answers = answers
        self.lookups = 0
        self.real = socket.getaddrinfo

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        if host != REBOUND_HOST:
            return self.real(host, port, *args, **kwargs)
        answer = self.answers[min(self.lookups, len(self.answers) - 1)]
        self.lookups += 1
        if not answer:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        infos: list[Any] = []
        for ip in answer:
            if ":" in ip:
                infos.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (ip, int(port), 0, 0)))
            else:
                infos.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, int(port))))
        return infos


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every outgoing TCP connect; fail the test on any non-loopback destination."""
    made: list[str] = []
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = str(address[0]).split("%", 1)[0]
            if not ipaddress.ip_address(host).is_loopback:
                raise AssertionError(f"test tried to connect out to {host}")
            made.append(host)
        real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return made


@pytest.fixture
def rebinding(monkeypatch: pytest.MonkeyPatch) -> Iterator[RebindingResolver]:
    resolver = RebindingResolver([[PUBLIC_IP]])
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    yield resolver


def rebound_url(feed_server: FeedServer, path: str) -> str:
    port = httpx.URL(feed_server.base_url).port
    return f"http://{REBOUND_HOST}:{port}{path}"


@pytest.mark.parametrize(
    "second_answer",
    [
        ["127.0.0.1"],
        ["::1"],
        ["10.0.0.5"],
        ["169.254.169.254"],
        ["192.168.1.1"],
        ["::ffff:127.0.0.1"],
        [PUBLIC_IP, "127.0.0.1"],  # one bad address among good ones is enough
    ],
    ids="+".join,
)
def test_dns_rebinding_is_refused_at_connect_time(
    feed_server: FeedServer,
    rebinding: RebindingResolver,
    connections: list[str],
    second_answer: list[str],
) -> None:
    url = feed_server.serve_file("/feed/", "cekfakta.xml")
    rebinding.answers = [[PUBLIC_IP], second_answer]  # check_url sees a public address
    refused = str(ipaddress.ip_address(second_answer[-1]))
    with pytest.raises(UnsafeURLError, match=rf"resolved at connect time to {refused}, a priv"):
        fetch(rebound_url(feed_server, "/feed/"))
    assert rebinding.lookups == 2  # the check, then once at connect time
    assert connections == []  # refused before any socket was connected
    assert feed_server.requests == []
    assert fetch(url, allow_private=True).content.startswith(b"<?xml")  # server was up


def test_guarded_fetch_resolves_once_and_connects_to_the_ip(
    feed_server: FeedServer, rebinding: RebindingResolver, connections: list[str]
) -> None:
    feed_server.serve_file("/feed/", "komdigi.xml")
    rebinding.answers = [["127.0.0.1"], [PUBLIC_IP]]  # a second lookup would go public
    result = fetch(rebound_url(feed_server, "/feed/"), allow_private=True)
    assert result.content.startswith(b"<?xml")
    assert rebinding.lookups == 1  # allow_private skips check_url's lookup; connect resolves once
    assert connections == ["127.0.0.1"]
    ((path, headers),) = feed_server.requests
    assert path == "/feed/"
    assert headers["Host"] == f"{REBOUND_HOST}:{httpx.URL(feed_server.base_url).port}"


def test_host_that_stops_resolving_at_connect_time_is_a_fetch_error(
    feed_server: FeedServer, rebinding: RebindingResolver, connections: list[str]
) -> None:
    rebinding.answers = [[PUBLIC_IP], []]
    with pytest.raises(FeedFetchError, match=r"ConnectError: cannot resolve host 'feeds\.example'"):
        fetch(rebound_url(feed_server, "/feed/"))
    assert connections == [] and feed_server.requests == []


def test_callers_own_client_is_not_guarded_at_connect_time(
    feed_server: FeedServer, rebinding: RebindingResolver, connections: list[str]
) -> None:
    # Documented: only check_url guards a caller's client. This also shows the simulated
    # rebinding is real: without the guard, the second answer steers the request.
    feed_server.serve_file("/feed/", "cekfakta.xml")
    rebinding.answers = [[PUBLIC_IP], ["127.0.0.1"]]
    with httpx.Client(trust_env=False) as client:
        result = fetch(rebound_url(feed_server, "/feed/"), client=client)
    assert result.content.startswith(b"<?xml")
    assert [path for path, _ in feed_server.requests] == ["/feed/"]
    assert connections == ["127.0.0.1"]


class StopAtHandshakeError(Exception):
    """Raised by the recording stream to stop before any I/O."""


class RecordingStream(httpcore.NetworkStream):
    def __init__(self) -> None:
        self.tls: list[tuple[ssl.SSLContext, str | None]] = []

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        self.tls.append((ssl_context, server_hostname))
        raise StopAtHandshakeError

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        return

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return b""  # the "server" hangs up without an answer

    def close(self) -> None:
        return


class RecordingBackend(httpcore.NetworkBackend):
    """Records what the guard hands on; never touches the network."""

    def __init__(self, unreachable: Iterable[str] = ()) -> None:
        self.connects: list[tuple[str, int]] = []
        self.unreachable = set(unreachable)
        self.stream = RecordingStream()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        self.connects.append((host, port))
        if host in self.unreachable:
            raise httpcore.ConnectError(f"{host} is unreachable")
        return self.stream


def test_https_connects_to_the_vetted_ip_but_verifies_the_host_name(
    rebinding: RebindingResolver, connections: list[str]
) -> None:
    rebinding.answers = [[PUBLIC_IP]]
    inner = RecordingBackend()
    transport = _guarded_transport(allow_private=False, inner=inner)
    # The guard lives in httpx's private HTTPTransport._pool: fail here if httpx changes.
    assert isinstance(transport._pool, httpcore.ConnectionPool)
    with httpx.Client(transport=transport) as client, pytest.raises(StopAtHandshakeError):
        client.get(f"https://{REBOUND_HOST}/feed/")
    assert inner.connects == [(PUBLIC_IP, 443)]  # the IP, not the name: no second lookup
    assert rebinding.lookups == 1
    ((context, server_hostname),) = inner.stream.tls
    assert server_hostname == REBOUND_HOST  # SNI and certificate check use the URL's host
    assert context.check_hostname and context.verify_mode is ssl.CERT_REQUIRED
    assert connections == []


def test_guard_refuses_before_handing_on_and_tries_addresses_in_order(
    rebinding: RebindingResolver, connections: list[str]
) -> None:
    rebinding.answers = [["10.0.0.5"], ["2001:db8::1", PUBLIC_IP], ["10.0.0.5", "10.0.0.6"]]
    inner = RecordingBackend(unreachable={"10.0.0.5"})
    with httpx.Client(transport=_guarded_transport(allow_private=False, inner=inner)) as client:
        with pytest.raises(UnsafeURLError, match=r"connect time to 10\.0\.0\.5"):
            client.get(f"http://{REBOUND_HOST}/")
        with pytest.raises(UnsafeURLError, match=r"connect time to 2001:db8::1"):
            client.get(f"http://{REBOUND_HOST}/")  # documentation range: reserved
    assert inner.connects == []  # nothing handed on for a refused answer
    with httpx.Client(transport=_guarded_transport(allow_private=True, inner=inner)) as client:
        with pytest.raises(httpx.RemoteProtocolError, match="disconnected"):
            client.get(f"http://{REBOUND_HOST}:8080/")
    # The first address does not answer, the second is used; each is an IP, in order.
    assert inner.connects == [("10.0.0.5", 8080), ("10.0.0.6", 8080)]
    inner.unreachable.add("10.0.0.6")
    with httpx.Client(transport=_guarded_transport(allow_private=True, inner=inner)) as client:
        with pytest.raises(httpx.ConnectError, match=r"10\.0\.0\.6 is unreachable"):
            client.get(f"http://{REBOUND_HOST}:8080/")
    assert connections == []


def test_text_that_looks_like_a_url_or_file_name_parses_without_warnings() -> None:
    # bs4 warns when markup looks like a locator; for feed text that is ordinary input, and
    # the suite turns warnings into errors.
    from hoax_clinic.feeds import extract_article

    for text in ("http://example.com/hoaks", "berkas.pdf", "https://bit.ly/x"):
        assert text in extract_article(text).text
