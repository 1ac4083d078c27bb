"""Monev figures per agency, unit, kab/kota, channel, category and period."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .._exceptions import InvalidInputError
from ..models import PERSONAL_FIELDS, Complaint, EventKind, Satisfaction, Status
from ..privacy import excerpt as redacted_excerpt
from ..privacy import scrub
from ..sla import SlaPolicy, SlaState, WorkingCalendar, clock_events
from ._period import period_bounds
from ._quality import check_follow_up
from ._types import (
    Dimension,
    GroupMetrics,
    MonevReport,
    PeriodKind,
    QualityItem,
    RankEntry,
    RankingRule,
    SatisfactionSummary,
    StageOnTime,
    TimeStats,
    _ensure_aware,
)

__all__ = [
    "CONFIDENTIAL_EXCERPT",
    "NO_CATEGORY",
    "NO_REGION",
    "NO_UNIT",
    "compute_monev",
    "group_key",
    "satisfaction_index",
]

#: Group name of complaints without a unit.
NO_UNIT = "(belum ada unit)"
#: Group name of complaints without a known kab/kota.
NO_REGION = "(lokasi tidak diketahui)"
#: Group name of complaints without a category.
NO_CATEGORY = "(tanpa kategori)"
#: Shown instead of the text of a flagged follow-up of a confidential (rahasia) report.
CONFIDENTIAL_EXCERPT = "(laporan rahasia: isi jawaban tidak ditampilkan)"
_NO_AGENCY = "(belum ada instansi)"
_EXCERPT = 160


_DISPOSING = frozenset({EventKind.VERIFIED, EventKind.FORWARDED, EventKind.DISPOSED})
_VERIFYING = frozenset({EventKind.VERIFIED, EventKind.FORWARDED})
_RESTARTING = frozenset({EventKind.CREATED, EventKind.SUPPLEMENTED})
_FOLLOWING_UP = frozenset({EventKind.FOLLOWED_UP, EventKind.COMPLETED})


@dataclass
class _Facts:
    """What one complaint contributes to every group it belongs to."""

    status: Status
    disposed: bool
    followed_up: bool
    verification_hours: float | None
    follow_up_hours: float | None
    completed: bool
    reopened: bool
    satisfaction: Satisfaction | None
    sla: list[tuple[str, SlaState, bool]]
    checked: int
    flagged: list[QualityItem] = field(default_factory=list)
    provisional_years: set[int] = field(default_factory=set)


def _hours(
    calendar: WorkingCalendar, start: dt.datetime, end: dt.datetime, years: set[int]
) -> float:
    if end <= start:
        return 0.0
    years.update(calendar.provisional_years_between(start, end))
    return calendar.working_time_between(start, end).total_seconds() / 3600


def _facts(
    complaint: Complaint,
    *,
    calendar: WorkingCalendar,
    policy: SlaPolicy | None,
    stages: frozenset[str],
    now: dt.datetime,
) -> _Facts:
    # Everything is judged as of ``now``: later events, answers and ratings do not count yet.
    events = [e for e in clock_events(complaint) if e.at <= now]
    kinds = [e.kind for e in events]
    follow_ups = [f for f in complaint.follow_ups if f.at <= now]
    rating = complaint.rating if complaint.rating and complaint.rating.at <= now else None

    years: set[int] = set()
    verification_hours: float | None = None
    start = complaint.clock_start
    for event in events:
        if event.kind in _RESTARTING:
            start = event.at
        elif event.kind in _VERIFYING:
            verification_hours = _hours(calendar, start, event.at, years)
            break

    follow_up_hours: float | None = None
    handed_over: dt.datetime | None = None
    for event in events:
        if event.kind in _DISPOSING:
            handed_over = event.at
        elif event.kind in _FOLLOWING_UP:
            if handed_over is not None:
                follow_up_hours = _hours(calendar, handed_over, event.at, years)
            break

    sla: list[tuple[str, SlaState, bool]] = []
    if policy is not None:
        for result in policy.evaluate(complaint, calendar=calendar, now=now):
            if result.stage not in stages:
                continue
            sla.append((result.stage, result.state, result.provisional))
            if result.provisional:
                end = max(result.due_at, result.stopped_at or now)
                years.update(calendar.provisional_years_between(result.started_at, end))

    flagged: list[QualityItem] = []
    for follow_up in follow_ups:
        finding = check_follow_up(follow_up.text)
        if finding.normative:
            # The report is read by agency heads and may be published: no reporter identity,
            # whatever the privacy flags (scrubbed before the cut, like repr).
            excerpt = redacted_excerpt(follow_up.text, _EXCERPT, known=_identity(complaint))
            if complaint.is_confidential:
                # Rahasia: the content of the report and its answers is never made public.
                excerpt = CONFIDENTIAL_EXCERPT
            flagged.append(
                QualityItem(
                    reference=complaint.reference,
                    unit=follow_up.unit or complaint.unit,
                    at=follow_up.at,
                    final=follow_up.final,
                    excerpt=excerpt,
                    finding=finding,
                )
            )

    return _Facts(
        status=events[-1].to_status if events else complaint.status,
        disposed=any(k in _DISPOSING for k in kinds),
        followed_up=any(k in _FOLLOWING_UP for k in kinds),
        verification_hours=verification_hours,
        follow_up_hours=follow_up_hours,
        completed=EventKind.COMPLETED in kinds,
        reopened=any(
            e.kind is EventKind.REPLIED and e.from_status is Status.COMPLETED for e in events
        ),
        satisfaction=rating.satisfaction if rating else None,
        sla=sla,
        checked=len(follow_ups),
        flagged=flagged,
        provisional_years=years,
    )


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _identity(complaint: Complaint) -> list[str]:
    """The reporter's own strings, scrubbed from every text the report shows."""
    reporter = complaint.reporter
    return [getattr(reporter, f) or "" for f in PERSONAL_FIELDS] if reporter else []


