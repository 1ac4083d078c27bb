"""``Open311Client`` against the sandbox's GeoReport v2 server, over a real socket."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator

import pytest

from lapor_sdk.client import (
    APIConnectionError,
    APIResponseValidationError,
    ClientConfigError,
    NotFoundError,
    PermissionDeniedError,
)
from lapor_sdk.models import Privacy, Status
from lapor_sdk.open311 import Open311Client
from lapor_sdk.sandbox import Sandbox

WIB = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2025, 6, 10, 9, 0, tzinfo=WIB)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def sb() -> Iterator[Sandbox]:
    clock = Clock()
    with Sandbox.running(clock=clock) as sandbox:
        with sandbox.client() as client:
            # Spread over 200 days: the import must walk more than one 90-day window.
            for i, days in enumerate([0, 30, 100, 150, 199]):
                clock.now = NOW - dt.timedelta(days=days)
                client.complaints.create(
                    title=f"Laporan {i}",
                    description=f"Jalan berlubang di Jl. Ahmad Yani, Kota Surabaya ({i})",
                    external_ref=f"o311:{i}",
                    category="infrastruktur",
                    privacy=Privacy.CONFIDENTIAL if i == 4 else Privacy.PUBLIC,
                )
        clock.now = NOW
        yield sandbox


def _client(sb: Sandbox, **options: object) -> Open311Client:
    return Open311Client(f"{sb.base_url}/open311/v2", **options)  # type: ignore[arg-type]


def test_import_walks_the_range_in_90_day_windows_and_keeps_what_is_public(sb: Sandbox) -> None:
    with _client(sb) as o311:
        result = o311.import_complaints(
            start=NOW - dt.timedelta(days=365), end=NOW, ids_are_tracking_ids=True, source="sb"
        )
    assert result.windows == 5  # 365 days in windows of at most 90
    assert result.skipped == []
    assert len(result.complaints) == 4  # the rahasia one is not public
    first = result.complaints[0]
    assert first.created_at < result.complaints[-1].created_at
    assert first.tracking_id is not None and first.external_ref == f"sb:{first.tracking_id}"
    assert first.category == "Infrastruktur" and first.status is Status.UNVERIFIED
    assert first.location is not None and first.location.region_code == "35.78"


def test_the_spec_methods(sb: Sandbox) -> None:
    with _client(sb, api_key=sb.api_key) as o311:
        codes = {s.service_code for s in o311.services()}
        assert "infrastruktur" in codes
        assert o311.service_definition("kesehatan") == {
            "service_code": "kesehatan",
            "attributes": [],
        }
        posted = o311.create_request(
            service_code="kesehatan",
            description="Puskesmas tutup di jam layanan",
            lat=-7.25,
            long=112.75,
        )
        assert posted.service_request_id is not None and posted.token is None
        got = o311.request(posted.service_request_id)
        assert (got.lat, got.long, got.service_code) == (-7.25, 112.75, "kesehatan")
        listed = o311.requests(service_request_id=[posted.service_request_id])
        assert [r.service_request_id for r in listed] == [posted.service_request_id]
        batch = o311.create_request(
            service_code="lainnya", description="Lainnya", address_string="Jl. Darmo 1"
        )
        assert batch.token is not None
        assert o311.token(batch.token).service_request_id is not None


def test_spec_errors_become_typed_errors_with_the_servers_description(sb: Sandbox) -> None:
    with _client(sb, api_key="sk_wrong") as o311:
        with pytest.raises(NotFoundError, match="service_request_id 'LAPOR-1999-000001' not"):
            o311.request("LAPOR-1999-000001")
        with pytest.raises(PermissionDeniedError, match="api_key missing or invalid") as denied:
            o311.create_request(service_code="kesehatan", description="x", lat=1, long=1)
        assert "sk_wrong" not in str(denied.value)
    with _client(sb) as o311, pytest.raises(ClientConfigError, match="needs an API key"):
        o311.create_request(service_code="kesehatan", description="x", lat=1, long=1)


def test_gets_are_retried_and_posts_are_not(sb: Sandbox) -> None:
    waits: list[float] = []
    with _client(sb, api_key=sb.api_key, sleep=waits.append) as o311:
        sb.set_faults(fail_next=2)
        assert o311.services()
        assert len(waits) == 2
        sb.set_faults(drop_next=1)
        with pytest.raises(APIConnectionError):
            o311.create_request(service_code="kesehatan", description="x", lat=1, long=1)
        assert len(waits) == 2  # no retry of the POST


def test_the_answer_size_is_capped(sb: Sandbox) -> None:
    with _client(sb, max_response_bytes=200) as o311:
        with pytest.raises(APIResponseValidationError, match="max_response_bytes=200"):
            o311.requests()


def test_the_api_key_never_reaches_the_logs(sb: Sandbox, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG), _client(sb, api_key=sb.api_key) as o311:
        o311.create_request(service_code="kesehatan", description="x", lat=1, long=1)
    assert caplog.records and sb.api_key not in caplog.text


def test_configuration_from_the_environment(sb: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ClientConfigError, match="LAPOR_OPEN311_URL"):
        Open311Client()
    monkeypatch.setenv("LAPOR_OPEN311_URL", f"{sb.base_url}/open311/v2")
    with Open311Client() as o311:
        assert o311.services()
