"""SlaClock: pauses, states and their boundaries, with hand-computed values (WIB, 2025)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from lapor_sdk.sla import (
    ClockError,
    Duration,
    InvalidDurationError,
    SlaClock,
    SlaState,
    WorkingCalendar,
)

WIB = ZoneInfo("Asia/Jakarta")
CAL = WorkingCalendar.indonesia()
CAL_NO_CUTI = WorkingCalendar.indonesia(cuti_bersama=False)
H = dt.timedelta(hours=1)


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, s, tzinfo=WIB)


def three_days_from_monday() -> SlaClock:
    # Mon 3 Mar 2025 09:00 + 3wd -> Thu 6 Mar 16:00. Budget: 7 + 8.5 + 8.5 + 8.5 = 32.5 h.
    return SlaClock(calendar=CAL, target=Duration.working_days(3), started_at=at(2025, 3, 3, 9))


def test_budget_and_due() -> None:
    clock = three_days_from_monday()
    assert clock.due_at == at(2025, 3, 6, 16)
    assert clock.budget == 32.5 * H


@pytest.mark.parametrize(
    ("now", "state"),
    [
        pytest.param(at(2025, 3, 4, 12), SlaState.ON_TRACK, id="elapsed-11.5h"),
        pytest.param(at(2025, 3, 5, 16), SlaState.ON_TRACK, id="elapsed-24h-below-75pct"),
        pytest.param(at(2025, 3, 6, 9), SlaState.AT_RISK, id="elapsed-25.5h-above-75pct"),
        pytest.param(at(2025, 3, 6, 16), SlaState.AT_RISK, id="exactly-due-not-breached"),
        pytest.param(at(2025, 3, 6, 16, 0, 1), SlaState.BREACHED, id="one-second-late"),
    ],
)
def test_running_states(now: dt.datetime, state: SlaState) -> None:
    assert three_days_from_monday().state(now) is state


def test_elapsed_and_remaining_are_office_time() -> None:
    clock = three_days_from_monday()
    now = at(2025, 3, 4, 12)  # 7 h on Monday + 4.5 h on Tuesday
    assert clock.elapsed(now) == 11.5 * H
    assert clock.remaining(now) == 21 * H
    # After the deadline, remaining goes negative by the office time overspent.
    assert clock.remaining(at(2025, 3, 7, 9, 30)) == -2 * H


@pytest.mark.parametrize(
    ("stop", "state"),
    [
        pytest.param(at(2025, 3, 6, 16), SlaState.MET, id="stop-at-closing-is-met"),
        pytest.param(at(2025, 3, 6, 16, 0, 1), SlaState.MISSED, id="stop-after-closing-missed"),
    ],
)
def test_stopped_states(stop: dt.datetime, state: SlaState) -> None:
    clock = three_days_from_monday()
    clock.stop(stop)
    assert clock.state(at(2025, 3, 10, 9)) is state
    # Before the stop happened, the clock was running.
    assert clock.state(at(2025, 3, 4, 9)) is SlaState.ON_TRACK


def test_at_risk_fraction_is_configurable() -> None:
    clock = SlaClock(calendar=CAL, target="3wd", started_at=at(2025, 3, 3, 9), at_risk=0.3)
    assert clock.state(at(2025, 3, 4, 12)) is SlaState.AT_RISK  # 11.5 / 32.5 = 0.35
    with pytest.raises(InvalidDurationError, match=r"\(0, 1\]"):
        SlaClock(calendar=CAL, target="3wd", started_at=at(2025, 3, 3, 9), at_risk=1.5)


def test_pause_spanning_lebaran_2025() -> None:
    # Mon 24 Mar 09:00 + 3wd -> Thu 27 Mar 16:00. Paused Thu 27 Mar 12:00 to Tue 8 Apr 09:30:
    # office time paused = 4 h (27 Mar) + 0 (28 Mar-7 Apr all closed) + 2 h (8 Apr) = 6 h.
    # Deadline = 27 Mar 16:00 + 6 office hours = Tue 8 Apr 07:30 + 6 h = 13:30.
    clock = SlaClock(calendar=CAL, target="3wd", started_at=at(2025, 3, 24, 9))
    assert clock.due_at == at(2025, 3, 27, 16)
    clock.pause(at(2025, 3, 27, 12))
    assert clock.state(at(2025, 4, 2, 10)) is SlaState.PAUSED
    # While paused, the projected deadline moves with the office time that passes.
    assert clock.due_at_as_of(at(2025, 3, 27, 14)) == at(2025, 4, 8, 9, 30)
    clock.resume(at(2025, 4, 8, 9, 30))
    assert clock.due_at == at(2025, 4, 8, 13, 30)
    assert clock.state(at(2025, 4, 8, 13, 30)) is SlaState.AT_RISK
    assert clock.state(at(2025, 4, 8, 13, 31)) is SlaState.BREACHED


def test_pause_spanning_holidays_before_the_base_deadline() -> None:
    # Wed 28 May 2025 10:00 + 5wd: Thu 29 (Kenaikan), Fri 30 (cuti bersama) closed; Mon 2,
    # Tue 3, Wed 4, Thu 5 Jun; Fri 6 (Idul Adha) and Mon 9 (cuti bersama) closed; Tue 10 Jun.
    clock = SlaClock(calendar=CAL, target="5wd", started_at=at(2025, 5, 28, 10))
    assert clock.due_at == at(2025, 6, 10, 16)
    # Paused Wed 28 May 14:00 to Mon 2 Jun 09:00: 2 h + 1.5 h of office time.
    clock.pause(at(2025, 5, 28, 14))
    clock.resume(at(2025, 6, 2, 9))
    assert clock.due_at == at(2025, 6, 11, 11)


def test_pause_with_cuti_bersama_off_counts_those_days() -> None:
    # Same pause as the Lebaran test, but 28 Mar and 2-7 Apr are working days. The base
    # deadline is still Thu 27 Mar 16:00 (Tue 25, Wed 26, Thu 27).
    # Paused office time = 4 + 9 + 8.5 + 8.5 + 9 + 8.5 + 2 = 49.5 h;
    # 27 Mar 16:00 + 49.5 h: 28 Mar 9, 2 Apr 8.5, 3 Apr 8.5, 4 Apr 9, 7 Apr 8.5 -> 6 h left
    # on Tue 8 Apr from 07:30 -> 13:30.
    clock = SlaClock(calendar=CAL_NO_CUTI, target="3wd", started_at=at(2025, 3, 24, 9))
    clock.pause(at(2025, 3, 27, 12))
    clock.resume(at(2025, 4, 8, 9, 30))
    assert clock.due_at == at(2025, 4, 8, 13, 30)


def test_clock_hours_pause_extends_by_clock_time() -> None:
    clock = SlaClock(calendar=CAL, target="24h", started_at=at(2025, 3, 28, 10))
    clock.pause(at(2025, 3, 28, 12))
    clock.resume(at(2025, 3, 28, 15))
    assert clock.due_at == at(2025, 3, 29, 13)
    assert clock.elapsed(at(2025, 3, 28, 16)) == 3 * H


def test_stop_while_paused_closes_the_pause() -> None:
    clock = three_days_from_monday()
    clock.pause(at(2025, 3, 4, 9, 30))
    clock.stop(at(2025, 3, 4, 10, 30))
    result = clock.result(at(2025, 3, 10, 9), stage="verification")
    assert result.state is SlaState.MET
    assert result.paused == 1 * H
    assert result.elapsed == 7 * H + 2 * H  # Mon 09:00-16:00, Tue 07:30-09:30
    assert result.stopped_at == at(2025, 3, 4, 10, 30)
    assert result.due_at == at(2025, 3, 7, 8, 30)  # Thu 16:00 + 1 office hour (Fri 07:30)


def test_out_of_order_calls_are_refused() -> None:
    clock = three_days_from_monday()
    with pytest.raises(ClockError, match="not paused"):
        clock.resume(at(2025, 3, 4, 9))
    with pytest.raises(ClockError, match="before the clock's last change"):
        clock.pause(at(2025, 3, 2, 9))
    clock.pause(at(2025, 3, 4, 9))
    with pytest.raises(ClockError, match="already paused"):
        clock.pause(at(2025, 3, 4, 10))
    clock.stop(at(2025, 3, 4, 11))
    with pytest.raises(ClockError, match="stopped clock"):
        clock.resume(at(2025, 3, 4, 12))
