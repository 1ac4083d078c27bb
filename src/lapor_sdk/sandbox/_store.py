"""Persistence of the sandbox: reports, who may see them, idempotency records, files.

SQLAlchemy Core on any URL :func:`lapor_sdk.storage.create_engine` accepts (``sqlite://`` is
in memory). One lock serialises writes, so read-modify-write of a report is atomic.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..models import Complaint, Status

__all__ = [
    "Change",
    "IdempotencyRecord",
    "SandboxStore",
    "StoredComplaint",
    "decode_cursor",
    "encode_cursor",
]

_metadata = sa.MetaData()

complaints_table = sa.Table(
    "sandbox_complaints",
    _metadata,
    sa.Column("tracking_id", sa.String(64), primary_key=True),
    sa.Column("owner_agency", sa.String(100), nullable=False),
    sa.Column("external_ref", sa.String(200), nullable=False),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("agency", sa.String(100), nullable=True),
    sa.Column("updated_at", sa.String(40), nullable=False),
    sa.Column("data", sa.Text, nullable=False),
)
# Not unique: a sandbox without idempotency files a second report under the same reference
# (the server behaviour a sync engine must survive); with idempotency, create() looks first.
sa.Index(
    "ix_sandbox_complaints_external_ref",
    complaints_table.c.owner_agency,
    complaints_table.c.external_ref,
)
sa.Index(
    "ix_sandbox_complaints_updated", complaints_table.c.updated_at, complaints_table.c.tracking_id
)

access_table = sa.Table(
    "sandbox_access",
    _metadata,
    sa.Column("tracking_id", sa.String(64), primary_key=True),
    sa.Column("agency_id", sa.String(100), primary_key=True),
)

sequences_table = sa.Table(
    "sandbox_sequences",
    _metadata,
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("last", sa.Integer, nullable=False),
)

idempotency_table = sa.Table(
    "sandbox_idempotency",
    _metadata,
    sa.Column("agency_id", sa.String(100), primary_key=True),
    sa.Column("key", sa.String(255), primary_key=True),
    sa.Column("fingerprint", sa.String(64), nullable=False),
    sa.Column("status_code", sa.Integer, nullable=False),
    sa.Column("headers", sa.Text, nullable=False),
    sa.Column("body", sa.LargeBinary, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
)

changes_table = sa.Table(
    "sandbox_changes",
    _metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("tracking_id", sa.String(64), nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)

files_table = sa.Table(
    "sandbox_files",
    _metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("content", sa.LargeBinary, nullable=False),
)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def encode_cursor(updated_at: str, tracking_id: str) -> str:
    """Encode the position after a row as an opaque cursor."""
    raw = json.dumps([updated_at, tracking_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


#: What the two halves of a cursor look like (see :func:`_utc` and the tracking id pattern).
_CURSOR_TIME = re.compile(r"\d{1,4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00")
_CURSOR_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_MAX_CURSOR = 512


def decode_cursor(cursor: str) -> tuple[str, str]:
    """Decode a cursor made by :func:`encode_cursor`.

    The cursor is untrusted input: anything but the two strings this server writes (deep JSON,
    lone surrogates, NULs, huge text) is refused before it reaches a query.

    Raises:
        ValueError: The cursor was not made by this server.
    """
    invalid = "cursor is not valid; pass a `next_cursor` from a previous page"
    if len(cursor) > _MAX_CURSOR:
        raise ValueError(invalid)
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        updated_at, tracking_id = json.loads(raw)
    except (ValueError, TypeError, RecursionError) as exc:
        raise ValueError(invalid) from exc
    if (
        not isinstance(updated_at, str)
        or not isinstance(tracking_id, str)
        or not _CURSOR_TIME.fullmatch(updated_at)
        or not _CURSOR_ID.fullmatch(tracking_id)
    ):
        raise ValueError(invalid)
    return updated_at, tracking_id


@dataclass(frozen=True, slots=True)
class StoredComplaint:
    """A report with the agencies that may see it."""

    complaint: Complaint
    owner_agency: str
    visible_to: frozenset[str]


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of the sandbox's change log: a report was filed or changed."""

    seq: int
    """Position in the log (1, 2, …)."""
    tracking_id: str
    """The report."""
    updated_at: dt.datetime
    """Its ``updated_at`` after the change (UTC)."""


@dataclass(frozen=True, slots=True)
class IdempotencyRecord:
    """The first answer given to an ``Idempotency-Key``."""

    fingerprint: str
    status_code: int
    headers: dict[str, str]
    body: bytes
    created_at: float


