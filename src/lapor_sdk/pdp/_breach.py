"""Notice of a personal-data protection failure (UU 27/2022 Pasal 46).

Pasal 46 (1): written notice within 3 x 24 hours to the subjects and to the authority
(*lembaga*); (2) at least: the personal data disclosed, when and how it was disclosed, and
the controller's efforts to handle it and recover; (3) in some cases the public is told.
The stored text gives no starting point for the 3 x 24 hours: the SDK counts from the moment
the controller learned of the failure (``discovered_at``), the reading that the notice can be
written at all; pass the occurrence instead if your counsel reads it so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import plain_language
from .._exceptions import InvalidInputError
from ..models import Reporter
from ..sla import SlaClock, SlaResult, WorkingCalendar
from ._adapters import StoreAdapter
from ._law import BREACH_TARGET

__all__ = ["AffectedSubject", "BreachIncident", "BreachNotice", "breach_notice"]

_MAX_TEXT = 2000


@dataclass(frozen=True)
class BreachIncident:
    """What happened, as the controller knows it."""

    discovered_at: dt.datetime
    """When the controller learned of it: the 3 x 24 h clock starts here."""
    how: str
    """How the data was disclosed (plain Indonesian)."""
    data_kinds: tuple[str, ...]
    """Which personal data was disclosed (``("nama", "nomor telepon")``)."""
    measures: str
    """What the controller does to handle it and recover (plain Indonesian)."""
    controller: str
    """The controller's name (the agency)."""
    contact: str
    """Where subjects ask questions (a phone number or address of the agency's officer)."""
    occurred_at: dt.datetime | None = None
    """When it happened, if known."""
    stores: tuple[str, ...] | None = None
    """Stores affected (``None``: every store given)."""
    created_from: dt.datetime | None = None
    """Only records created at or after this instant were affected."""
    created_until: dt.datetime | None = None
    """Only records created before this instant were affected."""

    def __post_init__(self) -> None:
        for name in ("discovered_at", "occurred_at", "created_from", "created_until"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise InvalidInputError(f"{name} must be timezone-aware")
        for name in ("how", "measures", "controller", "contact"):
            text = getattr(self, name)
            if not text.strip() or len(text) > _MAX_TEXT:
                raise InvalidInputError(f"{name} must be 1-{_MAX_TEXT} characters")
        if not self.data_kinds or any(not k.strip() or len(k) > 100 for k in self.data_kinds):
            raise InvalidInputError("data_kinds must name the data disclosed (each ≤ 100 chars)")


@dataclass(frozen=True)
class AffectedSubject:
    """One person whose data was in an affected record, with how to reach them."""

    person: Reporter = field(repr=False)
    """Their identity and contact as the stores hold it."""
    records: tuple[tuple[str, str], ...] = field(repr=False)
    """``(store, record id)`` of the records concerned (an id can hold a phone number: not
    in ``repr``)."""

    @property
    def reachable(self) -> bool:
        """Whether a phone number or e-mail address is on record."""
        return self.person.has_contact


@dataclass(frozen=True)
class BreachNotice:
    """The deadline, the people to notify and the notice texts."""

    incident: BreachIncident
    """The incident."""
    deadline: dt.datetime
    """``discovered_at`` + 3 x 24 hours."""
    affected: tuple[AffectedSubject, ...]
    """People to notify (contact data: for the controller's staff only)."""
    subject_text: str
    """The notice to each subject."""
    authority_text: str
    """The notice to the authority (lembaga)."""
    source: str = BREACH_TARGET.source
    """The article the deadline comes from."""

    def status(self, now: dt.datetime, *, tz: str = "Asia/Jakarta") -> SlaResult:
        """Where the 3 x 24 h deadline stands at ``now``."""
        clock = SlaClock(
            calendar=WorkingCalendar.indonesia(tz=tz),
            target=BREACH_TARGET.target,
            started_at=self.incident.discovered_at,
        )
        return clock.result(now, stage="breach_notice")

    def findings(self) -> list[plain_language.Finding]:
        """Plain-language findings in the two texts (empty when they read well)."""
        return plain_language.check_text(self.subject_text) + plain_language.check_text(
            self.authority_text
        )


def _key(person: Reporter) -> str:
    return person.nik or person.phone or (person.email or "").lower() or ""


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _texts(incident: BreachIncident, count: int, tz: str) -> tuple[str, str]:
    when = plain_language.format_datetime
    data = ", ".join(incident.data_kinds)
    occurred = (
        f"Kejadian terjadi pada {when(incident.occurred_at, tz)}. "
        if incident.occurred_at
        else "Waktu kejadian belum diketahui. "
    )
    facts = (
        f"Data pribadi yang terungkap: {data}.\n\n"
        f"{occurred}Kami mengetahuinya pada {when(incident.discovered_at, tz)}.\n\n"
        f"Cara data terungkap: {_sentence(incident.how)}\n\n"
        f"Upaya penanganan dan pemulihan: {_sentence(incident.measures)}\n\n"
    )
    subject = (
        "Pemberitahuan kegagalan pelindungan data pribadi\n\n"
        f"Kami, {incident.controller}, memberi tahu Anda bahwa data pribadi Anda ikut terungkap. "
        "Pemberitahuan ini kami kirim sesuai UU 27/2022 Pasal 46.\n\n"
        + facts
        + f"Jika ada pertanyaan, hubungi {_sentence(incident.contact)}\n"
    )
    authority = (
        "Pemberitahuan kegagalan pelindungan data pribadi kepada lembaga\n\n"
        f"Pengendali data pribadi: {incident.controller}. "
        "Pemberitahuan ini kami kirim sesuai UU 27/2022 Pasal 46 ayat (1) huruf b.\n\n"
        + facts
        + f"Jumlah orang yang terdampak: {count}. Setiap orang menerima pemberitahuan tertulis.\n\n"
        f"Narahubung: {_sentence(incident.contact)}\n"
    )
    return subject, authority


def breach_notice(
    incident: BreachIncident,
    stores: Sequence[StoreAdapter],
    *,
    tz: str = "Asia/Jakarta",
) -> BreachNotice:
    """Find the people affected and write the notices of Pasal 46.

    Args:
        incident: What happened and which records it reached.
        stores: Store adapters to search.
        tz: Zone the texts write times in (WIB, WITA, WIT by IANA name).
    """
    people: dict[str, tuple[Reporter, list[tuple[str, str]]]] = {}
    for adapter in stores:
        if incident.stores is not None and adapter.name not in incident.stores:
            continue
        for record in adapter.records():
            if incident.created_from and record.created_at < incident.created_from:
                continue
            if incident.created_until and record.created_at >= incident.created_until:
                continue
            person = record.person
            if person is None or not _key(person):
                continue
            entry = people.setdefault(_key(person), (person, []))
            entry[1].append((adapter.name, record.record_id))
    affected = tuple(AffectedSubject(p, tuple(r)) for p, r in people.values())
    subject_text, authority_text = _texts(incident, len(affected), tz)
    deadline = incident.discovered_at + BREACH_TARGET.target.as_timedelta()
    return BreachNotice(incident, deadline, affected, subject_text, authority_text)
