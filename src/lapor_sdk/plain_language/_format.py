"""Numbers, money, dates and times written the Indonesian way (PUEBI), for citizen-facing text.

``Rp600.000``, ``1.234,5``, ``17 Juni 2026``, ``pukul 08.30 WIB``: a dot groups thousands, a
comma marks decimals, months and days have their Indonesian names, the clock is 24-hour with a
dot and the word *pukul*, and the zone is named (Indonesia has three).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

__all__ = [
    "DAYS",
    "MONTHS",
    "ZONE_NAMES",
    "format_date",
    "format_datetime",
    "format_number",
    "format_rupiah",
    "format_time",
    "zone_name",
]

#: Indonesian month names, January first.
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
#: Indonesian day names, Monday first (``date.weekday()`` order).
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
#: The three Indonesian time zones by their IANA names.
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
#: Other IANA names of the same zones.
_ALIASES = {
    "Asia/Pontianak": "WIB",
    "Asia/Ujung_Pandang": "WITA",
}


def format_number(value: float, decimals: int = 0) -> str:
    """Write a number with a dot between thousands and a comma before decimals.

    Example:
        >>> format_number(1234567.891, 1)
        '1.234.567,9'
        >>> format_number(-0.5, 2)
        '-0,50'
    """
    if decimals < 0:
        raise ValueError(f"decimals must be 0 or more, got {decimals}")
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_rupiah(amount: int) -> str:
    """Write an amount of rupiah: ``Rp`` right before the figure, dots between thousands.

    Example:
        >>> format_rupiah(600_000)
        'Rp600.000'

    Raises:
        ValueError: ``amount`` is negative or not a whole number.
    """
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise ValueError(f"amount must be a whole number of rupiah, 0 or more; got {amount!r}")
    return "Rp" + format_number(amount)


def format_date(day: dt.date, *, weekday: bool = False) -> str:
    """Write a date: ``17 Juni 2026`` (``weekday``: ``Rabu, 17 Juni 2026``).

    Example:
        >>> format_date(dt.date(2026, 6, 17), weekday=True)
        'Rabu, 17 Juni 2026'
    """
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{DAYS[day.weekday()]}, {text}" if weekday else text


def zone_name(tz: dt.tzinfo, moment: dt.datetime) -> str:
    """Name the zone of ``moment`` in ``tz``.

    WIB, WITA or WIT for the Indonesian zones (and for a fixed UTC offset of +7, +8 or +9
    hours); another zone's own abbreviation (``CET``); else ``UTC+hh.mm``.
    """
    key = getattr(tz, "key", None)
    named = ZONE_NAMES.get(str(key)) or _ALIASES.get(str(key))
    if named:
        return named
    local = moment.astimezone(tz)
    offset = local.utcoffset() or dt.timedelta(0)
    if key is None:  # a fixed offset such as timezone(timedelta(hours=7))
        for zone, name in ZONE_NAMES.items():
            if ZoneInfo(zone).utcoffset(local.replace(tzinfo=None)) == offset:
                return name
    else:
        abbreviation = local.strftime("%Z")
        if abbreviation.isalpha():
            return abbreviation
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}.{rest:02d}"


def _local(moment: dt.datetime, tz: dt.tzinfo | str) -> tuple[dt.datetime, dt.tzinfo]:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            f"{moment.isoformat()} has no timezone; pass an aware datetime "
            "(e.g. datetime(..., tzinfo=ZoneInfo('Asia/Jakarta')))"
        )
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    return moment.astimezone(zone), zone


def format_time(moment: dt.datetime, tz: dt.tzinfo | str = "Asia/Jakarta") -> str:
    """Write the clock time: ``pukul 08.30 WIB`` (24-hour, a dot, the zone named).

    Raises:
        ValueError: ``moment`` is naive.
    """
    local, zone = _local(moment, tz)
    return f"pukul {local.hour:02d}.{local.minute:02d} {zone_name(zone, local)}"


def format_datetime(
    moment: dt.datetime, tz: dt.tzinfo | str = "Asia/Jakarta", *, weekday: bool = False
) -> str:
    """Write a moment: ``17 Juni 2026 pukul 08.30 WIB`` (``weekday``: ``Rabu, 17 Juni …``).

    Example:
        >>> wib = dt.timezone(dt.timedelta(hours=7))
        >>> format_datetime(dt.datetime(2026, 6, 17, 8, 30, tzinfo=wib))
        '17 Juni 2026 pukul 08.30 WIB'

    Raises:
        ValueError: ``moment`` is naive.
    """
    local, zone = _local(moment, tz)
    return f"{format_date(local.date(), weekday=weekday)} {format_time(local, zone)}"
