"""Engine factory: SQLite file by default (WAL), PostgreSQL (psycopg) in production."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

__all__ = ["create_engine", "default_database_url"]


def default_database_url(name: str = "lapor.db") -> str:
    """Return the embedded default database URL.

    ``LAPOR_DATABASE_URL`` wins; otherwise a SQLite file under ``$LAPOR_HOME`` (default
    ``~/.lapor``).

    Args:
        name: File name of the SQLite database.
    """
    url = os.environ.get("LAPOR_DATABASE_URL")
    if url:
        return url
    home = Path(os.environ.get("LAPOR_HOME") or Path.home() / ".lapor")
    home.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{home / name}"


def create_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """Create a SQLAlchemy engine for the SDK's stores.

    ``sqlite://`` (no path) is an in-memory database shared by all connections of the engine,
    for tests. SQLite files use WAL mode and foreign keys; ``postgresql://`` URLs use psycopg 3.

    Args:
        url: Database URL; defaults to :func:`default_database_url`.
        **kwargs: Passed on to :func:`sqlalchemy.create_engine`.

    Returns:
        A ready engine.
    """
    url = url or default_database_url()
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:")
        kwargs.setdefault("connect_args", {"check_same_thread": False})
        if memory:
            kwargs.setdefault("poolclass", StaticPool)
        engine = sa.create_engine(url, **kwargs)

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            if not memory:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=5000")
            cur.close()

        return engine
    return sa.create_engine(url, pool_pre_ping=True, **kwargs)
