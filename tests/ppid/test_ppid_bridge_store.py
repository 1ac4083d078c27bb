"""The LAPOR! bridge, and the register store on real SQLite and PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from ppid_helpers import NAME, NIK, PHONE_E164, at, new_request

from lapor_sdk import IllegalTransitionError, InvalidInputError, lifecycle, ppid
from lapor_sdk.models import Classification, Reporter, Role, Status
from lapor_sdk.storage import create_engine


def info_complaint() -> object:
    c = lifecycle.create(
        title="Permintaan data",
        description="Mohon salinan daftar penerima beasiswa 2025",
        created_at=at("2025-03-03"),
        classification=Classification.INFORMATION_REQUEST,
        tracking_id="LAPOR-2025-000777",
        reporter=Reporter(name=NAME, nik=NIK, phone=PHONE_E164),
    )
    return lifecycle.verify(
        c, by=Role.AGENCY_ADMIN, agency="Diskominfo", at=at("2025-03-03", "10:00")
    )


class TestBridge:
    def test_round_trip_through_the_lifecycle(self) -> None:
        c = info_complaint()
        r = ppid.request_from_complaint(c, number="PPID/2025/0001")  # type: ignore[arg-type]
        assert r.source_ref == "LAPOR-2025-000777"
        assert r.received_at == at("2025-03-03")
        assert r.requester.name == NAME and r.requester.nik == NIK
        assert "beasiswa" in r.information
        r = ppid.decide(r, at=at("2025-03-07"), kind="granted", note="Dikirim lewat surel.")
        answered = ppid.answer_complaint(c, r)  # type: ignore[arg-type]
        assert answered.status is Status.COMPLETED
        follow_up = answered.follow_ups[-1]
        assert follow_up.final and follow_up.at == at("2025-03-07")
        assert "PPID/2025/0001" in follow_up.text
        assert "Dikabulkan seluruhnya" in follow_up.text
        # The objection window as a date: 30 working days from 7 March 2025 (Lebaran off).
        assert "Batas waktunya Rabu, 30 April 2025 pukul 16.00 WIB" in follow_up.text
        assert answered.events[-1].kind.value == "completed"

    def test_only_information_requests_cross(self) -> None:
        c = lifecycle.create(title="Jalan", description="Berlubang", created_at=at("2025-03-03"))
        with pytest.raises(
            InvalidInputError, match="classified complaint; only information_request"
        ):
            ppid.request_from_complaint(c, number="P/1")

    def test_undecided_or_foreign_request_is_refused(self) -> None:
        c = info_complaint()
        r = ppid.request_from_complaint(c, number="P/1")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="has no decision"):
            ppid.answer_complaint(c, r)  # type: ignore[arg-type]
        other = new_request().model_copy(update={"source_ref": "LAPOR-OTHER"})
        other = ppid.decide(other, at=at("2025-03-05"), kind="granted")
        with pytest.raises(InvalidInputError, match="came from LAPOR-OTHER"):
            ppid.answer_complaint(c, other)  # type: ignore[arg-type]

    def test_unverified_report_must_be_verified_first(self) -> None:
        c = lifecycle.create(
            title="Data",
            description="Mohon data",
            created_at=at("2025-03-03"),
            classification=Classification.INFORMATION_REQUEST,
        )
        r = ppid.decide(
            ppid.request_from_complaint(c, number="P/1"), at=at("2025-03-04"), kind="not_held"
        )
        with pytest.raises(
            IllegalTransitionError, match="from UNVERIFIED; allowed from UNVERIFIED"
        ):
            ppid.answer_complaint(c, r)


def _store_round_trip(store: ppid.PpidStore) -> None:
    assert store.next_number(2025) == "PPID/2025/0001"
    r = new_request(number=store.next_number(2025))
    store.add(r)
    assert store.next_number(2025) == "PPID/2025/0002"
    with pytest.raises(InvalidInputError, match="already in the register"):
        store.add(r)
    r = ppid.decide(r, at=at("2025-03-05"), kind="rejected_exempt", grounds=["h"],
                    consequence_test="Data pribadi")  # fmt: skip
    r = ppid.object_to(r, at=at("2025-03-06"), number=store.next_number(2025, prefix="KEB"),
                       reasons=["a"])  # fmt: skip
    store.save(r)
    again = store.get("PPID/2025/0001")
    assert again == r
    assert store.get("KEB/2025/0001") == r  # found by its objection number too
    store.add(new_request(number="PPID/2025/0002", received="2025-08-01"))
    semester_2 = store.list(received_from=at("2025-07-01", "00:00"))
    assert [x.number for x in semester_2] == ["PPID/2025/0002"]
    assert [x.number for x in store.list(statuses=[ppid.RequestStatus.OBJECTED])] == [
        "PPID/2025/0001"
    ]
    with pytest.raises(ppid.RequestNotFoundError, match="no request 'PPID/2099/1'"):
        store.get("PPID/2099/1")
    with pytest.raises(ppid.RequestNotFoundError):
        store.save(new_request(number="NEVER/1"))


class TestStore:
    def test_sqlite_file_survives_a_new_process(self, tmp_path: Path) -> None:
        path = tmp_path / "ppid.db"
        _store_round_trip(ppid.PpidStore(str(path)))  # a bare path means SQLite
        reopened = ppid.PpidStore(f"sqlite:///{path}")
        assert reopened.get("PPID/2025/0001").status is ppid.RequestStatus.OBJECTED
        assert reopened.schema_version == ppid.SCHEMA_VERSION

    def test_a_newer_schema_is_refused(self, tmp_path: Path) -> None:
        url = f"sqlite:///{tmp_path / 'ppid.db'}"
        ppid.PpidStore(url)
        with create_engine(url).begin() as conn:
            conn.execute(sa.text("UPDATE ppid_meta SET value = '99' WHERE key = 'schema_version'"))
        with pytest.raises(ppid.SchemaVersionError, match="version 99, newer than"):
            ppid.PpidStore(url)

    def test_where_the_registers_live(self, tmp_path: Path) -> None:
        as_path = ppid.PpidStore(tmp_path / "a.db")  # a Path means a SQLite file
        assert as_path.engine.url.database == str(tmp_path / "a.db")
        assert (tmp_path / "a.db").read_bytes().startswith(b"SQLite format 3\x00")
        default = ppid.PpidStore()  # $LAPOR_HOME/ppid.db (the autouse fixture sets it)
        assert str(default.engine.url.database).endswith("/lapor-home/ppid.db")
        default.engine.dispose()
        as_path.engine.dispose()

    def test_number_prefix_is_checked(self) -> None:
        store = ppid.PpidStore("sqlite://")
        with pytest.raises(InvalidInputError, match="number prefix"):
            store.next_number(2025, prefix="A/B%")


@pytest.fixture
def pg_store() -> Iterator[ppid.PpidStore]:
    url = os.environ.get("LAPOR_TEST_DATABASE_URL")
    if not url:
        pytest.skip("LAPOR_TEST_DATABASE_URL is not set")
    engine = create_engine(url)

    def drop() -> None:
        with engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS ppid_requests"))
            conn.execute(sa.text("DROP TABLE IF EXISTS ppid_meta"))

    drop()
    yield ppid.PpidStore(engine)
    drop()
    engine.dispose()


@pytest.mark.postgres
def test_postgres_round_trip(pg_store: ppid.PpidStore) -> None:
    _store_round_trip(pg_store)
    assert ppid.PpidStore(pg_store.engine).get("PPID/2025/0001").objection is not None
