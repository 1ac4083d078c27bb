"""Hand-computed deadlines on the 2025 and 2026 calendars.

Every expected value below was worked out by hand from the holiday list of the ``holidays``
package (Indonesia, PUBLIC + GOVERNMENT, ``language="id"``), e.g. 2025: Nyepi cuti bersama
Fri 28 Mar, Idul Fitri Mon 31 Mar–Tue 1 Apr, cuti bersama Wed 2–Fri 4 and Mon 7 Apr;
2026: Nyepi Thu 19 Mar with cuti bersama Wed 18 Mar, cuti bersama Fri 20, Mon 23, Tue 24 Mar
around Idul Fitri (Sat 21–Sun 22 Mar).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

from lapor_sdk.sla import (
    CalendarConfigError,
    CalendarRangeError,
    DayKind,
    Duration,
    NaiveDatetimeError,
    OfficeHours,
    ProvisionalCalendarWarning,
    SlaClock,
    WorkingCalendar,
)

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")

CAL = {
    ("WIB", True): WorkingCalendar.indonesia(tz="Asia/Jakarta"),
    ("WIB", False): WorkingCalendar.indonesia(tz="Asia/Jakarta", cuti_bersama=False),
    ("WITA", True): WorkingCalendar.indonesia(tz="Asia/Makassar"),
    ("WIT", True): WorkingCalendar.indonesia(tz="Asia/Jayapura"),
}


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0, tz: ZoneInfo = WIB) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, tzinfo=tz)


def assert_deadline(
    start: dt.datetime,
    duration: str,
    expected: dt.datetime,
    *,
    zone: str = "WIB",
    cuti: bool = True,
) -> None:
    cal = CAL[(zone, cuti)]
    due = cal.add(start, duration)
    assert due == expected, f"{start} + {duration} on {zone}: {due} != {expected}"
    # Same wall clock and offset as expected, i.e. given in the calendar's zone.
    assert due.utcoffset() == expected.utcoffset()
    assert SlaClock(calendar=cal, target=duration, started_at=start).due_at == expected


@pytest.mark.parametrize(
    ("start", "duration", "expected", "zone", "cuti"),
    [
        pytest.param(
            at(2025, 3, 27, 10),
            "3wd",
            at(2025, 4, 10, 16),
            "WIB",
            True,
            id="cuti-bersama-idul-fitri-2025",
        ),
        pytest.param(
            at(2025, 3, 28, 10),
            "3wd",
            at(2025, 4, 10, 16),
            "WIB",
            True,
            id="start-on-cuti-bersama-nyepi-2025",
        ),
        pytest.param(
            at(2025, 3, 27, 10),
            "3wd",
            at(2025, 4, 3, 16),
            "WIB",
            False,
            id="cuti-bersama-off-idul-fitri-2025",
        ),
        pytest.param(
            at(2025, 3, 28, 10),
            "3wd",
            at(2025, 4, 4, 16, 30),
            "WIB",
            False,
            id="cuti-bersama-off-start-friday-2025",
        ),
        pytest.param(
            at(2025, 12, 23, 9),
            "5wd",
            at(2026, 1, 2, 16, 30),
            "WIB",
            True,
            id="across-new-year-2026",
        ),
        pytest.param(
            at(2026, 1, 1, 9),
            "1wd",
            at(2026, 1, 2, 16, 30),
            "WIB",
            True,
            id="start-on-new-year-2026",
        ),
        pytest.param(
            at(2025, 8, 16, 10),
            "1wd",
            at(2025, 8, 19, 16),
            "WIB",
            True,
            id="weekend-start-hut-ri-cuti-bersama-2025",
        ),
        pytest.param(
            at(2025, 8, 16, 10),
            "1wd",
            at(2025, 8, 18, 16),
            "WIB",
            False,
            id="weekend-start-cuti-bersama-off-2025",
        ),
        pytest.param(
            at(2025, 3, 3, 20),
            "1wd",
            at(2025, 3, 4, 16),
            "WIB",
            True,
            id="start-after-closing-day-still-does-not-count",
        ),
        pytest.param(
            at(2026, 5, 26, 10),
            "3wd",
            at(2026, 6, 3, 16),
            "WIB",
            True,
            id="idul-adha-waisak-pancasila-2026",
        ),
        pytest.param(
            at(2026, 3, 19, 10),
            "2wd",
            at(2026, 3, 23, 16),
            "WIB",
            False,
            id="cuti-bersama-off-lebaran-2026",
        ),
        pytest.param(
            at(2025, 5, 28, 15, tz=WITA),
            "2wd",
            at(2025, 6, 3, 16, tz=WITA),
            "WITA",
            True,
            id="wita-ascension-cuti-bersama-2025",
        ),
        pytest.param(
            at(2026, 3, 19, 8, tz=WIT),
            "2wd",
            at(2026, 3, 26, 16, tz=WIT),
            "WIT",
            True,
            id="wit-start-on-nyepi-lebaran-2026",
        ),
        pytest.param(
            at(2025, 12, 30, 23, 30),
            "1wd",
            at(2025, 12, 31, 16),
            "WIB",
            True,
            id="late-evening-wib-is-30-december",
        ),
        pytest.param(
            at(2025, 12, 30, 23, 30),
            "1wd",
            at(2026, 1, 2, 16, 30, tz=WIT),
            "WIT",
            True,
            id="same-instant-in-wit-is-31-december",
        ),
        pytest.param(
            at(2025, 3, 3, 20),
            "8wh",
            at(2025, 3, 4, 15, 30),
            "WIB",
            True,
            id="working-hours-from-next-opening",
        ),
        pytest.param(
            at(2025, 3, 3, 7, 30),
            "8.5wh",
            at(2025, 3, 3, 16),
            "WIB",
            True,
            id="working-hours-end-exactly-at-closing",
        ),
        pytest.param(
            at(2025, 3, 27, 14),
            "8wh",
            at(2025, 4, 8, 13, 30),
            "WIB",
            True,
            id="working-hours-across-lebaran-2025",
        ),
        pytest.param(
            at(2025, 3, 7, 15),
            "2wh",
            at(2025, 3, 10, 8),
            "WIB",
            True,
            id="working-hours-friday-closes-16-30",
        ),
        pytest.param(
            at(2025, 3, 28, 10),
            "24h",
            at(2025, 3, 29, 10),
            "WIB",
            True,
            id="clock-hours-ignore-holidays",
        ),
        pytest.param(
            at(2025, 3, 28, 10),
            "14d",
            at(2025, 4, 11, 10),
            "WIB",
            True,
            id="calendar-days-ignore-holidays",
        ),
    ],
)
def test_hand_computed_deadline(
    start: dt.datetime, duration: str, expected: dt.datetime, zone: str, cuti: bool
) -> None:
    assert_deadline(start, duration, expected, zone=zone, cuti=cuti)


def test_exactly_at_closing_is_due_then_not_next_opening() -> None:
    cal = CAL[("WIB", True)]
    due = cal.add(at(2025, 3, 3, 12), "4wh")
    assert due == at(2025, 3, 3, 16)
    assert cal.add(at(2025, 3, 3, 12), Duration.hours(4)) == at(2025, 3, 3, 16)


def test_lunch_break_windows() -> None:
    hours = OfficeHours.weekly(
        {"mon-thu": "07:30-12:00, 13:00-16:00", "fri": "07:30-11:30, 13:00-16:30"}
    )
    cal = WorkingCalendar.indonesia(office_hours=hours)
    # Mon 3 Mar 2025 11:00 + 2 office hours: 1 h before lunch, 1 h after it.
    assert cal.add(at(2025, 3, 3, 11), "2wh") == at(2025, 3, 3, 14)
    assert cal.working_time_between(at(2025, 3, 3, 11), at(2025, 3, 3, 14)) == dt.timedelta(hours=2)
    # Ends exactly at the lunch closing: due at 12:00, not at 13:00.
    assert cal.add(at(2025, 3, 3, 11), "1wh") == at(2025, 3, 3, 12)


def test_ramadan_hours_apply_inside_the_given_period() -> None:
    cal = WorkingCalendar.indonesia(
        ramadan_periods={2025: (dt.date(2025, 3, 1), dt.date(2025, 3, 30))}
    )
    # Ramadan hours start at 08:00 and close at 15:00 Mon-Thu.
    assert cal.office_windows(dt.date(2025, 3, 3)) == [(at(2025, 3, 3, 8), at(2025, 3, 3, 15))]
    assert cal.add(at(2025, 3, 3, 9), "1wd") == at(2025, 3, 4, 15)
    # After Ramadan the regular hours are back.
    assert cal.closing_time(dt.date(2025, 4, 8)) == at(2025, 4, 8, 16)


def test_agency_closures_and_extra_working_days_are_year_keyed() -> None:
    cal = WorkingCalendar.indonesia(
        closures={2025: {dt.date(2025, 3, 4): "HUT instansi (SK Kepala Dinas, example)"}},
        extra_working_days={2025: {dt.date(2025, 3, 8): "Pelayanan Sabtu (example)"}},
    )
    assert not cal.is_working_day(dt.date(2025, 3, 4))
    assert cal.is_working_day(dt.date(2025, 3, 8))
    # Mon 3 Mar + 3wd: Wed 5, Thu 6, Fri 7 (Tue 4 closed) -> Fri closes at 16:30.
    assert cal.add(at(2025, 3, 3, 9), "3wd") == at(2025, 3, 7, 16, 30)
    # Sat 8 Mar works with the first open weekday's hours (Monday's, closing 16:00).
    assert cal.add(at(2025, 3, 7, 9), "1wd") == at(2025, 3, 8, 16)


def test_calendar_queries_2025() -> None:
    cal = CAL[("WIB", True)]
    assert cal.next_working_day(dt.date(2025, 3, 27)) == dt.date(2025, 4, 8)
    assert cal.working_days_between(dt.date(2025, 3, 27), dt.date(2025, 4, 8)) == 1
    assert cal.working_days_between(dt.date(2025, 4, 8), dt.date(2025, 3, 27)) == -1
    # Thu 27 Mar 15:00 to Tue 8 Apr 08:30: 1 h + 1 h of office time.
    assert cal.working_time_between(at(2025, 3, 27, 15), at(2025, 4, 8, 8, 30)) == dt.timedelta(
        hours=2
    )
    assert not cal.is_working_day(at(2025, 4, 2, 9))
    off = CAL[("WIB", False)]
    assert off.is_working_day(dt.date(2025, 4, 2))
    assert not off.is_working_day(dt.date(2025, 3, 31))  # Idul Fitri itself stays a holiday


def test_naive_datetimes_are_rejected_everywhere() -> None:
    cal = CAL[("WIB", True)]
    naive = dt.datetime(2025, 3, 3, 9, 0)
    with pytest.raises(NaiveDatetimeError, match="has no timezone"):
        cal.add(naive, "3wd")
    with pytest.raises(ValueError, match="has no timezone"):
        SlaClock(calendar=cal, target="3wd", started_at=naive)
    clock = SlaClock(calendar=cal, target="3wd", started_at=at(2025, 3, 3, 9))
    for call in (clock.pause, clock.stop, clock.state, clock.due_at_as_of):
        with pytest.raises(NaiveDatetimeError):
            call(naive)
    with pytest.raises(NaiveDatetimeError):
        cal.working_time_between(naive, at(2025, 3, 4))
    with pytest.raises(NaiveDatetimeError):
        cal.is_working_day(naive)


def test_strict_calendar_refuses_a_year_without_a_decree() -> None:
    strict = WorkingCalendar.indonesia(provisional=False)
    with pytest.raises(CalendarRangeError, match=r"no cuti bersama decree for 2030") as info:
        strict.is_working_day(dt.date(2030, 1, 2))
    assert info.value.year == 2030
    with pytest.raises(CalendarRangeError, match="2001"):
        strict.add(at(2001, 6, 1, 9), "1wd")
    assert not strict.is_provisional(2030)
    allowed = WorkingCalendar.indonesia(allow_years=[2030], provisional=False)
    assert allowed.is_working_day(dt.date(2030, 1, 2))
    assert not allowed.is_provisional(2030)


def test_year_without_a_decree_is_provisional_with_a_warning() -> None:
    cal = WorkingCalendar.indonesia()
    assert cal.is_provisional(2030) and not cal.is_provisional(2027)
    with pytest.warns(ProvisionalCalendarWarning, match="2030 is provisional") as record:
        assert cal.is_working_day(dt.date(2030, 1, 2))
    years = [w.message.year for w in record if isinstance(w.message, ProvisionalCalendarWarning)]
    assert years == [2030]
    # National holidays still close the office: 1 Jan and Idul Fitri (estimated) 2030.
    assert not cal.is_working_day(dt.date(2030, 1, 1))
    days = cal.days_of_year(2030)
    assert all(d.provisional for d in days)
    assert {d.kind for d in days} == {DayKind.PUBLIC_HOLIDAY}
    # A year outside the holiday data altogether is refused even so.
    with pytest.raises(CalendarRangeError, match="1946–2100"):
        cal.is_working_day(dt.date(2101, 1, 3))


def test_deadline_across_a_provisional_year_is_marked_provisional() -> None:
    cal = WorkingCalendar.indonesia()
    with pytest.warns(ProvisionalCalendarWarning, match="2028"):
        late = SlaClock(calendar=cal, target="5wd", started_at=at(2027, 12, 28, 9))
    result = late.result(at(2027, 12, 29, 9))
    assert result.provisional and result.to_dict()["provisional"] is True
    # 29, 30, 31 Dec 2027, then Mon 3 and Tue 4 Jan 2028 (1 Jan 2028 is a Saturday).
    assert result.due_at == at(2028, 1, 4, 16)
    early = SlaClock(calendar=cal, target="5wd", started_at=at(2027, 3, 1, 9))
    assert not early.result(at(2027, 3, 2, 9)).provisional
    # Clock hours do not depend on holidays: never provisional.
    hours = SlaClock(calendar=cal, target="24h", started_at=at(2028, 6, 1, 9))
    assert not hours.result(at(2028, 6, 1, 10)).provisional


def test_clock_hours_are_real_hours_across_daylight_saving() -> None:
    # Any IANA zone is accepted; Berlin leaves summer time on Sun 26 Oct 2025 at 03:00 CEST.
    berlin = ZoneInfo("Europe/Berlin")
    cal = WorkingCalendar(tz="Europe/Berlin")
    start = dt.datetime(2025, 10, 25, 12, 0, tzinfo=berlin)
    due = cal.add(start, "24h")
    assert due == dt.datetime(2025, 10, 26, 11, 0, tzinfo=berlin)
    assert due.utcoffset() == dt.timedelta(hours=1)
    clock = SlaClock(calendar=cal, target="24h", started_at=start)
    clock.pause(dt.datetime(2025, 10, 26, 1, 0, tzinfo=berlin))
    clock.resume(dt.datetime(2025, 10, 26, 4, 0, tzinfo=berlin))  # 4 real hours paused
    assert clock.due_at == dt.datetime(2025, 10, 26, 15, 0, tzinfo=berlin)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(
            lambda: WorkingCalendar(tz="Asia/Jakrta"),
            "unknown time zone 'Asia/Jakrta'; use WIB, WITA, WIT",
            id="typo-zone",
        ),
        pytest.param(
            lambda: OfficeHours.weekly({"mon": "07:30-12:00, 11:00-16:00"}),
            "office windows of mon overlap or are out of order",
            id="overlap",
        ),
        pytest.param(
            lambda: OfficeHours.weekly({"mon": "16:00-07:30"}),
            "closes before it opens",
            id="backwards-window",
        ),
        pytest.param(
            lambda: OfficeHours.weekly({"senin": "07:30-16:00"}),
            "unknown weekday 'senin'; use mon, tue",
            id="weekday-name",
        ),
        pytest.param(
            lambda: OfficeHours.weekly({"mon": "7.30-16"}),
            "cannot read office window '7.30-16'; write 'HH:MM-HH:MM'",
            id="window-format",
        ),
        pytest.param(
            lambda: OfficeHours.weekly({"sat": "closed"}),
            "no open window on any weekday",
            id="always-closed",
        ),
        pytest.param(
            lambda: WorkingCalendar(closures={2025: {dt.date(2026, 1, 2): "x"}}),
            "closures: 2026-01-02 is listed under year 2025; move it under 2026",
            id="closure-wrong-year",
        ),
        pytest.param(
            lambda: WorkingCalendar(
                closures={2025: {dt.date(2025, 3, 4): "x"}},
                extra_working_days={2025: {dt.date(2025, 3, 4): "y"}},
            ),
            "2025-03-04 is both an agency closure and an extra working day",
            id="closure-and-working-day",
        ),
    ],
)
def test_calendar_configuration_errors(make: Callable[[], object], message: str) -> None:
    with pytest.raises(CalendarConfigError, match=message):
        make()
