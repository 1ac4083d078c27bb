"""Helpers of the sync soak tests: the agency's verifier, ``lapor sync run`` processes, checks.

The national side is the real sandbox on a socket in the test process, without idempotency
and behind faults; the engine runs as separate ``lapor sync run`` processes that the tests
``SIGKILL`` at random instants.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import sqlalchemy as sa

from lapor_sdk import lifecycle
from lapor_sdk.models import Role, Status
from lapor_sdk.sandbox import Faults, Sandbox
from lapor_sdk.storage import create_engine
from lapor_sdk.sync import enqueue_complaints, enqueue_follow_up

from .conftest import complaint

SOURCE = "app"
LAPOR = str(Path(sys.executable).with_name("lapor"))

#: The faults of the issue: 20 % 5xx, 5 % held past the client's timeout, 5 % dropped after
#: commit, 429 bursts with Retry-After.
FAULTS = Faults(
    error_rate=0.2,
    error_status=500,
    timeout_rate=0.05,
    timeout_delay=2.5,
    drop_after_commit_rate=0.05,
    rate_limit_rate=0.004,
    rate_limit_burst=25,
    retry_after=0.2,
    seed=20250303,
)
#: Lease of the soak workers: requests time out after a fifth of it (2 s). Short timeouts
#: under a loaded sandbox turn queueing into timeouts, look-ups into more load: a collapse.
LEASE = "10"
#: Writes in flight per worker process (the sandbox answers a few hundred requests a second).
WORKERS = "8"


class Verifier:
    """The agency verifying new reports in the national dashboard, as they arrive."""

    def __init__(self, sb: Sandbox) -> None:
        self.sb = sb
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="verifier", daemon=True)

    def __enter__(self) -> Verifier:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=30)

    def _loop(self) -> None:
        store = self.sb.store
        while not self.stop.is_set():
            items, _ = store.list(visible_to=None, status=Status.UNVERIFIED, limit=500)
            for c in items:
                with store.lock:
                    stored = store.get(c.tracking_id or "")
                    if stored is None or stored.complaint.status is not Status.UNVERIFIED:
                        continue
                    done = lifecycle.verify(
                        stored.complaint,
                        by=Role.AGENCY_ADMIN,
                        at=dt.datetime.now(dt.UTC),
                        agency=stored.complaint.agency or self.sb.agency_id,
                        unit="dsdabm",
                    )
                    store.save(done)
            if not items:
                self.stop.wait(0.2)


def enqueue(db_url: str, n: int) -> None:
    """Queue ``n`` complaints and one follow-up each, in one transaction of the 'app'."""
    engine = create_engine(db_url)
    with engine.begin() as conn:
        items = [(f"t{i:05d}", complaint(i)) for i in range(n)]
        assert enqueue_complaints(conn, items, source=SOURCE) == n
        for local_id, _ in items:
            enqueue_follow_up(conn, local_id, text=f"Ditangani, tiket {local_id}.", source=SOURCE)
    engine.dispose()


#: Every worker started, so a failing test leaves none running (see ``stop_all``).
STARTED: list[subprocess.Popen[bytes]] = []


def stop_all() -> None:
    """SIGKILL every worker still running."""
    while STARTED:
        proc = STARTED.pop()
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def start_worker(sb: Sandbox, db_url: str, log: Path) -> subprocess.Popen[bytes]:
    """Start one ``lapor sync run`` process."""
    env = {
        **os.environ,
        "LAPOR_BASE_URL": sb.base_url,
        "LAPOR_API_KEY": sb.api_key,
    }
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [
                LAPOR,
                "sync",
                "run",
                "--database-url",
                db_url,
                "--source",
                SOURCE,
                "--workers",
                WORKERS,
                "--lease",
                LEASE,
                "--retry-max",
                "3",
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    STARTED.append(proc)
    return proc


def kill_at_random(
    proc: subprocess.Popen[bytes], rng: random.Random, low: float, high: float
) -> bool:
    """SIGKILL ``proc`` after a random delay; whether it was still running then."""
    deadline = time.monotonic() + rng.uniform(low, high)
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return True


def outbox_counts(db_url: str) -> Counter[str]:
    """Rows of the outbox by state."""
    engine = create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT state, count(*) FROM sync_outbox GROUP BY state"))
        counts = Counter({state: n for state, n in rows})
    engine.dispose()
    return counts


def links(db_url: str) -> dict[str, str | None]:
    """local id -> tracking id of every complaint row."""
    engine = create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT local_id, tracking_id FROM sync_outbox WHERE kind = 'complaint'")
        )
        found = {local_id: tid for local_id, tid in rows}
    engine.dispose()
    return found


def assert_exactly_once(sb: Sandbox, db_url: str, n: int) -> None:
    """The national side holds each complaint once with one follow-up; all linked; outbox empty."""
    items, _ = sb.store.list(visible_to=None, limit=n + 1000)
    by_ref = Counter(c.external_ref for c in items)
    expected = {f"{SOURCE}:t{i:05d}" for i in range(n)}
    doubled = {ref: k for ref, k in by_ref.items() if k > 1}
    assert not doubled, f"{len(doubled)} complaints filed twice, e.g. {list(doubled)[:5]}"
    assert set(by_ref) == expected
    assert len(items) == n
    follow_ups = Counter(len(c.follow_ups) for c in items)
    assert follow_ups == Counter({1: n}), follow_ups
    linked = links(db_url)
    national = {c.external_ref: c.tracking_id for c in items}
    assert {f"{SOURCE}:{k}": v for k, v in linked.items()} == national
    assert outbox_counts(db_url) == Counter({"done": 2 * n})


def finish(sb: Sandbox, db_url: str, log: Path, *, rounds: int = 30) -> None:
    """Run workers to the end (a run exits 11 while follow-ups wait for verification)."""
    for _ in range(rounds):
        proc = start_worker(sb, db_url, log)
        code = proc.wait(timeout=1500)
        assert code in (0, 11), log.read_text(errors="replace")[-2000:]
        if code == 0 and outbox_counts(db_url).keys() <= {"done"}:
            return
        time.sleep(0.5)
    raise AssertionError(f"the outbox did not drain: {outbox_counts(db_url)}")
