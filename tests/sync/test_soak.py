"""10,000 complaints and follow-ups through faults and SIGKILLs: none lost, none doubled."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lapor_sdk.sandbox import Faults, Sandbox

from . import soak
from .conftest import drop_sync_tables, postgres_url

#: 10,000 as the issue asks; LAPOR_SYNC_SOAK_N lowers it for a quick local look.
N = int(os.environ.get("LAPOR_SYNC_SOAK_N", "10000"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(1800),
    # A SIGKILLed worker leaves its sockets for the sandbox server to drop at shutdown.
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]


@pytest.fixture
def faulty() -> Iterator[Sandbox]:
    """A sandbox without idempotency; every worker is gone before it stops."""
    try:
        with Sandbox.running(idempotency=False) as sb:
            yield sb
            soak.stop_all()
    finally:
        soak.stop_all()


def test_ten_thousand_through_faults_and_three_sigkills(faulty: Sandbox, tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'outbox.db'}"
    log = tmp_path / "workers.log"
    started = time.monotonic()
    soak.enqueue(db_url, N)
    print(f"soak: enqueued in {time.monotonic() - started:.0f} s")
    faulty.set_faults(soak.FAULTS)
    rng = random.Random(7)
    kills = 0
    with soak.Verifier(faulty):
        while kills < 3:
            proc = soak.start_worker(faulty, db_url, log)
            kills += soak.kill_at_random(proc, rng, 2.0, 12.0)
            print(f"soak: kill {kills} at {time.monotonic() - started:.0f} s")
        soak.finish(faulty, db_url, log)
        print(f"soak: drained at {time.monotonic() - started:.0f} s")
        faulty.set_faults(Faults())
        soak.assert_exactly_once(faulty, db_url, N)
    print(f"soak: {N} complaints + follow-ups, {kills} kills, {time.monotonic() - started:.0f} s")


@pytest.mark.postgres
def test_three_workers_on_postgresql_one_killed(faulty: Sandbox, tmp_path: Path) -> None:
    url = postgres_url()
    if url is None:
        pytest.skip("set LAPOR_TEST_DATABASE_URL to a PostgreSQL database")
    drop_sync_tables(url)
    log = tmp_path / "workers.log"
    soak.enqueue(url, N)
    faulty.set_faults(soak.FAULTS)
    rng = random.Random(11)
    with soak.Verifier(faulty):
        workers = [soak.start_worker(faulty, url, log) for _ in range(3)]
        assert soak.kill_at_random(workers[0], rng, 3.0, 10.0), "worker ended before the kill"
        for proc in workers[1:]:
            assert proc.wait(timeout=900) in (0, 11), log.read_text(errors="replace")[-2000:]
        soak.finish(faulty, url, log)
        faulty.set_faults(Faults())
        soak.assert_exactly_once(faulty, url, N)
    drop_sync_tables(url)
