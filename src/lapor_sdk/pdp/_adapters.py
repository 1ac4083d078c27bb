"""Store adapters: how :mod:`lapor_sdk.pdp` finds, exports and anonymises one store's records.

Every store that holds reporters' personal data plugs in through :class:`StoreAdapter`:
``find`` (records of one subject), ``records`` (every record still holding personal data, for
retention and breach notices), ``anonymise`` (in **one transaction** of that store) and
``correct``. The SDK's own stores have adapters here (:class:`ComplaintStoreAdapter`,
:class:`PpidStoreAdapter`, :class:`RegisterAdapter`); ``hoax_clinic`` registers its
sightings adapter itself (the SDK never imports the clinic: :func:`open_store` loads a
plug-in module by name), and so does the sync outbox (``lapor_sdk.sync._pdp``, store
``"outbox"``); a new store adds one entry to :data:`PLUGINS` or calls :func:`register_store`.
A store whose processing can be restricted also offers ``restrict`` and ``lift_restriction``
(:class:`~lapor_sdk.pdp.RestrictableStore`).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from .._exceptions import InvalidInputError
from .._personal._redact import scrub
from ..models import Complaint, Reporter
from ..privacy._views import _scrub_model
from ..storage import ComplaintStore
from ..storage._complaints import CLOSED_STATUSES, complaints_table
from ._law import HoldGround
from ._requests import PdpRegister, SubjectRequest, requests_table
from ._subject import DataSubject

__all__ = [
    "ERASED",
    "PLUGINS",
    "ComplaintStoreAdapter",
    "PpidStoreAdapter",
    "RegisterAdapter",
    "ScrubsMentions",
    "StoreAdapter",
    "StoredRecord",
    "anonymise_complaint",
    "mention_scrubber",
    "open_store",
    "register_store",
]

#: What replaces a reporter's name once their data is erased.
ERASED = "[dihapus]"


@dataclass(frozen=True)
class StoredRecord:
    """One record of a store that holds a person's data."""

    store: str
    """Adapter name (``"complaints"``)."""
    record_id: str
    """The record's id in its store (local key, request number, sighting id)."""
    kind: str
    """What it is (``"complaint"``, ``"information_request"``, ``"hoax_sighting"``)."""
    created_at: dt.datetime
    """When it was made."""
    status: str
    """Its status in its own workflow."""
    classification: str | None = None
    """Its classification (complaints: pengaduan, aspirasi, permintaan informasi)."""
    closed_at: dt.datetime | None = None
    """When it was finished (retention counts from here); ``None`` while open."""
    hold: HoldGround | None = None
    """Why it must be kept for now, if a law says so."""
    tracking_id: str | None = None
    """National tracking id: a copy exists in SP4N-LAPOR! that the SDK cannot erase."""
    person: Reporter | None = field(default=None, repr=False)
    """The person in it (reporter, requester), to notify or to scrub."""
    data: Mapping[str, Any] = field(default_factory=dict, repr=False)
    """The record as the store keeps it (JSON-ready)."""
    events: tuple[Mapping[str, Any], ...] = field(default=(), repr=False)
    """Its processing record: what was done with it, when, by whom."""


@runtime_checkable
class StoreAdapter(Protocol):
    """What a store offers to :mod:`lapor_sdk.pdp` (implement it for a new store)."""

    @property
    def name(self) -> str:
        """Short name shown in exports and reports (``"complaints"``)."""
        ...

    def find(self, subject: DataSubject) -> list[StoredRecord]:
        """Return the records that hold ``subject``'s data."""
        ...

    def records(self) -> list[StoredRecord]:
        """Return every record that still holds someone's personal data."""
        ...

    def anonymise(self, record_ids: Sequence[str], *, subject: DataSubject | None) -> int:
        """Replace the personal data of the records in ONE transaction; return how many.

        Personal fields are replaced, free texts scrubbed of contact data and of the
        person's own strings (``subject``'s, and each record's own person), ids, dates,
        statuses and figures kept.
        """
        ...

    def correct(self, subject: DataSubject, changes: Mapping[str, str]) -> int:
        """Write corrected values (``{"phone": …, "name": …}``) into ``subject``'s records."""
        ...


