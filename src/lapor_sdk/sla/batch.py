"""Vectorised SLA evaluation for dashboards over many complaints.

The calendar is turned into NumPy arrays once (per loaded span of years): local midnights,
working days with their closing times, and office windows with their cumulative office
time, all as int64 microseconds since the epoch (UTC). A deadline is then a few
``np.searchsorted`` calls and gathers per complaint. Results are identical to
:class:`~lapor_sdk.sla.SlaClock` (the test suite compares them on thousands of cases).

Times in and out are int64 microseconds since 1970-01-01 UTC — an instant, so never naive.
Convert with :func:`to_epoch_us` / :func:`to_datetimes`. ``NO_TIME`` marks a missing time.

Example:
    >>> import datetime as dt
    >>> from zoneinfo import ZoneInfo
    >>> from lapor_sdk.sla import WorkingCalendar, Duration
    >>> cal = WorkingCalendar.indonesia()
    >>> starts = to_epoch_us([dt.datetime(2025, 3, 27, 10, tzinfo=ZoneInfo("Asia/Jakarta"))])
    >>> [d.isoformat() for d in to_datetimes(due_dates(cal, starts, Duration.working_days(3)), cal)]
    ['2025-04-10T16:00:00+07:00']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from ..models import Complaint
from ._calendar import WorkingCalendar, from_epoch_us
from ._calendar import to_epoch_us as _scalar_epoch_us
from ._clock import SlaResult, SlaState, check_at_risk
from ._duration import Duration, DurationKind
from ._errors import InvalidDurationError, NaiveDatetimeError, require_aware
from ._policy import SlaPolicy, clock_events, stage_timeline

__all__ = [
    "NO_TIME",
    "STATES",
    "BatchClocks",
    "due_dates",
    "evaluate",
    "evaluate_clocks",
    "to_datetimes",
    "to_epoch_us",
]

Int64Array = npt.NDArray[np.int64]

#: Marker for "no time" (not stopped, pause still open) in int64 arrays.
NO_TIME: int = int(np.iinfo(np.int64).min)
#: ``STATES[code]`` is the :class:`SlaState` of a state code in :attr:`BatchClocks.state`.
STATES: tuple[SlaState, ...] = (
    SlaState.ON_TRACK,
    SlaState.AT_RISK,
    SlaState.BREACHED,
    SlaState.PAUSED,
    SlaState.MET,
    SlaState.MISSED,
)
_DAY_US = 86_400_000_000
_MAX_EXTEND = 20
_T = TypeVar("_T")


def to_epoch_us(values: Sequence[dt.datetime]) -> Int64Array:
    """Convert aware datetimes to int64 microseconds since the epoch.

    Raises:
        NaiveDatetimeError: One of them is naive (its index is named).
    """
    out = np.empty(len(values), dtype=np.int64)
    for i, value in enumerate(values):
        try:
            out[i] = _scalar_epoch_us(require_aware(value, f"datetime #{i}"))
        except TypeError:
            raise NaiveDatetimeError(f"datetime #{i} is not an aware datetime") from None
    return out


def to_datetimes(values: npt.ArrayLike, calendar: WorkingCalendar) -> list[dt.datetime]:
    """Convert int64 epoch microseconds to aware datetimes in the calendar's zone."""
    return [from_epoch_us(int(v), calendar.tz) for v in np.asarray(values, dtype=np.int64)]


