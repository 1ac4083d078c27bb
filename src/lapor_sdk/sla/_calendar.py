"""The Indonesian working calendar: holidays, cuti bersama, office hours, agency overrides."""

from __future__ import annotations

import datetime as dt
import functools
import importlib.metadata
import re
import warnings
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

from ._duration import Duration, DurationKind
from ._errors import (
    CalendarConfigError,
    CalendarRangeError,
    InvalidDurationError,
    ProvisionalCalendarWarning,
    require_aware,
)

__all__ = [
    "ZONES",
    "CalendarDay",
    "DayKind",
    "OfficeHours",
    "WorkingCalendar",
    "supported_years",
]

#: Indonesia's three time zones by their Indonesian abbreviation.
ZONES: Mapping[str, str] = {
    "WIB": "Asia/Jakarta",
    "WITA": "Asia/Makassar",
    "WIT": "Asia/Jayapura",
}

#: First year with a cuti bersama decree (SKB) in the holiday data.
_FIRST_DECREE_YEAR = 2002
#: First year the holidays package computes for Indonesia at all.
_FIRST_DATA_YEAR = 1946
#: Last year the holidays package computes for Indonesia at all.
_LAST_DATA_YEAR = 2100
#: Longest search for the next working day before deciding the calendar has none.
_MAX_SCAN_DAYS = 3 * 366
_UTC = dt.UTC
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=_UTC)
_ONE_US = dt.timedelta(microseconds=1)

Window = tuple[dt.time, dt.time]
"""One office window of a day, local wall time: (opening, closing)."""

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WINDOW_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def _parse_time(hour: str, minute: str, text: str) -> dt.time:
    h, m = int(hour), int(minute)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise CalendarConfigError(f"office window {text.strip()!r} has an impossible time")
    return dt.time(h, m)


def _parse_windows(spec: str) -> tuple[Window, ...]:
    spec = spec[:200]
    if spec.strip().lower() in ("", "closed", "-", "libur"):
        return ()
    windows: list[Window] = []
    for part in spec.split(","):
        match = _WINDOW_RE.match(part)
        if match is None:
            raise CalendarConfigError(
                f"cannot read office window {part.strip()!r}; write 'HH:MM-HH:MM', several "
                "separated by commas (e.g. '07:30-12:00, 13:00-16:00'), or 'closed'"
            )
        windows.append(
            (_parse_time(match[1], match[2], part), _parse_time(match[3], match[4], part))
        )
    return tuple(windows)


