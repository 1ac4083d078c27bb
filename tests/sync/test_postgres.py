"""The outbox on PostgreSQL: concurrent first starts, SKIP LOCKED claims, a full run."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa

from lapor_sdk.sandbox import Sandbox
from lapor_sdk.storage import SYNC_SCHEMA_VERSION, create_engine, migrate_sync_schema
from lapor_sdk.sync import SyncEngine, enqueue_complaints
from lapor_sdk.sync._outbox import claim

from .conftest import complaint, drop_sync_tables, postgres_url

pytestmark = pytest.mark.postgres

EngineFactory = Callable[..., SyncEngine]


@pytest.fixture
def pg() -> Iterator[str]:
    url = postgres_url()
    if url is None:
        pytest.skip("set LAPOR_TEST_DATABASE_URL to a PostgreSQL database")
    drop_sync_tables(url)
    yield url
    drop_sync_tables(url)


def test_workers_starting_together_migrate_once(pg: str) -> None:
    engines = [create_engine(pg) for _ in range(4)]
    results: list[int] = []
    threads = [
        threading.Thread(target=lambda e=e: results.append(migrate_sync_schema(e))) for e in engines
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [SYNC_SCHEMA_VERSION] * 4
    with engines[0].connect() as conn:
        versions = conn.execute(sa.text("SELECT value FROM sync_meta")).scalars().all()
    assert versions == [str(SYNC_SCHEMA_VERSION)]
    for e in engines:
        e.dispose()


def test_concurrent_claims_never_share_a_row(pg: str) -> None:
    db = create_engine(pg)
    migrate_sync_schema(db)
    enqueue_complaints(db, [(f"t{i}", complaint(i)) for i in range(200)], source="s")
    taken: list[list[int]] = []
    barrier = threading.Barrier(4)

    def worker() -> None:
        mine: list[int] = []
        barrier.wait()
        while True:
            with db.begin() as conn:
                rows = claim(conn, "s", 7, time.time(), 30.0)
            if not rows:
                break
            mine += [r.id for r in rows]
        taken.append(mine)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [i for mine in taken for i in mine]
    assert len(every) == len(set(every)) == 200
    db.dispose()


def test_a_run_on_postgresql(pg: str, bare: Sandbox, make_engine: EngineFactory) -> None:
    engine = make_engine(database_url=pg, source="pg")
    for i in range(20):
        engine.enqueue_complaint(complaint(i), local_id=f"t{i}")
    bare.set_faults(drop_next=2, fail_next=2, error_status=500)
    report = engine.run()
    assert report.pushed == 20
    assert report.pulled == 20  # counted on PostgreSQL too (RETURNING, not rowcount)
    assert engine.run().pulled == 0  # the overlap re-reads the same versions: nothing new
    assert bare.store.count() == 20
    assert engine.status().done == 20


def _enqueue_follow_ups_at_once(url: str) -> list[int]:
    """Eight writers queue five follow-ups each of one complaint at the same instant."""
    from lapor_sdk.storage._sync import sync_outbox
    from lapor_sdk.sync import enqueue_complaint, enqueue_follow_up

    db = create_engine(url)
    migrate_sync_schema(db)
    enqueue_complaint(db, complaint(1), local_id="c1", source="s")
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def writer(w: int) -> None:
        barrier.wait()
        try:
            for i in range(5):
                enqueue_follow_up(db, "c1", text=f"tindak lanjut {w}.{i}", source="s")
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with db.connect() as conn:
        seqs = conn.execute(
            sa.select(sync_outbox.c.seq).where(sync_outbox.c.kind == "follow_up")
        ).scalars()
        result = sorted(seqs)
    db.dispose()
    return result


def test_follow_ups_queued_at_once_each_get_their_own_position(pg: str) -> None:
    assert _enqueue_follow_ups_at_once(pg) == list(range(1, 41))


def test_enqueuing_the_same_local_id_twice_says_so_on_postgresql(pg: str) -> None:
    from lapor_sdk.sync import enqueue_complaint

    db = create_engine(pg)
    assert enqueue_complaint(db, complaint(1), local_id="c1", source="s") is True
    assert enqueue_complaint(db, complaint(1), local_id="c1", source="s") is False
    with db.begin() as conn:  # inside the caller's own transaction too
        assert enqueue_complaint(conn, complaint(1), local_id="c1", source="s") is False
    db.dispose()
