"""The agency's own complaint register on SQLAlchemy Core (SQLite by default, PostgreSQL).

One table, ``lapor_complaints``: one row per complaint, keyed by the agency's local id (its
``external_ref``, else its tracking id), with the searchable columns (tracking id, status,
classification, dates) and the full :class:`~lapor_sdk.models.Complaint` as JSON.

The reporter is found by NIK, phone or e-mail through ``subject_keys``: SHA-256 digests of the
normalised values (``nik:…``, ``phone:+62…``, ``email:…``), never the values themselves, so
that a look-up by identity needs no scan and the searchable columns hold no contact data.
A digest of a NIK or phone number can be guessed by trying every number, so it is a
pseudonym, not anonymous: anonymising a row (:mod:`lapor_sdk.pdp`) clears it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from .._exceptions import InvalidInputError, LaporError
from ..models import Complaint, Reporter, Status
from ._engine import create_engine, default_database_url

__all__ = [
    "CLOSED_STATUSES",
    "SCHEMA_VERSION",
    "ComplaintStore",
    "complaint_key",
    "complaints_table",
    "subject_digests",
]

#: Version of the table layout this library writes.
SCHEMA_VERSION = 1
#: Statuses in which a complaint is finished: nothing more is done with it.
CLOSED_STATUSES = frozenset({Status.CLOSED, Status.ARCHIVED})

_metadata = sa.MetaData()

complaints_table = sa.Table(
    "lapor_complaints",
    _metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("tracking_id", sa.String(64), index=True),
    sa.Column("status", sa.String(30), nullable=False),
    sa.Column("classification", sa.String(40), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),  # ISO UTC, sorts as text
    sa.Column("closed_at", sa.String(40)),
    sa.Column("subject_keys", sa.String(400), nullable=False, default=""),
    sa.Column("anonymised_at", sa.String(40)),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)
sa.Index("ix_lapor_complaints_subject", complaints_table.c.subject_keys)

_meta = sa.Table(
    "lapor_complaints_meta",
    _metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.String(500), nullable=False),
)


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat()


def _digest(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()[:32]


def subject_digests(reporter: Reporter | None) -> list[str]:
    """Return the look-up digests of a reporter's NIK, phone and e-mail (normalised)."""
    if reporter is None:
        return []
    out = []
    if reporter.nik:
        out.append(_digest("nik", reporter.nik))
    if reporter.phone:
        out.append(_digest("phone", reporter.phone))
    if reporter.email:
        out.append(_digest("email", reporter.email.lower()))
    return out


def complaint_key(complaint: Complaint) -> str:
    """Return the row key of ``complaint``: its external ref, else its tracking id.

    Raises:
        InvalidInputError: It has neither.
    """
    key = complaint.external_ref or complaint.tracking_id
    if not key:
        raise InvalidInputError(
            "a stored complaint needs an external_ref (the agency's own id) or a tracking_id"
        )
    return key


def _closed_at(complaint: Complaint) -> dt.datetime | None:
    if complaint.status not in CLOSED_STATUSES:
        return None
    closing = [e.at for e in complaint.events if e.to_status in CLOSED_STATUSES]
    return max(closing) if closing else complaint.updated_at


def _url(where: str | os.PathLike[str] | None) -> str:
    if isinstance(where, os.PathLike):
        return f"sqlite:///{os.fspath(where)}"
    if where is None or not where.strip():
        return default_database_url()
    where = where.strip()
    return where if "://" in where else f"sqlite:///{where}"


