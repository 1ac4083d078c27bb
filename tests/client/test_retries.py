"""Retries and idempotency under each injected fault, on both clients."""

from __future__ import annotations

import uuid

import httpx
import pytest

from lapor_sdk.client import (
    DEFAULT_MAX_RETRIES,
    APIConnectionError,
    APITimeoutError,
    InternalServerError,
    RateLimitError,
    UnprocessableEntityError,
)
from lapor_sdk.sandbox import Faults, Sandbox

from .conftest import Api, SleepRecorder, make_api


def create(api: Api, ref: str = "app:1"):
    return api.complaints.create(
        title="Drainase tersumbat",
        description="Saluran air di Jl. Diponegoro tersumbat.",
        external_ref=ref,
    )


def test_a_503_is_retried_after_the_retry_after_the_server_sent(
    api: Api, sandbox: Sandbox, sleeps: SleepRecorder
) -> None:
    sandbox.set_faults(fail_next=2, retry_after=0.25)
    assert create(api).tracking_id is not None
    assert sleeps.delays == [0.25, 0.25]


def test_a_429_burst_is_waited_out(api: Api, sandbox: Sandbox, sleeps: SleepRecorder) -> None:
    sandbox.set_faults(rate_limit_next=1, retry_after=3)
    assert len(api.categories.list()) > 0
    assert sleeps.delays == [3.0]


def test_retries_give_up_after_the_default_budget(
    api: Api, sandbox: Sandbox, sleeps: SleepRecorder
) -> None:
    sandbox.set_faults(error_rate=1.0, error_status=500)
    with pytest.raises(InternalServerError) as info:
        api.categories.list()
    assert len(sleeps.delays) == DEFAULT_MAX_RETRIES
    assert info.value.status_code == 500 and info.value.request_id is not None
    # No Retry-After on a 500: exponential backoff with jitter, 0.5 s then 1 s at most.
    assert 0.375 <= sleeps.delays[0] <= 0.5 and 0.75 <= sleeps.delays[1] <= 1.0


def test_rate_limit_that_never_ends_surfaces_as_rate_limit_error(
    api: Api, sandbox: Sandbox
) -> None:
    sandbox.set_faults(rate_limit_rate=1.0, retry_after=0)
    with pytest.raises(RateLimitError) as info:
        api.categories.list()
    assert info.value.retry_after == 0.0


def test_no_duplicate_when_the_connection_drops_after_the_commit(
    api: Api, sandbox: Sandbox, sleeps: SleepRecorder
) -> None:
    sandbox.set_faults(drop_next=1)
    complaint = create(api)
    assert sandbox.store.count() == 1
    assert len(sleeps.delays) == 1  # one retry, answered from the idempotency store
    followed = api.verification.verify(complaint.tracking_id, unit="dsdabm")
    sandbox.set_faults(drop_next=1)
    api.follow_ups.create(followed.tracking_id, text="Petugas sudah membersihkan saluran.")
    follow_ups = api.follow_ups.list(followed.tracking_id)
    assert len(follow_ups) == 1


def test_a_retried_post_replays_the_first_answer_with_the_same_key(
    api: Api, sandbox: Sandbox
) -> None:
    sandbox.set_faults(drop_next=1)
    raw = api.with_raw_response.complaints.create(
        title="Banjir",
        description="Genangan di underpass.",
        external_ref="app:b",
        idempotency_key="key-banjir-1",
    )
    assert raw.headers.get("idempotent-replayed") == "true"
    assert raw.status_code == 201
    assert raw.http_response.request.headers["idempotency-key"] == "key-banjir-1"


def test_a_naive_client_that_makes_a_new_key_per_attempt_duplicates(sandbox: Sandbox) -> None:
    """Why one key per logical write matters: without it, a drop after commit doubles it."""
    headers = {"Authorization": f"Bearer {sandbox.api_key}"}
    with httpx.Client(base_url=sandbox.base_url, headers=headers) as http:
        tid = http.post(
            "/complaints",
            headers={"Idempotency-Key": str(uuid.uuid4())},
            json={
                "title": "Pohon tumbang",
                "description": "Pohon tumbang menutup jalan.",
                "external_ref": "naive:1",
            },
        ).json()["tracking_id"]
        http.post(
            f"/complaints/{tid}/verify", headers={"Idempotency-Key": str(uuid.uuid4())}, json={}
        )
        sandbox.set_faults(drop_next=1)
        for _attempt in range(2):
            try:
                http.post(
                    f"/complaints/{tid}/follow-ups",
                    headers={"Idempotency-Key": str(uuid.uuid4())},
                    json={"text": "Pohon sudah dipotong petugas."},
                )
                break
            except httpx.RemoteProtocolError:
                continue
        follow_ups = http.get(f"/complaints/{tid}/follow-ups").json()["data"]
    assert len(follow_ups) == 2


def test_same_key_with_a_different_body_is_refused_and_not_retried(
    api: Api, sleeps: SleepRecorder
) -> None:
    api.complaints.create(
        title="A", description="Satu", external_ref="app:k", idempotency_key="shared-key"
    )
    with pytest.raises(UnprocessableEntityError) as info:
        api.complaints.create(
            title="B", description="Dua", external_ref="app:k2", idempotency_key="shared-key"
        )
    assert info.value.problem.type == "urn:lapor:problem:idempotency-key-reused"
    assert sleeps.delays == []


def test_connection_refused_is_retried_then_raised(
    sandbox: Sandbox, sleeps: SleepRecorder, api: Api
) -> None:
    kind = "async" if api._runner is not None else "sync"
    with socket_closed() as port:
        gen = make_api(kind, sandbox, sleeps, base_url=f"http://127.0.0.1:{port}")
        dead = next(gen)
        try:
            with pytest.raises(APIConnectionError, match="may or may not have been applied"):
                dead.complaints.create(title="T", description="D", external_ref="x:1")
        finally:
            gen.close()
    assert len(sleeps.delays) == DEFAULT_MAX_RETRIES


def test_slow_answers_time_out_on_the_read_timeout(
    api: Api, sandbox: Sandbox, sleeps: SleepRecorder
) -> None:
    sandbox.set_faults(latency=0.3)
    slow = api.with_options(timeout=0.05, max_retries=1)
    with pytest.raises(APITimeoutError, match="read timeout"):
        slow.categories.list()
    assert len(sleeps.delays) == 1
    sandbox.set_faults(Faults())


class socket_closed:  # noqa: N801 - used as a context manager
    """A loopback port with nothing listening."""

    def __enter__(self) -> int:
        import socket

        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port: int = s.getsockname()[1]
        s.close()
        return self.port

    def __exit__(self, *exc: object) -> None:
        return None


def test_a_seeded_storm_of_every_fault_files_each_report_once(
    api: Api, sandbox: Sandbox, sleeps: SleepRecorder
) -> None:
    sandbox.set_faults(
        Faults(
            error_rate=0.15,
            rate_limit_rate=0.05,
            rate_limit_burst=2,
            drop_after_commit_rate=0.2,
            retry_after=0,
            seed=2025,
        )
    )
    patient = api.with_options(max_retries=10)
    for i in range(12):
        c = create(patient, f"storm:{i}")
        patient.verification.verify(c.tracking_id, unit="dsdabm")
        patient.follow_ups.create(c.tracking_id, text=f"Tindak lanjut laporan {i}.")
    sandbox.set_faults(Faults())
    assert sandbox.store.count() == 12
    for c in api.complaints.list():
        assert len(c.follow_ups) == 1, c.tracking_id
    assert len(sleeps.delays) > 5  # the storm really happened
