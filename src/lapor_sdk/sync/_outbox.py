"""The outbox: enqueue writes (inside the caller's transaction if it likes), claim, settle.

Every state change is one SQL statement or one short transaction; rows move
``waiting → pending → in_flight → done | pending | dead | unknown``. Claims use
``FOR UPDATE SKIP LOCKED`` on PostgreSQL (SQLite serialises writers by itself), and every
settle is conditional on the lease token, so a worker whose lease was taken over cannot
overwrite the new owner's result.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
import uuid
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..models import Complaint
from ..storage import SYNC_SCHEMA_VERSION, create_engine, migrate_sync_schema
from ..storage._complaints import subject_digests
from ..storage._restrictions import restricted_digests
from ..storage._sync import sync_meta
from ..storage._sync import sync_outbox as o
from ._errors import SyncError

__all__ = [
    "COMPLAINT",
    "FOLLOW_UP",
    "Claimed",
    "DatabaseTarget",
    "claim",
    "connect",
    "enqueue_complaint",
    "enqueue_complaints",
    "enqueue_follow_up",
    "fingerprint",
    "idempotency_key",
    "promote",
]

COMPLAINT = "complaint"
FOLLOW_UP = "follow_up"

#: Complaint fields sent when filing (the lifecycle owns the rest).
_FILED_FIELDS = frozenset(
    {
        "title",
        "description",
        "channel",
        "classification",
        "category",
        "location",
        "reporter",
        "privacy",
        "incident_date",
        "supervisory",
        "tags",
    }
)
#: Tries of a follow-up's own transaction when another writer took its position.
_ENQUEUE_TRIES = 30
_MAX_LOCAL_ID = 200

DatabaseTarget = str | Engine | Connection
"""A database URL, an engine, or a connection inside the caller's own transaction."""

_migrated: weakref.WeakSet[Engine] = weakref.WeakSet()
_CURRENT = "lapor_sdk.sync.schema_current"


def _schema_is_current(conn: Connection) -> bool:
    if not sa.inspect(conn).has_table("sync_meta"):
        return False
    found = conn.execute(
        sa.select(sync_meta.c.value).where(sync_meta.c.key == "schema_version")
    ).scalar_one_or_none()
    return found is not None and int(found) == SYNC_SCHEMA_VERSION


@contextmanager
def connect(target: DatabaseTarget) -> Iterator[Connection]:
    """Yield a connection in a transaction: the caller's own, or a new one committed at the end.

    A :class:`~sqlalchemy.engine.Connection` is used as it is: the outbox row is written in
    the caller's transaction and committed (or rolled back) with the caller's own change.
    """
    if isinstance(target, Connection):
        # A migration inside the caller's transaction may be rolled back with it, so only a
        # connection that found the tables already current skips the check next time.
        if not target.info.get(_CURRENT):
            if _schema_is_current(target):
                target.info[_CURRENT] = True
            else:
                migrate_sync_schema(target)
        yield target
        return
    engine = create_engine(target, hide_parameters=True) if isinstance(target, str) else target
    if engine not in _migrated:
        migrate_sync_schema(engine)
        _migrated.add(engine)
    try:
        with engine.begin() as conn:
            yield conn
    finally:
        if isinstance(target, str):
            engine.dispose()


def _check_local_id(local_id: str) -> str:
    if not isinstance(local_id, str) or not 1 <= len(local_id) <= _MAX_LOCAL_ID:
        raise SyncError(
            f"local_id must be a string of 1..{_MAX_LOCAL_ID} characters; got one of "
            f"{len(local_id) if isinstance(local_id, str) else type(local_id).__name__}"
        )
    if any(ch in local_id for ch in "\x00\r\n"):
        raise SyncError("local_id must not contain NUL or line breaks")
    return local_id


def fingerprint(payload: dict[str, Any]) -> str:
    """Return a stable hash of a write's content (kept after the payload is cleared)."""
    raw = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()


def idempotency_key(source: str, local_id: str, kind: str, seq: int, revision: int) -> str:
    """Return the deterministic ``Idempotency-Key`` of one write (for servers that honour it)."""
    raw = "\x1f".join([source, local_id, kind, str(seq), str(revision)])
    return "sync-" + hashlib.sha256(raw.encode()).hexdigest()[:40]


