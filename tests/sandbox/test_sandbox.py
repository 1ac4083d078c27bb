"""The sandbox itself: ids, persistence, idempotency window, faults, admin API, CLI."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from lapor_sdk import InvalidInputError
from lapor_sdk.cli import app
from lapor_sdk.client import UnprocessableEntityError
from lapor_sdk.sandbox import Faults, Sandbox
from lapor_sdk.sandbox._store import decode_cursor, encode_cursor

WIB = dt.timezone(dt.timedelta(hours=7))


class Clock:
    """A settable clock for report events (aware) and the idempotency window (POSIX)."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def wall(self) -> float:
        return self.now.timestamp()


def file(client, ref: str, **extra):  # type: ignore[no-untyped-def]
    return client.complaints.create(
        title="Jalan rusak", description="Jalan berlubang besar.", external_ref=ref, **extra
    )


def test_tracking_ids_are_a_per_year_sequence() -> None:
    clock = Clock(dt.datetime(2025, 12, 31, 23, 0, tzinfo=WIB))
    with Sandbox.running(clock=clock, wall=clock.wall) as sb, sb.client() as client:
        assert file(client, "a").tracking_id == "LAPOR-2025-000001"
        assert file(client, "b").tracking_id == "LAPOR-2025-000002"
        clock.now = dt.datetime(2026, 1, 2, 8, 0, tzinfo=WIB)
        assert file(client, "c").tracking_id == "LAPOR-2026-000001"


def test_reports_persist_in_a_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sandbox.db'}"
    with Sandbox.running(db=url) as sb, sb.client() as client:
        first = file(client, "a")
        client.verification.verify(first.tracking_id, unit="dsdabm")
    with Sandbox.running(db=url) as sb, sb.client() as client:
        again = client.complaints.get(first.tracking_id)
        second = file(client, "b")
        assert file(client, "a").tracking_id == first.tracking_id
    assert again.status.value == "disposed"
    assert int(second.tracking_id.rsplit("-", 1)[1]) == 2


def test_idempotency_keys_are_remembered_for_24_hours() -> None:
    clock = Clock(dt.datetime(2025, 3, 3, 9, 0, tzinfo=WIB))
    with Sandbox.running(clock=clock, wall=clock.wall) as sb, sb.client() as client:
        file(client, "a", idempotency_key="k1")
        clock.now += dt.timedelta(hours=23, minutes=59)
        with pytest.raises(UnprocessableEntityError, match="already used"):
            file(client, "b", idempotency_key="k1")
        clock.now += dt.timedelta(minutes=2)
        assert file(client, "b", idempotency_key="k1").external_ref == "b"


def statuses(sb: Sandbox, n: int) -> list[int]:
    headers = {"Authorization": f"Bearer {sb.api_key}"}
    with httpx.Client(base_url=sb.base_url, headers=headers) as http:
        return [http.get("/categories").status_code for _ in range(n)]


def test_faults_are_deterministic_for_a_seed(lapor_sandbox: Sandbox) -> None:
    faults = Faults(error_rate=0.3, rate_limit_rate=0.1, rate_limit_burst=2, seed=42)
    lapor_sandbox.set_faults(faults)
    first = statuses(lapor_sandbox, 40)
    lapor_sandbox.set_faults(faults)
    assert statuses(lapor_sandbox, 40) == first
    assert {200, 429, 503} <= set(first)
    lapor_sandbox.set_faults(faults.model_copy(update={"seed": 43}))
    assert statuses(lapor_sandbox, 40) != first


def test_rate_limit_bursts_have_the_configured_length(lapor_sandbox: Sandbox) -> None:
    lapor_sandbox.set_faults(rate_limit_next=3)
    assert statuses(lapor_sandbox, 4) == [429, 429, 429, 200]


def test_injected_errors_carry_retry_after_and_a_request_id(lapor_sandbox: Sandbox) -> None:
    lapor_sandbox.set_faults(fail_next=1, retry_after=2.5)
    with httpx.Client(base_url=lapor_sandbox.base_url) as http:
        r = http.get("/categories")
    assert r.status_code == 503
    assert (r.headers["retry-after"], r.headers["retry-after-ms"]) == ("3", "2500")
    assert r.headers["content-type"] == "application/problem+json"
    assert r.headers["x-request-id"] == r.json()["request_id"]


def test_latency_is_added_to_every_request(lapor_sandbox: Sandbox) -> None:
    lapor_sandbox.set_faults(latency=0.2)
    with httpx.Client(base_url=lapor_sandbox.base_url) as http:
        start = time.perf_counter()
        http.get("/categories")
        assert time.perf_counter() - start >= 0.2


