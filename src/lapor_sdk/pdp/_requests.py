"""Subject requests as typed records: lifecycle, 3 x 24-hour clocks, and their register.

```
RECEIVED --start--> IN_PROGRESS --complete--> DONE
RECEIVED / IN_PROGRESS --refuse (a ground of the law)--> REFUSED
RECEIVED --complete--> DONE
```

Each clock runs on calendar hours from the moment the controller received the request
(UU 27/2022 Pasal 30, 32 (2), 40, 41 (1)): holidays and office hours do not stop it, and it
is the same instant in WIB, WITA and WIT. At-risk and overdue come from the same
:class:`~lapor_sdk.sla.SlaClock` every other deadline of the SDK uses.
"""

from __future__ import annotations

import builtins
import datetime as dt
import os
import secrets
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from pydantic import AwareDatetime, Field
from sqlalchemy.engine import Engine

from .._exceptions import IllegalTransitionError, InvalidInputError
from ..models._base import ValueModel
from ..sla import DEFAULT_AT_RISK, SlaClock, SlaResult, StatutoryTarget, WorkingCalendar
from ..storage import create_engine, default_database_url
from ._law import PDP_TARGETS, RequestKind
from ._subject import DataSubject

__all__ = [
    "NationalCopyFlag",
    "PdpRegister",
    "RequestEvent",
    "RequestState",
    "SubjectRequest",
    "complete",
    "receive",
    "refuse",
    "request_clock",
    "request_status",
    "start",
]


class RequestState(StrEnum):
    """Where a subject request stands."""

    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    REFUSED = "refused"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _STATE_LABELS[self]

    @property
    def is_final(self) -> bool:
        """Whether nothing more happens to the request."""
        return self in (RequestState.DONE, RequestState.REFUSED)


_STATE_LABELS = {
    RequestState.RECEIVED: "Diterima",
    RequestState.IN_PROGRESS: "Sedang diproses",
    RequestState.DONE: "Selesai",
    RequestState.REFUSED: "Ditolak",
}

_MOVES: Mapping[RequestState, frozenset[RequestState]] = {
    RequestState.RECEIVED: frozenset(
        {RequestState.IN_PROGRESS, RequestState.DONE, RequestState.REFUSED}
    ),
    RequestState.IN_PROGRESS: frozenset({RequestState.DONE, RequestState.REFUSED}),
    RequestState.DONE: frozenset(),
    RequestState.REFUSED: frozenset(),
}


class RequestEvent(ValueModel):
    """One entry of a request's history (its processing record)."""

    at: AwareDatetime
    """When it happened."""
    state: RequestState
    """State after it."""
    note: str | None = Field(default=None, max_length=2000)
    """What was done, or the ground of a refusal (no personal data)."""


class NationalCopyFlag(ValueModel):
    """A copy held by the national SP4N-LAPOR! system that the SDK cannot erase.

    The operator asks the national administrator (KemenPANRB) to erase or anonymise it,
    quoting the request id.
    """

    tracking_id: str = Field(max_length=64)
    """The national tracking id of the report."""
    request_id: str = Field(max_length=64)
    """The subject request this flag comes from."""
    store: str = Field(max_length=100)
    """The local store whose record carries the tracking id."""


class SubjectRequest(ValueModel):
    """A data subject's request under UU 27/2022 (Pasal 14: a recorded application).

    ``subject`` is ``None`` once the subject's data has been erased: the record keeps which
    identifiers were given (``identified_by``), its history and its outcome, nothing that
    identifies the person.
    """

    id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9./:_-]*$")
    """Request id (``PDP-2025-…``)."""
    kind: RequestKind
    """Access, correction, erasure, restriction or consent withdrawal."""
    subject: DataSubject | None
    """Who it is about; ``None`` after erasure."""
    identified_by: tuple[str, ...] = ()
    """Which identifiers were given (``nik``, ``phone``, ``email``), without the values."""
    received_at: AwareDatetime
    """When the controller received it: the clock starts here."""
    state: RequestState = RequestState.RECEIVED
    """Current state."""
    events: tuple[RequestEvent, ...] = ()
    """History, oldest first."""
    national_copies: tuple[NationalCopyFlag, ...] = ()
    """Copies in the national system the operator must have erased (erasure requests)."""

    @property
    def target(self) -> StatutoryTarget:
        """The deadline preset of this kind, with its article."""
        return PDP_TARGETS[self.kind]

    @property
    def due_at(self) -> dt.datetime:
        """Receipt + 3 x 24 hours (in the zone of ``received_at``)."""
        return self.received_at + self.target.target.as_timedelta()

    @property
    def finished_at(self) -> dt.datetime | None:
        """When it reached DONE or REFUSED."""
        return next((e.at for e in reversed(self.events) if e.state.is_final), None)


