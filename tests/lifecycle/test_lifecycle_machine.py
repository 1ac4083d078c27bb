"""Random sequences of actions by random roles never take a report to an illegal state."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import event as note_event
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from lapor_sdk import IllegalTransitionError, InvalidInputError, lifecycle
from lapor_sdk.lifecycle import ROLES, TRANSITIONS, Action, ArchiveReason
from lapor_sdk.models import Complaint, Location, Role, Satisfaction, Status

WIB = dt.timezone(dt.timedelta(hours=7))
START = dt.datetime(2025, 3, 3, 8, 0, tzinfo=WIB)
AGENCIES = ["Pemprov Jawa Timur", "Dinas PU Bina Marga", "Pemkot Surabaya"]
ACTION_OF_EVENT = {action.event_kind: action for action in Action}


def _kwargs(action: Action, pick: st.DataObject) -> dict[str, Any]:
    """Arguments an action needs besides ``by`` and ``at``."""
    if action is Action.VERIFY:
        return {
            "agency": pick.draw(st.sampled_from(AGENCIES)),
            "unit": pick.draw(st.none() | st.just("Bidang Jalan")),
        }
    if action is Action.POSTPONE:
        return {"reason": "Mohon sebutkan lokasi jalan yang rusak"}
    if action is Action.SUPPLEMENT:
        return {"location": Location(region_code="35.78", street="Jl. Ahmad Yani")}
    if action is Action.FORWARD:
        return {"to_agency": pick.draw(st.sampled_from(AGENCIES)), "reason": "bukan wewenang"}
    if action is Action.DISPOSE:
        return {"to_unit": pick.draw(st.sampled_from(["UPT Jalan", "Bidang Drainase"]))}
    if action is Action.ARCHIVE:
        return {"reason": pick.draw(st.sampled_from(ArchiveReason)), "note": "lihat catatan"}
    if action in (Action.FOLLOW_UP, Action.COMPLETE):
        return {"text": "Tim sudah meninjau lokasi dan menambal jalan."}
    if action is Action.REPLY:
        return {"text": "Belum diperbaiki, lubang masih ada."}
    if action is Action.RATE:
        return {"satisfaction": pick.draw(st.sampled_from(Satisfaction))}
    return {}


class LifecycleMachine(RuleBasedStateMachine):
    """Drives one complaint with arbitrary actions, roles and times."""

    def __init__(self) -> None:
        super().__init__()
        self.complaint: Complaint = lifecycle.create(
            title="Jalan berlubang", description="Jalan berlubang besar", created_at=START
        )
        self.now = START
        self.legal_steps = 0

    @rule(
        action=st.sampled_from(Action),
        role=st.sampled_from(Role),
        step=st.integers(-120, 60 * 24 * 7),
        pick=st.data(),
    )
    def act(self, action: Action, role: Role, step: int, pick: st.DataObject) -> None:
        """Any action by any role at any time, mostly illegal."""
        self._attempt(action, role, step, pick)

    @rule(step=st.integers(-10, 60 * 24 * 3), pick=st.data())
    def act_as_allowed(self, step: int, pick: st.DataObject) -> None:
        """An action the table allows, by a role allowed to take it (drives reports deep)."""
        pairs = sorted(
            (a, r) for (s, a) in TRANSITIONS if s is self.complaint.status for r in ROLES[a]
        )
        if not pairs:
            return
        action, role = pick.draw(st.sampled_from(pairs))
        self._attempt(action, role, step, pick)

    def _attempt(self, action: Action, role: Role, step: int, pick: st.DataObject) -> None:
        before = self.complaint
        snapshot = before.model_dump_json()
        at = self.now + dt.timedelta(minutes=step)
        legal_move = (before.status, action) in TRANSITIONS
        legal_role = role in ROLES[action]
        try:
            after = lifecycle.apply(before, action, by=role, at=at, **_kwargs(action, pick))
        except IllegalTransitionError as exc:
            assert not (legal_move and legal_role), f"legal {action} by {role} refused: {exc}"
            assert before.reference in str(exc) or "may not" in str(exc)
            assert before.model_dump_json() == snapshot, "a refused action changed the input"
            return
        except InvalidInputError as exc:
            assert legal_move and legal_role and step < 0, f"unexpected: {exc}"
            assert "earlier than its last event" in str(exc)
            assert before.model_dump_json() == snapshot, "a refused action changed the input"
            return
        assert legal_move and legal_role and step >= 0, f"illegal {action} by {role} accepted"
        assert before.model_dump_json() == snapshot, "the action changed its input"
        assert after.status is TRANSITIONS[(before.status, action)]
        assert after.events[:-1] == before.events, "history was rewritten"
        new = after.events[-1]
        assert (new.kind, new.actor, new.at) == (action.event_kind, role, at)
        assert (new.from_status, new.to_status) == (before.status, after.status)
        assert after.dispositions[: len(before.dispositions)] == before.dispositions
        assert len(after.follow_ups) >= len(before.follow_ups)
        assert len(after.replies) >= len(before.replies)
        note_event(f"reached {after.status.name}")  # coverage shown by --hypothesis-show-statistics
        self.complaint, self.now = after, at
        self.legal_steps += 1

    @invariant()
    def history_replays_through_the_table(self) -> None:
        c = self.complaint
        assert c.events[0].to_status is Status.UNVERIFIED
        for previous, event in zip(c.events, c.events[1:], strict=False):
            assert event.at >= previous.at
            assert event.from_status is previous.to_status
            action = ACTION_OF_EVENT[event.kind]
            assert TRANSITIONS[(event.from_status, action)] is event.to_status
            assert event.actor in ROLES[action]
        assert c.events[-1].to_status is c.status
        assert c.updated_at == c.events[-1].at

    @invariant()
    def records_match_events(self) -> None:
        c = self.complaint
        kinds = [e.kind for e in c.events]
        handovers = sum(
            kinds.count(a.event_kind) for a in (Action.VERIFY, Action.FORWARD, Action.DISPOSE)
        )
        assert len(c.dispositions) == handovers
        answers = kinds.count(Action.FOLLOW_UP.event_kind) + kinds.count(Action.COMPLETE.event_kind)
        assert len(c.follow_ups) == answers
        assert len(c.replies) == kinds.count(Action.REPLY.event_kind)
        if c.dispositions:
            assert c.agency == c.dispositions[-1].to_agency
        assert (c.rating is not None) == (Action.RATE.event_kind in kinds)


TestLifecycleMachine = LifecycleMachine.TestCase
