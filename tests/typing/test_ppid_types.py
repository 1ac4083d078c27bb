"""Static types of the public PPID API (checked by mypy --strict; also run by pytest)."""

from __future__ import annotations

import datetime as dt
from typing import assert_type

from lapor_sdk import ppid
from lapor_sdk.sla import SlaResult

WIB = dt.timezone(dt.timedelta(hours=7))


def test_public_ppid_types() -> None:
    at = dt.datetime(2025, 3, 3, 9, tzinfo=WIB)
    assert_type(ppid.answer_deadline(at), dt.datetime)
    assert_type(ppid.answer_deadline(at, extended=True, calendar=None), dt.datetime)
    assert_type(ppid.objection_deadline(at), dt.datetime)
    assert_type(ppid.objection_answer_deadline(at), dt.datetime)
    assert_type(ppid.dispute_deadline(at), dt.datetime)
    r = ppid.register(
        number="PPID/2025/0001", received_at=at, requester=ppid.Requester(), information="APBD"
    )
    assert_type(r, ppid.InformationRequest)
    assert_type(r.status, ppid.RequestStatus)
    decided = ppid.decide(r, at=at, kind=ppid.DecisionKind.GRANTED)
    assert_type(decided.decision, ppid.Decision | None)
    assert_type(ppid.request_clocks(decided, now=at), dict[str, SlaResult])
    assert_type(ppid.due_items([r], now=at), list[ppid.DueItem])
    assert_type(ppid.request_register([r]), ppid.RegisterTable)
    report = ppid.service_report([r], period=ppid.ReportPeriod.year(2025), now=at)
    assert_type(report, ppid.ServiceReport)
    assert_type(report.on_time_rate, float | None)
