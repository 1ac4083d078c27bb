"""The sync engine's tables as a store of :mod:`lapor_sdk.pdp` (UU 27/2022): store ``"outbox"``.

Two tables hold reporters' personal data: ``sync_outbox`` (a complaint's payload carries its
reporter until the write is confirmed, a follow-up's text may quote them) and ``sync_mirror``
(the pulled national version of each report, with its reporter). This adapter lets the access
export, erasure, retention, restriction and the breach notice reach both; it registers itself
as store ``"outbox"`` when imported (``lapor_sdk.pdp.open_store("outbox", engine)`` imports
it through :data:`lapor_sdk.pdp.PLUGINS`).

A subject is found by NIK, phone or e-mail in the complaint payloads and the mirror; a
complaint's follow-ups and its confirmed row (payload already cleared) come with it, linked by
local id and tracking id. Erasure keeps ids, local ids, states, attempts, tracking ids and
times, so the engine goes on as before:

- a row not yet confirmed is an open complaint on its way to SP4N-LAPOR!: it is kept (the
  ground of an open complaint) unless the erasure is forced; forced, its payload is
  anonymised in place and the engine **still sends it, anonymised** — the ticket is neither
  lost nor sent twice (its idempotency key and external ref are those of the local id). A
  row on the wire at that moment loses its lease, so the worker's result is discarded and
  the next attempt looks the write up first;
- a mirror row is anonymised and marked: later pulls of the same report are stored
  anonymised too (the national copy itself is flagged for the operator).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from .._personal._redact import scrub
from ..models import Complaint, Reporter
from ..pdp._adapters import (
    ERASED,
    StoredRecord,
    anonymise_complaint,
    mention_scrubber,
    register_store,
)
from ..pdp._law import HoldGround
from ..pdp._subject import DataSubject
from ..privacy._views import _scrub_model
from ..storage import migrate_sync_schema
from ..storage._complaints import CLOSED_STATUSES
from ..storage._restrictions import lift_marks, mark_restricted
from ..storage._sync import sync_mirror as m
from ..storage._sync import sync_outbox as o
from ._outbox import _FILED_FIELDS, COMPLAINT, fingerprint

__all__ = ["OutboxAdapter"]

_OUTBOX = "outbox:"
_MIRROR = "mirror:"
_IDENTIFIERS = ("nik", "phone", "email")


def _utc(epoch: float | None) -> dt.datetime | None:
    return None if epoch is None else dt.datetime.fromtimestamp(epoch, dt.UTC)


def _words(person: Reporter | None) -> list[str]:
    if person is None:
        return []
    return [v for v in (person.name, person.phone, person.email, person.nik, person.address) if v]


def _person(value: Any) -> Reporter | None:
    if not isinstance(value, Mapping):
        return None
    try:
        return Reporter.model_validate(value)
    except ValueError:  # a payload written by an older library: keep what validates
        return Reporter.model_validate({k: v for k, v in value.items() if k == "name"})


def _identifies(person: Reporter | None) -> bool:
    return person is not None and (
        any(getattr(person, f) for f in _IDENTIFIERS) or person.name not in (None, ERASED)
    )


def _like(column: Any, subject: DataSubject) -> Any:
    """A cheap pre-filter on the JSON text; every hit is checked with ``subject.matches``."""
    terms = [column.contains(v, autoescape=True) for v in (subject.nik, subject.phone) if v]
    if subject.email:
        terms.append(sa.func.lower(column).contains(subject.email.lower(), autoescape=True))
    return sa.or_(*terms)


def _closed(complaint: Complaint) -> dt.datetime | None:
    if complaint.status not in CLOSED_STATUSES:
        return None
    closing = [e.at for e in complaint.events if e.to_status in CLOSED_STATUSES]
    return max(closing) if closing else complaint.updated_at


class OutboxAdapter:
    """The sync outbox and the mirror of national reports (``sync_outbox``, ``sync_mirror``)."""

    name = "outbox"

    def __init__(self, engine: Engine) -> None:
        migrate_sync_schema(engine)
        self.engine = engine

    # -- reading -------------------------------------------------------------------------------

    def _outbox_record(self, row: Any, person: Reporter | None) -> StoredRecord:
        payload = json.loads(row.payload) if row.payload else None
        done = row.state == "done"
        created = _utc(row.created_at) or dt.datetime.now(dt.UTC)
        events: list[dict[str, Any]] = [{"at": created.isoformat(), "kind": "queued"}]
        events.append(
            {
                "at": (_utc(row.updated_at) or created).isoformat(),
                "kind": "sent" if done else row.state,
                "attempts": row.attempts,
                "restricted": bool(row.restricted) or None,
            }
        )
        classification = "follow_up"
        if row.kind == COMPLAINT:
            classification = (payload or {}).get("classification", "complaint")
        return StoredRecord(
            store=self.name,
            record_id=f"{_OUTBOX}{row.id}",
            kind=f"sync_outbox_{row.kind}",
            created_at=created,
            status=row.state,
            classification=classification,
            closed_at=_utc(row.updated_at) if done else None,
            hold=None if done else HoldGround.OPEN_COMPLAINT,
            tracking_id=row.tracking_id if done and row.kind == COMPLAINT else None,
            person=person,
            data={
                "source": row.source,
                "local_id": row.local_id,
                "kind": row.kind,
                "seq": row.seq,
                "state": row.state,
                "tracking_id": row.tracking_id,
                "restricted": bool(row.restricted),
                "payload": payload,
            },
            events=tuple({k: v for k, v in e.items() if v is not None} for e in events),
        )

    def _mirror_record(self, tracking_id: str, complaint: Complaint) -> StoredRecord:
        closed = _closed(complaint)
        return StoredRecord(
            store=self.name,
            record_id=f"{_MIRROR}{tracking_id}",
            kind="national_mirror",
            created_at=complaint.created_at,
            status=complaint.status.value,
            classification=complaint.classification.value,
            closed_at=closed,
            hold=None if closed else HoldGround.OPEN_COMPLAINT,
            tracking_id=tracking_id,
            person=complaint.reporter,
            data=complaint.model_dump(mode="json"),
            events=tuple(e.model_dump(mode="json") for e in complaint.events),
        )

    def _linked(
        self, conn: Connection, local: set[tuple[str, str]], tracking: set[str]
    ) -> list[Any]:
        """Every outbox row of the local ids, and of the complaints with those tracking ids."""
        if tracking:
            for r in conn.execute(
                sa.select(o.c.source, o.c.local_id).where(
                    o.c.kind == COMPLAINT, o.c.tracking_id.in_(sorted(tracking))
                )
            ):
                local.add((r.source, r.local_id))
        rows: list[Any] = []
        for source, local_id in sorted(local):
            rows += conn.execute(
                sa.select(o)
                .where(o.c.source == source, o.c.local_id == local_id)
                .order_by(o.c.kind, o.c.seq)
            ).all()
        return rows

    def find(self, subject: DataSubject) -> list[StoredRecord]:
        """Return the subject's outbox rows (with their follow-ups) and mirror rows."""
        with self.engine.connect() as conn:
            mirrors = [
                (r.tracking_id, Complaint.model_validate_json(r.data))
                for r in conn.execute(
                    sa.select(m.c.tracking_id, m.c.data)
                    .where(_like(m.c.data, subject))
                    .order_by(m.c.tracking_id)
                )
            ]
            mirrors = [(t, c) for t, c in mirrors if subject.matches(c.reporter)]
            people: dict[tuple[str, str], Reporter | None] = {}
            for r in conn.execute(
                sa.select(o.c.source, o.c.local_id, o.c.payload).where(
                    o.c.kind == COMPLAINT, o.c.payload.is_not(None), _like(o.c.payload, subject)
                )
            ):
                person = _person(json.loads(r.payload).get("reporter"))
                if subject.matches(person):
                    people[(r.source, r.local_id)] = person
            by_tracking = {t: c.reporter for t, c in mirrors}
            rows = self._linked(conn, set(people), set(by_tracking))
        fallback = next(iter(by_tracking.values()), None)
        records: list[StoredRecord] = []
        for row in rows:
            person = people.get((row.source, row.local_id))
            if person is None:
                person = by_tracking.get(row.tracking_id) if row.tracking_id else None
            records.append(self._outbox_record(row, person or fallback))
        records += [self._mirror_record(t, c) for t, c in mirrors]
        return records

    def records(self) -> list[StoredRecord]:
        """Return every outbox row with a payload and every mirror row not anonymised yet."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(o)
                .where(o.c.payload.is_not(None), o.c.anonymised_at.is_(None))
                .order_by(o.c.id)
            ).all()
            mirrors = conn.execute(
                sa.select(m.c.tracking_id, m.c.data)
                .where(m.c.anonymised_at.is_(None))
                .order_by(m.c.tracking_id)
            ).all()
        parents: dict[tuple[str, str], Reporter | None] = {}
        for row in rows:
            if row.kind == COMPLAINT:
                parents[(row.source, row.local_id)] = _person(
                    json.loads(row.payload).get("reporter")
                )
        out = [self._outbox_record(row, parents.get((row.source, row.local_id))) for row in rows]
        for tracking_id, data in mirrors:
            complaint = Complaint.model_validate_json(data)
            if _identifies(complaint.reporter):
                out.append(self._mirror_record(tracking_id, complaint))
        return out

    # -- erasure -------------------------------------------------------------------------------

    def anonymise(self, record_ids: Sequence[str], *, subject: DataSubject | None) -> int:
        """Anonymise the outbox and mirror rows ``record_ids`` in one transaction.

        Payloads and mirror copies lose the reporter and every free text is scrubbed; ids,
        local ids, states, attempts, tracking ids and times stay. A row on the wire loses its
        lease (the next attempt looks it up first, then sends the anonymised payload).
        """
        outbox_ids = sorted(int(i[len(_OUTBOX) :]) for i in record_ids if i.startswith(_OUTBOX))
        mirror_ids = sorted(i[len(_MIRROR) :] for i in record_ids if i.startswith(_MIRROR))
        if not outbox_ids and not mirror_ids:
            return 0
        now = dt.datetime.now(dt.UTC).timestamp()
        base = subject.known() if subject else []
        count = 0
        with self.engine.begin() as conn:
            rows = conn.execute(sa.select(o).where(o.c.id.in_(outbox_ids))).all()
            parents = self._parents(conn, rows)
            for row in rows:
                known = base + _words(parents.get((row.source, row.local_id)))
                conn.execute(sa.update(o).where(o.c.id == row.id).values(
                    **self._anonymised_row(row, known, now)))  # fmt: skip
                count += 1
            for row in conn.execute(
                sa.select(m.c.tracking_id, m.c.data).where(m.c.tracking_id.in_(mirror_ids))
            ).all():
                done = anonymise_complaint(Complaint.model_validate_json(row.data), base)
                conn.execute(
                    sa.update(m)
                    .where(m.c.tracking_id == row.tracking_id)
                    .values(
                        data=done.model_dump_json(),
                        external_ref=done.external_ref,
                        anonymised_at=now,
                    )
                )
                count += 1
        return count

    @staticmethod
    def _parents(conn: Connection, rows: Sequence[Any]) -> dict[tuple[str, str], Reporter | None]:
        """The reporter of each row's complaint (from its payload, else from the mirror)."""
        out: dict[tuple[str, str], Reporter | None] = {}
        for source, local_id in sorted({(r.source, r.local_id) for r in rows}):
            parent = conn.execute(
                sa.select(o.c.payload, o.c.tracking_id).where(
                    o.c.source == source, o.c.local_id == local_id, o.c.kind == COMPLAINT
                )
            ).first()
            person = None
            if parent is not None and parent.payload:
                person = _person(json.loads(parent.payload).get("reporter"))
            elif parent is not None and parent.tracking_id:
                data = conn.execute(
                    sa.select(m.c.data).where(m.c.tracking_id == parent.tracking_id)
                ).scalar_one_or_none()
                person = Complaint.model_validate_json(data).reporter if data else None
            out[(source, local_id)] = person
        return out

    @staticmethod
    def _anonymised_row(row: Any, known: list[str], now: float) -> dict[str, Any]:
        values: dict[str, Any] = {"anonymised_at": now}
        if row.last_error:
            values["last_error"] = scrub(row.last_error, known=known)
        if row.state == "in_flight":  # revoke the lease: the worker's result is discarded
            values.update(state="pending", lease_token=None, lease_until=None,
                          maybe_sent=True, next_attempt_at=now)  # fmt: skip
        if not row.payload:
            return values
        payload = json.loads(row.payload)
        if row.kind == COMPLAINT:
            created = dt.datetime.fromtimestamp(row.created_at, dt.UTC)
            complaint = Complaint.model_validate({**payload, "created_at": created})
            done = anonymise_complaint(complaint, known)
            payload = done.model_dump(mode="json", include=set(_FILED_FIELDS), exclude_none=True)
        else:
            payload = {k: scrub(v, known=known) if isinstance(v, str) else v
                       for k, v in payload.items()}  # fmt: skip
        values["payload"] = json.dumps(payload, ensure_ascii=False)
        values["fingerprint"] = fingerprint(payload)
        return values

    def scrub_mentions(
        self, subject: DataSubject, people: Sequence[Reporter], *, skip: Sequence[str]
    ) -> int:
        """Take ``subject`` out of other reporters' payloads and mirror copies (one
        transaction); their own data and every id stay."""
        clean = mention_scrubber(subject, people)
        skipped = set(skip)
        count = 0
        with self.engine.begin() as conn:
            rows = conn.execute(
                sa.select(o.c.id, o.c.kind, o.c.payload, o.c.created_at).where(
                    o.c.payload.is_not(None)
                )
            ).all()
            for row in rows:
                if f"{_OUTBOX}{row.id}" in skipped:
                    continue
                payload = json.loads(row.payload)
                if row.kind == COMPLAINT:
                    created = dt.datetime.fromtimestamp(row.created_at, dt.UTC)
                    complaint = Complaint.model_validate({**payload, "created_at": created})
                    new = _scrub_model(complaint, clean).model_dump(
                        mode="json", include=set(_FILED_FIELDS), exclude_none=True
                    )
                else:
                    new = {k: clean(v) if isinstance(v, str) else v for k, v in payload.items()}
                if new != payload:
                    text = json.dumps(new, ensure_ascii=False)
                    conn.execute(
                        sa.update(o)
                        .where(o.c.id == row.id)
                        .values(payload=text, fingerprint=fingerprint(new))
                    )
                    count += 1
            for mirror in conn.execute(sa.select(m.c.tracking_id, m.c.data)).all():
                if f"{_MIRROR}{mirror.tracking_id}" in skipped:
                    continue
                complaint = Complaint.model_validate_json(mirror.data)
                done = _scrub_model(complaint, clean)
                if done.model_dump(mode="json") != complaint.model_dump(mode="json"):
                    conn.execute(
                        sa.update(m)
                        .where(m.c.tracking_id == mirror.tracking_id)
                        .values(data=done.model_dump_json(), external_ref=done.external_ref)
                    )
                    count += 1
        return count

    # -- correction and restriction ------------------------------------------------------------

    def correct(self, subject: DataSubject, changes: Mapping[str, str]) -> int:
        """Write corrected reporter fields into the subject's unsent complaint payloads.

        The mirror is the national side's version and is not corrected here (the next pull
        would undo it): the national copy is corrected through the national administrator.
        """
        found = [
            r for r in self.find(subject)
            if r.kind == f"sync_outbox_{COMPLAINT}" and r.data.get("payload")
        ]  # fmt: skip
        with self.engine.begin() as conn:
            for record in found:
                payload = dict(record.data["payload"])
                person = {**payload.get("reporter", {}), **dict(changes)}
                payload["reporter"] = Reporter.model_validate(person).model_dump(
                    mode="json", exclude_none=True
                )
                conn.execute(
                    sa.update(o)
                    .where(o.c.id == int(record.record_id[len(_OUTBOX) :]))
                    .values(
                        payload=json.dumps(payload, ensure_ascii=False),
                        fingerprint=fingerprint(payload),
                    )
                )
        return len(found)

    def restrict(self, subject: DataSubject, *, request_id: str, at: dt.datetime) -> int:
        """Hold the subject's unsent rows, and mark the subject so that rows queued later are
        held too (UU 27/2022 Pasal 41); return how many rows are now held."""
        return self._set_restricted(subject, True, request_id=request_id, at=at)

    def lift_restriction(self, subject: DataSubject) -> int:
        """Let the subject's held rows be sent again; return how many."""
        return self._set_restricted(subject, False, request_id="", at=dt.datetime.now(dt.UTC))

    def _set_restricted(
        self, subject: DataSubject, on: bool, *, request_id: str, at: dt.datetime
    ) -> int:
        ids = [
            int(r.record_id[len(_OUTBOX) :])
            for r in self.find(subject)
            if r.record_id.startswith(_OUTBOX) and r.status != "done"
        ]
        person = Reporter(nik=subject.nik, phone=subject.phone, email=subject.email)
        with self.engine.begin() as conn:
            if on:
                mark_restricted(conn, person, request_id=request_id, at=at)
            else:
                lift_marks(conn, person)
            if ids:
                conn.execute(
                    sa.update(o)
                    .where(o.c.id.in_(ids), o.c.state != "done")
                    .values(restricted=on, updated_at=at.timestamp())
                )
        return len(ids)


register_store("outbox", OutboxAdapter)