def _new_id(at: dt.datetime) -> str:
    return f"PDP-{at.astimezone(dt.UTC):%Y%m%d}-{secrets.token_hex(4).upper()}"


def receive(
    kind: RequestKind | str,
    subject: DataSubject,
    *,
    received_at: dt.datetime,
    request_id: str | None = None,
) -> SubjectRequest:
    """Record a new request (Pasal 14): the clock starts at ``received_at``.

    Raises:
        NaiveDatetimeError: ``received_at`` is naive.
    """
    from ..sla._errors import require_aware

    require_aware(received_at, "received_at")
    return SubjectRequest(
        id=request_id or _new_id(received_at),
        kind=RequestKind(kind),
        subject=subject,
        identified_by=subject.identified_by,
        received_at=received_at,
        events=(RequestEvent(at=received_at, state=RequestState.RECEIVED, note=None),),
    )


def _move(
    request: SubjectRequest, to: RequestState, at: dt.datetime, note: str | None
) -> SubjectRequest:
    if to not in _MOVES[request.state]:
        allowed = ", ".join(sorted(s.value for s in _MOVES[request.state])) or "none"
        raise IllegalTransitionError(
            f"cannot move request {request.id} from {request.state.value.upper()} to "
            f"{to.value.upper()}; allowed: {allowed}"
        )
    if at < request.events[-1].at:
        raise InvalidInputError(
            f"request {request.id}: {at.isoformat()} is before its last event "
            f"({request.events[-1].at.isoformat()}); events go forward in time"
        )
    return request.model_copy(
        update={"state": to, "events": (*request.events, RequestEvent(at=at, state=to, note=note))}
    )


def start(request: SubjectRequest, *, at: dt.datetime, note: str | None = None) -> SubjectRequest:
    """Mark the request as being worked on."""
    return _move(request, RequestState.IN_PROGRESS, at, note)


def complete(
    request: SubjectRequest, *, at: dt.datetime, note: str | None = None
) -> SubjectRequest:
    """Mark the request as done (the data given, corrected, erased, restricted …)."""
    return _move(request, RequestState.DONE, at, note)


def refuse(request: SubjectRequest, *, at: dt.datetime, ground: str) -> SubjectRequest:
    """Refuse the request on a ground of the law (e.g. Pasal 33 for access).

    Raises:
        InvalidInputError: No ground given.
    """
    if not ground.strip():
        raise InvalidInputError(
            f"refusing request {request.id} needs the ground of the law (e.g. 'Pasal 33 huruf b')"
        )
    return _move(request, RequestState.REFUSED, at, ground.strip())


def request_clock(
    request: SubjectRequest,
    *,
    tz: str = "Asia/Jakarta",
    at_risk: float = DEFAULT_AT_RISK,
) -> SlaClock:
    """Return the request's clock: 3 x 24 clock hours from receipt, stopped when finished.

    Args:
        request: The request.
        tz: Zone the results are shown in (the deadline is the same instant in every zone).
        at_risk: Share of the 72 hours from which the request is AT_RISK.
    """
    calendar = WorkingCalendar.indonesia(tz=tz)  # clock hours: holidays do not matter
    clock = SlaClock(
        calendar=calendar, target=request.target.target, started_at=request.received_at,
        at_risk=at_risk,
    )  # fmt: skip
    finished = request.finished_at
    if finished is not None:
        clock.stop(finished)
    return clock


def request_status(
    request: SubjectRequest, now: dt.datetime, *, tz: str = "Asia/Jakarta"
) -> SlaResult:
    """Return where the request's deadline stands at ``now`` (on track, at risk, breached …)."""
    return request_clock(request, tz=tz).result(now, stage=request.kind.value)


