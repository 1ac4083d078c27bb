"""The LAPOR! lifecycle as a reporter, admins and a liaison officer live it."""

from __future__ import annotations

import datetime as dt
from collections import deque

import pytest

from lapor_sdk import IllegalTransitionError, InvalidInputError, LaporError, lifecycle
from lapor_sdk.lifecycle import ROLES, TRANSITIONS, Action, ArchiveReason, allowed_actions
from lapor_sdk.models import (
    Classification,
    Complaint,
    DispositionKind,
    EventKind,
    Location,
    Privacy,
    Reporter,
    Role,
    Satisfaction,
    Status,
)

WIB = dt.timezone(dt.timedelta(hours=7))


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A time in March 2025, WIB."""
    return dt.datetime(2025, 3, day, hour, minute, tzinfo=WIB)


@pytest.fixture
def new() -> Complaint:
    return lifecycle.create(
        title="Jalan berlubang di Jl. Ahmad Yani",
        description="Lubang besar di depan Bundaran Waru, sudah dua minggu.",
        created_at=at(3, 8),
        tracking_id="LAPOR-2025-000123",
        reporter=Reporter(name="Siti Rahayu", phone="0812-3456-7890"),
    )


@pytest.fixture
def disposed(new: Complaint) -> Complaint:
    return lifecycle.verify(new, by=Role.NATIONAL_ADMIN, at=at(3, 10), agency="Pemprov Jawa Timur")


def kinds(c: Complaint) -> list[EventKind]:
    return [e.kind for e in c.events]


# --- the table itself -------------------------------------------------------------------------


def _reachable(start: Status) -> set[Status]:
    seen, todo = {start}, deque([start])
    while todo:
        status = todo.popleft()
        for (source, _), target in TRANSITIONS.items():
            if source is status and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_every_status_is_reachable_from_a_new_report() -> None:
    assert _reachable(Status.UNVERIFIED) == set(Status)


@pytest.mark.parametrize("status", [s for s in Status if not s.is_terminal], ids=str)
def test_every_open_status_can_still_end(status: Status) -> None:
    assert _reachable(status) & {Status.ARCHIVED, Status.CLOSED}


def test_terminal_statuses_allow_no_status_change() -> None:
    for (source, _), target in TRANSITIONS.items():
        if source.is_terminal:
            assert target is source
    assert all(not allowed_actions(Status.ARCHIVED, role) for role in Role)


def test_every_action_is_in_the_table_and_has_roles() -> None:
    assert {action for (_, action) in TRANSITIONS} == set(Action)
    assert set(ROLES) == set(Action)
    assert all(ROLES[a] for a in Action)


@pytest.mark.parametrize(
    ("status", "role", "expected"),
    [
        (Status.UNVERIFIED, Role.COORDINATOR_ADMIN, {"verify", "postpone", "forward", "archive"}),
        (Status.UNVERIFIED, Role.LIAISON, set()),
        (Status.POSTPONED, Role.REPORTER, {"supplement"}),
        (Status.DISPOSED, Role.LIAISON, {"follow_up", "complete"}),
        (Status.COMPLETED, Role.REPORTER, {"reply", "rate"}),
        (Status.COMPLETED, Role.SYSTEM, {"close"}),
        (Status.CLOSED, Role.REPORTER, {"rate"}),
        (Status.ARCHIVED, Role.NATIONAL_ADMIN, set()),
    ],
)
def test_allowed_actions(status: Status, role: Role, expected: set[str]) -> None:
    assert {a.value for a in allowed_actions(status, role)} == expected


def test_labels_are_indonesian() -> None:
    assert Action.FORWARD.label == "Bukan wewenang (teruskan)"
    assert ArchiveReason.DUPLICATE.label == "Laporan ganda (duplikasi)"
    assert lifecycle.RESPONSE_WINDOW_WORKING_DAYS == 10


# --- a whole story ----------------------------------------------------------------------------


def test_full_story_from_report_to_closing(new: Complaint) -> None:
    c = lifecycle.verify(new, by=Role.COORDINATOR_ADMIN, at=at(3, 9), agency="Dinas PU Bina Marga")
    c = lifecycle.dispose(c, by=Role.COORDINATOR_ADMIN, at=at(3, 11), to_unit="UPT Jalan Surabaya")
    c = lifecycle.follow_up(c, at=at(4, 10), text="Tim akan meninjau lokasi besok.")
    assert c.status is Status.IN_PROGRESS
    c = lifecycle.follow_up(c, at=at(5, 14), text="Lubang sudah ditambal.", final=True)
    assert c.status is Status.COMPLETED
    c = lifecycle.rate(c, at=at(5, 15), satisfaction=Satisfaction.SATISFIED)
    c = lifecycle.close(c, at=at(19, 16))
    assert c.status is Status.CLOSED
    assert kinds(c) == [
        EventKind.CREATED,
        EventKind.VERIFIED,
        EventKind.DISPOSED,
        EventKind.FOLLOWED_UP,
        EventKind.COMPLETED,
        EventKind.RATED,
        EventKind.CLOSED,
    ]
    assert c.follow_ups[-1].final and c.follow_ups[-1].unit == "UPT Jalan Surabaya"
    assert (c.agency, c.unit) == ("Dinas PU Bina Marga", "UPT Jalan Surabaya")
    assert c.updated_at == at(19, 16)
    assert c.events[-1].actor is Role.SYSTEM
    # The rating may still be updated after closing.
    c = lifecycle.rate(c, at=at(20, 8), satisfaction=Satisfaction.VERY_SATISFIED, comment="Cepat")
    assert c.status is Status.CLOSED and c.rating is not None
    assert c.rating.satisfaction is Satisfaction.VERY_SATISFIED


def test_actions_never_change_their_input(new: Complaint) -> None:
    before = new.model_dump_json()
    after = lifecycle.verify(new, by=Role.AGENCY_ADMIN, at=at(3, 9), agency="Pemkot Surabaya")
    assert new.model_dump_json() == before
    assert after is not new and after.events is not new.events
    assert len(new.events) == 1 and len(after.events) == 2


def test_verify_can_set_classification_and_privacy(new: Complaint) -> None:
    c = lifecycle.verify(
        new,
        by=Role.AGENCY_ADMIN,
        at=at(3, 9),
        agency="Pemkot Surabaya",
        unit="Dinas Sumber Daya Air",
        classification=Classification.ASPIRATION,
        privacy=Privacy.ANONYMOUS,
        note="Mohon segera ditinjau",
    )
    assert c.classification is Classification.ASPIRATION and c.privacy is Privacy.ANONYMOUS
    (disposition,) = c.dispositions
    assert disposition.to_unit == "Dinas Sumber Daya Air" and disposition.by is Role.AGENCY_ADMIN
    assert c.events[-1].note == "Mohon segera ditinjau"


def test_forward_keeps_the_history_no_wrong_door(disposed: Complaint) -> None:
    c = lifecycle.dispose(disposed, by=Role.AGENCY_ADMIN, at=at(3, 11), to_unit="Biro Umum")
    c = lifecycle.forward(
        c,
        by=Role.AGENCY_ADMIN,
        at=at(4, 9),
        to_agency="Pemkot Surabaya",
        reason="Jalan kota, bukan jalan provinsi",
    )
    assert c.status is Status.DISPOSED
    assert (c.agency, c.unit) == ("Pemkot Surabaya", None)
    assert [d.to_agency for d in c.dispositions] == [
        "Pemprov Jawa Timur",
        "Pemprov Jawa Timur",
        "Pemkot Surabaya",
    ]
    last = c.dispositions[-1]
    assert last.kind is DispositionKind.FORWARD
    assert last.from_agency == "Pemprov Jawa Timur"
    assert last.note == "Jalan kota, bukan jalan provinsi"
    assert c.events[-1].kind is EventKind.FORWARDED and c.events[-1].agency == "Pemkot Surabaya"


def test_forward_straight_from_verification(new: Complaint) -> None:
    c = lifecycle.forward(
        new, by=Role.NATIONAL_ADMIN, at=at(3, 9), to_agency="Kementerian PUPR", reason="Jalan tol"
    )
    assert c.status is Status.DISPOSED and c.dispositions[0].from_agency is None


def test_reply_reopens_a_finished_follow_up(disposed: Complaint) -> None:
    done = lifecycle.follow_up(disposed, at=at(4, 9), text="Sudah diperbaiki.", final=True)
    reopened = lifecycle.reply(done, at=at(5, 9), text="Belum, lubangnya masih ada.")
    assert reopened.status is Status.IN_PROGRESS
    event = reopened.events[-1]
    assert (event.kind, event.actor) == (EventKind.REPLIED, Role.REPORTER)
    assert (event.from_status, event.to_status) == (Status.COMPLETED, Status.IN_PROGRESS)
    assert reopened.replies[-1].text == "Belum, lubangnya masih ada."
    again = lifecycle.follow_up(reopened, at=at(6, 9), text="Ditambal ulang.", final=True)
    assert again.status is Status.COMPLETED and len(again.follow_ups) == 2


def test_postpone_then_supplement_returns_to_verification(new: Complaint) -> None:
    c = lifecycle.postpone(new, by=Role.AGENCY_ADMIN, at=at(3, 9), reason="Sebutkan lokasinya")
    assert c.status is Status.POSTPONED and c.events[-1].note == "Sebutkan lokasinya"
    where = Location(region_code="35.78", street="Jl. Ahmad Yani")
    c = lifecycle.supplement(c, at=at(4, 9), location=where, description="Di depan Bundaran Waru")
    assert c.status is Status.UNVERIFIED
    assert c.location == where and c.description == "Di depan Bundaran Waru"
    assert c.events[-1].kind is EventKind.SUPPLEMENTED


def test_supplement_must_add_something(new: Complaint) -> None:
    c = lifecycle.postpone(new, by=Role.AGENCY_ADMIN, at=at(3, 9), reason="Lokasi?")
    with pytest.raises(InvalidInputError, match="adds nothing"):
        lifecycle.supplement(c, at=at(4, 9))


def test_archive_records_the_reason(new: Complaint) -> None:
    c = lifecycle.archive(
        new, by=Role.AGENCY_ADMIN, at=at(3, 9), reason=ArchiveReason.DUPLICATE, note="LAPOR-1"
    )
    assert c.status is Status.ARCHIVED and c.events[-1].note == "duplicate: LAPOR-1"
    plain = lifecycle.archive(new, by=Role.AGENCY_ADMIN, at=at(3, 9), reason=ArchiveReason.ABUSIVE)
    assert plain.events[-1].note == "abusive"


def test_archive_for_other_reason_needs_a_note(new: Complaint) -> None:
    with pytest.raises(InvalidInputError, match="needs a note"):
        lifecycle.archive(new, by=Role.AGENCY_ADMIN, at=at(3, 9), reason=ArchiveReason.OTHER)


def test_close_if_due(disposed: Complaint) -> None:
    done = lifecycle.follow_up(disposed, at=at(4, 9), text="Selesai.", final=True)
    deadline = at(18, 16)
    assert lifecycle.close_if_due(done, now=at(18, 15, 59), deadline=deadline) is done
    closed = lifecycle.close_if_due(done, now=at(18, 16), deadline=deadline)
    assert closed.status is Status.CLOSED and closed.events[-1].at == deadline
    # Anything not COMPLETED is left alone, however late it is.
    assert lifecycle.close_if_due(disposed, now=at(30, 9), deadline=deadline) is disposed
    with pytest.raises(ValueError, match="naive"):
        lifecycle.close_if_due(done, now=dt.datetime(2025, 3, 30), deadline=deadline)


def test_apply_dispatches_every_action(disposed: Complaint) -> None:
    c = lifecycle.apply(disposed, Action.COMPLETE, by=Role.LIAISON, at=at(4, 9), text="Beres.")
    assert c.status is Status.COMPLETED and c.follow_ups[-1].final
    c = lifecycle.apply(c, Action.CLOSE, at=at(20, 9))
    assert c.status is Status.CLOSED
    with pytest.raises(InvalidInputError, match="unknown action 'teleport'"):
        lifecycle.apply(c, "teleport", at=at(21, 9))  # type: ignore[arg-type]


def test_create_starts_clean_and_refuses_history() -> None:
    with pytest.raises(InvalidInputError, match="does not take events, status"):
        lifecycle.create(
            title="x", description="y", created_at=at(3, 8), status=Status.CLOSED, events=[]
        )
    c = lifecycle.create(
        title="x", description="y", created_at=at(3, 8), by=Role.AGENCY_ADMIN, channel="phone"
    )
    (event,) = c.events
    assert (event.kind, event.actor, event.from_status) == (
        EventKind.CREATED,
        Role.AGENCY_ADMIN,
        None,
    )


def test_dispose_needs_an_agency() -> None:
    c = Complaint(created_at=at(3, 8), status=Status.DISPOSED, tracking_id="LAPOR-2025-000007")
    with pytest.raises(InvalidInputError, match="LAPOR-2025-000007 has no agency yet"):
        lifecycle.dispose(c, by=Role.AGENCY_ADMIN, at=at(3, 9), to_unit="UPT")


def test_empty_texts_are_refused(disposed: Complaint) -> None:
    with pytest.raises(InvalidInputError, match="text must be a non-empty string"):
        lifecycle.follow_up(disposed, at=at(4, 9), text="   ")


# --- pinned wording of the errors -------------------------------------------------------------


def test_illegal_move_names_the_allowed_ones(new: Complaint) -> None:
    archived = lifecycle.archive(
        new, by=Role.AGENCY_ADMIN, at=at(3, 9), reason=ArchiveReason.TOO_GENERAL
    )
    with pytest.raises(IllegalTransitionError) as info:
        lifecycle.archive(archived, by=Role.AGENCY_ADMIN, at=at(3, 10), reason=ArchiveReason.OTHER)
    assert str(info.value) == (
        "cannot archive complaint LAPOR-2025-000123 from ARCHIVED; allowed from ARCHIVED: none"
    )
    assert isinstance(info.value, LaporError)


def test_illegal_move_lists_actions_in_order(new: Complaint) -> None:
    with pytest.raises(IllegalTransitionError) as info:
        lifecycle.reply(new, at=at(3, 9), text="Halo?")
    assert str(info.value) == (
        "cannot reply complaint LAPOR-2025-000123 from UNVERIFIED; "
        "allowed from UNVERIFIED: verify, postpone, forward, archive"
    )


def test_wrong_role_names_the_allowed_roles(new: Complaint) -> None:
    with pytest.raises(IllegalTransitionError) as info:
        lifecycle.verify(new, by=Role.LIAISON, at=at(3, 9), agency="Pemkot Surabaya")
    assert str(info.value) == (
        "role liaison may not verify; "
        "allowed roles: national_admin, agency_admin, coordinator_admin"
    )


def test_messages_refer_to_the_report_never_the_reporter(new: Complaint) -> None:
    with pytest.raises(IllegalTransitionError) as info:
        lifecycle.close(new, at=at(3, 9))
    assert "Siti" not in str(info.value) and "0812" not in str(info.value)
    unfiled = lifecycle.create(title="t", description="d", created_at=at(3, 8))
    with pytest.raises(IllegalTransitionError, match=r"complaint \(unfiled complaint\) from"):
        lifecycle.close(unfiled, at=at(3, 9))


def test_naive_time_is_refused_with_a_fix(new: Complaint) -> None:
    with pytest.raises(InvalidInputError) as info:
        lifecycle.verify(new, by=Role.AGENCY_ADMIN, at=dt.datetime(2025, 3, 3, 9), agency="X")
    assert str(info.value).startswith("at 2025-03-03T09:00:00 is a naive datetime;")
    assert "timezone-aware" in str(info.value)
    assert isinstance(info.value, ValueError)
    with pytest.raises(ValueError, match="created_at 2025-03-03T08:00:00 is a naive datetime"):
        lifecycle.create(title="t", description="d", created_at=dt.datetime(2025, 3, 3, 8))


def test_time_before_the_last_event_is_refused(disposed: Complaint) -> None:
    with pytest.raises(InvalidInputError) as info:
        lifecycle.follow_up(disposed, at=at(3, 9, 59), text="Sudah.")
    assert str(info.value).startswith(
        "cannot follow_up complaint LAPOR-2025-000123 at 2025-03-03T09:59:00+07:00: that is "
        "earlier than its last event at 2025-03-03T10:00:00+07:00"
    )
    # The same instant as the last event is fine, also written in another zone.
    same = dt.datetime(2025, 3, 3, 3, 0, tzinfo=dt.UTC)
    assert lifecycle.follow_up(disposed, at=same, text="Sudah.").events[-1].at == same