class _NeedLaterYearError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class _Table:
    first_year: int
    last_year: int
    day0: int
    midnight: Int64Array
    fixed_offset: int | None
    wd_upto: Int64Array
    wd_close: Int64Array
    win_start: Int64Array
    win_end: Int64Array
    cum_start: Int64Array
    cum_end: Int64Array

    def day_index(self, t: Int64Array) -> Int64Array:
        if self.fixed_offset is not None:
            idx = (t + self.fixed_offset) // _DAY_US - self.day0
        else:
            idx = np.searchsorted(self.midnight, t, side="right").astype(np.int64) - 1
        return idx

    def office_position(self, t: Int64Array) -> Int64Array:
        j = np.searchsorted(self.win_start, t, side="right").astype(np.int64) - 1
        jc = np.maximum(j, 0)
        inside = np.clip(t - self.win_start[jc], 0, self.win_end[jc] - self.win_start[jc])
        return np.where(j >= 0, self.cum_start[jc] + inside, 0)

    def office_instant(self, p: Int64Array) -> Int64Array:
        j = np.searchsorted(self.cum_end, p, side="left")
        if j.size and int(j.max()) >= self.cum_end.size:
            raise _NeedLaterYearError
        return self.win_end[j] - (self.cum_end[j] - p)

    def working_day_close(self, day: Int64Array, n: int) -> Int64Array:
        k = self.wd_upto[day] + (n - 1)
        if k.size and int(k.max()) >= self.wd_close.size:
            raise _NeedLaterYearError
        return self.wd_close[k]


def _build(calendar: WorkingCalendar, first_year: int, last_year: int) -> _Table:
    for year in range(first_year, last_year + 1):
        calendar.check_year(year)
    first = dt.date(first_year, 1, 1)
    ndays = (dt.date(last_year + 1, 1, 1) - first).days
    tz = calendar.tz
    midnight = np.empty(ndays + 1, dtype=np.int64)
    offsets = set()
    wd_upto = np.empty(ndays, dtype=np.int64)
    closes: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    count = 0
    for i in range(ndays + 1):
        day = first + dt.timedelta(days=i)
        local_midnight = dt.datetime.combine(day, dt.time(0), tzinfo=tz)
        midnight[i] = _scalar_epoch_us(local_midnight)
        offsets.add(local_midnight.utcoffset())
        if i == ndays:
            break
        windows = calendar._windows_utc(day)
        if windows:
            count += 1
            for ws, we in windows:
                starts.append(_scalar_epoch_us(ws))
                ends.append(_scalar_epoch_us(we))
            closes.append(ends[-1])
        wd_upto[i] = count
    fixed: int | None = None
    if len(offsets) == 1:
        only = next(iter(offsets))
        if only is not None:
            fixed = only // dt.timedelta(microseconds=1)
    win_start = np.asarray(starts, dtype=np.int64)
    win_end = np.asarray(ends, dtype=np.int64)
    cum_end = np.cumsum(win_end - win_start)
    cum_start = cum_end - (win_end - win_start)
    return _Table(
        first_year=first_year,
        last_year=last_year,
        day0=first.toordinal() - dt.date(1970, 1, 1).toordinal(),
        midnight=midnight,
        fixed_offset=fixed,
        wd_upto=wd_upto,
        wd_close=np.asarray(closes, dtype=np.int64),
        win_start=win_start,
        win_end=win_end,
        cum_start=cum_start,
        cum_end=cum_end,
    )


def _table(calendar: WorkingCalendar, first_year: int, last_year: int) -> _Table:
    current: _Table | None = calendar._table
    if current is not None and current.first_year <= first_year and last_year <= current.last_year:
        return current
    if current is not None:
        first_year = min(first_year, current.first_year)
        last_year = max(last_year, current.last_year)
    table = _build(calendar, first_year, last_year)
    calendar._table = table
    return table


def _local_year(calendar: WorkingCalendar, us: int) -> int:
    return from_epoch_us(us, calendar.tz).year


def _as_times(values: npt.ArrayLike | Sequence[dt.datetime], what: str) -> Int64Array:
    if isinstance(values, np.ndarray):
        if values.dtype.kind == "M":
            raise NaiveDatetimeError(
                f"{what} is a datetime64 array, which carries no timezone; pass int64 "
                "microseconds since the epoch (UTC), e.g. arr.astype('datetime64[us]')"
                ".view('int64') if the values are UTC"
            )
        if values.dtype.kind not in "iu":
            raise InvalidDurationError(f"{what} must be int64 epoch microseconds")
        return values.astype(np.int64, copy=False)
    seq: list[Any] = list(values)  # type: ignore[arg-type]
    if seq and isinstance(seq[0], dt.datetime):
        return to_epoch_us(seq)
    return np.asarray(seq, dtype=np.int64)


