"""Typed results of the monev computation, exportable as JSON and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from enum import StrEnum
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict

from .._exceptions import InvalidInputError
from ..models import Satisfaction, Status
from ._quality import QualityFinding

__all__ = [
    "Dimension",
    "GroupMetrics",
    "MonevReport",
    "PeriodKind",
    "QualityItem",
    "RankEntry",
    "RankingRule",
    "SatisfactionSummary",
    "StageOnTime",
    "TimeStats",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class Dimension(StrEnum):
    """What complaints are grouped by."""

    AGENCY = "agency"
    UNIT = "unit"
    REGION = "region"
    CHANNEL = "channel"
    CATEGORY = "category"
    PERIOD = "period"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _DIMENSION_LABELS[self]


_DIMENSION_LABELS = {
    Dimension.AGENCY: "Instansi",
    Dimension.UNIT: "Unit",
    Dimension.REGION: "Kabupaten/Kota",
    Dimension.CHANNEL: "Kanal",
    Dimension.CATEGORY: "Kategori",
    Dimension.PERIOD: "Periode",
}


class PeriodKind(StrEnum):
    """Length of the reporting period that complaints are bucketed into by creation time."""

    WEEK = "week"
    MONTH = "month"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return "Minggu" if self is PeriodKind.WEEK else "Bulan"


class TimeStats(_Frozen):
    """Median and 90th percentile of a set of durations, in working hours."""

    n: int
    """How many durations were measured."""
    median_hours: float | None
    """Median in working hours (mean of the two middle values when ``n`` is even)."""
    p90_hours: float | None
    """90th percentile in working hours, nearest-rank: the ``ceil(0.9 * n)``-th smallest."""


class StageOnTime(_Frozen):
    """On-time figures of one SLA stage (e.g. verification, follow-up)."""

    stage: str
    """Stage name as the SLA policy calls it."""
    target: str = ""
    """The stage's target in Indonesian words ("3 hari kerja")."""
    met: int
    """Clocks stopped before or at their deadline."""
    missed: int
    """Clocks stopped after their deadline."""
    breached: int
    """Clocks still running past their deadline at ``now``."""
    open: int
    """Clocks still running within their deadline (or paused); not counted in the rate."""
    on_time_rate: float | None
    """``met / (met + missed + breached)``; ``None`` when nothing is decided yet."""
    provisional: int = 0
    """Clocks whose deadline was counted across a year without a cuti bersama decree (see
    :attr:`MonevReport.provisional_years`); they are counted like the others."""


class SatisfactionSummary(_Frozen):
    """How reporters rated the outcome."""

    counts: dict[Satisfaction, int]
    """Number of ratings per level (every level present, zero when unused)."""
    rated: int
    """Number of rated complaints."""
    index: float | None
    """Satisfaction index 0–100: ``(mean score - 1) / 3 * 100`` with scores 4..1
    (Sangat Puas = 4 … Tidak Puas = 1); ``None`` when nobody rated."""


class GroupMetrics(_Frozen):
    """Every monev figure for one group of complaints (a unit, a kab/kota, a week, …)."""

    dimension: Dimension | None
    """What the group is (``None`` for the total over all complaints)."""
    key: str
    """The group's name (unit name, region name, ISO week ``2025-W10``, month ``2025-03``)."""
    period_start: dt.date | None = None
    """First day of a period group (Monday of the ISO week, first of the month)."""
    period_end: dt.date | None = None
    """Last day of a period group (Sunday of the ISO week, last of the month)."""
    reports: int
    """Number of complaints."""
    by_status: dict[Status, int]
    """Complaints per current status (every status present)."""
    disposed: int
    """Complaints that were ever disposed to a unit or forwarded (the follow-up base)."""
    followed_up: int
    """Disposed complaints with at least one follow-up (interim or final)."""
    follow_up_rate: float | None
    """``followed_up / disposed``; ``None`` when nothing was disposed."""
    verification: TimeStats
    """Working time from the complete report to verification (verify+dispose or forward)."""
    follow_up_time: TimeStats
    """Working time from the disposition to the first follow-up."""
    on_time: list[StageOnTime]
    """On-time figures per SLA stage, in the policy's order."""
    on_time_rate: float | None
    """On-time rate over all stages together (sum of met over sum of decided)."""
    completed: int
    """Complaints that reached COMPLETED at least once."""
    reopened: int
    """Of those, complaints the reporter reopened by replying to a completed report."""
    reopen_rate: float | None
    """``reopened / completed``; ``None`` when nothing was completed."""
    satisfaction: SatisfactionSummary
    """Satisfaction distribution and index."""
    follow_ups_checked: int
    """Follow-up texts examined by the response-quality check."""
    normative_follow_ups: int
    """Of those, follow-ups flagged as normative."""
    normative_rate: float | None
    """``normative_follow_ups / follow_ups_checked``; ``None`` when there was none."""


