"""Properties of the calendar, durations and clocks (hypothesis)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_sdk.sla import (
    CalendarRangeError,
    Duration,
    DurationKind,
    InvalidDurationError,
    SlaClock,
    WorkingCalendar,
)

PROVISIONAL = WorkingCalendar.indonesia()
CALENDARS = [
    WorkingCalendar.indonesia(tz="Asia/Jakarta"),
    WorkingCalendar.indonesia(tz="Asia/Makassar", cuti_bersama=False),
    WorkingCalendar.indonesia(tz="Asia/Jayapura"),
]
ZONES = [ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Makassar"), ZoneInfo("Asia/Jayapura"), dt.UTC]

calendars = st.sampled_from(CALENDARS)
instants = st.builds(
    lambda minutes, tz: (
        dt.datetime(2025, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=minutes)
    ).astimezone(tz),
    st.integers(min_value=0, max_value=690 * 24 * 60),  # 2025 to late Nov 2026
    st.sampled_from(ZONES),
)
durations = st.one_of(
    st.integers(1, 20).map(Duration.working_days),
    st.integers(1, 80).map(lambda n: Duration.working_hours(n / 2)),
    st.integers(1, 200).map(Duration.hours),
)


@given(calendars, instants, st.integers(0, 10 * 24 * 60), durations)
def test_later_start_never_gives_earlier_deadline(
    cal: WorkingCalendar, start: dt.datetime, later_by: int, duration: Duration
) -> None:
    later = start + dt.timedelta(minutes=later_by)
    assert cal.add(later, duration) >= cal.add(start, duration)


@given(calendars, instants, st.integers(1, 30))
def test_working_day_deadline_is_a_working_day_at_closing_time(
    cal: WorkingCalendar, start: dt.datetime, n: int
) -> None:
    due = cal.add(start, Duration.working_days(n))
    assert due.tzinfo is cal.tz
    assert cal.is_working_day(due.date())
    assert due == cal.closing_time(due.date())
    # Exactly n working days after the start's local date; the start day never counts.
    assert cal.working_days_between(start.astimezone(cal.tz).date(), due.date()) == n


@given(calendars, instants, st.integers(1, 80))
def test_working_hours_deadline_has_exactly_that_office_time(
    cal: WorkingCalendar, start: dt.datetime, half_hours: int
) -> None:
    duration = Duration.working_hours(half_hours / 2)
    due = cal.add(start, duration)
    assert cal.working_time_between(start, due) == duration.as_timedelta()
    # The deadline is inside office hours, never at an opening: it is due at a closing time
    # rather than at the next morning's opening.
    assert any(a < due <= b for a, b in cal.office_windows(due.date()))


@given(calendars, instants, instants, instants)
def test_office_time_is_additive(
    cal: WorkingCalendar, a: dt.datetime, b: dt.datetime, c: dt.datetime
) -> None:
    a, b, c = sorted((a, b, c))
    total = cal.working_time_between(a, c)
    assert total == cal.working_time_between(a, b) + cal.working_time_between(b, c)
    assert cal.working_time_between(c, a) == -total


@given(calendars, instants, durations, st.integers(0, 20 * 24 * 60), instants)
def test_zero_length_pause_changes_nothing(
    cal: WorkingCalendar, start: dt.datetime, duration: Duration, pause_after: int, now: dt.datetime
) -> None:
    plain = SlaClock(calendar=cal, target=duration, started_at=start)
    paused = SlaClock(calendar=cal, target=duration, started_at=start)
    when = start + dt.timedelta(minutes=pause_after)
    paused.pause(when)
    paused.resume(when)
    assert paused.due_at == plain.due_at
    assert paused.result(now) == plain.result(now)


@given(calendars, instants, durations, st.integers(0, 5 * 24 * 60), st.integers(0, 5 * 24 * 60))
def test_pause_extends_by_the_counting_time_paused(
    cal: WorkingCalendar, start: dt.datetime, duration: Duration, after: int, length: int
) -> None:
    clock = SlaClock(calendar=cal, target=duration, started_at=start)
    base = clock.due_at
    p = start + dt.timedelta(minutes=after)
    r = p + dt.timedelta(minutes=length)
    clock.pause(p)
    clock.resume(r)
    if duration.kind.counts_office_time:
        paused = cal.working_time_between(p, r)
        assert clock.due_at >= base
        assert cal.working_time_between(base, clock.due_at) == paused
    else:
        assert clock.due_at - base == r - p


@given(durations)
def test_duration_string_round_trip(duration: Duration) -> None:
    assert Duration.parse(str(duration)) == duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("3wd", Duration.working_days(3), id="wd"),
        pytest.param("8wh", Duration.working_hours(8), id="wh"),
        pytest.param("24h", Duration.hours(24), id="h"),
        pytest.param(" 1.5 H ", Duration.hours(1.5), id="fraction-spaces-case"),
        pytest.param("14d", Duration.days(14), id="d"),
        pytest.param("10 working days", Duration.working_days(10), id="long-form"),
    ],
)
def test_duration_parse(text: str, expected: Duration) -> None:
    assert Duration.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("3", "write a number and a unit", id="no-unit"),
        pytest.param("3w", "write a number and a unit", id="weeks"),
        pytest.param("-3wd", "write a number and a unit", id="negative"),
        pytest.param("0h", "positive number", id="zero"),
        pytest.param("1.5wd", "whole number", id="fractional-days"),
        pytest.param("99999wd", "too long", id="too-long"),
        pytest.param("3wd" * 50, "write a number and a unit", id="oversized"),
    ],
)
def test_duration_parse_errors(text: str, message: str) -> None:
    with pytest.raises(InvalidDurationError, match=message):
        Duration.parse(text)


@given(st.text(max_size=30))
def test_duration_parse_never_crashes(text: str) -> None:
    try:
        parsed = Duration.parse(text)
    except InvalidDurationError:
        return
    assert parsed.amount > 0
    assert isinstance(parsed.kind, DurationKind)


def test_deadline_in_a_year_without_a_decree_raises_on_a_strict_calendar() -> None:
    cal = WorkingCalendar.indonesia(provisional=False)
    start = dt.datetime(2027, 12, 28, 9, tzinfo=ZoneInfo("Asia/Jakarta"))
    with pytest.raises(CalendarRangeError, match="2028"):
        cal.add(start, "5wd")


@pytest.mark.filterwarnings("ignore::lapor_sdk.sla.ProvisionalCalendarWarning")
@given(st.integers(2028, 2099), st.integers(1, 365), st.integers(1, 30))
def test_provisional_year_counts_national_holidays_and_never_cuti_bersama(
    year: int, day_of_year: int, amount: int
) -> None:
    # A provisional year closes on every national holiday, works on every other weekday, and
    # a deadline there is never earlier than on a calendar that treats holidays as working.
    cal = PROVISIONAL
    day = dt.date(year, 1, 1) + dt.timedelta(days=day_of_year - 1)
    national = holidays.country_holidays(
        "ID", categories=(holidays.PUBLIC,), language="id", years=day.year
    )
    assert cal.is_working_day(day) == (day.weekday() < 5 and day not in national)
    start = dt.datetime.combine(day, dt.time(10), tzinfo=ZoneInfo("Asia/Jakarta"))
    due = cal.add(start, Duration.working_days(amount))
    assert cal.working_days_between(start, due) == amount
    assert cal.provisional_years_between(start, due)


@given(
    st.sampled_from([Duration.working_hours, Duration.hours]),
    st.floats(min_value=1e-6, max_value=87_840, allow_nan=False, allow_infinity=False),
)
def test_duration_string_round_trip_keeps_any_fraction(
    make: Callable[[float], Duration], amount: float
) -> None:
    duration = make(amount)
    assert Duration.parse(str(duration)) == duration


@pytest.mark.parametrize(
    ("duration", "text"),
    [
        pytest.param(Duration.hours(1e-7), "0.0000001h", id="tiny-no-exponent"),
        pytest.param(Duration.working_hours(12345.678912), "12345.678912wh", id="many-digits"),
        pytest.param(Duration.hours(1.0), "1h", id="whole-float"),
    ],
)
def test_duration_str_is_exact_and_parseable(duration: Duration, text: str) -> None:
    assert str(duration) == text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("\u0663wd", id="arabic-indic-digit"),
        pytest.param("\uff13wd", id="fullwidth-digit"),
        pytest.param("3 work\u0130ng days", id="dotted-capital-i-no-keyerror"),
        pytest.param("3 hour\u017f", id="long-s"),
    ],
)
def test_duration_parse_rejects_non_ascii_digits(text: str) -> None:
    with pytest.raises(InvalidDurationError, match="write a number and a unit"):
        Duration.parse(text)


@pytest.mark.parametrize(
    ("start", "duration"),
    [
        pytest.param(
            dt.datetime(9999, 12, 31, 23, tzinfo=ZoneInfo("Asia/Jakarta")), "24h", id="after-9999"
        ),
        pytest.param(dt.datetime(1, 1, 1, 0, tzinfo=ZoneInfo("Asia/Jakarta")), "1h", id="year-1"),
    ],
)
def test_clock_deadline_outside_datetime_range_raises_range_error(
    start: dt.datetime, duration: str
) -> None:
    with pytest.raises(CalendarRangeError, match="outside"):
        CALENDARS[0].add(start, duration)


def test_instants_outside_datetime_range_raise_range_error_not_overflow() -> None:
    year_one = dt.datetime(1, 1, 1, tzinfo=ZoneInfo("Asia/Jakarta"))
    last = dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    cal = CALENDARS[0]
    in_2025 = dt.datetime(2025, 1, 6, 9, tzinfo=ZoneInfo("Asia/Jakarta"))
    with pytest.raises(CalendarRangeError, match="outside"):
        SlaClock(calendar=cal, target="1h", started_at=year_one)
    clock = SlaClock(calendar=cal, target="1h", started_at=in_2025)
    with pytest.raises(CalendarRangeError, match="outside"):
        clock.state(last)
    with pytest.raises(CalendarRangeError, match="outside"):
        cal.working_time_between(year_one, in_2025)
    with pytest.raises(CalendarRangeError, match="outside"):
        cal.is_working_day(last)
