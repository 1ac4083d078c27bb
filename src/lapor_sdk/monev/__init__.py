"""Monitoring and evaluation (monev) of complaint handling.

Figures per agency, unit, kab/kota, channel, category and period (:func:`compute_monev`), the
response-quality check of follow-ups (:func:`check_follow_up`), realistic sample data
(:func:`sample_complaints`) and the self-contained HTML report (:func:`render_html`).
Every figure is defined in the documentation page "Monev".
"""

from ._html import MAX_CHART_BARS as MAX_CHART_BARS
from ._html import MAX_FLAGGED_ROWS as MAX_FLAGGED_ROWS
from ._html import render_html as render_html
from ._html import write_html as write_html
from ._io import MAX_COMPLAINTS as MAX_COMPLAINTS
from ._io import MAX_FILE_BYTES as MAX_FILE_BYTES
from ._io import load_complaints as load_complaints
from ._io import parse_complaints as parse_complaints
from ._metrics import CONFIDENTIAL_EXCERPT as CONFIDENTIAL_EXCERPT
from ._metrics import NO_CATEGORY as NO_CATEGORY
from ._metrics import NO_REGION as NO_REGION
from ._metrics import NO_UNIT as NO_UNIT
from ._metrics import compute_monev as compute_monev
from ._metrics import group_key as group_key
from ._metrics import satisfaction_index as satisfaction_index
from ._period import format_date as format_date
from ._period import format_period as format_period
from ._period import period_bounds as period_bounds
from ._quality import MAX_FOLLOW_UP_CHARS as MAX_FOLLOW_UP_CHARS
from ._quality import QualityFinding as QualityFinding
from ._quality import SignalKind as SignalKind
from ._quality import check_follow_up as check_follow_up
from ._sample import MAX_SAMPLE as MAX_SAMPLE
from ._sample import SampleRegion as SampleRegion
from ._sample import sample_complaints as sample_complaints
from ._types import Dimension as Dimension
from ._types import GroupMetrics as GroupMetrics
from ._types import MonevReport as MonevReport
from ._types import PeriodKind as PeriodKind
from ._types import QualityItem as QualityItem
from ._types import RankEntry as RankEntry
from ._types import RankingRule as RankingRule
from ._types import SatisfactionSummary as SatisfactionSummary
from ._types import StageOnTime as StageOnTime
from ._types import TimeStats as TimeStats

__all__ = [
    "CONFIDENTIAL_EXCERPT",
    "MAX_CHART_BARS",
    "MAX_COMPLAINTS",
    "MAX_FILE_BYTES",
    "MAX_FLAGGED_ROWS",
    "MAX_FOLLOW_UP_CHARS",
    "MAX_SAMPLE",
    "NO_CATEGORY",
    "NO_REGION",
    "NO_UNIT",
    "Dimension",
    "GroupMetrics",
    "MonevReport",
    "PeriodKind",
    "QualityFinding",
    "QualityItem",
    "RankEntry",
    "RankingRule",
    "SampleRegion",
    "SatisfactionSummary",
    "SignalKind",
    "StageOnTime",
    "TimeStats",
    "check_follow_up",
    "compute_monev",
    "format_date",
    "format_period",
    "group_key",
    "load_complaints",
    "parse_complaints",
    "period_bounds",
    "render_html",
    "sample_complaints",
    "satisfaction_index",
    "write_html",
]
