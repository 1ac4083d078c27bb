"""Complaint ↔ Open311 service request, and the two wire formats (hypothesis round trips)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from model_strategies import complaints
from open311_strategies import service_requests, wire_texts

from lapor_sdk import lifecycle
from lapor_sdk.lifecycle import ArchiveReason
from lapor_sdk.models import Attachment, Complaint, Location, Privacy, Role, Status
from lapor_sdk.open311 import (
    Open311Status,
    ServiceRequest,
    WireError,
    complaint_to_request,
    public_request,
    request_to_complaint,
    services_from_categories,
)
from lapor_sdk.open311._wire import decode, encode_list

WIB = dt.timezone(dt.timedelta(hours=7))
SERVICES = services_from_categories({"infrastruktur": "Infrastruktur", "kesehatan": "Kesehatan"})


def _through(request: ServiceRequest, fmt: str) -> ServiceRequest:
    raw = encode_list("service_requests", [request.to_wire()], fmt)  # type: ignore[arg-type]
    [item] = decode(raw, fmt)  # type: ignore[arg-type]
    return ServiceRequest.model_validate(item)


wire_complaints = complaints.filter(lambda c: c.tracking_id is not None).map(
    lambda c: c.model_copy(
        update={
            "description": " ".join(c.description.split()),
            "category": (" ".join(c.category.split()) or None) if c.category else None,
        }
    )
)


@pytest.mark.parametrize("fmt", ["json", "xml"])
@given(request=service_requests)
def test_a_request_survives_each_wire_format(fmt: str, request: ServiceRequest) -> None:
    assert _through(request, fmt) == request


@pytest.mark.parametrize("fmt", ["json", "xml"])
@given(complaint=wire_complaints, description=wire_texts(400))
def test_complaint_to_request_to_complaint_keeps_what_open311_carries(
    fmt: str, complaint: Complaint, description: str
) -> None:
    complaint = complaint.model_copy(update={"description": description})
    back = request_to_complaint(
        _through(complaint_to_request(complaint), fmt),
        ids_are_tracking_ids=True,
        resolve_region=False,
    )
    assert back.tracking_id == complaint.tracking_id
    assert back.status is complaint.status
    assert back.description == complaint.description
    assert back.category == (complaint.category or None)
    assert back.agency == complaint.agency
    assert back.created_at == complaint.created_at.replace(microsecond=0)
    updated = max(complaint.updated_at or complaint.created_at, complaint.created_at)
    assert back.updated_at == updated.replace(microsecond=0)
    loc = complaint.location
    if loc is not None and loc.latitude is not None and loc.longitude is not None:
        assert back.location is not None
        assert (back.location.latitude, back.location.longitude) == (loc.latitude, loc.longitude)
    media = next((a.url for a in complaint.attachments if a.url), None)
    assert complaint_to_request(back).media_url is None  # the URL is not an attachment
    assert complaint_to_request(complaint).media_url == media
    # SLA clocks can run on the import: a creation event at requested_datetime.
    assert back.events[0].at == back.created_at


@given(status=st.sampled_from(Status))
def test_status_is_open_or_closed_with_the_lapor_label_as_notes(status: Status) -> None:
    c = _complaint().model_copy(update={"status": status})
    request = complaint_to_request(c)
    closed = status in (Status.ARCHIVED, Status.COMPLETED, Status.CLOSED)
    assert request.status is (Open311Status.CLOSED if closed else Open311Status.OPEN)
    assert request.status_notes == status.label


def _complaint(**changes: object) -> Complaint:
    c = lifecycle.create(
        title="Jalan berlubang",
        description="Jalan berlubang besar di Jl. Ahmad Yani, Kota Surabaya.",
        created_at=dt.datetime(2025, 3, 3, 9, 0, 12, 345, tzinfo=WIB),
        tracking_id="LAPOR-2025-000001",
        category="Infrastruktur",
        agency="pemkot-surabaya",
        location=Location(
            street="Jl. Ahmad Yani",
            region_code="35.78",
            region_name="Kota Surabaya",
            province_code="35",
            province_name="Jawa Timur",
            latitude=-7.3,
            longitude=112.73,
        ),
        attachments=[
            Attachment(
                filename="foto.jpg",
                content_type="image/jpeg",
                size=10,
                url="https://files.example.id/a/1.jpg",
            )
        ],
    )
    return c.model_copy(update=changes)


def test_the_mapping_names_every_field_of_the_spec() -> None:
    c = _complaint()
    due = dt.datetime(2025, 3, 6, 16, 0, tzinfo=WIB)
    wire = complaint_to_request(c, services=SERVICES, expected_at=due).to_wire()
    assert wire == {
        "service_request_id": "LAPOR-2025-000001",
        "status": "open",
        "status_notes": "Laporan Belum Terverifikasi",
        "service_name": "Infrastruktur",
        "service_code": "infrastruktur",
        "description": "Jalan berlubang besar di Jl. Ahmad Yani, Kota Surabaya.",
        "agency_responsible": "pemkot-surabaya",
        "service_notice": None,
        "requested_datetime": "2025-03-03T09:00:12+07:00",
        "updated_datetime": "2025-03-03T09:00:12+07:00",
        "expected_datetime": "2025-03-06T16:00:00+07:00",
        "address": "Jl. Ahmad Yani, Kota Surabaya, Jawa Timur",
        "address_id": None,
        "zipcode": None,
        "lat": -7.3,
        "long": 112.73,
        "media_url": "https://files.example.id/a/1.jpg",
    }


def test_an_archived_complaint_is_closed_with_its_reason() -> None:
    c = lifecycle.archive(
        _complaint(),
        by=Role.AGENCY_ADMIN,
        at=dt.datetime(2025, 3, 4, 9, tzinfo=WIB),
        reason=ArchiveReason.DUPLICATE,
        note="sama dengan LAPOR-2025-000002",
    )
    request = complaint_to_request(c)
    assert request.status is Open311Status.CLOSED
    assert request.status_notes is not None
    assert request.status_notes.startswith("Laporan Arsip: ")
    assert request_to_complaint(request).status is Status.ARCHIVED


def test_the_region_is_read_from_the_address() -> None:
    request = complaint_to_request(_complaint())
    back = request_to_complaint(request)
    assert back.location is not None
    assert (back.location.region_code, back.location.province_code) == ("35.78", "35")
    assert back.external_ref == "open311:LAPOR-2025-000001"
    assert back.tracking_id is None  # not a LAPOR! server unless said so


def test_coordinates_resolve_a_region_through_the_function_given() -> None:
    from lapor_sdk.validation import get_region

    request = complaint_to_request(_complaint()).model_copy(update={"address": None})
    seen: list[tuple[float, float]] = []

    def resolve(lat: float, lon: float):  # type: ignore[no-untyped-def]
        seen.append((lat, lon))
        return get_region("35.73")

    back = request_to_complaint(request, region_from_coordinates=resolve, resolve_region=False)
    assert seen == [(-7.3, 112.73)]
    assert back.location is not None and back.location.region_name == "Kota Malang"


def test_a_foreign_server_request_imports_with_a_title_and_events() -> None:
    request = ServiceRequest.model_validate(
        {
            "service_request_id": 638344,  # numbers, as the spec's own examples send them
            "status": "closed",
            "status_notes": "Duplicate request.",
            "service_name": "Sidewalk and Curb Issues",
            "service_code": 6,
            "description": None,
            "requested_datetime": "2010-04-14T06:37:38-08:00",
            "updated_datetime": "2010-04-14T06:37:38-08:00",
            "lat": "37.762221815",
            "long": "-122.4651145",
        }
    )
    c = request_to_complaint(request, source="sf311")
    assert c.external_ref == "sf311:638344"
    assert c.status is Status.COMPLETED
    assert c.category == "Sidewalk and Curb Issues"
    assert c.title == "Laporan Sidewalk and Curb Issues"
    assert [e.kind.value for e in c.events] == ["created", "completed"]


def test_a_rahasia_complaint_is_never_public_and_an_anonim_one_loses_contacts() -> None:
    assert public_request(_complaint(privacy=Privacy.CONFIDENTIAL)) is None
    c = _complaint(privacy=Privacy.ANONYMOUS, description="Hubungi saya di 0812-3456-7890.")
    request = public_request(c)
    assert request is not None and "3456" not in (request.description or "")


def test_a_complaint_without_any_id_cannot_be_a_request() -> None:
    with pytest.raises(ValueError, match="needs a tracking_id"):
        complaint_to_request(_complaint(tracking_id=None))


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><service_requests/>',
            id="doctype",
        ),
        pytest.param(b"<service_requests><request>", id="malformed"),
        pytest.param(b"\xff\xfe", id="not-utf8"),
    ],
)
def test_hostile_documents_are_refused(raw: bytes) -> None:
    with pytest.raises(WireError):
        decode(raw, "xml")
    with pytest.raises(WireError):
        decode(raw, "json")


def test_a_huge_list_is_refused() -> None:
    raw = json.dumps([{}] * 10_001).encode()
    with pytest.raises(WireError, match="more than 10000"):
        decode(raw, "json")
