"""Every client method against the real sandbox over a socket, on both clients."""

from __future__ import annotations

import datetime as dt

import pytest

from lapor_sdk.client import (
    Agency,
    APIStatusError,
    Category,
    ConflictError,
    NotFoundError,
    RawResponse,
    Unit,
    UnprocessableEntityError,
)
from lapor_sdk.models import (
    Channel,
    Classification,
    Complaint,
    DispositionKind,
    EventKind,
    Location,
    Privacy,
    Reporter,
    Role,
    Satisfaction,
    Status,
)
from lapor_sdk.sandbox import Sandbox

from .conftest import Api

SURABAYA = Location(region_code="35.78", region_name="Kota Surabaya", street="Jl. Ahmad Yani")


def file(api: Api, ref: str = "app:1", **fields: object) -> Complaint:
    values: dict[str, object] = {
        "title": "Jalan berlubang",
        "description": "Jalan di Jl. Ahmad Yani Surabaya berlubang besar dekat halte.",
        "external_ref": ref,
        "channel": Channel.WHATSAPP,
        "location": SURABAYA,
    }
    values.update(fields)
    complaint: Complaint = api.complaints.create(**values)
    return complaint


class TestComplaints:
    def test_create_assigns_yearly_tracking_ids_and_the_filing_agency(self, api: Api) -> None:
        first = file(api, "app:1")
        second = file(api, "app:2", category="infrastruktur", tags=["jalan"])
        year = first.created_at.year
        assert first.tracking_id == f"LAPOR-{year}-000001"
        assert second.tracking_id == f"LAPOR-{year}-000002"
        assert first.status is Status.UNVERIFIED
        assert first.agency == "pemkot-surabaya"
        assert first.external_ref == "app:1"
        assert first.location == SURABAYA
        assert second.category == "infrastruktur" and second.tags == ["jalan"]
        assert [e.kind for e in first.events] == [EventKind.CREATED]

    def test_form_manual_channels_record_the_admin_as_creator(self, api: Api) -> None:
        phone = file(api, "app:phone", channel=Channel.PHONE)
        web = file(api, "app:web", channel=Channel.LAPOR_WEB)
        assert phone.events[0].actor is Role.AGENCY_ADMIN
        assert web.events[0].actor is Role.REPORTER

    def test_same_external_ref_returns_the_first_report_not_a_duplicate(
        self, api: Api, sandbox: Sandbox
    ) -> None:
        first = api.with_raw_response.complaints.create(
            title="Lampu jalan mati",
            description="Lampu PJU mati sejak seminggu.",
            external_ref="app:77",
        )
        again = api.with_raw_response.complaints.create(
            title="Lampu jalan mati (kirim ulang)",
            description="Lampu PJU mati.",
            external_ref="app:77",
        )
        assert (first.status_code, again.status_code) == (201, 200)
        assert again.parse().tracking_id == first.parse().tracking_id
        assert again.parse().title == "Lampu jalan mati"
        assert sandbox.store.count() == 1

    def test_the_same_external_ref_of_two_agencies_are_two_reports(self, api: Api, api_for) -> None:
        ours = file(api, "app:1")
        theirs = file(api_for("pemkab-malang"), "app:1")
        assert ours.tracking_id != theirs.tracking_id

    def test_get_returns_what_was_filed(self, api: Api) -> None:
        filed = file(api, reporter=Reporter(name="Siti Rahayu", phone="0812-3456-7890"))
        fetched = api.complaints.get(filed.tracking_id)
        assert fetched == filed
        assert fetched.reporter is not None and fetched.reporter.phone == "+6281234567890"

    def test_get_unknown_is_not_found(self, api: Api) -> None:
        with pytest.raises(NotFoundError) as info:
            api.complaints.get("LAPOR-2025-999999")
        assert info.value.status_code == 404
        assert info.value.request_id and info.value.request_id.startswith("req_")
        assert "LAPOR-2025-999999" in str(info.value)

    def test_list_walks_every_page_in_update_order(self, api: Api) -> None:
        filed = [file(api, f"app:{i}").tracking_id for i in range(7)]
        page = api.complaints.list(limit=3)
        assert len(page.data) == 3 and page.next_cursor is not None
        assert [c.tracking_id for c in page] == filed

    def test_list_filters_by_status_agency_and_updated_since(self, api: Api) -> None:
        a, b, _c = (file(api, f"app:{i}") for i in range(3))
        verified = api.verification.verify(b.tracking_id, unit="dsdabm")
        assert verified.updated_at is not None
        by_status = [c.tracking_id for c in api.complaints.list(status=Status.DISPOSED)]
        assert by_status == [b.tracking_id]
        assert len(list(api.complaints.list(agency="pemkot-surabaya"))) == 3
        assert list(api.complaints.list(agency="pemkab-malang")) == []
        since = [c.tracking_id for c in api.complaints.list(updated_since=verified.updated_at)]
        assert since == [b.tracking_id]
        assert a.tracking_id not in since

    def test_list_refuses_a_naive_updated_since_before_sending(self, api: Api) -> None:
        with pytest.raises(ValueError, match="naive datetime"):
            api.complaints.list(updated_since=dt.datetime(2025, 3, 3, 9, 0))

    def test_invalid_body_lists_the_fields(self, api: Api) -> None:
        with pytest.raises(UnprocessableEntityError) as info:
            api.complaints.create(title="x" * 201, description="d", external_ref="app:long")
        assert [e.pointer for e in info.value.errors] == ["/title"]
        assert info.value.problem.type == "urn:lapor:problem:validation"

    def test_unknown_category_is_refused_with_a_pointer(self, api: Api) -> None:
        with pytest.raises(UnprocessableEntityError) as info:
            file(api, category="tidak-ada")
        assert info.value.errors[0].pointer == "/category"


