"""Typed records of the PPID regime: the request, its answer, objection and dispute.

Change a request only through :mod:`lapor_sdk.ppid`'s lifecycle functions, which check the
move and append a :class:`PpidEvent`. The requester's personal data (name, NIK, phone,
e-mail, address, occupation) never shows in ``repr``/``str``, logs or error messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Self

from pydantic import AwareDatetime, Field, model_validator

from ..models import PERSONAL_FIELDS, Channel, Reporter
from ..models._base import InputModel, ValueModel
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

__all__ = [
    "MAX_TEXT",
    "REQUESTER_FIELDS",
    "Decision",
    "Dispute",
    "Extension",
    "InformationRequest",
    "Objection",
    "ObjectionAnswer",
    "PpidEvent",
    "Requester",
]

#: Longest free text (information asked, consequence test, answers), in characters.
MAX_TEXT = 10_000
#: Requester fields that are personal data: never in repr, str, logs, errors or public views.
REQUESTER_FIELDS = (*PERSONAL_FIELDS, "occupation")

Number = Annotated[
    str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9./:_-]*$")
]
Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]


class Requester(Reporter):
    """The person or body asking for information (Pemohon Informasi Publik).

    The same personal fields as :class:`~lapor_sdk.models.Reporter` — validated, normalised,
    hidden from ``repr``/``str`` and from validation errors — plus the occupation the
    register asks for (UU 14/2008 Pasal 22 ayat (2): the body records name and address).

    Example:
        >>> Requester(name="Siti", phone="0812-3456-7890")
        Requester(name=<redacted>, phone=<redacted>)
    """

    occupation: str | None = Field(default=None, max_length=200, repr=False)
    """Pekerjaan, as the register records it."""

    def __repr__(self) -> str:
        shown = ", ".join(f"{f}=<redacted>" for f in REQUESTER_FIELDS if getattr(self, f))
        rid = f"reporter_id={self.reporter_id!r}" if self.reporter_id else ""
        return f"Requester({', '.join(p for p in (rid, shown) if p)})"

    def __str__(self) -> str:
        return self.__repr__()


class Extension(ValueModel):
    """The one extension of the answer time (UU 14/2008 Pasal 22 ayat (8))."""

    at: AwareDatetime
    """When the written notice of extension was sent."""
    days: int = Field(ge=1, le=7)
    """Working days added (at most 7)."""
    reason: Text
    """The written reason the law requires."""


class Decision(ValueModel):
    """The written notice answering the request (UU 14/2008 Pasal 22 ayat (7)).

    A rejection as exempt information, or a partial grant with parts blacked out, names the
    grounds of Pasal 17 and records the consequence test (Pasal 19, Pasal 2 ayat (4)).
    """

    at: AwareDatetime
    """When the notice was sent."""
    kind: DecisionKind
    """Granted, partly granted, rejected as exempt, not held, not yet documented."""
    grounds: tuple[ExemptionGround, ...] = Field(default=(), max_length=10)
    """Pasal 17 grounds of what is withheld (required for a rejection or partial grant)."""
    consequence_test: str | None = Field(default=None, max_length=MAX_TEXT)
    """Summary of the consequence test behind the exemption (uji konsekuensi)."""
    holder: str | None = Field(default=None, max_length=200)
    """For information not held here: the public body that holds it, if known."""
    cost: int = Field(default=0, ge=0, le=1_000_000_000)
    """Copying and sending costs charged, in rupiah (the information itself is free)."""
    note: str | None = Field(default=None, max_length=MAX_TEXT)
    """What is given and how (materi, format, cara penyampaian), or other explanation."""

    @model_validator(mode="after")
    def _check_grounds(self) -> Self:
        withholds = self.kind in (DecisionKind.REJECTED_EXEMPT, DecisionKind.PARTLY_GRANTED)
        if withholds:
            if not self.grounds:
                raise ValueError(
                    f"a {self.kind.value} decision must name the Pasal 17 ground(s) of what is "
                    "withheld (letters a-j)"
                )
            if not (self.consequence_test and self.consequence_test.strip()):
                raise ValueError(
                    f"a {self.kind.value} decision must record the consequence test "
                    "(uji konsekuensi, UU 14/2008 Pasal 19)"
                )
        elif self.grounds:
            raise ValueError(
                f"a {self.kind.value} decision withholds nothing; Pasal 17 grounds apply only "
                "to rejected_exempt and partly_granted"
            )
        if len(set(self.grounds)) != len(self.grounds):
            raise ValueError("each Pasal 17 ground may be named once")
        return self


class ObjectionAnswer(ValueModel):
    """The atasan PPID's written answer to an objection (UU 14/2008 Pasal 36 ayat (2)–(3))."""

    at: AwareDatetime
    """When the answer was given."""
    outcome: ObjectionOutcome
    """Upheld (the PPID's decision stands), granted or partly granted."""
    text: Text
    """The answer; when it upholds the PPID, the written reasons (Pasal 36 ayat (3))."""
    superior: str | None = Field(default=None, max_length=200)
    """Name and position of the atasan PPID (an official, for the objection register)."""


