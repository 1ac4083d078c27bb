"""Issue #10 defects 3 and 8-12: the sandbox's authorization, limits and 500s, over a socket.

3. An attachment's file name (``KTP_<NIK>_<phone>.jpg``) travelled in the URL, which httpx
   logs at INFO; the client's log filter scrubbed tokens only.
8. No cap on attachments per report.
9. A liaison key relayed the reporter's rating, reply and supplement.
10. An agency admin could dispose a report into another agency.
11. ``/_sandbox/reset`` and ``/_sandbox/faults`` needed no key.
12. Deep-JSON or lone-surrogate cursors, a list ``reason`` in lapor3 ``reject``, 5,000-digit
    numbers and NUL bytes in the path or query (PostgreSQL) answered 500.
"""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import Iterator

import httpx
import pytest

from lapor_sdk import ConflictError, LaporClient, PermissionDeniedError, Satisfaction
from lapor_sdk.models import MAX_ATTACHMENTS
from lapor_sdk.sandbox import Sandbox
from lapor_sdk.sandbox._directory import GATEWAY_TOKEN, token_for

from .canary import NIK, PHONE, found_in
from .conftest import POSTGRES_URL, sandbox_on


def _complaint(client: LaporClient, ref: str) -> str:
    c = client.complaints.create(title="Jalan rusak", description="Berlubang.", external_ref=ref)
    assert c.tracking_id is not None
    return c.tracking_id


def _completed(sb: Sandbox, ref: str) -> str:
    with sb.client() as admin:
        tid = _complaint(admin, ref)
        admin.verification.verify(tid, unit="dsdabm")
        admin.follow_ups.create(tid, text="Sudah ditambal pada 3 Maret.", final=True)
    return tid


