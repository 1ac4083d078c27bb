"""SlaPolicy: presets, custom policies and evaluation of real event histories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from lapor_sdk.models import Complaint, Event, EventKind, Role, Status
from lapor_sdk.sla import (
    Duration,
    NaiveDatetimeError,
    PolicyError,
    SlaPolicy,
    SlaResult,
    SlaState,
    WorkingCalendar,
    response_window_deadline,
)

WIB = ZoneInfo("Asia/Jakarta")
CAL = WorkingCalendar.indonesia()
H = dt.timedelta(hours=1)


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, tzinfo=WIB)


_STEPS = {
    EventKind.CREATED: (Role.REPORTER, None, Status.UNVERIFIED),
    EventKind.POSTPONED: (Role.AGENCY_ADMIN, Status.UNVERIFIED, Status.POSTPONED),
    EventKind.SUPPLEMENTED: (Role.REPORTER, Status.POSTPONED, Status.UNVERIFIED),
    EventKind.VERIFIED: (Role.AGENCY_ADMIN, Status.UNVERIFIED, Status.DISPOSED),
    EventKind.ARCHIVED: (Role.AGENCY_ADMIN, Status.UNVERIFIED, Status.ARCHIVED),
    EventKind.FOLLOWED_UP: (Role.LIAISON, Status.DISPOSED, Status.IN_PROGRESS),
    EventKind.COMPLETED: (Role.LIAISON, Status.IN_PROGRESS, Status.COMPLETED),
    EventKind.REPLIED: (Role.REPORTER, Status.COMPLETED, Status.IN_PROGRESS),
    EventKind.CLOSED: (Role.SYSTEM, Status.COMPLETED, Status.CLOSED),
}


def complaint(*steps: tuple[EventKind, dt.datetime]) -> Complaint:
    events = []
    for kind, when in steps:
        actor, before, after = _STEPS[kind]
        events.append(Event(at=when, kind=kind, actor=actor, from_status=before, to_status=after))
    return Complaint(
        tracking_id="LAPOR-2025-000123",
        title="Jalan berlubang",
        description="Jalan di depan pasar berlubang besar.",
        created_at=steps[0][1],
        status=events[-1].to_status,
        events=events,
    )


def lebaran_2025() -> Complaint:
    """Filed before Lebaran 2025, postponed for a missing location, then handled."""
    return complaint(
        (EventKind.CREATED, at(2025, 3, 27, 10)),
        (EventKind.POSTPONED, at(2025, 3, 27, 14)),
        (EventKind.SUPPLEMENTED, at(2025, 4, 8, 9)),
        (EventKind.VERIFIED, at(2025, 4, 9, 10)),
        (EventKind.FOLLOWED_UP, at(2025, 4, 14, 10)),
        (EventKind.COMPLETED, at(2025, 4, 15, 11)),
    )


def by_stage(results: list[SlaResult]) -> dict[str, SlaResult]:
    return {r.stage: r for r in results}


def test_sp4n_lapor_on_a_lebaran_history() -> None:
    results = by_stage(
        SlaPolicy.sp4n_lapor().evaluate(lebaran_2025(), calendar=CAL, now=at(2025, 4, 22, 12))
    )
    assert list(results) == [
        "verification",
        "follow_up",
        "answer",
        "completion",
        "reporter_response",
    ]
    verification = results["verification"]
    # 3wd from Thu 27 Mar -> Thu 10 Apr 16:00; paused 27 Mar 14:00-8 Apr 09:00 = 2 h + 1.5 h
    # of office time -> Fri 11 Apr 07:30 + 3.5 h = 11:00.
    assert verification.due_at == at(2025, 4, 11, 11)
    assert verification.stopped_at == at(2025, 4, 9, 10)
    assert verification.state is SlaState.MET
    assert verification.paused == 3.5 * H
    # Office time 27 Mar 10-16 (6 h) + 8 Apr (8.5 h) + 9 Apr 07:30-10:00 (2.5 h) - 3.5 h paused.
    assert verification.elapsed == 13.5 * H
    assert verification.budget == 31.5 * H  # 6 h + 3 x 8.5 h
    assert verification.remaining == 18 * H
    assert verification.target == Duration.working_days(3)
    # 5wd from Wed 9 Apr: 10, 11, 14, 15, 16 Apr.
    follow_up = results["follow_up"]
    assert (follow_up.due_at, follow_up.state) == (at(2025, 4, 16, 16), SlaState.MET)
    # 14wd from 27 Mar: 8-11, 14-17 Apr (18 Apr Good Friday), 21-25, 28 Apr; + 3.5 h paused.
    answer = results["answer"]
    assert (answer.due_at, answer.state) == (at(2025, 4, 29, 11), SlaState.MET)
    # 10wd from Tue 15 Apr: 16, 17, 21-25, 28, 29, 30 Apr; 45.5 % used on Tue 22 Apr 12:00.
    response = results["reporter_response"]
    assert response.due_at == at(2025, 4, 30, 16)
    assert response.state is SlaState.ON_TRACK
    assert response.elapsed == 35 * H  # 5 + 8.5 + 8.5 + 8.5 + 4.5
    assert response.stopped_at is None


def test_events_after_now_are_ignored() -> None:
    policy = SlaPolicy.sp4n_lapor()
    during_pause = by_stage(policy.evaluate(lebaran_2025(), calendar=CAL, now=at(2025, 4, 1, 10)))
    assert list(during_pause) == ["verification", "answer", "completion"]
    assert during_pause["verification"].state is SlaState.PAUSED
    before_verification = by_stage(
        policy.evaluate(lebaran_2025(), calendar=CAL, now=at(2025, 4, 9, 9))
    )
    verification = before_verification["verification"]
    assert verification.state is SlaState.ON_TRACK
    assert verification.stopped_at is None
    assert verification.elapsed == 12.5 * H  # 6 + 8.5 + 1.5 - 3.5


def test_changing_calendar_or_policy_recomputes() -> None:
    c = lebaran_2025()
    now = at(2025, 4, 22, 12)
    off = WorkingCalendar.indonesia(cuti_bersama=False)
    verification = SlaPolicy.sp4n_lapor().evaluate(c, calendar=off, now=now)[0]
    # Without cuti bersama: 3wd -> Thu 3 Apr 16:00; paused office time 2 + 9 (28 Mar) + 8.5
    # + 8.5 + 9 + 8.5 (2-7 Apr) + 1.5 = 47 h -> 4 Apr 9, 7-10 Apr 4 x 8.5 = 34 -> 4 h left
    # on Fri 11 Apr from 07:30 -> 11:30.
    assert verification.due_at == at(2025, 4, 11, 11, 30)
    strict = SlaPolicy.from_dict(
        {
            "name": "strict",
            "stages": [
                {
                    "name": "verification",
                    "start": ["created"],
                    "stop": ["verified"],
                    "target": "1wd",
                    "pause": [],
                }
            ],
        }
    )
    [result] = strict.evaluate(c, calendar=CAL, now=now)
    # 1wd from Thu 27 Mar -> Tue 8 Apr 16:00, no pause in this policy: verified 9 Apr, late.
    assert result.due_at == at(2025, 4, 8, 16)
    assert result.state is SlaState.MISSED


def test_reporter_response_window_restarts_and_feeds_close_if_due() -> None:
    replied = complaint(
        (EventKind.CREATED, at(2025, 4, 7, 9)),
        (EventKind.VERIFIED, at(2025, 4, 8, 9)),
        (EventKind.FOLLOWED_UP, at(2025, 4, 9, 9)),
        (EventKind.COMPLETED, at(2025, 4, 15, 11)),
        (EventKind.REPLIED, at(2025, 4, 17, 10)),
    )
    assert response_window_deadline(replied, CAL) is None
    completed_again = complaint(
        *[(e.kind, e.at) for e in replied.events],
        (EventKind.FOLLOWED_UP, at(2025, 4, 18, 10)),
        (EventKind.COMPLETED, at(2025, 4, 21, 10)),
    )
    # 10wd from Mon 21 Apr: 22-25, 28-30 Apr (7), 1 May holiday, 2, 5, 6 May.
    assert response_window_deadline(completed_again, CAL) == at(2025, 5, 6, 16)
    results = by_stage(
        SlaPolicy.sp4n_lapor().evaluate(completed_again, calendar=CAL, now=at(2025, 5, 7, 9))
    )
    assert results["reporter_response"].started_at == at(2025, 4, 21, 10)
    assert results["reporter_response"].state is SlaState.BREACHED
    closed = complaint(
        *[(e.kind, e.at) for e in completed_again.events],
        (EventKind.CLOSED, at(2025, 5, 7, 0, 5)),
    )
    assert response_window_deadline(closed, CAL) is None
    final = SlaPolicy.sp4n_lapor().evaluate(closed, calendar=CAL, now=at(2025, 5, 8, 9))
    assert by_stage(final)["reporter_response"].state is SlaState.MISSED


def test_archived_report_stops_verification_and_never_starts_follow_up() -> None:
    archived = complaint(
        (EventKind.CREATED, at(2026, 3, 18, 9)),
        (EventKind.ARCHIVED, at(2026, 3, 26, 9)),
    )
    results = by_stage(SlaPolicy.sp4n_lapor().evaluate(archived, calendar=CAL, now=at(2026, 4, 1)))
    assert set(results) == {"verification", "answer", "completion"}
    # Wed 18 Mar 2026 (cuti bersama) + 3wd: 19 Nyepi, 20 cuti, 23-24 cuti -> 25, 26, 27 Mar.
    assert results["verification"].due_at == at(2026, 3, 27, 16, 30)
    assert results["verification"].state is SlaState.MET


@pytest.mark.parametrize(
    ("reaction", "first", "target"),
    [
        pytest.param(at(2026, 3, 20, 10, 30), SlaState.MET, SlaState.MET, id="within-3h"),
        pytest.param(at(2026, 3, 20, 11, 30), SlaState.MET, SlaState.MISSED, id="after-3h"),
        pytest.param(at(2026, 3, 21, 8, 1), SlaState.MISSED, SlaState.MISSED, id="after-24h"),
    ],
)
def test_laporgub_hours_on_a_cuti_bersama_day(
    reaction: dt.datetime, first: SlaState, target: SlaState
) -> None:
    c = complaint((EventKind.CREATED, at(2026, 3, 20, 8)), (EventKind.VERIFIED, reaction))
    results = by_stage(SlaPolicy.laporgub().evaluate(c, calendar=CAL, now=at(2026, 3, 25)))
    assert results["first_response"].due_at == at(2026, 3, 21, 8)
    assert results["first_response_target"].due_at == at(2026, 3, 20, 11)
    assert (results["first_response"].state, results["first_response_target"].state) == (
        first,
        target,
    )


def test_laporgub_at_risk_from_75_percent() -> None:
    c = complaint((EventKind.CREATED, at(2026, 3, 20, 8)))
    policy = SlaPolicy.laporgub()
    at_18h = by_stage(policy.evaluate(c, calendar=CAL, now=at(2026, 3, 21, 2)))
    assert at_18h["first_response"].state is SlaState.AT_RISK
    assert at_18h["first_response_target"].state is SlaState.BREACHED
    at_17h = by_stage(policy.evaluate(c, calendar=CAL, now=at(2026, 3, 21, 1)))
    assert at_17h["first_response"].state is SlaState.ON_TRACK


def test_statutory_unit_is_configurable() -> None:
    c = complaint((EventKind.CREATED, at(2025, 3, 27, 10)))
    calendar_days = SlaPolicy.sp4n_lapor(statutory_unit="days")
    answer = by_stage(calendar_days.evaluate(c, calendar=CAL, now=at(2025, 3, 28)))["answer"]
    assert answer.due_at == at(2025, 4, 10, 10)
    assert answer.target == Duration.days(14)


def test_naive_now_is_rejected() -> None:
    with pytest.raises(NaiveDatetimeError):
        SlaPolicy.sp4n_lapor().evaluate(lebaran_2025(), calendar=CAL, now=dt.datetime(2025, 4, 1))


POLICY_TOML = """
name = "dinas-kominfo"
at_risk = 0.8
response_window_stage = "tanggapan"

