"""``complaints.list(external_ref=...)``: how a write whose answer was lost is looked up."""

from __future__ import annotations

from typing import Any

import pytest

from lapor_sdk import InvalidInputError
from lapor_sdk.client import Lapor3Profile, LaporProfile, UnsupportedOperationError
from lapor_sdk.sandbox import Sandbox

from .conftest import Api


def test_the_filter_finds_only_the_report_filed_under_that_reference(api: Api) -> None:
    wanted = api.complaints.create(title="Jalan rusak", description="…", external_ref="app:1")
    api.complaints.create(title="Lampu mati", description="…", external_ref="app:2")

    found = list(api.complaints.list(external_ref="app:1"))

    assert [c.tracking_id for c in found] == [wanted.tracking_id]
    assert list(api.complaints.list(external_ref="app:404")) == []


def test_another_agency_does_not_see_reports_under_the_same_reference(
    api: Api, api_for: Any
) -> None:
    api.complaints.create(title="Jalan rusak", description="…", external_ref="shared:1")
    other = api_for("pemkab-malang")

    assert list(other.complaints.list(external_ref="shared:1")) == []


@pytest.mark.parametrize("ref", ["", "x" * 201])
def test_a_reference_out_of_range_is_refused_before_sending(api: Api, ref: str) -> None:
    with pytest.raises(InvalidInputError, match="external_ref"):
        api.complaints.list(external_ref=ref)


def test_the_lapor3_profile_says_it_cannot_list_or_look_up() -> None:
    assert not Lapor3Profile().supports_operation("listComplaints")
    assert not Lapor3Profile().supports_operation("listFollowUps")
    assert Lapor3Profile().supports_operation("createComplaint")
    assert LaporProfile().supports_operation("listComplaints")


def test_listing_through_the_lapor3_profile_raises_unsupported(sandbox: Sandbox) -> None:
    with (
        sandbox.client(profile="lapor3") as client,
        pytest.raises(UnsupportedOperationError, match="listComplaints"),
    ):
        list(client.complaints.list(external_ref="app:1"))