class SandboxStore:
    """Tables and operations of the sandbox.

    Args:
        engine: A SQLAlchemy engine (``lapor_sdk.storage.create_engine``).
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.lock = threading.RLock()
        #: Open311 batch tokens handed out: token -> tracking id (in memory, newest kept).
        self.open311_tokens: dict[str, str] = {}
        _metadata.create_all(engine)

    # -- complaints ------------------------------------------------------------------------

    def _next_tracking_id(self, conn: Connection, year: int) -> str:
        last = conn.execute(
            sa.select(sequences_table.c.last).where(sequences_table.c.year == year)
        ).scalar_one_or_none()
        if last is None:
            seq = 1
            conn.execute(sa.insert(sequences_table).values(year=year, last=seq))
        else:
            seq = last + 1
            conn.execute(
                sa.update(sequences_table).where(sequences_table.c.year == year).values(last=seq)
            )
        return f"LAPOR-{year}-{seq:06d}"

    def find_by_external_ref(self, agency_id: str, external_ref: str) -> StoredComplaint | None:
        """Return the first report ``agency_id`` filed under ``external_ref``, if any."""
        with self.lock, self.engine.connect() as conn:
            tid = conn.execute(
                sa.select(complaints_table.c.tracking_id)
                .where(
                    complaints_table.c.owner_agency == agency_id,
                    complaints_table.c.external_ref == external_ref,
                )
                .order_by(complaints_table.c.tracking_id)
                .limit(1)
            ).scalar_one_or_none()
        return None if tid is None else self.get(tid)

    @staticmethod
    def _log_change(conn: Connection, tracking_id: str, updated_at: str) -> None:
        conn.execute(
            sa.insert(changes_table).values(tracking_id=tracking_id, updated_at=updated_at)
        )

    def changes(self, *, after: int = 0) -> list[Change]:
        """Return the change log: every filing and every change of a report, in order.

        Args:
            after: Only entries with ``seq`` greater than this.
        """
        t = changes_table.c
        with self.lock, self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(t.seq, t.tracking_id, t.updated_at).where(t.seq > after).order_by(t.seq)
            ).all()
        return [Change(r.seq, r.tracking_id, dt.datetime.fromisoformat(r.updated_at)) for r in rows]

    def create(
        self,
        agency_id: str,
        external_ref: str,
        build: Callable[[str], Complaint],
        *,
        dedupe: bool = True,
    ) -> tuple[StoredComplaint, bool]:
        """File a report, or return the one already filed under the same external ref.

        Args:
            agency_id: The filing agency.
            external_ref: Its reference in the source system.
            build: Makes the report given its new tracking id.
            dedupe: Return the report already filed under ``external_ref`` instead of filing
                another (``False`` emulates a server that files every request it gets).

        Returns:
            The stored report and whether it was created now.
        """
        with self.lock:
            existing = self.find_by_external_ref(agency_id, external_ref) if dedupe else None
            if existing is not None:
                return existing, False
            with self.engine.begin() as conn:
                probe = build("LAPOR-0000-000000")
                tracking_id = self._next_tracking_id(conn, probe.created_at.year)
                complaint = probe.model_copy(update={"tracking_id": tracking_id})
                conn.execute(
                    sa.insert(complaints_table).values(
                        tracking_id=tracking_id,
                        owner_agency=agency_id,
                        external_ref=external_ref,
                        status=complaint.status.value,
                        agency=complaint.agency,
                        updated_at=_utc(complaint.updated_at or complaint.created_at),
                        data=complaint.model_dump_json(),
                    )
                )
                conn.execute(
                    sa.insert(access_table).values(tracking_id=tracking_id, agency_id=agency_id)
                )
                self._log_change(
                    conn, tracking_id, _utc(complaint.updated_at or complaint.created_at)
                )
                if complaint.agency and complaint.agency != agency_id:
                    conn.execute(
                        sa.insert(access_table).values(
                            tracking_id=tracking_id, agency_id=complaint.agency
                        )
                    )
        return self.get(tracking_id) or StoredComplaint(complaint, agency_id, frozenset()), True

    def get(self, tracking_id: str) -> StoredComplaint | None:
        """Return a report by tracking id."""
        with self.lock, self.engine.connect() as conn:
            row = conn.execute(
                sa.select(complaints_table.c.data, complaints_table.c.owner_agency).where(
                    complaints_table.c.tracking_id == tracking_id
                )
            ).one_or_none()
            if row is None:
                return None
            agencies = conn.execute(
                sa.select(access_table.c.agency_id).where(access_table.c.tracking_id == tracking_id)
            ).scalars()
            return StoredComplaint(
                Complaint.model_validate_json(row.data), row.owner_agency, frozenset(agencies)
            )

    def save(self, complaint: Complaint, *, grant: Iterable[str] = ()) -> None:
        """Store a new version of a report and let more agencies see it."""
        tracking_id = complaint.tracking_id
        updated_at = _utc(complaint.updated_at or complaint.created_at)
        with self.lock, self.engine.begin() as conn:
            conn.execute(
                sa.update(complaints_table)
                .where(complaints_table.c.tracking_id == tracking_id)
                .values(
                    status=complaint.status.value,
                    agency=complaint.agency,
                    updated_at=updated_at,
                    data=complaint.model_dump_json(),
                )
            )
            if tracking_id is not None:
                self._log_change(conn, tracking_id, updated_at)
            known = set(
                conn.execute(
                    sa.select(access_table.c.agency_id).where(
                        access_table.c.tracking_id == tracking_id
                    )
                ).scalars()
            )
            for agency_id in set(grant) - known:
                conn.execute(
                    sa.insert(access_table).values(tracking_id=tracking_id, agency_id=agency_id)
                )

    def list(
        self,
        *,
        visible_to: str | None,
        status: Status | None = None,
        agency: str | None = None,
        updated_since: dt.datetime | None = None,
        after: tuple[str, str] | None = None,
        limit: int = 50,
        external_ref: str | None = None,
        owner_agency: str | None = None,
    ) -> tuple[list[Complaint], str | None]:
        """Return one page of reports ordered by (updated_at, tracking_id) and the next cursor.

        Args:
            visible_to: Only reports this agency may see (``None``: all, national admin).
            status: Filter on status.
            agency: Filter on the agency currently responsible.
            updated_since: Only reports changed at or after this instant.
            after: Position (from a cursor) to continue after.
            limit: Page size.
            external_ref: Only reports filed under this reference …
            owner_agency: … by this agency.
        """
        c = complaints_table.c
        query = sa.select(c.data, c.updated_at, c.tracking_id)
        if visible_to is not None:
            query = query.where(
                c.tracking_id.in_(
                    sa.select(access_table.c.tracking_id).where(
                        access_table.c.agency_id == visible_to
                    )
                )
            )
        if status is not None:
            query = query.where(c.status == status.value)
        if agency is not None:
            query = query.where(c.agency == agency)
        if external_ref is not None:
            query = query.where(c.external_ref == external_ref)
            if owner_agency is not None:
                query = query.where(c.owner_agency == owner_agency)
        if updated_since is not None:
            query = query.where(c.updated_at >= _utc(updated_since))
        if after is not None:
            query = query.where(
                sa.or_(
                    c.updated_at > after[0],
                    sa.and_(c.updated_at == after[0], c.tracking_id > after[1]),
                )
            )
        query = query.order_by(c.updated_at, c.tracking_id).limit(limit + 1)
        with self.lock, self.engine.connect() as conn:
            rows = conn.execute(query).all()
        more = len(rows) > limit
        rows = rows[:limit]
        items = [Complaint.model_validate_json(r.data) for r in rows]
        cursor = encode_cursor(rows[-1].updated_at, rows[-1].tracking_id) if more else None
        return items, cursor

    def count(self) -> int:
        """Number of stored reports."""
        with self.lock, self.engine.connect() as conn:
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(complaints_table)).scalar_one()
            )

    # -- files -----------------------------------------------------------------------------

    def put_file(self, sha256: str, content: bytes) -> None:
        """Store file content by its hash (content-addressed, stored once)."""
        with self.lock, self.engine.begin() as conn:
            exists = conn.execute(
                sa.select(files_table.c.sha256).where(files_table.c.sha256 == sha256)
            ).first()
            if exists is None:
                conn.execute(sa.insert(files_table).values(sha256=sha256, content=content))

    # -- idempotency -----------------------------------------------------------------------

    def get_idempotent(
        self, agency_id: str, key: str, *, not_before: float
    ) -> IdempotencyRecord | None:
        """Return the stored answer of a key, ignoring (and purging) expired ones."""
        t = idempotency_table.c
        with self.lock, self.engine.begin() as conn:
            conn.execute(sa.delete(idempotency_table).where(t.created_at < not_before))
            row = conn.execute(
                sa.select(t.fingerprint, t.status_code, t.headers, t.body, t.created_at).where(
                    t.agency_id == agency_id, t.key == key
                )
            ).one_or_none()
        if row is None:
            return None
        return IdempotencyRecord(
            row.fingerprint, row.status_code, json.loads(row.headers), row.body, row.created_at
        )

    def put_idempotent(self, agency_id: str, key: str, record: IdempotencyRecord) -> None:
        """Remember the first answer given to a key."""
        with self.lock, self.engine.begin() as conn:
            conn.execute(
                sa.insert(idempotency_table).values(
                    agency_id=agency_id,
                    key=key,
                    fingerprint=record.fingerprint,
                    status_code=record.status_code,
                    headers=json.dumps(record.headers),
                    body=record.body,
                    created_at=record.created_at,
                )
            )

    def reset(self) -> None:
        """Delete every report, file, idempotency record and Open311 token."""
        self.open311_tokens.clear()
        with self.lock, self.engine.begin() as conn:
            for table in reversed(_metadata.sorted_tables):
                conn.execute(sa.delete(table))
