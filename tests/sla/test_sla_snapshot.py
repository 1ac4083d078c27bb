"""Committed snapshot of the effective working days, so a holidays upgrade shows as a diff.

``working_days_snapshot.txt`` lists, per supported year, every working day of
``WorkingCalendar.indonesia()`` (WIB, cuti bersama on) and of the same calendar with cuti
bersama off. When the ``holidays`` package changes a date (a new decree, an amended cuti
bersama such as 18 Aug 2025), this test fails and shows which days moved. It also lists the
first year *without* a decree, marked provisional (national holidays only): when a release of
``holidays`` brings that decree, the header loses its mark and the new closures show as a
diff. Review the change against the decree, then regenerate with::

    SLA_UPDATE_SNAPSHOT=1 .venv/bin/pytest tests/sla/test_sla_snapshot.py
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib.metadata
import os
import warnings
from pathlib import Path

import holidays
import pytest

from lapor_sdk.sla import ProvisionalCalendarWarning, WorkingCalendar

SNAPSHOT = Path(__file__).with_name("working_days_snapshot.txt")
#: The decreed years, then the first year without a decree (computed provisionally).
YEARS = (2025, 2026, 2027, 2028)


def header(year: int, cuti: bool, provisional: bool) -> str:
    mark = ", provisional: no decree" if provisional else ""
    return f"[{year} cuti_bersama={'on' if cuti else 'off'}{mark}]"


def render() -> str:
    lines = [
        "# Effective working days (Asia/Jakarta, Mon-Fri office hours).",
        "# One line per month: YYYY-MM: day numbers. Regenerate: see test_sla_snapshot.py.",
    ]
    for cuti in (True, False):
        cal = WorkingCalendar.indonesia(cuti_bersama=cuti)
        for year in YEARS:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ProvisionalCalendarWarning)
                days = cal.working_days_of_year(year)
            lines.append(f"{header(year, cuti, cal.is_provisional(year))} {len(days)} days")
            for month in range(1, 13):
                numbers = " ".join(f"{d.day:02d}" for d in days if d.month == month)
                lines.append(f"{year}-{month:02d}: {numbers}")
    return "\n".join(lines) + "\n"


def test_working_days_match_the_committed_snapshot() -> None:
    current = render()
    if os.environ.get("SLA_UPDATE_SNAPSHOT") == "1":
        SNAPSHOT.write_text(current, encoding="utf-8")
    committed = SNAPSHOT.read_text(encoding="utf-8")
    if committed != current:
        diff = "".join(
            difflib.unified_diff(
                committed.splitlines(keepends=True),
                current.splitlines(keepends=True),
                "committed",
                "holidays " + importlib.metadata.version("holidays"),
            )
        )
        pytest.fail(f"working days changed (holidays upgrade?):\n{diff}")


def test_snapshot_agrees_with_raw_holiday_data() -> None:
    # Independent of WorkingCalendar: weekdays minus the package's holidays and cuti bersama.
    raw = holidays.country_holidays(
        "ID", categories=(holidays.PUBLIC, holidays.GOVERNMENT), language="id", years=YEARS
    )
    text = SNAPSHOT.read_text(encoding="utf-8")
    for year in YEARS:
        day = dt.date(year, 1, 1)
        expected = []
        while day.year == year:
            if day.weekday() < 5 and day not in raw:
                expected.append(day)
            day += dt.timedelta(days=1)
        provisional = WorkingCalendar.indonesia().is_provisional(year)
        assert f"{header(year, True, provisional)} {len(expected)} days" in text
        for month in range(1, 13):
            numbers = " ".join(f"{d.day:02d}" for d in expected if d.month == month)
            assert f"{year}-{month:02d}: {numbers}\n" in text


def test_the_snapshot_ends_with_one_provisional_year() -> None:
    # Keeps the snapshot meaningful: the decreed years are final, the year after them is the
    # provisional one; a holidays release with its decree must show up here.
    cal = WorkingCalendar.indonesia()
    assert [cal.is_provisional(y) for y in YEARS] == [False] * (len(YEARS) - 1) + [True]
    assert "provisional: no decree" in SNAPSHOT.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("year", "weekday_closures"),
    [
        # Hand count from the 2025 list: weekday holidays and cuti bersama (17 Aug, 20 Apr,
        # 1 Jun and 29 Mar fall on weekends): 1 Jan, 27-29 Jan, 28 Mar, 31 Mar-4 Apr, 7 Apr,
        # 18 Apr, 1 May, 12-13 May, 29-30 May, 6 Jun, 9 Jun, 27 Jun, 18 Aug, 5 Sep, 25-26 Dec.
        pytest.param(2025, 24, id="2025"),
        # 2026: 1 Jan, 16 Jan, 16-17 Feb, 18-20 Mar, 23-24 Mar, 3 Apr, 1 May, 14-15 May,
        # 27-28 May, 1 Jun, 16 Jun, 17 Aug, 25 Aug, 24-25 Dec.
        pytest.param(2026, 21, id="2026"),
    ],
)
def test_working_day_totals_by_hand(year: int, weekday_closures: int) -> None:
    weekdays = sum(
        1
        for i in range((dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days)
        if (dt.date(year, 1, 1) + dt.timedelta(days=i)).weekday() < 5
    )
    cal = WorkingCalendar.indonesia()
    assert len(cal.working_days_of_year(year)) == weekdays - weekday_closures
