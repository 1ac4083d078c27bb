"""Invariants of the monev figures over generated data, and the export formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lapor_sdk import lifecycle
from lapor_sdk.models import Role, Satisfaction
from lapor_sdk.monev import (
    Dimension,
    compute_monev,
    load_complaints,
    parse_complaints,
    sample_complaints,
    satisfaction_index,
)
from lapor_sdk.sla import WorkingCalendar

WIB = dt.timezone(dt.timedelta(hours=7))
CALENDAR = WorkingCalendar.indonesia(tz="Asia/Jakarta")


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(0, 40), days=st.integers(0, 120))
def test_groups_partition_the_total(seed: int, n: int, days: int) -> None:
    complaints = sample_complaints(n, seed=seed)
    now = dt.datetime(2025, 1, 6, 8, tzinfo=WIB) + dt.timedelta(days=days)
    report = compute_monev(complaints, now=now, calendar=CALENDAR)
    total = report.total
    filed = sum(c.created_at <= now for c in complaints)
    assert sum(total.by_status.values()) == total.reports == filed
    for dimension in Dimension:
        groups = report.groups[dimension]
        assert sum(g.reports for g in groups) == filed
        assert sum(g.followed_up for g in groups) == total.followed_up
        assert sum(g.satisfaction.rated for g in groups) == total.satisfaction.rated
        assert len({g.key for g in groups}) == len(groups)
    for g in [total, *report.groups[Dimension.UNIT]]:
        assert g.followed_up <= g.disposed <= g.reports
        assert g.reopened <= g.completed
        for rate in (g.follow_up_rate, g.on_time_rate, g.reopen_rate, g.normative_rate):
            assert rate is None or 0.0 <= rate <= 1.0
        for stats in (g.verification, g.follow_up_time):
            if stats.n:
                assert stats.median_hours is not None and stats.p90_hours is not None
                assert 0.0 <= stats.median_hours <= stats.p90_hours
        if g.satisfaction.index is not None:
            assert 0.0 <= g.satisfaction.index <= 100.0
    ranks = [e.rank for e in report.unit_ranking]
    assert ranks == sorted(ranks)
    scores = [e.score for e in report.unit_ranking]
    assert scores == sorted(scores, reverse=True)
    assert all(e.reports >= 3 for e in report.unit_ranking)


@given(st.dictionaries(st.sampled_from(list(Satisfaction)), st.integers(0, 50)))
def test_satisfaction_index_bounds(counts: dict[Satisfaction, int]) -> None:
    index = satisfaction_index(counts)
    if sum(counts.values()) == 0:
        assert index is None
    else:
        assert index is not None and 0.0 <= index <= 100.0


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({Satisfaction.DISSATISFIED: 3}, 0.0),
        ({Satisfaction.VERY_SATISFIED: 2}, 100.0),
        ({Satisfaction.FAIRLY_SATISFIED: 1}, 33.33),  # (2 - 1) / 3 * 100
        ({Satisfaction.SATISFIED: 1, Satisfaction.FAIRLY_SATISFIED: 1}, 50.0),  # mean 2.5
    ],
)
def test_satisfaction_index_values(counts: dict[Satisfaction, int], expected: float) -> None:
    assert satisfaction_index(counts) == pytest.approx(expected)


def test_csv_neutralises_formulas_from_unit_names() -> None:
    t = dt.datetime(2025, 2, 3, 9, tzinfo=WIB)
    c = lifecycle.create(title="x", description="y", created_at=t, category="=1+1")
    c = lifecycle.verify(
        c, by=Role.AGENCY_ADMIN, at=t, agency="@SUM(A1)", unit='=HYPERLINK("http://x")'
    )
    report = compute_monev([c], now=t + dt.timedelta(days=1), calendar=CALENDAR)
    rows = list(csv.DictReader(io.StringIO(report.to_csv())))
    keys = {r["key"] for r in rows}
    assert '\'=HYPERLINK("http://x")' in keys
    assert "'@SUM(A1)" in keys and "'=1+1" in keys
    assert not any(k.startswith(("=", "@", "+", "-")) for k in keys)
    # JSON keeps the real names.
    assert '=HYPERLINK(\\"http://x\\")' in report.to_json()


def test_wrapped_export_shape_is_accepted(tmp_path: Path, small_path: Path) -> None:
    items = json.loads(small_path.read_text(encoding="utf-8"))
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"complaints": items}), encoding="utf-8")
    assert len(load_complaints(wrapped)) == 12


def test_non_utf8_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.json"
    bad.write_bytes('[{"title": "Jalan rusak di Ds. Cikahuripan \xe9"}]'.encode("latin-1"))
    with pytest.raises(ValueError, match="not UTF-8"):
        load_complaints(bad)


def test_invalid_item_error_names_index_and_field_only() -> None:
    items = [{"title": "ok", "created_at": "2025-02-03T09:00:00+07:00"}, {"title": 5}]
    with pytest.raises(ValueError, match=r"complaint \[1\] is invalid at title"):
        parse_complaints(items, source="data.json")


@settings(max_examples=40, deadline=None)
@given(
    offsets=st.lists(st.integers(0, 800), min_size=1, max_size=12),
    period=st.sampled_from(["week", "month"]),
)
def test_the_trend_has_every_period_from_the_first_to_the_last(
    offsets: list[int], period: str
) -> None:
    """Periods without reports are there with 0, so a trend never skips a quiet week."""
    start = dt.datetime(2024, 12, 23, 9, tzinfo=WIB)  # spans ISO week-year and year ends
    complaints = [
        lifecycle.create(
            title="Jalan rusak",
            description="Jalan rusak di Jl. Darmo, Kota Surabaya.",
            created_at=start + dt.timedelta(days=d),
        )
        for d in offsets
    ]
    now = start + dt.timedelta(days=900)
    groups = compute_monev(complaints, now=now, calendar=CALENDAR, period=period).groups[
        Dimension.PERIOD
    ]
    assert sum(g.reports for g in groups) == len(offsets)
    assert all(g.period_start is not None and g.period_end is not None for g in groups)
    for before, after in itertools.pairwise(groups):
        assert before.period_end is not None and after.period_start is not None
        assert after.period_start == before.period_end + dt.timedelta(days=1)
    first_day = min(c.created_at for c in complaints).date()
    last_day = max(c.created_at for c in complaints).date()
    assert groups[0].period_start is not None and groups[-1].period_end is not None
    assert groups[0].period_start <= first_day and last_day <= groups[-1].period_end
    assert all(g.reports == 0 and g.follow_up_rate is None for g in groups if not g.reports)
