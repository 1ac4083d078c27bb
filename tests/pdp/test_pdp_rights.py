"""Access export, erasure with statistics kept, holds, national copies, one transaction each."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from tests.security.canary import NIK, PHONE, found_in
from tests.security.canary import reporter as canary_reporter

from lapor_sdk import lifecycle, pdp
from lapor_sdk.models import Reporter, Role
from lapor_sdk.monev import MonevReport, compute_monev

from .conftest import NOW, World, every_cell


def test_the_access_export_finds_the_reporter_in_every_store(world: World) -> None:
    export = pdp.export_subject(pdp.DataSubject(phone="+6281234567890"), world.stores, now=NOW)
    by_store = {s: [r.record_id for r in export.records if r.store == s] for s in export.stores}
    assert len(by_store["complaints"]) == 3  # two closed, one open
    assert by_store["ppid"] == ["PPID/2025/0001"]
    assert len(by_store["hoax"]) == 1
    data = json.loads(export.to_json())
    assert data["legal_basis"].endswith("(UU 27/2022 Pasal 32 ayat (2))")
    complaint = next(r for r in data["records"] if r["store"] == "complaints")
    assert complaint["processing_record"], "the processing record (events) is part of access"
    assert {"name", "nik", "phone", "email"} <= found_in(export.to_json())
    # Found by each identifier alone, and nobody else's records come with it.
    for key in ({"nik": NIK}, {"email": "SITI.RAHAYU@contoh.id"}):
        again = pdp.export_subject(pdp.DataSubject(**key), world.stores, now=NOW)
        # (the hoax sighting's reporter gave only a name and a phone number)
        wanted = [r.record_id for r in export.records if r.store != "hoax"]
        assert [r.record_id for r in again.records] == wanted


def test_the_export_page_escapes_what_the_stores_hold(world: World) -> None:
    hostile = world.others[0].model_copy(
        update={"title": "<script>alert(1)</script>", "reporter": world.others[0].reporter}
    )
    world.complaints.save(hostile)
    export = pdp.export_subject(world.subject, world.stores, now=NOW, request_id="PDP-1")
    page = pdp.render_export_html(export, agency="<b>Diskominfo</b>")
    assert "<script>" not in page and "&lt;b&gt;Diskominfo&lt;/b&gt;" in page
    assert '<html lang="id">' in page and "PDP-1" in page


def _figures(report: MonevReport) -> dict[str, object]:
    """Every figure of the report; the flagged follow-ups by reference, not by their text
    (a quality finding's reasons quote what the follow-up said, which was the reporter's
    data)."""
    data = report.model_dump(mode="json", exclude={"flagged_follow_ups"})
    data["flagged"] = [(i.reference, i.unit, i.at, i.final) for i in report.flagged_follow_ups]
    return data


def test_erasure_leaves_the_reporter_nowhere_and_the_monev_figures_unchanged(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    before = compute_monev(world.complaints.all(), now=NOW)
    request = pdp.receive("erasure", world.subject, received_at=NOW, request_id="PDP-ERASE-1")
    world.register.save(pdp.receive("access", world.subject, received_at=NOW, request_id="PDP-A"))
    world.register.save(request)
    caplog.set_level(logging.DEBUG)
    done, report = pdp.fulfil_erasure(request, world.stores, world.register, at=NOW, force=True)
    assert done.state is pdp.RequestState.DONE and done.subject is None
    assert done.identified_by == ("nik", "phone", "email")
    assert {f.tracking_id for f in done.national_copies} == {
        "LAPOR-2025-000777",
        "LAPOR-2025-000778",
    }
    assert all(f.request_id == "PDP-ERASE-1" for f in done.national_copies)
    assert report.anonymised == 3 + 1 + 1 + 2
    # Nowhere: not in any table, any log, the report, a fresh export or its page.
    assert found_in(every_cell(world.engine)) == set()
    assert found_in(caplog.text) == set()
    assert found_in(json.dumps(report.to_dict())) == set()
    export = pdp.export_subject(world.subject, world.stores, now=NOW)
    assert export.records == ()
    assert found_in(pdp.render_export_html(export).replace(export.subject.nik or "", "")) == set()
    # The statistics are the same figures, tracking ids kept.
    after = compute_monev(world.complaints.all(), now=NOW)
    assert _figures(after) == _figures(before)
    assert len(after.flagged_follow_ups) == len(before.flagged_follow_ups)
    assert world.complaints.get("LAPOR-2025-000777").tracking_id == "LAPOR-2025-000777"


def test_an_open_complaint_is_kept_with_the_ground_until_it_is_finished(world: World) -> None:
    request = world.register.save(pdp.receive("erasure", world.subject, received_at=NOW))
    held, report = pdp.fulfil_erasure(request, world.stores, world.register, at=NOW)
    assert held.state is pdp.RequestState.IN_PROGRESS and held.subject is not None
    kept = [(s.store, r, g) for s in report.stores for r, g in s.held]
    assert kept == [("complaints", "app:open-1", pdp.HoldGround.OPEN_COMPLAINT)]
    assert "UU 25/2009" in held.events[-1].note  # type: ignore[operator]
    assert found_in(world.complaints.get("app:open-1").model_dump_json()) >= {"nik", "phone"}
    assert found_in(world.complaints.get("LAPOR-2025-000778").model_dump_json()) == set()


def test_one_store_rolls_back_as_a_whole(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from lapor_sdk.pdp import _adapters

    calls = {"n": 0}
    real = _adapters.anonymise_complaint

    def fail_second(complaint: object, known: object) -> object:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real(complaint, known)  # type: ignore[arg-type]

    monkeypatch.setattr(_adapters, "anonymise_complaint", fail_second)
    complaints = world.stores[0]
    ids = [r.record_id for r in complaints.find(world.subject)]
    with pytest.raises(RuntimeError):
        complaints.anonymise(ids, subject=world.subject)
    assert all(found_in(world.complaints.get(i).model_dump_json()) for i in ids)


def test_correction_reaches_every_store(world: World) -> None:
    subject = world.subject
    for adapter in world.stores:
        adapter.correct(subject, {"phone": "0813-0000-1111"})
    moved = pdp.DataSubject(phone="081300001111")
    stores = {r.store for r in pdp.export_subject(moved, world.stores, now=NOW).records}
    assert stores == {"complaints", "ppid", "hoax"}


def test_retention_dry_run_changes_nothing_and_apply_anonymises_what_is_due(world: World) -> None:
    policy = pdp.RetentionPolicy.from_dict(
        {"rules": [{"store": "complaints", "years": 1, "source": "JRA 2025"}, {"years": 5}]}
    )
    later = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)
    dry = pdp.apply_retention(world.stores, policy, now=later)
    before = every_cell(world.engine)
    assert not dry.applied and dry.anonymised == {}
    due = {(i.store, i.record_id) for i in dry.due}
    assert ("complaints", "LAPOR-2025-000777") not in due  # keyed by external ref
    assert ("complaints", "app:closed-2") in due
    assert not any(store != "complaints" for store, _ in due)
    assert every_cell(world.engine) == before
    done = pdp.apply_retention(world.stores, policy, now=later, apply=True)
    assert done.anonymised["complaints"] == len([d for d in due if d[0] == "complaints"])
    assert found_in(world.complaints.get("app:closed-2").model_dump_json()) == set()
    assert found_in(world.complaints.get("app:open-1").model_dump_json())  # open: kept
    again = pdp.apply_retention(world.stores, policy, now=later)
    assert not {(i.store, i.record_id) for i in again.due} & due


def test_the_breach_notice_names_the_affected_and_the_fields_of_pasal_46(world: World) -> None:
    incident = pdp.BreachIncident(
        discovered_at=dt.datetime(2025, 6, 1, 22, 0, tzinfo=dt.timezone(dt.timedelta(hours=9))),
        occurred_at=dt.datetime(2025, 6, 1, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))),
        how="Salinan basis data pengaduan terbuka di server cadangan tanpa kata sandi",
        data_kinds=("nama", "NIK", "nomor telepon", "alamat surel"),
        measures="Server cadangan kami tutup dan kata sandi semua petugas kami ganti",
        controller="Dinas Komunikasi dan Informatika Kota Surabaya",
        contact="petugas pelindungan data di nomor (031) 5312144",
        stores=("complaints",),
    )
    notice = pdp.breach_notice(incident, world.stores, tz="Asia/Jayapura")
    assert notice.deadline == incident.discovered_at + dt.timedelta(hours=72)
    assert "Pasal 46" in notice.source
    assert len(notice.affected) == 1 + len({c.reporter.phone for c in world.others if c.reporter})
    for field in ("Data pribadi yang terungkap", "Kami mengetahuinya pada", "Cara data terungkap",
                  "Upaya penanganan dan pemulihan"):  # fmt: skip
        assert field in notice.subject_text and field in notice.authority_text
    assert "4 Juni 2025 pukul 22.00 WIT" not in notice.subject_text
    assert "1 Juni 2025 pukul 22.00 WIT" in notice.subject_text
    assert notice.findings() == []
    # 1 June 22:00 WIT is 13:00 UTC: due 4 June 13:00 UTC, whatever the zone.
    assert notice.status(dt.datetime(2025, 6, 4, 12, tzinfo=dt.UTC)).state.value == "at_risk"
    assert notice.status(dt.datetime(2025, 6, 4, 14, tzinfo=dt.UTC)).state.value == "breached"
    assert found_in(notice.subject_text + notice.authority_text) == set()


OTHER = Reporter(
    name="Budi Santoso", nik="3578010101900001", phone="0813-9999-8888", email="budi@pasar.example"
)
OTHER_TRACES = ("Budi", "Santoso", "3578010101900001", "9999", "8888", "pasar.example")


def test_the_export_hands_the_subject_no_one_elses_data(world: World) -> None:
    """Pasal 33 huruf b: a text naming another reporter, and a record two people share."""
    at = dt.datetime(2025, 5, 2, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    budi = lifecycle.create(title="Sampah menumpuk", description="Sampah belum diangkut.",
                            external_ref="app:budi", created_at=at, reporter=OTHER)  # fmt: skip
    world.complaints.save(budi)
    world.complaints.save(
        lifecycle.create(
            title="Parkir liar di depan sekolah",
            description="Tetangga saya Budi Santoso (0813-9999-8888, budi@pasar.example, "
            f"NIK 3578010101900001) juga melihatnya. Hubungi saya di {PHONE}.",
            external_ref="app:shared",
            created_at=at,
            reporter=canary_reporter(),
        )
    )

    class Shared:
        """A store whose record holds two people (a joint report)."""

        name = "shared"

        def _record(self, person: Reporter) -> pdp.StoredRecord:
            both = [canary_reporter().model_dump(mode="json"), OTHER.model_dump(mode="json")]
            return pdp.StoredRecord(
                store="shared", record_id="J-1", kind="joint_report", created_at=at,
                status="open", person=person, data={"reporters": both, "note": "bersama"},
            )  # fmt: skip

        def find(self, subject: pdp.DataSubject) -> list[pdp.StoredRecord]:
            return [self._record(canary_reporter())] if subject.matches(canary_reporter()) else []

        def records(self) -> list[pdp.StoredRecord]:
            return [self._record(canary_reporter()), self._record(OTHER)]

        def anonymise(self, record_ids: object, *, subject: object) -> int:
            return 0

        def correct(self, subject: object, changes: object) -> int:
            return 0

    stores = [*world.stores, Shared()]
    export = pdp.export_subject(pdp.DataSubject(phone=PHONE), stores, now=NOW)
    text = export.to_json() + pdp.render_export_html(export)
    assert not [t for t in OTHER_TRACES if t in text]
    assert found_in(text) == {"name", "nik", "phone", "email"}  # her own data stays
    shared = next(r for r in export.records if r.record_id == "app:shared")
    assert f"Hubungi saya di {PHONE}" in shared.data["description"]
    joint = next(r for r in export.records if r.store == "shared")
    assert joint.data["reporters"][1] == pdp.OTHER_PERSON
    assert joint.data["reporters"][0]["nik"] == NIK
    # Budi's own export does not carry her either (her complaint is not his).
    his = pdp.export_subject(pdp.DataSubject(nik="3578010101900001"), stores, now=NOW)
    assert [r.record_id for r in his.records] == ["app:budi"]
    assert found_in(his.to_json()) == set()
    # The controller's own review may see everything.
    review = pdp.export_subject(pdp.DataSubject(phone=PHONE), stores, now=NOW, hide_others=False)
    assert "Budi Santoso" in review.to_json()


def test_erasure_takes_her_out_of_a_neighbours_complaint_and_keeps_his_data(world: World) -> None:
    at = dt.datetime(2025, 5, 2, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    quoting = lifecycle.create(
        title="Parkir liar",
        description=f"Tetangga saya Siti Rahayu ({PHONE}) juga melihatnya. Saya di 0813-9999-8888.",
        external_ref="app:budi",
        created_at=at,
        reporter=OTHER,
    )
    world.complaints.save(
        lifecycle.archive(quoting, by=Role.AGENCY_ADMIN, at=at, reason="duplicate")
    )
    request = world.register.save(pdp.receive("erasure", world.subject, received_at=NOW))
    _, report = pdp.fulfil_erasure(request, world.stores, world.register, at=NOW, force=True)
    assert dict((s.store, s.mentions) for s in report.stores)["complaints"] >= 1
    his = world.complaints.get("app:budi")
    assert found_in(his.model_dump_json()) == set()
    assert "0813-9999-8888" in his.description and his.reporter == OTHER
    assert found_in(every_cell(world.engine)) == set()