class TestLifecycle:
    def test_verify_follow_up_complete_reply_rate(self, api: Api) -> None:
        c = file(api)
        c = api.verification.verify(
            c.tracking_id,
            unit="dsdabm",
            classification=Classification.COMPLAINT,
            category="infrastruktur",
            note="Mohon dicek",
        )
        assert (c.status, c.unit, c.category) == (Status.DISPOSED, "dsdabm", "infrastruktur")
        c = api.follow_ups.create(c.tracking_id, text="Tim sudah survei lokasi.")
        assert c.status is Status.IN_PROGRESS
        c = api.follow_ups.create(c.tracking_id, text="Lubang sudah ditambal.", final=True)
        assert c.status is Status.COMPLETED
        c = api.replies.create(c.tracking_id, text="Masih ada satu lubang lagi.")
        assert c.status is Status.IN_PROGRESS
        c = api.follow_ups.create(c.tracking_id, text="Sudah ditambal semua.", final=True)
        c = api.ratings.create(c.tracking_id, satisfaction=Satisfaction.SATISFIED, comment="Ok")
        assert c.rating is not None and c.rating.satisfaction is Satisfaction.SATISFIED
        assert api.ratings.get(c.tracking_id).satisfaction is Satisfaction.SATISFIED
        assert [f.text for f in api.follow_ups.list(c.tracking_id)] == [
            "Tim sudah survei lokasi.",
            "Lubang sudah ditambal.",
            "Sudah ditambal semua.",
        ]
        assert [r.text for r in api.replies.list(c.tracking_id)] == ["Masih ada satu lubang lagi."]
        assert [e.kind for e in api.complaints.get(c.tracking_id).events] == [
            EventKind.CREATED,
            EventKind.VERIFIED,
            EventKind.FOLLOWED_UP,
            EventKind.COMPLETED,
            EventKind.REPLIED,
            EventKind.COMPLETED,
            EventKind.RATED,
        ]

    def test_rating_is_not_found_before_it_is_given(self, api: Api) -> None:
        with pytest.raises(NotFoundError, match="not rated yet"):
            api.ratings.get(file(api).tracking_id)

    def test_postpone_then_supplement_returns_to_unverified(self, api: Api) -> None:
        c = file(api)
        c = api.verification.postpone(c.tracking_id, reason="Lokasi kurang rinci")
        assert c.status is Status.POSTPONED
        where = Location(region_code="35.78", street="Jl. Ahmad Yani No. 10")
        c = api.verification.supplement(c.tracking_id, location=where)
        assert c.status is Status.UNVERIFIED and c.location == where

    def test_archive_with_reason(self, api: Api) -> None:
        c = api.verification.archive(file(api).tracking_id, reason="duplicate", note="Sama")
        assert c.status is Status.ARCHIVED
        assert c.events[-1].kind is EventKind.ARCHIVED

    def test_archive_reason_must_be_known(self, api: Api) -> None:
        with pytest.raises(UnprocessableEntityError) as info:
            api.verification.archive(file(api).tracking_id, reason="bosan")
        assert info.value.errors[0].pointer == "/reason"

    def test_illegal_transition_is_a_conflict_and_not_retried(self, api: Api, sleeps) -> None:
        c = api.verification.archive(file(api).tracking_id, reason="too_general")
        with pytest.raises(ConflictError) as info:
            api.follow_ups.create(c.tracking_id, text="Tindak lanjut")
        assert info.value.problem.type == "urn:lapor:problem:illegal-transition"
        assert sleeps.delays == []

    def test_dispose_to_a_unit_and_list_dispositions(self, api: Api) -> None:
        c = api.verification.verify(file(api).tracking_id, unit="dsdabm")
        c = api.dispositions.create(c.tracking_id, to_unit="dispendukcapil", note="Salah unit")
        assert c.unit == "dispendukcapil"
        kinds = [d.kind for d in api.dispositions.list(c.tracking_id)]
        assert kinds and all(k is DispositionKind.DISPOSE for k in kinds)

    def test_dispose_to_an_unknown_unit_is_refused(self, api: Api) -> None:
        c = api.verification.verify(file(api).tracking_id)
        with pytest.raises(UnprocessableEntityError) as info:
            api.dispositions.create(c.tracking_id, to_unit="upt-pjj-malang")
        assert info.value.errors[0].pointer == "/to_unit"

    def test_forward_makes_the_report_visible_to_the_target_agency(self, api: Api, api_for) -> None:
        c = file(api)
        bina_marga = api_for("dpu-bm-jatim")
        with pytest.raises(NotFoundError):
            bina_marga.complaints.get(c.tracking_id)
        c = api.dispositions.forward(
            c.tracking_id, to_agency="dpu-bm-jatim", reason="Jalan provinsi"
        )
        assert (c.status, c.agency) == (Status.DISPOSED, "dpu-bm-jatim")
        seen = bina_marga.complaints.get(c.tracking_id)
        assert seen.dispositions[-1].kind is DispositionKind.FORWARD
        assert [x.tracking_id for x in bina_marga.complaints.list()] == [c.tracking_id]
        handled = bina_marga.dispositions.create(c.tracking_id, to_unit="upt-pjj-surabaya")
        assert handled.unit == "upt-pjj-surabaya"


