"""Lifecycle actions: pure functions that return a new complaint with one more event."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Mapping
from typing import Any

from .._exceptions import IllegalTransitionError, InvalidInputError
from ..models import (
    Classification,
    Complaint,
    Disposition,
    DispositionKind,
    Event,
    EventKind,
    FollowUp,
    Location,
    Privacy,
    Rating,
    Reply,
    Role,
    Satisfaction,
    Status,
)
from ._table import (
    ACTION_ORDER,
    ROLE_ORDER,
    ROLES,
    TRANSITIONS,
    Action,
    ArchiveReason,
    actions_from,
    as_role,
    ordered,
)

__all__ = [
    "apply",
    "archive",
    "close",
    "close_if_due",
    "create",
    "dispose",
    "follow_up",
    "forward",
    "postpone",
    "rate",
    "reply",
    "supplement",
    "verify",
]

# Fields that only the lifecycle fills in; create() refuses them.
_HISTORY_FIELDS = frozenset(
    {"status", "events", "dispositions", "follow_ups", "replies", "rating", "updated_at"}
)


def _require_aware(value: object, name: str) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise InvalidInputError(
            f"{name} must be a datetime, got {type(value).__name__}; pass an aware datetime "
            "such as datetime(2025, 3, 3, 9, 0, tzinfo=ZoneInfo('Asia/Jakarta'))"
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInputError(
            f"{name} {value.isoformat()} is a naive datetime; every datetime entering the SDK "
            "must be timezone-aware: add tzinfo, e.g. ZoneInfo('Asia/Jakarta')"
        )
    return value


def _require_text(value: object, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"{name} must be a non-empty string")
    return value.strip()


def _last_time(c: Complaint) -> dt.datetime:
    return c.events[-1].at if c.events else c.created_at


def _check(c: Complaint, action: Action, by: Role, at: object) -> tuple[dt.datetime, Status]:
    """Check the move, the actor and the time; return the time and the status after."""
    when = _require_aware(at, "at")
    by = as_role(by)
    target = TRANSITIONS.get((c.status, action))
    if target is None:
        allowed = ordered(actions_from(c.status), ACTION_ORDER)
        raise IllegalTransitionError(
            f"cannot {action.value} complaint {c.reference} from {c.status.name}; "
            f"allowed from {c.status.name}: {allowed}"
        )
    roles = ROLES[action]
    if by not in roles:
        raise IllegalTransitionError(
            f"role {by.value} may not {action.value}; allowed roles: {ordered(roles, ROLE_ORDER)}"
        )
    last = _last_time(c)
    if when < last:
        raise InvalidInputError(
            f"cannot {action.value} complaint {c.reference} at {when.isoformat()}: that is "
            f"earlier than its last event at {last.isoformat()}; events are appended in time "
            "order, so pass the time the action really happened"
        )
    return when, target


def _advance(
    c: Complaint,
    action: Action,
    *,
    by: Role,
    at: dt.datetime,
    to_status: Status,
    agency: str | None = None,
    unit: str | None = None,
    note: str | None = None,
    changes: Mapping[str, Any] | None = None,
) -> Complaint:
    event = Event(
        at=at,
        kind=action.event_kind,
        actor=by,
        from_status=c.status,
        to_status=to_status,
        agency=agency,
        unit=unit,
        note=note,
    )
    data = dict(c)
    data.update(changes or {})
    data["status"] = to_status
    data["updated_at"] = at
    data["events"] = [*c.events, event]
    # Re-validation builds fresh lists, so the input complaint is never shared or changed.
    return type(c).model_validate(data)


def create(
    *,
    title: str,
    description: str,
    created_at: dt.datetime,
    by: Role = Role.REPORTER,
    **complaint_fields: Any,
) -> Complaint:
    """Create a new report in ``UNVERIFIED`` with its ``CREATED`` event.

    Args:
        title: Short title.
        description: The report's text.
        created_at: When it was filed (timezone-aware).
        by: Who entered it: the reporter, or an admin through the form manual.
        **complaint_fields: Any other :class:`~lapor_sdk.models.Complaint` field except the
            ones the lifecycle owns (status, events, dispositions, follow-ups, replies, rating).

    Returns:
        The new complaint.

    Raises:
        InvalidInputError: ``created_at`` is naive, or a lifecycle-owned field was given.

    Example:
        >>> import datetime as dt
        >>> wib = dt.timezone(dt.timedelta(hours=7))
        >>> c = create(title="Jalan rusak", description="Jl. Ahmad Yani berlubang",
        ...            created_at=dt.datetime(2025, 3, 3, 9, 0, tzinfo=wib))
        >>> c.status.name, c.events[0].kind.name
        ('UNVERIFIED', 'CREATED')
    """
    when = _require_aware(created_at, "created_at")
    owned = sorted(_HISTORY_FIELDS & complaint_fields.keys())
    if owned:
        raise InvalidInputError(
            f"create() does not take {', '.join(owned)}: a new complaint starts UNVERIFIED "
            "with no history; use the lifecycle actions to move it"
        )
    event = Event(at=when, kind=EventKind.CREATED, actor=by, to_status=Status.UNVERIFIED)
    return Complaint(
        title=title,
        description=description,
        created_at=when,
        status=Status.UNVERIFIED,
        events=[event],
        **complaint_fields,
    )


def verify(
    c: Complaint,
    *,
    by: Role,
    at: dt.datetime,
    agency: str,
    unit: str | None = None,
    classification: Classification | None = None,
    privacy: Privacy | None = None,
    note: str | None = None,
) -> Complaint:
    """Verify a report and dispose it to the responsible agency (and unit).

    Args:
        c: The report (``UNVERIFIED``).
        by: The admin acting (national, agency or coordinator).
        at: When (timezone-aware, not before the last event).
        agency: Agency that will handle it.
        unit: Unit within the agency (Admin Penghubung), if already chosen.
        classification: Corrected classification, if the admin changes it.
        privacy: Privacy flags set by the admin at verification, if changed.
        note: Instruction to the handler.

    Returns:
        The report in ``DISPOSED`` with one more disposition and a ``VERIFIED`` event.

    Raises:
        IllegalTransitionError: Not allowed from the status or for the role.
        InvalidInputError: Bad time or an empty agency.
    """
    when, target = _check(c, Action.VERIFY, by, at)
    agency = _require_text(agency, "agency")
    disposition = Disposition(
        at=when, to_agency=agency, to_unit=unit, from_agency=c.agency, by=by, note=note
    )
    changes: dict[str, Any] = {
        "agency": agency,
        "unit": unit,
        "dispositions": [*c.dispositions, disposition],
    }
    if classification is not None:
        changes["classification"] = classification
    if privacy is not None:
        changes["privacy"] = privacy
    return _advance(
        c,
        Action.VERIFY,
        by=by,
        at=when,
        to_status=target,
        agency=agency,
        unit=unit,
        note=note,
        changes=changes,
    )


def postpone(c: Complaint, *, by: Role, at: dt.datetime, reason: str) -> Complaint:
    """Postpone verification (tunda), e.g. until the reporter gives the location.

    Args:
        c: The report (``UNVERIFIED``).
        by: The admin acting.
        at: When.
        reason: What the reporter must add; shown to them.

    Returns:
        The report in ``POSTPONED`` with a ``POSTPONED`` event carrying the reason.

    Raises:
        IllegalTransitionError: Not allowed from the status or for the role.
        InvalidInputError: Bad time or an empty reason.
    """
    when, target = _check(c, Action.POSTPONE, by, at)
    reason = _require_text(reason, "reason")
    return _advance(c, Action.POSTPONE, by=by, at=when, to_status=target, note=reason)


def supplement(
    c: Complaint,
    *,
    at: dt.datetime,
    description: str | None = None,
    location: Location | None = None,
    by: Role = Role.REPORTER,
) -> Complaint:
    """Record that the reporter completed a postponed report; it goes back to verification.

    Args:
        c: The report (``POSTPONED``).
        at: When.
        description: The completed text of the report, replacing the old one, if changed.
        location: The location the reporter added, if any.
        by: The reporter, or an admin entering the details on their behalf (form manual).

    Returns:
        The report in ``UNVERIFIED`` with a ``SUPPLEMENTED`` event.

    Raises:
        IllegalTransitionError: Not allowed from the status or for the role.
        InvalidInputError: Bad time, or neither a description nor a location was given.
    """
    when, target = _check(c, Action.SUPPLEMENT, by, at)
    changes: dict[str, Any] = {}
    if description is not None:
        changes["description"] = _require_text(description, "description")
    if location is not None:
        changes["location"] = location
    if not changes:
        raise InvalidInputError(
            f"supplement of complaint {c.reference} adds nothing; pass description= or location="
        )
    return _advance(c, Action.SUPPLEMENT, by=by, at=when, to_status=target, changes=changes)


def forward(c: Complaint, *, by: Role, at: dt.datetime, to_agency: str, reason: str) -> Complaint:
    """Forward a report that is not this agency's authority (bukan wewenang).

    The earlier dispositions stay in the history (no wrong door); the unit is cleared because
    the new agency chooses its own.

    Args:
        c: The report (``UNVERIFIED``, ``DISPOSED`` or ``IN_PROGRESS``).
        by: The admin acting.
        at: When.
        to_agency: The agency responsible.
        reason: Why it is not this agency's authority.

    Returns:
        The report in ``DISPOSED`` with a ``FORWARD`` disposition and a ``FORWARDED`` event.

    Raises:
        IllegalTransitionError: Not allowed from the status or for the role.
        InvalidInputError: Bad time, empty agency or reason.
    """
    when, target = _check(c, Action.FORWARD, by, at)
    to_agency = _require_text(to_agency, "to_agency")
    reason = _require_text(reason, "reason")
    disposition = Disposition(
        at=when,
        to_agency=to_agency,
        from_agency=c.agency,
        by=by,
        kind=DispositionKind.FORWARD,
        note=reason,
    )
    return _advance(
        c,
        Action.FORWARD,
        by=by,
        at=when,
        to_status=target,
        agency=to_agency,
        note=reason,
        changes={"agency": to_agency, "unit": None, "dispositions": [*c.dispositions, disposition]},
    )


def dispose(
    c: Complaint,
    *,
    by: Role,
    at: dt.datetime,
    to_unit: str,
    to_agency: str | None = None,
    note: str | None = None,
) -> Complaint:
    """Dispose the report (again) to a unit, e.g. a coordinator admin to an Admin Penghubung.

    Args:
        c: The report (``DISPOSED`` or ``IN_PROGRESS``).
        by: The admin acting.
        at: When.
        to_unit: The unit that will follow up.
        to_agency: Its agency; defaults to the agency now responsible.
        note: Instruction to the unit.

    Returns:
        The report in ``DISPOSED`` with one more disposition and a ``DISPOSED`` event.

    Raises:
        IllegalTransitionError: Not allowed from the status or for the role.
        InvalidInputError: Bad time, empty unit, or no agency known.
    """
    when, target = _check(c, Action.DISPOSE, by, at)
    to_unit = _require_text(to_unit, "to_unit")
    agency = to_agency if to_agency is not None else c.agency
    if agency is None:
        raise InvalidInputError(
            f"complaint {c.reference} has no agency yet; pass to_agency= to dispose it"
        )
    agency = _require_text(agency, "to_agency")
    disposition = Disposition(
        at=when, to_agency=agency, to_unit=to_unit, from_agency=c.agency, by=by, note=note
    )
    return _advance(
        c,
        Action.DISPOSE,
        by=by,
        at=when,
        to_status=target,
        agency=agency,
        unit=to_unit,
        note=note,
        changes={"agency": agency, "unit": to_unit, "dispositions": [*c.dispositions, disposition]},
    )


def archive(
    c: Complaint, *, by: Role, at: dt.datetime, reason: ArchiveReason, note: str | None = None
) -> Complaint:
    """Archive a report at verification (Laporan Arsip).

    Args:
        c: The report (``UNVERIFIED`` or ``POSTPONED``).
        by: The admin acting.
        at: When.
        reason: Why: not a service complaint, too general, abusive, duplicate or other.
        note: Details (required for ``ArchiveReason.OTHER``; e.g. the id of the original).

    Returns:
        The report in ``ARCHIVED``; the event's note starts with the reason's wire value.

    Raises:
        IllegalTransitionError: Not allowed from the status or for the role.
        InvalidInputError: Bad time, unknown reason, or ``OTHER`` without a note.
    """
    when, target = _check(c, Action.ARCHIVE, by, at)
    try:
        reason = ArchiveReason(reason)
    except ValueError:
        allowed = ", ".join(r.value for r in ArchiveReason)
        raise InvalidInputError(f"unknown archive reason {reason!r}; allowed: {allowed}") from None
    if note is not None:
        note = note.strip() or None
    if reason is ArchiveReason.OTHER and note is None:
        raise InvalidInputError("archive reason 'other' needs a note= saying why")
    text = reason.value if note is None else f"{reason.value}: {note}"
    return _advance(c, Action.ARCHIVE, by=by, at=when, to_status=target, note=text)


def follow_up(
    c: Complaint,
    *,
    at: dt.datetime,
    text: str,
    by: Role = Role.LIAISON,
    unit: str | None = None,
    final: bool = False,
) -> Complaint:
    """Post the handling unit's follow-up (tindak lanjut).

    Args:
        c: The report (``DISPOSED`` or ``IN_PROGRESS``).
        at: When.
        text: The answer to the reporter.
        by: The liaison officer (or the agency admin handling it directly).
        unit: The unit writing it; defaults to the unit now responsible.
        final: Whether this answer finishes the report (``COMPLETED``); otherwise it is
            an interim answer (``IN_PROGRESS``).

    Returns:
        The report with one more follow-up and a ``FOLLOWED_UP`` or ``COMPLETED`` event.

    Raises:
        IllegalTransitionError: Not allowed from the status or for the role.
        InvalidInputError: Bad time or empty text.
    """
    action = Action.COMPLETE if final else Action.FOLLOW_UP
    when, target = _check(c, action, by, at)
    text = _require_text(text, "text")
    unit = unit if unit is not None else c.unit
    item = FollowUp(at=when, unit=unit, text=text, final=final)
    return _advance(
        c,
        action,
        by=by,
        at=when,
        to_status=target,
        agency=c.agency,
        unit=unit,
        changes={"follow_ups": [*c.follow_ups, item]},
    )


def reply(c: Complaint, *, at: dt.datetime, text: str, by: Role = Role.REPORTER) -> Complaint:
    """Record the reporter's reply to a follow-up; a reply to a finished one reopens it.

    Args:
        c: The report (``IN_PROGRESS`` or ``COMPLETED``).
        at: When.
        text: The reply.
        by: The reporter (the only role allowed).

    Returns:
        The report in ``IN_PROGRESS`` with one more reply and a ``REPLIED`` event.

    Raises:
        IllegalTransitionError: Not allowed from the status or for the role.
        InvalidInputError: Bad time or empty text.
    """
    when, target = _check(c, Action.REPLY, by, at)
    text = _require_text(text, "text")
    item = Reply(at=when, text=text)
    return _advance(
        c, Action.REPLY, by=by, at=when, to_status=target, changes={"replies": [*c.replies, item]}
    )


def rate(
    c: Complaint,
    *,
    at: dt.datetime,
    satisfaction: Satisfaction,
    comment: str | None = None,
    by: Role = Role.REPORTER,
) -> Complaint:
    """Record (or update) the reporter's satisfaction with the outcome.

    Args:
        c: The report (``COMPLETED`` or ``CLOSED``).
        at: When.
        satisfaction: Sangat Puas / Puas / Cukup Puas / Tidak Puas.
        comment: Optional comment.
        by: The reporter (the only role allowed).

    Returns:
        The report with ``rating`` set (a later rating replaces it) and a ``RATED`` event.

    Raises:
        IllegalTransitionError: Not allowed from the status or for the role.
        InvalidInputError: Bad time.
    """
    when, target = _check(c, Action.RATE, by, at)
    rating = Rating(at=when, satisfaction=satisfaction, comment=comment)
    return _advance(
        c,
        Action.RATE,
        by=by,
        at=when,
        to_status=target,
        note=rating.satisfaction.value,
        changes={"rating": rating},
    )


def close(c: Complaint, *, at: dt.datetime, by: Role = Role.SYSTEM) -> Complaint:
    """Close a finished report once the reporter's response window has passed.

    Args:
        c: The report (``COMPLETED``).
        at: When (usually the end of the window; see :func:`close_if_due`).
        by: The system (the only role allowed).

    Returns:
        The report in ``CLOSED`` with a ``CLOSED`` event.

    Raises:
        IllegalTransitionError: Not allowed from the status or for the role.
        InvalidInputError: Bad time.
    """
    when, target = _check(c, Action.CLOSE, by, at)
    return _advance(c, Action.CLOSE, by=by, at=when, to_status=target)


def close_if_due(c: Complaint, *, now: dt.datetime, deadline: dt.datetime) -> Complaint:
    """Close a ``COMPLETED`` report whose response window ended; return others unchanged.

    The window is :data:`RESPONSE_WINDOW_WORKING_DAYS` working days after the completing
    follow-up; compute ``deadline`` with the SLA engine on the agency's calendar.

    Args:
        c: Any report.
        now: The current time (timezone-aware).
        deadline: End of the reporter's response window (timezone-aware).

    Returns:
        A closed copy (closed ``at=deadline``) when ``c`` is ``COMPLETED`` and
        ``now >= deadline``; otherwise ``c`` itself.

    Raises:
        InvalidInputError: A naive datetime, or a deadline before the last event.
    """
    now = _require_aware(now, "now")
    deadline = _require_aware(deadline, "deadline")
    if c.status is not Status.COMPLETED or now < deadline:
        return c
    return close(c, at=deadline)


def _apply_follow_up(c: Complaint, **kwargs: Any) -> Complaint:
    return follow_up(c, **kwargs)


def _apply_complete(c: Complaint, **kwargs: Any) -> Complaint:
    if kwargs.pop("final", True) is not True:
        raise InvalidInputError("Action.COMPLETE is a final follow-up; do not pass final=False")
    return follow_up(c, final=True, **kwargs)


_DISPATCH: dict[Action, Callable[..., Complaint]] = {
    Action.VERIFY: verify,
    Action.POSTPONE: postpone,
    Action.SUPPLEMENT: supplement,
    Action.FORWARD: forward,
    Action.DISPOSE: dispose,
    Action.ARCHIVE: archive,
    Action.FOLLOW_UP: _apply_follow_up,
    Action.COMPLETE: _apply_complete,
    Action.REPLY: reply,
    Action.RATE: rate,
    Action.CLOSE: close,
}


def apply(c: Complaint, action: Action, **kwargs: Any) -> Complaint:
    """Take ``action`` on ``c``: generic dispatch to the action's function.

    Args:
        c: The report.
        action: What to do.
        **kwargs: The keyword arguments of that action's function (``by``, ``at``, ...).

    Returns:
        The new complaint.

    Raises:
        IllegalTransitionError: Not allowed from the status or for the role.
        InvalidInputError: Unknown action or bad arguments.

    Example:
        >>> import datetime as dt
        >>> wib = dt.timezone(dt.timedelta(hours=7))
        >>> c = create(title="Lampu mati", description="PJU mati di Jl. Darmo",
        ...            created_at=dt.datetime(2025, 3, 3, 9, 0, tzinfo=wib))
        >>> c = apply(c, Action.VERIFY, by=Role.AGENCY_ADMIN, agency="Dinas PU",
        ...           at=dt.datetime(2025, 3, 3, 10, 0, tzinfo=wib))
        >>> c.status.label
        'Terdisposisi Belum Ditindaklanjuti'
    """
    try:
        function = _DISPATCH[Action(action)]
    except ValueError:
        allowed = ", ".join(ACTION_ORDER)
        raise InvalidInputError(f"unknown action {action!r}; allowed: {allowed}") from None
    target = follow_up if function in (_apply_follow_up, _apply_complete) else function
    try:
        inspect.signature(target).bind(c, **kwargs)
    except TypeError as exc:  # names the argument only, never its value
        raise InvalidInputError(
            f"bad arguments for action {Action(action).value}: {exc}; "
            f"pass the keyword arguments of lifecycle.{target.__name__}"
        ) from None
    return function(c, **kwargs)
