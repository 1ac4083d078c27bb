"""The figures of the public-information service report (laporan layanan informasi publik).

Perki 1/2021 Pasal 56 asks every public body for a yearly report (within three months after
the budget year) with, among others, the details of the information service and of disputes;
many bodies also publish it per semester. The figures here are the ones the registers yield:
requests received, time taken, granted / partly granted / refused with reasons, objections
and disputes.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from .._exceptions import InvalidInputError
from ..models import Channel
from ..sla import WorkingCalendar
from ._deadlines import _request_answer_due, default_calendar, objection_answer_deadline
from ._enums import DecisionKind, DisputeOutcome, ExemptionGround, ObjectionOutcome, ObjectionReason
from ._models import InformationRequest

__all__ = ["ReportPeriod", "ServiceReport", "service_report"]

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    """A reporting period of local dates, ``start`` inclusive, ``end`` exclusive."""

    start: dt.date
    """First day."""
    end: dt.date
    """Day after the last."""
    label: str
    """Indonesian label (``"Semester I 2025"``)."""

    @classmethod
    def year(cls, year: int) -> ReportPeriod:
        """Return the calendar (budget) year ``year``."""
        _check_year(year)
        return cls(dt.date(year, 1, 1), dt.date(year + 1, 1, 1), f"Tahun {year}")

    @classmethod
    def semester(cls, year: int, half: int) -> ReportPeriod:
        """Return semester ``half`` (1: January–June, 2: July–December) of ``year``."""
        _check_year(year)
        if half not in (1, 2):
            raise InvalidInputError(f"semester must be 1 or 2, got {half!r}")
        if half == 1:
            return cls(dt.date(year, 1, 1), dt.date(year, 7, 1), f"Semester I {year}")
        return cls(dt.date(year, 7, 1), dt.date(year + 1, 1, 1), f"Semester II {year}")

    def contains(self, moment: dt.datetime, calendar: WorkingCalendar) -> bool:
        """Whether ``moment``'s local date (calendar zone) is in the period."""
        return self.start <= moment.astimezone(calendar.tz).date() < self.end


def _check_year(year: int) -> None:
    if isinstance(year, bool) or not isinstance(year, int) or not 2008 <= year <= 2200:
        raise InvalidInputError(
            f"report year must be between 2008 (UU 14/2008) and 2200, got {year!r}"
        )


