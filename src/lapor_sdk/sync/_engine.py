"""``SyncEngine``: push the outbox to the national system, pull its changes into a mirror."""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from .._exceptions import LaporError
from ..client import APIError
from ..models import Channel, Classification, Complaint, Location, Privacy, Reporter
from ..storage import create_engine, default_database_url, migrate_sync_schema
from ..storage._sync import sync_meta, sync_mirror
from ..storage._sync import sync_outbox as o
from . import _outbox
from ._errors import SyncError, Verdict, classify, describe
from ._models import SyncReport, SyncStatus
from ._outbox import COMPLAINT, FOLLOW_UP, Claimed, DatabaseTarget

if TYPE_CHECKING:
    from ..client import LaporClient

__all__ = [
    "DEFAULT_LEASE",
    "DEFAULT_PULL_OVERLAP",
    "DEFAULT_RETRY_INITIAL",
    "DEFAULT_RETRY_MAX",
    "DEFAULT_WORKERS",
    "SyncEngine",
]

log = logging.getLogger("lapor_sdk.sync")

#: Writes in flight at once.
DEFAULT_WORKERS = 16
#: Seconds a claimed row stays leased to one worker before another may take it over.
DEFAULT_LEASE = 30.0
#: Seconds before the checkpoint that every pull looks at again (late commits, clock skew).
DEFAULT_PULL_OVERLAP = 300.0
#: First retry delay and ceiling of the persisted backoff schedule, in seconds.
DEFAULT_RETRY_INITIAL = 1.0
DEFAULT_RETRY_MAX = 300.0
_PULL_PAGE = 200
_NO_CLIENT = (
    "this engine has no client: it can queue and inspect the outbox, not send or pull; "
    "make it with client=LaporClient(...)"
)
_PULL_TRIES = 5


@dataclass(frozen=True, slots=True)
class _Outcome:
    kind: str  # done | retry | dead | unknown
    tracking_id: str | None = None
    maybe_sent: bool = True
    retry_after: float | None = None
    error: str | None = None
    national: bool = False


def _checkpoint_key(source: str) -> str:
    return f"checkpoint:{source}"


def _epoch(value: dt.datetime) -> float:
    return value.timestamp()