def _is_problem(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == status


# -- defect 3 ------------------------------------------------------------------------------


def test_defect_03_attachment_names_never_reach_urls_or_logs(
    lapor_sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    name = f"KTP_{NIK}_{PHONE.replace('-', '')}.jpg"
    seen: list[str] = []
    hooks = {"request": [lambda request: seen.append(str(request.url))]}
    with (
        httpx.Client(event_hooks=hooks) as http,
        lapor_sandbox.client(http_client=http) as client,
    ):
        tid = _complaint(client, "att:log")
        caplog.set_level(logging.DEBUG)
        attachment = client.attachments.upload(
            tid, file=b"\xff\xd8jpeg", filename=name, content_type="image/jpeg"
        )
    assert attachment.filename == name  # the admin view keeps the real name
    assert seen and all(found_in(url) == set() for url in seen)
    assert found_in(caplog.text) == set()


def test_defect_03_the_log_filter_scrubs_personal_data(caplog: pytest.LogCaptureFixture) -> None:
    import lapor_sdk.client  # noqa: F401 - installs the filter

    caplog.set_level(logging.INFO)
    logging.getLogger("httpx").info(
        'HTTP Request: POST http://x/attachments?filename=KTP_%s_%s.jpg "HTTP/1.1 201"',
        NIK,
        "081234567890",
    )
    logging.getLogger("lapor_sdk.client").info("reporter siti.rahayu@contoh.id, %s", PHONE)
    assert found_in(caplog.text) == set()


# -- defect 8 ------------------------------------------------------------------------------


def test_defect_08_attachments_per_report_are_capped(lapor_sandbox: Sandbox) -> None:
    with lapor_sandbox.client() as client:
        tid = _complaint(client, "att:cap")
        for i in range(MAX_ATTACHMENTS):
            client.attachments.upload(
                tid, file=b"%d" % i, filename=f"{i}.png", content_type="image/png"
            )
        with pytest.raises(ConflictError, match=f"already has {MAX_ATTACHMENTS} attachments"):
            client.attachments.upload(tid, file=b"x", filename="x.png", content_type="image/png")
        assert len(client.attachments.list(tid)) == MAX_ATTACHMENTS


# -- defect 9 ------------------------------------------------------------------------------


def test_defect_09_a_liaison_never_relays_the_reporters_actions(lapor_sandbox: Sandbox) -> None:
    tid = _completed(lapor_sandbox, "relay:1")
    liaison_key = Sandbox.api_key_for("pemkot-surabaya", "liaison")
    with lapor_sandbox.client(api_key=liaison_key) as liaison, lapor_sandbox.client() as admin:
        with pytest.raises(PermissionDeniedError, match="a liaison account never acts"):
            liaison.ratings.create(tid, satisfaction=Satisfaction.SATISFIED)
        with pytest.raises(PermissionDeniedError, match="a liaison account never acts"):
            liaison.replies.create(tid, text="Belum beres.")
        assert admin.complaints.get(tid).rating is None
        # The filing agency's admin relays them.
        assert admin.ratings.create(tid, satisfaction=Satisfaction.SATISFIED).rating is not None


def test_defect_09_a_liaison_never_supplements(lapor_sandbox: Sandbox) -> None:
    with lapor_sandbox.client() as admin:
        tid = _complaint(admin, "relay:2")
        admin.verification.postpone(tid, reason="Lokasi belum jelas.")
    with lapor_sandbox.client(api_key=Sandbox.api_key_for("pemkot-surabaya", "liaison")) as li:
        with pytest.raises(PermissionDeniedError, match="a liaison account never acts"):
            li.verification.supplement(tid, description="Di Jl. Ahmad Yani 10, Surabaya.")


# -- defect 10 -----------------------------------------------------------------------------


def test_defect_10_dispose_never_moves_a_report_to_another_agency(lapor_sandbox: Sandbox) -> None:
    with lapor_sandbox.client() as admin:
        tid = _complaint(admin, "dispose:1")
        admin.verification.verify(tid, unit="dsdabm")
        with pytest.raises(PermissionDeniedError, match="forward it"):
            admin.dispositions.create(tid, to_unit="dpupr", to_agency="pemkab-malang")
        assert admin.complaints.get(tid).agency == "pemkot-surabaya"
        # Within the agency it works, and forward is the way out.
        assert admin.dispositions.create(tid, to_unit="dispendukcapil").unit == "dispendukcapil"
        moved = admin.dispositions.forward(tid, to_agency="pemkab-malang", reason="Wewenang")
        assert moved.agency == "pemkab-malang"


# -- defect 11 -----------------------------------------------------------------------------


@pytest.fixture
def admin_app() -> Iterator[Sandbox]:
    yield Sandbox(admin_key="sk_test_admin")


def _admin_call(
    sb: Sandbox,
    client: tuple[str, int],
    method: str = "POST",
    path: str = "/_sandbox/reset",
    **headers: str,
) -> httpx.Response:
    """Call an admin endpoint in process, as if from ``client`` (host, port)."""

    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=sb.app, client=client)
        async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as http:
            body = b'{"error_rate": 1}' if method == "PUT" else None
            return await http.request(method, path, headers=headers, content=body)

    return asyncio.run(call())


def test_defect_11_reset_from_another_machine_needs_the_admin_key(admin_app: Sandbox) -> None:
    _is_problem(_admin_call(admin_app, ("10.1.2.3", 5555)), 401)
    wrong = {"Authorization": f"Bearer {token_for('kemenpanrb')}"}  # an API key is not it
    _is_problem(_admin_call(admin_app, ("10.1.2.3", 5555), **wrong), 401)
    right = {"Authorization": "Bearer sk_test_admin"}
    assert _admin_call(admin_app, ("10.1.2.3", 5555), **right).status_code == 204


def test_defect_11_a_sandbox_on_all_interfaces_needs_the_key_even_locally(
    admin_app: Sandbox,
) -> None:
    admin_app.host = "0.0.0.0"  # noqa: S104 - what `lapor sandbox serve --host 0.0.0.0` sets
    _is_problem(_admin_call(admin_app, ("127.0.0.1", 5555)), 401)
    admin_app.host = "127.0.0.1"
    assert _admin_call(admin_app, ("127.0.0.1", 5555)).status_code == 204
    # A reverse proxy on the same machine makes requests look local: not trusted.
    proxied = _admin_call(admin_app, ("127.0.0.1", 5555), **{"X-Forwarded-For": "203.0.113.9"})
    _is_problem(proxied, 401)


def test_defect_11_faults_too(admin_app: Sandbox) -> None:
    outside = ("10.1.2.3", 5555)
    _is_problem(_admin_call(admin_app, outside, "GET", "/_sandbox/faults"), 401)
    _is_problem(_admin_call(admin_app, outside, "PUT", "/_sandbox/faults"), 401)
    assert admin_app.faults.error_rate == 0


def test_the_admin_key_is_random_per_sandbox_unless_given() -> None:
    assert Sandbox().admin_key != Sandbox().admin_key
    assert len(Sandbox().admin_key) > 30


# -- defect 12 -----------------------------------------------------------------------------


def _cursor(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest, lapor_sandbox: Sandbox) -> Iterator[Sandbox]:
    if request.param == "sqlite":
        yield lapor_sandbox
        return
    if not POSTGRES_URL:
        pytest.skip("LAPOR_TEST_DATABASE_URL is not set")
    with sandbox_on(POSTGRES_URL) as sb:
        yield sb


@pytest.mark.parametrize(
    "path",
    [
        "/complaints?cursor=" + _cursor(b"[" * 3_000),
        "/complaints?cursor=" + _cursor(b'["\\ud800", "LAPOR-2025-000001"]'),
        "/complaints?cursor=" + _cursor(b'["2025-01-01T00:00:00.000000+00:00", "A\\u0000"]'),
        "/complaints?limit=" + "9" * 5000,
        "/complaints/LAPOR-2025-%00000001",
        "/complaints?agency=pemkot%00surabaya",
        "/complaints?status=%00",
        "/agencies/%00",
    ],
    ids=["deep-cursor", "surrogate-cursor", "nul-cursor", "5000-digits", "nul-path",
         "nul-query", "nul-status", "nul-agency"],
)  # fmt: skip
def test_defect_12_hostile_queries_are_4xx_problems(any_store: Sandbox, path: str) -> None:
    headers = {"Authorization": f"Bearer {any_store.api_key}"}
    with httpx.Client(base_url=any_store.base_url, headers=headers) as http:
        response = http.get(path)
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "body",
    [
        {"title": "Jalan\x00", "description": "x", "external_ref": "nul:1"},
        {"title": "Jalan", "description": "\ud800", "external_ref": "surrogate:1"},
        {"title": "Jalan", "description": "x", "external_ref": "nul\x00ref"},
    ],
    ids=["nul-title", "surrogate", "nul-external-ref"],
)
def test_defect_12_unstorable_text_in_bodies_is_a_422(any_store: Sandbox, body: dict) -> None:  # type: ignore[type-arg]
    import json

    headers = {
        "Authorization": f"Bearer {any_store.api_key}",
        "Idempotency-Key": "k-" + body["external_ref"].encode("unicode_escape").decode(),
        "Content-Type": "application/json",
    }
    raw = json.dumps(body).encode()  # ensure_ascii: the escapes travel as \\u0000, \\ud800
    with httpx.Client(base_url=any_store.base_url) as http:
        response = http.post("/complaints", content=raw, headers=headers)
    _is_problem(response, 422)
    assert response.json()["errors"][0]["code"] == "unsafe_characters"