def _check_windows(day: str, windows: Sequence[Window]) -> tuple[Window, ...]:
    checked: list[Window] = []
    for window in windows:
        if len(window) != 2 or not all(isinstance(t, dt.time) for t in window):
            raise CalendarConfigError(
                f"office window of {day} must be a pair of datetime.time, got {window!r}"
            )
        start, end = window
        if start.tzinfo is not None or end.tzinfo is not None:
            raise CalendarConfigError(
                f"office window of {day} must use local wall times without tzinfo; "
                "the calendar's zone applies"
            )
        if start >= end:
            raise CalendarConfigError(
                f"office window {start:%H:%M}-{end:%H:%M} of {day} closes before it opens"
            )
        if checked and start < checked[-1][1]:
            raise CalendarConfigError(
                f"office windows of {day} overlap or are out of order "
                f"({checked[-1][0]:%H:%M}-{checked[-1][1]:%H:%M} then {start:%H:%M}-{end:%H:%M})"
            )
        checked.append((start, end))
    return tuple(checked)


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """Office windows for each weekday (Monday first), in local wall time.

    Several windows a day are allowed (a lunch break). A weekday without windows is closed.

    Example:
        >>> hours = OfficeHours.weekly({"mon-thu": "07:30-12:00, 13:00-16:00",
        ...                             "fri": "07:30-11:30, 13:00-16:30"})
        >>> hours.windows(0)[1]
        (datetime.time(13, 0), datetime.time(16, 0))
    """

    days: tuple[tuple[Window, ...], ...]
    """Seven tuples of windows, Monday to Sunday."""

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise CalendarConfigError(
                f"office hours need 7 weekdays (Monday to Sunday), got {len(self.days)}"
            )
        days = tuple(_check_windows(_WEEKDAYS[i], w) for i, w in enumerate(self.days))
        if not any(days):
            raise CalendarConfigError("office hours have no open window on any weekday")
        object.__setattr__(self, "days", days)

    @classmethod
    def perpres_21_2023(cls) -> OfficeHours:
        """Return the usual ASN hours: Mon–Thu 07:30–16:00, Fri 07:30–16:30 (37.5 h net).

        Perpres 21/2023 sets 37.5 hours a week starting at 07:30; most agencies split it this
        way. Pass your own :class:`OfficeHours` when yours differ.
        """
        mon_thu = ((dt.time(7, 30), dt.time(16, 0)),)
        fri = ((dt.time(7, 30), dt.time(16, 30)),)
        return cls((mon_thu, mon_thu, mon_thu, mon_thu, fri, (), ()))

    @classmethod
    def ramadan(cls) -> OfficeHours:
        """Return common Ramadan hours: Mon–Thu 08:00–15:00, Fri 08:00–15:30.

        The MenPANRB circular of each year sets the real hours; check yours.
        """
        mon_thu = ((dt.time(8, 0), dt.time(15, 0)),)
        fri = ((dt.time(8, 0), dt.time(15, 30)),)
        return cls((mon_thu, mon_thu, mon_thu, mon_thu, fri, (), ()))

    @classmethod
    def weekly(cls, spec: Mapping[str | int, str | Sequence[Window]]) -> OfficeHours:
        """Build office hours from ``{"mon-thu": "07:30-16:00", "fri": "07:30-16:30"}``.

        Args:
            spec: Keys are weekday names (``mon`` … ``sun``), ranges (``mon-thu``) or numbers
                (0 = Monday); values are ``"HH:MM-HH:MM"`` strings (several separated by commas,
                ``"closed"`` for none) or sequences of ``(time, time)``. Missing days are closed.

        Raises:
            CalendarConfigError: A key or window cannot be read.
        """
        days: list[tuple[Window, ...]] = [()] * 7
        for key, value in spec.items():
            windows = _parse_windows(value) if isinstance(value, str) else tuple(value)
            for index in _weekday_indexes(key):
                days[index] = windows
        return cls(tuple(days))

    def windows(self, weekday: int) -> tuple[Window, ...]:
        """Return the windows of ``weekday`` (0 = Monday)."""
        return self.days[weekday]

    @property
    def fallback(self) -> tuple[Window, ...]:
        """Windows used for an extra working day on a closed weekday (first open weekday's)."""
        return next(w for w in self.days if w)


def _weekday_indexes(key: str | int) -> list[int]:
    if isinstance(key, int) and not isinstance(key, bool):
        if 0 <= key <= 6:
            return [key]
        raise CalendarConfigError(f"weekday number {key} is not in 0 (Monday) … 6 (Sunday)")
    text = str(key).strip().lower()[:20]
    names = [part.strip()[:3] for part in text.split("-")]
    if not all(name in _WEEKDAYS for name in names) or len(names) > 2:
        raise CalendarConfigError(
            f"unknown weekday {key!r}; use mon, tue, wed, thu, fri, sat, sun or a range 'mon-thu'"
        )
    first = _WEEKDAYS.index(names[0])
    last = _WEEKDAYS.index(names[-1])
    if last < first:
        raise CalendarConfigError(f"weekday range {key!r} runs backwards; write e.g. 'mon-thu'")
    return list(range(first, last + 1))


class DayKind(StrEnum):
    """Why a day is listed in a calendar year."""

    PUBLIC_HOLIDAY = "public_holiday"
    CUTI_BERSAMA = "cuti_bersama"
    AGENCY_CLOSURE = "agency_closure"
    AGENCY_WORKING_DAY = "agency_working_day"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _DAY_LABELS[self]


