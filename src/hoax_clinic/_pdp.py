"""The hoax clinic's sightings as a store of :mod:`lapor_sdk.pdp` (UU 27/2022).

A sighting may carry the person who reported it (``reporter``). This adapter lets the SDK's
access export, erasure, retention and breach notice reach those records; it registers itself
as store ``"hoax"`` when imported (``lapor_sdk.pdp.open_store("hoax", engine)`` imports it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from lapor_sdk.models import Reporter
from lapor_sdk.pdp import DataSubject, StoredRecord, register_store
from lapor_sdk.privacy import scrub

from .store import HoaxStore, claims, sightings

__all__ = ["HoaxSightingsAdapter"]


class HoaxSightingsAdapter:
    """Sightings reported by a person (``hoax_sightings.reporter``)."""

    name = "hoax"

    def __init__(self, engine: Engine) -> None:
        HoaxStore(engine)  # create / check the tables
        self.engine = engine

    def _all(self) -> list[StoredRecord]:
        stmt = (
            sa.select(
                sightings.c.id, sightings.c.claim_id, sightings.c.text, sightings.c.platform,
                sightings.c.url, sightings.c.seen_at, sightings.c.reach, sightings.c.reporter,
                sightings.c.created_at, claims.c.status, claims.c.closed_at,
            )
            .join(claims, claims.c.id == sightings.c.claim_id)
            .where(sightings.c.reporter.is_not(None))
            .order_by(sightings.c.seen_at, sightings.c.id)
        )  # fmt: skip
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).all()
        out = []
        for row in rows:
            if not row.reporter:
                continue
            person = Reporter.model_validate(row.reporter)
            out.append(
                StoredRecord(
                    store=self.name,
                    record_id=row.id,
                    kind="hoax_sighting",
                    created_at=row.seen_at,
                    status=row.status,
                    classification="hoax_sighting",
                    closed_at=row.closed_at,
                    person=person,
                    data={
                        "claim_id": row.claim_id,
                        "text": row.text,
                        "platform": row.platform,
                        "url": row.url,
                        "seen_at": row.seen_at.isoformat(),
                        "reach": row.reach,
                        "reporter": row.reporter,
                    },
                    events=({"at": row.created_at.isoformat(), "kind": "sighting_logged"},),
                )
            )
        return out

    def find(self, subject: DataSubject) -> list[StoredRecord]:
        """Return the sightings ``subject`` reported."""
        return [r for r in self._all() if subject.matches(r.person)]

    def records(self) -> list[StoredRecord]:
        """Return every sighting that still names its reporter."""
        return self._all()

    def anonymise(self, record_ids: Sequence[str], *, subject: DataSubject | None) -> int:
        """Drop the reporter and scrub the texts of the sightings, in one transaction."""
        if not record_ids:
            return 0
        count = 0
        with self.engine.begin() as conn:
            stmt = sa.select(sightings).where(sightings.c.id.in_(list(record_ids)))
            for row in conn.execute(stmt).mappings().all():
                person = Reporter.model_validate(row["reporter"]) if row["reporter"] else None
                known = (subject.known(person) if subject else []) + [
                    v for v in (person.name, person.phone, person.email, person.nik,
                                person.address) if v
                ] if person else (subject.known() if subject else [])  # fmt: skip
                url = row["url"]
                conn.execute(
                    sa.update(sightings)
                    .where(sightings.c.id == row["id"])
                    .values(
                        reporter=None,
                        text=scrub(row["text"], known=known),
                        url=None if url and scrub(url, known=known) != url else url,
                    )
                )
                claim_text = conn.execute(
                    sa.select(claims.c.text).where(claims.c.id == row["claim_id"])
                ).scalar_one()
                clean = scrub(claim_text, known=known)
                if clean != claim_text:
                    conn.execute(
                        sa.update(claims)
                        .where(claims.c.id == row["claim_id"])
                        .values(text=clean, updated_at=dt.datetime.now(dt.UTC))
                    )
                count += 1
        return count

    def correct(self, subject: DataSubject, changes: Mapping[str, str]) -> int:
        """Write corrected reporter fields into ``subject``'s sightings."""
        found = self.find(subject)
        with self.engine.begin() as conn:
            for record in found:
                base = record.person.model_dump() if record.person else {}
                fixed = Reporter.model_validate({**base, **dict(changes)})
                conn.execute(
                    sa.update(sightings)
                    .where(sightings.c.id == record.record_id)
                    .values(reporter=fixed.model_dump(mode="json"))
                )
        return len(found)


register_store("hoax", HoaxSightingsAdapter)
