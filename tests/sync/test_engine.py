"""The sync engine against the real sandbox (no idempotency) on SQLite files."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

import pytest
import sqlalchemy as sa

from lapor_sdk.models import Status
from lapor_sdk.sandbox import Faults, Sandbox
from lapor_sdk.storage import SYNC_SCHEMA_VERSION, SyncSchemaError, create_engine
from lapor_sdk.storage import migrate_sync_schema as migrate
from lapor_sdk.sync import SyncEngine, SyncError, SyncReport, SyncStatus, enqueue_complaint
from lapor_sdk.sync._outbox import claim

from .conftest import complaint

EngineFactory = Callable[..., SyncEngine]


def refs(sb: Sandbox) -> list[str]:
    """External refs of every report on the national side, sorted (duplicates kept)."""
    items, _ = sb.store.list(visible_to=None, limit=10_000)
    return sorted(c.external_ref or "" for c in items)


def verify_all(sb: Sandbox) -> None:
    with sb.client() as admin:
        for c in admin.complaints.list(status=Status.UNVERIFIED):
            assert c.tracking_id is not None
            admin.verification.verify(c.tracking_id, unit="dsdabm")


def test_complaints_go_up_once_each_through_faults(
    bare: Sandbox, make_engine: EngineFactory
) -> None:
    bare.set_faults(
        Faults(
            error_rate=0.2,
            drop_after_commit_rate=0.1,
            rate_limit_rate=0.05,
            rate_limit_burst=3,
            retry_after=0.05,
            seed=11,
        )
    )
    engine = make_engine(source="app", workers=8)
    for i in range(60):
        assert engine.enqueue_complaint(complaint(i), local_id=f"t{i}")

    report = engine.run()

    bare.set_faults(Faults())
    assert isinstance(report, SyncReport)
    assert report.pushed == 60 and report.dead == 0
    assert refs(bare) == sorted(f"app:t{i}" for i in range(60))
    status = engine.status()
    assert isinstance(status, SyncStatus)
    assert (status.pending, status.in_flight, status.dead, status.unknown, status.done) == (
        0,
        0,
        0,
        0,
        60,
    )
    assert all(engine.tracking_id(f"t{i}") for i in range(60))


def test_enqueuing_the_same_local_id_twice_is_a_no_op(
    bare: Sandbox, make_engine: EngineFactory
) -> None:
    engine = make_engine()
    assert engine.enqueue_complaint(complaint(1), local_id="app:1") is True
    assert engine.enqueue_complaint(complaint(1), local_id="app:1") is False
    engine.run()
    assert refs(bare) == ["app:1"]
    assert engine.enqueue_complaint(complaint(1), local_id="app:1") is False
    assert engine.run().pushed == 0


def test_the_external_ref_is_the_local_id_or_source_prefixed(make_engine: EngineFactory) -> None:
    assert make_engine().external_ref("7") == "7"
    assert make_engine(source="kanal-wa").external_ref("7") == "kanal-wa:7"


def test_a_write_dropped_after_commit_is_looked_up_not_sent_again(
    bare: Sandbox, make_engine: EngineFactory
) -> None:
    bare.set_faults(drop_next=1)
    engine = make_engine()
    engine.enqueue_complaint(complaint(1), local_id="app:1")
    report = engine.run()
    assert report.pushed == 1 and report.retried == 1
    assert refs(bare) == ["app:1"]
    assert (
        engine.tracking_id("app:1")
        == bare.store.find_by_external_ref(bare.agency_id, "app:1").complaint.tracking_id
    )  # type: ignore[union-attr]


def test_a_follow_up_waits_for_its_tracking_id_and_for_verification(
    bare: Sandbox, make_engine: EngineFactory
) -> None:
    engine = make_engine()
    engine.enqueue_follow_up("app:1", text="Tim menuju lokasi.", unit="dsdabm")
    engine.enqueue_follow_up("app:1", text="Sudah ditambal.", unit="dsdabm", final=True)
    assert engine.status().pending == 2
    engine.run()
    assert bare.store.count() == 0  # no complaint yet: nothing can be sent

    engine.enqueue_complaint(complaint(1), local_id="app:1")
    first = engine.run()  # filed; the follow-ups are refused until the report is verified
    assert first.pushed == 1
    assert engine.status().pending == 2
    verify_all(bare)

    engine.run()
    tid = engine.tracking_id("app:1")
    assert tid is not None
    stored = bare.store.get(tid)
    assert stored is not None
    assert [f.text for f in stored.complaint.follow_ups] == [
        "Tim menuju lokasi.",
        "Sudah ditambal.",
    ]  # in the order queued
    assert stored.complaint.status.value == "completed"
    assert engine.status().done == 3


def test_a_lost_follow_up_answer_is_looked_up_among_the_follow_ups(
    bare: Sandbox, make_engine: EngineFactory
) -> None:
    engine = make_engine()
    engine.enqueue_complaint(complaint(1), local_id="app:1")
    engine.run()
    verify_all(bare)
    engine.enqueue_follow_up("app:1", text="Sama.", unit="dsdabm")
    engine.enqueue_follow_up("app:1", text="Sama.", unit="dsdabm")
    bare.set_faults(drop_next=2)
    engine.run()
    stored = bare.store.get(engine.tracking_id("app:1") or "")
    assert stored is not None
    assert [f.text for f in stored.complaint.follow_ups] == ["Sama.", "Sama."]


def test_a_permanent_error_is_a_dead_letter_that_blocks_nothing(
    bare: Sandbox, make_engine: EngineFactory
) -> None:
    engine = make_engine()
    engine.enqueue_complaint(complaint(1, category="no-such-category"), local_id="bad")
    engine.enqueue_complaint(complaint(2), local_id="good")
    report = engine.run()
    assert (report.pushed, report.dead) == (1, 1)
    assert engine.status().dead == 1
    [(local_id, kind, error)] = engine.dead_letters()
    assert (local_id, kind) == ("bad", "complaint")
    assert error is not None and "HTTP 422" in error and "/category" in error
    assert engine.retry_dead() == 1
    assert engine.status().pending == 1
    assert engine.run().dead == 1  # still wrong: dead again, with a new revision


def test_a_429_is_retried_no_sooner_than_retry_after(
    bare: Sandbox, make_engine: EngineFactory
) -> None:
    bare.set_faults(rate_limit_next=1, retry_after=30)
    engine = make_engine()
    engine.enqueue_complaint(complaint(1), local_id="app:1")
    before = time.time()
    report = engine.run(once=True)
    assert (report.pushed, report.retried) == (0, 1)
    with engine.database.connect() as conn:
        due = conn.execute(sa.text("SELECT next_attempt_at, maybe_sent FROM sync_outbox")).one()
    assert due.next_attempt_at >= before + 30
    assert not due.maybe_sent  # a 429 was certainly not applied: no look-up needed
    assert engine.status().pending == 1


def test_a_crashed_workers_rows_are_taken_over_after_the_lease(
    bare: Sandbox, make_engine: EngineFactory
) -> None:
    engine = make_engine(lease=0.5)
    for i in range(5):
        engine.enqueue_complaint(complaint(i), local_id=f"t{i}")
    # A worker leases every row, files two of them, and dies before recording anything.
    with engine.database.begin() as conn:
        taken = claim(conn, "", 10, time.time(), 0.5)
    assert len(taken) == 5
    with bare.client() as client:
        for row in taken[:2]:
            client.complaints.create(
                title="x", description="y", external_ref=row.local_id, idempotency_key="k"
            )
    assert engine.status().in_flight == 5

    report = engine.run()

    assert report.pushed == 5
    assert refs(bare) == [f"t{i}" for i in range(5)]


def test_the_lapor3_profile_parks_uncertain_writes_as_unknown(
    bare: Sandbox, make_engine: EngineFactory
) -> None:
    bare.set_faults(fail_next=1, error_status=500)
    engine = make_engine(client=bare.client(profile="lapor3"))
    engine.enqueue_complaint(complaint(1), local_id="app:1")
    engine.enqueue_complaint(complaint(2), local_id="app:2")
    report = engine.run()
    assert report.unknown == 1 and report.pushed == 1
    assert any("pull skipped" in n for n in report.notes)
    assert engine.status().unknown == 1
    [unknown] = [i for i in ("app:1", "app:2") if engine.tracking_id(i) is None]
    with pytest.raises(SyncError, match="either tracking_id"):
        engine.resolve(unknown)
    assert engine.resolve(unknown, not_filed=True) == 1
    engine.run()
    assert engine.tracking_id(unknown) is not None
    assert engine.status().done == 2


def test_resolve_with_a_tracking_id_links_the_unknown_write(
    bare: Sandbox, make_engine: EngineFactory
) -> None:
    bare.set_faults(fail_next=1, error_status=502)
    engine = make_engine(client=bare.client(profile="lapor3"))
    engine.enqueue_complaint(complaint(1), local_id="app:1")
    engine.run()
    assert engine.status().unknown == 1
    engine.resolve("app:1", tracking_id="LAPOR-2025-000001")
    assert engine.tracking_id("app:1") == "LAPOR-2025-000001"
    with pytest.raises(SyncError, match="nothing of app:1 is unknown"):
        engine.resolve("app:1", not_filed=True)


def test_the_outbox_row_commits_or_rolls_back_with_the_callers_transaction(
    bare: Sandbox, db_url: str, make_engine: EngineFactory
) -> None:
    app_db = create_engine(db_url)
    with app_db.begin() as conn:
        conn.execute(sa.text("CREATE TABLE tickets (id TEXT PRIMARY KEY)"))
    with pytest.raises(RuntimeError), app_db.begin() as conn:
        conn.execute(sa.text("INSERT INTO tickets VALUES ('app:1')"))
        enqueue_complaint(conn, complaint(1), local_id="app:1")
        raise RuntimeError("the app's own change failed")
    with app_db.begin() as conn:
        conn.execute(sa.text("INSERT INTO tickets VALUES ('app:2')"))
        enqueue_complaint(conn, complaint(2), local_id="app:2")
    app_db.dispose()

    engine = make_engine()
    assert engine.status().pending == 1
    engine.run()
    assert refs(bare) == ["app:2"]


def test_the_engine_takes_a_connection_for_enqueue(db_url: str, make_engine: EngineFactory) -> None:
    engine = make_engine()
    with engine.database.begin() as conn:
        engine.enqueue_complaint(complaint(1), local_id="app:1", connection=conn)
        engine.enqueue_follow_up("app:1", text="Diproses.", connection=conn)
    assert engine.status().pending == 2


def test_pull_mirrors_national_changes_and_keeps_the_newest(
    bare: Sandbox, make_engine: EngineFactory
) -> None:
    engine = make_engine()
    engine.enqueue_complaint(complaint(1), local_id="app:1")
    report = engine.run()
    assert report.pulled == 1
    state = engine.national_state("app:1")
    assert state is not None and state.status.value == "unverified"
    checkpoint = engine.status().checkpoint
    assert checkpoint is not None

    verify_all(bare)
    engine.run()
    newer = engine.national_state("app:1")
    assert newer is not None and newer.status.value == "disposed"
    assert (engine.status().checkpoint or checkpoint) > checkpoint
    assert engine.national_state("nope") is None


def test_the_schema_is_versioned_and_a_newer_one_is_refused(db_url: str) -> None:
    db = create_engine(db_url)
    assert migrate(db) == SYNC_SCHEMA_VERSION
    assert migrate(db) == SYNC_SCHEMA_VERSION  # forward-only, repeatable
    with db.begin() as conn:
        conn.execute(sa.text("UPDATE sync_meta SET value = '99' WHERE key = 'schema_version'"))
    with pytest.raises(SyncSchemaError, match="upgrade lapor-sdk"):
        migrate(db)
    db.dispose()


def test_bad_arguments_say_what_to_fix(make_engine: EngineFactory) -> None:
    engine = make_engine()
    with pytest.raises(SyncError, match="local_id"):
        engine.enqueue_complaint(complaint(1), local_id="")
    with pytest.raises(SyncError, match="text"):
        engine.enqueue_follow_up("app:1", text="")
    with pytest.raises(SyncError, match="workers"):
        make_engine(workers=0)


def test_a_lost_follow_up_without_a_unit_is_found_under_the_responsible_unit(
    bare: Sandbox, make_engine: EngineFactory
) -> None:
    engine = make_engine()
    engine.enqueue_complaint(complaint(1), local_id="app:1")
    engine.run()
    verify_all(bare)
    engine.enqueue_follow_up("app:1", text="  Ditangani.  ")
    bare.set_faults(drop_next=1)
    engine.run()
    stored = bare.store.get(engine.tracking_id("app:1") or "")
    assert stored is not None
    assert [(f.text, f.unit) for f in stored.complaint.follow_ups] == [("Ditangani.", "dsdabm")]


def test_the_sla_clock_counts_from_when_the_agency_received_the_report(
    bare: Sandbox, make_engine: EngineFactory
) -> None:
    """A report that waited in the outbox keeps the time it reached the agency."""
    engine = make_engine(source="app")
    received = dt.datetime(2025, 3, 3, 8, 15, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    engine.enqueue_complaint(complaint(1, received_at=received), local_id="r1")
    engine.enqueue_complaint(complaint(2), local_id="r2")  # no received_at: its created_at
    engine.run()
    for local_id, expected in (("r1", received), ("r2", complaint(2).created_at)):
        tracking_id = engine.tracking_id(local_id)
        assert tracking_id is not None
        stored = bare.store.get(tracking_id)
        assert stored is not None and stored.complaint.received_at == expected
        assert (
            stored.complaint.created_at > expected
        )  # filed later: the clock still starts at receipt


def test_follow_ups_queued_at_once_on_sqlite_each_get_their_own_position(db_url: str) -> None:
    from .test_postgres import _enqueue_follow_ups_at_once

    assert _enqueue_follow_ups_at_once(db_url) == list(range(1, 41))


def test_an_engine_without_a_client_queues_and_inspects_but_does_not_run(db_url: str) -> None:
    engine = SyncEngine(None, db_url, source="app")
    try:
        assert engine.enqueue_complaint(complaint(1), local_id="c1")
        assert engine.status().pending == 1
        assert engine.retry_dead() == 0
        with pytest.raises(SyncError, match="no client"):
            engine.run()
        with pytest.raises(SyncError, match="no client"):
            _ = engine.client
        assert engine.status().pending == 1  # nothing was touched
    finally:
        engine.close()
