"""Reporting periods as Indonesian dates ("6 Jan – 2 Mar 2025"), not ISO week codes."""

from __future__ import annotations

import datetime as dt

__all__ = ["MONTHS", "MONTHS_SHORT", "format_date", "format_period", "period_bounds"]

#: Indonesian month names, January first.
MONTHS = (
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
).split()
#: Their usual three-letter abbreviations (Jan, Feb, Mar, Apr, Mei, Jun, Jul, Agu, Sep, Okt,
#: Nov, Des).
MONTHS_SHORT = "Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des".split()


def period_bounds(day: dt.date, *, monthly: bool) -> tuple[dt.date, dt.date]:
    """Return the first and last day of the period that contains ``day``.

    Weeks run Monday to Sunday (ISO weeks), months from the 1st to the last day.
    """
    if monthly:
        first = day.replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return first, following - dt.timedelta(days=1)
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def format_date(day: dt.date, *, long: bool = False) -> str:
    """Write a date the Indonesian way: ``"6 Jan 2025"`` (``long``: ``"6 Januari 2025"``)."""
    names = MONTHS if long else MONTHS_SHORT
    return f"{day.day} {names[day.month - 1]} {day.year}"


def format_period(start: dt.date, end: dt.date) -> str:
    """Write a span of days compactly, in Indonesian.

    Example:
        >>> format_period(dt.date(2025, 1, 6), dt.date(2025, 3, 2))
        '6 Jan – 2 Mar 2025'
        >>> format_period(dt.date(2025, 2, 3), dt.date(2025, 2, 9))
        '3–9 Feb 2025'
        >>> format_period(dt.date(2025, 12, 29), dt.date(2026, 1, 4))
        '29 Des 2025 – 4 Jan 2026'
        >>> format_period(dt.date(2025, 2, 1), dt.date(2025, 2, 28))
        'Februari 2025'
    """
    if end < start:
        start, end = end, start
    whole_month = start.day == 1 and period_bounds(start, monthly=True)[1] == end
    if whole_month:
        return f"{MONTHS[start.month - 1]} {start.year}"
    if start == end:
        return format_date(start)
    if start.year != end.year:
        return f"{format_date(start)} – {format_date(end)}"
    if start.month != end.month:
        return f"{start.day} {MONTHS_SHORT[start.month - 1]} – {format_date(end)}"
    return f"{start.day}–{format_date(end)}"