def test_drop_after_commit_cuts_the_connection_but_keeps_the_write(
    lapor_sandbox: Sandbox,
) -> None:
    lapor_sandbox.set_faults(drop_next=1)
    headers = {"Authorization": f"Bearer {lapor_sandbox.api_key}", "Idempotency-Key": "d1"}
    body = {"title": "T", "description": "D", "external_ref": "drop:1"}
    with httpx.Client(base_url=lapor_sandbox.base_url, headers=headers) as http:
        with pytest.raises(httpx.RemoteProtocolError):
            http.post("/complaints", json=body)
        assert lapor_sandbox.store.count() == 1
        replay = http.post("/complaints", json=body)
    assert replay.status_code == 201 and replay.headers["idempotent-replayed"] == "true"


def test_admin_endpoint_changes_faults_at_runtime(lapor_sandbox: Sandbox) -> None:
    with httpx.Client(base_url=lapor_sandbox.base_url) as http:
        r = http.put("/_sandbox/faults", json={"rate_limit_next": 1, "retry_after": 0})
        assert r.status_code == 200
        assert http.get("/_sandbox/faults").json()["rate_limit_next"] == 1
        assert http.get("/categories").status_code == 429
        bad = http.put("/_sandbox/faults", json={"error_rate": 5})
        assert bad.status_code == 422 and bad.json()["errors"][0]["pointer"] == "/error_rate"
        assert http.post("/_sandbox/reset").status_code == 204
    assert lapor_sandbox.faults == Faults()


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        pytest.param("error_rate=1.5", "less than or equal to 1", id="range"),
        pytest.param("explode=1", "allowed names: error_rate", id="unknown"),
        pytest.param("latency", "has no value", id="no-value"),
    ],
)
def test_faults_parse_refuses_bad_specs(spec: str, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        Faults.parse(spec)


def test_faults_parse_reads_the_cli_syntax() -> None:
    f = Faults.parse("error_rate=0.1, latency=0.05,seed=7,drop_after_commit_rate=0.02")
    assert (f.error_rate, f.latency, f.seed, f.drop_after_commit_rate) == (0.1, 0.05, 7, 0.02)


def test_cli_refuses_bad_faults_in_one_line() -> None:
    result = CliRunner().invoke(app, ["sandbox", "serve", "--faults", "error_rate=9"])
    assert result.exit_code == 1
    assert "bad --faults 'error_rate=9'" in result.output


def test_cli_serves_in_the_foreground(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    lapor = shutil.which("lapor", path=str(Path(sys.executable).parent))
    assert lapor is not None
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAPOR_")}
    proc = subprocess.Popen(
        [
            lapor,
            "sandbox",
            "serve",
            "--port",
            str(port),
            "--db",
            str(tmp_path / "s.db"),
            "--faults",
            "latency=0.01",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        token = Sandbox.api_key_for("pemkot-surabaya")
        deadline = time.monotonic() + 20
        while True:
            try:
                r = httpx.get(
                    f"http://127.0.0.1:{port}/categories",
                    headers={"Authorization": f"Bearer {token}"},
                )
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert r.status_code == 200
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert f"LAPOR_API_KEY={token}" in out.decode()
    assert (tmp_path / "s.db").exists()


faults_strategy = st.builds(
    Faults,
    error_rate=st.floats(0, 1),
    error_status=st.sampled_from([500, 502, 503]),
    rate_limit_rate=st.floats(0, 1),
    rate_limit_burst=st.integers(1, 1000),
    retry_after=st.floats(0, 3600),
    latency=st.floats(0, 60),
    drop_after_commit_rate=st.floats(0, 1),
    fail_next=st.integers(0, 10**6),
    seed=st.integers(-(2**63), 2**63),
)


@given(faults_strategy)
def test_faults_parse_reads_back_any_settings(faults: Faults) -> None:
    spec = ",".join(f"{k}={v}" for k, v in faults.model_dump().items())
    assert Faults.parse(spec) == faults


@given(
    st.datetimes(timezones=st.just(dt.UTC)),
    st.from_regex(r"[A-Za-z0-9._:-]{1,64}", fullmatch=True),
)
def test_cursors_round_trip(moment: dt.datetime, tracking_id: str) -> None:
    updated_at = moment.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")
    assert decode_cursor(encode_cursor(updated_at, tracking_id)) == (updated_at, tracking_id)


@given(st.text(max_size=200))
def test_a_foreign_cursor_is_a_value_error_never_a_crash(cursor: str) -> None:
    try:
        decoded = decode_cursor(cursor)
    except ValueError:
        return
    assert all(isinstance(part, str) for part in decoded)


@pytest.mark.parametrize("depth", [5_000, 100_000])
def test_deeply_nested_json_is_a_client_error_not_a_crash(
    lapor_sandbox: Sandbox, depth: int
) -> None:
    headers = {
        "Authorization": f"Bearer {lapor_sandbox.api_key}",
        "Idempotency-Key": f"deep-{depth}",
        "Content-Type": "application/json",
    }
    with httpx.Client(base_url=lapor_sandbox.base_url, headers=headers) as http:
        r = http.post("/complaints", content=b"[" * depth + b"]" * depth)
    assert r.status_code == 400
    assert r.json()["type"] == "urn:lapor:problem:malformed-json"


def _upload(sb: Sandbox, http: httpx.Client, tracking_id: str, **kw):  # type: ignore[no-untyped-def]
    headers = {"Authorization": f"Bearer {sb.api_key}", "Idempotency-Key": kw.pop("key")}
    content_type = kw.pop("content_type", "image/png")
    content = kw.pop("content", b"\x89PNG...")
    return http.post(
        f"/complaints/{tracking_id}/attachments",
        data={"filename": kw.pop("filename", "foto.png")},
        files={"file": ("upload", content, content_type)},
        headers=headers,
    )


@pytest.mark.parametrize("filename", ["..", ".", "foto\n.png", "foto\x00.png", "foto\r\nX: y.png"])
def test_attachment_names_with_control_characters_or_dot_segments_are_refused(
    lapor_sandbox: Sandbox, filename: str
) -> None:
    with lapor_sandbox.client() as client, httpx.Client(base_url=lapor_sandbox.base_url) as http:
        tid = file(client, "att:name").tracking_id
        r = _upload(lapor_sandbox, http, tid, filename=filename, key=f"n-{filename!r}")
        assert r.status_code == 422
        assert client.attachments.list(tid) == []


def test_the_same_key_with_another_content_type_is_a_different_request(
    lapor_sandbox: Sandbox,
) -> None:
    with lapor_sandbox.client() as client, httpx.Client(base_url=lapor_sandbox.base_url) as http:
        tid = file(client, "att:type").tracking_id
        assert _upload(lapor_sandbox, http, tid, key="ct").status_code == 201
        again = _upload(lapor_sandbox, http, tid, key="ct", content_type="application/pdf")
        assert again.status_code == 422
        assert again.json()["type"] == "urn:lapor:problem:idempotency-key-reused"


def test_a_replayed_answer_is_never_shown_to_another_account_of_the_agency(
    lapor_sandbox: Sandbox,
) -> None:
    """The first answer was rendered for the admin; a liaison must not get it back."""
    body = {
        "title": "Pungli",
        "description": "Pungutan liar di loket.",
        "external_ref": "idem:role",
        "privacy": "anonymous",
        "reporter": {"name": "Siti Aminah", "nik": "3578011203900001"},
    }
    liaison_key = Sandbox.api_key_for(lapor_sandbox.agency_id, "liaison")
    with httpx.Client(base_url=lapor_sandbox.base_url) as http:
        first = http.post(
            "/complaints",
            json=body,
            headers={"Authorization": f"Bearer {lapor_sandbox.api_key}", "Idempotency-Key": "r1"},
        )
        assert first.status_code == 201 and first.json()["reporter"]["nik"]
        again = http.post(
            "/complaints",
            json=body,
            headers={"Authorization": f"Bearer {liaison_key}", "Idempotency-Key": "r1"},
        )
    assert "3578011203900001" not in again.text
    assert "Siti" not in again.text


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/complaints", {"limit": "²"}),  # str.isdigit() is True, int() refuses it
        ("/agencies", {"limit": "²"}),
        ("/complaints", {"updated_since": "0001-01-01T00:00:00+07:00"}),  # before UTC year 1
        ("/complaints", {"updated_since": "9999-12-31T23:59:59-07:00"}),  # after UTC year 9999
    ],
)
def test_odd_query_values_are_refused_with_422_not_a_server_error(
    lapor_sandbox: Sandbox, path: str, params: dict[str, str]
) -> None:
    headers = {"Authorization": f"Bearer {lapor_sandbox.api_key}"}
    with httpx.Client(base_url=lapor_sandbox.base_url, headers=headers) as http:
        r = http.get(path, params=params)
    assert r.status_code == 422
    assert r.json()["errors"][0]["pointer"] == "/" + next(iter(params))


def test_drop_next_waits_for_a_successful_post(lapor_sandbox: Sandbox) -> None:
    """``drop_next`` counts successful POSTs: a refused or faulted POST does not use it up."""
    lapor_sandbox.set_faults(fail_next=1, drop_next=1)
    headers = {"Authorization": f"Bearer {lapor_sandbox.api_key}"}
    body = {"title": "T", "description": "D", "external_ref": "drop:2"}
    with httpx.Client(base_url=lapor_sandbox.base_url, headers=headers) as http:
        assert (
            http.post("/complaints", json=body, headers={"Idempotency-Key": "a"}).status_code == 503
        )
        invalid = http.post("/complaints", json={"title": ""}, headers={"Idempotency-Key": "b"})
        assert invalid.status_code == 422
        with pytest.raises(httpx.RemoteProtocolError):
            http.post("/complaints", json=body, headers={"Idempotency-Key": "c"})
        assert lapor_sandbox.store.count() == 1
        assert lapor_sandbox.faults.drop_next == 0
