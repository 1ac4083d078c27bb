"""Static types of the public complaint API (checked by mypy --strict; also run by pytest)."""

from __future__ import annotations

import datetime as dt
from typing import assert_type

import lapor_sdk
from lapor_sdk import lifecycle
from lapor_sdk.intake import ComplaintDraft, from_message
from lapor_sdk.models import Channel, Complaint, MissingInfo, Reporter, Role, Status
from lapor_sdk.privacy import Audience
from lapor_sdk.validation import LocationMatch, NikInfo, Region, extract_location, find_regions

WIB = dt.timezone(dt.timedelta(hours=7))


def test_public_complaint_types() -> None:
    at = dt.datetime(2025, 3, 3, 9, tzinfo=WIB)
    c = lifecycle.create(title="Jalan rusak", description="Jl. Ahmad Yani Surabaya", created_at=at)
    assert_type(c, Complaint)
    assert_type(c.status, Status)
    assert_type(c.status.label, str)
    assert_type(c.missing_information(), list[MissingInfo])
    assert_type(c.view_for(Audience.PUBLIC), Complaint)
    verified = lifecycle.verify(c, by=Role.AGENCY_ADMIN, agency="Pemkot Surabaya", at=at)
    assert_type(verified, Complaint)
    assert_type(lapor_sdk.normalize_phone("0812-3456-7890"), str)
    assert_type(lapor_sdk.validate_nik("3578015708900003"), NikInfo)
    assert_type(Reporter(phone="0812-3456-7890").phone, str | None)
    match = extract_location("Jalan rusak di Kota Surabaya")
    assert_type(match, LocationMatch | None)
    assert match is not None
    assert_type(match.region, Region | None)
    assert_type(find_regions("Malang"), list[Region])
    draft = from_message("Jalan rusak di Kota Surabaya", sender="081234567890", received_at=at)
    assert_type(draft, ComplaintDraft)
    assert_type(draft.complaint.channel, Channel)
