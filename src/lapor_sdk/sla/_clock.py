"""One SLA clock: start, pauses, stop, and its state at any instant."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ._calendar import WorkingCalendar
from ._duration import Duration
from ._errors import ClockError, InvalidDurationError, require_aware

__all__ = ["DEFAULT_AT_RISK", "SlaClock", "SlaResult", "SlaState", "check_at_risk"]

#: Share of the budget consumed from which a running clock is AT_RISK.
DEFAULT_AT_RISK = 0.75
_ZERO = dt.timedelta(0)
_UTC = dt.UTC


class SlaState(StrEnum):
    """Where an SLA clock stands."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    BREACHED = "breached"
    PAUSED = "paused"
    MET = "met"
    MISSED = "missed"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _STATE_LABELS[self]

    @property
    def is_final(self) -> bool:
        """Whether the clock has stopped (MET or MISSED)."""
        return self in (SlaState.MET, SlaState.MISSED)


_STATE_LABELS = {
    SlaState.ON_TRACK: "Sesuai jadwal",
    SlaState.AT_RISK: "Mendekati batas waktu",
    SlaState.BREACHED: "Melewati batas waktu",
    SlaState.PAUSED: "Ditunda",
    SlaState.MET: "Tepat waktu",
    SlaState.MISSED: "Terlambat",
}