def _time_stats(values: list[float]) -> TimeStats:
    if not values:
        return TimeStats(n=0, median_hours=None, p90_hours=None)
    ordered = sorted(values)
    p90 = ordered[math.ceil(0.9 * len(ordered)) - 1]
    return TimeStats(
        n=len(ordered),
        median_hours=round(statistics.median(ordered), 4),
        p90_hours=round(p90, 4),
    )


def satisfaction_index(counts: dict[Satisfaction, int]) -> float | None:
    """Compute the satisfaction index (0–100) from rating counts.

    The index is the mean score (Sangat Puas 4, Puas 3, Cukup Puas 2, Tidak Puas 1) rescaled
    so that all-Tidak-Puas is 0 and all-Sangat-Puas is 100: ``(mean - 1) / 3 * 100``.

    Args:
        counts: Number of ratings per level.

    Returns:
        The index rounded to 2 decimals, or ``None`` when there are no ratings.

    Example:
        >>> satisfaction_index({Satisfaction.VERY_SATISFIED: 1, Satisfaction.DISSATISFIED: 1})
        50.0
    """
    rated = sum(counts.values())
    if not rated:
        return None
    mean = sum(level.score * n for level, n in counts.items()) / rated
    return round((mean - 1) / 3 * 100, 2)


def _group(
    dimension: Dimension | None,
    key: str,
    facts: list[_Facts],
    stages: dict[str, str],
    bounds: tuple[dt.date, dt.date] | None = None,
) -> GroupMetrics:
    by_status = dict.fromkeys(Status, 0)
    for f in facts:
        by_status[f.status] += 1
    disposed = sum(f.disposed for f in facts)
    followed_up = sum(f.disposed and f.followed_up for f in facts)
    completed = sum(f.completed for f in facts)
    reopened = sum(f.completed and f.reopened for f in facts)

    tallies: dict[str, dict[SlaState, int]] = {s: defaultdict(int) for s in stages}
    provisional: dict[str, int] = defaultdict(int)
    for f in facts:
        for stage, state, marked in f.sla:
            tallies[stage][state] += 1
            provisional[stage] += marked
    on_time: list[StageOnTime] = []
    for stage, tally in tallies.items():
        met = tally[SlaState.MET]
        missed = tally[SlaState.MISSED]
        breached = tally[SlaState.BREACHED]
        on_time.append(
            StageOnTime(
                stage=stage,
                target=stages[stage],
                met=met,
                missed=missed,
                breached=breached,
                open=sum(tally.values()) - met - missed - breached,
                on_time_rate=_rate(met, met + missed + breached),
                provisional=provisional[stage],
            )
        )
    all_met = sum(s.met for s in on_time)
    all_decided = sum(s.met + s.missed + s.breached for s in on_time)

    counts = dict.fromkeys(Satisfaction, 0)
    for f in facts:
        if f.satisfaction is not None:
            counts[f.satisfaction] += 1
    checked = sum(f.checked for f in facts)
    normative = sum(len(f.flagged) for f in facts)
    return GroupMetrics(
        dimension=dimension,
        key=key,
        period_start=bounds[0] if bounds else None,
        period_end=bounds[1] if bounds else None,
        reports=len(facts),
        by_status=by_status,
        disposed=disposed,
        followed_up=followed_up,
        follow_up_rate=_rate(followed_up, disposed),
        verification=_time_stats(
            [f.verification_hours for f in facts if f.verification_hours is not None]
        ),
        follow_up_time=_time_stats(
            [f.follow_up_hours for f in facts if f.follow_up_hours is not None]
        ),
        on_time=on_time,
        on_time_rate=_rate(all_met, all_decided),
        completed=completed,
        reopened=reopened,
        reopen_rate=_rate(reopened, completed),
        satisfaction=SatisfactionSummary(
            counts=counts, rated=sum(counts.values()), index=satisfaction_index(counts)
        ),
        follow_ups_checked=checked,
        normative_follow_ups=normative,
        normative_rate=_rate(normative, checked),
    )


