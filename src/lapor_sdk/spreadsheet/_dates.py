"""Dates as agencies' spreadsheets write them: Indonesian month names, d/m/y, Excel cells."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

__all__ = ["MONTHS", "parse_date"]

#: Indonesian month names and their usual abbreviations (lower case) -> month number.
MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2,
    "maret": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6,
    "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agus": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11,
    "nov": 11, "nopember": 11, "nop": 11, "desember": 12, "des": 12,
    # English, as some exports mix them in
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "aug": 8, "october": 10, "oct": 10, "december": 12, "dec": 12,
}  # fmt: skip
_ZONES = {"wib": "Asia/Jakarta", "wita": "Asia/Makassar", "wit": "Asia/Jayapura"}
_DAYS = r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)"
_TIME = r"(?:[ ,t]+(?:pukul |jam )?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?"
_ZONE = r"(?:\s*(wib|wita|wit|z|[+-]\d{2}:?\d{2}))?"
_NAMED = re.compile(
    rf"^(?:{_DAYS},?\s+)?(\d{{1,2}})[\s\-/]+([a-z]+)\.?[\s\-/]+(\d{{4}}){_TIME}{_ZONE}$"
)
_NUMERIC_DMY = re.compile(rf"^(\d{{1,2}})[/.\-](\d{{1,2}})[/.\-](\d{{4}}){_TIME}{_ZONE}$")
_ISO = re.compile(rf"^(\d{{4}})-(\d{{2}})-(\d{{2}}){_TIME}{_ZONE}$")
#: Excel's day zero for serial date numbers (1900 system, after the 1900 leap-year bug).
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def _zone(text: str | None, default: dt.tzinfo) -> dt.tzinfo:
    if not text:
        return default
    text = text.lower()
    if text in _ZONES:
        return ZoneInfo(_ZONES[text])
    if text == "z":
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _build(
    year: int, month: int, day: int, groups: tuple[str | None, ...], default: dt.tzinfo
) -> dt.datetime:
    hour, minute, second, zone = groups
    return dt.datetime(
        year,
        month,
        day,
        int(hour or 0),
        int(minute or 0),
        int(second or 0),
        tzinfo=_zone(zone, default),
    )


def parse_date(value: object, *, tz: dt.tzinfo) -> dt.datetime | None:
    """Read a date (and time) from a spreadsheet cell.

    Accepts ``datetime``/``date`` cells, Excel serial numbers, ``12 Januari 2025``,
    ``Senin, 12 Jan 2025 14.30 WIB``, ``12/01/2025`` (day first, as in Indonesia),
    ``2025-01-12T14:30+07:00``. A time without a zone is read in ``tz``; WIB, WITA and WIT
    are understood.

    Returns:
        An aware datetime, or ``None`` for an empty cell.

    Raises:
        ValueError: The cell is not a date.

    Example:
        >>> parse_date("12 Agustus 2025 14.30 WIB", tz=dt.UTC).isoformat()
        '2025-08-12T14:30:00+07:00'
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=tz)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=tz)
    if isinstance(value, bool):
        raise ValueError("not a date")
    if isinstance(value, int | float):
        if not 1 <= value < 2_958_466:  # Excel's range: 1900-01-01 .. 9999-12-31
            raise ValueError("not a date")
        return (_EXCEL_EPOCH + dt.timedelta(days=float(value))).replace(tzinfo=tz)
    text = " ".join(str(value).strip().lower().split())[:80]
    try:
        if m := _NAMED.match(text):
            month = MONTHS.get(m.group(2))
            if month is None:
                raise ValueError("unknown month name")
            return _build(int(m.group(3)), month, int(m.group(1)), m.groups()[3:], tz)
        if m := _NUMERIC_DMY.match(text):
            return _build(int(m.group(3)), int(m.group(2)), int(m.group(1)), m.groups()[3:], tz)
        if m := _ISO.match(text):
            return _build(int(m.group(1)), int(m.group(2)), int(m.group(3)), m.groups()[3:], tz)
    except (ValueError, OverflowError):
        raise ValueError("not a valid date") from None
    raise ValueError("not a date")