def _span_years(calendar: WorkingCalendar, *arrays: Int64Array) -> tuple[int, int]:
    lo: int | None = None
    hi: int | None = None
    for arr in arrays:
        valid = arr[arr != NO_TIME]
        if valid.size:
            a, b = int(valid.min()), int(valid.max())
            lo = a if lo is None else min(lo, a)
            hi = b if hi is None else max(hi, b)
    if lo is None or hi is None:
        year = dt.date.today().year
        return year, year
    return _local_year(calendar, lo), _local_year(calendar, hi)


def _with_table(
    calendar: WorkingCalendar, years: tuple[int, int], compute: Callable[[_Table], _T]
) -> _T:
    """Run ``compute`` on the calendar's arrays, loading later years while it needs them."""
    first, last = years
    for _ in range(_MAX_EXTEND):
        table = _table(calendar, first, last)
        try:
            return compute(table)
        except _NeedLaterYearError:
            last = table.last_year + 1
    raise InvalidDurationError(
        f"a deadline lies more than {_MAX_EXTEND} years after the start; shorten the target"
    )


def _base_due(table: _Table, start: Int64Array, target: Duration) -> Int64Array:
    if target.kind is DurationKind.WORKING_DAYS:
        return table.working_day_close(table.day_index(start), int(target.amount))
    if target.kind is DurationKind.WORKING_HOURS:
        return table.office_instant(table.office_position(start) + target.microseconds)
    return start + target.microseconds


def due_dates(
    calendar: WorkingCalendar,
    starts: npt.ArrayLike | Sequence[dt.datetime],
    target: Duration | str,
) -> Int64Array:
    """Return the deadlines (no pauses) of ``target`` from each start.

    Args:
        calendar: The working calendar.
        starts: int64 epoch microseconds, or aware datetimes.
        target: The duration (or a string such as ``"3wd"``).

    Returns:
        int64 epoch microseconds, one per start (see :func:`to_datetimes`).

    Raises:
        CalendarRangeError: A deadline falls in a year without holiday data.
    """
    duration = Duration.parse(target) if isinstance(target, str) else target
    start = _as_times(starts, "starts")
    if not start.size:
        return np.empty(0, dtype=np.int64)
    years = _span_years(calendar, start)
    return _with_table(calendar, years, lambda t: _base_due(t, start, duration))


@dataclass(frozen=True, slots=True)
class BatchClocks:
    """Deadlines and states of many clocks of one target, as arrays (int64 µs)."""

    started: Int64Array
    """Start instants."""
    due: Int64Array
    """Deadlines extended by pauses up to the evaluation instant."""
    stopped: Int64Array
    """Stop instants (``NO_TIME`` when running at the evaluation instant)."""
    state: npt.NDArray[np.int8]
    """State codes; ``STATES[code]`` is the :class:`SlaState`."""
    elapsed: Int64Array
    """Counting time used (µs)."""
    remaining: Int64Array
    """``budget - elapsed`` (µs), negative when overdue."""
    budget: Int64Array
    """Counting time from start to the deadline without pauses (µs)."""
    paused: Int64Array
    """Counting time spent paused (µs)."""

    def states(self) -> list[SlaState]:
        """Return the states as :class:`SlaState` members."""
        return [STATES[int(code)] for code in self.state]

    def counts(self) -> dict[SlaState, int]:
        """Return how many clocks are in each state."""
        numbers = np.bincount(self.state.astype(np.int64), minlength=len(STATES))
        return {state: int(numbers[i]) for i, state in enumerate(STATES)}


