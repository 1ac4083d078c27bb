"""The PPID status machine: the whole path, every illegal move, roles, reasons, time order."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from ppid_helpers import at, new_request

from lapor_sdk import IllegalTransitionError, InvalidInputError, ppid
from lapor_sdk.ppid import (
    DecisionKind,
    DisputeOutcome,
    ExemptionGround,
    ObjectionOutcome,
    ObjectionReason,
    PpidAction,
    PpidRole,
    RequestStatus,
)

S = RequestStatus


def decided(kind: DecisionKind = DecisionKind.GRANTED, day: str = "2025-03-10") -> Any:
    extra: dict[str, Any] = {}
    if kind in (DecisionKind.REJECTED_EXEMPT, DecisionKind.PARTLY_GRANTED):
        extra = {"grounds": [ExemptionGround.PERSONAL_SECRET], "consequence_test": "Data pribadi"}
    return ppid.decide(new_request(), at=at(day), kind=kind, **extra)


def objected(reason: ObjectionReason = ObjectionReason.REJECTED_UNDER_17) -> Any:
    r = decided(DecisionKind.REJECTED_EXEMPT)
    return ppid.object_to(r, at=at("2025-03-12"), number="KEB/2025/0001", reasons=[reason])


def answered() -> Any:
    return ppid.answer_objection(
        objected(),
        at=at("2025-03-20"),
        outcome=ObjectionOutcome.UPHELD,
        text="Menguatkan: data pribadi pegawai dikecualikan",
        superior="Sekretaris Daerah",
    )


def disputed() -> Any:
    return ppid.file_dispute(answered(), at=at("2025-03-25"), commission="KI Provinsi Jawa Timur")


def in_status(status: RequestStatus) -> Any:
    return {
        S.REGISTERED: new_request,
        S.EXTENDED: lambda: ppid.extend(new_request(), at=at("2025-03-04"), days=3, reason="x"),
        S.DECIDED: decided,
        S.OBJECTED: objected,
        S.OBJECTION_ANSWERED: answered,
        S.DISPUTED: disputed,
        S.DISPUTE_SETTLED: lambda: ppid.settle_dispute(
            disputed(), at=at("2025-05-01"), outcome=DisputeOutcome.MEDIATED
        ),
    }[status]()


def act(r: Any, action: PpidAction, when: dt.datetime) -> Any:
    """Take ``action`` with plausible arguments and the right role."""
    calls: dict[PpidAction, Any] = {
        PpidAction.EXTEND: lambda: ppid.extend(r, at=when, days=1, reason="x"),
        PpidAction.DECIDE: lambda: ppid.decide(r, at=when, kind=DecisionKind.GRANTED),
        PpidAction.OBJECT: lambda: ppid.object_to(
            r, at=when, number="KEB/9", reasons=[ObjectionReason.PERIODIC_NOT_PUBLISHED]
        ),
        PpidAction.ANSWER_OBJECTION: lambda: ppid.answer_objection(
            r, at=when, outcome=ObjectionOutcome.GRANTED, text="Diberikan"
        ),
        PpidAction.FILE_DISPUTE: lambda: ppid.file_dispute(r, at=when, commission="KI Pusat"),
        PpidAction.SETTLE_DISPUTE: lambda: ppid.settle_dispute(
            r, at=when, outcome=DisputeOutcome.WITHDRAWN
        ),
    }
    return calls[action]()


def test_full_path_appends_one_event_per_action() -> None:
    r = ppid.settle_dispute(disputed(), at=at("2025-05-01"), outcome=DisputeOutcome.GRANTED)
    assert [e.action.value for e in r.events] == [
        "register",
        "decide",
        "object",
        "answer_objection",
        "file_dispute",
        "settle_dispute",
    ]
    assert [e.to_status for e in r.events][-1] is S.DISPUTE_SETTLED
    assert r.dispute is not None and r.dispute.outcome is DisputeOutcome.GRANTED
    assert r.objection is not None and r.objection.answer is not None
    assert r.status.is_terminal


def test_actions_never_change_their_input() -> None:
    r = new_request()
    before = r.model_dump()
    ppid.decide(r, at=at("2025-03-05"), kind=DecisionKind.GRANTED)
    assert r.model_dump() == before


ILLEGAL = [
    (status, action)
    for status in RequestStatus
    for action in PpidAction
    if action is not PpidAction.REGISTER and (status, action) not in ppid.PPID_TRANSITIONS
]


@pytest.mark.parametrize(
    ("status", "action"), ILLEGAL, ids=[f"{s.value}-{a.value}" for s, a in ILLEGAL]
)
def test_every_illegal_move_is_refused_naming_what_is_allowed(
    status: RequestStatus, action: PpidAction
) -> None:
    r = in_status(status)
    assert r.status is status
    allowed = sorted(a.value for (s, a) in ppid.PPID_TRANSITIONS if s is status)
    with pytest.raises(IllegalTransitionError) as err:
        act(r, action, at("2025-06-30"))
    message = str(err.value)
    assert message.startswith(f"cannot {action.value} request PPID/2025/0001 from {status.name}")
    assert message.endswith(", ".join(
        v.value for v in PpidAction if v.value in allowed
    ) or "none")  # fmt: skip


@pytest.mark.parametrize(("status", "action"), list(ppid.PPID_TRANSITIONS))
def test_wrong_roles_are_refused(status: RequestStatus, action: PpidAction) -> None:
    r = in_status(status)
    allowed = ppid.PPID_ROLES[action]
    for role in set(PpidRole) - allowed:
        assert action not in ppid.allowed_ppid_actions(status, role)
        with pytest.raises(IllegalTransitionError, match=f"role {role.value} may not"):
            _act_as(r, action, role)


def _act_as(r: Any, action: PpidAction, role: PpidRole) -> Any:
    when = at("2025-06-30")
    if action is PpidAction.EXTEND:
        return ppid.extend(r, at=when, days=1, reason="x", by=role)
    if action is PpidAction.DECIDE:
        return ppid.decide(r, at=when, kind=DecisionKind.GRANTED, by=role)
    if action is PpidAction.OBJECT:
        return ppid.object_to(r, at=when, number="K/1", reasons=["b"], by=role)
    if action is PpidAction.ANSWER_OBJECTION:
        return ppid.answer_objection(r, at=when, outcome="granted", text="x", by=role)
    if action is PpidAction.FILE_DISPUTE:
        return ppid.file_dispute(r, at=when, commission="KI", by=role)
    return ppid.settle_dispute(r, at=when, outcome="withdrawn", by=role)


def test_only_the_ppid_registers() -> None:
    with pytest.raises(IllegalTransitionError, match="role requester may not register"):
        ppid.register(
            number="X-1",
            received_at=at("2025-03-03"),
            requester=ppid.Requester(),
            information="x",
            by=PpidRole.REQUESTER,
        )


def test_unknown_role_and_naive_time() -> None:
    with pytest.raises(InvalidInputError, match="unknown role 'mayor'; allowed: requester"):
        ppid.decide(new_request(), at=at("2025-03-05"), kind="granted", by="mayor")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="naive datetime"):
        ppid.decide(new_request(), at=dt.datetime(2025, 3, 5), kind="granted")


def test_events_keep_time_order() -> None:
    with pytest.raises(InvalidInputError, match="earlier than its last event"):
        ppid.decide(new_request(), at=at("2025-03-01"), kind=DecisionKind.GRANTED)


class TestDecisions:
    def test_rejection_needs_grounds_and_consequence_test(self) -> None:
        with pytest.raises(InvalidInputError, match="must name the Pasal 17 ground"):
            ppid.decide(new_request(), at=at("2025-03-05"), kind=DecisionKind.REJECTED_EXEMPT)
        with pytest.raises(InvalidInputError, match="must record the consequence test"):
            ppid.decide(
                new_request(),
                at=at("2025-03-05"),
                kind=DecisionKind.REJECTED_EXEMPT,
                grounds=["h"],
            )

    def test_grounds_only_when_something_is_withheld(self) -> None:
        with pytest.raises(InvalidInputError, match="withholds nothing"):
            ppid.decide(new_request(), at=at("2025-03-05"), kind="granted", grounds=["a"])

    def test_unknown_ground(self) -> None:
        with pytest.raises(InvalidInputError, match="unknown Pasal 17 ground 'k'"):
            ppid.decide(new_request(), at=at("2025-03-05"), kind="rejected_exempt", grounds=["k"])

    def test_late_answer_is_recorded(self) -> None:
        r = ppid.decide(new_request(), at=at("2025-03-20"), kind=DecisionKind.NOT_HELD)
        clock = ppid.request_clocks(r, now=at("2025-03-21"))["answer"]
        assert clock.state.value == "missed"


class TestObjectionReasons:
    def test_not_answered_only_after_the_deadline(self) -> None:
        r = new_request()
        with pytest.raises(IllegalTransitionError) as err:
            ppid.object_to(r, at=at("2025-03-10"), number="K/1", reasons=["c"])
        assert "answer time runs until 2025-03-17T16:00:00+07:00" in str(err.value)
        assert str(err.value).endswith("reasons that fit now: b")
        late = ppid.object_to(r, at=at("2025-03-18"), number="K/1", reasons=["c", "g"])
        assert late.objection is not None
        # The reason arose when the answer time ran out.
        assert late.objection.reason_arose_at == at("2025-03-17", "16:00")

    def test_reason_a_needs_a_rejection_under_article_17(self) -> None:
        with pytest.raises(IllegalTransitionError, match="reasons that fit now: b, d, e, f"):
            ppid.object_to(decided(), at=at("2025-03-12"), number="K/1", reasons=["a"])
        r = ppid.object_to(
            decided(DecisionKind.PARTLY_GRANTED), at=at("2025-03-12"), number="K/1", reasons=["a"]
        )
        assert r.status is S.OBJECTED

    def test_reason_g_after_a_late_answer(self) -> None:
        r = decided(day="2025-03-19")
        ok = ppid.object_to(r, at=at("2025-03-20"), number="K/1", reasons=["g", "e"])
        assert ok.objection is not None and ok.objection.reasons == (
            ObjectionReason.LATE,
            ObjectionReason.NOT_FULFILLED,
        )

    def test_reasons_are_needed_and_unique(self) -> None:
        with pytest.raises(InvalidInputError, match="at least one Pasal 35"):
            ppid.object_to(decided(), at=at("2025-03-12"), number="K/1", reasons=[])
        with pytest.raises(InvalidInputError, match="may be named once"):
            ppid.object_to(decided(), at=at("2025-03-12"), number="K/1", reasons=["d", "d"])

    def test_a_late_objection_is_recorded_and_shown_late(self) -> None:
        r = decided()
        late = ppid.object_to(r, at=at("2025-06-30"), number="K/1", reasons=["d"])
        clock = ppid.request_clocks(late, now=at("2025-07-01"))["objection_window"]
        assert clock.state.value == "missed"


class TestDisputes:
    def test_not_before_the_superior_had_the_time_to_answer(self) -> None:
        with pytest.raises(IllegalTransitionError, match="may answer the objection until"):
            ppid.file_dispute(objected(), at=at("2025-04-01"), commission="KI Pusat")
        # 30 working days from 12 March 2025 end on 5 May (Lebaran and May holidays off).
        due = ppid.objection_answer_deadline(at("2025-03-12"))
        r = ppid.file_dispute(objected(), at=due + dt.timedelta(hours=17), commission="KI Pusat")
        assert r.status is S.DISPUTED

    def test_dispute_window_runs_from_the_answer(self) -> None:
        r = answered()
        clock = ppid.request_clocks(r, now=at("2025-03-21"))["dispute_window"]
        assert clock.due_at == ppid.dispute_deadline(at("2025-03-20"))
        assert ppid.dispute_window_start(r) == at("2025-03-20")