def group_key(
    complaint: Complaint,
    dimension: Dimension,
    *,
    period_kind: PeriodKind = PeriodKind.WEEK,
    tz: dt.tzinfo | None = None,
) -> str:
    """Name the group a complaint belongs to along one dimension.

    Periods are cut on the local creation time in ``tz`` (default Asia/Jakarta): ISO weeks
    (``"2025-W10"``, Monday to Sunday) or months (``"2025-03"``).

    Args:
        complaint: The complaint.
        dimension: What to group by.
        period_kind: Week or month, for :attr:`Dimension.PERIOD`.
        tz: Zone in which periods are cut.

    Returns:
        The group name; complaints lacking the field go to a placeholder group such as
        :data:`NO_UNIT`.
    """
    if dimension is Dimension.AGENCY:
        return complaint.agency or _NO_AGENCY
    if dimension is Dimension.UNIT:
        return complaint.unit or NO_UNIT
    if dimension is Dimension.REGION:
        loc = complaint.location
        if loc is None or not (loc.region_name or loc.region_code):
            return NO_REGION
        # The region's name is free text from the report (intake): never a reporter's identity.
        return (
            scrub(loc.region_name, known=_identity(complaint))
            if loc.region_name
            else (loc.region_code or NO_REGION)
        )
    if dimension is Dimension.CHANNEL:
        return complaint.channel.label
    if dimension is Dimension.CATEGORY:
        return complaint.category or NO_CATEGORY
    local = complaint.created_at.astimezone(tz or ZoneInfo("Asia/Jakarta"))
    return _period_key(local.date(), period_kind)


def _decided(g: GroupMetrics) -> int:
    return sum(s.met + s.missed + s.breached for s in g.on_time)


def _components(g: GroupMetrics) -> list[tuple[float | None, int]]:
    """(value in 0–100 or ``None``, observations) of each score component, in order."""
    return [
        (None if g.follow_up_rate is None else g.follow_up_rate * 100, g.disposed),
        (None if g.on_time_rate is None else g.on_time_rate * 100, _decided(g)),
        (g.satisfaction.index, g.satisfaction.rated),
    ]


def _adjust(value: float | None, n: int, overall: float | None, weight: float) -> float | None:
    if overall is None:
        return None
    if value is None or n <= 0:
        return overall
    return (n * value + weight * overall) / (n + weight)


def _ranking(
    groups: list[GroupMetrics],
    *,
    total: GroupMetrics,
    min_reports: int,
    prior_weight: float,
    exclude: str,
) -> tuple[list[RankEntry], int]:
    overall = [value for value, _ in _components(total)]
    scored: list[tuple[float, float | None, GroupMetrics]] = []
    unranked = 0
    for g in groups:
        if g.key == exclude:
            continue
        if g.reports < min_reports:
            unranked += 1
            continue
        own = _components(g)
        adjusted = [
            a
            for (value, n), mean in zip(own, overall, strict=True)
            if (a := _adjust(value, n, mean, prior_weight)) is not None
        ]
        if not adjusted:
            continue
        available = [value for value, _ in own if value is not None]
        raw = round(sum(available) / len(available), 2) if available else None
        scored.append((round(sum(adjusted) / len(adjusted), 2), raw, g))
    scored.sort(key=lambda item: (-item[0], -item[2].reports, item[2].key))
    entries: list[RankEntry] = []
    for position, (score, raw, g) in enumerate(scored, start=1):
        rank = entries[-1].rank if entries and entries[-1].score == score else position
        entries.append(
            RankEntry(
                rank=rank,
                key=g.key,
                score=score,
                raw_score=raw,
                reports=g.reports,
                follow_up_rate=g.follow_up_rate,
                on_time_rate=g.on_time_rate,
                satisfaction_index=g.satisfaction.index,
            )
        )
    return entries, unranked


