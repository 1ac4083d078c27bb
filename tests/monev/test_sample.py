"""The sample-data generator: deterministic, lifecycle-consistent, varied."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from lapor_sdk import lifecycle
from lapor_sdk.models import Complaint, EventKind, Status
from lapor_sdk.monev import compute_monev, sample_complaints

WIB = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture(scope="module")
def sample() -> list[Complaint]:
    return sample_complaints(400, seed=11)


def test_same_seed_same_data() -> None:
    assert sample_complaints(30, seed=4) == sample_complaints(30, seed=4)
    assert sample_complaints(30, seed=4) != sample_complaints(30, seed=5)


def _replay(c: Complaint) -> None:
    """Every event must be a move the status machine allows from the status before it."""
    status = Status.UNVERIFIED
    for event in c.events[1:]:
        assert event.from_status is status, (c.reference, event)
        assert event.at >= c.events[0].at
        status = event.to_status
    assert status is c.status


def test_histories_follow_the_status_machine(sample: list[Complaint]) -> None:
    allowed = {(status, action.event_kind) for (status, action) in lifecycle.TRANSITIONS}
    for c in sample:
        assert c.events[0].kind is EventKind.CREATED
        _replay(c)
        for event in c.events[1:]:
            assert (event.from_status, event.kind) in allowed
        times = [e.at for e in c.events]
        assert times == sorted(times)


def test_outcomes_are_varied(sample: list[Complaint]) -> None:
    statuses = Counter(c.status for c in sample)
    assert statuses[Status.CLOSED] > 0
    assert statuses[Status.ARCHIVED] > 0
    kinds = Counter(e.kind for c in sample for e in c.events)
    for kind in (
        EventKind.POSTPONED, EventKind.SUPPLEMENTED, EventKind.FORWARDED,
        EventKind.FOLLOWED_UP, EventKind.REPLIED, EventKind.RATED, EventKind.CLOSED,
    ):  # fmt: skip
        assert kinds[kind] > 0, kind
    assert len({c.location.region_code for c in sample if c.location}) >= 5
    assert len({c.channel for c in sample}) >= 8
    assert len({c.category for c in sample}) == 6


def test_figures_show_late_reopened_and_normative(sample: list[Complaint]) -> None:
    now = dt.datetime(2025, 3, 31, 17, 0, tzinfo=WIB)
    report = compute_monev(sample, now=now)
    follow_up = next(s for s in report.total.on_time if s.stage == "follow_up")
    assert follow_up.missed + follow_up.breached > 0
    assert 0 < (follow_up.on_time_rate or 0) < 1
    assert report.total.reopened > 0
    assert 0 < (report.total.normative_rate or 0) < 0.5
    assert report.total.satisfaction.rated > 0
    scores = [e.score for e in report.unit_ranking]
    assert max(scores) - min(scores) > 5  # units really differ


def test_now_cuts_histories() -> None:
    start = dt.datetime(2025, 2, 3, 8, 0, tzinfo=WIB)
    now = dt.datetime(2025, 2, 14, 12, 0, tzinfo=WIB)
    complaints = sample_complaints(80, seed=3, start=start, weeks=2, now=now)
    assert all(e.at <= now for c in complaints for e in c.events)
    assert any(not c.status.is_terminal for c in complaints)


def test_no_personal_data(sample: list[Complaint]) -> None:
    assert all(c.reporter is None for c in sample)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"n": -1}, "out of range"), ({"n": 5, "weeks": 0}, "weeks=0")],
)
def test_bad_arguments(kwargs: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        sample_complaints(kwargs["n"], weeks=kwargs.get("weeks", 8))


def test_naive_start_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        sample_complaints(5, start=dt.datetime(2025, 1, 6, 8, 0))