class Objection(ValueModel):
    """An objection (keberatan) to the atasan PPID (UU 14/2008 Pasal 35–36)."""

    number: Number
    """Registration number of the objection."""
    received_at: AwareDatetime
    """When the written objection was received."""
    reasons: tuple[ObjectionReason, ...] = Field(min_length=1, max_length=7)
    """Pasal 35 ayat (1) reasons (letters a-g)."""
    reason_arose_at: AwareDatetime
    """When the reason was found: the 30-working-day filing window runs from here."""
    statement: str | None = Field(default=None, max_length=MAX_TEXT)
    """The requester's account of the case (kasus posisi)."""
    answer: ObjectionAnswer | None = None
    """The atasan PPID's answer, once given."""

    @model_validator(mode="after")
    def _unique(self) -> Self:
        if len(set(self.reasons)) != len(self.reasons):
            raise ValueError("each Pasal 35 reason may be named once")
        return self


class Dispute(ValueModel):
    """An information dispute (sengketa informasi) at the Komisi Informasi (Pasal 37–38)."""

    filed_at: AwareDatetime
    """When the requester filed it with the Komisi Informasi."""
    commission: str = Field(min_length=1, max_length=200)
    """Which Komisi Informasi (Pusat, provinsi or kabupaten/kota)."""
    number: str | None = Field(default=None, max_length=100)
    """The commission's registration number, when known."""
    outcome: DisputeOutcome | None = None
    """How it ended, once it has."""
    settled_at: AwareDatetime | None = None
    """When it ended."""
    note: str | None = Field(default=None, max_length=MAX_TEXT)
    """Summary of the mediation agreement or decision."""


class PpidEvent(ValueModel):
    """One entry of a request's history; every lifecycle action appends one."""

    at: AwareDatetime
    """When it happened."""
    action: PpidAction
    """What happened."""
    actor: PpidRole
    """Who did it."""
    from_status: RequestStatus | None = None
    """Status before (``None`` for the registration)."""
    to_status: RequestStatus
    """Status after."""
    note: str | None = Field(default=None, max_length=2000)
    """Short note (decision kind, reasons)."""


class InformationRequest(InputModel):
    """A public information request as the PPID's register keeps it.

    Example:
        >>> import datetime as dt
        >>> from lapor_sdk.ppid import register
        >>> wib = dt.timezone(dt.timedelta(hours=7))
        >>> r = register(number="PPID/2025/0001", requester=Requester(name="Siti"),
        ...              information="Dokumen RKA Dinas PU 2025",
        ...              received_at=dt.datetime(2025, 3, 3, 9, 0, tzinfo=wib))
        >>> r.status.label
        'Terdaftar, menunggu jawaban'
    """

    number: Number
    """Registration number given at receipt (UU 14/2008 Pasal 22 ayat (4))."""
    received_at: AwareDatetime
    """When the request was received; the answer time runs from here."""
    requester: Requester
    """Who asks; personal data, shown only to the PPID."""
    information: Text
    """The information asked for (rincian informasi)."""
    purpose: str | None = Field(default=None, max_length=2000)
    """Why it is asked (tujuan penggunaan informasi)."""
    kind: RequestKind = RequestKind.COPY
    """To view it or to get a copy."""
    channel: Channel = Channel.FACE_TO_FACE
    """How the request came in."""
    source_ref: str | None = Field(default=None, max_length=200)
    """The LAPOR! report it came from (tracking id), if any."""
    status: RequestStatus = RequestStatus.REGISTERED
    """Where the request stands."""
    extension: Extension | None = None
    """The extension of the answer time, if any (at most once)."""
    decision: Decision | None = None
    """The written answer, once sent."""
    objection: Objection | None = None
    """The objection to the atasan PPID, if any."""
    dispute: Dispute | None = None
    """The dispute at the Komisi Informasi, if any."""
    events: list[PpidEvent] = Field(default_factory=list, max_length=100)
    """Full history, oldest first."""

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # The information asked is free text that may carry personal data: scrub it (the
        # requester's own name and address too); never show the requester's identity.
        from ._privacy import scrub_public

        yield "number", self.number
        yield "status", self.status.value
        yield "received_at", self.received_at.isoformat()
        yield "information", scrub_public(self.information, self.requester)[:80]
        yield "requester", self.requester
        yield "events", len(self.events)