def _period_key(day: dt.date, kind: PeriodKind) -> str:
    if kind is PeriodKind.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _missing_periods(present: Mapping[str, object], kind: PeriodKind) -> list[str]:
    """The periods between the first and the last present one that have no reports."""
    if not present:
        return []
    first = _period_bounds(min(present), kind)[0]
    last = _period_bounds(max(present), kind)[0]
    missing: list[str] = []
    day = first
    while day < last:
        day = _period_bounds(_period_key(day, kind), kind)[1] + dt.timedelta(days=1)
        key = _period_key(day, kind)
        if key not in present:
            missing.append(key)
    return missing


def _period_bounds(key: str, kind: PeriodKind) -> tuple[dt.date, dt.date]:
    year, _, rest = key.partition("-")
    if kind is PeriodKind.MONTH:
        return period_bounds(dt.date(int(year), int(rest), 1), monthly=True)
    return period_bounds(dt.date.fromisocalendar(int(year), int(rest[1:]), 1), monthly=False)


def compute_monev(
    complaints: Iterable[Complaint],
    *,
    now: dt.datetime,
    calendar: WorkingCalendar | None = None,
    policy: SlaPolicy | None = None,
    stages: Sequence[str] | None = None,
    evaluate_sla: bool = True,
    period: PeriodKind | str = PeriodKind.WEEK,
    tz: str = "Asia/Jakarta",
    min_reports: int = 5,
    prior_weight: float = 10.0,
) -> MonevReport:
    """Compute the monev figures of a set of complaints, in total and per group.

    Everything is judged as of ``now``: complaints created later are left out, and events,
    follow-ups and ratings after ``now`` are ignored, so a past date gives the figures as they
    stood then. Figures (all defined in ``docs/monev.md``):

    - counts by status at ``now``;
    - follow-up rate: disposed complaints with at least one follow-up / disposed complaints;
    - verification time: working time from the complete report (creation, or the reporter's
      last supplement of a postponed report) to the first verify-and-dispose or forward;
    - follow-up time: working time from the disposition in force to the first follow-up;
      both as median and nearest-rank 90th percentile, in working hours of ``calendar``;
    - on-time rate per SLA stage of ``policy``: MET / (MET + MISSED + BREACHED) at ``now``;
    - reopen rate: complaints reopened by a reporter's reply to a COMPLETED report /
      complaints ever COMPLETED;
    - satisfaction distribution and index ``(mean score - 1) / 3 * 100``;
    - normative rate: follow-ups flagged by :func:`check_follow_up` / follow-ups;
    - rankings of units and kab/kota with at least ``min_reports`` complaints by an adjusted
      score: each of follow-up rate (%), on-time rate (%) and satisfaction index is pulled
      toward its value over all complaints, ``(n × own + prior_weight × overall) / (n +
      prior_weight)`` with ``n`` the group's observations of it, and the score is their mean
      (see :class:`RankingRule`). A unit with 4 reports and no ratings no longer ranks first
      at 100: its missing satisfaction counts as the overall figure and its perfect rates
      weigh like 4 observations. Equal scores share a rank.

    Deadlines counted across a year without a cuti bersama decree are computed provisionally
    (with the default calendar) and listed in :attr:`MonevReport.provisional_years`; one late
    complaint does not stop the report.

    Args:
        complaints: The complaints (with their full event histories).
        now: When to judge SLA clocks that are still running (timezone-aware).
        calendar: Working calendar for working time and SLA clocks; default
            ``WorkingCalendar.indonesia(tz=tz)``.
        policy: SLA policy; default ``SlaPolicy.sp4n_lapor()``.
        stages: The policy's stages that measure the agency, in display order; default every
            stage except the policy's ``response_window_stage`` (the reporter's 10-day window
            to reply, which measures the reporter, not the agency).
        evaluate_sla: ``False`` skips on-time figures (no policy is evaluated).
        period: ``"week"`` (ISO weeks) or ``"month"`` for the period dimension.
        tz: IANA zone in which periods are cut.
        min_reports: Fewest complaints a unit or kab/kota needs to be ranked.
        prior_weight: How many observations the overall figure is worth when a unit's or
            kab/kota's figures are adjusted for ranking (0 ranks on the raw figures).

    Returns:
        The :class:`MonevReport`.

    Raises:
        InvalidInputError: ``now`` is naive, or ``period``, ``tz`` or ``min_reports`` is not
            acceptable, or ``stages`` names a stage the policy does not have.

    Example:
        >>> import datetime as dt
        >>> from lapor_sdk.monev import compute_monev, sample_complaints
        >>> now = dt.datetime(2025, 4, 1, tzinfo=dt.UTC)
        >>> report = compute_monev(sample_complaints(50, seed=1), now=now)
        >>> report.total.reports
        50
    """
    _ensure_aware(now, "now")
    try:
        period_kind = PeriodKind(period)
    except ValueError:
        raise InvalidInputError(
            f"period={period!r} is not supported; use 'week' or 'month'"
        ) from None
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInputError(
            f"tz={tz!r} is not a known IANA time zone; use e.g. 'Asia/Jakarta', "
            "'Asia/Makassar' or 'Asia/Jayapura'"
        ) from None
    if min_reports < 1:
        raise InvalidInputError(f"min_reports={min_reports} must be at least 1")
    if not (isinstance(prior_weight, int | float) and 0 <= prior_weight <= 1_000_000):
        raise InvalidInputError(f"prior_weight={prior_weight!r} must be a number from 0 up")
    cal = calendar if calendar is not None else WorkingCalendar.indonesia(tz=tz)
    pol: SlaPolicy | None = None
    chosen: dict[str, str] = {}
    if evaluate_sla:
        pol = policy if policy is not None else SlaPolicy.sp4n_lapor()
        targets = {s.name: s.target.describe() for s in pol.stages}
        if stages is None:
            chosen = {n: t for n, t in targets.items() if n != pol.response_window_stage}
        else:
            unknown = [n for n in stages if n not in targets]
            if unknown:
                raise InvalidInputError(
                    f"stages {unknown} are not stages of policy {pol.name!r}; "
                    f"choose among {list(targets)}"
                )
            chosen = {n: targets[n] for n in stages}

    items = [c for c in complaints if c.created_at <= now]
    wanted = frozenset(chosen)
    facts = [_facts(c, calendar=cal, policy=pol, stages=wanted, now=now) for c in items]

    groups: dict[Dimension, list[GroupMetrics]] = {}
    for dimension in Dimension:
        members: dict[str, list[_Facts]] = defaultdict(list)
        for complaint, fact in zip(items, facts, strict=True):
            members[group_key(complaint, dimension, period_kind=period_kind, tz=zone)].append(fact)
        built = [
            _group(
                dimension,
                key,
                fs,
                chosen,
                _period_bounds(key, period_kind) if dimension is Dimension.PERIOD else None,
            )
            for key, fs in members.items()
        ]
        if dimension is Dimension.PERIOD:
            # A week without reports is a figure too (0 received): a trend that skipped it
            # would draw two distant weeks side by side.
            for key in _missing_periods(members, period_kind):
                built.append(_group(dimension, key, [], chosen, _period_bounds(key, period_kind)))
            built.sort(key=lambda g: g.key)
        else:
            built.sort(key=lambda g: (-g.reports, g.key))
        groups[dimension] = built

    flagged = sorted((item for f in facts for item in f.flagged), key=lambda q: (q.at, q.reference))
    total = _group(None, "Semua laporan", facts, chosen)
    units, unranked_units = _ranking(
        groups[Dimension.UNIT],
        total=total,
        min_reports=min_reports,
        prior_weight=prior_weight,
        exclude=NO_UNIT,
    )
    regions, unranked_regions = _ranking(
        groups[Dimension.REGION],
        total=total,
        min_reports=min_reports,
        prior_weight=prior_weight,
        exclude=NO_REGION,
    )
    return MonevReport(
        generated_at=now,
        period_kind=period_kind,
        timezone=tz,
        total=total,
        groups=groups,
        unit_ranking=units,
        region_ranking=regions,
        flagged_follow_ups=flagged,
        ranking_rule=RankingRule(
            min_reports=min_reports,
            prior_weight=float(prior_weight),
            overall_follow_up_rate=total.follow_up_rate,
            overall_on_time_rate=total.on_time_rate,
            overall_satisfaction_index=total.satisfaction.index,
        ),
        unranked_units=unranked_units,
        unranked_regions=unranked_regions,
        provisional_years=sorted({y for f in facts for y in f.provisional_years}),
    )