def evaluate_clocks(
    calendar: WorkingCalendar,
    target: Duration | str,
    started: npt.ArrayLike | Sequence[dt.datetime],
    *,
    now: dt.datetime,
    stopped: npt.ArrayLike | None = None,
    pause_owner: npt.ArrayLike | None = None,
    pause_start: npt.ArrayLike | None = None,
    pause_end: npt.ArrayLike | None = None,
    at_risk: float = 0.75,
) -> BatchClocks:
    """Evaluate many clocks of one target at ``now``, with the rules of :class:`SlaClock`.

    Args:
        calendar: The working calendar.
        target: The target duration.
        started: Start instants (int64 epoch µs or aware datetimes).
        now: Aware evaluation instant; changes after it are ignored.
        stopped: Stop instants, ``NO_TIME`` for running clocks.
        pause_owner: For each pause, the index of its clock.
        pause_start: For each pause, when it began (clocks' pauses in time order).
        pause_end: For each pause, when it ended, ``NO_TIME`` while open.
        at_risk: Share of the budget from which a running clock is AT_RISK.

    Raises:
        NaiveDatetimeError: ``now`` is naive or times come as datetime64.
        CalendarRangeError: A computation reaches a year without holiday data.
    """
    duration = Duration.parse(target) if isinstance(target, str) else target
    risk = check_at_risk(at_risk)
    now_us = _scalar_epoch_us(require_aware(now, "now"))
    start = _as_times(started, "started")
    n = start.size
    stop = (
        np.full(n, NO_TIME, dtype=np.int64)
        if stopped is None
        else _as_times(np.asarray(stopped), "stopped")
    )
    owner = np.asarray(pause_owner if pause_owner is not None else [], dtype=np.int64)
    p_start = np.asarray(pause_start if pause_start is not None else [], dtype=np.int64)
    p_end = np.asarray(pause_end if pause_end is not None else [], dtype=np.int64)
    if stop.size != n or not (owner.size == p_start.size == p_end.size):
        raise InvalidDurationError("stopped and pause arrays must match the clocks' lengths")
    if owner.size and (int(owner.min()) < 0 or int(owner.max()) >= n):
        raise InvalidDurationError(f"pause_owner must index the {n} clocks")
    # Only the times the rules look at decide which years are loaded, as in SlaClock: the
    # horizon (stop, else now) of clocks that have started, and pauses clipped to it.
    stopped_now = (stop != NO_TIME) & (stop <= now_us)
    horizon = np.where(stopped_now, stop, now_us)
    h_owner = horizon[owner]
    counted = p_start <= h_owner
    clipped_end = np.where((p_end == NO_TIME) | (p_end > h_owner), h_owner, p_end)
    years = _span_years(
        calendar, start, horizon[horizon > start], p_start[counted], clipped_end[counted]
    )

    def compute(table: _Table) -> BatchClocks:
        return _evaluate(table, duration, risk, now_us, start, stop, owner, p_start, p_end)

    return _with_table(calendar, years, compute)


def _evaluate(
    table: _Table,
    duration: Duration,
    risk: float,
    now_us: int,
    start: Int64Array,
    stop: Int64Array,
    owner: Int64Array,
    p_start: Int64Array,
    p_end: Int64Array,
) -> BatchClocks:
    n = start.size
    office = duration.kind.counts_office_time
    stopped_now = (stop != NO_TIME) & (stop <= now_us)
    horizon = np.where(stopped_now, stop, now_us)

    def counting(a: Int64Array, b: Int64Array) -> Int64Array:
        if office:
            span = table.office_position(b) - table.office_position(a)
        else:
            span = b - a
        return np.where(b > a, span, 0)

    base_due = _base_due(table, start, duration)
    budget = counting(start, base_due)

    paused = np.zeros(n, dtype=np.int64)
    paused_now = np.zeros(n, dtype=bool)
    if owner.size:
        h = horizon[owner]
        counted = p_start <= h
        end = np.where((p_end == NO_TIME) | (p_end > h), h, p_end)
        lengths = np.where(counted, counting(p_start, end), 0)
        np.add.at(paused, owner, lengths)
        open_now = (p_start <= now_us) & ((p_end == NO_TIME) | (p_end > now_us))
        np.logical_or.at(paused_now, owner, open_now)

    if office:
        extended = table.office_instant(table.office_position(base_due) + paused)
        due = np.where(paused > 0, extended, base_due)
    else:
        due = base_due + paused
    elapsed = np.where(horizon > start, counting(start, horizon) - paused, 0)

    state = np.zeros(n, dtype=np.int8)
    at_risk = elapsed.astype(np.float64) >= risk * budget.astype(np.float64)
    state[at_risk] = 1
    state[now_us > due] = 2
    state[paused_now] = 3
    state[stopped_now & (stop <= due)] = 4
    state[stopped_now & (stop > due)] = 5
    return BatchClocks(
        started=start,
        due=due,
        stopped=np.where(stopped_now, stop, NO_TIME),
        state=state,
        elapsed=elapsed,
        remaining=budget - elapsed,
        budget=budget,
        paused=paused,
    )