@dataclass(frozen=True, slots=True)
class ServiceReport:
    """The service report's figures for one period."""

    period: ReportPeriod
    """The period."""
    generated_at: dt.datetime
    """When it was computed (open requests are judged at this instant)."""
    timezone: str
    """IANA zone of the calendar."""
    requests: int = 0
    """Requests received in the period."""
    decided: int = 0
    """Of those, answered in writing."""
    pending: int = 0
    """Of those, not answered yet."""
    pending_overdue: int = 0
    """Of the pending ones, past their answer time."""
    by_decision: dict[DecisionKind, int] = field(default_factory=dict)
    """Answers by kind (granted, partly granted, rejected, not held, not documented)."""
    exemption_grounds: dict[ExemptionGround, int] = field(default_factory=dict)
    """Pasal 17 grounds named in rejections and partial grants."""
    by_channel: dict[Channel, int] = field(default_factory=dict)
    """Requests by channel."""
    extended: int = 0
    """Requests whose answer time was extended."""
    on_time: int = 0
    """Answers within the (extended) answer time."""
    late: int = 0
    """Answers after it."""
    days_median: float | None = None
    """Median working days from receipt to answer."""
    days_mean: float | None = None
    """Mean working days from receipt to answer."""
    days_max: int | None = None
    """Longest, in working days."""
    objections: int = 0
    """Objections received in the period."""
    objection_reasons: dict[ObjectionReason, int] = field(default_factory=dict)
    """Pasal 35 reasons named in them."""
    objections_answered: int = 0
    """Of those, answered by the atasan PPID."""
    objections_answered_on_time: int = 0
    """Answered within 30 working days."""
    objection_outcomes: dict[ObjectionOutcome, int] = field(default_factory=dict)
    """Outcomes of the answered ones."""
    disputes: int = 0
    """Disputes filed with the Komisi Informasi in the period."""
    dispute_outcomes: dict[DisputeOutcome, int] = field(default_factory=dict)
    """Outcomes of those settled."""

    @property
    def on_time_rate(self) -> float | None:
        """Share of answers given in time (``None`` with no answer)."""
        total = self.on_time + self.late
        return self.on_time / total if total else None

    @property
    def refused(self) -> int:
        """Answers that did not give the information (rejected, not held, not documented)."""
        return sum(n for kind, n in self.by_decision.items() if kind.is_refusal)

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict (enum keys as their values)."""

        return {
            "period": {
                "label": self.period.label,
                "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(),
            },
            "generated_at": self.generated_at.isoformat(),
            "timezone": self.timezone,
            "requests": self.requests,
            "decided": self.decided,
            "pending": self.pending,
            "pending_overdue": self.pending_overdue,
            "by_decision": _keyed(self.by_decision),
            "exemption_grounds": _keyed(self.exemption_grounds),
            "by_channel": _keyed(self.by_channel),
            "extended": self.extended,
            "on_time": self.on_time,
            "late": self.late,
            "on_time_rate": self.on_time_rate,
            "days_median": self.days_median,
            "days_mean": self.days_mean,
            "days_max": self.days_max,
            "objections": self.objections,
            "objection_reasons": _keyed(self.objection_reasons),
            "objections_answered": self.objections_answered,
            "objections_answered_on_time": self.objections_answered_on_time,
            "objection_outcomes": _keyed(self.objection_outcomes),
            "disputes": self.disputes,
            "dispute_outcomes": _keyed(self.dispute_outcomes),
        }


def _ordered(counter: Counter[E], kind: type[E]) -> dict[E, int]:
    return {k: counter[k] for k in kind if counter[k]}


def _keyed(counts: Mapping[E, int]) -> dict[str, int]:
    return {k.value: v for k, v in counts.items()}


def service_report(
    requests: Sequence[InformationRequest],
    *,
    period: ReportPeriod,
    now: dt.datetime | None = None,
    calendar: WorkingCalendar | None = None,
) -> ServiceReport:
    """Compute the service report's figures for ``period``.

    Requests count in the period they were received (local date); objections in the period
    they were received, disputes in the period they were filed, whatever the request's date.
    Working days are counted like every deadline (the day of receipt does not count).

    Args:
        requests: The register.
        period: A :class:`ReportPeriod` (year or semester).
        now: The instant open requests are judged at (default: now).
        calendar: The agency's calendar (default: national, WIB).

    Example:
        >>> report = service_report([], period=ReportPeriod.year(2025))
        >>> report.requests, report.on_time_rate
        (0, None)
    """
    cal = calendar or default_calendar()
    moment = now or dt.datetime.now(dt.UTC)
    received = [r for r in requests if period.contains(r.received_at, cal)]
    decisions: Counter[DecisionKind] = Counter()
    grounds: Counter[ExemptionGround] = Counter()
    channels: Counter[Channel] = Counter()
    days: list[int] = []
    on_time = late = extended = pending = overdue = 0
    for r in received:
        channels[r.channel] += 1
        if r.extension is not None:
            extended += 1
        due = _request_answer_due(r, cal)
        if r.decision is None:
            pending += 1
            overdue += moment > due
            continue
        decisions[r.decision.kind] += 1
        grounds.update(r.decision.grounds)
        days.append(max(0, cal.working_days_between(r.received_at, r.decision.at)))
        if r.decision.at <= due:
            on_time += 1
        else:
            late += 1
    objections = [
        r.objection
        for r in requests
        if r.objection and period.contains(r.objection.received_at, cal)
    ]
    reasons: Counter[ObjectionReason] = Counter()
    outcomes: Counter[ObjectionOutcome] = Counter()
    answered = answered_in_time = 0
    for o in objections:
        assert o is not None  # noqa: S101 - filtered above
        reasons.update(o.reasons)
        if o.answer is not None:
            answered += 1
            outcomes[o.answer.outcome] += 1
            answered_in_time += o.answer.at <= objection_answer_deadline(
                o.received_at, calendar=cal
            )
    disputes = [
        r.dispute for r in requests if r.dispute and period.contains(r.dispute.filed_at, cal)
    ]
    dispute_outcomes: Counter[DisputeOutcome] = Counter(
        d.outcome for d in disputes if d is not None and d.outcome is not None
    )
    return ServiceReport(
        period=period,
        generated_at=moment,
        timezone=cal.tz_name,
        requests=len(received),
        decided=len(received) - pending,
        pending=pending,
        pending_overdue=overdue,
        by_decision=_ordered(decisions, DecisionKind),
        exemption_grounds=_ordered(grounds, ExemptionGround),
        by_channel=_ordered(channels, Channel),
        extended=extended,
        on_time=on_time,
        late=late,
        days_median=float(statistics.median(days)) if days else None,
        days_mean=round(statistics.fmean(days), 2) if days else None,
        days_max=max(days) if days else None,
        objections=len(objections),
        objection_reasons=_ordered(reasons, ObjectionReason),
        objections_answered=answered,
        objections_answered_on_time=answered_in_time,
        objection_outcomes=_ordered(outcomes, ObjectionOutcome),
        disputes=len(disputes),
        dispute_outcomes=_ordered(dispute_outcomes, DisputeOutcome),
    )