[[stages]]
name = "verifikasi"
start = ["created"]
stop = ["verified", "forwarded", "archived"]
target = "2wd"
pause = ["postponed"]

[[stages]]
name = "tanggapan"
start = ["completed"]
stop = ["replied", "closed"]
target = "5wd"
restart = true
"""


def test_from_toml_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(POLICY_TOML, encoding="utf-8")
    policy = SlaPolicy.from_toml(path)
    assert [s.name for s in policy.stages] == ["verifikasi", "tanggapan"]
    assert policy.stage("verifikasi").target == Duration.working_days(2)
    assert policy.stage("verifikasi").pause_on == {Status.POSTPONED}
    assert policy.stage("verifikasi").at_risk == 0.8
    assert policy.stage("tanggapan").restart
    again = SlaPolicy.from_dict(policy.to_dict())
    assert again.to_dict() == policy.to_dict()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            ('stop = ["verified", "forwarded", "archived"]', 'stop = ["verifed"]'),
            r"stage 'verifikasi': unknown event 'verifed' in stop; allowed: created, verified",
            id="unknown-event",
        ),
        pytest.param(
            ('target = "2wd"', 'target = "2 weeks"'),
            r"stage 'verifikasi': cannot read duration '2 weeks'.*'3wd' \(working days\)",
            id="bad-duration",
        ),
        pytest.param(
            ('target = "2wd"', 'target = "0wd"'),
            r"positive number",
            id="zero-duration",
        ),
        pytest.param(
            ('pause = ["postponed"]', 'pause = ["tertunda"]'),
            r"unknown status 'tertunda' in pause; allowed: unverified, postponed",
            id="unknown-status",
        ),
        pytest.param(
            ('target = "2wd"', 'target = "2wd"\ntimeout = 3'),
            r"unknown key\(s\) timeout; allowed: at_risk, description, name",
            id="unknown-key",
        ),
        pytest.param(
            ("at_risk = 0.8", "at_risk = 80"),
            r"at_risk must be a fraction of the budget in \(0, 1\]",
            id="at-risk-percent",
        ),
        pytest.param(
            ('response_window_stage = "tanggapan"', 'response_window_stage = "balasan"'),
            r"response_window_stage 'balasan' is not a stage",
            id="unknown-window-stage",
        ),
        pytest.param(
            ('name = "verifikasi"', 'name = "tanggapan"'),
            r"stage name 'tanggapan' is used twice",
            id="duplicate-stage",
        ),
    ],
)
def test_from_toml_errors_name_the_problem(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    old, new = change
    assert old in POLICY_TOML
    path = tmp_path / "policy.toml"
    path.write_text(POLICY_TOML.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PolicyError, match=message) as info:
        SlaPolicy.from_toml(path)
    assert str(info.value).startswith(str(path))


def test_from_toml_rejects_invalid_toml(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text("name = \n", encoding="utf-8")
    with pytest.raises(PolicyError, match="is not valid TOML"):
        SlaPolicy.from_toml(path)


def test_response_window_feeds_lifecycle_close_if_due() -> None:
    from lapor_sdk import lifecycle

    c = lifecycle.create(
        title="Lampu jalan mati",
        description="Lampu jalan di Jl. Pahlawan mati sejak seminggu.",
        created_at=at(2025, 4, 14, 9),
    )
    c = lifecycle.verify(c, by=Role.AGENCY_ADMIN, at=at(2025, 4, 14, 13), agency="Dinas PU")
    c = lifecycle.follow_up(c, at=at(2025, 4, 15, 11), text="Lampu sudah diganti.", final=True)
    assert c.status is Status.COMPLETED
    deadline = response_window_deadline(c, CAL)
    # 10wd from Tue 15 Apr 2025: 16, 17, 21-25, 28, 29, 30 Apr (18 Apr Good Friday).
    assert deadline == at(2025, 4, 30, 16)
    assert deadline is not None
    still_open = lifecycle.close_if_due(c, now=at(2025, 4, 30, 15, 59), deadline=deadline)
    assert still_open.status is Status.COMPLETED
    closed = lifecycle.close_if_due(c, now=at(2025, 5, 2, 8), deadline=deadline)
    assert closed.status is Status.CLOSED
    assert response_window_deadline(closed, CAL) is None
    results = by_stage(SlaPolicy.sp4n_lapor().evaluate(closed, calendar=CAL, now=at(2025, 5, 2, 8)))
    # Closed when the window ended: the stage is met (closed on time).
    assert results["reporter_response"].state is SlaState.MET
    assert results["reporter_response"].stopped_at == deadline
