"""Pulling while the national side changes reports misses no change (the sandbox's log says)."""

from __future__ import annotations

import datetime as dt
import random
import threading
from collections.abc import Callable

from lapor_sdk import lifecycle
from lapor_sdk.models import Role, Status
from lapor_sdk.sandbox import Sandbox
from lapor_sdk.sync import SyncEngine

from .conftest import complaint

EngineFactory = Callable[..., SyncEngine]


def change_one(sb: Sandbox, tracking_id: str, i: int) -> None:
    """The agency acts on a report in the national dashboard: verify it, or follow it up."""
    with sb.store.lock:
        stored = sb.store.get(tracking_id)
        assert stored is not None
        c = stored.complaint
        now = dt.datetime.now(dt.UTC)
        if c.status is Status.UNVERIFIED:
            c = lifecycle.verify(c, by=Role.AGENCY_ADMIN, at=now, agency=sb.agency_id)
        else:
            c = lifecycle.follow_up(c, at=now, text=f"Perkembangan {i}.", by=Role.AGENCY_ADMIN)
        sb.store.save(c)


def assert_mirror_covers(engine: SyncEngine, sb: Sandbox, upto: int, ids: dict[str, str]) -> None:
    """Every change logged up to ``upto`` is in the mirror (same or newer version)."""
    local = {tid: local_id for local_id, tid in ids.items()}
    newest: dict[str, dt.datetime] = {}
    for change in sb.store.changes():
        if change.seq <= upto:
            newest[change.tracking_id] = max(
                change.updated_at, newest.get(change.tracking_id, change.updated_at)
            )
    for tid, at in newest.items():
        state = engine.national_state(local[tid])
        assert state is not None, tid
        assert (state.updated_at or state.created_at) >= at, (tid, state.updated_at, at)


def test_pulls_during_concurrent_changes_miss_nothing(
    bare: Sandbox, make_engine: EngineFactory
) -> None:
    engine = make_engine(pull_overlap=0.0, pull_page_size=7)
    for i in range(60):
        engine.enqueue_complaint(complaint(i), local_id=f"t{i}")
    engine.run()
    ids = {f"t{i}": engine.tracking_id(f"t{i}") or "" for i in range(60)}
    rng = random.Random(5)
    stop = threading.Event()

    def changer() -> None:
        i = 0
        while not stop.is_set() and i < 600:
            change_one(bare, rng.choice(list(ids.values())), i)
            i += 1
            stop.wait(0.002)

    thread = threading.Thread(target=changer)
    thread.start()
    pulls = 0
    try:
        while thread.is_alive() and pulls < 40:
            upto = bare.store.changes()[-1].seq
            engine.run()
            assert_mirror_covers(engine, bare, upto, ids)
            pulls += 1
    finally:
        stop.set()
        thread.join()
    engine.run()
    assert_mirror_covers(engine, bare, bare.store.changes()[-1].seq, ids)
    assert pulls >= 3


def test_an_older_version_never_replaces_a_newer_one(
    bare: Sandbox, make_engine: EngineFactory
) -> None:
    engine = make_engine()
    engine.enqueue_complaint(complaint(1), local_id="a")
    engine.run()
    tid = engine.tracking_id("a") or ""
    change_one(bare, tid, 1)
    engine.run()
    newer = engine.national_state("a")
    assert newer is not None and newer.status is Status.DISPOSED
    # A page that carries the old version (an overlap re-read, a lagging replica) changes nothing.
    old = newer.model_copy(
        update={
            "status": Status.UNVERIFIED,
            "updated_at": newer.created_at,
        }
    )
    engine._store_page([old], dt.datetime.now(dt.UTC))
    kept = engine.national_state("a")
    assert kept is not None and kept.status is Status.DISPOSED
