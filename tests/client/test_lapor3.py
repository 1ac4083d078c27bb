"""The LAPOR 3.0.0 wire profile against the sandbox serving that profile."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from lapor_sdk.client import AuthenticationError, LaporClient, UnsupportedOperationError
from lapor_sdk.client._lapor3 import LAPOR3_PREFIX
from lapor_sdk.models import Channel, Privacy, Status
from lapor_sdk.sandbox import Sandbox

from .conftest import Api, SleepRecorder, make_api


@pytest.fixture(params=["sync", "async"])
def lapor3(
    request: pytest.FixtureRequest, sandbox: Sandbox, sleeps: SleepRecorder
) -> Iterator[Api]:
    yield from make_api(
        request.param, sandbox, sleeps, profile="lapor3", gateway_token=sandbox.gateway_token
    )


def test_create_maps_to_the_national_fields_and_returns_the_complaint_id(
    lapor3: Api, sandbox: Sandbox
) -> None:
    c = lapor3.complaints.create(
        title="Jalan rusak",
        description="Jalan provinsi di Lamongan rusak parah.",
        external_ref="app:1",
        channel=Channel.WHATSAPP,
        privacy=Privacy.ANONYMOUS,
        tags=["jalan", "provinsi"],
    )
    assert c.tracking_id is not None and c.status is Status.UNVERIFIED
    with sandbox.client() as contract:  # the same report through the SDK's own contract
        stored = contract.complaints.get(c.tracking_id)
    assert (stored.title, stored.channel, stored.privacy) == (
        "Jalan rusak",
        Channel.WHATSAPP,
        Privacy.ANONYMOUS,
    )
    assert stored.tags == ["jalan", "provinsi"]


def test_wire_shape_of_create(sandbox: Sandbox) -> None:
    seen: list[httpx.Request] = []
    http = httpx.Client(event_hooks={"request": [seen.append]})
    with sandbox.client(profile="lapor3", http_client=http) as client:
        client.complaints.create(
            title="T", description="Isi laporan", external_ref="a:1", channel=Channel.WHATSAPP
        )
    http.close()
    request = seen[0]
    assert request.url.path == "/lapor/3.0.0/complaints/complaint"
    assert request.headers["auth"] == f"Bearer {sandbox.gateway_token}"
    assert request.headers["token"] == sandbox.api_key
    assert "authorization" not in request.headers
    import json

    body = json.loads(request.content)
    assert body == {
        "title": "T",
        "content": "Isi laporan",
        "channel": 13,
        "classification_id": 6,
        "is_anonymous": False,
        "is_secret": False,
        "is_priority": False,
    }


def test_not_our_authority_forwards_to_the_institution(lapor3: Api, sandbox: Sandbox) -> None:
    c = lapor3.complaints.create(
        title="Jalan", description="Jalan provinsi rusak.", external_ref="app:2"
    )
    institutions = {a.name: a.id for a in lapor3.agencies.list()}
    target = institutions["Dinas Pekerjaan Umum Bina Marga Provinsi Jawa Timur"]
    forwarded = lapor3.dispositions.forward(
        c.tracking_id, to_agency=target, reason="Kewenangan provinsi"
    )
    assert forwarded.status is Status.DISPOSED
    with sandbox.client(api_key=Sandbox.api_key_for("dpu-bm-jatim")) as bina_marga:
        assert bina_marga.complaints.get(c.tracking_id).agency == "dpu-bm-jatim"


def test_reject_without_not_authority_archives(lapor3: Api, sandbox: Sandbox) -> None:
    c = lapor3.complaints.create(title="Iklan", description="Promosi produk.", external_ref="app:3")
    archived = lapor3.verification.archive(c.tracking_id, reason="not_a_service_complaint")
    assert archived.status is Status.ARCHIVED
    with sandbox.client() as contract:
        assert contract.complaints.get(c.tracking_id).status is Status.ARCHIVED


def test_operations_the_national_api_does_not_show_are_refused_locally(lapor3: Api) -> None:
    with pytest.raises(UnsupportedOperationError, match="supported: archiveComplaint"):
        lapor3.complaints.get("LAPOR-2025-000001")


def test_wrong_gateway_token_is_an_authentication_error(sandbox: Sandbox) -> None:
    with (
        LaporClient(
            base_url=sandbox.base_url,
            api_key=sandbox.api_key,
            profile="lapor3",
            gateway_token="wrong",
        ) as client,
        pytest.raises(AuthenticationError),
    ):
        client.agencies.list()


def test_profile_from_the_environment(monkeypatch: pytest.MonkeyPatch, sandbox: Sandbox) -> None:
    monkeypatch.setenv("LAPOR_BASE_URL", sandbox.base_url)
    monkeypatch.setenv("LAPOR_API_KEY", sandbox.api_key)
    monkeypatch.setenv("LAPOR_PROFILE", "lapor3")
    monkeypatch.setenv("LAPOR_GATEWAY_TOKEN", sandbox.gateway_token)
    with LaporClient() as client:
        assert client.profile.name == "lapor3"
        assert len(list(client.agencies.list())) == 5


def test_the_development_gateway_prefix(sandbox: Sandbox) -> None:
    from lapor_sdk.client import Lapor3Profile

    seen: list[httpx.Request] = []
    http = httpx.Client(event_hooks={"request": [seen.append]})
    profile = Lapor3Profile(prefix="/sandbox-konsolidasi/1.0", location_id=34)
    with sandbox.client(
        profile=profile, gateway_token=sandbox.gateway_token, http_client=http
    ) as client:
        c = client.complaints.create(title="T", description="Isi", external_ref="dev:1")
    http.close()
    assert seen[0].url.path == "/sandbox-konsolidasi/1.0/complaints/complaint"
    assert b'"location_id":34' in seen[0].content.replace(b" ", b"")
    assert c.tracking_id is not None


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"[" * 100_000 + b"]" * 100_000, 400),  # nested too deeply for the JSON parser
        (b'{"title": "' + b"a" * (2 * 1024 * 1024) + b'"}', 413),  # over the JSON size cap
    ],
)
def test_the_lapor3_wire_refuses_hostile_bodies_cleanly(
    sandbox: Sandbox, body: bytes, status: int
) -> None:
    headers = {
        "auth": f"Bearer {sandbox.gateway_token}",
        "token": sandbox.api_key,
        "Content-Type": "application/json",
    }
    with httpx.Client(base_url=sandbox.base_url, headers=headers) as http:
        r = http.post(f"{LAPOR3_PREFIX}/complaints/complaint", content=body)
    assert r.status_code == status


def test_the_lapor3_wire_refuses_a_non_ascii_digit_cleanly(sandbox: Sandbox) -> None:
    headers = {"auth": f"Bearer {sandbox.gateway_token}", "token": sandbox.api_key}
    with httpx.Client(base_url=sandbox.base_url, headers=headers) as http:
        r = http.get(f"{LAPOR3_PREFIX}/masters/institutions/external", params={"page_size": "²"})
    assert r.status_code == 422
