"""Static types of the public sync API (checked by mypy --strict; also run by pytest)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import assert_type

from lapor_sdk import LaporClient
from lapor_sdk.models import Complaint
from lapor_sdk.sync import SyncEngine, SyncReport, SyncStatus, enqueue_complaint

WIB = dt.timezone(dt.timedelta(hours=7))


def test_public_sync_types(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sync.db'}"
    c = Complaint(
        title="Jalan rusak", description="…", created_at=dt.datetime(2025, 3, 3, tzinfo=WIB)
    )
    with (
        LaporClient(base_url="http://127.0.0.1:9", api_key="k") as client,
        SyncEngine(client=client, database_url=url, source=None) as engine,
    ):
        assert_type(engine.enqueue_complaint(c, local_id="app:1"), bool)
        assert_type(engine.enqueue_follow_up("app:1", text="…", final=False, unit=None), bool)
        assert_type(enqueue_complaint(url, c, local_id="app:2"), bool)
        status = engine.status()
        assert_type(status, SyncStatus)
        assert_type(status.pending, int)
        assert_type(status.checkpoint, dt.datetime | None)
        assert_type(engine.tracking_id("app:1"), str | None)
        assert_type(engine.national_state("app:1"), Complaint | None)
        assert_type(engine.retry_dead(), int)
        assert status.pending == 3
    report = SyncReport(pushed=1)
    assert_type(report.pushed, int)
    assert_type(report.duration, float)
