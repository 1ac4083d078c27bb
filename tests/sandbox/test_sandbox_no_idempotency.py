"""A sandbox without idempotency, held-back answers, and the change log."""

from __future__ import annotations

import httpx
import pytest
from typer.testing import CliRunner

from lapor_sdk.cli import app
from lapor_sdk.client import APITimeoutError
from lapor_sdk.sandbox import Faults, Sandbox


def test_without_idempotency_the_same_reference_files_a_second_report() -> None:
    with Sandbox.running(idempotency=False) as sb, sb.client(max_retries=0) as client:
        first = client.complaints.create(
            title="Jalan rusak", description="…", external_ref="app:1", idempotency_key="k1"
        )
        again = client.complaints.create(
            title="Jalan rusak", description="…", external_ref="app:1", idempotency_key="k1"
        )
        found = list(client.complaints.list(external_ref="app:1"))

    assert sb.idempotency is False
    assert first.tracking_id != again.tracking_id
    assert sorted(c.tracking_id for c in found) == sorted([first.tracking_id, again.tracking_id])


def test_without_idempotency_a_post_without_a_key_is_accepted() -> None:
    with Sandbox.running(idempotency=False) as sb:
        answer = httpx.post(
            f"{sb.base_url}/complaints",
            json={"title": "Jalan rusak", "description": "…", "external_ref": "app:1"},
            headers={"Authorization": f"Bearer {sb.api_key}"},
        )
    assert answer.status_code == 201


def test_with_idempotency_the_same_reference_answers_the_first_report() -> None:
    with Sandbox.running() as sb, sb.client(max_retries=0) as client:
        first = client.complaints.create(title="A", description="…", external_ref="app:1")
        again = client.complaints.create(title="A", description="…", external_ref="app:1")
        assert sb.store.count() == 1
    assert first.tracking_id == again.tracking_id


def test_a_held_back_answer_times_out_after_the_write_was_committed() -> None:
    faults = Faults(timeout_rate=1.0, timeout_delay=2.0)
    with (
        Sandbox.running(faults=faults, idempotency=False) as sb,
        sb.client(max_retries=0, timeout=0.3) as client,
    ):
        with pytest.raises(APITimeoutError):
            client.complaints.create(title="A", description="…", external_ref="app:1")
        sb.set_faults(Faults())
        assert [c.external_ref for c in client.complaints.list(external_ref="app:1")] == ["app:1"]


def test_the_change_log_records_every_filing_and_change() -> None:
    with Sandbox.running() as sb, sb.client() as client:
        c = client.complaints.create(title="A", description="…", external_ref="app:1")
        assert c.tracking_id is not None
        v = client.verification.verify(c.tracking_id, unit="dsdabm")
        log = sb.store.changes()
        assert [e.tracking_id for e in log] == [c.tracking_id, c.tracking_id]
        assert log[-1].updated_at == v.updated_at
        assert sb.store.changes(after=log[0].seq) == log[1:]
        sb.reset()
        assert sb.store.changes() == []


def test_serve_accepts_no_idempotency() -> None:
    result = CliRunner().invoke(app, ["sandbox", "serve", "--help"])
    assert result.exit_code == 0
    assert "--no-idempotency" in result.output
