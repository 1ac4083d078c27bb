"""Receipt time: carried from intake through the client, the contract and the sandbox to the
SLA clock, which counts from it (issue: a WhatsApp received on 30 Nov, filed on 2 Dec)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from lapor_sdk import InvalidInputError
from lapor_sdk.client import UnprocessableEntityError
from lapor_sdk.intake import from_message
from lapor_sdk.models import MAX_CLOCK_SKEW, Channel, Complaint, EventKind
from lapor_sdk.sandbox import Sandbox
from lapor_sdk.sla import SlaPolicy, SlaState, WorkingCalendar
from lapor_sdk.sla.batch import evaluate as batch_evaluate

WIB = dt.timezone(dt.timedelta(hours=7))
RECEIVED = dt.datetime(2025, 11, 30, 9, 15, tzinfo=WIB)  # a Sunday: the WhatsApp arrives
FILED = dt.datetime(2025, 12, 2, 10, 0, tzinfo=WIB)  # Tuesday: the admin files it
# 3 working days after Sunday 30 Nov: Mon 1, Tue 2, Wed 3 Dec, office close 16:00.
DUE_FROM_RECEIPT = dt.datetime(2025, 12, 3, 16, 0, tzinfo=WIB)
# 3 working days after Tuesday 2 Dec: Wed 3, Thu 4, Fri 5 Dec, office close 16:30.
DUE_FROM_FILING = dt.datetime(2025, 12, 5, 16, 30, tzinfo=WIB)
TEXT = "Lampu PJU di Jl. Ahmad Yani Kota Surabaya mati sejak seminggu, mohon diperbaiki."


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    return WorkingCalendar.indonesia(tz="Asia/Jakarta")


@pytest.fixture
def filed_sandbox() -> Iterator[Sandbox]:
    """A sandbox whose clock says 2 Dec 2025, 10:00 WIB (the filing)."""
    with Sandbox.running(clock=lambda: FILED, wall=FILED.timestamp) as sb:
        yield sb


def _create(sb: Sandbox, kind: str, **fields: Any) -> Complaint:
    values: dict[str, Any] = {
        "title": "Lampu PJU mati",
        "description": TEXT,
        "external_ref": "wa:1",
        "channel": Channel.WHATSAPP,
        **fields,
    }
    if kind == "sync":
        with sb.client() as client:
            return client.complaints.create(**values)

    async def run() -> Complaint:
        async with sb.async_client() as aclient:
            return await aclient.complaints.create(**values)

    return asyncio.run(run())


def _verification_due(complaint: Complaint, calendar: WorkingCalendar) -> dt.datetime:
    (result,) = [
        r
        for r in SlaPolicy.sp4n_lapor().evaluate(complaint, calendar=calendar, now=FILED)
        if r.stage == "verification"
    ]
    return result.due_at


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_the_verification_deadline_counts_from_receipt(
    filed_sandbox: Sandbox, calendar: WorkingCalendar, kind: str
) -> None:
    filed = _create(filed_sandbox, kind, received_at=RECEIVED)
    assert filed.received_at == RECEIVED
    assert filed.created_at == FILED
    assert filed.events[0].kind is EventKind.CREATED and filed.events[0].at == FILED
    assert _verification_due(filed, calendar) == DUE_FROM_RECEIPT
    # Read back through the API: the receipt time is stored, not only echoed.
    with filed_sandbox.client() as client:
        assert filed.tracking_id is not None
        again = client.complaints.get(filed.tracking_id)
    assert again.received_at == RECEIVED
    assert _verification_due(again, calendar) == DUE_FROM_RECEIPT


def test_without_a_receipt_time_the_clock_starts_at_filing(
    filed_sandbox: Sandbox, calendar: WorkingCalendar
) -> None:
    filed = _create(filed_sandbox, "sync")
    assert filed.received_at is None
    assert filed.clock_start == FILED
    assert _verification_due(filed, calendar) == DUE_FROM_FILING


def test_batch_evaluation_and_policy_agree_on_the_receipt_clock(
    filed_sandbox: Sandbox, calendar: WorkingCalendar
) -> None:
    filed = _create(filed_sandbox, "sync", received_at=RECEIVED)
    (row,) = batch_evaluate(SlaPolicy.sp4n_lapor(), [filed], calendar=calendar, now=FILED)
    by_stage = {r.stage: r for r in row}
    assert by_stage["verification"].due_at == DUE_FROM_RECEIPT


def test_an_intake_draft_is_evaluated_from_its_receipt(calendar: WorkingCalendar) -> None:
    draft = from_message(TEXT, sender="0812-3456-7890", received_at=RECEIVED)
    assert draft.complaint.received_at == RECEIVED
    assert [e.kind for e in draft.complaint.events] == [EventKind.CREATED]
    results = SlaPolicy.sp4n_lapor().evaluate(draft.complaint, calendar=calendar, now=FILED)
    by_stage = {r.stage: r for r in results}
    assert by_stage["verification"].due_at == DUE_FROM_RECEIPT
    assert by_stage["verification"].state is SlaState.ON_TRACK


class TestValidation:
    def test_a_naive_receipt_time_is_refused_before_any_request(
        self, filed_sandbox: Sandbox
    ) -> None:
        with pytest.raises(InvalidInputError, match=r"received_at=.* is a naive datetime"):
            _create(filed_sandbox, "sync", received_at=RECEIVED.replace(tzinfo=None))

    @pytest.mark.parametrize("kind", ["sync", "async"])
    def test_a_receipt_time_in_the_future_is_refused_by_the_client(
        self, filed_sandbox: Sandbox, kind: str
    ) -> None:
        tomorrow = dt.datetime.now(WIB) + dt.timedelta(days=1)
        with pytest.raises(InvalidInputError, match=r"received_at=.* is in the future"):
            _create(filed_sandbox, kind, received_at=tomorrow)

    def test_the_sandbox_refuses_a_receipt_after_its_filing_time(
        self, filed_sandbox: Sandbox
    ) -> None:
        after_filing = FILED + dt.timedelta(days=1)  # in the past for the client's clock
        with pytest.raises(UnprocessableEntityError) as info:
            _create(filed_sandbox, "sync", received_at=after_filing)
        assert info.value.status_code == 422
        assert [e.pointer for e in info.value.problem.errors] == ["/received_at"]
        assert "received before it is filed" in str(info.value)

    def test_the_sandbox_refuses_a_naive_receipt_time_on_the_wire(
        self, filed_sandbox: Sandbox
    ) -> None:
        response = httpx.post(
            f"{filed_sandbox.base_url}/complaints",
            json={
                "title": "Lampu mati",
                "description": TEXT,
                "external_ref": "wa:naive",
                "received_at": "2025-11-30T09:15:00",
            },
            headers={
                "Authorization": f"Bearer {filed_sandbox.api_key}",
                "Idempotency-Key": "naive-1",
            },
        )
        assert response.status_code == 422
        pointers = [e["pointer"] for e in response.json()["errors"]]
        assert pointers == ["/received_at"]

    def test_a_few_minutes_of_clock_skew_are_allowed(self, filed_sandbox: Sandbox) -> None:
        skewed = FILED + MAX_CLOCK_SKEW - dt.timedelta(seconds=30)
        filed = _create(filed_sandbox, "sync", received_at=skewed)
        assert filed.received_at == skewed
        assert filed.clock_start == FILED  # a later receipt never moves the clock forward

    def test_the_model_refuses_a_receipt_after_the_filing(self) -> None:
        with pytest.raises(ValidationError, match=r"received_at .* is after created_at"):
            Complaint(created_at=FILED, received_at=FILED + dt.timedelta(hours=1))
        with pytest.raises(ValidationError, match="timezone"):
            Complaint(created_at=FILED, received_at=RECEIVED.replace(tzinfo=None))


def test_the_lapor3_profile_keeps_the_receipt_time_locally(
    filed_sandbox: Sandbox, calendar: WorkingCalendar
) -> None:
    """LAPOR 3.0.0 has no known field for it: not sent, but the returned report carries it."""
    with filed_sandbox.client(profile="lapor3", gateway_token=filed_sandbox.gateway_token) as c:
        filed = c.complaints.create(
            title="Lampu PJU mati",
            description=TEXT,
            external_ref="wa:3",
            channel=Channel.WHATSAPP,
            received_at=RECEIVED,
        )
    assert filed.received_at == RECEIVED
    assert _verification_due(filed, calendar) == DUE_FROM_RECEIPT
