"""Load fact-checkers' debunks into the tracker as clarified claims.

A new sighting of an old hoax is then answered at once with the fact-checker's clarification.
Ingestion is idempotent (each article is keyed by its URL or GUID) and uses conditional GET
with the ETag/Last-Modified remembered per feed URL in the tracker's store.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx

from .._deadline import ensure_aware, utc_now
from .._exceptions import FeedFetchError, FeedTooLargeError
from ..store import FeedState
from ..tracker import ClaimTracker
from ._fetch import DEFAULT_MAX_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT, fetch
from ._parse import FeedItem, parse_feed

__all__ = ["DEFAULT_FEEDS", "FeedSource", "IngestReport", "ingest", "ingest_bytes"]


@dataclass(frozen=True, slots=True)
class FeedSource:
    """A fact-check feed to ingest."""

    name: str
    """Display name of the fact-checker."""
    url: str
    """RSS/Atom URL."""


#: Sensible starting points, **not verified** against the live sites (feed URLs move):
#: check them, and configure your own list for production.
DEFAULT_FEEDS: tuple[FeedSource, ...] = (
    FeedSource("TurnBackHoax (MAFINDO)", "https://turnbackhoax.id/feed/"),
    FeedSource("CekFakta.com", "https://cekfakta.com/feed"),
    FeedSource("Komdigi – Berita Hoaks", "https://www.komdigi.go.id/berita/berita-hoaks/rss"),
)


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingestion run did."""

    source: str
    """Feed URL or file name."""
    not_modified: bool
    """The server answered 304 (nothing new since the last run)."""
    items: int
    """Items read from the feed."""
    added: int
    """New clarified claims created."""
    existing: int
    """Items already loaded before (skipped)."""
    unlabelled: int
    """Items without a recognisable label (skipped)."""
    claim_ids: tuple[str, ...] = ()
    """Ids of the claims created."""
    answers: tuple[tuple[str, str], ...] = ()
    """``(open claim id, new debunk claim id)``: open claims handled here that a newly loaded
    debunk probably answers (match score at least the tracker's threshold) — check and clarify
    (or merge) them."""


def _load(
    tracker: ClaimTracker, items: tuple[FeedItem, ...], source: str, now: datetime
) -> IngestReport:
    added: list[str] = []
    answers: list[tuple[str, str]] = []
    existing = unlabelled = 0
    for item in items:
        if item.label is None:
            unlabelled += 1
            continue
        explanation = item.explanation or item.narrative or item.title
        claim, created = tracker.import_clarified(
            key=item.key,
            text=item.claim,
            label=item.label,
            clarification=explanation,
            published_at=item.published or now,
            url=item.url,
            evidence=item.references,
            sources=(source,),
            topic=item.categories[0] if item.categories else None,
        )
        if created:
            added.append(claim.id)
            for match in tracker.similar(item.claim, limit=5):
                other = match.claim
                if other.status.is_open and not other.imported and match.score >= tracker.threshold:
                    answers.append((other.id, claim.id))
        else:
            existing += 1
    return IngestReport(
        source=source,
        not_modified=False,
        items=len(items),
        added=len(added),
        existing=existing,
        unlabelled=unlabelled,
        claim_ids=tuple(added),
        answers=tuple(answers),
    )


def ingest_bytes(
    tracker: ClaimTracker,
    data: bytes,
    *,
    source: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    content_type: str | None = None,
    now: datetime | None = None,
) -> IngestReport:
    """Parse a feed document and load its labelled items as clarified claims.

    Args:
        tracker: The tracker to load into.
        data: The feed bytes.
        source: Where they came from (recorded in each claim's ``sources``).
        max_bytes: Largest body accepted.
        content_type: Content-Type header, when known.
        now: Publication time for items without a date (default now).

    Returns:
        The report.
    """
    when = ensure_aware(now, "now") if now is not None else utc_now()
    feed = parse_feed(data, max_bytes=max_bytes, content_type=content_type)
    return _load(tracker, feed.items, source, when)


def _read_file(path: Path, max_bytes: int) -> bytes:
    """Read a local feed file: a regular file only (not ``/dev/zero``, a FIFO or a socket),
    and never more than ``max_bytes`` + 1 bytes whatever its size claims."""
    # O_NONBLOCK: opening a FIFO must not wait for a writer before we can refuse it.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FeedFetchError(
                f"{path} is not a regular file (a device, pipe or socket); give a feed URL or "
                "the path of a saved feed file"
            )
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FeedTooLargeError(f"{path} has more than the cap of {max_bytes} bytes")
    return data


def ingest(
    tracker: ClaimTracker,
    source: str | Path | FeedSource,
    *,
    allow_private: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    client: httpx.Client | None = None,
    now: datetime | None = None,
) -> IngestReport:
    """Fetch (or read) a feed and load its debunks into ``tracker``.

    URLs are fetched with a conditional GET; the ETag/Last-Modified are remembered in the
    tracker's store only after the items are loaded, so a failed run is retried in full.

    Args:
        tracker: The tracker to load into.
        source: A feed URL, a :class:`FeedSource`, or a local file path.
        allow_private: Accept private/loopback/link-local addresses (tests, intranets).
        max_bytes: Largest body accepted.
        timeout: Seconds per request and for the whole download.
        max_redirects: Redirects followed at most.
        client: httpx client to reuse.
        now: Publication time for items without a date (default now).

    Returns:
        The report.

    Raises:
        FeedError: Unsafe URL, too large, network/HTTP error, or unparseable feed.
        OSError: A local file cannot be read.

    Example:
        >>> ingest(tracker, "https://turnbackhoax.id/feed/")  # doctest: +SKIP
    """
    url = source.url if isinstance(source, FeedSource) else source
    if isinstance(url, Path) or "://" not in url:  # a local file; other schemes: fetch refuses
        path = Path(url)
        return ingest_bytes(
            tracker, _read_file(path, max_bytes), source=str(path), max_bytes=max_bytes, now=now
        )
    state = tracker.feed_state(url)
    result = fetch(
        url,
        etag=state.etag,
        last_modified=state.last_modified,
        allow_private=allow_private,
        max_bytes=max_bytes,
        timeout=timeout,
        max_redirects=max_redirects,
        client=client,
    )
    if result.not_modified:
        return IngestReport(url, True, 0, 0, 0, 0)
    report = ingest_bytes(
        tracker,
        result.content,
        source=url,
        max_bytes=max_bytes,
        content_type=result.content_type,
        now=now,
    )
    if result.etag or result.last_modified:
        tracker.remember_feed_state(url, FeedState(result.etag, result.last_modified))
    return report
