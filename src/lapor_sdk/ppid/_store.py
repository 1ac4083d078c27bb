"""Persistence of the PPID registers on SQLAlchemy Core (SQLite by default, PostgreSQL).

Tables (prefix ``ppid_``): ``ppid_requests`` (one row per request: the searchable columns and
the full record as JSON) and ``ppid_meta`` (schema version). The schema is versioned and moves
forward only, one numbered step at a time (:data:`MIGRATIONS`); each step is a plain function
of a connection, kept self-contained so it can move onto a shared migration runner later.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from .._exceptions import InvalidInputError, LaporError
from ..storage import create_engine, default_database_url
from ._enums import RequestStatus
from ._models import InformationRequest

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "PpidStore",
    "RequestNotFoundError",
    "SchemaVersionError",
]

#: Version of the table layout this library writes.
SCHEMA_VERSION = 1

_NUMBER_PREFIX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$")


class RequestNotFoundError(InvalidInputError):
    """No request with that registration (or objection) number is in the register."""


class SchemaVersionError(LaporError):
    """The database was written by a newer lapor-sdk than this one."""


metadata = sa.MetaData()

meta = sa.Table(
    "ppid_meta",
    metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.String(500), nullable=False),
)

requests = sa.Table(
    "ppid_requests",
    metadata,
    sa.Column("number", sa.String(64), primary_key=True),
    sa.Column("received_at", sa.String(40), nullable=False),  # ISO UTC, sorts as text
    sa.Column("status", sa.String(30), nullable=False),
    sa.Column("objection_number", sa.String(64), unique=True),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)
sa.Index("ix_ppid_requests_received", requests.c.received_at)
sa.Index("ix_ppid_requests_status", requests.c.status)


def _step_1(conn: Connection) -> None:
    """Create the request table and its indexes."""
    requests.create(conn, checkfirst=True)


#: version -> step that brings the schema from ``version - 1`` to ``version``.
MIGRATIONS: Mapping[int, Callable[[Connection], None]] = {1: _step_1}


def _url(where: str | os.PathLike[str] | None) -> str:
    """Return the URL of ``where``: a URL as given, a file path as SQLite, else the default."""
    if isinstance(where, os.PathLike):
        return f"sqlite:///{os.fspath(where)}"
    if where is None or not where.strip():
        return default_database_url("ppid.db")
    where = where.strip()
    return where if "://" in where else f"sqlite:///{where}"


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat()


class PpidStore:
    """The PPID's request and objection registers in a database.

    Args:
        engine: A SQLAlchemy engine; a URL (``sqlite:///ppid.db``, ``postgresql://…``); a
            path to a SQLite file (``Path`` or text without ``://``); or ``None`` for
            ``LAPOR_DATABASE_URL``, else ``$LAPOR_HOME/ppid.db``. The ``lapor ppid`` commands
            check their ``--db`` before they get here (:mod:`lapor_sdk.cli`).

    Raises:
        SchemaVersionError: The database was written by a newer lapor-sdk.

    Example:
        >>> store = PpidStore("sqlite://")
        >>> store.next_number(2025)
        'PPID/2025/0001'
    """

    def __init__(self, engine: Engine | str | os.PathLike[str] | None = None) -> None:
        self.engine = engine if isinstance(engine, Engine) else create_engine(_url(engine))
        self._migrate()

    def _migrate(self) -> None:
        with self.engine.begin() as conn:
            meta.create(conn, checkfirst=True)
            found = conn.execute(
                sa.select(meta.c.value).where(meta.c.key == "schema_version")
            ).scalar_one_or_none()
            version = int(found) if found is not None else 0
            if version > SCHEMA_VERSION:
                raise SchemaVersionError(
                    f"the PPID register schema is version {version}, newer than this library's "
                    f"{SCHEMA_VERSION}; upgrade lapor-sdk"
                )
            for step in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[step](conn)
            if found is None:
                conn.execute(
                    sa.insert(meta).values(key="schema_version", value=str(SCHEMA_VERSION))
                )
            elif version != SCHEMA_VERSION:
                conn.execute(
                    sa.update(meta)
                    .where(meta.c.key == "schema_version")
                    .values(value=str(SCHEMA_VERSION))
                )

    @property
    def schema_version(self) -> int:
        """The schema version stored in the database."""
        with self.engine.connect() as conn:
            value = conn.execute(
                sa.select(meta.c.value).where(meta.c.key == "schema_version")
            ).scalar_one()
        return int(value)

    @staticmethod
    def _values(request: InformationRequest) -> dict[str, Any]:
        return {
            "number": request.number,
            "received_at": _iso(request.received_at),
            "status": request.status.value,
            "objection_number": request.objection.number if request.objection else None,
            "data": request.model_dump(mode="json"),
            "updated_at": _iso(dt.datetime.now(dt.UTC)),
        }

    def add(self, request: InformationRequest) -> InformationRequest:
        """Insert a new request.

        Raises:
            InvalidInputError: The number is already registered.
        """
        try:
            with self.engine.begin() as conn:
                conn.execute(sa.insert(requests).values(**self._values(request)))
        except IntegrityError:
            raise InvalidInputError(
                f"request number {request.number} is already in the register; "
                "give the new request its own number"
            ) from None
        return request

    def save(self, request: InformationRequest) -> InformationRequest:
        """Write a changed request back (its number must be registered).

        Raises:
            RequestNotFoundError: The number is not in the register.
            InvalidInputError: The objection number is used by another request.
        """
        try:
            with self.engine.begin() as conn:
                done = conn.execute(
                    sa.update(requests)
                    .where(requests.c.number == request.number)
                    .values(**self._values(request))
                ).rowcount
        except IntegrityError:
            number = request.objection.number if request.objection else "?"
            raise InvalidInputError(
                f"objection number {number} is already used by another request; "
                "give the objection its own number"
            ) from None
        if not done:
            raise RequestNotFoundError(
                f"request {request.number} is not in the register; add() it first"
            )
        return request

    def get(self, number: str) -> InformationRequest:
        """Return the request with registration number (or objection number) ``number``.

        Raises:
            RequestNotFoundError: No such request.
        """
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(requests.c.data).where(
                    sa.or_(requests.c.number == number, requests.c.objection_number == number)
                )
            ).first()
        if row is None:
            shown = number[:64]
            raise RequestNotFoundError(
                f"no request {shown!r} in the register; `lapor ppid due --all` lists the numbers"
            )
        return InformationRequest.model_validate(row.data)

    def list(
        self,
        *,
        received_from: dt.datetime | None = None,
        received_until: dt.datetime | None = None,
        statuses: list[RequestStatus] | None = None,
    ) -> list[InformationRequest]:
        """Return requests (received in ``[from, until)`` when given), oldest first."""
        stmt = sa.select(requests.c.data).order_by(requests.c.received_at, requests.c.number)
        if received_from is not None:
            stmt = stmt.where(requests.c.received_at >= _iso(received_from))
        if received_until is not None:
            stmt = stmt.where(requests.c.received_at < _iso(received_until))
        if statuses is not None:
            stmt = stmt.where(requests.c.status.in_([s.value for s in statuses]))
        with self.engine.connect() as conn:
            return [InformationRequest.model_validate(r.data) for r in conn.execute(stmt)]

    def next_number(self, year: int, *, prefix: str = "PPID") -> str:
        """Return the next free number of ``year``: ``PREFIX/YEAR/0001``, ``…/0002``, ….

        Raises:
            InvalidInputError: A prefix that is not 1-31 letters, digits, ``.``, ``_``, ``-``.
        """
        if not _NUMBER_PREFIX.match(prefix):
            raise InvalidInputError(
                f"number prefix {prefix[:40]!r} must be 1-31 letters, digits, '.', '_' or '-'"
            )
        if not 1900 <= year <= 9999:
            raise InvalidInputError(f"year {year} is out of range (1900-9999)")
        head = f"{prefix}/{year}/"
        with self.engine.connect() as conn:
            taken = [
                n
                for (n,) in conn.execute(
                    sa.select(requests.c.number).where(
                        requests.c.number.startswith(head, autoescape=True)
                    )
                )
            ] + [
                n
                for (n,) in conn.execute(
                    sa.select(requests.c.objection_number).where(
                        requests.c.objection_number.startswith(head, autoescape=True)
                    )
                )
            ]
        seqs = [int(n[len(head) :]) for n in taken if n[len(head) :].isdigit()]
        return f"{head}{max(seqs, default=0) + 1:04d}"