class ComplaintStore:
    """The agency's complaints in a database, found by key, tracking id or reporter.

    Args:
        engine: A SQLAlchemy engine, a URL, a SQLite file path, or ``None`` for
            ``LAPOR_DATABASE_URL``, else ``$LAPOR_HOME/lapor.db``.

    Raises:
        LaporError: The table was written by a newer lapor-sdk.

    Example:
        >>> import datetime as dt
        >>> store = ComplaintStore("sqlite://")
        >>> c = Complaint(title="Jalan rusak", external_ref="app:1",
        ...               created_at=dt.datetime(2025, 3, 3, 9, tzinfo=dt.UTC))
        >>> store.save(c).external_ref
        'app:1'
        >>> len(store.all())
        1
    """

    def __init__(self, engine: Engine | str | os.PathLike[str] | None = None) -> None:
        self.engine = engine if isinstance(engine, Engine) else create_engine(_url(engine))
        _metadata.create_all(self.engine)
        with self.engine.begin() as conn:
            found = conn.execute(
                sa.select(_meta.c.value).where(_meta.c.key == "schema_version")
            ).scalar_one_or_none()
            if found is None:
                conn.execute(sa.insert(_meta).values(key="schema_version", value="1"))
            elif int(found) > SCHEMA_VERSION:
                raise LaporError(
                    f"complaint store schema version {found} is newer than this library "
                    f"({SCHEMA_VERSION}); upgrade lapor-sdk"
                )

    @staticmethod
    def row_values(
        complaint: Complaint, *, anonymised_at: dt.datetime | None = None
    ) -> dict[str, Any]:
        """Return the column values of ``complaint``'s row."""
        closed = _closed_at(complaint)
        return {
            "key": complaint_key(complaint),
            "tracking_id": complaint.tracking_id,
            "status": complaint.status.value,
            "classification": complaint.classification.value,
            "created_at": _iso(complaint.created_at),
            "closed_at": _iso(closed) if closed else None,
            "subject_keys": " ".join(subject_digests(complaint.reporter)),
            "anonymised_at": _iso(anonymised_at) if anonymised_at else None,
            "data": complaint.model_dump(mode="json"),
            "updated_at": _iso(dt.datetime.now(dt.UTC)),
        }

    def save(self, complaint: Complaint, *, conn: Connection | None = None) -> Complaint:
        """Insert or replace ``complaint`` (by its key); return it.

        Args:
            complaint: The complaint.
            conn: Run inside this transaction (the agency app's own) instead of a new one.
        """
        values = self.row_values(complaint)
        if conn is not None:
            self._upsert(conn, values)
        else:
            with self.engine.begin() as own:
                self._upsert(own, values)
        return complaint

    def save_all(self, complaints: Iterable[Complaint]) -> int:
        """Insert or replace many complaints in one transaction; return how many."""
        count = 0
        with self.engine.begin() as conn:
            for complaint in complaints:
                self._upsert(conn, self.row_values(complaint))
                count += 1
        return count

    @staticmethod
    def _upsert(conn: Connection, values: dict[str, Any]) -> None:
        done = conn.execute(
            sa.update(complaints_table)
            .where(complaints_table.c.key == values["key"])
            .values(**{k: v for k, v in values.items() if k != "key"})
        ).rowcount
        if not done:
            conn.execute(sa.insert(complaints_table).values(**values))

    def get(self, key: str) -> Complaint:
        """Return the complaint with local key or tracking id ``key``.

        Raises:
            InvalidInputError: No such complaint.
        """
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(complaints_table.c.data).where(
                    sa.or_(complaints_table.c.key == key, complaints_table.c.tracking_id == key)
                )
            ).first()
        if row is None:
            raise InvalidInputError(f"no complaint {key[:64]!r} in the store")
        return Complaint.model_validate(row.data)

    def all(self) -> list[Complaint]:
        """Return every complaint, oldest first."""
        return [c for _, c in self.rows()]

    def rows(self, keys: Sequence[str] | None = None) -> Iterator[tuple[str, Complaint]]:
        """Yield ``(key, complaint)`` of every row (or of ``keys``), oldest first."""
        stmt = sa.select(complaints_table.c.key, complaints_table.c.data).order_by(
            complaints_table.c.created_at, complaints_table.c.key
        )
        if keys is not None:
            stmt = stmt.where(complaints_table.c.key.in_(list(keys)))
        with self.engine.connect() as conn:
            for row in conn.execute(stmt):
                yield row.key, Complaint.model_validate(row.data)

    def find_by_digests(self, digests: Iterable[str]) -> list[tuple[str, Complaint]]:
        """Return ``(key, complaint)`` of the rows whose reporter has any of ``digests``."""
        wanted = [d for d in digests if d]
        if not wanted:
            return []
        col = complaints_table.c.subject_keys
        stmt = (
            sa.select(complaints_table.c.key, complaints_table.c.data)
            .where(sa.or_(*[col.contains(d, autoescape=True) for d in wanted]))
            .order_by(complaints_table.c.created_at, complaints_table.c.key)
        )
        with self.engine.connect() as conn:
            return [(r.key, Complaint.model_validate(r.data)) for r in conn.execute(stmt)]
