"""Static types of the public SLA API (checked by mypy --strict; also run by pytest)."""

from __future__ import annotations

import datetime as dt
from typing import assert_type
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from lapor_sdk.models import Complaint
from lapor_sdk.sla import (
    Duration,
    SlaClock,
    SlaPolicy,
    SlaResult,
    SlaState,
    WorkingCalendar,
    batch,
    response_window_deadline,
)


def test_public_sla_types() -> None:
    start = dt.datetime(2025, 3, 3, 9, tzinfo=ZoneInfo("Asia/Jakarta"))
    cal = WorkingCalendar.indonesia(tz="Asia/Jakarta")
    assert_type(cal, WorkingCalendar)
    assert_type(cal.is_working_day(start.date()), bool)
    assert_type(cal.next_working_day(start.date()), dt.date)
    assert_type(cal.working_days_between(start.date(), start.date()), int)
    assert_type(cal.working_time_between(start, start), dt.timedelta)
    assert_type(cal.add(start, Duration.working_days(3)), dt.datetime)
    assert_type(Duration.parse("8wh"), Duration)

    clock = SlaClock(calendar=cal, target=Duration.working_days(3), started_at=start)
    assert_type(clock.due_at, dt.datetime)
    assert_type(clock.state(start), SlaState)
    assert_type(clock.stopped_at, dt.datetime | None)

    complaint = Complaint(created_at=start)
    policy = SlaPolicy.sp4n_lapor()
    results = policy.evaluate(complaint, calendar=cal, now=start)
    assert_type(results, list[SlaResult])
    assert results == []  # no events yet: no stage has started
    assert_type(SlaPolicy.laporgub(), SlaPolicy)
    assert_type(response_window_deadline(complaint, cal), dt.datetime | None)

    due = batch.due_dates(cal, [start], Duration.working_days(3))
    assert_type(due, npt.NDArray[np.int64])
    clocks = batch.evaluate_clocks(cal, "3wd", [start], now=start)
    assert_type(clocks.states(), list[SlaState])
    assert_type(batch.evaluate(policy, [complaint], calendar=cal, now=start), list[list[SlaResult]])
