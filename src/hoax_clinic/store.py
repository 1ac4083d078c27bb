"""Persistence of the hoax clinic on SQLAlchemy Core (SQLite by default, PostgreSQL).

Tables (prefix ``hoax_``): ``hoax_claims``, ``hoax_sightings``, ``hoax_aliases`` (ids of claims
merged away → surviving id), ``hoax_feed_state`` (ETag / Last-Modified per feed URL) and
``hoax_meta`` (schema version). Datetimes are stored in UTC and read back aware.

Use a dedicated PostgreSQL schema with SQLAlchemy's ``schema_translate_map``::

    engine = create_engine(url).execution_options(schema_translate_map={None: "clinic"})
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, RowMapping

from lapor_sdk.models import Reporter

from ._deadline import utc_now
from ._exceptions import HoaxClinicError
from .models import (
    Claim,
    ClaimStatus,
    Clarification,
    Platform,
    Priority,
    Sighting,
    Verdict,
)

__all__ = [
    "SCHEMA_VERSION",
    "AwareDateTime",
    "FeedState",
    "HoaxStore",
    "aliases",
    "claims",
    "feed_state",
    "meta",
    "metadata",
    "sightings",
]

#: Version of the table layout; bumped with a stepwise migration when it changes.
SCHEMA_VERSION = 1


class AwareDateTime(sa.types.TypeDecorator[datetime]):
    """A timestamp stored in UTC and returned timezone-aware (UTC) on every backend."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        """Convert an aware datetime to UTC; refuse naive ones."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} cannot be stored; make it aware")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        """Attach UTC to what the database returns."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = sa.MetaData()

claims = sa.Table(
    "hoax_claims",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("topic", sa.String(200)),
    sa.Column("region", sa.String(200)),
    sa.Column("first_seen", AwareDateTime, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("dismissed_reason", sa.Text),
    sa.Column("priority", sa.String(20), nullable=False),
    sa.Column("assignee", sa.String(200)),
    sa.Column("sources", sa.JSON, nullable=False),
    sa.Column("verdict", sa.JSON),
    sa.Column("clarification", sa.JSON),
    sa.Column("imported", sa.Boolean, nullable=False, default=False),
    sa.Column("source_key", sa.String(2000), unique=True),
    sa.Column("closed_at", AwareDateTime),
    sa.Column("created_at", AwareDateTime, nullable=False),
    sa.Column("updated_at", AwareDateTime, nullable=False),
)
sa.Index("ix_hoax_claims_status", claims.c.status)

sightings = sa.Table(
    "hoax_sightings",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("claim_id", sa.String(40), sa.ForeignKey("hoax_claims.id"), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("platform", sa.String(20), nullable=False),
    sa.Column("url", sa.String(2000)),
    sa.Column("seen_at", AwareDateTime, nullable=False),
    sa.Column("reach", sa.BigInteger),
    sa.Column("reporter", sa.JSON),
    sa.Column("created_at", AwareDateTime, nullable=False),
)
sa.Index("ix_hoax_sightings_claim", sightings.c.claim_id, sightings.c.seen_at)

aliases = sa.Table(
    "hoax_aliases",
    metadata,
    sa.Column("old_id", sa.String(40), primary_key=True),
    sa.Column("new_id", sa.String(40), nullable=False),
)

feed_state = sa.Table(
    "hoax_feed_state",
    metadata,
    sa.Column("url", sa.String(2000), primary_key=True),
    sa.Column("etag", sa.String(500)),
    sa.Column("last_modified", sa.String(100)),
    sa.Column("checked_at", AwareDateTime, nullable=False),
)

meta = sa.Table(
    "hoax_meta",
    metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.String(500), nullable=False),
)


class FeedState:
    """Validators remembered for one feed URL (for conditional GET)."""

    __slots__ = ("etag", "last_modified")

    def __init__(self, etag: str | None = None, last_modified: str | None = None) -> None:
        """Hold the ETag and Last-Modified values of the last successful fetch."""
        self.etag = etag
        self.last_modified = last_modified


def _sighting_values(s: Sighting) -> dict[str, Any]:
    return {
        "id": s.id,
        "claim_id": s.claim_id,
        "text": s.text,
        "platform": s.platform.value,
        "url": s.url,
        "seen_at": s.seen_at,
        "reach": s.reach,
        "reporter": s.reporter.model_dump(mode="json") if s.reporter else None,
        "created_at": utc_now(),
    }


def _row_to_sighting(row: RowMapping) -> Sighting:
    return Sighting(
        id=row["id"],
        claim_id=row["claim_id"],
        text=row["text"],
        platform=Platform(row["platform"]),
        url=row["url"],
        seen_at=row["seen_at"],
        reach=row["reach"],
        reporter=Reporter.model_validate(row["reporter"]) if row["reporter"] else None,
    )


class HoaxStore:
    """Row-level access to the hoax clinic tables; the tracker holds the rules.

    Args:
        engine: A SQLAlchemy engine (see :func:`lapor_sdk.storage.create_engine`).
    """

    def __init__(self, engine: Engine) -> None:
        """Create the tables when missing and check the schema version."""
        self.engine = engine
        metadata.create_all(engine)
        with engine.begin() as conn:
            found = conn.execute(
                sa.select(meta.c.value).where(meta.c.key == "schema_version")
            ).scalar_one_or_none()
            if found is None:
                conn.execute(
                    sa.insert(meta).values(key="schema_version", value=str(SCHEMA_VERSION))
                )
            elif int(found) > SCHEMA_VERSION:
                raise HoaxClinicError(
                    f"hoax store schema version {found} is newer than this library "
                    f"({SCHEMA_VERSION}); upgrade lapor-sdk"
                )

    # -- claims -------------------------------------------------------------------------------

    def insert_claim(
        self,
        conn: Connection,
        claim: Claim,
        *,
        source_key: str | None = None,
    ) -> None:
        """Insert a claim row and its sightings."""
        now = utc_now()
        conn.execute(
            sa.insert(claims).values(
                **self._claim_values(claim), source_key=source_key, created_at=now, updated_at=now
            )
        )
        for s in claim.sightings:
            conn.execute(sa.insert(sightings).values(**_sighting_values(s)))

    def update_claim(self, conn: Connection, claim: Claim) -> None:
        """Write every field of ``claim`` (not its sightings) to its row."""
        conn.execute(
            sa.update(claims)
            .where(claims.c.id == claim.id)
            .values(**self._claim_values(claim), updated_at=utc_now())
        )

    def delete_claim(self, conn: Connection, claim_id: str, *, alias_to: str) -> None:
        """Delete a claim row (its sightings must be moved first) and record an alias.

        The feed key of a deleted imported claim passes to ``alias_to`` when that claim has
        none, so importing the same debunk again finds the survivor instead of a new claim.
        """
        key = conn.execute(
            sa.select(claims.c.source_key).where(claims.c.id == claim_id)
        ).scalar_one_or_none()
        conn.execute(sa.delete(claims).where(claims.c.id == claim_id))
        if key is not None:
            conn.execute(
                sa.update(claims)
                .where(claims.c.id == alias_to, claims.c.source_key.is_(None))
                .values(source_key=key)
            )
        conn.execute(sa.update(aliases).where(aliases.c.new_id == claim_id).values(new_id=alias_to))
        conn.execute(sa.insert(aliases).values(old_id=claim_id, new_id=alias_to))

    def insert_sighting(self, conn: Connection, sighting: Sighting) -> None:
        """Insert one sighting row."""
        conn.execute(sa.insert(sightings).values(**_sighting_values(sighting)))

    def move_sightings(
        self, conn: Connection, sighting_ids: Sequence[str] | None, *, from_id: str, to_id: str
    ) -> int:
        """Move sightings of ``from_id`` (all, or those listed) to ``to_id``; return the count."""
        stmt = sa.update(sightings).where(sightings.c.claim_id == from_id)
        if sighting_ids is not None:
            stmt = stmt.where(sightings.c.id.in_(list(sighting_ids)))
        return conn.execute(stmt.values(claim_id=to_id)).rowcount

    def resolve_id(self, conn: Connection, claim_id: str) -> str:
        """Follow a merge alias (or return the id unchanged)."""
        new = conn.execute(
            sa.select(aliases.c.new_id).where(aliases.c.old_id == claim_id)
        ).scalar_one_or_none()
        return new if new is not None else claim_id

    def load_claim(
        self, conn: Connection, claim_id: str, *, for_update: bool = False
    ) -> Claim | None:
        """Read one claim with its sightings, or ``None``.

        With ``for_update`` the row stays locked until the transaction ends (PostgreSQL
        ``SELECT … FOR UPDATE``; SQLite locks the whole database on write anyway).
        """
        stmt = sa.select(claims).where(claims.c.id == claim_id)
        if for_update:
            stmt = stmt.with_for_update()
        row = conn.execute(stmt).mappings().first()
        if row is None:
            return None
        return self._build(row, self._sightings_of(conn, [claim_id]).get(claim_id, []))

    def claim_id_for_source(self, conn: Connection, source_key: str) -> str | None:
        """Return the id of the claim imported from ``source_key``, if any."""
        return conn.execute(
            sa.select(claims.c.id).where(claims.c.source_key == source_key)
        ).scalar_one_or_none()

    def load_claims(
        self, conn: Connection, *, statuses: Iterable[ClaimStatus] | None = None
    ) -> list[Claim]:
        """Read claims (optionally only some statuses), oldest first, with their sightings."""
        stmt = sa.select(claims).order_by(claims.c.first_seen, claims.c.id)
        if statuses is not None:
            stmt = stmt.where(claims.c.status.in_([s.value for s in statuses]))
        rows = list(conn.execute(stmt).mappings())
        by_claim = self._sightings_of(conn, None if statuses is None else [r["id"] for r in rows])
        return [self._build(r, by_claim.get(r["id"], [])) for r in rows]

    def index_texts(self, conn: Connection) -> list[tuple[str, str]]:
        """Return ``(id, text)`` of every claim, for rebuilding the matching index."""
        return [(r.id, r.text) for r in conn.execute(sa.select(claims.c.id, claims.c.text))]

    def _sightings_of(
        self, conn: Connection, claim_ids: list[str] | None
    ) -> dict[str, list[Sighting]]:
        stmt = sa.select(sightings).order_by(sightings.c.seen_at, sightings.c.id)
        if claim_ids is not None:
            if not claim_ids:
                return {}
            stmt = stmt.where(sightings.c.claim_id.in_(claim_ids))
        out: dict[str, list[Sighting]] = {}
        for row in conn.execute(stmt).mappings():
            out.setdefault(row["claim_id"], []).append(_row_to_sighting(row))
        return out

    @staticmethod
    def _claim_values(c: Claim) -> dict[str, Any]:
        return {
            "id": c.id,
            "text": c.text,
            "topic": c.topic,
            "region": c.region,
            "first_seen": c.first_seen,
            "status": c.status.value,
            "dismissed_reason": c.dismissed_reason,
            "priority": c.priority.value,
            "assignee": c.assignee,
            "sources": list(c.sources),
            "verdict": c.verdict.model_dump(mode="json") if c.verdict else None,
            "clarification": c.clarification.model_dump(mode="json") if c.clarification else None,
            "imported": c.imported,
            "closed_at": c.closed_at,
        }

    @staticmethod
    def _build(row: RowMapping, found: list[Sighting]) -> Claim:
        return Claim(
            id=row["id"],
            text=row["text"],
            topic=row["topic"],
            region=row["region"],
            first_seen=row["first_seen"],
            status=ClaimStatus(row["status"]),
            dismissed_reason=row["dismissed_reason"],
            priority=Priority(row["priority"]),
            assignee=row["assignee"],
            sources=tuple(row["sources"] or ()),
            sightings=tuple(found),
            verdict=Verdict.model_validate(row["verdict"]) if row["verdict"] else None,
            clarification=(
                Clarification.model_validate(row["clarification"]) if row["clarification"] else None
            ),
            imported=bool(row["imported"]),
            closed_at=row["closed_at"],
        )

    # -- feed state ---------------------------------------------------------------------------

    def get_feed_state(self, url: str) -> FeedState:
        """Return the remembered validators of ``url`` (empty when never fetched)."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(feed_state).where(feed_state.c.url == url)).first()
        return FeedState(row.etag, row.last_modified) if row else FeedState()

    def set_feed_state(self, url: str, state: FeedState) -> None:
        """Remember the validators of ``url`` (insert or replace)."""
        with self.engine.begin() as conn:
            done = conn.execute(
                sa.update(feed_state)
                .where(feed_state.c.url == url)
                .values(etag=state.etag, last_modified=state.last_modified, checked_at=utc_now())
            ).rowcount
            if not done:
                conn.execute(
                    sa.insert(feed_state).values(
                        url=url,
                        etag=state.etag,
                        last_modified=state.last_modified,
                        checked_at=utc_now(),
                    )
                )
