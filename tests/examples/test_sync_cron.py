"""The cron example files each ticket once, however often cron runs it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from lapor_sdk.sandbox import Sandbox

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sync_cron.py"


def run(sb: Sandbox, db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LAPOR_BASE_URL": sb.base_url, "LAPOR_API_KEY": sb.api_key}
    return subprocess.run(
        [sys.executable, str(EXAMPLE), str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def wait_until_due(db: Path) -> None:
    """Sleep until every pending write is due: the next cron tick comes after the backoff the
    engine set (0.5-1 s for a first retry), as a real one minutes later would."""
    with sqlite3.connect(db) as conn:
        (due,) = conn.execute(
            "SELECT max(next_attempt_at) FROM sync_outbox WHERE state = 'pending'"
        ).fetchone()
    if due is not None:
        time.sleep(max(0.0, due - time.time()) + 0.05)


def test_the_cron_script_files_each_ticket_once(tmp_path: Path) -> None:
    db = tmp_path / "app.db"
    with Sandbox.running(idempotency=False) as sb:
        first = run(sb, db, "--demo")
        # One answer waits for the agency to verify its report: the run says so (exit 11).
        assert first.returncode == 11, first.stderr
        assert "queued 3 new ticket(s)" in first.stdout
        assert "pushed 3" in first.stdout
        assert sb.store.count() == 3
        with sb.client() as admin:
            for c in admin.complaints.list():
                assert c.tracking_id is not None
                admin.verification.verify(c.tracking_id, unit="dsdabm")
        wait_until_due(db)
        second = run(sb, db)
        assert second.returncode == 0, second.stdout + second.stderr
        assert "queued 0 new ticket(s)" in second.stdout
        assert "pushed 1" in second.stdout  # the follow-up
        assert sb.store.count() == 3
        lines = [line for line in second.stdout.splitlines() if line.startswith("ticket ")]
        assert len(lines) == 3 and all("LAPOR-" in line for line in lines)
        assert "081234567801" not in first.stdout + second.stdout + first.stderr