LAPOR3 = "/lapor/3.0.0"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/complaints/process/{tid}/reject", {"reason": ["x"], "not_authority": 0}),
        ("/complaints/process/{tid}/reject", {"reason": {"a": 1}}),
        ("/complaints/process/{tid}/reject", {"reason": "duplicate", "reason_description": [1]}),
        ("/complaints/process/{tid}/reject", {"reason": "9" * 5000, "not_authority": 1}),
        ("/complaints/complaint", {"title": "T", "content": "C", "channel": "9" * 5000}),
        ("/complaints/complaint", {"title": "T", "content": "C", "channel": "<5000 digits>"}),
    ],
    ids=["list-reason", "object-reason", "list-description", "long-institution",
         "5000-digit-channel-text", "5000-digit-channel-number"],
)  # fmt: skip
def test_defect_12_lapor3_bad_types_are_422(lapor_sandbox: Sandbox, path: str, body: dict) -> None:  # type: ignore[type-arg]
    import json

    with lapor_sandbox.client() as client:
        tid = _complaint(client, "l3:" + path[-8:] + str(len(str(body))))
    headers = {
        "auth": f"Bearer {GATEWAY_TOKEN}",
        "token": lapor_sandbox.api_key,
        "Content-Type": "application/json",
    }
    # A JSON number of 5,000 digits, written out (int() of it raises ValueError).
    raw = json.dumps(body).encode().replace(b'"<5000 digits>"', b"9" * 5000)
    with httpx.Client(base_url=lapor_sandbox.base_url) as http:
        response = http.post(LAPOR3 + path.format(tid=tid), content=raw, headers=headers)
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"].startswith("application/problem+json")


def test_defect_12_lapor3_page_size_of_5000_digits(lapor_sandbox: Sandbox) -> None:
    headers = {"auth": f"Bearer {GATEWAY_TOKEN}", "token": lapor_sandbox.api_key}
    with httpx.Client(base_url=lapor_sandbox.base_url, headers=headers) as http:
        response = http.get(LAPOR3 + "/masters/institutions/external?page_size=" + "9" * 5000)
    _is_problem(response, 422)
