"""The sandbox refuses region codes nobody issued, with a JSON pointer to the field."""

from __future__ import annotations

import httpx
import pytest

from lapor_sdk.client import UnprocessableEntityError
from lapor_sdk.models import Location
from lapor_sdk.sandbox import Sandbox


def _post(sb: Sandbox, path: str, body: dict[str, object], key: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {sb.api_key}", "Idempotency-Key": key}
    with httpx.Client(base_url=sb.base_url, headers=headers) as http:
        return http.post(path, json=body)


@pytest.mark.parametrize(
    ("location", "pointer"),
    [
        ({"region_code": "99.99"}, "/location/region_code"),
        ({"region_code": "35.99"}, "/location/region_code"),
        ({"region_code": "35.73", "province_code": "99"}, "/location/province_code"),
    ],
)
def test_unknown_region_code_is_422_with_a_pointer(
    lapor_sandbox: Sandbox, location: dict[str, str], pointer: str
) -> None:
    body = {"title": "Jalan rusak", "description": "Berlubang.", "location": location}
    r = _post(lapor_sandbox, "/complaints", {**body, "external_ref": f"r:{pointer}"}, pointer)
    assert r.status_code == 422
    problem = r.json()
    assert problem["errors"] == [
        {"pointer": pointer, "detail": "unknown region code", "code": "unknown_region"}
    ]
    assert "unknown Kemendagri region code" in problem["detail"]
    assert lapor_sandbox.store.count() == 0


def test_known_code_is_filed_and_supplement_checks_too(lapor_sandbox: Sandbox) -> None:
    with lapor_sandbox.client() as client:
        c = client.complaints.create(
            title="Jalan rusak",
            description="Berlubang.",
            external_ref="regions:ok",
            location=Location(region_code="35.73", region_name="Kota Malang"),
        )
        assert c.location is not None and c.location.region_code == "35.73"
        with pytest.raises(UnprocessableEntityError) as info:
            client.complaints.create(
                title="Jalan rusak",
                description="Berlubang.",
                external_ref="regions:bad",
                location=Location(region_code="99.99"),
            )
        assert info.value.status_code == 422
    r = _post(
        lapor_sandbox,
        f"/complaints/{c.tracking_id}/supplement",
        {"location": {"region_code": "99.99"}},
        "supplement-1",
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["pointer"] == "/location/region_code"
