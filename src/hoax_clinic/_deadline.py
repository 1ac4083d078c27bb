"""The one place that turns a first sighting and a target into a deadline.

Clarification targets are clock hours (``1x24 jam``): nights, weekends and holidays count. The
computation is delegated to the SLA engine (:class:`lapor_sdk.sla.SlaClock`) here alone, so the
tracker, the CLI and the statistics agree. A target may also be a working-time
:class:`lapor_sdk.sla.Duration` (e.g. ``Duration.working_hours(4)``); it then runs on the
Indonesian working calendar of the zone given (WIB by default).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from lapor_sdk.sla import Duration, SlaClock, SlaState, WorkingCalendar

__all__ = [
    "DEFAULT_CALENDAR",
    "DEFAULT_TARGET",
    "Target",
    "due_at",
    "ensure_aware",
    "format_remaining",
    "sla_clock",
    "sla_state",
    "to_duration",
    "utc_now",
]

#: Default clarification target: 1x24 hours from the first sighting (configurable per priority).
DEFAULT_TARGET = Duration.hours(24)

#: Calendar for working-time targets (clock-hour targets ignore it).
DEFAULT_CALENDAR = WorkingCalendar.indonesia(tz="Asia/Jakarta")

#: A clarification target: clock time as a ``timedelta``, or any SLA ``Duration``.
Target = timedelta | Duration


def ensure_aware(value: datetime, name: str) -> datetime:
    """Return ``value`` unchanged, or raise ``ValueError`` when it is naive.

    Args:
        value: The datetime to check.
        name: Parameter name used in the message.

    Raises:
        ValueError: ``value`` has no timezone.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            f"{name} must be timezone-aware, got naive {value.isoformat()}; "
            "pass e.g. datetime(..., tzinfo=ZoneInfo('Asia/Jakarta'))"
        )
    return value


def utc_now() -> datetime:
    """Return the current time, aware, in UTC."""
    return datetime.now(UTC)


def to_duration(target: Target) -> Duration:
    """Return ``target`` as an SLA :class:`~lapor_sdk.sla.Duration` (a timedelta → clock hours).

    Raises:
        ValueError: The target is not positive.
    """
    if isinstance(target, Duration):
        return target
    if target <= timedelta(0):
        raise ValueError(f"target must be positive, got {target}; use e.g. timedelta(hours=24)")
    return Duration.hours(target.total_seconds() / 3600)


def sla_clock(
    first_seen: datetime,
    target: Target,
    *,
    at_risk: float = 0.75,
    calendar: WorkingCalendar | None = None,
) -> SlaClock:
    """Return the SLA clock of a claim first seen at ``first_seen``.

    Raises:
        ValueError: ``first_seen`` is naive or the target is not positive.
    """
    ensure_aware(first_seen, "first_seen")
    return SlaClock(
        calendar=calendar or DEFAULT_CALENDAR,
        target=to_duration(target),
        started_at=first_seen,
        at_risk=at_risk,
    )


def due_at(
    first_seen: datetime, target: Target, *, calendar: WorkingCalendar | None = None
) -> datetime:
    """Return when a claim first seen at ``first_seen`` must be clarified.

    Clock-hour targets: ``first_seen + target`` (holidays and office hours do not matter).
    The result is in the zone of ``first_seen``.

    Args:
        first_seen: Earliest sighting, timezone-aware.
        target: Clarification target, e.g. ``timedelta(hours=24)`` or ``Duration.hours(3)``.
        calendar: Working calendar for working-time targets (default WIB).

    Returns:
        The aware deadline.

    Raises:
        ValueError: ``first_seen`` is naive or ``target`` is not positive.
    """
    clock = sla_clock(first_seen, target, calendar=calendar)
    return clock.due_at.astimezone(first_seen.tzinfo)


def sla_state(
    first_seen: datetime,
    target: Target,
    now: datetime,
    *,
    at_risk: float = 0.75,
    calendar: WorkingCalendar | None = None,
) -> SlaState:
    """Return ON_TRACK, AT_RISK or BREACHED for an open claim at ``now``."""
    return sla_clock(first_seen, target, at_risk=at_risk, calendar=calendar).state(now)


def format_remaining(due: datetime, now: datetime) -> str:
    """Describe a deadline relative to ``now``: ``"in 3 h 20 min"`` or ``"late by 2 h"``.

    Args:
        due: The deadline.
        now: The reference time.

    Returns:
        A short English phrase; minutes are rounded down, under a minute shows ``"< 1 min"``.
    """
    delta = due - now
    late = delta < timedelta(0)
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} d")
    if hours:
        parts.append(f"{hours} h")
    if mins and not days:
        parts.append(f"{mins} min")
    span = " ".join(parts) or "< 1 min"
    return f"late by {span}" if late else f"in {span}"
