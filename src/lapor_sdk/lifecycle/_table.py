"""The LAPOR! status machine as data: actions, who may take them, and where they lead."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from .._exceptions import InvalidInputError
from ..models import EventKind, Role, Status

__all__ = [
    "RESPONSE_WINDOW_WORKING_DAYS",
    "ROLES",
    "TRANSITIONS",
    "Action",
    "ArchiveReason",
    "allowed_actions",
]

#: Working days the reporter has to reply after the completing follow-up; when they pass in
#: silence the report is finished (DOMAIN.md, "Deadlines": "a report is finished when 10 working
#: days pass after the follow-up with no reply from the reporter"). The SLA engine turns this
#: into a deadline on the agency's calendar; :func:`close_if_due` applies it.
RESPONSE_WINDOW_WORKING_DAYS = 10


class Action(StrEnum):
    """Something a role does to a report; each one appends one :class:`~lapor_sdk.models.Event`.

    ``FOLLOW_UP`` is an interim answer of the handling unit and ``COMPLETE`` the final one
    (``follow_up(..., final=True)``), so the table stays a pure function of (status, action).
    """

    VERIFY = "verify"
    POSTPONE = "postpone"
    SUPPLEMENT = "supplement"
    FORWARD = "forward"
    DISPOSE = "dispose"
    ARCHIVE = "archive"
    FOLLOW_UP = "follow_up"
    COMPLETE = "complete"
    REPLY = "reply"
    RATE = "rate"
    CLOSE = "close"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _ACTION_LABELS[self]

    @property
    def event_kind(self) -> EventKind:
        """The kind of the event this action appends."""
        return _ACTION_EVENTS[self]


_ACTION_LABELS = {
    Action.VERIFY: "Verifikasi dan disposisi",
    Action.POSTPONE: "Tunda verifikasi",
    Action.SUPPLEMENT: "Lengkapi laporan",
    Action.FORWARD: "Bukan wewenang (teruskan)",
    Action.DISPOSE: "Disposisi ulang",
    Action.ARCHIVE: "Arsipkan",
    Action.FOLLOW_UP: "Tindak lanjut",
    Action.COMPLETE: "Tindak lanjut selesai",
    Action.REPLY: "Tanggapan pelapor",
    Action.RATE: "Penilaian pelapor",
    Action.CLOSE: "Tutup laporan",
}

_ACTION_EVENTS = {
    Action.VERIFY: EventKind.VERIFIED,
    Action.POSTPONE: EventKind.POSTPONED,
    Action.SUPPLEMENT: EventKind.SUPPLEMENTED,
    Action.FORWARD: EventKind.FORWARDED,
    Action.DISPOSE: EventKind.DISPOSED,
    Action.ARCHIVE: EventKind.ARCHIVED,
    Action.FOLLOW_UP: EventKind.FOLLOWED_UP,
    Action.COMPLETE: EventKind.COMPLETED,
    Action.REPLY: EventKind.REPLIED,
    Action.RATE: EventKind.RATED,
    Action.CLOSE: EventKind.CLOSED,
}


class ArchiveReason(StrEnum):
    """Why an admin archives a report at verification (Laporan Arsip)."""

    NOT_A_SERVICE_COMPLAINT = "not_a_service_complaint"
    TOO_GENERAL = "too_general"
    ABUSIVE = "abusive"
    DUPLICATE = "duplicate"
    OTHER = "other"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _ARCHIVE_LABELS[self]


_ARCHIVE_LABELS = {
    ArchiveReason.NOT_A_SERVICE_COMPLAINT: "Bukan pengaduan pelayanan publik",
    ArchiveReason.TOO_GENERAL: "Laporan terlalu umum",
    ArchiveReason.ABUSIVE: "Mengandung kata-kata kasar atau tidak pantas",
    ArchiveReason.DUPLICATE: "Laporan ganda (duplikasi)",
    ArchiveReason.OTHER: "Lainnya",
}

_ADMINS = frozenset({Role.NATIONAL_ADMIN, Role.AGENCY_ADMIN, Role.COORDINATOR_ADMIN})
_HANDLERS = frozenset({Role.LIAISON, Role.AGENCY_ADMIN})
_REPORTER = frozenset({Role.REPORTER})

#: (status, action) -> status after the action. A pair that is missing is an illegal move.
TRANSITIONS: Mapping[tuple[Status, Action], Status] = MappingProxyType(
    {
        # Verification by an admin (3 working days).
        (Status.UNVERIFIED, Action.VERIFY): Status.DISPOSED,
        (Status.UNVERIFIED, Action.POSTPONE): Status.POSTPONED,
        (Status.UNVERIFIED, Action.FORWARD): Status.DISPOSED,
        (Status.UNVERIFIED, Action.ARCHIVE): Status.ARCHIVED,
        # Postponed: the reporter completes it, or the admin gives up on it.
        (Status.POSTPONED, Action.SUPPLEMENT): Status.UNVERIFIED,
        (Status.POSTPONED, Action.ARCHIVE): Status.ARCHIVED,
        # Disposed, waiting for the unit's follow-up; may move on (no wrong door).
        (Status.DISPOSED, Action.DISPOSE): Status.DISPOSED,
        (Status.DISPOSED, Action.FORWARD): Status.DISPOSED,
        (Status.DISPOSED, Action.FOLLOW_UP): Status.IN_PROGRESS,
        (Status.DISPOSED, Action.COMPLETE): Status.COMPLETED,
        # Being handled.
        (Status.IN_PROGRESS, Action.FOLLOW_UP): Status.IN_PROGRESS,
        (Status.IN_PROGRESS, Action.COMPLETE): Status.COMPLETED,
        (Status.IN_PROGRESS, Action.REPLY): Status.IN_PROGRESS,
        (Status.IN_PROGRESS, Action.DISPOSE): Status.DISPOSED,
        (Status.IN_PROGRESS, Action.FORWARD): Status.DISPOSED,
        # Finished by the unit: the reporter may reply (reopens) and rate; the window closes it.
        (Status.COMPLETED, Action.REPLY): Status.IN_PROGRESS,
        (Status.COMPLETED, Action.RATE): Status.COMPLETED,
        (Status.COMPLETED, Action.CLOSE): Status.CLOSED,
        # Closed: only the rating may still be given or updated.
        (Status.CLOSED, Action.RATE): Status.CLOSED,
    }
)

#: action -> roles that may take it.
ROLES: Mapping[Action, frozenset[Role]] = MappingProxyType(
    {
        Action.VERIFY: _ADMINS,
        Action.POSTPONE: _ADMINS,
        # The admin may enter the missing details on the reporter's behalf (form manual).
        Action.SUPPLEMENT: _REPORTER | _ADMINS,
        Action.FORWARD: _ADMINS,
        Action.DISPOSE: _ADMINS,
        Action.ARCHIVE: _ADMINS,
        Action.FOLLOW_UP: _HANDLERS,
        Action.COMPLETE: _HANDLERS,
        Action.REPLY: _REPORTER,
        Action.RATE: _REPORTER,
        Action.CLOSE: frozenset({Role.SYSTEM}),
    }
)


def actions_from(status: Status) -> frozenset[Action]:
    """Return every action the table allows from ``status``, whoever takes it."""
    return frozenset(a for (s, a) in TRANSITIONS if s is status)


def allowed_actions(status: Status, role: Role) -> frozenset[Action]:
    """Return the actions ``role`` may take on a report in ``status``.

    Args:
        status: The report's current status.
        role: Who wants to act.

    Returns:
        The allowed actions; empty for a terminal status or a role with nothing to do there.

    Example:
        >>> sorted(allowed_actions(Status.COMPLETED, Role.REPORTER))
        [<Action.RATE: 'rate'>, <Action.REPLY: 'reply'>]
    """
    status, role = as_status(status), as_role(role)
    return frozenset(a for a in actions_from(status) if role in ROLES[a])


def as_status(value: Status | str) -> Status:
    """Return ``value`` as a :class:`Status`; a wire string is accepted, an unknown one refused."""
    try:
        return Status(value)
    except ValueError:
        allowed = ", ".join(s.value for s in Status)
        raise InvalidInputError(f"unknown status {value!r}; allowed: {allowed}") from None


def as_role(value: Role | str) -> Role:
    """Return ``value`` as a :class:`Role`; a wire string is accepted, an unknown one refused."""
    try:
        return Role(value)
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise InvalidInputError(f"unknown role {value!r}; allowed: {allowed}") from None


def ordered(items: frozenset[Action] | frozenset[Role], order: list[str]) -> str:
    """Join enum values in a stable, declaration order (``none`` when empty)."""
    names = [v for v in order if v in {str(i) for i in items}]
    return ", ".join(names) if names else "none"


ACTION_ORDER = [a.value for a in Action]
ROLE_ORDER = [r.value for r in Role]
