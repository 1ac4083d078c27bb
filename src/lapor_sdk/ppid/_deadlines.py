"""The PPID deadlines on the working calendar, and the clocks of one request.

Every count uses :data:`lapor_sdk.sla.PPID_TARGETS` and the complaint presets' rule: a
deadline of n working days falls at the office close of the n-th working day after the local
date of the event (that day does not count), so it never falls on a weekend, a national
holiday or a cuti bersama day of the calendar.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from ..sla import PPID_TARGETS, Duration, SlaClock, SlaResult, SlaState, WorkingCalendar
from ..sla._errors import require_aware
from ._enums import PpidRole
from ._models import InformationRequest

__all__ = [
    "STAGES",
    "DueItem",
    "StageInfo",
    "answer_deadline",
    "answer_target",
    "default_calendar",
    "dispute_deadline",
    "dispute_window_start",
    "due_items",
    "objection_answer_deadline",
    "objection_deadline",
    "request_clocks",
]


@functools.lru_cache(maxsize=1)
def default_calendar() -> WorkingCalendar:
    """Return the national calendar in WIB (holidays and cuti bersama closed)."""
    return WorkingCalendar.indonesia(tz="Asia/Jakarta")


def _calendar(calendar: WorkingCalendar | None) -> WorkingCalendar:
    return calendar if calendar is not None else default_calendar()


def answer_target(extension_days: int = 0) -> Duration:
    """Return the answer time: 10 working days plus the extension (0-7) (Pasal 22 (7)–(8))."""
    base = int(PPID_TARGETS["answer"].target.amount)
    most = int(PPID_TARGETS["extension"].target.amount)
    if isinstance(extension_days, bool) or not 0 <= extension_days <= most:
        raise ValueError(
            f"an extension adds 1 to {most} working days (UU 14/2008 Pasal 22 ayat (8)), "
            f"got {extension_days!r}"
        )
    return Duration.working_days(base + extension_days)


def answer_deadline(
    received_at: dt.datetime, *, extended: bool = False, calendar: WorkingCalendar | None = None
) -> dt.datetime:
    """Return when the PPID's written answer is due (UU 14/2008 Pasal 22 ayat (7)–(8)).

    Ten working days from receipt; with ``extended``, the 7 following working days the
    law allows once, with written reasons (17 in all). Due at the office close of that day.

    Args:
        received_at: When the request was received (timezone-aware).
        extended: Whether the answer time was extended by the full 7 working days.
        calendar: The agency's calendar (default: the national calendar in WIB).

    Returns:
        The deadline, aware, in the calendar's zone.

    Raises:
        NaiveDatetimeError: ``received_at`` is naive.
        CalendarRangeError: The count reaches a year without holiday data.

    Example:
        >>> import datetime as dt
        >>> wib = dt.timezone(dt.timedelta(hours=7))
        >>> # Nyepi's cuti bersama and Lebaran 2025 (28 March, 31 March-7 April) do not count
        >>> answer_deadline(dt.datetime(2025, 3, 20, 9, 0, tzinfo=wib)).isoformat()
        '2025-04-14T16:00:00+07:00'
    """
    most = int(PPID_TARGETS["extension"].target.amount)
    target = answer_target(most if extended else 0)
    return _calendar(calendar).add(require_aware(received_at, "received_at"), target)


def objection_deadline(
    reason_arose_at: dt.datetime, *, calendar: WorkingCalendar | None = None
) -> dt.datetime:
    """Return the last moment to file an objection (UU 14/2008 Pasal 36 ayat (1)).

    Thirty working days after the reason for the objection arose (e.g. the answer was
    received, or the answer time ran out unanswered).

    Example:
        >>> import datetime as dt
        >>> wib = dt.timezone(dt.timedelta(hours=7))
        >>> # Good Friday, 1 May, Waisak and its cuti bersama (12-13 May) do not count
        >>> objection_deadline(dt.datetime(2025, 4, 10, 16, 0, tzinfo=wib)).isoformat()
        '2025-05-28T16:00:00+07:00'
    """
    target = PPID_TARGETS["objection_filing"].target
    return _calendar(calendar).add(require_aware(reason_arose_at, "reason_arose_at"), target)


def objection_answer_deadline(
    objection_received_at: dt.datetime, *, calendar: WorkingCalendar | None = None
) -> dt.datetime:
    """Return when the atasan PPID must answer an objection (UU 14/2008 Pasal 36 ayat (2)).

    Thirty working days from receipt of the written objection.
    """
    target = PPID_TARGETS["objection_answer"].target
    return _calendar(calendar).add(
        require_aware(objection_received_at, "objection_received_at"), target
    )


def dispute_deadline(
    objection_answered_at: dt.datetime, *, calendar: WorkingCalendar | None = None
) -> dt.datetime:
    """Return the last moment to take the case to the Komisi Informasi (Pasal 37 ayat (2)).

    Fourteen working days after the atasan PPID's written answer was received. When the
    objection is never answered, pass the end of the 30-working-day answer time (see
    :func:`dispute_window_start`).
    """
    target = PPID_TARGETS["dispute_filing"].target
    return _calendar(calendar).add(
        require_aware(objection_answered_at, "objection_answered_at"), target
    )


def dispute_window_start(
    request: InformationRequest, calendar: WorkingCalendar | None = None
) -> dt.datetime | None:
    """Return when the requester's 14 days to go to the Komisi Informasi start, if they have.

    From the atasan PPID's answer (Pasal 37 ayat (2)); for an objection left unanswered, from
    the end of the 30 days the atasan had (the Komisi Informasi's procedure, Perki 1/2013,
    accepts a dispute about an unanswered objection). ``None`` while neither has happened.
    """
    objection = request.objection
    if objection is None:
        return None
    if objection.answer is not None:
        return objection.answer.at
    return objection_answer_deadline(objection.received_at, calendar=calendar)


@dataclass(frozen=True, slots=True)
class StageInfo:
    """What one clock of a request measures, who must act, and the rule it comes from."""

    name: str
    """Stage name (``"answer"``)."""
    owner: PpidRole
    """Who must act before the deadline."""
    label: str
    """Indonesian label."""
    source: str
    """The article it comes from."""


#: The clocks of a request, in the order they start.
STAGES: dict[str, StageInfo] = {
    "answer": StageInfo(
        "answer", PpidRole.PPID, "Jawaban PPID", "UU 14/2008 Pasal 22 ayat (7)–(8)"
    ),
    "objection_window": StageInfo(
        "objection_window",
        PpidRole.REQUESTER,
        "Batas pengajuan keberatan",
        "UU 14/2008 Pasal 36 ayat (1)",
    ),
    "objection_answer": StageInfo(
        "objection_answer",
        PpidRole.SUPERIOR,
        "Tanggapan atasan PPID atas keberatan",
        "UU 14/2008 Pasal 36 ayat (2)",
    ),
    "dispute_window": StageInfo(
        "dispute_window",
        PpidRole.REQUESTER,
        "Batas pengajuan sengketa ke Komisi Informasi",
        "UU 14/2008 Pasal 37 ayat (2)",
    ),
}


def _clock(
    calendar: WorkingCalendar,
    target: Duration,
    start: dt.datetime,
    stop: dt.datetime | None,
    now: dt.datetime,
    at_risk: float,
    stage: str,
) -> SlaResult:
    clock = SlaClock(calendar=calendar, target=target, started_at=start, at_risk=at_risk)
    if stop is not None:
        clock.stop(max(stop, start))
    return clock.result(now, stage=stage)


def objection_window_start(
    request: InformationRequest, now: dt.datetime, calendar: WorkingCalendar | None = None
) -> dt.datetime | None:
    """Return when a reason to object arose, as far as the register shows.

    The decision's notice, or — with no answer — the end of the answer time (Pasal 35 ayat
    (1) huruf c). An objection records its own ``reason_arose_at``, which wins.
    """
    if request.objection is not None:
        return request.objection.reason_arose_at
    if request.decision is not None:
        return request.decision.at
    due = _request_answer_due(request, calendar)
    return due if due <= now else None


def _request_answer_due(
    request: InformationRequest, calendar: WorkingCalendar | None = None
) -> dt.datetime:
    days = request.extension.days if request.extension is not None else 0
    return _calendar(calendar).add(request.received_at, answer_target(days))


def request_clocks(
    request: InformationRequest,
    *,
    now: dt.datetime,
    calendar: WorkingCalendar | None = None,
    at_risk: float = 0.75,
) -> dict[str, SlaResult]:
    """Return the state of each clock of ``request`` at ``now`` (see :data:`STAGES`).

    ``answer`` runs from receipt to the decision (10 working days, or 10 + the extension);
    ``objection_window`` from the reason to the objection (30 working days, the requester's);
    ``objection_answer`` from the objection to the atasan's answer (30 working days);
    ``dispute_window`` from that answer to the dispute (14 working days, the requester's).
    Clocks that have not started are left out; events after ``now`` are ignored.

    Raises:
        NaiveDatetimeError: ``now`` is naive.
    """
    cal = _calendar(calendar)
    now = require_aware(now, "now")

    def seen(value: dt.datetime | None) -> dt.datetime | None:
        return value if value is not None and value <= now else None

    out: dict[str, SlaResult] = {}
    if request.received_at > now:
        return out
    ext = request.extension if request.extension and request.extension.at <= now else None
    decision = request.decision if request.decision and request.decision.at <= now else None
    out["answer"] = _clock(
        cal,
        answer_target(ext.days if ext else 0),
        request.received_at,
        decision.at if decision else None,
        now,
        at_risk,
        "answer",
    )
    objection = (
        request.objection if request.objection and request.objection.received_at <= now else None
    )
    start = objection_window_start(request, now, cal)
    if start is not None and start <= now:
        out["objection_window"] = _clock(
            cal,
            PPID_TARGETS["objection_filing"].target,
            start,
            objection.received_at if objection else None,
            now,
            at_risk,
            "objection_window",
        )
    if objection is not None:
        answer = objection.answer if objection.answer and objection.answer.at <= now else None
        out["objection_answer"] = _clock(
            cal,
            PPID_TARGETS["objection_answer"].target,
            objection.received_at,
            answer.at if answer else None,
            now,
            at_risk,
            "objection_answer",
        )
        window = answer.at if answer else None
        if window is None:
            due = objection_answer_deadline(objection.received_at, calendar=cal)
            window = due if due <= now else None
        if window is not None:
            dispute = request.dispute
            out["dispute_window"] = _clock(
                cal,
                PPID_TARGETS["dispute_filing"].target,
                window,
                seen(dispute.filed_at) if dispute else None,
                now,
                at_risk,
                "dispute_window",
            )
    return out


@dataclass(frozen=True, slots=True)
class DueItem:
    """One running deadline of one request, for the PPID's "due" list."""

    number: str
    """The request's registration number."""
    stage: StageInfo
    """Which deadline."""
    due_at: dt.datetime
    """When it falls (calendar zone)."""
    state: SlaState
    """ON_TRACK, AT_RISK or BREACHED (running clocks only)."""
    remaining: dt.timedelta
    """Office time left (negative when overdue)."""


def due_items(
    requests: list[InformationRequest],
    *,
    now: dt.datetime,
    calendar: WorkingCalendar | None = None,
    include_requester_windows: bool = False,
    at_risk: float = 0.75,
) -> list[DueItem]:
    """List the running deadlines of ``requests`` at ``now``, soonest first.

    Args:
        requests: The register.
        now: The evaluation instant (aware).
        calendar: The agency's calendar (default: national, WIB).
        include_requester_windows: Also list the requester's open windows (to object, to go
            to the Komisi Informasi), which the agency should show as dates in its letters.
        at_risk: Share of the budget from which a running clock is AT_RISK.

    Returns:
        One :class:`DueItem` per running clock; overdue ones (BREACHED) first by date.
    """
    items: list[DueItem] = []
    for request in requests:
        for name, result in request_clocks(
            request, now=now, calendar=calendar, at_risk=at_risk
        ).items():
            info = STAGES[name]
            if not result.is_running:
                continue
            if info.owner is PpidRole.REQUESTER and not include_requester_windows:
                continue
            if info.owner is PpidRole.REQUESTER and result.state is SlaState.BREACHED:
                continue  # a window that closed unused is not a deadline anyone can meet
            items.append(
                DueItem(request.number, info, result.due_at, result.state, result.remaining)
            )
    items.sort(key=lambda i: (i.due_at.astimezone(dt.UTC), i.number, i.stage.name))
    return items
