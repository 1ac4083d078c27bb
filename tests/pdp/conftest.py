"""A world of stores holding one reporter (the privacy canary) and others, on SQLite and PG."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from tests.security.canary import ALL, EMAIL, NAME, NIK, PHONE, canary_complaint
from tests.security.canary import reporter as canary_reporter

from hoax_clinic import ClaimTracker, Platform
from lapor_sdk import lifecycle, pdp, ppid
from lapor_sdk.models import Complaint, Reporter
from lapor_sdk.monev import sample_complaints
from lapor_sdk.storage import ComplaintStore, create_engine

WIB = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2025, 6, 2, 9, 0, tzinfo=WIB)
TABLES = (
    "lapor_complaints", "lapor_complaints_meta", "pdp_requests", "ppid_requests",
    "ppid_meta", "hoax_sightings", "hoax_aliases", "hoax_feed_state", "hoax_claims",
    "hoax_meta",
)  # fmt: skip


@dataclass
class World:
    engine: Engine
    stores: list[pdp.StoreAdapter]
    register: pdp.PdpRegister
    complaints: ComplaintStore
    subject: pdp.DataSubject
    others: list[Complaint]


def _drop(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in TABLES:
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {table}"))


def closed_canary(tracking_id: str, ref: str) -> Complaint:
    c = canary_complaint(tracking_id=tracking_id).model_copy(update={"external_ref": ref})
    return lifecycle.close(c, at=dt.datetime(2025, 3, 20, 16, tzinfo=WIB))


def open_canary() -> Complaint:
    return lifecycle.create(
        title=f"Lampu mati, hubungi {PHONE}",
        description=ALL,
        created_at=dt.datetime(2025, 5, 30, 9, tzinfo=WIB),
        external_ref="app:open-1",
        reporter=canary_reporter(),
    )


def build(engine: Engine) -> World:
    complaints = ComplaintStore(engine)
    others = sample_complaints(40, seed=3, start=dt.datetime(2025, 3, 3, 8, tzinfo=WIB), weeks=4,
                               now=NOW)  # fmt: skip
    others = [c.model_copy(update={"external_ref": f"app:{i}"}) for i, c in enumerate(others)]
    complaints.save_all(others)
    complaints.save(closed_canary("LAPOR-2025-000777", f"wa:{PHONE}:{NAME}"))
    complaints.save(closed_canary("LAPOR-2025-000778", "app:closed-2"))
    complaints.save(open_canary())
    register = pdp.PdpRegister(engine)
    store = ppid.PpidStore(engine)
    request = ppid.register(
        number="PPID/2025/0001",
        requester=ppid.Requester(name=NAME, nik=NIK, phone=PHONE, email=EMAIL),
        information=f"Salinan anggaran jalan; kirim ke {EMAIL}",
        received_at=dt.datetime(2025, 3, 3, 9, tzinfo=WIB),
    )
    request = ppid.decide(
        request, at=dt.datetime(2025, 3, 5, 9, tzinfo=WIB), kind=ppid.DecisionKind.GRANTED
    )
    store.add(request)
    tracker = ClaimTracker(engine=engine)
    tracker.log(
        f"Pesan berantai: bansos Rp 600.000 cair hari ini, daftar lewat {PHONE}",
        platform=Platform.WHATSAPP,
        seen_at=dt.datetime(2025, 3, 4, 9, tzinfo=WIB),
        reporter=Reporter(name=NAME, phone=PHONE),
    )
    stores = [pdp.open_store(k, engine) for k in ("complaints", "ppid", "hoax", "pdp_requests")]
    subject = pdp.DataSubject(nik=NIK, phone=PHONE, email=EMAIL, name=NAME)
    return World(engine, stores, register, complaints, subject, others)


def _backends() -> list[object]:
    return ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=_backends())
def world(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[World]:
    if request.param == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path}/pdp.db")
    else:
        url = os.environ.get("LAPOR_TEST_DATABASE_URL")
        if not url:
            pytest.skip("LAPOR_TEST_DATABASE_URL is not set")
        engine = create_engine(url)
        _drop(engine)
    yield build(engine)
    if request.param != "sqlite":
        _drop(engine)
    engine.dispose()


def every_cell(engine: Engine) -> str:
    """Every value of every table of the database, as one text (to grep for the canary)."""
    parts = []
    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        for name in inspector.get_table_names():
            table = sa.Table(name, sa.MetaData(), autoload_with=conn)
            for row in conn.execute(sa.select(table)):
                parts.append(f"{name}: " + " | ".join(str(v) for v in row))
    return "\n".join(parts)