@runtime_checkable
class ScrubsMentions(Protocol):
    """A store that can take an erased person out of *other people's* records (a neighbour's
    complaint that names her, quotes her phone number): implement it beside
    :class:`StoreAdapter`; :func:`~lapor_sdk.pdp.erase_subject` calls it."""

    def scrub_mentions(
        self, subject: DataSubject, people: Sequence[Reporter], *, skip: Sequence[str]
    ) -> int:
        """In one transaction, scrub ``subject``'s numbers, e-mail addresses and the names of
        ``subject`` and ``people`` (their own records' persons) from the free texts of every
        record not in ``skip``, keeping everyone else's data; return how many changed."""
        ...


def mention_scrubber(subject: DataSubject, people: Sequence[Reporter]) -> Callable[[str], str]:
    """A text function that removes ``subject`` (and ``people``) from a text and nobody else."""
    words = [v for v in (subject.name, subject.address) if v]
    for person in people:
        words += [v for v in (person.name, person.address) if v and v != ERASED]

    def keep(match: str) -> bool:
        return not subject.owns(match, people)

    return lambda text: scrub(text, known=words, keep=keep)


# -- complaints --------------------------------------------------------------------------------


def anonymise_complaint(complaint: Complaint, known: Sequence[str]) -> Complaint:
    """Return ``complaint`` without its reporter's identity, its figures untouched.

    The reporter becomes ``Reporter(name="[dihapus]")``; every free text (title,
    description, follow-ups, replies, event notes, file names, external ref) is scrubbed of
    phone numbers, e-mail addresses, NIKs and the ``known`` strings. Tracking id, dates,
    statuses, category, unit, region, rating and events stay as they were.
    """
    person = complaint.reporter
    words = list(known)
    if person is not None:
        words += [v for v in (person.name, person.phone, person.email, person.nik,
                              person.address) if v]  # fmt: skip
    scrubbed = _scrub_model(complaint, lambda t: scrub(t, known=words))
    return scrubbed.model_copy(
        update={"reporter": Reporter(name=ERASED) if person is not None else None}
    )


