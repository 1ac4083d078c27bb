"""Fixtures of the sync tests: a sandbox without idempotency, complaints, engines."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from lapor_sdk.models import Channel, Complaint, Reporter
from lapor_sdk.sandbox import Sandbox
from lapor_sdk.sync import SyncEngine

WIB = dt.timezone(dt.timedelta(hours=7))
#: Personal data the privacy checks look for in every output of the engine.
CANARY_NIK = "3578010101900001"
CANARY_PHONE = "081298765432"


def complaint(i: int = 1, **changes: Any) -> Complaint:
    """A complaint as an agency app would build it (with a reporter's personal data)."""
    fields: dict[str, Any] = {
        "title": f"Jalan berlubang nomor {i}",
        "description": "Jalan di depan pasar berlubang dan membahayakan pengendara.",
        "channel": Channel.WHATSAPP,
        "created_at": dt.datetime(2025, 3, 3, 9, 0, tzinfo=WIB),
        "reporter": Reporter(name="Siti Aminah", phone=CANARY_PHONE, nik=CANARY_NIK),
    }
    fields.update(changes)
    return Complaint(**fields)


@pytest.fixture(scope="session")
def bare_server() -> Iterator[Sandbox]:
    """One sandbox without idempotency for the session (reset by ``bare``)."""
    with Sandbox.running(idempotency=False) as sb:
        yield sb


@pytest.fixture
def bare(bare_server: Sandbox) -> Sandbox:
    """The sandbox without idempotency, reset: no reports, no faults."""
    bare_server.reset()
    return bare_server


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh SQLite file for the outbox."""
    return f"sqlite:///{tmp_path / 'sync.db'}"


@pytest.fixture
def make_engine(bare: Sandbox, db_url: str) -> Iterator[Callable[..., SyncEngine]]:
    """Factory of engines on the bare sandbox and ``db_url`` (closed after the test)."""
    made: list[SyncEngine] = []
    clients: list[Any] = []

    def factory(**options: Any) -> SyncEngine:
        client = options.pop("client", None) or bare.client()
        clients.append(client)
        options.setdefault("database_url", db_url)
        options.setdefault("retry_initial", 0.01)
        options.setdefault("retry_max", 0.2)
        options.setdefault("lease", 1.0)
        engine = SyncEngine(client=client, **options)
        made.append(engine)
        return engine

    yield factory
    for engine in made:
        engine.close()
    for client in clients:
        client.close()


def postgres_url() -> str | None:
    """The PostgreSQL test server, if any (``LAPOR_TEST_DATABASE_URL``)."""
    return os.environ.get("LAPOR_TEST_DATABASE_URL")


def drop_sync_tables(url: str) -> None:
    """Remove the sync tables of a PostgreSQL test database (a clean start per test)."""
    from lapor_sdk.storage import create_engine

    engine = create_engine(url)
    with engine.begin() as conn:
        for table in ("sync_outbox", "sync_mirror", "sync_meta"):
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {table}"))
    engine.dispose()
