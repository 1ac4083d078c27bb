"""The sync outbox and mirror as a PDP store: export, erasure, restriction, retention, breach.

On SQLite and PostgreSQL (``LAPOR_TEST_DATABASE_URL``), against the sandbox over a socket.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from tests.security.canary import EMAIL, NAME, NIK, PHONE, canary_complaint, found_in

from lapor_sdk import lifecycle, pdp
from lapor_sdk.models import Complaint, Privacy, Reporter, Role
from lapor_sdk.sandbox import Sandbox
from lapor_sdk.storage import SYNC_SCHEMA_VERSION, create_engine, migrate_sync_schema
from lapor_sdk.sync import SyncEngine

from .conftest import WIB, every_cell

SYNC_TABLES = ("sync_outbox", "sync_mirror", "sync_meta", "pdp_restrictions")
OTHER = Reporter(name="Budi Santoso", phone="0813-9999-8888", email="budi@pasar.example")


def drop(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in SYNC_TABLES:
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {table}"))


@dataclass
class Desk:
    db: Engine
    sync: SyncEngine
    sandbox: Sandbox
    outbox: pdp.StoreAdapter
    subject: pdp.DataSubject

    def national(self, local_id: str) -> str:
        """The national copy of a queued report, as JSON (what the sandbox holds)."""
        tracking_id = self.sync.tracking_id(local_id)
        assert tracking_id is not None
        with self.sandbox.client() as client:
            return client.complaints.get(tracking_id).model_dump_json()


def other_complaint() -> Complaint:
    return Complaint(
        title="Sampah menumpuk",
        description="Sampah di pasar belum diangkut sejak Senin.",
        created_at=dt.datetime(2025, 3, 4, 9, tzinfo=WIB),
        reporter=OTHER,
    )


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def desk(
    request: pytest.FixtureRequest, tmp_path: object, lapor_sandbox: Sandbox
) -> Iterator[Desk]:
    if request.param == "sqlite":
        db = create_engine(f"sqlite:///{tmp_path}/sync.db")
    else:
        url = os.environ.get("LAPOR_TEST_DATABASE_URL")
        if not url:
            pytest.skip("LAPOR_TEST_DATABASE_URL is not set")
        db = create_engine(url)
        drop(db)
    client = lapor_sandbox.client()
    sync = SyncEngine(client, db, source="app", retry_initial=0.01, retry_max=0.2, lease=1.0)
    # Filed: c1 (the canary) and o1 (another reporter).
    sync.enqueue_complaint(canary_complaint(Privacy.PUBLIC), local_id="c1")
    sync.enqueue_complaint(other_complaint(), local_id="o1")
    report = sync.run()
    assert report.pushed == 2 and report.pulled >= 2
    # Queued, not sent yet: c2 and its follow-up (sent once c2 is filed and verified).
    sync.enqueue_complaint(canary_complaint(Privacy.ANONYMOUS), local_id="c2")
    sync.enqueue_follow_up("c2", text=f"Ditelepon ke {PHONE}, {NAME} mengonfirmasi.")
    outbox = pdp.open_store("outbox", db)
    yield Desk(db, sync, lapor_sandbox, outbox, pdp.DataSubject(phone=PHONE))
    sync.close()
    client.close()
    if request.param != "sqlite":
        drop(db)
    db.dispose()


def test_the_outbox_is_a_pdp_store_found_by_each_identifier(desk: Desk) -> None:
    assert pdp.PLUGINS["outbox"] == "lapor_sdk.sync._pdp"
    for subject in (pdp.DataSubject(nik=NIK), desk.subject, pdp.DataSubject(email=EMAIL.upper())):
        records = desk.outbox.find(subject)
        kinds = sorted((r.data.get("local_id", "mirror"), r.kind, r.status) for r in records)
        assert kinds == [
            ("c1", "sync_outbox_complaint", "done"),
            ("c2", "sync_outbox_complaint", "pending"),
            ("c2", "sync_outbox_follow_up", "waiting"),
            ("mirror", "national_mirror", "unverified"),
        ], subject
    export = pdp.export_subject(desk.subject, [desk.outbox], now=dt.datetime.now(dt.UTC))
    data = json.loads(export.to_json())
    assert {"nik", "phone", "email", "name"} <= found_in(export.to_json())
    assert "Budi" not in export.to_json()
    mirror = next(r for r in data["records"] if r["kind"] == "national_mirror")
    assert mirror["national_tracking_id"] == desk.sync.tracking_id("c1")
    assert all(r["processing_record"] for r in data["records"])
    page = pdp.render_export_html(export)
    assert "Antrean kirim ke SP4N-LAPOR!" in page


def test_erasure_anonymises_outbox_and_mirror_and_the_pending_ticket_is_still_sent_once(
    desk: Desk,
) -> None:
    c1 = desk.sync.tracking_id("c1")
    before = every_cell(desk.db)
    held = pdp.erase_subject(desk.subject, [desk.outbox], request_id="PDP-H")
    assert held.anonymised == 1  # the confirmed row of c1; c2 and the open mirror row held
    assert {g for s in held.stores for _, g in s.held} == {pdp.HoldGround.OPEN_COMPLAINT}
    assert found_in(every_cell(desk.db)) >= {"nik", "phone"}
    assert found_in(before) == {"name", "nik", "phone", "email"}

    report = pdp.erase_subject(desk.subject, [desk.outbox], request_id="PDP-1", force=True)
    assert [f.tracking_id for f in report.national_copies] == [c1]  # one flag per report
    assert found_in(every_cell(desk.db)) == set(), "no table of the sync store names her"
    assert found_in(json.dumps(report.to_dict())) == set()
    assert desk.outbox.find(desk.subject) == []
    # The engine goes on: ids, states and tracking ids kept; c2 is filed, anonymised, once
    # (its follow-up waits for the national verification, as before).
    assert desk.sync.tracking_id("c1") == c1
    result = desk.sync.run()
    assert result.pushed == 1 and result.dead == 0
    assert found_in(desk.national("c2")) == set()
    reporter = json.loads(desk.national("c2"))["reporter"]
    assert reporter["name"] == pdp.ERASED and not reporter.get("nik")
    with desk.sandbox.client() as client:
        assert len(client.complaints.list(external_ref="app:c2", limit=10).data) == 1
    assert desk.sync.status().done == 3
    # The national side changes c1 later: the pulled version is stored anonymised too.
    with desk.sandbox.store.lock:
        stored = desk.sandbox.store.get(c1 or "")
        assert stored is not None
        now = dt.datetime.now(dt.UTC)
        desk.sandbox.store.save(
            lifecycle.verify(
                stored.complaint, by=Role.AGENCY_ADMIN, at=now, agency=desk.sandbox.agency_id
            )
        )
    assert desk.sync.run().pulled >= 1
    state = desk.sync.national_state("c1")
    assert state is not None and state.status.value != "unverified"  # the newer version
    assert found_in(every_cell(desk.db)) == set()


def test_erasing_a_row_on_the_wire_revokes_its_lease(desk: Desk) -> None:
    from lapor_sdk.sync._outbox import claim, connect

    with connect(desk.db) as conn:
        taken = claim(conn, "app", 10, now=dt.datetime.now(dt.UTC).timestamp(), lease=60.0)
    assert [r.local_id for r in taken] == ["c2"]
    desk.outbox.anonymise(
        [r.record_id for r in desk.outbox.find(desk.subject)], subject=desk.subject
    )
    with desk.db.connect() as conn:
        row = conn.execute(
            sa.text("SELECT state, lease_token, maybe_sent FROM sync_outbox WHERE id = :i"),
            {"i": taken[0].id},
        ).one()
    assert (row.state, row.lease_token, bool(row.maybe_sent)) == ("pending", None, True)
    assert desk.sync.run().pushed == 1  # looked up first (not there), then sent anonymised
    assert found_in(desk.national("c2")) == set()


def test_a_copy_sent_identified_just_before_the_erasure_is_pulled_anonymised(desk: Desk) -> None:
    from lapor_sdk.sync._outbox import claim, connect

    with connect(desk.db) as conn:
        taken = claim(conn, "app", 10, now=dt.datetime.now(dt.UTC).timestamp(), lease=60.0)
    # The worker sends the payload it holds (identified); the erasure lands meanwhile.
    assert desk.sync._attempt(taken[0]).kind == "done"
    desk.outbox.anonymise(
        [r.record_id for r in desk.outbox.find(desk.subject)], subject=desk.subject
    )
    assert desk.sync.run().pushed == 1  # the look-up finds it: not sent twice
    assert found_in(desk.national("c2")) >= {"nik", "phone"}  # the operator's to erase
    assert found_in(every_cell(desk.db)) == set()  # the pulled copy is stored anonymised


def test_restriction_holds_the_reporters_rows_until_it_is_lifted(desk: Desk) -> None:
    at = dt.datetime.now(dt.UTC)
    report = pdp.restrict_subject(desk.subject, [desk.outbox], request_id="PDP-R", at=at)
    assert report.stores == (("outbox", 2),) and report.not_covered == ()
    assert pdp.is_restricted(desk.subject, desk.db)
    assert pdp.is_restricted(Reporter(nik=NIK), desk.db)  # widened: the NIK is marked too
    assert not pdp.is_restricted(OTHER, desk.db)
    # New rows for her are held as well; another reporter's are not.
    desk.sync.enqueue_complaint(canary_complaint(Privacy.PUBLIC), local_id="c3")
    desk.sync.enqueue_complaint(other_complaint(), local_id="o2")
    result = desk.sync.run()  # returns: held rows do not keep the engine awake
    assert result.pushed == 1
    status = desk.sync.status()
    assert (status.restricted, status.pending) == (3, 0)
    assert desk.sync.tracking_id("c2") is None and desk.sync.tracking_id("c3") is None
    assert report.to_dict()["request_id"] == "PDP-R"
    # Access still works while restricted (the subject's own right).
    assert len(pdp.export_subject(desk.subject, [desk.outbox], now=at).records) == 5
    lifted = pdp.lift_restriction(desk.subject, [desk.outbox], request_id="PDP-R", at=at)
    assert lifted.lifted and lifted.stores == (("outbox", 3),)
    assert not pdp.is_restricted(desk.subject, desk.db)
    assert desk.sync.run().pushed == 2  # c2 and c3 (c2's follow-up waits for verification)
    assert desk.sync.status().restricted == 0


def test_retention_and_the_breach_notice_reach_the_outbox(desk: Desk) -> None:
    closed = lifecycle.close(
        canary_complaint(Privacy.PUBLIC, tracking_id="LAPOR-2025-009999"),
        at=dt.datetime(2025, 3, 20, 16, tzinfo=WIB),
    )
    desk.sync._store_page([closed], dt.datetime.now(dt.UTC))
    policy = pdp.RetentionPolicy.from_dict({"rules": [{"store": "outbox", "years": 1}]})
    later = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)
    dry = pdp.apply_retention([desk.outbox], policy, now=later)
    assert [i.record_id for i in dry.due] == ["mirror:LAPOR-2025-009999"]
    assert dry.open >= 3  # the unsent rows and the open mirror rows
    done = pdp.apply_retention([desk.outbox], policy, now=later, apply=True)
    assert done.anonymised == {"outbox": 1}
    with desk.db.connect() as conn:
        data = conn.execute(
            sa.text("SELECT data FROM sync_mirror WHERE tracking_id = 'LAPOR-2025-009999'")
        ).scalar_one()
    assert found_in(data) == set()
    incident = pdp.BreachIncident(
        discovered_at=dt.datetime(2025, 6, 1, 22, tzinfo=WIB),
        how="Salinan antrean kirim terbuka di server cadangan",
        data_kinds=("nama", "NIK"),
        measures="Server cadangan kami tutup",
        controller="Diskominfo Kota Surabaya",
        contact="petugas pelindungan data di nomor (031) 5312144",
    )
    notice = pdp.breach_notice(incident, [desk.outbox])
    phones = sorted(a.person.phone or "" for a in notice.affected)
    assert phones == ["+6281234567890", "+6281399998888"]
    assert found_in(notice.subject_text + notice.authority_text) == set()


def test_correction_reaches_the_unsent_payloads_only(desk: Desk) -> None:
    assert desk.outbox.correct(desk.subject, {"phone": "0813-0000-1111"}) == 1
    moved = desk.outbox.find(pdp.DataSubject(phone="081300001111"))
    assert [r.data["local_id"] for r in moved if r.kind == "sync_outbox_complaint"] == ["c2"]


def test_a_version_1_outbox_is_migrated_in_place(desk: Desk) -> None:
    assert SYNC_SCHEMA_VERSION == 2
    with desk.db.begin() as conn:
        conn.execute(sa.text("DROP TABLE pdp_restrictions"))
        for table, column in (("sync_outbox", "restricted"), ("sync_outbox", "anonymised_at"),
                              ("sync_mirror", "anonymised_at")):  # fmt: skip
            conn.execute(sa.text(f"ALTER TABLE {table} DROP COLUMN {column}"))
        conn.execute(sa.text("UPDATE sync_meta SET value = '1' WHERE key = 'schema_version'"))
    assert migrate_sync_schema(desk.db) == 2
    with desk.db.connect() as conn:
        columns = {c["name"] for c in sa.inspect(conn).get_columns("sync_outbox")}
        assert {"restricted", "anonymised_at"} <= columns
        assert sa.inspect(conn).has_table("pdp_restrictions")
        held = conn.execute(sa.text("SELECT count(*) FROM sync_outbox WHERE restricted")).scalar()
    assert held == 0
    assert desk.sync.run().pushed == 1