def _aware(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _with_local(subject: DataSubject | None, known: list[str]) -> list[str]:
    return (subject.known() if subject else []) + known


class ComplaintStoreAdapter:
    """The agency's complaint register (:class:`~lapor_sdk.storage.ComplaintStore`)."""

    name = "complaints"

    def __init__(self, store: ComplaintStore) -> None:
        self.store = store

    def _record(self, key: str, complaint: Complaint, closed_at: str | None) -> StoredRecord:
        open_ = complaint.status not in CLOSED_STATUSES
        return StoredRecord(
            store=self.name,
            record_id=key,
            kind="complaint",
            created_at=complaint.created_at,
            status=complaint.status.value,
            classification=complaint.classification.value,
            closed_at=_aware(closed_at),
            hold=HoldGround.OPEN_COMPLAINT if open_ else None,
            tracking_id=complaint.tracking_id,
            person=complaint.reporter,
            data=complaint.model_dump(mode="json"),
            events=tuple(e.model_dump(mode="json") for e in complaint.events),
        )

    def _rows(self, where: Any = None) -> list[StoredRecord]:
        t = complaints_table
        stmt = sa.select(t.c.key, t.c.data, t.c.closed_at).order_by(t.c.created_at, t.c.key)
        if where is not None:
            stmt = stmt.where(where)
        with self.store.engine.connect() as conn:
            rows = conn.execute(stmt).all()
        return [self._record(r.key, Complaint.model_validate(r.data), r.closed_at) for r in rows]

    def find(self, subject: DataSubject) -> list[StoredRecord]:
        """Return the complaints whose reporter is ``subject`` (by digest, then checked)."""
        person = Reporter(nik=subject.nik, phone=subject.phone, email=subject.email)
        from ..storage._complaints import subject_digests

        found = self.store.find_by_digests(subject_digests(person))
        return [
            self._record(key, c, None if c.status not in CLOSED_STATUSES else _closed(c))
            for key, c in found
            if subject.matches(c.reporter)
        ]

    def records(self) -> list[StoredRecord]:
        """Return the complaints not anonymised yet."""
        return [r for r in self._rows(complaints_table.c.anonymised_at.is_(None)) if r.person]

    def anonymise(self, record_ids: Sequence[str], *, subject: DataSubject | None) -> int:
        """Anonymise the complaints ``record_ids`` in one transaction."""
        if not record_ids:
            return 0
        t = complaints_table
        now = dt.datetime.now(dt.UTC)
        count = 0
        with self.store.engine.begin() as conn:
            stmt = sa.select(t.c.key, t.c.data).where(t.c.key.in_(list(record_ids)))
            for row in conn.execute(stmt).all():
                complaint = Complaint.model_validate(row.data)
                done = anonymise_complaint(complaint, _with_local(subject, []))
                values = ComplaintStore.row_values(done, anonymised_at=now)
                conn.execute(sa.update(t).where(t.c.key == row.key).values(**values))
                count += 1
        return count

    def correct(self, subject: DataSubject, changes: Mapping[str, str]) -> int:
        """Write corrected reporter fields into ``subject``'s complaints (one transaction)."""
        records = self.find(subject)
        if not records:
            return 0
        with self.store.engine.begin() as conn:
            for record in records:
                complaint = Complaint.model_validate(record.data)
                person = complaint.reporter or Reporter()
                fixed = Reporter.model_validate({**person.model_dump(), **dict(changes)})
                updated = complaint.model_copy(update={"reporter": fixed})
                values = ComplaintStore.row_values(updated)
                values["key"] = record.record_id
                conn.execute(
                    sa.update(complaints_table)
                    .where(complaints_table.c.key == record.record_id)
                    .values(**values)
                )
        return len(records)

    def scrub_mentions(
        self, subject: DataSubject, people: Sequence[Reporter], *, skip: Sequence[str]
    ) -> int:
        """Take ``subject`` out of other reporters' complaints (one transaction)."""
        clean = mention_scrubber(subject, people)
        t = complaints_table
        skipped = set(skip)
        count = 0
        with self.store.engine.begin() as conn:
            stmt = sa.select(t.c.key, t.c.data).where(t.c.anonymised_at.is_(None))
            for row in conn.execute(stmt).all():
                if row.key in skipped:
                    continue
                complaint = Complaint.model_validate(row.data)
                done = _scrub_model(complaint, clean)
                if done.model_dump(mode="json") == complaint.model_dump(mode="json"):
                    continue
                values = ComplaintStore.row_values(done)
                conn.execute(sa.update(t).where(t.c.key == row.key).values(**values))
                count += 1
        return count

    def restrict(self, subject: DataSubject, *, request_id: str, at: dt.datetime) -> int:
        """Mark ``subject`` restricted in this database (``pdp_restrictions``); return how
        many of their complaints it covers. Code reading the register checks
        :func:`~lapor_sdk.pdp.is_restricted`."""
        _restrict_marks(self.store.engine, subject, request_id, at)
        return len(self.find(subject))

    def lift_restriction(self, subject: DataSubject) -> int:
        """Remove ``subject``'s restriction mark; return how many complaints it covered."""
        _lift_marks(self.store.engine, subject)
        return len(self.find(subject))


def _restrict_marks(engine: Engine, subject: DataSubject, request_id: str, at: dt.datetime) -> None:
    from ..storage._restrictions import mark_restricted

    person = Reporter(nik=subject.nik, phone=subject.phone, email=subject.email)
    mark_restricted(engine, person, request_id=request_id, at=at)


def _lift_marks(engine: Engine, subject: DataSubject) -> None:
    from ..storage._restrictions import lift_marks

    lift_marks(engine, Reporter(nik=subject.nik, phone=subject.phone, email=subject.email))


def _closed(complaint: Complaint) -> str | None:
    closing = [e.at for e in complaint.events if e.to_status in CLOSED_STATUSES]
    moment = max(closing) if closing else complaint.updated_at
    return moment.astimezone(dt.UTC).isoformat() if moment else None


# -- PPID --------------------------------------------------------------------------------------


class PpidStoreAdapter:
    """The PPID's request register (:class:`~lapor_sdk.ppid.PpidStore`)."""

    name = "ppid"

    def __init__(self, store: Any) -> None:
        self.store = store

    def _all(self) -> list[StoredRecord]:
        from ..ppid import InformationRequest, RequestStatus
        from ..ppid._store import requests as table

        finished = {
            RequestStatus.DECIDED,
            RequestStatus.OBJECTION_ANSWERED,
            RequestStatus.DISPUTE_SETTLED,
        }
        with self.store.engine.connect() as conn:
            rows = conn.execute(sa.select(table.c.data).order_by(table.c.received_at)).all()
        out = []
        for row in rows:
            request = InformationRequest.model_validate(row.data)
            done = request.status in finished
            out.append(
                StoredRecord(
                    store=self.name,
                    record_id=request.number,
                    kind="information_request",
                    created_at=request.received_at,
                    status=request.status.value,
                    classification="information_request",
                    closed_at=request.events[-1].at if done and request.events else None,
                    hold=None if done else HoldGround.OPEN_INFORMATION_REQUEST,
                    person=request.requester,
                    data=row.data,
                    events=tuple(e.model_dump(mode="json") for e in request.events),
                )
            )
        return out

    def find(self, subject: DataSubject) -> list[StoredRecord]:
        """Return the requests whose requester is ``subject``."""
        return [r for r in self._all() if subject.matches(r.person)]

    def records(self) -> list[StoredRecord]:
        """Return the requests whose requester is not erased yet."""
        return [r for r in self._all() if r.person is not None and r.person.name != ERASED]

    def anonymise(self, record_ids: Sequence[str], *, subject: DataSubject | None) -> int:
        """Anonymise the requests ``record_ids`` in one transaction."""
        from ..ppid import InformationRequest, Requester
        from ..ppid._store import PpidStore
        from ..ppid._store import requests as table

        if not record_ids:
            return 0
        count = 0
        with self.store.engine.begin() as conn:
            stmt = sa.select(table.c.data).where(table.c.number.in_(list(record_ids)))
            for row in conn.execute(stmt).all():
                request = InformationRequest.model_validate(row.data)
                person = request.requester
                words = _with_local(subject, [v for v in (person.name, person.phone,
                    person.email, person.nik, person.address, person.occupation) if v])  # fmt: skip
                done = _scrub_model(request, lambda t, w=words: scrub(t, known=w))  # type: ignore[misc]
                done = done.model_copy(update={"requester": Requester(name=ERASED)})
                values = PpidStore._values(done)
                conn.execute(
                    sa.update(table).where(table.c.number == request.number).values(**values)
                )
                count += 1
        return count

    def correct(self, subject: DataSubject, changes: Mapping[str, str]) -> int:
        """Write corrected requester fields into ``subject``'s requests."""
        from ..ppid import InformationRequest, Requester

        count = 0
        for record in self.find(subject):
            request = InformationRequest.model_validate(record.data)
            fixed = Requester.model_validate({**request.requester.model_dump(), **dict(changes)})
            self.store.save(request.model_copy(update={"requester": fixed}))
            count += 1
        return count

    def restrict(self, subject: DataSubject, *, request_id: str, at: dt.datetime) -> int:
        """Mark ``subject`` restricted in this database; return how many requests it covers."""
        _restrict_marks(self.store.engine, subject, request_id, at)
        return len(self.find(subject))

    def lift_restriction(self, subject: DataSubject) -> int:
        """Remove ``subject``'s restriction mark; return how many requests it covered."""
        _lift_marks(self.store.engine, subject)
        return len(self.find(subject))


# -- the request register itself ---------------------------------------------------------------


class RegisterAdapter:
    """The PDP request register: requests carry the subject's identifiers until erased."""

    name = "pdp_requests"

    def __init__(self, register: PdpRegister) -> None:
        self.register = register

    def _record(self, request: SubjectRequest) -> StoredRecord:
        subject = request.subject
        return StoredRecord(
            store=self.name,
            record_id=request.id,
            kind="subject_request",
            created_at=request.received_at,
            status=request.state.value,
            classification=request.kind.value,
            closed_at=request.finished_at,
            person=None
            if subject is None
            else Reporter(nik=subject.nik, phone=subject.phone, email=subject.email),
            data=request.model_dump(mode="json"),
            events=tuple(e.model_dump(mode="json") for e in request.events),
        )

    def find(self, subject: DataSubject) -> list[StoredRecord]:
        """Return the requests about ``subject``."""
        return [self._record(r) for r in self.register.about(subject)]

    def records(self) -> list[StoredRecord]:
        """Return the finished requests that still carry identifiers (open ones are kept)."""
        return [
            self._record(r)
            for r in self.register.list()
            if r.subject is not None and r.state.is_final
        ]

    def anonymise(self, record_ids: Sequence[str], *, subject: DataSubject | None) -> int:
        """Remove the identifiers from the requests ``record_ids`` (one transaction)."""
        wanted = set(record_ids)
        count = 0
        with self.register.engine.begin() as conn:
            for row in conn.execute(sa.select(requests_table.c.id, requests_table.c.data)):
                if row.id not in wanted:
                    continue
                request = SubjectRequest.model_validate(row.data)
                data = request.model_copy(update={"subject": None}).model_dump(mode="json")
                conn.execute(
                    sa.update(requests_table).where(requests_table.c.id == row.id).values(data=data)
                )
                count += 1
        return count

    def correct(self, subject: DataSubject, changes: Mapping[str, str]) -> int:
        """Requests keep the identifiers they were made with: nothing to correct."""
        return 0


# -- registry ----------------------------------------------------------------------------------

StoreFactory = Callable[[Engine], StoreAdapter]

_FACTORIES: dict[str, StoreFactory] = {}

#: Store kinds implemented outside this package, loaded by module name on first use (the SDK
#: does not import them: ``hoax_clinic`` sits above ``lapor_sdk``, and ``lapor_sdk.sync``
#: imports this package, so importing it from here would make a cycle).
PLUGINS: dict[str, str] = {"hoax": "hoax_clinic._pdp", "outbox": "lapor_sdk.sync._pdp"}


def register_store(kind: str, factory: StoreFactory) -> None:
    """Make ``open_store(kind, …)`` build an adapter with ``factory`` (an engine → adapter)."""
    _FACTORIES[kind] = factory


def _builtin(kind: str) -> StoreFactory | None:
    if kind == "complaints":
        return lambda engine: ComplaintStoreAdapter(ComplaintStore(engine))
    if kind == "ppid":

        def ppid_factory(engine: Engine) -> StoreAdapter:
            from ..ppid import PpidStore

            return PpidStoreAdapter(PpidStore(engine))

        return ppid_factory
    if kind == "pdp_requests":
        return lambda engine: RegisterAdapter(PdpRegister(engine))
    return None


def open_store(kind: str, engine: Engine) -> StoreAdapter:
    """Return the adapter of store ``kind`` on ``engine``.

    Kinds: ``complaints``, ``ppid``, ``pdp_requests``, ``outbox`` (the sync engine's outbox
    and mirror), ``hoax`` (with ``hoax_clinic`` installed), and any registered with
    :func:`register_store`.

    Raises:
        InvalidInputError: Unknown kind.
    """
    factory = _FACTORIES.get(kind) or _builtin(kind)
    if factory is None and kind in PLUGINS:
        importlib.import_module(PLUGINS[kind])  # registers itself
        factory = _FACTORIES.get(kind)
    if factory is None:
        known = sorted({"complaints", "ppid", "pdp_requests", *PLUGINS, *_FACTORIES})
        raise InvalidInputError(f"unknown store {kind[:40]!r}; known: {', '.join(known)}")
    return factory(engine)