class RankingRule(_Frozen):
    """How units and kab/kota were ranked (shown in the report beside the ranking).

    Each component of the score — follow-up rate (%), on-time rate (%), satisfaction index —
    is pulled toward the figure over *all* complaints by a credibility weight:
    ``adjusted = (n × own + prior_weight × overall) / (n + prior_weight)``, where ``n`` is how
    many observations the group has for that component (disposed reports, decided SLA
    clocks, ratings). A group with few observations therefore sits near the overall figure,
    one with many keeps its own, and a component a group lacks entirely counts as the overall
    figure instead of being skipped. The score is the mean of the adjusted components that
    are defined overall.
    """

    min_reports: int
    """Fewest complaints a group needs to be ranked at all."""
    prior_weight: float
    """Observations' worth of the overall figure in each adjusted component."""
    overall_follow_up_rate: float | None
    """Follow-up rate over all complaints (the value small groups are pulled toward)."""
    overall_on_time_rate: float | None
    """On-time rate over all complaints."""
    overall_satisfaction_index: float | None
    """Satisfaction index over all complaints."""


class RankEntry(_Frozen):
    """One place in a ranking of units or kab/kota."""

    rank: int
    """1 = best; equal scores share a rank."""
    key: str
    """Unit or region name."""
    score: float
    """Adjusted score 0–100: mean of the components pulled toward the overall figures
    (see :class:`RankingRule`); the ranking is by this score."""
    raw_score: float | None = None
    """Mean of the group's own available components, unadjusted (for comparison)."""
    reports: int
    """Number of complaints of the group."""
    follow_up_rate: float | None
    """The group's follow-up rate."""
    on_time_rate: float | None
    """The group's on-time rate over all stages."""
    satisfaction_index: float | None
    """The group's satisfaction index."""


class QualityItem(_Frozen):
    """A follow-up that the response-quality check flagged as normative."""

    reference: str
    """The complaint's tracking id (or external reference)."""
    unit: str | None
    """Unit that wrote the follow-up."""
    at: AwareDatetime
    """When the follow-up was posted."""
    final: bool
    """Whether it was the final follow-up."""
    excerpt: str
    """The first 160 characters of the follow-up text; a placeholder for a confidential
    (rahasia) report, whose content is never shown."""
    finding: QualityFinding
    """The verdict with its reasons and signals."""


_CSV_INJECTION_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_CSV_INJECTION_PREFIXES):
        # Keep spreadsheets from running a unit name such as "=HYPERLINK(...)" as a formula.
        return "'" + value
    return value


