"""UU 14/2008 deadlines on the working calendar: exact cases and properties."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ppid_helpers import WIB, at, new_request, requester

from lapor_sdk import IllegalTransitionError, InvalidInputError, ppid
from lapor_sdk.sla import PPID_TARGETS, NaiveDatetimeError, SlaPolicy, WorkingCalendar

CAL = WorkingCalendar.indonesia(tz="Asia/Jakarta")
WITA_NO_CUTI = WorkingCalendar.indonesia(tz="Asia/Makassar", cuti_bersama=False)

# Any instant of 2024-2026 (years the holiday data covers), in any Indonesian zone.
instants = st.builds(
    lambda base, minutes, offset: (base + dt.timedelta(minutes=minutes)).astimezone(
        dt.timezone(dt.timedelta(hours=offset))
    ),
    st.just(dt.datetime(2024, 1, 1, tzinfo=dt.UTC)),
    st.integers(min_value=0, max_value=(2 * 365 + 200) * 24 * 60),
    st.sampled_from([7, 8, 9, 0]),
)
calendars = st.sampled_from([CAL, WITA_NO_CUTI])

RULES: list[tuple[str, Callable[..., dt.datetime], int]] = [
    ("answer", ppid.answer_deadline, 10),
    ("objection", ppid.objection_deadline, 30),
    ("objection_answer", ppid.objection_answer_deadline, 30),
    ("dispute", ppid.dispute_deadline, 14),
]


def assert_office_close_of_nth_working_day(
    start: dt.datetime, due: dt.datetime, n: int, cal: WorkingCalendar
) -> None:
    local_start = start.astimezone(cal.tz).date()
    day = due.astimezone(cal.tz).date()
    assert due.tzinfo is not None and due.utcoffset() == start.astimezone(cal.tz).utcoffset()
    assert cal.is_working_day(day), f"{day} is not a working day"
    assert due == cal.closing_time(day)  # office close, not midnight, not the next opening
    assert cal.working_days_between(local_start, day) == n  # never earlier, never later
    assert day > local_start  # the day of the event never counts


@pytest.mark.parametrize(("name", "function", "days"), RULES, ids=[r[0] for r in RULES])
@given(start=instants, cal=calendars)
def test_each_deadline_is_the_office_close_of_the_nth_working_day(
    name: str,
    function: Callable[..., dt.datetime],
    days: int,
    start: dt.datetime,
    cal: WorkingCalendar,
) -> None:
    due = function(start, calendar=cal)
    assert_office_close_of_nth_working_day(start, due, days, cal)


@given(start=instants, cal=calendars)
def test_the_extension_adds_exactly_seven_following_working_days(
    start: dt.datetime, cal: WorkingCalendar
) -> None:
    plain = ppid.answer_deadline(start, calendar=cal)
    extended = ppid.answer_deadline(start, extended=True, calendar=cal)
    assert_office_close_of_nth_working_day(start, extended, 17, cal)
    assert cal.working_days_between(plain, extended) == 7
    assert extended > plain


@given(
    start=st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2025, 11, 30)).map(
        lambda d: d.replace(tzinfo=WIB)
    ),
    days=st.integers(min_value=1, max_value=7),
)
def test_a_shorter_extension_counts_from_the_original_deadline(
    start: dt.datetime, days: int
) -> None:
    r = ppid.register(
        number="PPID/2025/0009", received_at=start, requester=requester(), information="APBD"
    )
    original = ppid.answer_deadline(start)
    extended = ppid.extend(r, at=start, days=days, reason="Koordinasi dengan dinas teknis")
    due = ppid.request_clocks(extended, now=start, calendar=CAL)["answer"].due_at
    assert CAL.working_days_between(original, due) == days
    assert due <= ppid.answer_deadline(start, extended=True)


@pytest.mark.parametrize(
    ("received", "expected", "extended"),
    [
        pytest.param("2025-03-20", "2025-04-14", False, id="nyepi-and-lebaran-2025"),
        pytest.param("2025-03-20", "2025-04-24", True, id="nyepi-and-lebaran-2025-extended"),
        pytest.param("2025-03-03", "2025-03-17", False, id="plain-fortnight"),
        pytest.param("2025-12-19", "2026-01-07", False, id="christmas-and-new-year"),
    ],
)
def test_answer_deadline_across_holidays(received: str, expected: str, extended: bool) -> None:
    due = ppid.answer_deadline(at(received), extended=extended)
    assert due.date().isoformat() == expected
    assert due.hour == 16 and due.minute in (0, 30)


def test_received_on_a_holiday_counts_from_the_next_working_day() -> None:
    # Received on Idul Fitri 2025 (31 March): day 1 is 8 April; Good Friday (18th) is off.
    due = ppid.answer_deadline(at("2025-03-31", "10:00"))
    assert due.date() == dt.date(2025, 4, 22)


def test_received_after_office_hours_still_starts_the_next_day() -> None:
    # 23:30 WIB on Monday is still Monday locally: Tuesday is day 1.
    late = ppid.answer_deadline(at("2025-03-03", "23:30"))
    early = ppid.answer_deadline(at("2025-03-03", "07:00"))
    assert late == early


def test_deadlines_are_in_the_calendars_zone() -> None:
    cal = WorkingCalendar.indonesia(tz="Asia/Jayapura")
    due = ppid.dispute_deadline(at("2025-03-03"), calendar=cal)
    assert due.utcoffset() == dt.timedelta(hours=9)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(NaiveDatetimeError, match=r"received_at .* has no timezone"):
        ppid.answer_deadline(dt.datetime(2025, 3, 3, 9, 0))
    with pytest.raises(NaiveDatetimeError):
        ppid.dispute_deadline(dt.datetime(2025, 3, 3, 9, 0))


def test_targets_are_named_and_sourced() -> None:
    assert {k: str(v.target) for k, v in PPID_TARGETS.items()} == {
        "answer": "10wd",
        "extension": "7wd",
        "objection_filing": "30wd",
        "objection_answer": "30wd",
        "dispute_filing": "14wd",
    }
    assert "Pasal 22 ayat (7)" in PPID_TARGETS["answer"].source
    assert "Pasal 22 ayat (8)" in PPID_TARGETS["extension"].source
    assert "Pasal 36 ayat (1)" in PPID_TARGETS["objection_filing"].source
    assert "Pasal 36 ayat (2)" in PPID_TARGETS["objection_answer"].source
    assert "Pasal 37 ayat (2)" in PPID_TARGETS["dispute_filing"].source


def test_sla_preset_for_lapor_information_requests() -> None:
    from lapor_sdk import lifecycle
    from lapor_sdk.models import Classification, Role

    c = lifecycle.create(
        title="Minta data",
        description="Mohon salinan APBD 2025",
        created_at=at("2025-03-20"),
        classification=Classification.INFORMATION_REQUEST,
    )
    c = lifecycle.verify(c, by=Role.AGENCY_ADMIN, agency="Diskominfo", at=at("2025-03-20", "10:00"))
    [plain] = SlaPolicy.ppid_uu14().evaluate(c, calendar=CAL, now=at("2025-04-15"))
    assert plain.stage == "information_answer"
    assert plain.due_at == ppid.answer_deadline(at("2025-03-20"))
    assert plain.state.value == "breached"
    [extended] = SlaPolicy.ppid_uu14(extended=True).evaluate(c, calendar=CAL, now=at("2025-04-15"))
    assert extended.due_at == ppid.answer_deadline(at("2025-03-20"), extended=True)
    assert extended.state.value in ("on_track", "at_risk")


class TestExtensionRules:
    def test_only_once(self) -> None:
        r = ppid.extend(new_request(), at=at("2025-03-04"), days=3, reason="Koordinasi")
        with pytest.raises(IllegalTransitionError) as err:
            ppid.extend(r, at=at("2025-03-05"), days=2, reason="Lagi")
        assert str(err.value) == (
            "cannot extend request PPID/2025/0001 from EXTENDED; allowed from EXTENDED: "
            "decide, object"
        )

    @pytest.mark.parametrize("days", [0, 8, -1, 30])
    def test_at_most_seven_working_days(self, days: int) -> None:
        with pytest.raises(InvalidInputError, match="1 to 7 working days"):
            ppid.extend(new_request(), at=at("2025-03-04"), days=days, reason="Koordinasi")

    def test_needs_a_written_reason(self) -> None:
        with pytest.raises(InvalidInputError, match="reason must be a non-empty string"):
            ppid.extend(new_request(), at=at("2025-03-04"), days=3, reason="  ")

    def test_must_be_sent_within_the_ten_days(self) -> None:
        # Received 3 March 2025: the ten working days end at 16:00 on 17 March.
        r = new_request()
        ok = ppid.extend(r, at=at("2025-03-17", "15:59"), days=7, reason="Koordinasi")
        assert ok.status is ppid.RequestStatus.EXTENDED
        with pytest.raises(IllegalTransitionError, match="ended at 2025-03-17T16:00:00"):
            ppid.extend(r, at=at("2025-03-17", "16:01"), days=7, reason="Terlambat")

    def test_answer_time_moves_by_the_days_given(self) -> None:
        r = ppid.extend(new_request(), at=at("2025-03-04"), days=2, reason="Koordinasi")
        clock = ppid.request_clocks(r, now=at("2025-03-04", "10:00"))["answer"]
        assert clock.due_at == at("2025-03-19", "16:00")