# -- register --------------------------------------------------------------------------------

_metadata = sa.MetaData()

requests_table = sa.Table(
    "pdp_requests",
    _metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("state", sa.String(20), nullable=False),
    sa.Column("received_at", sa.String(40), nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
)


def _url(where: str | os.PathLike[str] | None) -> str:
    if isinstance(where, os.PathLike):
        return f"sqlite:///{os.fspath(where)}"
    if where is None or not where.strip():
        return default_database_url()
    where = where.strip()
    return where if "://" in where else f"sqlite:///{where}"


class PdpRegister:
    """The register of subject requests (Pasal 14 and 31: every request and what was done).

    It is a store of personal data too: erasing a subject removes the identifiers from every
    request about them (:meth:`forget`), keeping the requests' ids, kinds, dates and outcomes.

    Args:
        engine: A SQLAlchemy engine, a URL, a SQLite file path, or ``None`` for the default.
    """

    name = "pdp_requests"

    def __init__(self, engine: Engine | str | os.PathLike[str] | None = None) -> None:
        self.engine = engine if isinstance(engine, Engine) else create_engine(_url(engine))
        _metadata.create_all(self.engine)

    @staticmethod
    def _values(request: SubjectRequest) -> dict[str, Any]:
        return {
            "id": request.id,
            "kind": request.kind.value,
            "state": request.state.value,
            "received_at": request.received_at.astimezone(dt.UTC).isoformat(),
            "data": request.model_dump(mode="json"),
        }

    def save(self, request: SubjectRequest) -> SubjectRequest:
        """Insert or replace ``request``; return it."""
        values = self._values(request)
        with self.engine.begin() as conn:
            done = conn.execute(
                sa.update(requests_table)
                .where(requests_table.c.id == request.id)
                .values(**{k: v for k, v in values.items() if k != "id"})
            ).rowcount
            if not done:
                conn.execute(sa.insert(requests_table).values(**values))
        return request

    def get(self, request_id: str) -> SubjectRequest:
        """Return the request ``request_id``.

        Raises:
            InvalidInputError: No such request.
        """
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(requests_table.c.data).where(requests_table.c.id == request_id)
            ).first()
        if row is None:
            raise InvalidInputError(
                f"no request {request_id[:64]!r} in the register; `lapor pdp request --list` "
                "lists them"
            )
        return SubjectRequest.model_validate(row.data)

    def list(self, *, open_only: bool = False) -> list[SubjectRequest]:
        """Return the requests, oldest first (only those not finished with ``open_only``)."""
        stmt = sa.select(requests_table.c.data).order_by(
            requests_table.c.received_at, requests_table.c.id
        )
        if open_only:
            stmt = stmt.where(
                requests_table.c.state.in_([RequestState.RECEIVED, RequestState.IN_PROGRESS])
            )
        with self.engine.connect() as conn:
            return [SubjectRequest.model_validate(r.data) for r in conn.execute(stmt)]

    def about(self, subject: DataSubject) -> builtins.list[SubjectRequest]:
        """Return the requests whose subject is ``subject``."""
        return [r for r in self.list() if r.subject is not None and _same(r.subject, subject)]

    def forget(self, subject: DataSubject, *, keep: Iterable[str] = ()) -> int:
        """Remove ``subject``'s identifiers from every request about them, in one transaction.

        Args:
            subject: Whose identifiers to remove.
            keep: Request ids to leave as they are (none by default).

        Returns:
            How many requests were changed.
        """
        kept = set(keep)
        changed = 0
        with self.engine.begin() as conn:
            for row in conn.execute(sa.select(requests_table.c.data)).all():
                request = SubjectRequest.model_validate(row.data)
                if request.id in kept or request.subject is None:
                    continue
                if not _same(request.subject, subject):
                    continue
                values = self._values(request.model_copy(update={"subject": None}))
                conn.execute(
                    sa.update(requests_table)
                    .where(requests_table.c.id == request.id)
                    .values(data=values["data"])
                )
                changed += 1
        return changed


def _same(a: DataSubject, b: DataSubject) -> bool:
    return bool(
        (a.nik and a.nik == b.nik)
        or (a.phone and a.phone == b.phone)
        or (a.email and b.email and a.email.lower() == b.email.lower())
    )
