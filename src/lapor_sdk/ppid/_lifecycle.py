"""The PPID status machine: who may do what to an information request, and what follows.

Same style as :mod:`lapor_sdk.lifecycle`: every action is a pure function returning a **new**
:class:`InformationRequest` with one more :class:`PpidEvent`; a move the table forbids raises
:class:`~lapor_sdk.IllegalTransitionError` naming what is allowed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from .._exceptions import IllegalTransitionError, InvalidInputError
from ..lifecycle._actions import _require_aware as _aware
from ..lifecycle._actions import _require_text as _text
from ..lifecycle._table import ordered
from ..models import Channel
from ..sla import WorkingCalendar
from ._deadlines import (
    _request_answer_due,
    answer_target,
    objection_answer_deadline,
)
from ._enums import (
    DecisionKind,
    DisputeOutcome,
    ExemptionGround,
    ObjectionOutcome,
    ObjectionReason,
    PpidAction,
    PpidRole,
    RequestKind,
    RequestStatus,
)
from ._models import (
    Decision,
    Dispute,
    Extension,
    InformationRequest,
    Objection,
    ObjectionAnswer,
    PpidEvent,
    Requester,
)

__all__ = [
    "PPID_ROLES",
    "PPID_TRANSITIONS",
    "allowed_ppid_actions",
    "answer_objection",
    "decide",
    "extend",
    "file_dispute",
    "object_to",
    "register",
    "settle_dispute",
]

S = RequestStatus
A = PpidAction

#: (status, action) -> status after the action. A pair that is missing is an illegal move.
PPID_TRANSITIONS: Mapping[tuple[RequestStatus, PpidAction], RequestStatus] = MappingProxyType(
    {
        (S.REGISTERED, A.EXTEND): S.EXTENDED,
        (S.REGISTERED, A.DECIDE): S.DECIDED,
        (S.EXTENDED, A.DECIDE): S.DECIDED,
        # Unanswered past the deadline (Pasal 35 (1) c, g) or periodic info missing (b).
        (S.REGISTERED, A.OBJECT): S.OBJECTED,
        (S.EXTENDED, A.OBJECT): S.OBJECTED,
        (S.DECIDED, A.OBJECT): S.OBJECTED,
        (S.OBJECTED, A.ANSWER_OBJECTION): S.OBJECTION_ANSWERED,
        # An objection left unanswered after 30 working days may go to the Komisi Informasi.
        (S.OBJECTED, A.FILE_DISPUTE): S.DISPUTED,
        (S.OBJECTION_ANSWERED, A.FILE_DISPUTE): S.DISPUTED,
        (S.DISPUTED, A.SETTLE_DISPUTE): S.DISPUTE_SETTLED,
    }
)

#: action -> roles that may take it. The PPID's officers record objections and disputes that
#: requesters file on paper, as the register requires.
PPID_ROLES: Mapping[PpidAction, frozenset[PpidRole]] = MappingProxyType(
    {
        A.REGISTER: frozenset({PpidRole.PPID}),
        A.EXTEND: frozenset({PpidRole.PPID}),
        A.DECIDE: frozenset({PpidRole.PPID}),
        A.OBJECT: frozenset({PpidRole.REQUESTER, PpidRole.PPID}),
        A.ANSWER_OBJECTION: frozenset({PpidRole.SUPERIOR}),
        A.FILE_DISPUTE: frozenset({PpidRole.REQUESTER, PpidRole.PPID}),
        A.SETTLE_DISPUTE: frozenset({PpidRole.PPID}),
    }
)

_ACTION_ORDER = [a.value for a in PpidAction]
_ROLE_ORDER = [r.value for r in PpidRole]


def _actions_from(status: RequestStatus) -> frozenset[PpidAction]:
    return frozenset(a for (s, a) in PPID_TRANSITIONS if s is status)


def allowed_ppid_actions(status: RequestStatus, role: PpidRole) -> frozenset[PpidAction]:
    """Return the actions ``role`` may take on a request in ``status``.

    Example:
        >>> sorted(a.value for a in allowed_ppid_actions(RequestStatus.REGISTERED, PpidRole.PPID))
        ['decide', 'extend', 'object']
    """
    status, role = _enum(RequestStatus, status, "status"), _enum(PpidRole, role, "role")
    return frozenset(a for a in _actions_from(status) if role in PPID_ROLES[a])


def _enum(kind: Any, value: object, what: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(v.value for v in kind)
        shown = str(value)[:40]
        raise InvalidInputError(f"unknown {what} {shown!r}; allowed: {allowed}") from None


def _check(
    r: InformationRequest, action: PpidAction, by: PpidRole, at: object
) -> tuple[dt.datetime, RequestStatus]:
    when = _aware(at, "at")
    by = _enum(PpidRole, by, "role")
    target = PPID_TRANSITIONS.get((r.status, action))
    if target is None:
        allowed = ordered(_actions_from(r.status), _ACTION_ORDER)  # type: ignore[arg-type]
        raise IllegalTransitionError(
            f"cannot {action.value} request {r.number} from {r.status.name}; "
            f"allowed from {r.status.name}: {allowed}"
        )
    roles = PPID_ROLES[action]
    if by not in roles:
        raise IllegalTransitionError(
            f"role {by.value} may not {action.value}; allowed roles: {ordered(roles, _ROLE_ORDER)}"  # type: ignore[arg-type]
        )
    last = r.events[-1].at if r.events else r.received_at
    if when.astimezone(dt.UTC) < last.astimezone(dt.UTC):
        raise InvalidInputError(
            f"cannot {action.value} request {r.number} at {when.isoformat()}: that is earlier "
            f"than its last event at {last.isoformat()}; pass the time it really happened"
        )
    return when, target


def _advance(
    r: InformationRequest,
    action: PpidAction,
    *,
    by: PpidRole,
    at: dt.datetime,
    to_status: RequestStatus,
    note: str | None = None,
    changes: Mapping[str, Any] | None = None,
) -> InformationRequest:
    event = PpidEvent(
        at=at, action=action, actor=by, from_status=r.status, to_status=to_status, note=note
    )
    data = dict(r)
    data.update(changes or {})
    data["status"] = to_status
    data["events"] = [*r.events, event]
    return InformationRequest.model_validate(data)


def register(
    *,
    number: str,
    received_at: dt.datetime,
    requester: Requester,
    information: str,
    purpose: str | None = None,
    kind: RequestKind = RequestKind.COPY,
    channel: Channel = Channel.FACE_TO_FACE,
    source_ref: str | None = None,
    by: PpidRole = PpidRole.PPID,
) -> InformationRequest:
    """Register a request and give it its number (UU 14/2008 Pasal 22 ayat (2)–(4)).

    Args:
        number: The registration number given to the requester at receipt.
        received_at: When it was received (aware); the answer time runs from here.
        requester: Who asks (personal data: shown only to the PPID).
        information: What information is asked for.
        purpose: Why (tujuan penggunaan informasi).
        kind: To view it or to get a copy.
        channel: How it came in.
        source_ref: The LAPOR! report it came from, if any.
        by: The PPID officer (the only role that registers).

    Raises:
        InvalidInputError: A naive time or an empty field (validation errors never echo
            the requester's data).
        IllegalTransitionError: ``by`` is not the PPID.
    """
    when = _aware(received_at, "received_at")
    by = _enum(PpidRole, by, "role")
    if by not in PPID_ROLES[A.REGISTER]:
        raise IllegalTransitionError(f"role {by.value} may not register; allowed roles: ppid")
    event = PpidEvent(at=when, action=A.REGISTER, actor=by, to_status=S.REGISTERED)
    return InformationRequest(
        number=number,
        received_at=when,
        requester=requester,
        information=information,
        purpose=purpose,
        kind=kind,
        channel=channel,
        source_ref=source_ref,
        events=[event],
    )


def extend(
    r: InformationRequest,
    *,
    at: dt.datetime,
    days: int,
    reason: str,
    by: PpidRole = PpidRole.PPID,
    calendar: WorkingCalendar | None = None,
) -> InformationRequest:
    """Extend the answer time once, by at most 7 working days (UU 14/2008 Pasal 22 ayat (8)).

    The written notice with its reasons must go out while the 10 working days still run.

    Raises:
        IllegalTransitionError: Already extended or answered, a role other than the PPID, or
            the 10 working days have already passed.
        InvalidInputError: Days outside 1-7, an empty reason, a naive time.
    """
    when, target = _check(r, A.EXTEND, by, at)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 7:
        raise InvalidInputError(
            f"an extension adds 1 to 7 working days (UU 14/2008 Pasal 22 ayat (8)), got {days!r}"
        )
    answer_target(days)
    due = _request_answer_due(r, calendar)
    if when.astimezone(dt.UTC) > due.astimezone(dt.UTC):
        raise IllegalTransitionError(
            f"cannot extend request {r.number} at {when.isoformat()}: its 10 working days ended "
            f"at {due.isoformat()}; the notice of extension must be sent within them "
            "(UU 14/2008 Pasal 22 ayat (8)); allowed now: decide, object"
        )
    item = Extension(at=when, days=days, reason=_text(reason, "reason"))
    return _advance(
        r, A.EXTEND, by=by, at=when, to_status=target, note=f"+{days} hari kerja",
        changes={"extension": item},
    )  # fmt: skip


def decide(
    r: InformationRequest,
    *,
    at: dt.datetime,
    kind: DecisionKind,
    grounds: Iterable[ExemptionGround] = (),
    consequence_test: str | None = None,
    holder: str | None = None,
    cost: int = 0,
    note: str | None = None,
    by: PpidRole = PpidRole.PPID,
) -> InformationRequest:
    """Record the written answer (pemberitahuan tertulis, UU 14/2008 Pasal 22 ayat (7)).

    Args:
        r: The request (``REGISTERED`` or ``EXTENDED``).
        at: When the notice was sent. A late answer is recorded (the report counts it late).
        kind: Granted, partly granted, rejected as exempt, not held, not yet documented.
        grounds: Pasal 17 grounds of what is withheld (rejection or partial grant).
        consequence_test: The consequence test behind an exemption (Pasal 19).
        holder: For information not held here: the body that holds it, if known.
        cost: Copying and sending costs in rupiah (the information itself is free).
        note: What is given and how, or other explanation.
        by: The PPID.

    Raises:
        IllegalTransitionError: Not allowed from the status or for the role.
        InvalidInputError: Missing grounds or consequence test, a naive time.
    """
    when, target = _check(r, A.DECIDE, by, at)
    kind = _enum(DecisionKind, kind, "decision")
    grounds_list = [_enum(ExemptionGround, g, "Pasal 17 ground") for g in grounds]
    try:
        item = Decision(
            at=when,
            kind=kind,
            grounds=tuple(grounds_list),
            consequence_test=consequence_test,
            holder=holder,
            cost=cost,
            note=note,
        )
    except ValueError as exc:
        raise InvalidInputError(f"cannot decide request {r.number}: {_first_error(exc)}") from None
    return _advance(
        r, A.DECIDE, by=by, at=when, to_status=target, note=kind.value, changes={"decision": item}
    )


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors(include_input=False, include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        message = str(first["msg"]).removeprefix("Value error, ")
        return f"{where}: {message}" if where else message
    return str(exc)


def _reasons_allowed(
    r: InformationRequest, when: dt.datetime, calendar: WorkingCalendar | None
) -> tuple[set[ObjectionReason], str]:
    """Return the Pasal 35 reasons that fit the request at ``when``, and why."""
    allowed = {ObjectionReason.PERIODIC_NOT_PUBLISHED}
    due = _request_answer_due(r, calendar)
    overdue = when.astimezone(dt.UTC) > due.astimezone(dt.UTC)
    decision = r.decision
    if decision is None:
        if overdue:
            allowed |= {ObjectionReason.NOT_ANSWERED, ObjectionReason.LATE}
            why = f"request {r.number} is unanswered and its answer time ended at {due.isoformat()}"
        else:
            why = (
                f"request {r.number} is not answered yet and its answer time runs until "
                f"{due.isoformat()}"
            )
        return allowed, why
    allowed |= {
        ObjectionReason.NOT_AS_REQUESTED,
        ObjectionReason.NOT_FULFILLED,
        ObjectionReason.UNREASONABLE_COST,
    }
    if decision.kind in (DecisionKind.REJECTED_EXEMPT, DecisionKind.PARTLY_GRANTED):
        allowed.add(ObjectionReason.REJECTED_UNDER_17)
    if decision.at.astimezone(dt.UTC) > due.astimezone(dt.UTC):
        allowed.add(ObjectionReason.LATE)
    return allowed, f"request {r.number} was answered {decision.kind.value}"


def object_to(
    r: InformationRequest,
    *,
    at: dt.datetime,
    number: str,
    reasons: Sequence[ObjectionReason],
    reason_arose_at: dt.datetime | None = None,
    statement: str | None = None,
    by: PpidRole = PpidRole.REQUESTER,
    calendar: WorkingCalendar | None = None,
) -> InformationRequest:
    """Record an objection (keberatan) to the atasan PPID (UU 14/2008 Pasal 35–36).

    Each reason must fit the facts in the register: huruf a needs a rejection or partial grant
    under Pasal 17; c (not answered) and g (late) need the answer time to have run out (or, for
    g, a late answer); d, e, f need an answer; b (periodic information not published) is
    always open. An objection filed after its 30 working days is recorded and shown as late:
    the atasan PPID decides whether to accept it.

    Args:
        r: The request.
        at: When the written objection was received.
        number: The objection's registration number.
        reasons: Pasal 35 ayat (1) reasons.
        reason_arose_at: When the reason arose (default: the answer's time, or the end of the
            answer time when there is none, or ``at`` for reason b alone).
        statement: The requester's account (kasus posisi).
        by: The requester, or the PPID officer recording a paper objection.
        calendar: The agency's calendar (default: national, WIB).

    Raises:
        IllegalTransitionError: Not allowed from the status or for the role, or a reason that
            does not fit the request (the message lists those that do).
        InvalidInputError: No reasons, a naive time.
    """
    when, target = _check(r, A.OBJECT, by, at)
    chosen = [_enum(ObjectionReason, x, "Pasal 35 reason") for x in reasons]
    if not chosen:
        raise InvalidInputError(
            "an objection needs at least one Pasal 35 ayat (1) reason (letters a-g)"
        )
    allowed, why = _reasons_allowed(r, when, calendar)
    wrong = [x for x in chosen if x not in allowed]
    if wrong:
        names = ", ".join(sorted(x.value for x in wrong))
        fits = ", ".join(sorted(x.value for x in allowed))
        raise IllegalTransitionError(
            f"cannot object to request {r.number} for reason {names}: {why}; "
            f"reasons that fit now: {fits}"
        )
    if reason_arose_at is None:
        if r.decision is not None:
            reason_arose_at = r.decision.at
        elif set(chosen) & {ObjectionReason.NOT_ANSWERED, ObjectionReason.LATE}:
            reason_arose_at = _request_answer_due(r, calendar)
        else:
            reason_arose_at = when
    arose = _aware(reason_arose_at, "reason_arose_at")
    if arose.astimezone(dt.UTC) > when.astimezone(dt.UTC):
        raise InvalidInputError(
            f"the reason for objecting arose at {arose.isoformat()}, after the objection was "
            f"received ({when.isoformat()}); the reason must come first"
        )
    try:
        item = Objection(
            number=number,
            received_at=when,
            reasons=tuple(chosen),
            reason_arose_at=arose,
            statement=statement,
        )
    except ValueError as exc:
        raise InvalidInputError(
            f"cannot record the objection to request {r.number}: {_first_error(exc)}"
        ) from None
    note = ", ".join(x.value for x in chosen)
    return _advance(
        r, A.OBJECT, by=by, at=when, to_status=target, note=note, changes={"objection": item}
    )


def answer_objection(
    r: InformationRequest,
    *,
    at: dt.datetime,
    outcome: ObjectionOutcome,
    text: str,
    superior: str | None = None,
    by: PpidRole = PpidRole.SUPERIOR,
) -> InformationRequest:
    """Record the atasan PPID's written answer to the objection (UU 14/2008 Pasal 36 (2)–(3)).

    Raises:
        IllegalTransitionError: No objection pending, or a role other than the atasan PPID.
        InvalidInputError: Empty text (when upholding the PPID it carries the written reasons
            Pasal 36 ayat (3) requires), a naive time.
    """
    when, target = _check(r, A.ANSWER_OBJECTION, by, at)
    outcome = _enum(ObjectionOutcome, outcome, "objection outcome")
    assert r.objection is not None  # noqa: S101 - guaranteed by the OBJECTED status
    answer = ObjectionAnswer(at=when, outcome=outcome, text=_text(text, "text"), superior=superior)
    objection = r.objection.model_copy(update={"answer": answer})
    return _advance(
        r, A.ANSWER_OBJECTION, by=by, at=when, to_status=target, note=outcome.value,
        changes={"objection": objection},
    )  # fmt: skip


def file_dispute(
    r: InformationRequest,
    *,
    at: dt.datetime,
    commission: str,
    number: str | None = None,
    by: PpidRole = PpidRole.REQUESTER,
    calendar: WorkingCalendar | None = None,
) -> InformationRequest:
    """Record that the requester took the case to the Komisi Informasi (Pasal 37).

    After the atasan PPID's answer, or once the 30 working days for it have passed
    unanswered. A dispute filed after its 14 working days is recorded and shown as late.

    Raises:
        IllegalTransitionError: No objection yet, or the atasan PPID's time still runs.
        InvalidInputError: Empty commission name, a naive time.
    """
    when, target = _check(r, A.FILE_DISPUTE, by, at)
    objection = r.objection
    assert objection is not None  # noqa: S101 - guaranteed by the status
    if objection.answer is None:
        due = objection_answer_deadline(objection.received_at, calendar=calendar)
        if when.astimezone(dt.UTC) <= due.astimezone(dt.UTC):
            raise IllegalTransitionError(
                f"cannot file a dispute on request {r.number} at {when.isoformat()}: the "
                f"atasan PPID may answer the objection until {due.isoformat()} "
                "(UU 14/2008 Pasal 36 ayat (2)); allowed now: answer_objection"
            )
    item = Dispute(filed_at=when, commission=_text(commission, "commission"), number=number)
    return _advance(r, A.FILE_DISPUTE, by=by, at=when, to_status=target, changes={"dispute": item})


def settle_dispute(
    r: InformationRequest,
    *,
    at: dt.datetime,
    outcome: DisputeOutcome,
    note: str | None = None,
    by: PpidRole = PpidRole.PPID,
) -> InformationRequest:
    """Record how the dispute ended: mediation, adjudication or withdrawal (Pasal 38–46).

    Raises:
        IllegalTransitionError: No dispute pending, or a role other than the PPID.
    """
    when, target = _check(r, A.SETTLE_DISPUTE, by, at)
    outcome = _enum(DisputeOutcome, outcome, "dispute outcome")
    assert r.dispute is not None  # noqa: S101 - guaranteed by the DISPUTED status
    dispute = r.dispute.model_copy(update={"outcome": outcome, "settled_at": when, "note": note})
    return _advance(
        r, A.SETTLE_DISPUTE, by=by, at=when, to_status=target, note=outcome.value,
        changes={"dispute": dispute},
    )  # fmt: skip
