"""The 3 x 24-hour clocks: calendar hours, the same instant in WIB, WITA and WIT."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_sdk import IllegalTransitionError, pdp

ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")
SUBJECT = pdp.DataSubject(phone="081234567890")


@given(
    start=st.datetimes(min_value=dt.datetime(2024, 10, 17), max_value=dt.datetime(2030, 12, 31)),
    zone=st.sampled_from(ZONES),
    shown=st.sampled_from(ZONES),
    kind=st.sampled_from(list(pdp.RequestKind)),
)
def test_due_is_72_clock_hours_after_receipt_in_every_zone(
    start: dt.datetime, zone: str, shown: str, kind: pdp.RequestKind
) -> None:
    received = start.replace(tzinfo=ZoneInfo(zone))
    request = pdp.receive(kind, SUBJECT, received_at=received, request_id="PDP-1")
    clock = pdp.request_clock(request, tz=shown)
    assert clock.due_at == received + dt.timedelta(hours=72)
    assert clock.due_at.utcoffset() == ZoneInfo(shown).utcoffset(clock.due_at.replace(tzinfo=None))
    assert request.due_at == clock.due_at
    just_before = clock.due_at - dt.timedelta(microseconds=1)
    assert clock.state(just_before).value == "at_risk"
    assert clock.state(clock.due_at + dt.timedelta(microseconds=1)).value == "breached"
    assert clock.state(received + dt.timedelta(hours=53, minutes=59)).value == "on_track"
    assert clock.state(received + dt.timedelta(hours=54)).value == "at_risk"  # 75 %


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Received on the eve of Idul Fitri 2025 (holidays and cuti bersama do not count off).
        pytest.param("2025-03-29T20:00+07:00", "2025-04-01T20:00+07:00", id="lebaran-wib"),
        pytest.param("2025-12-31T23:30+09:00", "2026-01-03T23:30+09:00", id="new-year-wit"),
        pytest.param("2028-02-28T10:00+08:00", "2028-03-02T10:00+08:00", id="leap-year-wita"),
    ],
)
def test_holidays_and_year_ends_do_not_stop_the_clock(received: str, due: str) -> None:
    request = pdp.receive(
        "access", SUBJECT, received_at=dt.datetime.fromisoformat(received), request_id="PDP-2"
    )
    assert pdp.request_clock(request).due_at == dt.datetime.fromisoformat(due)


def test_a_finished_request_is_met_or_missed() -> None:
    t0 = dt.datetime(2025, 3, 3, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    request = pdp.receive("restriction", SUBJECT, received_at=t0, request_id="PDP-3")
    on_time = pdp.complete(pdp.start(request, at=t0), at=t0 + dt.timedelta(hours=71))
    late = pdp.complete(request, at=t0 + dt.timedelta(hours=73))
    later = t0 + dt.timedelta(days=10)
    assert pdp.request_status(on_time, later).state.value == "met"
    assert pdp.request_status(late, later).state.value == "missed"
    with pytest.raises(IllegalTransitionError, match="from DONE to REFUSED; allowed: none"):
        pdp.refuse(late, at=later, ground="Pasal 33 huruf b")


def test_the_presets_cite_the_articles_checked_against_the_law() -> None:
    sources = {k: t.source for k, t in pdp.PDP_TARGETS.items()}
    assert "Pasal 32 ayat (2)" in sources[pdp.RequestKind.ACCESS]
    assert "Pasal 30" in sources[pdp.RequestKind.CORRECTION]
    assert "Pasal 41 ayat (1)" in sources[pdp.RequestKind.RESTRICTION]
    assert "Pasal 40" in sources[pdp.RequestKind.CONSENT_WITHDRAWAL]
    assert "tidak menetapkan jam" in sources[pdp.RequestKind.ERASURE]
    assert all(t.target.as_timedelta() == dt.timedelta(hours=72) for t in pdp.PDP_TARGETS.values())
    assert not pdp.RequestKind.ACCESS.exceptable and pdp.RequestKind.ERASURE.exceptable


def test_a_subject_needs_an_identifier_and_never_shows_it() -> None:
    with pytest.raises(ValueError, match="needs a NIK, a phone number or an e-mail"):
        pdp.DataSubject(name="Siti Rahayu")
    subject = pdp.DataSubject(nik="3578015708900003", name="Siti Rahayu")
    assert "3578" not in repr(subject) and "Siti" not in str(subject)