_DAY_LABELS = {
    DayKind.PUBLIC_HOLIDAY: "Libur nasional",
    DayKind.CUTI_BERSAMA: "Cuti bersama",
    DayKind.AGENCY_CLOSURE: "Libur instansi",
    DayKind.AGENCY_WORKING_DAY: "Hari kerja tambahan",
}


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """A listed day of a calendar year (holiday, cuti bersama or agency override)."""

    date: dt.date
    """The day."""
    name: str
    """Its name (Indonesian, from the holiday data or the agency's override)."""
    kind: DayKind
    """Why it is listed."""
    is_working_day: bool
    """Whether this calendar treats it as a working day (e.g. cuti bersama switched off)."""
    provisional: bool = False
    """Whether the day's year has no cuti bersama decree yet (listed from national holidays,
    some of them estimated: the decree may add closures or move a date)."""


@functools.lru_cache(maxsize=256)
def _holiday_year(year: int) -> tuple[dict[dt.date, str], dict[dt.date, str]]:
    """Return (public holidays, cuti bersama) of ``year`` from the holidays package."""
    both = holidays.country_holidays(
        "ID", categories=(holidays.PUBLIC, holidays.GOVERNMENT), language="id", years=year
    )
    government = holidays.country_holidays(
        "ID", categories=(holidays.GOVERNMENT,), language="id", years=year
    )
    cuti = {day: str(name) for day, name in government.items()}
    public = {day: str(name) for day, name in both.items() if day not in cuti}
    return public, cuti


def _has_decree(year: int) -> bool:
    return _FIRST_DECREE_YEAR <= year <= _LAST_DATA_YEAR and bool(_holiday_year(year)[1])


def _has_data(year: int) -> bool:
    return _FIRST_DATA_YEAR <= year <= _LAST_DATA_YEAR


@functools.lru_cache(maxsize=1)
def supported_years() -> tuple[int, ...]:
    """Return the years whose cuti bersama decree is in the installed ``holidays`` data.

    A year counts as covered when the holiday data holds its cuti bersama (GOVERNMENT
    category) days; national holidays alone may be estimates for later years.
    """
    last = min(max(dt.date.today().year + 3, 2030), _LAST_DATA_YEAR)
    return tuple(y for y in range(_FIRST_DECREE_YEAR, last + 1) if _has_decree(y))


@functools.lru_cache(maxsize=1)
def _holidays_version() -> str:
    try:
        return importlib.metadata.version("holidays")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - vendored copies
        return "(unknown version)"


def _zone(tz: str | dt.tzinfo) -> dt.tzinfo:
    if isinstance(tz, dt.tzinfo):
        return tz
    if not isinstance(tz, str):
        raise CalendarConfigError(f"time zone must be an IANA name, got {type(tz).__name__}")
    name = ZONES.get(tz.strip().upper(), tz.strip())
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        shown = tz[:40]
        raise CalendarConfigError(
            f"unknown time zone {shown!r}; use WIB, WITA, WIT or an IANA name such as "
            "'Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'"
        ) from None


def _year_keyed(what: str, data: Mapping[int, Mapping[dt.date, str]] | None) -> dict[dt.date, str]:
    flat: dict[dt.date, str] = {}
    for year, days in (data or {}).items():
        if not isinstance(year, int):
            raise CalendarConfigError(f"{what} must be keyed by year (int), got {year!r}")
        for day, name in days.items():
            if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
                raise CalendarConfigError(f"{what} of {year} must be dates, got {day!r}")
            if day.year != year:
                raise CalendarConfigError(
                    f"{what}: {day.isoformat()} is listed under year {year}; "
                    f"move it under {day.year}"
                )
            flat[day] = str(name)[:200]
    return flat


