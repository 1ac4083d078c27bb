"""The vectorised batch gives exactly what SlaClock and SlaPolicy give."""

from __future__ import annotations

import datetime as dt
import random
import zlib
from zoneinfo import ZoneInfo

import holidays
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_sdk.models import Complaint, Event, EventKind, Role, Status
from lapor_sdk.sla import (
    CalendarRangeError,
    Duration,
    NaiveDatetimeError,
    OfficeHours,
    ProvisionalCalendarWarning,
    SlaClock,
    SlaPolicy,
    SlaState,
    WorkingCalendar,
    batch,
)

WIB = ZoneInfo("Asia/Jakarta")
CALENDARS = {
    "wib": WorkingCalendar.indonesia(tz="Asia/Jakarta"),
    "wita-no-cuti": WorkingCalendar.indonesia(tz="Asia/Makassar", cuti_bersama=False),
    "wit-lunch": WorkingCalendar.indonesia(
        tz="WIT",
        office_hours=OfficeHours.weekly(
            {"mon-thu": "07:30-12:00, 13:00-16:00", "fri": "07:30-11:30, 13:00-16:30"}
        ),
    ),
    # Any IANA zone works; one with daylight saving time takes the non-fixed-offset path.
    "berlin-dst": WorkingCalendar(tz="Europe/Berlin"),
}
BASE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
TARGETS = ["1wd", "3wd", "10wd", "8wh", "2.5wh", "24h", "3h", "14d"]


def random_clock(
    rng: random.Random, cal: WorkingCalendar, target: str
) -> tuple[SlaClock, list[tuple[dt.datetime, dt.datetime | None]], dt.datetime | None]:
    start = BASE + dt.timedelta(seconds=rng.randrange(0, 650 * 86_400))
    clock = SlaClock(calendar=cal, target=target, started_at=start)
    pauses: list[tuple[dt.datetime, dt.datetime | None]] = []
    t = start
    for _ in range(rng.choice([0, 0, 1, 2])):
        p = t + dt.timedelta(seconds=rng.randrange(0, 4 * 86_400))
        clock.pause(p)
        if rng.random() < 0.75:
            r = p + dt.timedelta(seconds=rng.randrange(0, 5 * 86_400))
            clock.resume(r)
            pauses.append((p, r))
            t = r
        else:
            pauses.append((p, None))
            t = p
            break
    stop = None
    if rng.random() < 0.5:
        stop = t + dt.timedelta(seconds=rng.choice([0, rng.randrange(0, 12 * 86_400)]))
        clock.stop(stop)
        if pauses and pauses[-1][1] is None:
            pauses[-1] = (pauses[-1][0], stop)
    return clock, pauses, stop


def us(value: dt.datetime) -> int:
    return int(batch.to_epoch_us([value])[0])


def compare(cal: WorkingCalendar, target: str, seed: int, n: int) -> None:
    rng = random.Random(seed)
    clocks, owners, starts_, ends, stops = [], [], [], [], []
    for i in range(n):
        clock, pauses, stop = random_clock(rng, cal, target)
        clocks.append(clock)
        stops.append(batch.NO_TIME if stop is None else us(stop))
        for p, r in pauses:
            owners.append(i)
            starts_.append(us(p))
            ends.append(batch.NO_TIME if r is None else us(r))
    now = BASE + dt.timedelta(seconds=rng.randrange(0, 650 * 86_400))
    result = batch.evaluate_clocks(
        cal,
        target,
        [c.started_at for c in clocks],
        now=now,
        stopped=np.asarray(stops, dtype=np.int64),
        pause_owner=owners,
        pause_start=starts_,
        pause_end=ends,
    )
    due = batch.to_datetimes(result.due, cal)
    states = result.states()
    for i, clock in enumerate(clocks):
        expected = clock.result(now)
        got = (
            due[i],
            states[i],
            dt.timedelta(microseconds=int(result.elapsed[i])),
            dt.timedelta(microseconds=int(result.remaining[i])),
            dt.timedelta(microseconds=int(result.paused[i])),
        )
        assert got == (
            expected.due_at,
            expected.state,
            expected.elapsed,
            expected.remaining,
            expected.paused,
        ), f"clock #{i} {clock!r} at {now}"


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("calendar", list(CALENDARS))
def test_batch_equals_slaclock_on_random_cases(calendar: str, target: str) -> None:
    # 4 calendars x 8 targets x 150 clocks = 4,800 random cases with pauses and stops.
    compare(CALENDARS[calendar], target, seed=zlib.crc32(f"{calendar}/{target}".encode()), n=150)


