"""Tables of the sync engine: the outbox, the mirror of national reports, checkpoints.

The layout is versioned: :func:`migrate_sync_schema` applies the missing steps of
:data:`SYNC_MIGRATIONS` in order, each in its own transaction with the new version number, and
never drops a table. A database written by a newer library is refused, not downgraded.

Rows of ``sync_outbox`` hold the reporter's personal data until the write is done (the payload
is then cleared); they are never logged.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from .._exceptions import LaporError

__all__ = [
    "SYNC_MIGRATIONS",
    "SYNC_SCHEMA_VERSION",
    "SyncSchemaError",
    "migrate_sync_schema",
    "sync_meta",
    "sync_metadata",
    "sync_mirror",
    "sync_outbox",
]

sync_metadata = sa.MetaData()
"""Metadata of the sync tables (created by the migrations, not by ``create_all``)."""

sync_meta = sa.Table(
    "sync_meta",
    sync_metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
"""Schema version and pull checkpoints (``checkpoint:<source>``)."""

sync_outbox = sa.Table(
    "sync_outbox",
    sync_metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.String(100), nullable=False),
    sa.Column("local_id", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("revision", sa.Integer, nullable=False, server_default="0"),
    sa.Column("payload", sa.Text, nullable=True),
    sa.Column("fingerprint", sa.String(64), nullable=False),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("wait_reason", sa.String(32), nullable=True),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_attempt_at", sa.Float, nullable=False),
    sa.Column("lease_token", sa.String(64), nullable=True),
    sa.Column("lease_until", sa.Float, nullable=True),
    sa.Column("maybe_sent", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("needs_lookup", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("tracking_id", sa.String(64), nullable=True),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
    sa.Column("restricted", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("anonymised_at", sa.Float, nullable=True),
    sa.UniqueConstraint("source", "local_id", "kind", "seq", name="uq_sync_outbox_write"),
)
"""One row per logical write: ``state`` is ``waiting`` (for its complaint's tracking id or an
earlier follow-up), ``pending``, ``in_flight`` (leased until ``lease_until``), ``done``,
``dead`` (permanent error) or ``unknown`` (sent, unsure, and no way to look it up).
``restricted`` (schema 2): the reporter's processing is restricted (UU 27/2022 Pasal 41):
the row is kept and never claimed until the restriction is lifted. ``anonymised_at``
(schema 2): the reporter's data was erased from the payload (it is still sent, anonymised)."""

sa.Index("ix_sync_outbox_due", sync_outbox.c.state, sync_outbox.c.next_attempt_at)
sa.Index("ix_sync_outbox_lease", sync_outbox.c.state, sync_outbox.c.lease_until)

sync_mirror = sa.Table(
    "sync_mirror",
    sync_metadata,
    sa.Column("tracking_id", sa.String(64), primary_key=True),
    sa.Column("external_ref", sa.String(200), nullable=True),
    sa.Column("updated_at", sa.Float, nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("anonymised_at", sa.Float, nullable=True),
)
"""The latest pulled version of each national report (newest ``updated_at`` wins).
``anonymised_at`` (schema 2): its reporter was erased here; later pulls of the same report
are stored anonymised too."""

sa.Index("ix_sync_mirror_external_ref", sync_mirror.c.external_ref)

#: Version of the layout this library writes.
SYNC_SCHEMA_VERSION = 2
_VERSION_KEY = "schema_version"


class SyncSchemaError(LaporError):
    """The sync tables were written by a newer lapor-sdk; upgrade the library."""


def _v1(conn: Connection) -> None:
    # The first layout: every table and index as declared above.
    sync_metadata.create_all(conn)


def _v2(conn: Connection) -> None:
    # UU 27/2022: the restriction flag of outbox rows, the erasure marks of outbox and
    # mirror rows, and
    # the restriction marks the enqueue functions check. (A database created by this
    # library's _v1 already has the columns: create_all writes the current declaration.)
    from ._restrictions import restrictions_table

    inspector = sa.inspect(conn)
    false = "false" if conn.dialect.name == "postgresql" else "0"
    outbox = {c["name"] for c in inspector.get_columns("sync_outbox")}
    mirror = {c["name"] for c in inspector.get_columns("sync_mirror")}
    added = [
        ("sync_outbox", "restricted", f"BOOLEAN NOT NULL DEFAULT {false}", outbox),
        ("sync_outbox", "anonymised_at", "FLOAT", outbox),
        ("sync_mirror", "anonymised_at", "FLOAT", mirror),
    ]
    for table, column, kind, present in added:
        if column not in present:
            conn.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {column} {kind}"))
    restrictions_table.create(conn, checkfirst=True)


#: Step ``n`` (index ``n - 1``) moves the layout from version ``n - 1`` to ``n``; add a step,
#: never edit one that has shipped.
SYNC_MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_v1, _v2)


def _version(conn: Connection) -> int:
    if not sa.inspect(conn).has_table("sync_meta"):
        return 0
    value = conn.execute(
        sa.select(sync_meta.c.value).where(sync_meta.c.key == _VERSION_KEY)
    ).scalar_one_or_none()
    return int(value) if value is not None else 0


def migrate_sync_schema(target: Engine | Connection) -> int:
    """Bring the sync tables up to :data:`SYNC_SCHEMA_VERSION`, step by step.

    Several workers may start at once: on PostgreSQL the steps run under an advisory lock.

    Args:
        target: An engine (each step commits on its own) or a connection inside the caller's
            transaction (the steps join it).

    Returns:
        The schema version now in force.

    Raises:
        SyncSchemaError: The database is newer than this library.
    """
    if isinstance(target, Connection):
        return _migrate(target)
    with target.begin() as conn:
        return _migrate(conn)


def _migrate(conn: Connection) -> int:
    if conn.dialect.name == "postgresql":
        # Transaction-scoped: released at commit; serialises concurrent first starts.
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(727170001)"))
    found = _version(conn)
    if found > SYNC_SCHEMA_VERSION:
        raise SyncSchemaError(
            f"the sync tables are at schema version {found}, newer than this library "
            f"({SYNC_SCHEMA_VERSION}); upgrade lapor-sdk"
        )
    for version in range(found + 1, SYNC_SCHEMA_VERSION + 1):
        SYNC_MIGRATIONS[version - 1](conn)
        if version == 1:
            conn.execute(sa.insert(sync_meta).values(key=_VERSION_KEY, value="1"))
        else:
            conn.execute(
                sa.update(sync_meta)
                .where(sync_meta.c.key == _VERSION_KEY)
                .values(value=str(version))
            )
    return SYNC_SCHEMA_VERSION