def _insert_ignore_statement(conn: Connection) -> Any:
    """``INSERT … ON CONFLICT DO NOTHING`` into the outbox (SQLite and PostgreSQL)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(o).on_conflict_do_nothing()
    if conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(o).on_conflict_do_nothing()
    raise SyncError(  # pragma: no cover - only SQLite and PostgreSQL are supported
        f"the outbox needs SQLite or PostgreSQL, not {conn.dialect.name}"
    )


def _insert_ignore(conn: Connection, values: dict[str, Any]) -> bool:
    # RETURNING, not rowcount: psycopg reports a skipped ON CONFLICT insert as -1 rows.
    inserted = conn.execute(_insert_ignore_statement(conn).values(**values).returning(o.c.id))
    return inserted.first() is not None


def enqueue_complaint(
    target: DatabaseTarget,
    complaint: Complaint,
    *,
    local_id: str,
    source: str | None = None,
) -> bool:
    """Queue a complaint to be filed with the national system.

    Enqueuing the same ``local_id`` (for the same ``source``) again is a no-op.

    Args:
        target: Database URL, engine, or a connection inside your own transaction (the
            transactional outbox: the row commits or rolls back with your change).
        complaint: The complaint; its title, description, channel, classification, category,
            location, reporter, privacy, incident date, supervisory flag and tags are sent.
        local_id: Its id in your system (``"app:123"``).
        source: Prefix of the ``external_ref`` sent (``f"{source}:{local_id}"``).

    A reporter whose processing is restricted (UU 27/2022 Pasal 41, marked with
    :func:`lapor_sdk.pdp.restrict_subject` on this database) is queued but held: the row is
    not sent until the restriction is lifted.

    Returns:
        Whether a new row was queued.

    Example:
        >>> with app_engine.begin() as conn:                       # doctest: +SKIP
        ...     conn.execute(insert(my_tickets).values(...))
        ...     enqueue_complaint(conn, complaint, local_id="app:123")
    """
    row = _complaint_row(source, local_id, complaint, time.time())
    with connect(target) as conn:
        row["restricted"] = bool(restricted_digests(conn, subject_digests(complaint.reporter)))
        return _insert_ignore(conn, row)


def enqueue_complaints(
    target: DatabaseTarget,
    complaints: Iterable[tuple[str, Complaint]],
    *,
    source: str | None = None,
) -> int:
    """Queue many complaints at once (``(local_id, complaint)`` pairs), in one statement.

    The same rules as :func:`enqueue_complaint`: a local id queued before is skipped.

    Returns:
        How many new rows were queued.
    """
    now = time.time()
    rows: list[dict[str, Any]] = []
    digests: list[list[str]] = []
    for local_id, complaint in complaints:
        rows.append(_complaint_row(source, local_id, complaint, now))
        digests.append(subject_digests(complaint.reporter))
    if not rows:
        return 0
    with connect(target) as conn:
        marked = restricted_digests(conn, (d for ds in digests for d in ds))
        for row, ds in zip(rows, digests, strict=True):
            row["restricted"] = not marked.isdisjoint(ds)
        before = _count(conn, source or "")
        conn.execute(_insert_ignore_statement(conn), rows)
        return _count(conn, source or "") - before


def _complaint_row(
    source: str | None, local_id: str, complaint: Complaint, now: float
) -> dict[str, Any]:
    """The pending outbox row of one complaint (checked local id, the fields filed)."""
    _check_local_id(local_id)
    payload = complaint.model_dump(mode="json", include=set(_FILED_FIELDS), exclude_none=True)
    # SLA clocks count from when the report reached the agency, not from when the outbox got
    # it through: a complaint without ``received_at`` reached the agency at ``created_at``.
    payload["received_at"] = (complaint.received_at or complaint.created_at).isoformat()
    return {
        "source": source or "",
        "local_id": local_id,
        "kind": COMPLAINT,
        "seq": 0,
        "revision": 0,
        "payload": json.dumps(payload, ensure_ascii=False),
        "fingerprint": fingerprint(payload),
        "state": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "maybe_sent": False,
        "needs_lookup": False,
        "created_at": now,
        "updated_at": now,
        "restricted": False,
    }


def _count(conn: Connection, source: str) -> int:
    return int(
        conn.execute(
            sa.select(sa.func.count())
            .select_from(o)
            .where(o.c.source == source, o.c.kind == COMPLAINT)
        ).scalar_one()
    )


def enqueue_follow_up(
    target: DatabaseTarget,
    local_id: str,
    *,
    text: str,
    final: bool = False,
    unit: str | None = None,
    source: str | None = None,
) -> bool:
    """Queue a follow-up (tindak lanjut) of a complaint queued under ``local_id``.

    It waits until the complaint has a tracking id and every earlier follow-up of it is done,
    so follow-ups arrive in the order they were queued.

    Args:
        target: Database URL, engine, or a connection inside your own transaction.
        local_id: The complaint's id in your system.
        text: The follow-up's text.
        final: Whether it completes the report.
        unit: The unit that wrote it.
        source: As for :func:`enqueue_complaint`.

    Returns:
        ``True`` (each call queues one follow-up).
    """
    _check_local_id(local_id)
    if not isinstance(text, str) or not 1 <= len(text) <= 20_000:
        raise SyncError(f"follow-up text for {local_id} must be 1..20000 characters; fix the text")
    payload: dict[str, Any] = {"text": text, "final": bool(final)}
    if unit is not None:
        payload["unit"] = unit
    src = source or ""
    for attempt in range(_ENQUEUE_TRIES):
        try:
            with connect(target) as conn:
                _insert_follow_up(conn, src, local_id, payload)
            return True
        except sa.exc.IntegrityError:
            # Another process took this position at the same instant (SQLite, or a follow-up
            # queued before its complaint). A transaction of our own is retried with the next
            # position; the caller's own transaction is theirs to retry.
            if isinstance(target, Connection) or attempt == _ENQUEUE_TRIES - 1:
                raise
            # SQLite has no row lock to wait on: step aside a little so writers spread out.
            time.sleep(random.uniform(0, 0.002 * (attempt + 1)))  # noqa: S311 - jitter
    raise AssertionError("unreachable")  # pragma: no cover


def _insert_follow_up(conn: Connection, src: str, local_id: str, payload: dict[str, Any]) -> None:
    now = time.time()
    parent = sa.select(o.c.restricted).where(
        o.c.source == src, o.c.local_id == local_id, o.c.kind == COMPLAINT, o.c.seq == 0
    )
    if conn.dialect.name == "postgresql":
        # Writers queuing follow-ups of one complaint take its row's lock in turn, so each
        # reads the position the previous one wrote (the unique key would refuse a tie).
        parent = parent.with_for_update()
    # A follow-up of a restricted reporter's complaint is held with it.
    restricted = conn.execute(parent).scalar_one_or_none()
    last = conn.execute(
        sa.select(sa.func.max(o.c.seq)).where(
            o.c.source == src, o.c.local_id == local_id, o.c.kind == FOLLOW_UP
        )
    ).scalar_one_or_none()
    conn.execute(
        sa.insert(o).values(
            source=src,
            local_id=local_id,
            kind=FOLLOW_UP,
            seq=(last or 0) + 1,
            revision=0,
            payload=json.dumps(payload, ensure_ascii=False),
            fingerprint=fingerprint(payload),
            state="waiting",
            attempts=0,
            next_attempt_at=now,
            maybe_sent=False,
            needs_lookup=False,
            created_at=now,
            updated_at=now,
            restricted=bool(restricted),
        )
    )
    promote(conn, src, local_id, now)


def _promote(conn: Connection, source: str, local_id: str | None, now: float) -> None:
    parent = o.alias("parent")
    earlier = o.alias("earlier")
    parent_done = (
        sa.select(parent.c.id)
        .where(
            parent.c.source == o.c.source,
            parent.c.local_id == o.c.local_id,
            parent.c.kind == COMPLAINT,
            parent.c.state == "done",
        )
        .exists()
    )
    earlier_open = (
        sa.select(earlier.c.id)
        .where(
            earlier.c.source == o.c.source,
            earlier.c.local_id == o.c.local_id,
            earlier.c.kind == FOLLOW_UP,
            earlier.c.seq < o.c.seq,
            earlier.c.state != "done",
        )
        .exists()
    )
    conditions = [o.c.source == source, o.c.kind == FOLLOW_UP, o.c.state == "waiting"]
    if local_id is not None:
        conditions.append(o.c.local_id == local_id)
    conn.execute(
        sa.update(o)
        .where(*conditions, parent_done, ~earlier_open)
        .values(state="pending", next_attempt_at=now, updated_at=now)
    )


def promote(
    conn: Connection, source: str, local_id: str, now: float, *, parent_done: bool = False
) -> None:
    """Make the next follow-up of ``local_id`` pending once its complaint is filed and every
    earlier follow-up is done (safe to repeat; index look-ups only). ``parent_done`` skips
    the check of the complaint when the caller has just settled it (or a follow-up of it)."""
    mine = (o.c.source == source, o.c.local_id == local_id)
    if not parent_done:
        parent = conn.execute(
            sa.select(o.c.state).where(*mine, o.c.kind == COMPLAINT, o.c.seq == 0)
        ).scalar_one_or_none()
        if parent != "done":
            return
    first = conn.execute(
        sa.select(o.c.id, o.c.state)
        .where(*mine, o.c.kind == FOLLOW_UP, o.c.state != "done")
        .order_by(o.c.seq)
        .limit(1)
    ).first()
    if first is not None and first.state == "waiting":
        conn.execute(
            sa.update(o)
            .where(o.c.id == first.id, o.c.state == "waiting")
            .values(state="pending", next_attempt_at=now, updated_at=now)
        )


def promote_all(conn: Connection, source: str, now: float) -> None:
    """:func:`promote` for every local id of ``source``, in one statement."""
    _promote(conn, source, None, now)


@dataclass(frozen=True, slots=True)
class Claimed:
    """A row taken under lease by one worker (holds the payload: never log it)."""

    id: int
    local_id: str
    kind: str
    seq: int
    revision: int
    payload: dict[str, Any]
    fingerprint: str
    needs_lookup: bool
    attempts: int
    lease_token: str
    parent_tracking_id: str | None = None
    same_before: int = 0

    def __repr__(self) -> str:
        return f"Claimed(id={self.id}, local_id={self.local_id!r}, kind={self.kind!r})"


def claim(
    conn: Connection,
    source: str,
    limit: int,
    now: float,
    lease: float,
    *,
    exclude: Sequence[int] = (),
) -> list[Claimed]:
    """Lease up to ``limit`` due rows (pending, or in flight with an expired lease).

    Rows of a reporter whose processing is restricted (``restricted``) are never claimed.

    The lease is committed before anything is sent; a row whose previous attempt may have
    reached the server (``maybe_sent``) comes back with ``needs_lookup`` set. ``exclude``
    lists rows this worker is still working on (never taken over by their own worker).
    """
    token = uuid.uuid4().hex
    # Two claims, each served by an index: rows left by a worker whose lease expired, then
    # rows due (an OR of the two would scan the whole outbox on every claim).
    rows: list[sa.Row[Any]] = []
    for state, due_column in (("in_flight", o.c.lease_until), ("pending", o.c.next_attempt_at)):
        if len(rows) >= limit:
            break
        conditions = [
            o.c.state == state,
            due_column <= now,
            o.c.source == source,
            o.c.restricted == sa.false(),
        ]
        if exclude:
            conditions.append(o.c.id.not_in(list(exclude)))
        due = (
            sa.select(o.c.id)
            .where(*conditions)
            .order_by(due_column, o.c.id)
            .limit(limit - len(rows))
            .with_for_update(skip_locked=True)
        )
        rows += conn.execute(
            sa.update(o)
            .where(o.c.id.in_(due.scalar_subquery()), o.c.state == state)
            .values(
                state="in_flight",
                lease_token=token,
                lease_until=now + lease,
                attempts=o.c.attempts + 1,
                needs_lookup=o.c.maybe_sent,
                maybe_sent=True,
                updated_at=now,
            )
            .returning(
                o.c.id,
                o.c.local_id,
                o.c.kind,
                o.c.seq,
                o.c.revision,
                o.c.payload,
                o.c.fingerprint,
                o.c.needs_lookup,
                o.c.attempts,
            )
        ).all()
    follow_ids = sorted({r.local_id for r in rows if r.kind == FOLLOW_UP})
    parents: dict[str, str] = {}
    if follow_ids:
        parents = {
            r.local_id: r.tracking_id
            for r in conn.execute(
                sa.select(o.c.local_id, o.c.tracking_id).where(
                    o.c.source == source,
                    o.c.kind == COMPLAINT,
                    o.c.local_id.in_(follow_ids),
                    o.c.state == "done",
                )
            )
        }
    claimed: list[Claimed] = []
    for r in rows:
        same_before = 0
        if r.kind == FOLLOW_UP and r.needs_lookup:
            same_before = int(
                conn.execute(
                    sa.select(sa.func.count())
                    .select_from(o)
                    .where(
                        o.c.source == source,
                        o.c.local_id == r.local_id,
                        o.c.kind == FOLLOW_UP,
                        o.c.seq < r.seq,
                        o.c.fingerprint == r.fingerprint,
                    )
                ).scalar_one()
            )
        claimed.append(
            Claimed(
                id=r.id,
                local_id=r.local_id,
                kind=r.kind,
                seq=r.seq,
                revision=r.revision,
                payload=json.loads(r.payload) if r.payload else {},
                fingerprint=r.fingerprint,
                needs_lookup=bool(r.needs_lookup),
                attempts=r.attempts,
                lease_token=token,
                parent_tracking_id=parents.get(r.local_id),
                same_before=same_before,
            )
        )
    return claimed