class WorkingCalendar:
    """Working days and office hours of an Indonesian agency in one time zone.

    National holidays and cuti bersama come from the ``holidays`` package (Indonesia, PUBLIC
    and GOVERNMENT categories, Indonesian names). An agency adds its own closures and extra
    working days, keyed by year.

    **Years without a decree.** Cuti bersama is set each year by a joint ministerial decree
    (SKB); the holiday data has the decrees of :func:`supported_years`. A year after them
    (or before 2002) is, by default, computed *provisionally* from the national holidays
    alone: the first query about it emits a :class:`ProvisionalCalendarWarning`,
    :meth:`is_provisional` is true for it, and SLA results counted across it carry
    ``provisional=True``. The decree usually adds closures, so provisional deadlines tend to
    move later once it is published. ``provisional=False`` is the strict mode: such years raise
    :class:`CalendarRangeError` instead. Years outside the holiday data altogether (before
    1946, after 2100) always raise.

    Args:
        tz: IANA zone or ``"WIB"``/``"WITA"``/``"WIT"``; office hours are local to it.
        office_hours: Weekly office windows (default :meth:`OfficeHours.perpres_21_2023`).
        cuti_bersama: Whether cuti bersama days are closed (``False``: they are working days).
        closures: Agency closures, ``{2025: {date(2025, 5, 2): "HUT Kota (Perwali …)"}}``.
        extra_working_days: Days the agency works although the calendar says closed, same shape.
            They use their weekday's hours, or the first open weekday's on a weekend.
        ramadan_periods: ``{2025: (first day, last day)}`` of Ramadan, inclusive, from the
            year's decree; during them ``ramadan_hours`` apply.
        ramadan_hours: Hours during Ramadan (default :meth:`OfficeHours.ramadan` when
            ``ramadan_periods`` is given).
        allow_years: Years to accept as final although the holiday data has no cuti bersama
            decree for them (add their closures yourself): no warning, not provisional.
        provisional: What to do with other years without a decree: compute them from the
            national holidays and mark them provisional (``True``, default), or refuse them
            with :class:`CalendarRangeError` (``False``, strict).

    Raises:
        CalendarConfigError: A zone, window or override is impossible.

    Example:
        >>> import datetime as dt
        >>> cal = WorkingCalendar.indonesia(tz="Asia/Jakarta")
        >>> cal.is_working_day(dt.date(2025, 4, 2))   # cuti bersama Idul Fitri
        False
    """

    __slots__ = (
        "_allow_years",
        "_closures",
        "_cuti_bersama",
        "_day_cache",
        "_extra_working",
        "_office",
        "_provisional",
        "_ramadan",
        "_ramadan_hours",
        "_table",
        "_tz",
        "_years_ok",
    )

    def __init__(
        self,
        *,
        tz: str | dt.tzinfo = "Asia/Jakarta",
        office_hours: OfficeHours | None = None,
        cuti_bersama: bool = True,
        closures: Mapping[int, Mapping[dt.date, str]] | None = None,
        extra_working_days: Mapping[int, Mapping[dt.date, str]] | None = None,
        ramadan_periods: Mapping[int, tuple[dt.date, dt.date]] | None = None,
        ramadan_hours: OfficeHours | None = None,
        allow_years: Collection[int] = (),
        provisional: bool = True,
    ) -> None:
        self._tz = _zone(tz)
        self._office = office_hours or OfficeHours.perpres_21_2023()
        if not isinstance(self._office, OfficeHours):
            raise CalendarConfigError("office_hours must be an OfficeHours")
        self._cuti_bersama = bool(cuti_bersama)
        self._closures = _year_keyed("closures", closures)
        self._extra_working = _year_keyed("extra_working_days", extra_working_days)
        both = set(self._closures) & set(self._extra_working)
        if both:
            first = min(both).isoformat()
            raise CalendarConfigError(
                f"{first} is both an agency closure and an extra working day; keep one"
            )
        self._ramadan: list[tuple[dt.date, dt.date]] = []
        for year, period in (ramadan_periods or {}).items():
            if (
                not isinstance(period, tuple | list)
                or len(period) != 2
                or not all(
                    isinstance(d, dt.date) and not isinstance(d, dt.datetime) for d in period
                )
            ):
                raise CalendarConfigError(
                    f"Ramadan period of {year} must be (first day, last day) as dates"
                )
            first_day, last_day = period
            if first_day > last_day or last_day - first_day > dt.timedelta(days=31):
                raise CalendarConfigError(
                    f"Ramadan period of {year} ({first_day} to {last_day}) is not 29-30 days long"
                )
            if year not in (first_day.year, last_day.year):
                raise CalendarConfigError(
                    f"Ramadan period {first_day} to {last_day} is listed under year {year}"
                )
            self._ramadan.append((first_day, last_day))
        self._ramadan_hours = ramadan_hours or (OfficeHours.ramadan() if self._ramadan else None)
        self._allow_years = frozenset(int(y) for y in allow_years)
        if not isinstance(provisional, bool):
            raise CalendarConfigError(
                f"provisional must be True or False, got {type(provisional).__name__}"
            )
        self._provisional = provisional
        self._day_cache: dict[dt.date, tuple[tuple[dt.datetime, dt.datetime], ...]] = {}
        self._years_ok: set[int] = set()
        self._table: Any = None

    @classmethod
    def indonesia(
        cls,
        *,
        tz: str | dt.tzinfo = "Asia/Jakarta",
        cuti_bersama: bool = True,
        office_hours: OfficeHours | None = None,
        closures: Mapping[int, Mapping[dt.date, str]] | None = None,
        extra_working_days: Mapping[int, Mapping[dt.date, str]] | None = None,
        ramadan_periods: Mapping[int, tuple[dt.date, dt.date]] | None = None,
        ramadan_hours: OfficeHours | None = None,
        allow_years: Collection[int] = (),
        provisional: bool = True,
    ) -> WorkingCalendar:
        """Return the national calendar: holidays + cuti bersama, Perpres 21/2023 hours.

        Takes the same arguments as the constructor (see :class:`WorkingCalendar`);
        ``provisional=False`` is the strict mode that refuses years without a decree.

        Example:
            >>> cal = WorkingCalendar.indonesia(tz="WITA", cuti_bersama=False)
            >>> cal.tz_name
            'Asia/Makassar'
            >>> strict = WorkingCalendar.indonesia(provisional=False)
            >>> strict.is_provisional(2100), cal.is_provisional(2100)
            (False, True)
        """
        return cls(
            tz=tz,
            office_hours=office_hours,
            cuti_bersama=cuti_bersama,
            closures=closures,
            extra_working_days=extra_working_days,
            ramadan_periods=ramadan_periods,
            ramadan_hours=ramadan_hours,
            allow_years=allow_years,
            provisional=provisional,
        )

    # -- configuration -------------------------------------------------------------------

    @property
    def tz(self) -> dt.tzinfo:
        """The calendar's time zone."""
        return self._tz

    @property
    def tz_name(self) -> str:
        """The zone's IANA name (``"Asia/Jakarta"``)."""
        return str(getattr(self._tz, "key", self._tz))

    @property
    def allow_years(self) -> frozenset[int]:
        """Years accepted without a cuti bersama decree in the holiday data."""
        return self._allow_years

    @property
    def provisional(self) -> bool:
        """Whether years without a decree are computed provisionally (``False``: refused)."""
        return self._provisional

    @property
    def cuti_bersama(self) -> bool:
        """Whether cuti bersama days are closed."""
        return self._cuti_bersama

    @property
    def office_hours(self) -> OfficeHours:
        """The regular weekly office hours."""
        return self._office

    def __repr__(self) -> str:
        return (
            f"WorkingCalendar(tz={self.tz_name!r}, cuti_bersama={self._cuti_bersama}, "
            f"closures={len(self._closures)}, extra_working_days={len(self._extra_working)}"
            + ("" if self._provisional else ", provisional=False")
            + ")"
        )

    # -- days ----------------------------------------------------------------------------

    def is_provisional(self, year: int) -> bool:
        """Tell whether this calendar computes ``year`` provisionally (no decree in the data).

        ``False`` for years with a decree, years in ``allow_years``, every year of a strict
        calendar (``provisional=False``: it refuses them instead) and years outside the
        holiday data (always refused).
        """
        return (
            self._provisional
            and year not in self._allow_years
            and _has_data(year)
            and not _has_decree(year)
        )

    def provisional_years_between(self, start: dt.date, end: dt.date) -> tuple[int, ...]:
        """Return the provisional years from ``start`` to ``end`` (local dates), in order.

        Aware datetimes mean their local date in the calendar's zone. Empty when every year
        of the span has a decree (the usual case): nothing counted across it is provisional.
        """
        first = self._local_date(start, "start").year
        last = self._local_date(end, "end").year
        if last < first:
            first, last = last, first
        return tuple(y for y in range(first, last + 1) if self.is_provisional(y))

    def check_year(self, year: int) -> None:
        """Check that ``year`` can be computed; warn when it is provisional.

        Raises:
            CalendarRangeError: The year has no cuti bersama decree in the holiday data and
                the calendar is strict, or the holiday data has nothing for it at all.

        Warns:
            ProvisionalCalendarWarning: The first time a provisional year is used.
        """
        if year in self._years_ok:
            return
        if year not in self._allow_years and not _has_decree(year):
            years = supported_years()
            span = f"{years[0]}–{years[-1]}" if years else "no year"
            data = f"holidays {_holidays_version()} has cuti bersama decrees for {span}"
            if not _has_data(year):
                raise CalendarRangeError(
                    f"no holiday data for {year}: the holidays package computes Indonesia's "
                    f"holidays for {_FIRST_DATA_YEAR}–{_LAST_DATA_YEAR} only; check the date",
                    year=year,
                )
            if not self._provisional:
                raise CalendarRangeError(
                    f"no cuti bersama decree for {year}: {data}; upgrade the holidays package, "
                    f"compute {year} provisionally from the national holidays (the default), "
                    "or accept it as final and add its closures yourself",
                    year=year,
                )
            warnings.warn(
                ProvisionalCalendarWarning(
                    f"{year} is provisional: {data}, so its working days come from the "
                    "national holidays alone (some dates estimated) and deadlines counted "
                    f"across {year} may move when the decree is published",
                    year=year,
                ),
                stacklevel=3,
            )
        self._years_ok.add(year)

    def _local_date(self, day: dt.date, what: str) -> dt.date:
        if isinstance(day, dt.datetime):
            return require_aware(day, what).astimezone(self._tz).date()
        if not isinstance(day, dt.date):
            raise CalendarConfigError(f"{what} must be a date, got {type(day).__name__}")
        return day

    def _windows_utc(self, day: dt.date) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
        cached = self._day_cache.get(day)
        if cached is not None:
            return cached
        self.check_year(day.year)
        weekday = day.weekday()
        office = self._office
        if self._ramadan_hours is not None and any(a <= day <= b for a, b in self._ramadan):
            office = self._ramadan_hours
        local: tuple[Window, ...]
        if day in self._extra_working:
            local = office.windows(weekday) or office.fallback
        elif day in self._closures or self._is_holiday(day):
            local = ()
        else:
            local = office.windows(weekday)
        result = tuple(
            (
                dt.datetime.combine(day, start, tzinfo=self._tz).astimezone(_UTC),
                dt.datetime.combine(day, end, tzinfo=self._tz).astimezone(_UTC),
            )
            for start, end in local
        )
        self._day_cache[day] = result
        return result

    def _is_holiday(self, day: dt.date) -> bool:
        public, cuti = _holiday_year(day.year)
        return day in public or (self._cuti_bersama and day in cuti)

    def is_working_day(self, day: dt.date) -> bool:
        """Tell whether ``day`` is a working day (an aware datetime means its local date).

        Raises:
            CalendarRangeError: The year is not covered by the holiday data.
            NaiveDatetimeError: ``day`` is a naive datetime.
        """
        return bool(self._windows_utc(self._local_date(day, "day")))

    def next_working_day(self, day: dt.date) -> dt.date:
        """Return the first working day strictly after ``day``.

        Raises:
            CalendarRangeError: The search reaches a year the holiday data does not cover.
        """
        current = self._local_date(day, "day")
        for _ in range(_MAX_SCAN_DAYS):
            current += dt.timedelta(days=1)
            if self._windows_utc(current):
                return current
        raise CalendarConfigError(f"no working day within {_MAX_SCAN_DAYS} days after {day}")

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Count working days after ``start`` up to and including ``end``.

        The start day never counts, as for deadlines: on the 2025 calendar,
        ``working_days_between(date(2025, 3, 27), date(2025, 4, 8)) == 1`` (only 8 April).
        Negative when ``end`` is before ``start``.
        """
        first = self._local_date(start, "start")
        last = self._local_date(end, "end")
        sign = 1
        if last < first:
            first, last, sign = last, first, -1
        count = 0
        current = first
        while current < last:
            current += dt.timedelta(days=1)
            if self._windows_utc(current):
                count += 1
        return sign * count

    def office_windows(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """Return the office windows of ``day`` as aware datetimes in the calendar's zone."""
        local = self._local_date(day, "day")
        return [
            (a.astimezone(self._tz), b.astimezone(self._tz)) for a, b in self._windows_utc(local)
        ]

    def closing_time(self, day: dt.date) -> dt.datetime:
        """Return when the office closes on working day ``day`` (aware, calendar zone).

        Raises:
            CalendarConfigError: ``day`` is not a working day.
        """
        local = self._local_date(day, "day")
        windows = self._windows_utc(local)
        if not windows:
            raise CalendarConfigError(f"{local.isoformat()} is not a working day")
        return windows[-1][1].astimezone(self._tz)

    def working_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Return the office time between two instants (negative when ``end`` is earlier).

        Raises:
            NaiveDatetimeError: Either datetime is naive.
        """
        a = require_aware(start, "start").astimezone(_UTC)
        b = require_aware(end, "end").astimezone(_UTC)
        if b < a:
            return -self.working_time_between(end, start)
        total = dt.timedelta(0)
        day = a.astimezone(self._tz).date()
        last = b.astimezone(self._tz).date()
        while day <= last:
            for ws, we in self._windows_utc(day):
                lo, hi = max(ws, a), min(we, b)
                if hi > lo:
                    total += hi - lo
            day += dt.timedelta(days=1)
        return total

    def add_office_time(self, start: dt.datetime, amount: dt.timedelta) -> dt.datetime:
        """Return the instant when ``amount`` of office time has passed after ``start``.

        Starts at the next opening when ``start`` is outside office hours. When the time runs
        out exactly at a closing time, that closing time is returned (not the next opening).
        """
        t = require_aware(start, "start").astimezone(_UTC)
        if amount <= dt.timedelta(0):
            return t.astimezone(self._tz)
        remaining = amount
        day = t.astimezone(self._tz).date()
        for _ in range(_MAX_SCAN_DAYS * 20):
            for ws, we in self._windows_utc(day):
                if we <= t:
                    continue
                begin = max(ws, t)
                available = we - begin
                if available >= remaining:
                    return (begin + remaining).astimezone(self._tz)
                remaining -= available
            day += dt.timedelta(days=1)
        raise CalendarConfigError("office time to add is longer than the calendar can count")

    def add(self, start: dt.datetime, duration: Duration | str) -> dt.datetime:
        """Return the deadline of ``duration`` counted from ``start``, in the calendar's zone.

        Rules: ``working_days(n)`` ends at closing time of the n-th working day after the local
        date of ``start`` (the start day never counts); ``working_hours(n)`` is n hours of
        office time (from the next opening if ``start`` is outside office hours);
        ``hours(n)``/``days(n)`` are clock time.

        Args:
            start: Aware start instant.
            duration: A :class:`Duration` or a string such as ``"3wd"``.

        Raises:
            NaiveDatetimeError: ``start`` is naive.
            CalendarRangeError: The count reaches a year without holiday data.

        Example:
            >>> import datetime as dt
            >>> from zoneinfo import ZoneInfo
            >>> cal = WorkingCalendar.indonesia()
            >>> start = dt.datetime(2025, 3, 27, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
            >>> cal.add(start, "3wd").isoformat()   # Lebaran 2025 and its cuti bersama
            '2025-04-10T16:00:00+07:00'
        """
        target = Duration.parse(duration) if isinstance(duration, str) else duration
        if not isinstance(target, Duration):
            raise InvalidDurationError(
                f"duration must be a Duration or a string, got {type(target).__name__}"
            )
        t = require_aware(start, "start")
        if target.kind is DurationKind.WORKING_DAYS:
            day = t.astimezone(self._tz).date()
            for _ in range(int(target.amount)):
                day = self.next_working_day(day)
            return self.closing_time(day)
        if target.kind is DurationKind.WORKING_HOURS:
            return self.add_office_time(t, target.as_timedelta())
        try:
            return (t.astimezone(_UTC) + target.as_timedelta()).astimezone(self._tz)
        except OverflowError:
            raise CalendarRangeError(
                f"deadline of {target} from {t.isoformat()} is outside the datetimes Python "
                "can represent (years 1 to 9999); check the start"
            ) from None

    # -- listings ------------------------------------------------------------------------

    def days_of_year(self, year: int) -> list[CalendarDay]:
        """List the holidays, cuti bersama and agency overrides of ``year``, in date order.

        Cuti bersama days are listed even when switched off (then ``is_working_day`` is true).

        Raises:
            CalendarRangeError: The year is not covered by the holiday data.
        """
        self.check_year(year)
        public, cuti = _holiday_year(year)
        listed: dict[dt.date, tuple[str, DayKind]] = {}
        for day, name in public.items():
            listed[day] = (name, DayKind.PUBLIC_HOLIDAY)
        for day, name in cuti.items():
            listed[day] = (name, DayKind.CUTI_BERSAMA)
        for day, name in self._closures.items():
            if day.year == year:
                listed[day] = (name, DayKind.AGENCY_CLOSURE)
        for day, name in self._extra_working.items():
            if day.year == year:
                listed[day] = (name, DayKind.AGENCY_WORKING_DAY)
        provisional = self.is_provisional(year)
        return [
            CalendarDay(day, name, kind, self.is_working_day(day), provisional)
            for day, (name, kind) in sorted(listed.items())
        ]

    def working_days_of_year(self, year: int) -> list[dt.date]:
        """Return every working day of ``year`` in order.

        Raises:
            CalendarRangeError: The year is not covered by the holiday data.
        """
        return list(self._iter_working_days(year))

    def _iter_working_days(self, year: int) -> Iterator[dt.date]:
        day = dt.date(year, 1, 1)
        while day.year == year:
            if self._windows_utc(day):
                yield day
            day += dt.timedelta(days=1)


def to_epoch_us(value: dt.datetime) -> int:
    """Return microseconds since 1970-01-01 UTC of an aware datetime."""
    return (value - _EPOCH) // _ONE_US


def from_epoch_us(value: int, tz: dt.tzinfo) -> dt.datetime:
    """Return the aware datetime in ``tz`` of ``value`` microseconds since the epoch."""
    return (_EPOCH + dt.timedelta(microseconds=int(value))).astimezone(tz)