def evaluate(
    policy: SlaPolicy,
    complaints: Sequence[Complaint],
    *,
    calendar: WorkingCalendar,
    now: dt.datetime,
) -> list[list[SlaResult]]:
    """Apply ``policy`` to many complaints; same results as :meth:`SlaPolicy.evaluate`.

    Event histories are read per complaint; the calendar arithmetic runs vectorised per
    stage.

    Returns:
        For each complaint, its results in the policy's stage order (started stages only).
    """
    now_us = _scalar_epoch_us(require_aware(now, "now"))
    per_complaint: list[dict[str, SlaResult]] = [{} for _ in complaints]
    tz = calendar.tz
    for stage in policy.stages:
        rows: list[int] = []
        starts: list[int] = []
        stops: list[int] = []
        owners: list[int] = []
        p_starts: list[int] = []
        p_ends: list[int] = []
        for index, complaint in enumerate(complaints):
            events = [e for e in clock_events(complaint) if _scalar_epoch_us(e.at) <= now_us]
            timeline = stage_timeline(stage, events)
            if timeline is None:
                continue
            row = len(rows)
            rows.append(index)
            starts.append(_scalar_epoch_us(timeline.started_at))
            stops.append(
                NO_TIME if timeline.stopped_at is None else _scalar_epoch_us(timeline.stopped_at)
            )
            for paused_at, resumed_at in timeline.pauses:
                owners.append(row)
                p_starts.append(_scalar_epoch_us(paused_at))
                p_ends.append(NO_TIME if resumed_at is None else _scalar_epoch_us(resumed_at))
        if not rows:
            continue
        clocks = evaluate_clocks(
            calendar,
            stage.target,
            np.asarray(starts, dtype=np.int64),
            now=now,
            stopped=np.asarray(stops, dtype=np.int64),
            pause_owner=owners,
            pause_start=p_starts,
            pause_end=p_ends,
            at_risk=stage.at_risk,
        )
        for row, index in enumerate(rows):
            stopped_us = int(clocks.stopped[row])
            horizon_us = now_us if stopped_us == NO_TIME else stopped_us
            due_us = int(clocks.due[row])
            per_complaint[index][stage.name] = SlaResult(
                stage=stage.name,
                started_at=from_epoch_us(int(clocks.started[row]), tz),
                due_at=from_epoch_us(int(clocks.due[row]), tz),
                stopped_at=None if stopped_us == NO_TIME else from_epoch_us(stopped_us, tz),
                state=STATES[int(clocks.state[row])],
                elapsed=dt.timedelta(microseconds=int(clocks.elapsed[row])),
                remaining=dt.timedelta(microseconds=int(clocks.remaining[row])),
                target=stage.target,
                budget=dt.timedelta(microseconds=int(clocks.budget[row])),
                paused=dt.timedelta(microseconds=int(clocks.paused[row])),
                provisional=_provisional(
                    calendar, stage.target, int(clocks.started[row]), max(due_us, horizon_us)
                ),
            )
    names = [s.name for s in policy.stages]
    return [[found[name] for name in names if name in found] for found in per_complaint]


def _provisional(calendar: WorkingCalendar, target: Duration, start: int, end: int) -> bool:
    if not target.kind.counts_office_time:
        return False
    tz = calendar.tz
    return bool(
        calendar.provisional_years_between(from_epoch_us(start, tz), from_epoch_us(end, tz))
    )
