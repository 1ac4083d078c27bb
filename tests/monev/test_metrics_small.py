"""Monev figures checked on a small hand-made data set whose answers were computed by hand.

The timeline of every complaint is in tests/data/monev_small_build.py. Office hours of the
national calendar: Mon–Thu 07:30–16:00 (8.5 h), Fri 07:30–16:30 (9 h); February 2025 has no
holiday. All times WIB. ``now`` = Fri 21 Feb 2025 17:00.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from lapor_sdk.models import Complaint, Satisfaction, Status
from lapor_sdk.monev import (
    NO_REGION,
    NO_UNIT,
    Dimension,
    MonevReport,
    compute_monev,
    sample_complaints,
)
from lapor_sdk.sla import WorkingCalendar

WIB = dt.timezone(dt.timedelta(hours=7))
SMALL_NOW = dt.datetime(2025, 2, 21, 17, 0, tzinfo=WIB)  # Fri, after closing


@pytest.fixture(scope="module")
def report(small: list[Complaint], calendar: WorkingCalendar) -> MonevReport:
    return compute_monev(small, now=SMALL_NOW, calendar=calendar, evaluate_sla=False)


def group(report: MonevReport, dimension: Dimension, key: str):  # type: ignore[no-untyped-def]
    return next(g for g in report.groups[dimension] if g.key == key)


def test_counts_by_status(report: MonevReport) -> None:
    # CLOSED: C01, C07. COMPLETED: C02, C03, C05, C08. IN_PROGRESS: C04.
    # DISPOSED: C06, C09, C11. ARCHIVED: C10. UNVERIFIED: C12. 2+4+1+3+1+1 = 12.
    assert report.total.reports == 12
    assert report.total.by_status == {
        Status.UNVERIFIED: 1,
        Status.POSTPONED: 0,
        Status.ARCHIVED: 1,
        Status.DISPOSED: 3,
        Status.IN_PROGRESS: 1,
        Status.COMPLETED: 4,
        Status.CLOSED: 2,
    }


def test_follow_up_rate(report: MonevReport) -> None:
    # Ever disposed or forwarded: all but C10 (archived) and C12 (unverified) = 10.
    # With a follow-up: C01, C02, C03, C04, C05, C07, C08 = 7.  7 / 10 = 0.7.
    assert report.total.disposed == 10
    assert report.total.followed_up == 7
    assert report.total.follow_up_rate == pytest.approx(0.7)


def test_verification_time_in_working_hours(report: MonevReport) -> None:
    # C01 08:00→10:00 = 2 h; C02 Mon 13:00→Tue 08:30 = 3 + 1 = 4 h; C03 2 h; C04 10:00→15:00
    # = 5 h; C05 1 h; C06 1 h; C07 clock restarts at the supplement Wed 10:00 → 12:00 = 2 h;
    # C08 Tue 14:00→Fri 14:00 = 2 + 8.5 + 8.5 + 6.5 = 25.5 h;
    # C09 Wed 12 09:00→Wed 19 09:00 = 7 + 8.5 + 9 + 8.5 + 8.5 + 1.5 = 43 h; C11 (forward) 2 h.
    # Sorted: 1 1 2 2 2 2 4 5 25.5 43 → median (2 + 2) / 2 = 2; p90 = ceil(9.0) = 9th = 25.5.
    v = report.total.verification
    assert v.n == 10
    assert v.median_hours == pytest.approx(2.0)
    assert v.p90_hours == pytest.approx(25.5)


def test_follow_up_time_in_working_hours(report: MonevReport) -> None:
    # C01 Mon 10:00→Tue 09:30 = 6 + 2 = 8 h; C02 Tue 08:30→10:30 = 2 h (interim counts);
    # C03 Wed 5 11:00→Thu 13 10:00 = 5 + 8.5 + 9 + 8.5 + 8.5 + 8.5 + 2.5 = 50.5 h;
    # C04 Thu 15:00→Fri 09:30 = 1 + 2 = 3 h; C05 09:00→14:00 = 5 h;
    # C07 Wed 12:00→Thu 12:00 = 4 + 4.5 = 8.5 h; C08 Fri 14:00→Mon 10:00 = 2.5 + 2.5 = 5 h.
    # Sorted: 2 3 5 5 8 8.5 50.5 → median = 4th = 5; p90 = ceil(6.3) = 7th = 50.5.
    f = report.total.follow_up_time
    assert f.n == 7
    assert f.median_hours == pytest.approx(5.0)
    assert f.p90_hours == pytest.approx(50.5)


def test_reopen_rate(report: MonevReport) -> None:
    # Ever COMPLETED: C01, C02, C03, C05, C07, C08 = 6; reopened by a reply: C02. 1 / 6.
    assert (report.total.completed, report.total.reopened) == (6, 1)
    assert report.total.reopen_rate == pytest.approx(1 / 6)


def test_satisfaction_distribution_and_index(report: MonevReport) -> None:
    # Ratings: C01 Sangat Puas (4), C02 Puas (3), C03 Tidak Puas (1), C05 Cukup Puas (2),
    # C07 Puas (3). Mean = 13 / 5 = 2.6; index = (2.6 - 1) / 3 * 100 = 53.33.
    s = report.total.satisfaction
    assert s.rated == 5
    assert s.counts == {
        Satisfaction.VERY_SATISFIED: 1,
        Satisfaction.SATISFIED: 2,
        Satisfaction.FAIRLY_SATISFIED: 1,
        Satisfaction.DISSATISFIED: 1,
    }
    assert s.index == pytest.approx(53.33)


def test_normative_follow_ups(report: MonevReport) -> None:
    # Follow-ups: C01 1, C02 3, C03 1, C04 1, C05 1, C07 1, C08 1 = 9.
    # Normative: C02's interim "akan segera kami tindak lanjuti", C03 "sudah kami teruskan ke
    # bidang terkait", C04 (same template as C02), C08 "akan ditindaklanjuti oleh dinas
    # terkait" = 4.
    assert report.total.follow_ups_checked == 9
    assert report.total.normative_follow_ups == 4
    assert report.total.normative_rate == pytest.approx(4 / 9)
    flagged = [(q.reference, q.final) for q in report.flagged_follow_ups]
    assert flagged == [
        ("LAPOR-2025-000002", False),
        ("LAPOR-2025-000004", False),
        ("LAPOR-2025-000008", True),
        ("LAPOR-2025-000003", True),
    ]  # oldest first: 4 Feb 10:30, 7 Feb 09:30, 10 Feb 10:00, 13 Feb 10:00


def test_per_unit_figures(report: MonevReport) -> None:
    # Unit A (C01–C03): 3 disposed, 3 followed up; ratings 4, 3, 1 → mean 8/3 →
    # index (8/3 - 1) / 3 * 100 = 55.56; completed 3, reopened 1.
    a = group(report, Dimension.UNIT, "Dinas PU Kota Malang")
    assert (a.reports, a.disposed, a.followed_up, a.completed, a.reopened) == (3, 3, 3, 3, 1)
    assert a.satisfaction.index == pytest.approx(55.56)
    # Unit B (C04–C06): C06 never followed up → 2/3; one rating Cukup Puas → (2-1)/3*100.
    b = group(report, Dimension.UNIT, "DLH Kota Malang")
    assert b.follow_up_rate == pytest.approx(2 / 3)
    assert b.satisfaction.index == pytest.approx(33.33)
    # No unit: C10 (archived), C11 (forwarded, unit cleared), C12 (unverified).
    assert group(report, Dimension.UNIT, NO_UNIT).reports == 3


def test_per_region_channel_and_period(report: MonevReport) -> None:
    # Kota Malang: C01–C06, C11 = 7, disposed 7, followed up C01–C05 = 5 → 5/7.
    kota = group(report, Dimension.REGION, "Kota Malang")
    assert (kota.reports, kota.follow_up_rate) == (7, pytest.approx(5 / 7))
    # Kabupaten Malang: C07–C10 = 4; disposed C07–C09 = 3, followed up C07, C08 → 2/3.
    kab = group(report, Dimension.REGION, "Kabupaten Malang")
    assert (kab.reports, kab.follow_up_rate) == (4, pytest.approx(2 / 3))
    assert group(report, Dimension.REGION, NO_REGION).reports == 1  # C12
    channels = {g.key: g.reports for g in report.groups[Dimension.CHANNEL]}
    # web C01 C03 C06 C09; WhatsApp C02 C05 C08 C12; SMS C04 C07 C10; e-mail C11.
    assert channels == {
        "Situs web LAPOR!": 4,
        "WhatsApp": 4,
        "SMS 1708": 3,
        "Surel": 1,
    }
    # ISO weeks: 3–9 Feb = W06 (C01–C04, C07, C08), 10–16 Feb = W07 (C05, C06, C09, C10),
    # 17–23 Feb = W08 (C11, C12); oldest first.
    periods = [(g.key, g.reports) for g in report.groups[Dimension.PERIOD]]
    assert periods == [("2025-W06", 6), ("2025-W07", 4), ("2025-W08", 2)]


def test_monthly_periods(small: list[Complaint], calendar: WorkingCalendar) -> None:
    r = compute_monev(small, now=SMALL_NOW, calendar=calendar, evaluate_sla=False, period="month")
    assert [(g.key, g.reports) for g in r.groups[Dimension.PERIOD]] == [("2025-02", 12)]


def test_unit_ranking_without_sla(small: list[Complaint], calendar: WorkingCalendar) -> None:
    # Every unit has 3 reports: ranked with min_reports=3 (the default 5 ranks none of them).
    # Overall: follow-up 70 %, satisfaction 53.33 (5 ratings). Each component is pulled toward
    # it with weight 10: (n × own + 10 × overall) / (n + 10).
    # A (Dinas PU Kota): follow-up (3 × 100 + 700) / 13 = 76.92; satisfaction 3 ratings
    #   (3 × 55.56 + 533.3) / 13 = 53.85 → score 65.38 (raw (100 + 55.56) / 2 = 77.78).
    # B (Dinas PU Kab.): (3 × 66.67 + 700) / 13 = 69.23; 1 rating (66.67 + 533.3) / 11 = 54.54
    #   → 61.89 (raw 66.67).  C (DLH): 69.23; (33.33 + 533.3) / 11 = 51.51 → 60.37 (raw 50).
    r = compute_monev(small, now=SMALL_NOW, calendar=calendar, evaluate_sla=False, min_reports=3)
    entries = r.unit_ranking
    assert [(e.rank, e.key) for e in entries] == [
        (1, "Dinas PU Kota Malang"),
        (2, "Dinas PU Kabupaten Malang"),
        (3, "DLH Kota Malang"),
    ]
    assert [e.score for e in entries] == pytest.approx([65.38, 61.89, 60.37], abs=0.01)
    assert [e.raw_score for e in entries] == pytest.approx([77.78, 66.67, 50.0], abs=0.01)
    assert r.ranking_rule is not None
    assert (r.ranking_rule.min_reports, r.ranking_rule.prior_weight) == (3, 10.0)
    assert r.ranking_rule.overall_follow_up_rate == pytest.approx(0.7)
    assert r.unranked_units == 0


def test_default_minimum_sample_leaves_small_units_unranked(report: MonevReport) -> None:
    # Default min_reports=5: no unit (3 reports each) and only Kota Malang (7) of the regions.
    assert report.unit_ranking == []
    assert report.unranked_units == 3
    assert [e.key for e in report.region_ranking] == ["Kota Malang"]
    assert report.unranked_regions == 1


def test_raw_ranking_with_zero_weight(small: list[Complaint], calendar: WorkingCalendar) -> None:
    # prior_weight=0 keeps the raw components; a missing one still counts as the overall value.
    r = compute_monev(
        small, now=SMALL_NOW, calendar=calendar, evaluate_sla=False, min_reports=3, prior_weight=0
    )
    assert [e.score for e in r.unit_ranking] == pytest.approx([77.78, 66.67, 50.0], abs=0.01)


def test_small_perfect_unit_without_ratings_does_not_rank_first(calendar: WorkingCalendar) -> None:
    # The case an agency head stumbled on: a unit with 4 reports, all answered, nobody rated.
    # Its own figures average to 100; pulled toward the mean it falls behind units with many
    # reports and good figures.
    history = sample_complaints(300, seed=1)
    now = max(c.updated_at or c.created_at for c in history)
    answered = [c for c in history if any(e.kind.value == "followed_up" for e in c.events)][:4]
    small_unit = [
        c.model_copy(update={"unit": "UPT Baru", "rating": None, "tracking_id": f"NEW-{i}"})
        for i, c in enumerate(answered)
    ]
    r = compute_monev(
        [*history, *small_unit], now=now, calendar=calendar, evaluate_sla=False, min_reports=4
    )
    entry = next(e for e in r.unit_ranking if e.key == "UPT Baru")
    assert entry.raw_score == 100.0
    assert entry.rank > 1
    assert entry.score < 100.0
    naive = compute_monev(
        [*history, *small_unit],
        now=now,
        calendar=calendar,
        evaluate_sla=False,
        min_reports=4,
        prior_weight=0,
    )
    # Without shrinkage the satisfaction it lacks is still the overall figure, not skipped:
    assert next(e for e in naive.unit_ranking if e.key == "UPT Baru").score < 100.0


def test_region_ranking_needs_min_reports(
    small: list[Complaint], calendar: WorkingCalendar
) -> None:
    # Kota Malang (7) and Kabupaten Malang (4) have ≥ 3 reports; "unknown" is never ranked.
    # Kota: follow-up (7 × 71.43 + 700) / 17 = 70.59, satisfaction 4 ratings, index 50:
    # (4 × 50 + 533.3) / 14 = 52.38 → 61.48.  Kab: (3 × 66.67 + 700) / 13 = 69.23,
    # (66.67 + 533.3) / 11 = 54.54 → 61.89.
    r = compute_monev(small, now=SMALL_NOW, calendar=calendar, evaluate_sla=False, min_reports=3)
    entries = r.region_ranking
    assert [(e.rank, e.key) for e in entries] == [
        (1, "Kabupaten Malang"),
        (2, "Kota Malang"),
    ]
    assert [e.score for e in entries] == pytest.approx([61.89, 61.48], abs=0.01)


def test_json_export_round_trips(report: MonevReport) -> None:
    data = json.loads(report.to_json())
    assert data["total"]["reports"] == 12
    assert data["total"]["satisfaction"]["counts"]["very_satisfied"] == 1
    assert MonevReport.model_validate_json(report.to_json()) == report


def test_csv_export_has_one_row_per_group(report: MonevReport) -> None:
    rows = list(csv.DictReader(io.StringIO(report.to_csv())))
    assert rows[0]["dimension"] == "total"
    assert rows[0]["reports"] == "12"
    assert rows[0]["follow_up_rate"] == "0.7"
    expected_rows = 1 + sum(len(groups) for groups in report.groups.values())
    assert len(rows) == expected_rows
    unit_a = next(r for r in rows if r["key"] == "Dinas PU Kota Malang")
    assert unit_a["dimension"] == "unit"
    assert unit_a["status_completed"] == "2"  # C02, C03 (C01 is closed)


@pytest.fixture(scope="module")
def sla_report(small: list[Complaint], calendar: WorkingCalendar) -> MonevReport:
    return compute_monev(small, now=SMALL_NOW, calendar=calendar)


def test_on_time_rate_per_stage(sla_report: MonevReport) -> None:
    # verification (3 wd, from CREATED, paused while POSTPONED): every report verified well
    # within 3 wd except C09 (Wed 12 → due Mon 17 16:00, verified Wed 19) = MISSED; C10
    # archived and C11 forwarded the same day = MET; C12 (Thu 20 09:00, due Tue 25) running
    # with 16 of 33 office hours used = open. Met: C01 C02 C03 C04
    # C05 C06 C07 C08 C10 C11 = 10; missed C09; open C12 (10 + 1 + 1 = 12) → 10/11.
    # follow_up (5 wd from the disposition): C01 C02 C04 C05 C07 C08 MET; C03 (Wed 5 → due
    # Wed 12 16:00, answered Thu 13) MISSED; C06 (Tue 11 → due Tue 18, no answer) BREACHED;
    # C09 (24.5 of 50 h) and C11 (40.5 of 49 h, at risk) open → 6 / (6 + 1 + 1) = 0.75.
    # answer (14 wd from CREATED to the first answer or archive): C01–C05, C07, C08, C10 MET;
    # C06, C09, C11, C12 still running → 8/8.
    # completion (60 wd to COMPLETED or archive): C01 C02 C03 C05 C07 C08 C10 MET → 7/7.
    # reporter_response is the reporter's window and is left out by default.
    stages = {s.stage: (s.met, s.missed, s.breached, s.open) for s in sla_report.total.on_time}
    assert stages == {
        "verification": (10, 1, 0, 1),
        "follow_up": (6, 1, 1, 2),
        "answer": (8, 0, 0, 4),
        "completion": (7, 0, 0, 5),
    }
    rates = {s.stage: s.on_time_rate for s in sla_report.total.on_time}
    assert rates["verification"] == pytest.approx(10 / 11)
    assert rates["follow_up"] == pytest.approx(0.75)
    # Over all stages: met 10 + 6 + 8 + 7 = 31 of decided 11 + 8 + 8 + 7 = 34.
    assert sla_report.total.on_time_rate == pytest.approx(31 / 34)


def test_unit_ranking_with_sla(small: list[Complaint], calendar: WorkingCalendar) -> None:
    # Overall: follow-up 70 %, on-time 31 / 34 = 91.18 % (34 decided clocks), satisfaction
    # 53.33. A: follow-up 76.92 (as above); on-time 12 decided clocks, 11 met (91.67 %):
    # (12 × 91.67 + 10 × 91.18) / 22 = 91.44; satisfaction 53.85 → 74.07.
    # B: 69.23; 9 decided, 88.89 %: (800 + 911.8) / 19 = 90.09; 54.54 → 71.29.
    # C: 69.23; 90.09; 51.51 → 70.28.
    r = compute_monev(small, now=SMALL_NOW, calendar=calendar, min_reports=3)
    entries = r.unit_ranking
    assert [(e.rank, e.key) for e in entries] == [
        (1, "Dinas PU Kota Malang"),
        (2, "Dinas PU Kabupaten Malang"),
        (3, "DLH Kota Malang"),
    ]
    assert [e.score for e in entries] == pytest.approx([74.07, 71.29, 70.28], abs=0.02)
    # The raw scores of the old ranking: (100 + 91.67 + 55.56) / 3 = 82.41, …
    assert [e.raw_score for e in entries] == pytest.approx([82.41, 74.07, 62.96], abs=0.02)


def test_choosing_stages(small: list[Complaint], calendar: WorkingCalendar) -> None:
    r = compute_monev(small, now=SMALL_NOW, calendar=calendar, stages=["follow_up"])
    assert [s.stage for s in r.total.on_time] == ["follow_up"]
    assert r.total.on_time_rate == pytest.approx(0.75)


def test_unknown_stage_is_refused(small: list[Complaint], calendar: WorkingCalendar) -> None:
    with pytest.raises(ValueError, match=r"not stages of policy 'sp4n-lapor'.*choose among"):
        compute_monev(small, now=SMALL_NOW, calendar=calendar, stages=["tindak_lanjut"])


def test_naive_now_is_refused(small: list[Complaint]) -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        compute_monev(small, now=SMALL_NOW.replace(tzinfo=None))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"period": "quarter"}, "use 'week' or 'month'"),
        ({"tz": "Asia/Bandung"}, "not a known IANA time zone"),
        ({"min_reports": 0}, "must be at least 1"),
        ({"prior_weight": -1}, "must be a number from 0 up"),
    ],
)
def test_bad_options_are_refused(
    small: list[Complaint], kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        compute_monev(small, now=SMALL_NOW, evaluate_sla=False, **kwargs)  # type: ignore[arg-type]


def test_empty_input_gives_empty_figures(calendar: WorkingCalendar) -> None:
    r = compute_monev([], now=SMALL_NOW, calendar=calendar)
    assert r.total.reports == 0
    assert r.total.follow_up_rate is None
    assert r.total.verification.median_hours is None
    assert r.total.satisfaction.index is None
    assert r.unit_ranking == []
    assert r.to_csv().count("\n") == 2  # header + total row


def test_figures_as_they_stood_at_an_earlier_now(
    small: list[Complaint], calendar: WorkingCalendar
) -> None:
    # At Fri 7 Feb 17:00 only C01–C04, C07, C08 exist (C05 onwards were filed later).
    # C01 and C07 are COMPLETED (closed only on 18 and 20 Feb); C02 was reopened by the reply
    # of 7 Feb 09:00 → IN_PROGRESS; C04 has its interim answer → IN_PROGRESS; C03 and C08
    # are DISPOSED (C08 verified 14:00 that day).
    now = dt.datetime(2025, 2, 7, 17, 0, tzinfo=WIB)
    r = compute_monev(small, now=now, calendar=calendar, evaluate_sla=False)
    assert r.total.reports == 6
    by_status = {s: n for s, n in r.total.by_status.items() if n}
    assert by_status == {Status.COMPLETED: 2, Status.IN_PROGRESS: 2, Status.DISPOSED: 2}
    # Followed up: C01, C02, C04, C07 of 6 disposed. Completed: C01, C02, C07; reopened: C02.
    assert (r.total.followed_up, r.total.disposed) == (4, 6)
    assert (r.total.completed, r.total.reopened) == (3, 1)
    # Ratings given by then: C01 Sangat Puas (4 Feb), C07 Puas (7 Feb 09:00) → mean 3.5 →
    # (3.5 - 1) / 3 * 100 = 83.33.
    assert r.total.satisfaction.index == pytest.approx(83.33)
    # Follow-ups posted by then: C01, C02 interim + first final, C04 interim, C07 = 5;
    # normative: C02 interim, C04 interim = 2.
    assert (r.total.follow_ups_checked, r.total.normative_follow_ups) == (5, 2)


def test_now_outside_datetime_range_is_refused(small: list[Complaint]) -> None:
    year_one = dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    with pytest.raises(ValueError, match="outside the datetimes"):
        compute_monev(small, now=year_one)
