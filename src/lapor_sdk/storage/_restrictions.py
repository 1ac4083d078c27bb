"""Restriction marks (UU 27/2022 Pasal 41): which data subjects' processing is restricted.

One table, ``pdp_restrictions``, in each database that holds a restricted person's records:
one row per identifier digest (the same SHA-256 digests of the normalised NIK, phone and
e-mail the complaint register searches by, :func:`~lapor_sdk.storage._complaints.
subject_digests`), with the request it came from and since when. It holds no contact data.
Code that processes reporters' data checks it (the sync engine does before it sends); lifting
a restriction deletes the rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..models import Reporter
from ._complaints import subject_digests

__all__ = [
    "is_restricted",
    "lift_marks",
    "mark_restricted",
    "restricted_digests",
    "restrictions_table",
]

_metadata = sa.MetaData()

restrictions_table = sa.Table(
    "pdp_restrictions",
    _metadata,
    sa.Column("digest", sa.String(64), primary_key=True),
    sa.Column("request_id", sa.String(64), nullable=False),
    sa.Column("since", sa.String(40), nullable=False),  # ISO UTC
)
"""Digests of restricted subjects' identifiers (no contact data)."""


def _ensure(conn: Connection) -> None:
    restrictions_table.create(conn, checkfirst=True)


def mark_restricted(
    target: Engine | Connection, person: Reporter, *, request_id: str, at: dt.datetime
) -> int:
    """Record that ``person``'s processing is restricted; return how many digests are new."""
    digests = subject_digests(person)
    if isinstance(target, Engine):
        with target.begin() as conn:
            return _mark(conn, digests, request_id, at)
    return _mark(target, digests, request_id, at)


def _mark(conn: Connection, digests: list[str], request_id: str, at: dt.datetime) -> int:
    _ensure(conn)
    t = restrictions_table
    have = set(conn.execute(sa.select(t.c.digest).where(t.c.digest.in_(digests))).scalars())
    since = at.astimezone(dt.UTC).isoformat()
    new = [{"digest": d, "request_id": request_id[:64], "since": since} for d in digests
           if d not in have]  # fmt: skip
    if new:
        conn.execute(sa.insert(t), new)
    return len(new)


def lift_marks(target: Engine | Connection, person: Reporter) -> int:
    """Remove ``person``'s restriction marks; return how many were removed."""
    digests = subject_digests(person)
    if isinstance(target, Engine):
        with target.begin() as conn:
            return _lift(conn, digests)
    return _lift(target, digests)


def _lift(conn: Connection, digests: list[str]) -> int:
    if not digests or not sa.inspect(conn).has_table(restrictions_table.name):
        return 0
    t = restrictions_table
    return int(conn.execute(sa.delete(t).where(t.c.digest.in_(digests))).rowcount or 0)


def restricted_digests(conn: Connection, digests: Iterable[str]) -> set[str]:
    """Return which of ``digests`` are marked (the table must exist: see the sync schema)."""
    wanted = sorted(set(digests))
    t = restrictions_table
    found: set[str] = set()
    for start in range(0, len(wanted), 500):  # SQLite limits the parameters of a statement
        chunk = wanted[start : start + 500]
        found.update(conn.execute(sa.select(t.c.digest).where(t.c.digest.in_(chunk))).scalars())
    return found


def is_restricted(target: Engine | Connection, person: Reporter | None) -> bool:
    """Tell whether ``person``'s processing is restricted in this database."""
    digests = subject_digests(person)
    if not digests:
        return False
    if isinstance(target, Engine):
        with target.connect() as conn:
            return is_restricted(conn, person)
    if not sa.inspect(target).has_table(restrictions_table.name):
        return False
    return bool(restricted_digests(target, digests))
