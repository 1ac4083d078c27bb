"""Erasure and anonymisation of one subject across every store, keeping the statistics."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .._exceptions import InvalidInputError
from .._personal._redact import scrub
from ._adapters import ScrubsMentions, StoreAdapter
from ._law import HoldGround, RequestKind
from ._requests import NationalCopyFlag, PdpRegister, SubjectRequest, complete, start
from ._subject import DataSubject

__all__ = ["ErasureReport", "StoreErasure", "erase_subject", "fulfil_erasure", "widen"]

_log = logging.getLogger("lapor_sdk.pdp")


@dataclass(frozen=True)
class StoreErasure:
    """What one store did (in one transaction)."""

    store: str
    """Adapter name."""
    anonymised: tuple[str, ...]
    """Ids of the records anonymised (personal data in an id scrubbed)."""
    held: tuple[tuple[str, HoldGround], ...]
    """Ids of the records kept for now, with the ground of the law."""
    mentions: int = 0
    """Other people's records the subject was scrubbed out of (a text naming them)."""


@dataclass(frozen=True)
class ErasureReport:
    """The outcome of an erasure across stores; it carries ids only, no personal data."""

    request_id: str
    """The request it answers (or a retention run's id)."""
    at: dt.datetime
    """When it ran."""
    stores: tuple[StoreErasure, ...]
    """Per store."""
    national_copies: tuple[NationalCopyFlag, ...]
    """Reports whose copy in SP4N-LAPOR! the operator must have erased."""

    @property
    def anonymised(self) -> int:
        """Records anonymised, all stores."""
        return sum(len(s.anonymised) for s in self.stores)

    @property
    def held(self) -> int:
        """Records kept because a law requires it, all stores."""
        return sum(len(s.held) for s in self.stores)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "request_id": self.request_id,
            "at": self.at.isoformat(),
            "anonymised": self.anonymised,
            "held": self.held,
            "stores": [
                {
                    "store": s.store,
                    "anonymised": list(s.anonymised),
                    "held": [
                        {"record_id": r, "ground": g.value, "reason": g.label} for r, g in s.held
                    ],
                    "mentions_scrubbed": s.mentions,
                }
                for s in self.stores
            ],
            "national_copies": [f.model_dump(mode="json") for f in self.national_copies],
        }


def erase_subject(
    subject: DataSubject,
    stores: Sequence[StoreAdapter],
    *,
    request_id: str,
    at: dt.datetime | None = None,
    force: bool = False,
    legal_holds: Iterable[str] = (),
) -> ErasureReport:
    """Anonymise every record of ``subject`` in ``stores``, one transaction per store.

    Other people's records that name the subject or quote their number (a neighbour's
    complaint) are scrubbed of the subject only, in stores that can (:class:`ScrubsMentions`).
    Records a law requires to keep are left as they are and listed with the ground
    (an open complaint or information request; ``legal_holds``: record ids tied to a legal
    case, UU 27/2022 Pasal 44 ayat (1) huruf c). Records filed with the national system are
    flagged for the operator with ``request_id``: the SDK cannot erase the national copy.

    Args:
        subject: Whose data.
        stores: The store adapters to search (see :func:`open_store`).
        request_id: The request this answers (quoted in the national-copy flags).
        at: When (default now).
        force: Anonymise open records too (only when the law no longer requires them).
        legal_holds: Record ids to keep because of a legal case.

    Returns:
        Ids of what was anonymised and kept, per store — never the personal data itself.
    """
    at = at or dt.datetime.now(dt.UTC)
    if at.tzinfo is None:
        raise InvalidInputError("at must be timezone-aware")
    case = set(legal_holds)
    results: list[StoreErasure] = []
    flags: list[NationalCopyFlag] = []
    flagged: set[str] = set()
    for adapter in stores:
        erasable: list[str] = []
        shown: list[str] = []  # ids as the report may show them: a key can hold a phone
        held: list[tuple[str, HoldGround]] = []
        found = adapter.find(subject)
        for record in found:
            safe = scrub(record.record_id, known=subject.known(record.person))
            if record.record_id in case:
                held.append((safe, HoldGround.LEGAL_CASE))
            elif record.hold is not None and not force:
                held.append((safe, record.hold))
            else:
                erasable.append(record.record_id)
                shown.append(safe)
                if record.tracking_id and record.tracking_id not in flagged:
                    flagged.add(record.tracking_id)  # one flag per national report
                    flags.append(
                        NationalCopyFlag(
                            tracking_id=record.tracking_id,
                            request_id=request_id,
                            store=adapter.name,
                        )
                    )
        count = adapter.anonymise(erasable, subject=subject)
        mentions = 0
        if isinstance(adapter, ScrubsMentions):
            people = [r.person for r in found if r.person is not None]
            mentions = adapter.scrub_mentions(subject, people, skip=[r.record_id for r in found])
        _log.info(
            "erasure %s: %d record(s) anonymised, %d kept in store %s",
            request_id,
            count,
            len(held),
            adapter.name,
        )
        results.append(StoreErasure(adapter.name, tuple(shown), tuple(held), mentions))
    return ErasureReport(request_id, at, tuple(results), tuple(flags))


