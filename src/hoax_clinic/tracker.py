"""The claim tracker: log sightings, match them to claims, clarify within the deadline.

```python
from datetime import datetime
from zoneinfo import ZoneInfo
from hoax_clinic import ClaimTracker, Label, Platform

tracker = ClaimTracker()                       # in memory; ClaimTracker.open(url) for a database
wib = ZoneInfo("Asia/Jakarta")
r = tracker.log("SEBARKAN! Air PDAM tercemar", platform=Platform.WHATSAPP,
                seen_at=datetime(2026, 6, 17, 8, 0, tzinfo=wib))
tracker.set_verdict(r.claim.id, Label.HOAKS)
tracker.clarify(r.claim.id, text="PDAM: air aman diminum.", sources=["PDAM Kota"])
```
"""

from __future__ import annotations

import csv
import io
import os
import secrets
import statistics
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from types import TracebackType
from typing import Self

from sqlalchemy.engine import Connection, Engine

from lapor_sdk.models import Reporter
from lapor_sdk.sla import Duration, SlaState, WorkingCalendar
from lapor_sdk.storage import create_engine, default_database_url

from ._deadline import DEFAULT_TARGET, Target, due_at, ensure_aware, sla_state, to_duration, utc_now
from ._exceptions import (
    ClaimNotFoundError,
    FutureTimeError,
    InvalidClaimInputError,
    InvalidClaimTransitionError,
)
from .matching import DEFAULT_THRESHOLD, ClaimIndex
from .models import (
    Claim,
    ClaimStatus,
    Clarification,
    Label,
    Platform,
    Priority,
    Sighting,
    Verdict,
)
from .store import FeedState, HoaxStore

__all__ = [
    "AT_RISK_RATIO",
    "DEFAULT_TARGETS",
    "MAX_CLOCK_SKEW",
    "ClaimTracker",
    "ClinicStats",
    "LogResult",
    "Match",
]

#: Clarification targets per priority: 1x24 hours by default, 3 hours when urgent
#: (Jabar Saber Hoaks' aim). Override with ``ClaimTracker(targets=...)``.
DEFAULT_TARGETS: Mapping[Priority, Duration] = {
    Priority.URGENT: Duration.hours(3),
    Priority.HIGH: DEFAULT_TARGET,
    Priority.NORMAL: DEFAULT_TARGET,
    Priority.LOW: DEFAULT_TARGET,
}

#: Share of the target consumed from which an open claim counts as at risk.
AT_RISK_RATIO = 0.75

_HOUR = timedelta(hours=1)

#: How far in the future a sighting time may lie (phones' clocks drift); later is refused.
MAX_CLOCK_SKEW = timedelta(minutes=5)

_MAX_TEXT = 20_000
_OPEN = (ClaimStatus.RECEIVED, ClaimStatus.VERIFYING)


@dataclass(frozen=True, slots=True)
class Match:
    """A claim similar to a text."""

    claim: Claim
    """The matching claim."""
    score: float
    """Similarity in [0, 1]; 1 is the same claim."""
    reasons: tuple[str, ...] = ()
    """Why, when asked for (``similar(..., explain=True)``): the guard conflicts
    (``conflict:number``) and the signals that weighed most (``rare_cover=0.92+``)."""
    attach: bool = False
    """Whether :meth:`ClaimTracker.log` would attach the text to this claim's score."""


@dataclass(frozen=True, slots=True)
class LogResult:
    """What :meth:`ClaimTracker.log` did with a sighting."""

    claim: Claim
    """The claim the sighting now belongs to (new or existing)."""
    is_new: bool
    """Whether a new claim was created."""
    score: float | None
    """Match score against the existing claim; ``None`` when a new claim was created."""
    sighting: Sighting
    """The stored sighting."""

    @property
    def clarification(self) -> Clarification | None:
        """The clarification to answer with at once, when the claim was already clarified."""
        if self.claim.status is ClaimStatus.CLARIFIED:
            return self.claim.clarification
        return None