def check_at_risk(value: float, where: str = "at_risk") -> float:
    """Return ``value`` if it is a fraction in (0, 1].

    Raises:
        InvalidDurationError: It is not.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidDurationError(f"{where} must be a number in (0, 1], got {value!r}")
    if not (math.isfinite(value) and 0 < value <= 1):
        raise InvalidDurationError(
            f"{where} must be a fraction of the budget in (0, 1] (e.g. 0.75), got {value!r}"
        )
    return float(value)


@dataclass(frozen=True, slots=True)
class SlaResult:
    """The state of one SLA stage of one complaint at a given instant.

    Times are aware, in the calendar's zone. ``elapsed``, ``remaining`` and ``budget`` are
    counting time: office time for working-day and working-hour targets, clock time otherwise;
    time spent paused is not elapsed. ``remaining`` is negative once the budget is overspent.
    ``provisional`` marks a deadline counted across a year without a cuti bersama decree
    (see :class:`~lapor_sdk.sla.ProvisionalCalendarWarning`): it may move when the decree
    comes.
    """

    stage: str
    """Stage name (``"verification"``)."""
    started_at: dt.datetime
    """When the clock started."""
    due_at: dt.datetime
    """Deadline, extended by pauses up to the evaluation instant."""
    stopped_at: dt.datetime | None
    """When the clock stopped, or ``None`` while it runs."""
    state: SlaState
    """ON_TRACK, AT_RISK, BREACHED, PAUSED, MET or MISSED."""
    elapsed: dt.timedelta
    """Counting time used so far (up to the stop when stopped)."""
    remaining: dt.timedelta
    """``budget - elapsed``; negative when overdue."""
    target: Duration
    """The stage's target."""
    budget: dt.timedelta = _ZERO
    """Counting time between the start and the deadline without pauses."""
    paused: dt.timedelta = _ZERO
    """Counting time spent paused."""
    provisional: bool = False
    """Whether working time was counted across a year without a cuti bersama decree."""

    @property
    def is_running(self) -> bool:
        """Whether the clock has not stopped."""
        return self.stopped_at is None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (ISO times, durations in seconds, states as values)."""
        return {
            "stage": self.stage,
            "started_at": self.started_at.isoformat(),
            "due_at": self.due_at.isoformat(),
            "stopped_at": self.stopped_at.isoformat() if self.stopped_at else None,
            "state": self.state.value,
            "elapsed_seconds": self.elapsed.total_seconds(),
            "remaining_seconds": self.remaining.total_seconds(),
            "budget_seconds": self.budget.total_seconds(),
            "paused_seconds": self.paused.total_seconds(),
            "target": str(self.target),
            "provisional": self.provisional,
        }


class SlaClock:
    """A deadline clock on a working calendar, with pauses and a stop.

    Rules: ``working_days(n)`` is due at closing time of the n-th working day after the start's
    local date (the start day never counts); ``working_hours(n)`` after n hours of office time;
    ``hours(n)`` after n clock hours. A pause extends the deadline by the counting time (office
    time for working days/hours, clock time otherwise) that passed while paused.

    Args:
        calendar: The working calendar.
        target: The target duration (or a string such as ``"3wd"``).
        started_at: Aware start instant.
        at_risk: Share of the budget from which a running clock is AT_RISK.

    Raises:
        NaiveDatetimeError: ``started_at`` is naive.

    Example:
        >>> import datetime as dt
        >>> from zoneinfo import ZoneInfo
        >>> wib = ZoneInfo("Asia/Jakarta")
        >>> cal = WorkingCalendar.indonesia()
        >>> clock = SlaClock(calendar=cal, target=Duration.working_days(3),
        ...                  started_at=dt.datetime(2025, 3, 3, 9, 0, tzinfo=wib))
        >>> clock.due_at.isoformat()
        '2025-03-06T16:00:00+07:00'
        >>> clock.state(dt.datetime(2025, 3, 4, 9, 0, tzinfo=wib)).value
        'on_track'
    """

    __slots__ = ("_at_risk", "_base_due", "_calendar", "_pauses", "_start", "_stop", "_target")

    def __init__(
        self,
        *,
        calendar: WorkingCalendar,
        target: Duration | str,
        started_at: dt.datetime,
        at_risk: float = DEFAULT_AT_RISK,
    ) -> None:
        self._calendar = calendar
        self._target = Duration.parse(target) if isinstance(target, str) else target
        # Internally every instant is UTC: aware datetimes sharing a tzinfo compare and subtract
        # by wall time in Python, which is wrong across daylight-saving changes.
        self._start = require_aware(started_at, "started_at").astimezone(_UTC)
        self._at_risk = check_at_risk(at_risk)
        self._pauses: list[tuple[dt.datetime, dt.datetime | None]] = []
        self._stop: dt.datetime | None = None
        self._base_due = calendar.add(self._start, self._target).astimezone(_UTC)

    # -- recording -----------------------------------------------------------------------

    def _last_instant(self) -> dt.datetime:
        if self._stop is not None:
            return self._stop
        if self._pauses:
            start, end = self._pauses[-1]
            return end or start
        return self._start

    def _check_order(self, at: dt.datetime, action: str) -> dt.datetime:
        at = require_aware(at, action).astimezone(_UTC)
        if self._stop is not None:
            raise ClockError(
                f"cannot {action} a stopped clock (stopped at {self._out(self._stop).isoformat()})"
            )
        last = self._last_instant()
        if at < last:
            raise ClockError(
                f"cannot {action} at {self._out(at).isoformat()}: before the clock's last "
                f"change {self._out(last).isoformat()}; record changes in time order"
            )
        return at

    @property
    def is_paused(self) -> bool:
        """Whether the last recorded pause has not been resumed (and the clock not stopped)."""
        return bool(self._pauses) and self._pauses[-1][1] is None and self._stop is None

    def pause(self, at: dt.datetime) -> None:
        """Pause the clock at ``at``.

        Raises:
            ClockError: Already paused, stopped, or ``at`` is before the last change.
        """
        at = self._check_order(at, "pause")
        if self.is_paused:
            since = self._out(self._pauses[-1][0]).isoformat()
            raise ClockError(f"clock is already paused since {since}")
        self._pauses.append((at, None))

    def resume(self, at: dt.datetime) -> None:
        """Resume a paused clock at ``at``.

        Raises:
            ClockError: Not paused, stopped, or ``at`` is before the pause.
        """
        at = self._check_order(at, "resume")
        if not self.is_paused:
            raise ClockError("cannot resume a clock that is not paused; call pause() first")
        self._pauses[-1] = (self._pauses[-1][0], at)

    def stop(self, at: dt.datetime) -> None:
        """Stop the clock at ``at`` (closing an open pause).

        Raises:
            ClockError: Already stopped, or ``at`` is before the last change.
        """
        at = self._check_order(at, "stop")
        if self.is_paused:
            self._pauses[-1] = (self._pauses[-1][0], at)
        self._stop = at

    # -- reading -------------------------------------------------------------------------

    @property
    def calendar(self) -> WorkingCalendar:
        """The calendar the clock counts on."""
        return self._calendar

    @property
    def target(self) -> Duration:
        """The target duration."""
        return self._target

    @property
    def at_risk(self) -> float:
        """Share of the budget from which a running clock is AT_RISK."""
        return self._at_risk

    @property
    def started_at(self) -> dt.datetime:
        """Start instant, in the calendar's zone."""
        return self._out(self._start)

    @property
    def stopped_at(self) -> dt.datetime | None:
        """Stop instant (calendar's zone), or ``None``."""
        return None if self._stop is None else self._out(self._stop)

    @property
    def pauses(self) -> tuple[tuple[dt.datetime, dt.datetime | None], ...]:
        """Recorded pauses as (paused at, resumed at or ``None``)."""
        return tuple((self._out(p), None if r is None else self._out(r)) for p, r in self._pauses)

    @property
    def budget(self) -> dt.timedelta:
        """Counting time from the start to the deadline without pauses."""
        return self._counting(self._start, self._base_due)

    @property
    def due_at(self) -> dt.datetime:
        """Deadline, extended by every closed pause.

        A pause still open adds nothing here; :meth:`due_at_as_of` counts it up to a given
        instant (the deadline keeps moving while the clock is paused).
        """
        horizon = self._stop or self._last_instant()
        return self._out(self._extend(self._paused_until(horizon)))

    def due_at_as_of(self, now: dt.datetime) -> dt.datetime:
        """Deadline as known at ``now``: pauses up to ``now`` extend it."""
        return self._out(self._extend(self._paused_until(self._horizon(now))))

    def elapsed(self, now: dt.datetime) -> dt.timedelta:
        """Counting time used between the start and ``now`` (or the stop), minus pauses."""
        horizon = self._horizon(now)
        if horizon <= self._start:
            return _ZERO
        return self._counting(self._start, horizon) - self._paused_until(horizon)

    def remaining(self, now: dt.datetime) -> dt.timedelta:
        """``budget - elapsed(now)``; negative when overdue."""
        return self.budget - self.elapsed(now)

    def state(self, now: dt.datetime) -> SlaState:
        """Return the state at ``now``; changes recorded after ``now`` are ignored.

        Raises:
            NaiveDatetimeError: ``now`` is naive.
        """
        return self._evaluate(now)[0]

    def result(self, now: dt.datetime, *, stage: str = "") -> SlaResult:
        """Return the full :class:`SlaResult` at ``now``."""
        state, horizon, due, paused = self._evaluate(now)
        elapsed = _ZERO
        if horizon > self._start:
            elapsed = self._counting(self._start, horizon) - paused
        budget = self.budget
        stopped = self._stop if self._stop is not None and self._stop <= horizon else None
        return SlaResult(
            stage=stage,
            started_at=self._out(self._start),
            due_at=self._out(due),
            stopped_at=None if stopped is None else self._out(stopped),
            state=state,
            elapsed=elapsed,
            remaining=budget - elapsed,
            target=self._target,
            budget=budget,
            paused=paused,
            provisional=self.is_provisional(max(due, horizon)),
        )

    def is_provisional(self, until: dt.datetime) -> bool:
        """Tell whether the clock counts working time across a provisional calendar year.

        Clock-hour targets never are (holidays do not matter to them); working-day and
        working-hour targets are when a year from the start to ``until`` (or the deadline,
        if later) has no cuti bersama decree in the holiday data.
        """
        if not self._target.kind.counts_office_time:
            return False
        end = max(require_aware(until, "until").astimezone(_UTC), self._base_due)
        return bool(self._calendar.provisional_years_between(self._start, end))

    # -- internals -----------------------------------------------------------------------

    def _evaluate(
        self, now: dt.datetime
    ) -> tuple[SlaState, dt.datetime, dt.datetime, dt.timedelta]:
        now = require_aware(now, "now").astimezone(_UTC)
        horizon = self._horizon(now)
        paused = self._paused_until(horizon)
        due = self._extend(paused)
        if self._stop is not None and self._stop <= now:
            state = SlaState.MET if self._stop <= due else SlaState.MISSED
        elif any(p <= now and (r is None or r > now) for p, r in self._pauses):
            state = SlaState.PAUSED
        elif now > due:
            state = SlaState.BREACHED
        else:
            elapsed = _ZERO
            if horizon > self._start:
                elapsed = self._counting(self._start, horizon) - paused
            elapsed_us = elapsed // dt.timedelta(microseconds=1)
            budget_us = self.budget // dt.timedelta(microseconds=1)
            at_risk = float(elapsed_us) >= self._at_risk * float(budget_us)
            state = SlaState.AT_RISK if at_risk else SlaState.ON_TRACK
        return state, horizon, due, paused

    def _out(self, value: dt.datetime) -> dt.datetime:
        return value.astimezone(self._calendar.tz)

    def _horizon(self, now: dt.datetime) -> dt.datetime:
        now = require_aware(now, "now").astimezone(_UTC)
        if self._stop is not None and self._stop <= now:
            return self._stop
        return now

    def _counting(self, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
        if b <= a:
            return _ZERO
        if self._target.kind.counts_office_time:
            return self._calendar.working_time_between(a, b)
        return b - a

    def _paused_until(self, horizon: dt.datetime) -> dt.timedelta:
        total = _ZERO
        for start, end in self._pauses:
            if start > horizon:
                continue
            stop = horizon if end is None or end > horizon else end
            total += self._counting(start, stop)
        return total

    def _extend(self, paused: dt.timedelta) -> dt.datetime:
        if paused <= _ZERO:
            return self._base_due
        if self._target.kind.counts_office_time:
            return self._calendar.add_office_time(self._base_due, paused).astimezone(_UTC)
        return self._base_due + paused

    def __repr__(self) -> str:
        return (
            f"SlaClock(target={self._target}, started_at={self._out(self._start).isoformat()}, "
            f"pauses={len(self._pauses)}, stopped={self._stop is not None})"
        )