class MonevReport(_Frozen):
    """The result of :func:`compute_monev`: totals, groups, rankings and flagged follow-ups."""

    generated_at: AwareDatetime
    """The ``now`` the figures were computed at (SLA clocks still running are judged at it)."""
    period_kind: PeriodKind
    """Length of the periods of the ``period`` dimension."""
    timezone: str
    """IANA zone in which periods are cut (``Asia/Jakarta``)."""
    total: GroupMetrics
    """Figures over all complaints."""
    groups: dict[Dimension, list[GroupMetrics]]
    """Figures per group, for each dimension; periods oldest first, others largest first."""
    unit_ranking: list[RankEntry]
    """Units with at least ``min_reports`` complaints, best first."""
    region_ranking: list[RankEntry]
    """Kab/kota with at least ``min_reports`` complaints, best first."""
    flagged_follow_ups: list[QualityItem]
    """Follow-ups flagged as normative, oldest first."""
    ranking_rule: RankingRule | None = None
    """How the rankings were computed (minimum sample, credibility weight, overall figures)."""
    unranked_units: int = 0
    """Named units left out of the ranking for having fewer than ``min_reports`` complaints."""
    unranked_regions: int = 0
    """Named kab/kota left out of the ranking for the same reason."""
    provisional_years: list[int] = []
    """Years without a cuti bersama decree that deadlines or working times were counted
    across (computed from national holidays alone; they may move when the decree comes)."""

    def to_json(self, *, indent: int | None = 2) -> str:
        """Serialise the whole report as JSON (datetimes in ISO 8601, enums as wire values)."""
        return self.model_dump_json(indent=indent)

    def rows(self) -> list[dict[str, Any]]:
        """Flatten the total and every group into one row per group (the CSV's rows).

        Returns:
            Dicts with the same keys in the same order: ``dimension`` (``"total"`` for the
            total row), ``key``, then the figures.
        """
        stages = [s.stage for s in self.total.on_time]
        out: list[dict[str, Any]] = [_row(self.total, stages)]
        for dimension in Dimension:
            out.extend(_row(g, stages) for g in self.groups.get(dimension, []))
        return out

    def to_csv(self) -> str:
        """Serialise :meth:`rows` as CSV text with a header line.

        Cells starting with ``= + - @`` get a leading apostrophe so spreadsheet programs
        never evaluate a name taken from the data as a formula.
        """
        rows = self.rows()
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_cell(v) for k, v in row.items()})
        return buffer.getvalue()


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}".rstrip("0").rstrip(".")


def _row(group: GroupMetrics, stages: list[str]) -> dict[str, Any]:
    row: dict[str, Any] = {
        "dimension": group.dimension.value if group.dimension else "total",
        "key": group.key,
        "period_start": group.period_start.isoformat() if group.period_start else "",
        "period_end": group.period_end.isoformat() if group.period_end else "",
        "reports": group.reports,
    }
    for status in Status:
        row[f"status_{status.value}"] = group.by_status.get(status, 0)
    on_time = {s.stage: s for s in group.on_time}
    row |= {
        "disposed": group.disposed,
        "followed_up": group.followed_up,
        "follow_up_rate": _fmt(group.follow_up_rate),
        "verification_n": group.verification.n,
        "verification_median_hours": _fmt(group.verification.median_hours),
        "verification_p90_hours": _fmt(group.verification.p90_hours),
        "follow_up_time_n": group.follow_up_time.n,
        "follow_up_time_median_hours": _fmt(group.follow_up_time.median_hours),
        "follow_up_time_p90_hours": _fmt(group.follow_up_time.p90_hours),
        "on_time_rate": _fmt(group.on_time_rate),
    }
    for stage in stages:
        stage_figures = on_time.get(stage)
        row[f"on_time_rate_{stage}"] = _fmt(stage_figures.on_time_rate if stage_figures else None)
    row |= {
        "completed": group.completed,
        "reopened": group.reopened,
        "reopen_rate": _fmt(group.reopen_rate),
        "rated": group.satisfaction.rated,
    }
    for level in Satisfaction:
        row[f"satisfaction_{level.value}"] = group.satisfaction.counts.get(level, 0)
    row |= {
        "satisfaction_index": _fmt(group.satisfaction.index),
        "follow_ups_checked": group.follow_ups_checked,
        "normative_follow_ups": group.normative_follow_ups,
        "normative_rate": _fmt(group.normative_rate),
    }
    return row


def _ensure_aware(value: dt.datetime, name: str) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInputError(
            f"{name}={value.isoformat()} is a naive datetime; pass a timezone-aware one, "
            "e.g. datetime(2025, 3, 3, 9, 0, tzinfo=ZoneInfo('Asia/Jakarta'))"
        )
    try:
        value.astimezone(dt.UTC)
    except OverflowError:
        raise InvalidInputError(
            f"{name}={value.isoformat()} is outside the datetimes Python can represent in UTC "
            "(years 1 to 9999); check the value"
        ) from None
    return value