@dataclass(frozen=True, slots=True)
class ClinicStats:
    """Figures of the clinic's work (imported fact-checks are counted apart)."""

    claims: int
    """Claims handled here (not imported from feeds)."""
    imported: int
    """Claims loaded from fact-checkers' feeds."""
    by_status: Mapping[ClaimStatus, int]
    """Handled claims per status."""
    open: int
    """Claims still waiting for a clarification."""
    overdue: int
    """Open claims past their deadline."""
    median_time_to_clarify: timedelta | None
    """Median of clarification time − first sighting over clarified claims (None if none)."""
    clarified_on_time_share: float | None
    """Share of clarified claims clarified by their deadline (None if none clarified)."""
    sightings: int
    """All sightings recorded."""
    sightings_by_platform: Mapping[Platform, int]
    """Sightings per platform."""
    sightings_by_claim: Mapping[str, int]
    """Sightings per claim id."""
    sightings_by_day: Mapping[str, Mapping[date, int]] = field(default_factory=dict)
    """Per claim id, sightings per local calendar day (in the zone given to ``stats``)."""
    since: datetime | None = None
    """Start of the period the figures cover (claims first seen and sightings from it on)."""
    until: datetime | None = None
    """End of the period (exclusive); ``None`` means up to now."""

    def rows(self) -> list[tuple[str, str]]:
        """Return the figures as (name, value) pairs, the rows of :meth:`to_csv`.

        Durations are in hours, shares as fractions, times in ISO 8601; a figure that does not
        exist (no claim clarified) is empty.
        """
        median = self.median_time_to_clarify
        share = self.clarified_on_time_share
        out = [
            ("since", self.since.isoformat() if self.since else ""),
            ("until", self.until.isoformat() if self.until else ""),
            ("claims", str(self.claims)),
            ("open", str(self.open)),
            ("overdue", str(self.overdue)),
            *((f"status_{s.value}", str(n)) for s, n in self.by_status.items()),
            ("median_hours_to_clarify", "" if median is None else f"{median / _HOUR:.4g}"),
            ("clarified_on_time_share", "" if share is None else f"{share:.4g}"),
            ("imported", str(self.imported)),
            ("sightings", str(self.sightings)),
            *((f"sightings_{p.value}", str(n)) for p, n in self.sightings_by_platform.items()),
        ]
        return out

    def to_csv(self) -> str:
        """Return :meth:`rows` as CSV text with a ``figure,value`` header."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(("figure", "value"))
        writer.writerows(self.rows())
        return buffer.getvalue()


def _new_id(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4).upper()}"


def _clean_text(text: str, name: str = "text") -> str:
    cleaned = text.strip()
    if not cleaned:
        raise InvalidClaimInputError(f"{name} is empty; give the claim's text as seen")
    if len(cleaned) > _MAX_TEXT:
        raise InvalidClaimInputError(
            f"{name} has {len(cleaned)} characters, more than {_MAX_TEXT}; shorten it"
        )
    return cleaned


def _priority(value: Priority | str) -> Priority:
    try:
        return Priority(value)
    except ValueError:
        allowed = ", ".join(p.value for p in Priority)
        raise InvalidClaimInputError(
            f"unknown priority {str(value)[:40]!r}; use one of: {allowed}"
        ) from None


class ClaimTracker:
    """Track circulating claims, their sightings, verdicts, clarifications and deadlines.

    ``ClaimTracker()`` keeps everything in an in-memory SQLite database (tests, scripts);
    :meth:`open` uses a database URL. The matching index is rebuilt from the store when the
    tracker is created.

    Args:
        engine: SQLAlchemy engine; default an in-memory SQLite database.
        targets: Clarification targets per priority (``timedelta`` = clock time, or a
            ``lapor_sdk.sla.Duration``), merged over :data:`DEFAULT_TARGETS`.
        calendar: Working calendar for working-time targets (default WIB).
        threshold: Match score from which a sighting joins an existing claim.
        at_risk_ratio: Share of the target consumed from which an open claim is at risk.
        clock: Returns "now" (aware); injectable for tests.

    Example:
        >>> from datetime import datetime, UTC
        >>> t = ClaimTracker()
        >>> t.log("Vaksin berisi chip", platform="wa", seen_at=datetime.now(UTC)).is_new
        True
    """

    def __init__(
        self,
        *,
        engine: Engine | None = None,
        targets: Mapping[Priority, Target] | None = None,
        calendar: WorkingCalendar | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        at_risk_ratio: float = AT_RISK_RATIO,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        """Open the store and rebuild the matching index."""
        if not 0.0 < threshold <= 1.0:
            raise InvalidClaimInputError(f"threshold must be in (0, 1], got {threshold}")
        if not 0.0 < at_risk_ratio < 1.0:
            raise InvalidClaimInputError(f"at_risk_ratio must be in (0, 1), got {at_risk_ratio}")
        self.targets: dict[Priority, Duration] = dict(DEFAULT_TARGETS)
        for prio, target in (targets or {}).items():
            try:
                self.targets[Priority(prio)] = to_duration(target)
            except ValueError as exc:
                raise InvalidClaimInputError(f"target for {prio}: {exc}") from None
        self.calendar = calendar
        self.threshold = threshold
        self.at_risk_ratio = at_risk_ratio
        self._clock = clock
        self._engine = engine if engine is not None else create_engine("sqlite://")
        self._owns_engine = engine is None
        self.store = HoaxStore(self._engine)
        self._lock = threading.RLock()
        self._index = ClaimIndex()
        self.refresh_index()

    @classmethod
    def open(
        cls,
        url: str | None = None,
        *,
        targets: Mapping[Priority, Target] | None = None,
        calendar: WorkingCalendar | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        at_risk_ratio: float = AT_RISK_RATIO,
        clock: Callable[[], datetime] = utc_now,
    ) -> ClaimTracker:
        """Open a tracker on a database.

        Args:
            url: Database URL (``sqlite:///path.db``, ``postgresql://…``). Default:
                ``HOAX_DATABASE_URL``, then ``LAPOR_DATABASE_URL``, then ``~/.lapor/hoax.db``.
            targets: See :class:`ClaimTracker`.
            calendar: See :class:`ClaimTracker`.
            threshold: See :class:`ClaimTracker`.
            at_risk_ratio: See :class:`ClaimTracker`.
            clock: See :class:`ClaimTracker`.

        Returns:
            The tracker; close it with :meth:`close` or use it as a context manager.

        Example:
            >>> with ClaimTracker.open("sqlite:///hoax.db") as tracker:  # doctest: +SKIP
            ...     tracker.stats()
        """
        url = url or os.environ.get("HOAX_DATABASE_URL") or default_database_url("hoax.db")
        engine = create_engine(url)
        try:
            tracker = cls(
                engine=engine,
                targets=targets,
                calendar=calendar,
                threshold=threshold,
                at_risk_ratio=at_risk_ratio,
                clock=clock,
            )
        except BaseException:
            engine.dispose()
            raise
        tracker._owns_engine = True
        return tracker

    def refresh_index(self) -> None:
        """Rebuild the matching index from the store.

        The index lives in this process. It is built when the tracker opens and kept up to date
        by this tracker's own changes; a long-running process that shares the database with
        other writers (the CLI, another worker) should call this now and then to see their
        claims.
        """
        with self._engine.connect() as conn:
            # from_pairs: the bulk build (no cyclic garbage collection while it runs).
            index = ClaimIndex.from_pairs(self.store.index_texts(conn))
        with self._lock:
            self._index = index

    def close(self) -> None:
        """Release the database connections."""
        if self._owns_engine:
            self._engine.dispose()

    def __enter__(self) -> Self:
        """Return the tracker."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the tracker."""
        self.close()

    # -- reading ------------------------------------------------------------------------------

    def _now(self, now: datetime | None = None) -> datetime:
        return ensure_aware(now, "now") if now is not None else self._clock()

    def _load(self, conn: Connection, claim_id: str, *, lock: bool = False) -> Claim:
        key = claim_id.strip().upper()
        claim = self.store.load_claim(conn, self.store.resolve_id(conn, key), for_update=lock)
        if claim is None:
            raise ClaimNotFoundError(
                f"no claim {claim_id!r} in this tracker; list claims with `hoax list`"
            )
        return claim

    def get(self, claim_id: str) -> Claim:
        """Return a claim by id (ids of claims merged away lead to the surviving claim).

        Raises:
            ClaimNotFoundError: No such claim.
        """
        with self._engine.connect() as conn:
            return self._load(conn, claim_id)

    def claims(self, *, status: ClaimStatus | Iterable[ClaimStatus] | None = None) -> list[Claim]:
        """Return claims, earliest first seen first, optionally filtered by status."""
        statuses = [status] if isinstance(status, ClaimStatus) else status
        with self._engine.connect() as conn:
            return self.store.load_claims(conn, statuses=statuses)

    def similar(self, text: str, limit: int = 5, *, explain: bool = False) -> list[Match]:
        """Return the claims most similar to ``text``, best first.

        Claims the text would be attached to come first; the index returns ``limit``
        candidates whenever it holds that many claims sharing an informative word.

        Args:
            text: Any text (a forwarded message, a caption).
            limit: At most this many matches.
            explain: Fill :attr:`Match.reasons` with the signals behind each score.
        """
        if limit < 1:
            raise InvalidClaimInputError(f"limit must be at least 1, got {limit}")
        cleaned = _clean_text(text)
        with self._lock:
            index = self._index
        hits = index.search(cleaned, limit=limit)
        out: list[Match] = []
        with self._engine.connect() as conn:
            for claim_id, score in hits:
                claim = self.store.load_claim(conn, claim_id)
                if claim is None:
                    continue
                reasons: tuple[str, ...] = ()
                if explain and claim_id in index:
                    reasons = tuple(index.explain(cleaned, claim_id).reasons())
                value = max(0.0, min(1.0, float(score)))
                out.append(
                    Match(claim=claim, score=value, reasons=reasons, attach=value >= self.threshold)
                )
        return out

    def labelled_pairs(self, *, negatives: int = 1) -> list[tuple[str, str, bool]]:
        """Pairs for re-fitting the attach model on this clinic's own confirmed decisions.

        Positives: each sighting of a claim that has a verdict (a person checked it, and
        merged or kept its sightings) with the claim's text, when the texts differ.
        Negatives: each such claim's text with its ``negatives`` most similar other checked
        claims, which staff kept apart. Feed them to
        :func:`hoax_clinic.matching.fit_attach_model` (``hoax refit-matcher`` does).

        Returns:
            ``(text_a, text_b, same_claim)`` triples.
        """
        checked = [
            c
            for c in self.claims()
            if c.label is not None and c.status is not ClaimStatus.DISMISSED
        ]
        texts = {c.id: c.text for c in checked}
        pairs: list[tuple[str, str, bool]] = []
        for claim in checked:
            for sighting in claim.sightings:
                if sighting.text.strip() != claim.text.strip():
                    pairs.append((sighting.text, claim.text, True))
        index = ClaimIndex.from_pairs(texts.items())
        for claim in checked:
            others = [
                m for m in index.search(claim.text, limit=negatives + 1) if m.claim_id != claim.id
            ]
            for match in others[:negatives]:
                pairs.append((claim.text, texts[match.claim_id], False))
        return pairs

    # -- logging ------------------------------------------------------------------------------

    def _check_start(self, value: datetime, name: str, priority: Priority | None = None) -> None:
        """Refuse a naive time, one that cannot be stored, or one without a deadline."""
        ensure_aware(value, name)
        try:
            value.astimezone(UTC)
            if priority is not None:
                due_at(value, self.target_for(priority), calendar=self.calendar)
        except (OverflowError, ValueError) as exc:
            raise InvalidClaimInputError(
                f"{name} {value.isoformat()} is out of range: {exc}; check the date"
            ) from None

    def _check_not_future(self, value: datetime) -> None:
        """Refuse a sighting time later than now plus :data:`MAX_CLOCK_SKEW`."""
        now = self._clock()
        if value.astimezone(UTC) > now.astimezone(UTC) + MAX_CLOCK_SKEW:
            ahead = value.astimezone(UTC) - now.astimezone(UTC)
            span = f"{ahead.days} days" if ahead.days else f"{ahead.seconds // 60} minutes"
            raise FutureTimeError(
                f"the sighting time {value.isoformat()} is {span} in the future (now "
                f"{now.astimezone(value.tzinfo).isoformat(timespec='minutes')}); at most "
                f"{MAX_CLOCK_SKEW.seconds // 60} minutes ahead is accepted for clock skew, "
                "check the date and the time zone"
            )

    def log(
        self,
        text: str,
        *,
        platform: Platform | str,
        seen_at: datetime,
        url: str | None = None,
        reach: int | None = None,
        reporter: Reporter | None = None,
        topic: str | None = None,
        region: str | None = None,
        priority: Priority | str = Priority.NORMAL,
    ) -> LogResult:
        """Record a sighting; attach it to the matching claim or open a new claim.

        Args:
            text: The text as seen.
            platform: Where it was seen (``Platform`` or alias such as ``"wa"``).
            seen_at: When it was seen (aware).
            url: Link to the post.
            reach: Audience estimate.
            reporter: Citizen who sent it in (kept redacted).
            topic: Topic of a new claim.
            region: Region of a new claim.
            priority: Priority of a new claim.

        Returns:
            What happened; ``.clarification`` is set when the claim was already clarified.

        Raises:
            ValueError: Naive ``seen_at``, empty text, bad URL or platform.
        """
        ensure_aware(seen_at, "seen_at")
        cleaned = _clean_text(text)
        plat = Platform.parse(platform)
        prio = _priority(priority)
        self._check_start(seen_at, "seen_at", prio)
        self._check_not_future(seen_at)
        with self._lock:
            # The index puts the claims its model would attach to first; with a threshold of
            # the tracker's own, take the best score among the first few instead.
            found = self._index.search(cleaned, limit=5)
            best = sorted(found, key=lambda m: -m.score)[:1]

            def sighting_of(claim_id: str) -> Sighting:
                return Sighting(
                    id=_new_id("SG"),
                    claim_id=claim_id,
                    text=cleaned,
                    platform=plat,
                    seen_at=seen_at,
                    url=url,
                    reach=reach,
                    reporter=reporter,
                )

            with self._engine.begin() as conn:
                if best and best[0][1] >= self.threshold:
                    claim = self._load(conn, best[0][0], lock=True)
                    sighting = sighting_of(claim.id)
                    self.store.insert_sighting(conn, sighting)
                    if seen_at < claim.first_seen:
                        self.store.update_claim(
                            conn, claim.model_copy(update={"first_seen": seen_at})
                        )
                    claim = self._load(conn, claim.id)
                    return LogResult(claim, False, min(1.0, float(best[0][1])), sighting)
                claim_id = _new_id("HX")
                sighting = sighting_of(claim_id)
                claim = Claim(
                    id=claim_id,
                    text=cleaned,
                    topic=topic,
                    region=region,
                    first_seen=seen_at,
                    priority=prio,
                    sightings=(sighting,),
                )
                self.store.insert_claim(conn, claim)
            self._index.add(claim_id, cleaned)
            return LogResult(claim, True, None, sighting)

    # -- workflow -----------------------------------------------------------------------------

    def _change(
        self,
        claim_id: str,
        action: str,
        allowed_from: Sequence[ClaimStatus],
        update: Callable[[Claim], dict[str, object]],
    ) -> Claim:
        with self._lock, self._engine.begin() as conn:
            claim = self._load(conn, claim_id, lock=True)
            if claim.status not in allowed_from:
                allowed = " or ".join(s.name for s in allowed_from)
                raise InvalidClaimTransitionError(
                    f"cannot {action} claim {claim.id}: it is {claim.status.name}, and only "
                    f"a {allowed} claim allows that"
                )
            changed = Claim.model_validate({**claim.model_dump(), **update(claim)})
            self.store.update_claim(conn, changed)
            return changed

    def start_verification(self, claim_id: str, *, assignee: str | None = None) -> Claim:
        """Move a claim from RECEIVED to VERIFYING, optionally assigning it."""
        return self._change(
            claim_id,
            "start verifying",
            (ClaimStatus.RECEIVED,),
            lambda c: {"status": ClaimStatus.VERIFYING, "assignee": assignee or c.assignee},
        )

    def assign(self, claim_id: str, assignee: str | None) -> Claim:
        """Set (or clear with ``None``) who handles an open claim."""
        return self._change(claim_id, "assign", _OPEN, lambda c: {"assignee": assignee})

    def set_priority(self, claim_id: str, priority: Priority | str) -> Claim:
        """Change an open claim's priority (and so its deadline target)."""
        prio = _priority(priority)
        return self._change(claim_id, "reprioritise", _OPEN, lambda c: {"priority": prio})

    def set_verdict(
        self,
        claim_id: str,
        label: Label | str,
        *,
        summary: str | None = None,
        by: str | None = None,
        at: datetime | None = None,
    ) -> Claim:
        """Set the verdict of an open claim; a RECEIVED claim moves to VERIFYING.

        Args:
            claim_id: The claim.
            label: The label (``Label`` or text such as ``"hoaks"``).
            summary: Short reason.
            by: Who decided.
            at: When (default now).

        Raises:
            InvalidClaimTransitionError: The claim is CLARIFIED or DISMISSED.
        """
        lab = label if isinstance(label, Label) else Label.parse(label)
        when = self._now(at)
        verdict = Verdict(label=lab, summary=summary, decided_at=when, by=by)
        return self._change(
            claim_id,
            "set the verdict of",
            _OPEN,
            lambda c: {"verdict": verdict, "status": ClaimStatus.VERIFYING},
        )

    def clarify(
        self,
        claim_id: str,
        *,
        text: str,
        sources: Iterable[str] = (),
        evidence: Iterable[str] = (),
        url: str | None = None,
        label: Label | str | None = None,
        at: datetime | None = None,
    ) -> Claim:
        """Publish the clarification of an open claim; it becomes CLARIFIED.

        A verdict must exist, or be given here as ``label``.

        Raises:
            InvalidClaimTransitionError: The claim is not open, or has no verdict and no label.
        """
        when = self._now(at)
        body = _clean_text(text, "clarification text")
        clar = Clarification(
            text=body,
            sources=tuple(sources),
            evidence=tuple(evidence),
            url=url,
            published_at=when,
        )
        lab = None if label is None else (label if isinstance(label, Label) else Label.parse(label))

        def update(c: Claim) -> dict[str, object]:
            verdict = c.verdict
            if lab is not None and (verdict is None or verdict.label is not lab):
                verdict = Verdict(label=lab, decided_at=when)
            if verdict is None:
                raise InvalidClaimTransitionError(
                    f"cannot clarify claim {c.id}: it has no verdict yet; set it first "
                    f"(hoax verdict {c.id} LABEL) or give the label with the clarification "
                    "(hoax clarify --label)"
                )
            if when < c.first_seen:
                raise InvalidClaimInputError(
                    f"clarification time {when.isoformat()} is before the claim was first seen "
                    f"({c.first_seen.isoformat()}); check the time zone"
                )
            return {
                "verdict": verdict,
                "clarification": clar,
                "status": ClaimStatus.CLARIFIED,
                "closed_at": when,
            }

        return self._change(claim_id, "clarify", _OPEN, update)

    def dismiss(self, claim_id: str, *, reason: str, at: datetime | None = None) -> Claim:
        """Close an open claim without clarification (not a hoax topic, out of scope, …).

        Raises:
            InvalidClaimTransitionError: The claim is already CLARIFIED or DISMISSED.
        """
        why = _clean_text(reason, "reason")
        when = self._now(at)

        def update(c: Claim) -> dict[str, object]:
            if when < c.first_seen:
                raise InvalidClaimInputError(
                    f"dismissal time {when.isoformat()} is before the claim was first seen "
                    f"({c.first_seen.isoformat()}); check the time zone"
                )
            return {"status": ClaimStatus.DISMISSED, "dismissed_reason": why, "closed_at": when}

        return self._change(claim_id, "dismiss", _OPEN, update)

    def merge(self, into_id: str, other_id: str) -> Claim:
        """Merge ``other_id`` into ``into_id`` (two claims found to be the same).

        Sightings move, the earliest ``first_seen`` is kept, sources are united, and the index
        forgets the merged claim; its id keeps working through :meth:`get`. If only the merged
        claim has a verdict or clarification, the surviving claim takes them (and its status).

        Returns:
            The surviving claim.

        Raises:
            InvalidClaimInputError: Both ids name the same claim.
        """
        with self._lock, self._engine.begin() as conn:
            # Lock the two rows in one global order, so that two opposite merges running at
            # once on PostgreSQL wait for each other instead of deadlocking.
            order = sorted((into_id, other_id), key=lambda i: i.strip().upper())
            loaded = {i: self._load(conn, i, lock=True) for i in dict.fromkeys(order)}
            keep, other = loaded[into_id], loaded[other_id]
            if keep.id == other.id:
                raise InvalidClaimInputError(
                    f"cannot merge claim {keep.id} into itself; give two different claims"
                )
            update: dict[str, object] = {
                "first_seen": min(keep.first_seen, other.first_seen),
                "sources": tuple(dict.fromkeys((*keep.sources, *other.sources))),
            }
            if keep.verdict is None and other.verdict is not None:
                update["verdict"] = other.verdict
            if keep.clarification is None and other.clarification is not None:
                update.update(
                    clarification=other.clarification,
                    status=other.status,
                    dismissed_reason=other.dismissed_reason,
                    closed_at=other.closed_at,
                )
            elif keep.status is ClaimStatus.RECEIVED and other.status is ClaimStatus.VERIFYING:
                update["status"] = ClaimStatus.VERIFYING
            self.store.move_sightings(conn, None, from_id=other.id, to_id=keep.id)
            self.store.update_claim(conn, keep.model_copy(update=update))
            self.store.delete_claim(conn, other.id, alias_to=keep.id)
            merged = self._load(conn, keep.id)
            if other.id in self._index:  # absent when another writer created it
                self._index.remove(other.id)
        return merged

    def split(
        self, claim_id: str, sighting_ids: Sequence[str], *, text: str | None = None
    ) -> Claim:
        """Move chosen sightings of a claim to a new claim (they were a different claim).

        The new claim is RECEIVED, first seen at its earliest moved sighting, with ``text`` or
        that sighting's text; the old claim's ``first_seen`` is recomputed.

        Returns:
            The new claim.

        Raises:
            InvalidClaimInputError: No sighting given, one not on this claim, or all of them.
        """
        wanted = list(dict.fromkeys(s.strip().upper() for s in sighting_ids))
        if not wanted:
            raise InvalidClaimInputError("give at least one sighting id to split off")
        with self._lock, self._engine.begin() as conn:
            claim = self._load(conn, claim_id, lock=True)
            own = {s.id: s for s in claim.sightings}
            missing = [s for s in wanted if s not in own]
            if missing:
                raise InvalidClaimInputError(
                    f"sighting(s) {', '.join(missing)} are not on claim {claim.id}; "
                    f"its sightings are {', '.join(own) or 'none'}"
                )
            if len(wanted) == len(own) and not claim.imported:
                raise InvalidClaimInputError(
                    f"cannot split every sighting off claim {claim.id}; leave at least one"
                )
            moved = sorted((own[s] for s in wanted), key=lambda s: s.seen_at)
            new_text = _clean_text(text) if text is not None else moved[0].text
            new = Claim(
                id=_new_id("HX"),
                text=new_text,
                topic=claim.topic,
                region=claim.region,
                first_seen=moved[0].seen_at,
                priority=claim.priority,
            )
            self.store.insert_claim(conn, new)
            self.store.move_sightings(conn, wanted, from_id=claim.id, to_id=new.id)
            rest = [s for s in claim.sightings if s.id not in wanted]
            if rest and not claim.imported:
                first = min(s.seen_at for s in rest)
                self.store.update_claim(conn, claim.model_copy(update={"first_seen": first}))
            created = self._load(conn, new.id)
        self._index.add(created.id, created.text)
        return created

    # -- feeds --------------------------------------------------------------------------------

    def import_clarified(
        self,
        *,
        key: str,
        text: str,
        label: Label,
        clarification: str,
        published_at: datetime,
        url: str | None = None,
        evidence: Iterable[str] = (),
        sources: Iterable[str] = (),
        topic: str | None = None,
    ) -> tuple[Claim, bool]:
        """Load a fact-checker's debunk as a CLARIFIED claim, once per ``key``.

        Args:
            key: Stable identity of the debunk (article URL or feed GUID); importing the same
                key again changes nothing.
            text: The claim as stated (title without the label, or the narrative).
            label: The fact-checker's label.
            clarification: The explanation, plain text.
            published_at: Publication time (aware).
            url: The article URL.
            evidence: Reference URLs.
            sources: Where the record came from (feed URL).
            topic: Category, if any.

        Returns:
            The claim and whether it was created now.
        """
        self._check_start(published_at, "published_at")
        body = _clean_text(text)
        with self._lock:
            with self._engine.begin() as conn:
                existing = self.store.claim_id_for_source(conn, key)
                if existing is not None:
                    return self._load(conn, existing), False
                claim = Claim(
                    id=_new_id("HX"),
                    text=body,
                    topic=topic,
                    first_seen=published_at,
                    status=ClaimStatus.CLARIFIED,
                    sources=tuple(sources),
                    verdict=Verdict(label=label, decided_at=published_at),
                    clarification=Clarification(
                        text=_clean_text(clarification, "clarification text"),
                        evidence=tuple(evidence),
                        url=url,
                        published_at=published_at,
                    ),
                    imported=True,
                    closed_at=published_at,
                )
                self.store.insert_claim(conn, claim, source_key=key)
            self._index.add(claim.id, body)
            return claim, True

    def feed_state(self, url: str) -> FeedState:
        """Return the ETag/Last-Modified remembered for a feed URL."""
        return self.store.get_feed_state(url)

    def remember_feed_state(self, url: str, state: FeedState) -> None:
        """Remember the ETag/Last-Modified of a feed URL for the next conditional GET."""
        self.store.set_feed_state(url, state)

    # -- deadlines ----------------------------------------------------------------------------

    def target_for(self, priority: Priority) -> Duration:
        """Return the clarification target of a priority."""
        return self.targets[priority]

    def deadline(self, claim: Claim) -> datetime:
        """Return when ``claim`` must be clarified (first sighting + its priority's target)."""
        return due_at(claim.first_seen, self.target_for(claim.priority), calendar=self.calendar)

    def _open_with_deadlines(self) -> list[tuple[Claim, datetime]]:
        rows = [(c, self.deadline(c)) for c in self.claims(status=_OPEN)]
        rows.sort(key=lambda pair: pair[1])
        return rows

    def open_claims(self) -> list[Claim]:
        """Return the claims still waiting for a clarification, soonest deadline first."""
        return [c for c, _ in self._open_with_deadlines()]

    def due(self, *, within: timedelta, now: datetime | None = None) -> list[Claim]:
        """Return open claims whose deadline falls before ``now + within``, soonest first.

        Claims already overdue are included (they are due, and late).
        """
        current = self._now(now)
        try:
            limit = current + within
        except OverflowError:  # beyond the datetimes Python has: every or no deadline is in
            return self.open_claims() if within > timedelta(0) else []
        return [c for c, d in self._open_with_deadlines() if d <= limit]

    def overdue(self, *, now: datetime | None = None) -> list[Claim]:
        """Return open claims past their deadline, most late first."""
        current = self._now(now)
        return [c for c, d in self._open_with_deadlines() if d < current]

    def at_risk(self, *, now: datetime | None = None) -> list[Claim]:
        """Return open claims not yet late that consumed ``at_risk_ratio`` of their target."""
        current = self._now(now)
        out = []
        for c, _ in self._open_with_deadlines():
            state = sla_state(
                c.first_seen,
                self.target_for(c.priority),
                current,
                at_risk=self.at_risk_ratio,
                calendar=self.calendar,
            )
            if state is SlaState.AT_RISK:
                out.append(c)
        return out

    # -- figures ------------------------------------------------------------------------------

    def stats(
        self,
        *,
        now: datetime | None = None,
        tz: tzinfo = UTC,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> ClinicStats:
        """Compute the clinic's figures, over everything or over a period.

        Args:
            now: Reference time for the overdue count (default now).
            tz: Zone of the calendar days in ``sightings_by_day``, e.g. Asia/Jakarta.
            since: Count only claims first seen, and sightings seen, at or after this (aware).
            until: ... and before this (aware, exclusive).

        Raises:
            InvalidClaimInputError: ``since`` or ``until`` is naive, or ``until`` is not later
                than ``since``.
        """
        current = self._now(now)
        for value, name in ((since, "since"), (until, "until")):
            if value is not None:
                ensure_aware(value, name)
        if since is not None and until is not None and until <= since:
            raise InvalidClaimInputError(
                f"the period ends ({until.isoformat()}) before it starts "
                f"({since.isoformat()}); give an end after the start"
            )

        def inside(moment: datetime) -> bool:
            return (since is None or moment >= since) and (until is None or moment < until)

        everything = self.claims()
        every = [c for c in everything if inside(c.first_seen)]
        handled = [c for c in every if not c.imported]
        by_status = Counter(c.status for c in handled)
        clarified = [c for c in handled if c.status is ClaimStatus.CLARIFIED and c.closed_at]
        times = [c.closed_at - c.first_seen for c in clarified if c.closed_at]
        on_time = [c for c in clarified if c.closed_at and c.closed_at <= self.deadline(c)]
        open_claims = [c for c in handled if c.status.is_open]
        platform: Counter[Platform] = Counter()
        per_claim: dict[str, int] = {}
        per_day: dict[str, dict[date, int]] = {}
        total = 0
        for c in everything:
            seen = [s for s in c.sightings if inside(s.seen_at)]
            if not seen:
                continue
            per_claim[c.id] = len(seen)
            days: Counter[date] = Counter()
            for s in seen:
                total += 1
                platform[s.platform] += 1
                days[s.seen_at.astimezone(tz).date()] += 1
            per_day[c.id] = dict(sorted(days.items()))
        return ClinicStats(
            claims=len(handled),
            imported=len(every) - len(handled),
            by_status={s: by_status.get(s, 0) for s in ClaimStatus},
            open=len(open_claims),
            overdue=sum(1 for c in open_claims if self.deadline(c) < current),
            median_time_to_clarify=(
                timedelta(seconds=statistics.median(t.total_seconds() for t in times))
                if times
                else None
            ),
            clarified_on_time_share=len(on_time) / len(clarified) if clarified else None,
            sightings=total,
            sightings_by_platform=dict(platform.most_common()),
            sightings_by_claim=per_claim,
            sightings_by_day=per_day,
            since=since,
            until=until,
        )