class TestAttachments:
    def test_upload_and_list(self, api: Api, tmp_path) -> None:
        c = file(api)
        path = tmp_path / "foto.jpg"
        path.write_bytes(b"\xff\xd8\xff" + b"0" * 1000)
        attachment = api.attachments.upload(
            c.tracking_id, file=path, filename="foto.jpg", content_type="image/jpeg"
        )
        assert (attachment.size, attachment.content_type) == (1003, "image/jpeg")
        assert attachment.sha256 is not None and len(attachment.sha256) == 64
        assert api.attachments.list(c.tracking_id) == [attachment]

    def test_type_and_size_limits(self, api: Api) -> None:
        c = file(api)
        with pytest.raises(APIStatusError) as info:
            api.attachments.upload(
                c.tracking_id, file=b"MZ", filename="x.exe", content_type="application/x-msdownload"
            )
        assert info.value.status_code == 415
        with pytest.raises(APIStatusError) as too_big:
            api.attachments.upload(
                c.tracking_id,
                file=b"0" * (5 * 1024 * 1024 + 1),
                filename="big.pdf",
                content_type="application/pdf",
            )
        assert too_big.value.status_code == 413
        assert api.attachments.list(c.tracking_id) == []


class TestDirectory:
    def test_agencies_units_categories(self, api: Api) -> None:
        agencies = list(api.agencies.list(limit=2))
        assert len(agencies) == 5 and all(isinstance(a, Agency) for a in agencies)
        assert api.agencies.get("pemkot-surabaya").region_code == "35.78"
        units = api.agencies.list_units("pemkot-surabaya")
        assert {u.id for u in units} == {"dsdabm", "dispendukcapil"}
        assert all(isinstance(u, Unit) and u.agency_id == "pemkot-surabaya" for u in units)
        categories = api.categories.list()
        assert "infrastruktur" in {c.id for c in categories}
        assert all(isinstance(c, Category) for c in categories)
        with pytest.raises(NotFoundError):
            api.agencies.get("tidak-ada")


class TestRawResponse:
    def test_raw_response_exposes_status_headers_and_request_id(self, api: Api) -> None:
        raw = api.with_raw_response.complaints.create(
            title="Sampah menumpuk",
            description="Sampah di pasar belum diangkut.",
            external_ref="app:raw",
        )
        assert isinstance(raw, RawResponse)
        assert raw.status_code == 201
        assert raw.headers["location"] == f"/complaints/{raw.parse().tracking_id}"
        assert raw.request_id is not None and raw.request_id.startswith("req_")
        listed = api.with_raw_response.complaints.list()
        assert [c.tracking_id for c in listed.parse()] == [raw.parse().tracking_id]


class TestPrivacy:
    def test_liaison_gets_the_handling_unit_view_of_an_anonymous_report(
        self, api: Api, api_for
    ) -> None:
        c = file(
            api,
            privacy=Privacy.ANONYMOUS,
            reporter=Reporter(name="Budi Santoso", phone="081234567890"),
        )
        api.verification.verify(c.tracking_id, unit="dsdabm")
        liaison = api_for("pemkot-surabaya", "liaison")
        seen = liaison.complaints.get(c.tracking_id)
        assert seen.reporter is None
        assert api.complaints.get(c.tracking_id).reporter is not None


def test_a_walk_with_reports_filed_meanwhile_loses_and_repeats_none(sandbox: Sandbox) -> None:
    with sandbox.client() as client:
        before = [file(client, f"walk:{i}").tracking_id for i in range(5)]
        seen: list[str] = []
        added: list[str] = []
        for page in client.complaints.list(limit=2).iter_pages():
            seen += [c.tracking_id for c in page.data]
            if len(added) < 3:  # file more while walking
                added.append(file(client, f"walk:new:{len(added)}").tracking_id)
        assert len(seen) == len(set(seen))
        assert seen == before + added
