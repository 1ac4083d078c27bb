"""Auth and scoping failures map to the right error class; secrets never leak."""

from __future__ import annotations

import logging

import pytest

from lapor_sdk import LaporError
from lapor_sdk.client import (
    APIError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    PermissionDeniedError,
)
from lapor_sdk.models import Reporter
from lapor_sdk.sandbox import Sandbox

from .conftest import Api, SleepRecorder, make_api

NIK = "3578014505900001"
PHONE = "081298765432"


def test_the_error_tree() -> None:
    assert issubclass(APIError, LaporError)
    assert issubclass(AuthenticationError, APIStatusError)
    assert issubclass(APIStatusError, APIError)


def test_unknown_key_is_an_authentication_error(
    api: Api, sandbox: Sandbox, sleeps: SleepRecorder
) -> None:
    kind = "async" if api._runner is not None else "sync"
    gen = make_api(kind, sandbox, sleeps, api_key="sk_sandbox_revoked")
    wrong = next(gen)
    try:
        with pytest.raises(AuthenticationError) as info:
            wrong.complaints.list()
    finally:
        gen.close()
    assert info.value.status_code == 401
    assert "sk_sandbox_revoked" not in str(info.value)
    assert sleeps.delays == []


def test_another_agencys_report_is_not_found(api: Api, api_for) -> None:
    c = api.complaints.create(
        title="Antrean KTP", description="Antrean e-KTP sangat lama.", external_ref="app:ktp"
    )
    malang = api_for("pemkab-malang")
    with pytest.raises(NotFoundError, match=r"no complaint \S+ is visible"):
        malang.complaints.get(c.tracking_id)
    assert list(malang.complaints.list()) == []


def test_the_national_admin_sees_every_report(api: Api, api_for) -> None:
    c = api.complaints.create(
        title="Antrean KTP", description="Antrean e-KTP sangat lama.", external_ref="app:ktp"
    )
    national = api_for("kemenpanrb")
    assert national.complaints.get(c.tracking_id).tracking_id == c.tracking_id


def test_a_liaison_may_not_verify(api: Api, api_for) -> None:
    c = api.complaints.create(
        title="Antrean KTP", description="Antrean e-KTP sangat lama.", external_ref="app:ktp"
    )
    liaison = api_for("pemkot-surabaya", "liaison")
    with pytest.raises(PermissionDeniedError, match="role liaison may not verify"):
        liaison.verification.verify(c.tracking_id)


def test_only_the_filing_agency_relays_the_reporters_reply(api: Api, api_for) -> None:
    c = api.complaints.create(
        title="Jalan", description="Jalan provinsi rusak.", external_ref="app:j"
    )
    api.dispositions.forward(c.tracking_id, to_agency="dpu-bm-jatim", reason="Jalan provinsi")
    bm = api_for("dpu-bm-jatim")
    bm.follow_ups.create(c.tracking_id, text="Sudah diperbaiki.", final=True)
    with pytest.raises(PermissionDeniedError, match="of the agency that filed"):
        bm.replies.create(c.tracking_id, text="Belum!")
    with pytest.raises(PermissionDeniedError, match="handled by another agency"):
        api.dispositions.create(c.tracking_id, to_unit="dsdabm")


def test_missing_idempotency_key_is_a_bad_request(sandbox: Sandbox) -> None:
    import httpx

    with httpx.Client(base_url=sandbox.base_url) as http:
        r = http.post(
            "/complaints", json={}, headers={"Authorization": f"Bearer {sandbox.api_key}"}
        )
    assert r.status_code == 400
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["type"] == "urn:lapor:problem:idempotency-key-missing"
    error = BadRequestError  # what the client maps it to
    assert error.__name__ == "BadRequestError"


def test_no_key_or_personal_data_in_reprs_errors_or_logs(
    api: Api, sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    reporter = Reporter(
        name="Siti Rahayu", phone=PHONE, nik=NIK, email="siti@example.org", address="Jl. Melati 3"
    )
    c = api.complaints.create(
        title="Pungli",
        description="Ada pungutan liar di kelurahan.",
        external_ref="app:p",
        reporter=reporter,
    )
    texts = [repr(api._target), str(api._target), repr(c), str(c), repr(c.reporter)]
    with pytest.raises(APIStatusError) as info:
        api.complaints.create(
            title="Pungli",
            description="x",
            external_ref="app:p2",
            reporter=reporter,
            category="bad category!",
        )
    texts += [str(info.value), repr(info.value), repr(info.value.problem)]
    sandbox.set_faults(fail_next=1, retry_after=0)
    api.complaints.get(c.tracking_id)
    texts += [r.getMessage() for r in caplog.records]
    blob = "\n".join(texts)
    for secret in (
        sandbox.api_key,
        NIK,
        "+6281298765432",
        PHONE,
        "siti@example.org",
        "Jl. Melati 3",
        "Siti Rahayu",
    ):
        assert secret not in blob
    assert any("retrying GET" in r.getMessage() for r in caplog.records)


def test_the_redaction_filter_scrubs_tokens_from_any_record(
    caplog: pytest.LogCaptureFixture,
) -> None:
    import lapor_sdk.client  # noqa: F401 - installs the filter

    caplog.set_level(logging.DEBUG)
    logging.getLogger("httpx").debug("headers: Authorization: Bearer sk_sandbox_secret_1")
    assert "sk_sandbox_secret_1" not in caplog.text
    assert "***" in caplog.text


def test_only_national_and_coordinator_admins_verify_into_another_agency(api: Api, api_for) -> None:
    c = api.complaints.create(
        title="Jalan", description="Jalan provinsi rusak.", external_ref="app:v"
    )
    with pytest.raises(PermissionDeniedError, match="verifies within its own agency"):
        api.verification.verify(c.tracking_id, agency="dpu-bm-jatim")
    national = api_for("kemenpanrb")
    verified = national.verification.verify(
        c.tracking_id, agency="dpu-bm-jatim", unit="upt-pjj-surabaya"
    )
    assert (verified.agency, verified.unit) == ("dpu-bm-jatim", "upt-pjj-surabaya")
    assert api_for("dpu-bm-jatim").complaints.get(c.tracking_id).unit == "upt-pjj-surabaya"


@pytest.mark.parametrize(
    "name", ["lapor_sdk.client", "httpcore.http11", "httpcore.connection", "httpcore.http2"]
)
def test_the_redaction_filter_also_covers_the_child_loggers_that_really_log(
    caplog: pytest.LogCaptureFixture, name: str
) -> None:
    import lapor_sdk.client  # noqa: F401 - installs the filter

    caplog.set_level(logging.DEBUG)
    logging.getLogger(name).debug("headers: Authorization: Bearer sk_sandbox_secret_2")
    assert "sk_sandbox_secret_2" not in caplog.text
