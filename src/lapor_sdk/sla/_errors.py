"""Errors of the SLA engine.

```
LaporError
└── InvalidInputError (also ValueError)
    ├── NaiveDatetimeError          a datetime without a timezone entered the SLA engine
    ├── CalendarRangeError          a date outside the years the holiday data covers
    ├── CalendarConfigError         office hours, zones or agency overrides that make no sense
    ├── InvalidDurationError        a duration that cannot be parsed or is not positive
    ├── ClockError                  pause/resume/stop called out of order
    └── PolicyError                 a policy definition with unknown events, bad durations, ...

UserWarning
└── ProvisionalCalendarWarning      a year without a cuti bersama decree, computed from the
                                    national holidays alone (its deadlines are provisional)
```
"""

from __future__ import annotations

import datetime as dt

from .._exceptions import InvalidInputError

__all__ = [
    "CalendarConfigError",
    "CalendarRangeError",
    "ClockError",
    "InvalidDurationError",
    "NaiveDatetimeError",
    "PolicyError",
    "ProvisionalCalendarWarning",
    "require_aware",
]


class NaiveDatetimeError(InvalidInputError):
    """A datetime without timezone information was handed to the SLA engine."""


class CalendarRangeError(InvalidInputError):
    """A computation needs a year that the holiday data does not cover.

    Raised for a year without a cuti bersama decree only by a strict calendar
    (``WorkingCalendar.indonesia(provisional=False)``); ``year`` names it.
    """

    def __init__(self, message: str, *, year: int | None = None) -> None:
        super().__init__(message)
        self.year = year
        """The year that is not covered, when one is to blame."""


class ProvisionalCalendarWarning(UserWarning):
    """A year without a cuti bersama decree was computed from the national holidays alone.

    Emitted once per calendar and year, when the year is first used. Its working days, and so
    every deadline counted across it, are provisional: the decree adds closures (and Islamic
    holidays are estimated until the government fixes them), so deadlines may move later.
    Results carry the mark (``SlaResult.provisional``, monev's ``provisional_years``).
    Silence it with ``warnings.simplefilter("ignore", ProvisionalCalendarWarning)``, or make
    it an error with a strict calendar: ``WorkingCalendar.indonesia(provisional=False)``.
    """

    def __init__(self, message: str, *, year: int) -> None:
        super().__init__(message)
        self.year = year
        """The provisional year."""


class CalendarConfigError(InvalidInputError):
    """A calendar was configured with impossible office hours, zone or overrides."""


class InvalidDurationError(InvalidInputError):
    """A duration string or value is not acceptable."""


class ClockError(InvalidInputError):
    """An SLA clock was paused, resumed or stopped out of order."""


class PolicyError(InvalidInputError):
    """An SLA policy definition is invalid; the message names the stage and field."""


def require_aware(value: dt.datetime, what: str) -> dt.datetime:
    """Return ``value`` unchanged if it is timezone-aware.

    Args:
        value: The datetime to check.
        what: What the value is, for the error message (``"start"``).

    Raises:
        NaiveDatetimeError: ``value`` has no timezone.
        CalendarRangeError: ``value`` cannot be expressed in UTC (years 1 to 9999).
    """
    if not isinstance(value, dt.datetime):
        raise NaiveDatetimeError(
            f"{what} must be a timezone-aware datetime, got {type(value).__name__}"
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(
            f"{what} {value.isoformat()} has no timezone; pass an aware datetime, "
            "e.g. datetime(2025, 3, 28, 10, 0, tzinfo=ZoneInfo('Asia/Jakarta'))"
        )
    try:
        value.astimezone(dt.UTC)
    except OverflowError:
        raise CalendarRangeError(
            f"{what} {value.isoformat()} is outside the datetimes Python can represent in UTC "
            "(years 1 to 9999); check the value"
        ) from None
    return value
