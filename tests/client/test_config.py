"""Configuration, request shape and the pure retry policy."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_sdk import __version__
from lapor_sdk.client import (
    INITIAL_RETRY_DELAY,
    MAX_RETRY_DELAY,
    AsyncLaporClient,
    ClientConfigError,
    LaporClient,
    parse_retry_after,
    retry_delay,
)
from lapor_sdk.sandbox import Sandbox


def test_missing_base_url_names_both_fixes() -> None:
    with pytest.raises(ClientConfigError, match=r"base_url=.*LAPOR_BASE_URL"):
        LaporClient(api_key="k")


def test_missing_key_names_both_fixes() -> None:
    with pytest.raises(ClientConfigError, match=r"api_key=.*LAPOR_API_KEY"):
        AsyncLaporClient(base_url="http://127.0.0.1:1")


def test_lapor3_needs_the_gateway_token() -> None:
    with pytest.raises(ClientConfigError, match="LAPOR_GATEWAY_TOKEN"):
        LaporClient(base_url="http://127.0.0.1:1", api_key="k", profile="lapor3")


def test_unknown_profile_lists_the_allowed() -> None:
    with pytest.raises(ClientConfigError, match="'lapor', 'lapor3'"):
        LaporClient(base_url="http://127.0.0.1:1", api_key="k", profile="lapor9")


def test_environment_configures_the_client(
    monkeypatch: pytest.MonkeyPatch, lapor_sandbox: Sandbox
) -> None:
    monkeypatch.setenv("LAPOR_BASE_URL", lapor_sandbox.base_url)
    monkeypatch.setenv("LAPOR_API_KEY", lapor_sandbox.api_key)
    with LaporClient() as client:
        assert client.base_url == lapor_sandbox.base_url
        assert client.categories.list()


def test_arguments_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAPOR_BASE_URL", "http://env.invalid")
    monkeypatch.setenv("LAPOR_API_KEY", "env-key")
    client = LaporClient(base_url="http://arg.invalid", api_key="arg-key")
    assert client.base_url == "http://arg.invalid"
    assert client.api_key.get_secret_value() == "arg-key"
    assert "arg-key" not in repr(client) and "arg-key" not in repr(client.api_key)


def test_with_options_copies_and_overrides(lapor_sandbox: Sandbox) -> None:
    with lapor_sandbox.client() as client:
        patient = client.with_options(max_retries=5, timeout=60)
        assert (patient.max_retries, client.max_retries) == (5, 2)
        assert patient.timeout.read == 60 and patient.timeout.connect == client.timeout.connect
        assert patient._http is client._http
        assert patient.categories.list() == client.categories.list()


def test_separate_connect_and_read_timeouts() -> None:
    client = LaporClient(base_url="http://x.invalid", api_key="k", timeout=12, connect_timeout=2)
    assert (client.timeout.connect, client.timeout.read) == (2, 12)


def test_requests_carry_user_agent_auth_and_one_idempotency_key(lapor_sandbox: Sandbox) -> None:
    seen: list[httpx.Request] = []
    http = httpx.Client(event_hooks={"request": [seen.append]})
    lapor_sandbox.set_faults(fail_next=2, retry_after=0)
    with lapor_sandbox.client(http_client=http, sleep=lambda _s: None) as client:
        client.complaints.create(title="T", description="D", external_ref="ua:1")
        client.complaints.create(title="T", description="D", external_ref="ua:2")
    http.close()
    assert len(seen) == 4
    assert {r.headers["user-agent"] for r in seen} == {f"lapor-sdk-python/{__version__}"}
    assert {r.headers["authorization"] for r in seen} == {f"Bearer {lapor_sandbox.api_key}"}
    keys = [r.headers["idempotency-key"] for r in seen]
    assert keys[0] == keys[1] == keys[2] != keys[3]


@given(retries=st.integers(min_value=0, max_value=30), jitter=st.floats(0, 0.999999))
def test_backoff_doubles_and_is_capped_with_at_most_a_quarter_of_jitter(
    retries: int, jitter: float
) -> None:
    delay = retry_delay(retries, jitter=lambda: jitter)
    base = min(INITIAL_RETRY_DELAY * 2**retries, MAX_RETRY_DELAY)
    assert 0.75 * base <= delay <= base <= MAX_RETRY_DELAY


@given(seconds=st.floats(0, 60))
def test_retry_after_within_a_minute_is_honoured_as_given(seconds: float) -> None:
    assert retry_delay(0, seconds) == seconds


def test_retry_after_beyond_a_minute_falls_back_to_backoff() -> None:
    assert retry_delay(0, 3600, jitter=lambda: 0.0) == INITIAL_RETRY_DELAY


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        pytest.param({"retry-after": "7"}, 7.0, id="seconds"),
        pytest.param({"retry-after": "7", "retry-after-ms": "250"}, 0.25, id="ms-wins"),
        pytest.param({"retry-after": "Wed, 21 Oct 2015 07:28:10 GMT"}, 10.0, id="http-date"),
        pytest.param({"retry-after": "soon"}, None, id="garbage"),
        pytest.param({}, None, id="absent"),
    ],
)
def test_parse_retry_after(headers: dict[str, str], expected: float | None) -> None:
    now = 1445412480.0  # 07:28:00 GMT that day
    assert parse_retry_after(httpx.Headers(headers), now=now) == expected


def _status_error(status: int, headers: dict[str, str] | None = None) -> Exception:
    client = LaporClient(base_url="http://x.invalid", api_key="k")
    request = httpx.Request("GET", "http://x.invalid/complaints")
    return client._status_error(httpx.Response(status, headers=headers, request=request))


@pytest.mark.parametrize(
    ("status", "headers", "retried"),
    [
        pytest.param(400, None, False, id="400"),
        pytest.param(401, None, False, id="401"),
        pytest.param(404, None, False, id="404"),
        pytest.param(408, None, True, id="408"),
        pytest.param(409, None, True, id="409-lock"),
        pytest.param(409, {"x-should-retry": "false"}, False, id="409-illegal-move"),
        pytest.param(422, None, False, id="422"),
        pytest.param(429, None, True, id="429"),
        pytest.param(500, None, True, id="500"),
        pytest.param(503, None, True, id="503"),
        pytest.param(400, {"x-should-retry": "true"}, True, id="server-says-retry"),
    ],
)
def test_retry_decision(status: int, headers: dict[str, str] | None, retried: bool) -> None:
    client = LaporClient(base_url="http://x.invalid", api_key="k")
    assert client._should_retry(_status_error(status, headers)) is retried
