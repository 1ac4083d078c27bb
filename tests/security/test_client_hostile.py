"""Issue #10 defect 4: a hostile server can no longer exhaust the client.

Each test runs the attack against a real socket (``hostile.py``), with the sync and the async
client, and asserts that the client stops *early*: within a small multiple of its cap in
bytes and of its deadline in time.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

import pytest

from lapor_sdk import (
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncLaporClient,
    LaporClient,
)

from .hostile import (
    Script,
    bomb,
    drip,
    endless_chunked,
    fixed,
    gzip_bomb,
    hostile_server,
    trickle_headers,
)

MiB = 1024 * 1024


def _get_sync(url: str, **options: Any) -> None:
    with LaporClient(base_url=url, api_key="k", max_retries=0, **options) as client:
        client.complaints.get("LAPOR-2025-000001")


def _get_async(url: str, **options: Any) -> None:
    async def run() -> None:
        async with AsyncLaporClient(base_url=url, api_key="k", max_retries=0, **options) as c:
            await c.complaints.get("LAPOR-2025-000001")

    asyncio.run(run())


CLIENTS = [pytest.param(_get_sync, id="sync"), pytest.param(_get_async, id="async")]
Get = Callable[..., None]


def _attack(
    script: Script, get: Get, error: type[Exception], **options: Any
) -> tuple[str, float, int]:
    with hostile_server(script) as server:
        started = time.monotonic()
        with pytest.raises(error) as info:
            get(server.url, **options)
        elapsed = time.monotonic() - started
    return str(info.value), elapsed, server.total_sent


@pytest.mark.parametrize("get", CLIENTS)
def test_defect_04_endless_chunked_body_stops_at_the_cap(get: Get) -> None:
    message, elapsed, sent = _attack(
        endless_chunked, get, APIResponseValidationError, timeout=2, max_response_bytes=MiB
    )
    assert "max_response_bytes=1048576" in message
    assert elapsed < 30  # generous: the byte count below is the real check
    assert sent < 16 * MiB  # the server was cut off early, not after gigabytes


@pytest.mark.parametrize("layers", [1, 2], ids=["gzip", "gzip-gzip"])
@pytest.mark.parametrize("get", CLIENTS)
def test_defect_04_gzip_bomb_stops_at_the_decoded_cap(get: Get, layers: int) -> None:
    gzip_bomb(layers=layers)  # built before the clock starts
    message, elapsed, sent = _attack(bomb(layers), get, APIResponseValidationError)
    assert "larger than max_response_bytes=8388608" in message, message
    assert "stopped at" in message
    assert int(message.rsplit("stopped at ", 1)[1].split(")")[0]) < 9 * MiB
    assert elapsed < 30
    assert sent < MiB


@pytest.mark.parametrize("get", CLIENTS)
def test_defect_04_dripping_body_ends_at_the_deadline(get: Get) -> None:
    message, elapsed, _ = _attack(drip(0.2), get, APITimeoutError, timeout=2, deadline=1.5)
    assert "deadline" in message
    assert 1.4 < elapsed < 10  # the server would drip for 15 s (its own fuse)


@pytest.mark.parametrize("get", CLIENTS)
def test_defect_04_trickling_headers_end_at_the_deadline(get: Get) -> None:
    message, elapsed, _ = _attack(
        trickle_headers(0.2), get, APITimeoutError, timeout=2, deadline=1.5
    )
    assert "deadline" in message
    assert 1.4 < elapsed < 10  # the server would drip for 15 s (its own fuse)


@pytest.mark.parametrize("get", CLIENTS)
def test_defect_04_problem_detail_is_capped_and_sanitised(get: Get) -> None:
    detail = "\x1b[2J\x1b]0;owned\x07" + "\x1b[31mA" * 3000 + "\r\nforged line 0812-3456-7890"
    problem = {"type": "urn:x", "title": "Bad\x1b[5m", "status": 400, "detail": detail}
    body = json.dumps(problem).encode()
    message, _, _ = _attack(fixed("400 Bad Request", body), get, APIStatusError)
    assert len(message) < 800
    assert "\x1b" not in message and "\r" not in message and "\n" not in message
    assert "0812" not in message
    assert message.startswith("400 Bad: AAAA")


@pytest.mark.parametrize("get", CLIENTS)
def test_defect_04_huge_problem_document_still_gives_the_status(get: Get) -> None:
    body = json.dumps({"title": "x", "detail": "A" * (6 * MiB)}).encode()
    message, _, _ = _attack(fixed("400 Bad Request", body), get, APIStatusError)
    assert message.startswith("400 Bad Request")
    assert len(message) < 300


@pytest.mark.parametrize("get", CLIENTS)
def test_defect_04_deep_json_is_a_response_validation_error(get: Get) -> None:
    message, _, _ = _attack(fixed("200 OK", b"[" * 100_000), get, APIResponseValidationError)
    assert "nested too deeply" in message


@pytest.mark.parametrize("get", CLIENTS)
def test_deep_json_in_an_error_answer_still_gives_the_status(get: Get) -> None:
    message, _, _ = _attack(fixed("400 Bad Request", b"[" * 100_000), get, APIStatusError)
    assert message.startswith("400 Bad Request")


@pytest.mark.parametrize("get", CLIENTS)
def test_an_unknown_content_encoding_is_refused(get: Get) -> None:
    def script(conn: Any) -> None:
        conn.send(b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: 2\r\n\r\n{}")

    message, _, _ = _attack(script, get, APIResponseValidationError)
    assert "'br' is not accepted" in message


def test_the_new_error_is_exported_from_the_package_root() -> None:
    import lapor_sdk

    assert lapor_sdk.APIResponseValidationError is APIResponseValidationError
    assert issubclass(APIResponseValidationError, lapor_sdk.APIError)
    assert "APIResponseValidationError" in lapor_sdk.__all__