@given(st.sampled_from(list(CALENDARS)), st.sampled_from(TARGETS), st.integers(0, 2**32))
def test_batch_equals_slaclock_property(calendar: str, target: str, seed: int) -> None:
    compare(CALENDARS[calendar], target, seed=seed, n=5)


def test_batch_working_days_match_numpy_busday_offset_on_raw_holidays() -> None:
    # Independent check: numpy's day arithmetic on the raw holidays package data.
    raw = holidays.country_holidays(
        "ID", categories=(holidays.PUBLIC, holidays.GOVERNMENT), language="id", years=[2025, 2026]
    )
    closed = np.array(sorted(raw), dtype="datetime64[D]")
    cal = CALENDARS["wib"]
    rng = np.random.default_rng(7)
    starts = us(BASE) + rng.integers(0, 680 * 86_400_000_000, size=20_000, dtype=np.int64)
    offset = 7 * 3_600_000_000
    local_days = ((starts + offset) // 86_400_000_000).astype("datetime64[D]")
    for n in (1, 3, 5, 10):
        due = batch.due_dates(cal, starts, Duration.working_days(n))
        expected = np.busday_offset(
            local_days, n, roll="backward", weekmask="1111100", holidays=closed
        )
        assert np.array_equal(((due + offset) // 86_400_000_000).astype("datetime64[D]"), expected)
        local_times = (due + offset) % 86_400_000_000 // 60_000_000  # minutes after midnight
        fridays = expected.astype("datetime64[D]").astype(np.int64) % 7 == 1  # 1970-01-01 = Thu
        assert set(local_times[fridays].tolist()) <= {16 * 60 + 30}
        assert set(local_times[~fridays].tolist()) <= {16 * 60}


def test_batch_policy_evaluation_equals_per_complaint() -> None:
    rng = random.Random(11)
    kinds = [
        (EventKind.POSTPONED, Status.POSTPONED),
        (EventKind.SUPPLEMENTED, Status.UNVERIFIED),
        (EventKind.VERIFIED, Status.DISPOSED),
        (EventKind.FOLLOWED_UP, Status.IN_PROGRESS),
        (EventKind.COMPLETED, Status.COMPLETED),
        (EventKind.REPLIED, Status.IN_PROGRESS),
        (EventKind.ARCHIVED, Status.ARCHIVED),
        (EventKind.CLOSED, Status.CLOSED),
    ]
    complaints = []
    for _ in range(300):
        t = BASE + dt.timedelta(seconds=rng.randrange(0, 600 * 86_400))
        events = [
            Event(at=t, kind=EventKind.CREATED, actor=Role.REPORTER, to_status=Status.UNVERIFIED)
        ]
        for _ in range(rng.randrange(0, 7)):
            t += dt.timedelta(seconds=rng.randrange(0, 6 * 86_400))
            kind, status = rng.choice(kinds)
            events.append(Event(at=t, kind=kind, actor=Role.AGENCY_ADMIN, to_status=status))
        complaints.append(Complaint(created_at=events[0].at, events=events))
    now = dt.datetime(2026, 2, 1, 12, tzinfo=WIB)
    for policy in (SlaPolicy.sp4n_lapor(), SlaPolicy.laporgub()):
        for cal in CALENDARS.values():
            expected = [policy.evaluate(c, calendar=cal, now=now) for c in complaints]
            assert batch.evaluate(policy, complaints, calendar=cal, now=now) == expected
    counts = batch.evaluate_clocks(CALENDARS["wib"], "3wd", [now], now=now).counts()
    assert counts[SlaState.ON_TRACK] == 1


def test_batch_refuses_naive_input_and_missing_years() -> None:
    cal = CALENDARS["wib"]
    with pytest.raises(NaiveDatetimeError, match="datetime64 array"):
        batch.due_dates(cal, np.array(["2025-03-03T09:00"], dtype="datetime64[us]"), "3wd")
    with pytest.raises(NaiveDatetimeError, match="#1"):
        batch.due_dates(cal, [dt.datetime(2025, 3, 3, tzinfo=WIB), dt.datetime(2025, 3, 3)], "3wd")
    with pytest.raises(NaiveDatetimeError):
        batch.evaluate_clocks(cal, "3wd", [], now=dt.datetime(2025, 3, 3))
    late = [dt.datetime(2027, 12, 28, 9, tzinfo=WIB)]
    with pytest.raises(CalendarRangeError, match="2028"):
        batch.due_dates(WorkingCalendar.indonesia(provisional=False), late, "5wd")
    with pytest.warns(ProvisionalCalendarWarning, match="2028"):
        provisional = batch.due_dates(WorkingCalendar.indonesia(), late, "5wd")
    assert batch.to_datetimes(provisional, cal) == [dt.datetime(2028, 1, 4, 16, tzinfo=WIB)]


def test_batch_reads_only_the_years_the_rules_need() -> None:
    # A clock stopped in 2025 evaluated in 2030 (no decree) needs no 2030 data, as in
    # SlaClock; a running one does, and a strict calendar refuses it in both.
    cal = WorkingCalendar.indonesia(provisional=False)
    start = dt.datetime(2025, 3, 3, 9, tzinfo=WIB)
    stop = dt.datetime(2025, 3, 5, 9, tzinfo=WIB)
    later = dt.datetime(2030, 1, 2, 9, tzinfo=WIB)
    clock = SlaClock(calendar=cal, target="3wd", started_at=start)
    clock.stop(stop)
    stopped = batch.evaluate_clocks(cal, "3wd", [start], now=later, stopped=[us(stop)])
    assert stopped.states() == [clock.state(later)] == [SlaState.MET]
    # Counting office time up to 2030 crosses 2028, the first year without data.
    with pytest.raises(CalendarRangeError, match="no cuti bersama decree for 2028"):
        batch.evaluate_clocks(cal, "3wd", [start], now=later)
    with pytest.raises(CalendarRangeError, match="no cuti bersama decree for 2028"):
        SlaClock(calendar=cal, target="3wd", started_at=start).result(later)


def test_batch_marks_provisional_deadlines_like_slaclock() -> None:
    # One complaint of late 2027 no longer fails the whole batch: its deadline is provisional,
    # the others are not, and batch and SlaClock agree on every field.
    cal = WorkingCalendar.indonesia()
    policy = SlaPolicy.sp4n_lapor()
    complaints = [
        Complaint(
            title="t",
            description="d",
            created_at=created,
            events=[
                Event(
                    at=created,
                    kind=EventKind.CREATED,
                    actor=Role.REPORTER,
                    to_status=Status.UNVERIFIED,
                )
            ],
        )
        for created in (
            dt.datetime(2027, 3, 1, 9, tzinfo=WIB),
            dt.datetime(2027, 12, 28, 9, tzinfo=WIB),
        )
    ]
    now = dt.datetime(2027, 12, 29, 9, tzinfo=WIB)
    with pytest.warns(ProvisionalCalendarWarning):
        rows = batch.evaluate(policy, complaints, calendar=cal, now=now)
        expected = [policy.evaluate(c, calendar=cal, now=now) for c in complaints]
    assert rows == expected
    marks = [{r.stage: r.provisional for r in row} for row in rows]
    assert marks[0] == {"verification": False, "answer": False, "completion": False}
    # 3 working days from 28 Dec 2027 end on 31 Dec (decreed); 14 and 60 reach into 2028.
    assert marks[1] == {"verification": False, "answer": True, "completion": True}