class SyncEngine:
    """Keeps an agency's outbox and the national LAPOR in step: none lost, none duplicated.

    Writes are queued with :meth:`enqueue_complaint` / :meth:`enqueue_follow_up` (or the
    module functions of the same names inside your own transaction) and sent by :meth:`run`,
    which also pulls the national side's changes into a local mirror.

    Args:
        client: A :class:`~lapor_sdk.LaporClient`. The engine sends writes through a copy with
            retries off (it owns the retries of its writes, persisted in the outbox) and reads
            through the client as given. ``None`` makes an engine that queues and inspects
            the outbox (``status``, ``dead_letters``, ``retry_dead``, ``resolve``) without
            API settings; its :meth:`run` raises :class:`SyncError`.
        database_url: Where the outbox lives: a URL (``sqlite:///sync.db``,
            ``postgresql://…``) or an engine; default ``LAPOR_DATABASE_URL`` else
            ``$LAPOR_HOME/sync.db``.
        source: Prefix of the ``external_ref`` sent (``f"{source}:{local_id}"``); engines
            with different sources share one database without touching each other's rows.
        workers: Writes in flight at once (a bounded thread pool).
        lease: Seconds a claimed row stays with this worker; after that another worker (on
            any machine) takes it over, looking the write up before sending it again.
        request_timeout: Seconds one write or look-up may take (default a fifth of ``lease``,
            at most 30); an uncertain write is looked up no sooner than twice this later.
        retry_initial: First delay of the backoff schedule (doubles, with jitter).
        retry_max: Longest delay between attempts (``Retry-After`` wins when longer).
        pull_overlap: Seconds before the checkpoint that each pull reads again.
        pull_page_size: Reports per page of the pull (1-200).
        clock: Source of POSIX time (tests).
        sleep: Sleep function (tests).

    Example:
        >>> engine = SyncEngine(LaporClient(), "sqlite:///s.db")  # doctest: +SKIP
        >>> engine.enqueue_complaint(complaint, local_id="app:123")  # doctest: +SKIP
        >>> engine.run()  # doctest: +SKIP
        SyncReport(pushed=1, pulled=1, retried=0, dead=0, duration=0.2, ...)
    """

    def __init__(
        self,
        client: LaporClient | None,
        database_url: str | Engine | None = None,
        source: str | None = None,
        *,
        workers: int = DEFAULT_WORKERS,
        lease: float = DEFAULT_LEASE,
        request_timeout: float | None = None,
        retry_initial: float = DEFAULT_RETRY_INITIAL,
        retry_max: float = DEFAULT_RETRY_MAX,
        pull_overlap: float = DEFAULT_PULL_OVERLAP,
        pull_page_size: int = _PULL_PAGE,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if workers < 1:
            raise SyncError(f"workers={workers} must be at least 1")
        if lease <= 0:
            raise SyncError(f"lease={lease} must be a positive number of seconds")
        if source is not None and not 1 <= len(source) <= 100:
            raise SyncError("source must be 1..100 characters (or None)")
        self.source = source or ""
        self.workers = workers
        self.lease = float(lease)
        self.retry_initial = float(retry_initial)
        self.retry_max = float(retry_max)
        self.pull_overlap = float(pull_overlap)
        if not 1 <= pull_page_size <= _PULL_PAGE:
            raise SyncError(f"pull_page_size={pull_page_size} must be 1..{_PULL_PAGE}")
        self.pull_page_size = pull_page_size
        self._clock = clock
        self._sleep = sleep
        self._rng = random.Random()  # noqa: S311 - jitter, not security
        timeout = request_timeout if request_timeout is not None else min(self.lease / 5, 30.0)
        if timeout <= 0 or timeout * 2 >= self.lease:
            raise SyncError(
                f"request_timeout={timeout:g} must be positive and under half the lease "
                f"({self.lease:g} s): an attempt (look-up and send) must end before its lease"
            )
        self.request_timeout = float(timeout)
        self._reader = client
        # Writes and look-ups: one try each, bounded in time, so an attempt ends well before
        # its lease does and no other worker can take the row over while it is on the wire.
        self._writer = (
            None
            if client is None
            else client.with_options(max_retries=0, timeout=timeout, deadline=timeout)
        )
        if isinstance(database_url, Engine):
            self._db, self._owns_db = database_url, False
        else:
            # hide_parameters: outbox rows hold reporters' data; keep it out of SQL errors.
            self._db = create_engine(
                database_url or default_database_url("sync.db"), hide_parameters=True
            )
            self._owns_db = True
        if self._owns_db and self._db.dialect.name == "sqlite":
            sa.event.listen(self._db, "connect", _sqlite_normal_sync)
        migrate_sync_schema(self._db)
        self._stop = threading.Event()

    def __repr__(self) -> str:
        return f"SyncEngine(source={self.source!r}, workers={self.workers}, lease={self.lease:g})"

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def client(self) -> LaporClient:
        """The client as given (reads go through it; writes through a copy without retries).

        Raises:
            SyncError: The engine was made without a client (``client=None``).
        """
        if self._reader is None:
            raise SyncError(_NO_CLIENT)
        return self._reader

    @property
    def _sender(self) -> LaporClient:
        if self._writer is None:
            raise SyncError(_NO_CLIENT)
        return self._writer

    @property
    def database(self) -> Engine:
        """The SQLAlchemy engine of the outbox."""
        return self._db

    def close(self) -> None:
        """Release the database connections (the client stays open; it is yours)."""
        if self._owns_db:
            self._db.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def stop(self) -> None:
        """Ask a running :meth:`run` to finish the writes in flight and return."""
        self._stop.set()

    # -- enqueue -----------------------------------------------------------------------------

    def external_ref(self, local_id: str) -> str:
        """Return the ``external_ref`` sent for ``local_id``."""
        return f"{self.source}:{local_id}" if self.source else local_id

    def enqueue_complaint(
        self,
        complaint: Complaint,
        local_id: str,
        *,
        connection: DatabaseTarget | None = None,
    ) -> bool:
        """Queue a complaint to be filed (a second call with the same ``local_id`` is a no-op).

        Args:
            complaint: The complaint.
            local_id: Its id in your system.
            connection: A connection inside your own transaction (transactional outbox) or
                another database URL; default the engine's database.

        Returns:
            Whether a new row was queued.
        """
        return _outbox.enqueue_complaint(
            self._db if connection is None else connection,
            complaint,
            local_id=local_id,
            source=self.source,
        )

    def enqueue_follow_up(
        self,
        local_id: str,
        *,
        text: str,
        final: bool = False,
        unit: str | None = None,
        connection: DatabaseTarget | None = None,
    ) -> bool:
        """Queue a follow-up of the complaint queued under ``local_id``.

        It is sent once the complaint has a tracking id, after the earlier follow-ups.

        Args:
            local_id: The complaint's id in your system.
            text: The follow-up's text.
            final: Whether it completes the report.
            unit: The unit that wrote it.
            connection: As for :meth:`enqueue_complaint`.
        """
        return _outbox.enqueue_follow_up(
            self._db if connection is None else connection,
            local_id,
            text=text,
            final=final,
            unit=unit,
            source=self.source,
        )

    # -- queries -----------------------------------------------------------------------------

    def tracking_id(self, local_id: str) -> str | None:
        """Return the national tracking id of ``local_id`` once filed, else ``None``."""
        with self._db.connect() as conn:
            return conn.execute(
                sa.select(o.c.tracking_id).where(
                    o.c.source == self.source,
                    o.c.local_id == local_id,
                    o.c.kind == COMPLAINT,
                    o.c.state == "done",
                )
            ).scalar_one_or_none()

    def national_state(self, local_id: str) -> Complaint | None:
        """Return the latest pulled national version of ``local_id``'s report, else ``None``."""
        tracking_id = self.tracking_id(local_id)
        if tracking_id is None:
            return None
        with self._db.connect() as conn:
            data = conn.execute(
                sa.select(sync_mirror.c.data).where(sync_mirror.c.tracking_id == tracking_id)
            ).scalar_one_or_none()
        return None if data is None else Complaint.model_validate_json(data)

    def status(self) -> SyncStatus:
        """Count the outbox rows by state, and read the pull checkpoint."""
        now = self._clock()
        counts = dict.fromkeys(("pending", "in_flight", "dead", "unknown", "done", "restricted"), 0)
        with self._db.connect() as conn:
            rows = conn.execute(
                sa.select(
                    o.c.state,
                    sa.case(
                        (sa.and_(o.c.state == "in_flight", o.c.lease_until < now), True),
                        else_=False,
                    ).label("expired"),
                    o.c.restricted,
                    sa.func.count(),
                )
                .where(o.c.source == self.source)
                .group_by(sa.text("1"), sa.text("2"), sa.text("3"))
            ).all()
            checkpoint = self._load_checkpoint(conn)
        for state, expired, restricted, n in rows:
            if restricted and state not in ("done", "dead", "unknown"):
                counts["restricted"] += n
            elif state in ("pending", "waiting") or (state == "in_flight" and expired):
                counts["pending"] += n
            elif state in counts:
                counts[state] += n
        return SyncStatus(**counts, checkpoint=checkpoint)

    def dead_letters(self) -> list[tuple[str, str, str | None]]:
        """Return ``(local_id, kind, last_error)`` of each dead letter (no reporter data)."""
        with self._db.connect() as conn:
            rows = conn.execute(
                sa.select(o.c.local_id, o.c.kind, o.c.last_error)
                .where(o.c.source == self.source, o.c.state == "dead")
                .order_by(o.c.id)
            ).all()
        return [(r.local_id, r.kind, r.last_error) for r in rows]

    # -- recovery ----------------------------------------------------------------------------

    def retry_dead(self) -> int:
        """Re-queue every dead letter after a fix (with a new ``Idempotency-Key`` revision).

        Returns:
            How many rows were re-queued.
        """
        now = self._clock()
        with self._db.begin() as conn:
            complaints = conn.execute(
                sa.update(o)
                .where(o.c.source == self.source, o.c.state == "dead", o.c.kind == COMPLAINT)
                .values(
                    state="pending",
                    attempts=0,
                    revision=o.c.revision + 1,
                    next_attempt_at=now,
                    last_error=None,
                    updated_at=now,
                )
            ).rowcount
            follow_ups = conn.execute(
                sa.update(o)
                .where(o.c.source == self.source, o.c.state == "dead", o.c.kind == FOLLOW_UP)
                .values(
                    state="waiting",
                    attempts=0,
                    revision=o.c.revision + 1,
                    next_attempt_at=now,
                    last_error=None,
                    updated_at=now,
                )
            ).rowcount
            _outbox.promote_all(conn, self.source, now)
        return int(complaints or 0) + int(follow_ups or 0)

    def resolve(
        self, local_id: str, *, tracking_id: str | None = None, not_filed: bool = False
    ) -> int:
        """Settle the ``unknown`` writes of ``local_id`` after checking the national side.

        Args:
            local_id: The complaint's id in your system.
            tracking_id: It *was* filed, under this tracking id (its unknown follow-ups are
                then taken as filed too).
            not_filed: It was *not* filed: send it again.

        Returns:
            How many rows were settled.

        Raises:
            SyncError: Neither or both of ``tracking_id`` and ``not_filed``, or nothing of
                ``local_id`` is unknown.
        """
        if (tracking_id is None) == (not not_filed):
            raise SyncError(
                f"resolve {local_id}: give either tracking_id=… (it was filed) or "
                "not_filed=True (send it again)"
            )
        now = self._clock()
        where = (o.c.source == self.source, o.c.local_id == local_id, o.c.state == "unknown")
        with self._db.begin() as conn:
            if not_filed:
                n = conn.execute(
                    sa.update(o)
                    .where(*where)
                    .values(
                        state="pending",
                        maybe_sent=False,
                        needs_lookup=False,
                        next_attempt_at=now,
                        last_error=None,
                        updated_at=now,
                    )
                ).rowcount
            else:
                n = conn.execute(
                    sa.update(o)
                    .where(*where)
                    .values(
                        state="done",
                        payload=None,
                        tracking_id=sa.case(
                            (o.c.kind == COMPLAINT, tracking_id), else_=o.c.tracking_id
                        ),
                        last_error=None,
                        updated_at=now,
                    )
                ).rowcount
                _outbox.promote(conn, self.source, local_id, now)
        if not n:
            raise SyncError(
                f"nothing of {local_id} is unknown; see `lapor sync status` for its state"
            )
        return int(n)

    # -- run ---------------------------------------------------------------------------------

    def run(
        self, *, once: bool = False, progress: Callable[[int], None] | None = None
    ) -> SyncReport:
        """Push until nothing is pending or in flight, then pull; return what happened.

        Sleeps through retry waits and takes over rows whose lease expired. Follow-ups the
        national side does not accept yet (report not verified) are retried on their
        schedule but do not keep the run alive. ``once=True`` makes a single pass over what
        is due now, without waiting.

        Args:
            once: One pass over what is due now, no waiting.
            progress: Called with the number of writes confirmed so far (a progress bar).

        Returns:
            The :class:`SyncReport` of this run.
        """
        if self._reader is None:
            raise SyncError(_NO_CLIENT)
        started = time.monotonic()
        self._stop.clear()
        tally = {"pushed": 0, "retried": 0, "dead": 0, "unknown": 0}
        with self._db.begin() as conn:
            _outbox.promote_all(conn, self.source, self._clock())
        self._push(tally, once=once, progress=progress)
        notes: list[str] = []
        pulled = 0 if self._stop.is_set() else self._pull(notes)
        return SyncReport(
            pushed=tally["pushed"],
            pulled=pulled,
            retried=tally["retried"],
            dead=tally["dead"],
            unknown=tally["unknown"],
            duration=time.monotonic() - started,
            notes=tuple(notes),
        )

    def _push(
        self, tally: dict[str, int], *, once: bool, progress: Callable[[int], None] | None
    ) -> None:
        queue_cap = self.workers * 2
        refill_at = max(1, self.workers // 2)
        inflight: dict[Future[_Outcome], Claimed] = {}
        with ThreadPoolExecutor(self.workers, thread_name_prefix="lapor-sync") as pool:
            while True:
                free = queue_cap - len(inflight)
                claimed: list[Claimed] = []
                if not self._stop.is_set() and (free >= refill_at or not inflight):
                    now = self._clock()
                    with self._db.begin() as conn:
                        claimed = _outbox.claim(
                            conn,
                            self.source,
                            free,
                            now,
                            self.lease,
                            exclude=[r.id for r in inflight.values()],
                        )
                    for row in claimed:
                        inflight[pool.submit(self._attempt, row)] = row
                if inflight:
                    finished, _ = wait(list(inflight), timeout=1.0, return_when=FIRST_COMPLETED)
                    if finished:
                        settled = [(inflight.pop(f), f.result()) for f in finished]
                        self._settle(settled, tally)
                        if progress is not None:
                            progress(tally["pushed"])
                    continue
                if claimed:
                    continue
                if once or self._stop.is_set():
                    return
                wake = self._next_wake()
                if wake is None:
                    return
                self._sleep(min(max(wake - self._clock(), 0.01), 1.0))

    def _next_wake(self) -> float | None:
        """When something may become claimable: a retry time or another worker's lease end."""
        with self._db.connect() as conn:
            retry = conn.execute(
                sa.select(sa.func.min(o.c.next_attempt_at)).where(
                    o.c.source == self.source,
                    o.c.state == "pending",
                    o.c.restricted == sa.false(),
                    sa.or_(o.c.wait_reason.is_(None), o.c.wait_reason != "national"),
                )
            ).scalar_one_or_none()
            lease = conn.execute(
                sa.select(sa.func.min(o.c.lease_until)).where(
                    o.c.source == self.source,
                    o.c.state == "in_flight",
                    o.c.restricted == sa.false(),
                )
            ).scalar_one_or_none()
        candidates = [t for t in (retry, lease) if t is not None]
        return min(candidates) if candidates else None

    # -- one write ---------------------------------------------------------------------------

    def _can(self, operation_id: str) -> bool:
        return self.client.profile.supports_operation(operation_id)

    def _attempt(self, row: Claimed) -> _Outcome:
        """Look up (if the last attempt may have landed), then send. Runs in a pool thread."""
        try:
            if row.needs_lookup:
                lookup_op = "listComplaints" if row.kind == COMPLAINT else "listFollowUps"
                if not self._can(lookup_op):
                    return _Outcome(
                        "unknown",
                        error=f"the {self.client.profile.name} profile cannot look this write up; "
                        f"check the national side, then `lapor sync resolve {row.local_id}`",
                    )
                try:
                    found = self._lookup(row)
                except APIError as exc:
                    return self._failed(exc, row, looked_up=False)
                if found is not None:
                    return _Outcome("done", tracking_id=found)
            try:
                tracking_id = self._send(row)
            except APIError as exc:
                return self._failed(exc, row, looked_up=True)
            return _Outcome("done", tracking_id=tracking_id)
        except LaporError as exc:
            return _Outcome("dead", maybe_sent=False, error=describe(exc))

    def _failed(self, exc: APIError, row: Claimed, *, looked_up: bool) -> _Outcome:
        if not looked_up:  # the look-up itself failed: the write is as uncertain as before
            return _Outcome(
                "retry", maybe_sent=True, retry_after=_retry_after(exc), error=describe(exc)
            )
        verdict = classify(exc, kind=row.kind)
        if verdict is Verdict.PERMANENT:
            return _Outcome("dead", maybe_sent=False, error=describe(exc))
        if verdict is Verdict.WAIT_NATIONAL:
            return _Outcome(
                "retry",
                maybe_sent=False,
                error="the national side does not accept follow-ups of this report yet "
                "(not verified or disposed)",
                national=True,
            )
        if verdict is Verdict.UNCERTAIN and not self._can(
            "listComplaints" if row.kind == COMPLAINT else "listFollowUps"
        ):
            return _Outcome(
                "unknown",
                error=f"{describe(exc)}; the {self.client.profile.name} profile cannot look it up: "
                f"check the national side, then `lapor sync resolve {row.local_id}`",
            )
        return _Outcome(
            "retry",
            maybe_sent=verdict is Verdict.UNCERTAIN,
            retry_after=_retry_after(exc),
            error=describe(exc),
        )

    def _key(self, row: Claimed) -> str:
        return _outbox.idempotency_key(self.source, row.local_id, row.kind, row.seq, row.revision)

    def _send(self, row: Claimed) -> str | None:
        p = row.payload
        if row.kind == COMPLAINT:
            created = self._sender.complaints.create(
                title=p["title"],
                description=p["description"],
                external_ref=self.external_ref(row.local_id),
                channel=Channel(p.get("channel", Channel.LAPOR_WEB.value)),
                classification=Classification(
                    p.get("classification", Classification.COMPLAINT.value)
                ),
                category=p.get("category"),
                location=Location.model_validate(p["location"]) if "location" in p else None,
                reporter=Reporter.model_validate(p["reporter"]) if "reporter" in p else None,
                privacy=Privacy(p.get("privacy", Privacy.PUBLIC.value)),
                incident_date=dt.date.fromisoformat(p["incident_date"])
                if "incident_date" in p
                else None,
                received_at=dt.datetime.fromisoformat(p["received_at"])
                if "received_at" in p
                else None,
                supervisory=p.get("supervisory"),
                tags=p.get("tags"),
                idempotency_key=self._key(row),
            )
            return created.tracking_id
        if row.parent_tracking_id is None:  # promote() guarantees it; be safe anyway
            raise SyncError(f"follow-up of {row.local_id} has no tracking id yet")
        self._sender.follow_ups.create(
            row.parent_tracking_id,
            text=p["text"],
            unit=p.get("unit"),
            final=bool(p.get("final", False)),
            idempotency_key=self._key(row),
        )
        return None

    def _lookup(self, row: Claimed) -> str | None:
        """Return the tracking id if the write is on the national side (``""`` for a
        follow-up that is), else ``None``."""
        if row.kind == COMPLAINT:
            found = [
                c.tracking_id
                for c in self._sender.complaints.list(
                    external_ref=self.external_ref(row.local_id), limit=10
                )
                if c.tracking_id
            ]
            return min(found) if found else None
        if row.parent_tracking_id is None:
            return None
        p = row.payload
        text, unit, final = p["text"].strip(), p.get("unit"), bool(p.get("final"))
        # A follow-up sent without a unit is stored under the unit then responsible.
        same = sum(
            1
            for f in self._sender.follow_ups.list(row.parent_tracking_id)
            if f.text.strip() == text and (unit is None or f.unit == unit) and f.final == final
        )
        return "" if same > row.same_before else None

    # -- settle ------------------------------------------------------------------------------

    def _backoff(self, attempts: int, retry_after: float | None) -> float:
        base = min(self.retry_max, self.retry_initial * 2.0 ** max(attempts - 1, 0))
        delay = base * (0.5 + self._rng.random() / 2)
        if retry_after is not None:
            delay = max(delay, min(retry_after, 3600.0))
        return delay

    def _settle(self, settled: list[tuple[Claimed, _Outcome]], tally: dict[str, int]) -> None:
        now = self._clock()
        with self._db.begin() as conn:
            for row, out in settled:
                mine = (o.c.id == row.id, o.c.lease_token == row.lease_token)
                common = {"lease_token": None, "lease_until": None, "updated_at": now}
                if out.kind == "done":
                    values: dict[str, Any] = {
                        **common,
                        "state": "done",
                        "payload": None,
                        "maybe_sent": True,
                        "needs_lookup": False,
                        "last_error": None,
                        "wait_reason": None,
                    }
                    if row.kind == COMPLAINT:
                        values["tracking_id"] = out.tracking_id
                    if conn.execute(sa.update(o).where(*mine).values(**values)).rowcount:
                        tally["pushed"] += 1
                        _outbox.promote(conn, self.source, row.local_id, now, parent_done=True)
                elif out.kind == "retry":
                    delay = self._backoff(row.attempts, out.retry_after)
                    if out.maybe_sent:  # let a late request land before looking it up
                        delay = max(delay, 2 * self.request_timeout)
                    values = {
                        **common,
                        "state": "pending",
                        "maybe_sent": out.maybe_sent,
                        "next_attempt_at": now + delay,
                        "last_error": out.error,
                        "wait_reason": "national" if out.national else "retry",
                    }
                    if conn.execute(sa.update(o).where(*mine).values(**values)).rowcount:
                        tally["retried"] += 1
                else:
                    values = {
                        **common,
                        "state": out.kind,
                        "maybe_sent": out.maybe_sent,
                        "last_error": out.error,
                        "wait_reason": None,
                    }
                    if conn.execute(sa.update(o).where(*mine).values(**values)).rowcount:
                        tally[out.kind] += 1
                        log.warning(
                            "sync: %s of %s is %s: %s", row.kind, row.local_id, out.kind, out.error
                        )

    # -- pull --------------------------------------------------------------------------------

    def _load_checkpoint(self, conn: Connection) -> dt.datetime | None:
        raw = conn.execute(
            sa.select(sync_meta.c.value).where(sync_meta.c.key == _checkpoint_key(self.source))
        ).scalar_one_or_none()
        return dt.datetime.fromisoformat(raw) if raw else None

    def _pull(self, notes: list[str]) -> int:
        """Read the national changes since the checkpoint (minus the overlap) into the mirror.

        Each page is stored and the checkpoint advanced in one transaction; the checkpoint
        never passes the signpost taken when the pull started.
        """
        if not self._can("listComplaints"):
            notes.append(
                f"pull skipped: the {self.client.profile.name} profile cannot list national reports"
            )
            return 0
        signpost = dt.datetime.fromtimestamp(self._clock(), dt.UTC)
        with self._db.connect() as conn:
            checkpoint = self._load_checkpoint(conn)
        since = None if checkpoint is None else checkpoint - dt.timedelta(seconds=self.pull_overlap)
        pulled = 0
        for page in self._pages(since, notes):
            pulled += self._store_page(page, signpost)
        return pulled

    def _pages(self, since: dt.datetime | None, notes: list[str]) -> Iterator[list[Complaint]]:
        cursor: str | None = None
        while True:
            for attempt in range(_PULL_TRIES):
                try:
                    page = self.client.complaints.list(
                        updated_since=since, cursor=cursor, limit=self.pull_page_size
                    )
                    break
                except APIError as exc:
                    if attempt == _PULL_TRIES - 1:
                        notes.append(f"pull stopped early: {describe(exc)}; the next run resumes")
                        return
                    self._sleep(self._backoff(attempt + 1, _retry_after(exc)))
            yield list(page.data)
            cursor = page.next_cursor
            if not cursor:
                return

    def _store_page(self, items: list[Complaint], signpost: dt.datetime) -> int:
        """Upsert one page into the mirror (newest ``updated_at`` wins) and advance the
        checkpoint, in one transaction; safe when several workers pull at once."""
        if not items:
            return 0
        stored = 0
        newest: dt.datetime | None = None
        with self._db.begin() as conn:
            insert = _dialect_insert(conn)
            erased = _erased_in_mirror(conn, [c.tracking_id for c in items if c.tracking_id])
            erased_refs = self._erased_refs(conn, [c.external_ref for c in items])
            for c in items:
                if not c.tracking_id:
                    continue
                if c.tracking_id in erased or c.external_ref in erased_refs:
                    # Its reporter was erased here (UU 27/2022): a newer national version is
                    # stored anonymised too; the national copy is the operator's to erase.
                    from ..pdp._adapters import anonymise_complaint

                    c = anonymise_complaint(c, [])
                changed = c.updated_at or c.created_at
                newest = changed if newest is None else max(newest, changed)
                values = {
                    "tracking_id": c.tracking_id,
                    "external_ref": c.external_ref,
                    "updated_at": _epoch(changed),
                    "data": c.model_dump_json(),
                }
                stmt = insert(sync_mirror).values(**values)
                stmt = stmt.on_conflict_do_update(
                    index_elements=[sync_mirror.c.tracking_id],
                    set_={k: stmt.excluded[k] for k in ("external_ref", "updated_at", "data")},
                    where=sync_mirror.c.updated_at < stmt.excluded.updated_at,
                )
                # RETURNING, not rowcount: psycopg reports no rowcount for an upsert.
                stored += len(conn.execute(stmt.returning(sync_mirror.c.tracking_id)).all())
            if newest is not None:
                self._advance_checkpoint(conn, min(newest, signpost))
        return stored

    def _erased_refs(self, conn: Connection, refs: list[str | None]) -> set[str]:
        """The external refs among ``refs`` of this source's complaints whose outbox row was
        anonymised (a copy sent before the erasure is stored anonymised when pulled)."""
        prefix = f"{self.source}:" if self.source else ""
        local = {r[len(prefix) :]: r for r in refs if r and r.startswith(prefix)}
        if not local:
            return set()
        found = conn.execute(
            sa.select(o.c.local_id).where(
                o.c.source == self.source,
                o.c.kind == COMPLAINT,
                o.c.local_id.in_(sorted(local)),
                o.c.anonymised_at.is_not(None),
            )
        ).scalars()
        return {local[i] for i in found}

    def _advance_checkpoint(self, conn: Connection, value: dt.datetime) -> None:
        """Move the checkpoint forward only (an upsert: several workers may pull at once)."""
        text = value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")
        stmt = _dialect_insert(conn)(sync_meta).values(key=_checkpoint_key(self.source), value=text)
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=[sync_meta.c.key],
                set_={"value": stmt.excluded.value},
                where=sync_meta.c.value < stmt.excluded.value,
            )
        )


def _erased_in_mirror(conn: Connection, tracking_ids: list[str]) -> set[str]:
    """The tracking ids among ``tracking_ids`` whose mirror row was anonymised."""
    if not tracking_ids:
        return set()
    return set(
        conn.execute(
            sa.select(sync_mirror.c.tracking_id).where(
                sync_mirror.c.tracking_id.in_(tracking_ids),
                sync_mirror.c.anonymised_at.is_not(None),
            )
        ).scalars()
    )


def _dialect_insert(conn: Connection) -> Any:
    """The ``insert`` of the connection's dialect (with ``on_conflict_do_update``)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def _sqlite_normal_sync(dbapi_conn: Any, _record: Any) -> None:
    # WAL with synchronous=NORMAL: a commit survives the process being killed (the WAL is in
    # the OS cache) without an fsync per settle. A power cut may lose the last commits: a
    # write sent just before it could be sent again without a look-up (docs/sync.md).
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _retry_after(exc: BaseException) -> float | None:
    value = getattr(exc, "retry_after", None)
    return float(value) if isinstance(value, int | float) else None