def widen(subject: DataSubject, stores: Sequence[StoreAdapter]) -> DataSubject:
    """Return ``subject`` with the other identifiers its records show (asked by phone, the
    records also give the NIK), so that erasure reaches everything about the person."""
    values = {f: getattr(subject, f) for f in ("nik", "phone", "email", "name", "address")}
    for adapter in stores:
        for record in adapter.find(subject):
            person = record.person
            for name in values:
                if values[name] is None and person is not None:
                    values[name] = getattr(person, name, None)
    return DataSubject.model_validate(values)


def fulfil_erasure(
    request: SubjectRequest,
    stores: Sequence[StoreAdapter],
    register: PdpRegister,
    *,
    at: dt.datetime,
    force: bool = False,
    legal_holds: Iterable[str] = (),
) -> tuple[SubjectRequest, ErasureReport]:
    """Carry out an erasure (or consent-withdrawal) request and record the outcome.

    When nothing is kept, the request is DONE and the subject's identifiers are removed
    from every request about them in the register; when a law keeps some records, the
    request stays IN_PROGRESS (with the grounds in its history) and keeps the identifiers
    to finish later. The subject is first widened with the identifiers its records show
    (:func:`widen`).

    Raises:
        InvalidInputError: The request is not an erasure/withdrawal or has no subject left.
    """
    if request.kind not in (RequestKind.ERASURE, RequestKind.CONSENT_WITHDRAWAL):
        raise InvalidInputError(
            f"request {request.id} is a {request.kind.value} request; only erasure and "
            "consent_withdrawal requests erase data"
        )
    if request.subject is None:
        raise InvalidInputError(f"request {request.id} was already carried out (no subject left)")
    subject = widen(request.subject, stores)
    report = erase_subject(
        subject,
        stores,
        request_id=request.id,
        at=at,
        force=force,
        legal_holds=legal_holds,
    )
    flags = tuple(dict.fromkeys((*request.national_copies, *report.national_copies)))
    updated = request.model_copy(update={"national_copies": flags})
    note = f"{report.anonymised} data dianonimkan"
    if flags:
        note += f"; {len(flags)} salinan nasional perlu dihapus operator"
    if report.held:
        grounds = sorted({g.label for s in report.stores for _, g in s.held})
        note += f"; {report.held} data ditahan: " + "; ".join(grounds)
        if updated.state.value == "received":
            updated = start(updated, at=at, note=note[:2000])
        register.save(updated)
        return updated, report
    updated = complete(updated, at=at, note=note[:2000])
    register.save(updated)
    register.forget(subject)
    return register.get(updated.id), report
