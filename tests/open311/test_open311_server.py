"""The sandbox's GeoReport v2 server, over a real socket, checked against the spec's shapes."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from xml.etree import ElementTree as ET

import httpx
import pytest

from lapor_sdk.models import Privacy
from lapor_sdk.sandbox import Sandbox

WIB = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2025, 3, 10, 9, 0, tzinfo=WIB)
#: Element names of a request in the spec's GET requests example, in its order.
SPEC_REQUEST_FIELDS = [
    "service_request_id", "status", "status_notes", "service_name", "service_code",
    "description", "agency_responsible", "service_notice", "requested_datetime",
    "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat",
    "long", "media_url",
]  # fmt: skip
SPEC_SERVICE_FIELDS = {
    "service_code", "service_name", "description", "metadata", "type", "keywords", "group",
}  # fmt: skip


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture(scope="module")
def sb() -> Iterator[Sandbox]:
    clock = Clock()
    with Sandbox.running(clock=clock) as sandbox:
        with sandbox.client() as client:
            for i, (privacy, category) in enumerate(
                [
                    (Privacy.PUBLIC, "infrastruktur"),
                    (Privacy.ANONYMOUS, "kesehatan"),
                    (Privacy.CONFIDENTIAL, "infrastruktur"),
                ]
            ):
                clock.now = NOW - dt.timedelta(days=i)
                client.complaints.create(
                    title=f"Laporan {i}",
                    description=f"Jalan rusak nomor {i} di Jl. Ahmad Yani Surabaya",
                    external_ref=f"test:{i}",
                    category=category,
                    privacy=privacy,
                )
        clock.now = NOW
        yield sandbox


def _xml(raw: bytes) -> ET.Element:
    return ET.fromstring(raw)  # noqa: S314 - our own sandbox's answer


def _get(sb: Sandbox, path: str, **params: str) -> httpx.Response:
    return httpx.get(f"{sb.base_url}/open311/v2/{path}", params=params, timeout=10)


def test_services_have_the_spec_fields_in_json_and_xml(sb: Sandbox) -> None:
    data = _get(sb, "services.json").json()
    assert {s["service_code"] for s in data} >= {"infrastruktur", "lainnya"}
    assert all(set(s) == SPEC_SERVICE_FIELDS for s in data)
    assert next(s for s in data if s["service_code"] == "lainnya")["type"] == "batch"
    answer = _get(sb, "services.xml")
    assert answer.headers["content-type"] == "text/xml; charset=utf-8"
    assert answer.text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    root = _xml(answer.content)
    assert root.tag == "services" and {c.tag for c in root} == {"service"}
    assert {c.tag for c in root[0]} == SPEC_SERVICE_FIELDS


def test_service_definition_and_its_404(sb: Sandbox) -> None:
    assert _get(sb, "services/kesehatan.json").json() == {
        "service_code": "kesehatan",
        "attributes": [],
    }
    missing = _get(sb, "services/nope.json")
    assert missing.status_code == 404
    [error] = missing.json()
    assert set(error) == {"code", "description"} and error["code"] == 404


def test_requests_list_the_public_view_only(sb: Sandbox) -> None:
    data = _get(sb, "requests.json").json()
    assert [list(r) for r in data] == [SPEC_REQUEST_FIELDS] * 2  # rahasia never listed
    assert [r["description"][:18] for r in data] == ["Jalan rusak nomor "] * 2
    assert data[0]["requested_datetime"] > data[1]["requested_datetime"]  # newest first
    assert {r["status"] for r in data} == {"open"}
    root = _xml(_get(sb, "requests.xml").content)
    assert root.tag == "service_requests"
    assert [c.tag for c in root[0]] == SPEC_REQUEST_FIELDS


def test_filters_of_get_requests(sb: Sandbox) -> None:
    assert len(_get(sb, "requests.json", service_code="kesehatan").json()) == 1
    assert _get(sb, "requests.json", status="closed").json() == []
    assert len(_get(sb, "requests.json", status="open,closed").json()) == 2
    day = NOW.date().isoformat()
    today = _get(sb, "requests.json", start_date=f"{day}T00:00:00+07:00").json()
    assert len(today) == 1
    old = _get(
        sb, "requests.json", start_date="2025-01-01T00:00:00Z", end_date="2025-02-01T00:00:00Z"
    )
    assert old.json() == []
    first = today[0]["service_request_id"]
    by_id = _get(sb, "requests.json", service_request_id=f"{first},nope", status="closed")
    assert [r["service_request_id"] for r in by_id.json()] == [first]  # overrides status


@pytest.mark.parametrize(
    ("params", "code", "wording"),
    [
        ({"status": "pending"}, 400, "status must be"),
        ({"start_date": "2025-01-01"}, 400, "w3 date-time with an offset"),
        (
            {"start_date": "2024-01-01T00:00:00Z", "end_date": "2025-01-01T00:00:00Z"},
            400,
            "at most 90 days",
        ),
        ({"jurisdiction_id": "atlantis"}, 404, "jurisdiction_id"),
    ],
)
def test_bad_filters_are_spec_errors(
    sb: Sandbox, params: dict[str, str], code: int, wording: str
) -> None:
    for fmt in ("json", "xml"):
        answer = _get(sb, f"requests.{fmt}", **params)
        assert answer.status_code == code
        if fmt == "json":
            assert answer.json()[0]["code"] == code
            assert wording in answer.json()[0]["description"]
        else:
            root = _xml(answer.content)
            assert root.tag == "errors"
            assert root[0].findtext("code") == str(code)


def test_a_rahasia_request_is_not_found_by_id(sb: Sandbox) -> None:
    with sb.client() as client:
        ids = {c.external_ref: c.tracking_id for c in client.complaints.list()}
    assert _get(sb, f"requests/{ids['test:0']}.json").status_code == 200
    assert _get(sb, f"requests/{ids['test:2']}.json").status_code == 404


def _post(sb: Sandbox, fmt: str, **form: str) -> httpx.Response:
    return httpx.post(f"{sb.base_url}/open311/v2/requests.{fmt}", data=form, timeout=10)


def test_post_files_a_report_for_the_agency_of_the_api_key(sb: Sandbox) -> None:
    answer = _post(
        sb,
        "json",
        api_key=sb.api_key,
        service_code="infrastruktur",
        lat="-7.2575",
        long="112.7521",
        description="Lampu jalan mati di depan balai RW",
        first_name="Siti",
        email="siti@contoh.id",
    )
    assert answer.status_code == 201
    [posted] = answer.json()
    assert set(posted) == {"service_request_id", "service_notice", "account_id"}
    got = _get(sb, f"requests/{posted['service_request_id']}.json").json()[0]
    assert got["agency_responsible"] == sb.agency_id and got["lat"] == -7.2575
    assert "siti" not in json.dumps(got).lower()  # the reporter never shows


def test_a_batch_service_answers_with_a_token(sb: Sandbox) -> None:
    answer = _post(sb, "xml", api_key=sb.api_key, service_code="lainnya",
                   address_string="Jl. Darmo 1, Surabaya", description="Lainnya")  # fmt: skip
    root = _xml(answer.content)
    token = root[0].findtext("token")
    assert root[0].find("service_request_id") is None
    resolved = _get(sb, f"tokens/{token}.json").json()[0]
    assert resolved["token"] == token and resolved["service_request_id"].startswith("LAPOR-")
    assert _get(sb, "tokens/nope.json").status_code == 404
    sb.reset()  # a reset sandbox forgets its tokens with its reports
    assert _get(sb, f"tokens/{token}.json").status_code == 404


def test_batch_tokens_are_bounded_oldest_forgotten_first(
    sb: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lapor_sdk.sandbox import _open311

    monkeypatch.setattr(_open311, "MAX_TOKENS", 3)
    tokens = []
    for i in range(4):
        answer = _post(
            sb,
            "json",
            api_key=sb.api_key,
            service_code="lainnya",
            address_string="Jl. Darmo 1, Surabaya",
            description=f"Lainnya {i}",
        )
        tokens.append(answer.json()[0]["token"])
    assert [_get(sb, f"tokens/{t}.json").status_code for t in tokens] == [404, 200, 200, 200]


@pytest.mark.parametrize(
    ("form", "code", "wording"),
    [
        ({"service_code": "kesehatan", "lat": "1", "long": "1", "description": "x"}, 403,
         "api_key"),
        ({"api_key": "sk_wrong", "service_code": "kesehatan"}, 403, "api_key"),
        ({"service_code": "", "description": "x"}, 400, "service_code was not provided"),
        ({"service_code": "nope", "description": "x"}, 404, "service_code"),
        ({"service_code": "kesehatan", "description": "x"}, 400, "a location is required"),
        ({"service_code": "kesehatan", "lat": "100", "long": "1", "description": "x"}, 400,
         "lat must be"),
        ({"service_code": "kesehatan", "address_string": "x", "description": "y" * 4001}, 400,
         "longer than 4000"),
    ],
)  # fmt: skip
def test_post_errors(sb: Sandbox, form: dict[str, str], code: int, wording: str) -> None:
    form = {"api_key": sb.api_key, **form}
    if form.get("api_key") == "" or ("lat" in form and form["lat"] == "1"):
        form.pop("api_key")
    answer = _post(sb, "json", **form)
    assert answer.status_code == code, answer.text
    assert wording in answer.json()[0]["description"]


def test_unknown_paths_and_formats(sb: Sandbox) -> None:
    assert _get(sb, "discovery.json").status_code == 404
    answer = _get(sb, "services.html")
    assert answer.status_code == 400 and answer.text.startswith("<?xml")
