"""SLA target durations: working days, working (office) hours, clock hours, calendar days."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ._errors import InvalidDurationError

__all__ = ["Duration", "DurationKind"]

#: Largest amounts accepted (about ten years), so untrusted policy files stay sane.
_MAX_DAYS = 3660
_MAX_HOURS = 87_840

_PATTERN = re.compile(
    r"^\s*(?P<amount>[0-9]+(?:\.[0-9]+)?)\s*"
    r"(?P<unit>(?a:wd|wh|h|d|working[ _-]?days?|working[ _-]?hours?|hours?|days?))\s*$",
    re.IGNORECASE,
)


class DurationKind(StrEnum):
    """What a duration counts; the value is its unit suffix in strings such as ``"3wd"``."""

    WORKING_DAYS = "wd"
    WORKING_HOURS = "wh"
    HOURS = "h"
    DAYS = "d"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _KIND_LABELS[self]

    @property
    def counts_office_time(self) -> bool:
        """Whether pauses and elapsed time are measured in office time (else clock time)."""
        return self in (DurationKind.WORKING_DAYS, DurationKind.WORKING_HOURS)


_KIND_LABELS = {
    DurationKind.WORKING_DAYS: "hari kerja",
    DurationKind.WORKING_HOURS: "jam kerja",
    DurationKind.HOURS: "jam",
    DurationKind.DAYS: "hari",
}

_UNIT_ALIASES = {
    "wd": DurationKind.WORKING_DAYS,
    "wh": DurationKind.WORKING_HOURS,
    "h": DurationKind.HOURS,
    "d": DurationKind.DAYS,
}


@dataclass(frozen=True, slots=True)
class Duration:
    """An SLA target such as 3 working days, 8 office hours or 24 clock hours.

    Build one with the constructors (:meth:`working_days`, :meth:`working_hours`,
    :meth:`hours`, :meth:`days`) or :meth:`parse`. ``str(duration)`` gives the short form
    that :meth:`parse` reads back (``"3wd"``).

    Example:
        >>> Duration.parse("3wd") == Duration.working_days(3)
        True
        >>> str(Duration.hours(1.5))
        '1.5h'
    """

    kind: DurationKind
    """What is counted."""
    amount: float
    """How many units (whole for working days and calendar days)."""

    def __post_init__(self) -> None:
        amount = self.amount
        if isinstance(amount, bool) or not isinstance(amount, int | float):
            raise InvalidDurationError(
                f"duration amount must be a number, got {type(amount).__name__}"
            )
        if not math.isfinite(amount) or amount <= 0:
            raise InvalidDurationError(
                f"duration amount must be a positive number, got {amount!r}; "
                "use e.g. Duration.working_days(3)"
            )
        if self.kind in (DurationKind.WORKING_DAYS, DurationKind.DAYS):
            if amount != int(amount):
                raise InvalidDurationError(
                    f"{self.kind.name.lower()} must be a whole number, got {amount!r}; "
                    "use working_hours/hours for fractions"
                )
            if amount > _MAX_DAYS:
                raise InvalidDurationError(
                    f"duration of {amount:g} days is too long; at most {_MAX_DAYS} is allowed"
                )
            object.__setattr__(self, "amount", int(amount))
        elif amount > _MAX_HOURS:
            raise InvalidDurationError(
                f"duration of {amount:g} hours is too long; at most {_MAX_HOURS} is allowed"
            )
        elif round(amount * 3_600_000_000) <= 0:
            raise InvalidDurationError(f"duration of {amount!r} hours is shorter than 1 µs")

    @classmethod
    def working_days(cls, n: int) -> Duration:
        """Return a target of ``n`` working days (due at closing time of the n-th one)."""
        return cls(DurationKind.WORKING_DAYS, n)

    @classmethod
    def working_hours(cls, n: float) -> Duration:
        """Return a target of ``n`` hours of office time."""
        return cls(DurationKind.WORKING_HOURS, n)

    @classmethod
    def hours(cls, n: float) -> Duration:
        """Return a target of ``n`` clock hours (holidays and office hours don't matter)."""
        return cls(DurationKind.HOURS, n)

    @classmethod
    def days(cls, n: int) -> Duration:
        """Return a target of ``n`` calendar days, i.e. ``n`` × 24 clock hours."""
        return cls(DurationKind.DAYS, n)

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Parse ``"3wd"``, ``"8wh"``, ``"24h"``, ``"14d"`` (or ``"3 working days"``).

        Args:
            text: The duration; units ``wd`` (working days), ``wh`` (office hours),
                ``h`` (clock hours) and ``d`` (calendar days of 24 h).

        Raises:
            InvalidDurationError: The text is not one of these forms.
        """
        if not isinstance(text, str):
            raise InvalidDurationError(
                f"duration must be a string such as '3wd', got {type(text).__name__}"
            )
        match = _PATTERN.match(text[:64])
        if match is None or len(text) > 64:
            shown = text[:40] + ("…" if len(text) > 40 else "")
            raise InvalidDurationError(
                f"cannot read duration {shown!r}; write a number and a unit: "
                "'3wd' (working days), '8wh' (office hours), '24h' (clock hours), "
                "'14d' (calendar days)"
            )
        unit = match["unit"].lower().replace(" ", "").replace("_", "").replace("-", "")
        if unit.startswith("working"):
            kind = (
                DurationKind.WORKING_DAYS
                if unit.startswith("workingday")
                else DurationKind.WORKING_HOURS
            )
        elif unit.startswith("hour"):
            kind = DurationKind.HOURS
        elif unit.startswith("day"):
            kind = DurationKind.DAYS
        else:
            kind = _UNIT_ALIASES[unit]
        raw = match["amount"]
        amount: float = int(raw) if raw.isdigit() else float(raw)
        return cls(kind, amount)

    @property
    def is_working_time(self) -> bool:
        """Whether this duration counts office time (working days or working hours)."""
        return self.kind.counts_office_time

    @property
    def microseconds(self) -> int:
        """Length in microseconds for hour-based kinds (office or clock time).

        Raises:
            InvalidDurationError: For working days, whose length depends on the calendar.
        """
        if self.kind is DurationKind.WORKING_DAYS:
            raise InvalidDurationError(
                "working days have no fixed length; ask the calendar (WorkingCalendar.add)"
            )
        hours = self.amount * 24 if self.kind is DurationKind.DAYS else self.amount
        return round(hours * 3_600_000_000)

    def as_timedelta(self) -> dt.timedelta:
        """Length as a timedelta for hour-based kinds (see :attr:`microseconds`)."""
        return dt.timedelta(microseconds=self.microseconds)

    def __str__(self) -> str:
        amount = self.amount
        if float(amount).is_integer():
            text = str(int(amount))
        else:
            # Shortest exact decimal form, never an exponent, so parse() reads it back.
            text = format(Decimal(repr(float(amount))), "f")
        return f"{text}{self.kind.value}"

    def describe(self) -> str:
        """Indonesian text such as ``"3 hari kerja"``."""
        return f"{self.amount:g} {self.kind.label}"
