"""Restricting a subject's processing (UU 27/2022 Pasal 41), and lifting it.

Pasal 41 (1): the controller delays or restricts processing, in part or whole, within
3 x 24 hours of the subject's request; (2) unless a law requires the processing, it endangers
another party's safety, or a written agreement forbids it; (3) the subject is told once it is
done. Restriction keeps the data (it is not erasure): the stores record a **restriction
mark** (``pdp_restrictions``: digests of the NIK, phone and e-mail, the request id, since
when — no contact data), and the code that processes reporters' data checks it:

- the sync engine holds the subject's unsent outbox rows and every row queued for them
  later (``SyncStatus.restricted``), and sends them once the restriction is lifted;
- :func:`is_restricted` lets the agency's own code (triage training on its register, a
  spreadsheet or Open311 export it builds) skip a restricted reporter.

Access, correction, erasure, retention and the breach notice go on as before: they are the
subject's own rights or duties of the law, not processing the restriction stops.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from sqlalchemy.engine import Connection, Engine

from .._exceptions import InvalidInputError
from ..models import Reporter
from ._adapters import StoreAdapter
from ._erase import widen
from ._law import RequestKind
from ._requests import PdpRegister, SubjectRequest, complete
from ._subject import DataSubject

__all__ = [
    "RestrictableStore",
    "RestrictionReport",
    "fulfil_restriction",
    "is_restricted",
    "lift_restriction",
    "restrict_subject",
]


@runtime_checkable
class RestrictableStore(Protocol):
    """A store whose processing of one subject can be restricted (implement it beside
    :class:`StoreAdapter`)."""

    @property
    def name(self) -> str:
        """Short name of the store."""
        ...

    def restrict(self, subject: DataSubject, *, request_id: str, at: dt.datetime) -> int:
        """Mark ``subject`` restricted; return how many of their records it covers."""
        ...

    def lift_restriction(self, subject: DataSubject) -> int:
        """Remove the mark; return how many records it covered."""
        ...


@dataclass(frozen=True)
class RestrictionReport:
    """What a restriction (or its lifting) did, per store; ids and counts, no personal data."""

    request_id: str
    """The request it answers."""
    at: dt.datetime
    """When it ran."""
    lifted: bool
    """Whether this lifted a restriction (else it set one)."""
    stores: tuple[tuple[str, int], ...]
    """Per store that honours restriction: how many of the subject's records it covers."""
    not_covered: tuple[str, ...]
    """Stores without restriction support: their processing is not stopped by the SDK."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "request_id": self.request_id,
            "at": self.at.isoformat(),
            "lifted": self.lifted,
            "stores": [{"store": s, "records": n} for s, n in self.stores],
            "not_covered": list(self.not_covered),
        }


def _run(
    subject: DataSubject,
    stores: Sequence[StoreAdapter],
    *,
    request_id: str,
    at: dt.datetime,
    lift: bool,
) -> RestrictionReport:
    if at.tzinfo is None:
        raise InvalidInputError("at must be timezone-aware")
    wide = widen(subject, stores)
    done: list[tuple[str, int]] = []
    skipped: list[str] = []
    for adapter in stores:
        if not isinstance(adapter, RestrictableStore):
            if adapter.name != "pdp_requests":  # the register is the PDP processing itself
                skipped.append(adapter.name)
            continue
        if lift:
            done.append((adapter.name, adapter.lift_restriction(wide)))
        else:
            done.append((adapter.name, adapter.restrict(wide, request_id=request_id, at=at)))
    return RestrictionReport(request_id, at, lift, tuple(done), tuple(skipped))


def restrict_subject(
    subject: DataSubject,
    stores: Sequence[StoreAdapter],
    *,
    request_id: str,
    at: dt.datetime,
) -> RestrictionReport:
    """Restrict the processing of ``subject``'s data in every store that supports it.

    The subject is first widened with the identifiers their records show (asked by phone,
    the NIK is marked too). Stores without support are listed in ``not_covered``.
    """
    return _run(subject, stores, request_id=request_id, at=at, lift=False)


def lift_restriction(
    subject: DataSubject,
    stores: Sequence[StoreAdapter],
    *,
    request_id: str,
    at: dt.datetime,
) -> RestrictionReport:
    """Lift ``subject``'s restriction: held outbox rows are sent again."""
    return _run(subject, stores, request_id=request_id, at=at, lift=True)


def fulfil_restriction(
    request: SubjectRequest,
    stores: Sequence[StoreAdapter],
    register: PdpRegister,
    *,
    at: dt.datetime,
) -> tuple[SubjectRequest, RestrictionReport]:
    """Carry out a restriction request and mark it done (Pasal 41 (3): tell the subject).

    Raises:
        InvalidInputError: Not a restriction request, or no subject left.
    """
    if request.kind is not RequestKind.RESTRICTION:
        raise InvalidInputError(
            f"request {request.id} is a {request.kind.value} request, not a restriction"
        )
    if request.subject is None:
        raise InvalidInputError(f"request {request.id} no longer holds a subject (erased)")
    report = restrict_subject(request.subject, stores, request_id=request.id, at=at)
    note = f"pemrosesan dibatasi di {len(report.stores)} tempat penyimpanan"
    if report.not_covered:
        note += "; tanpa dukungan pembatasan: " + ", ".join(report.not_covered)
    done = complete(request, at=at, note=note[:2000])
    register.save(done)
    return done, report


def is_restricted(person: Reporter | DataSubject | None, target: Engine | Connection) -> bool:
    """Tell whether ``person``'s processing is restricted in the database ``target``.

    Example:
        >>> todo = [c for c in complaints if not pdp.is_restricted(c.reporter, engine)]
        ... # doctest: +SKIP
    """
    from ..storage._restrictions import is_restricted as marked

    if isinstance(person, DataSubject):
        person = Reporter(nik=person.nik, phone=person.phone, email=person.email)
    return marked(target, person)
