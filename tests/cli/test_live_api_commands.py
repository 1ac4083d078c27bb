"""``lapor complaints …`` and ``lapor agencies list`` against the sandbox over a socket."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from lapor_sdk.cli import app
from lapor_sdk.sandbox import Sandbox


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox.running() as sb:
        yield sb


@pytest.fixture
def env(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> Sandbox:
    monkeypatch.setenv("LAPOR_BASE_URL", sandbox.base_url)
    monkeypatch.setenv("LAPOR_API_KEY", sandbox.api_key)
    return sandbox


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_file_verify_follow_up_and_read_back(env: Sandbox) -> None:
    code, out = _run(
        "complaints", "create", "--title", "Saluran mampet", "--description",
        "Saluran di Jl. Darmo mampet, hubungi 0812-3456-7890", "--external-ref", "cli:1",
        "--category", "infrastruktur", "--channel", "whatsapp", "--json",
    )  # fmt: skip
    assert code == 0, out
    filed = json.loads(out)
    tid = filed["tracking_id"]
    assert filed["status"] == "unverified" and filed["channel"] == "whatsapp"
    code, out = _run("complaints", "verify", tid, "--unit", "dsdabm")
    assert (code, out.strip()) == (0, f"verified {tid}: Terdisposisi Belum Ditindaklanjuti, "
                                      "pemkot-surabaya")  # fmt: skip
    code, out = _run("complaints", "follow-up", tid, "--text", "Sudah dibersihkan.", "--final")
    assert code == 0 and "Terdisposisi Selesai" in out
    code, out = _run("complaints", "get", tid)
    assert code == 0 and "Saluran mampet" in out and "1 follow-up(s)" in out
    code, out = _run("complaints", "list", "--status", "completed", "--json")
    assert code == 0 and [c["tracking_id"] for c in json.loads(out)] == [tid]
    code, out = _run("complaints", "list")
    assert code == 0 and tid in out


def test_agencies_list_as_table_and_json(env: Sandbox) -> None:
    code, out = _run("agencies", "list", "--json")
    assert code == 0 and "pemkot-surabaya" in {a["id"] for a in json.loads(out)}
    code, out = _run("agencies", "list")
    assert code == 0 and "Pemerintah Kota Surabaya" in out


def test_errors_are_one_line_with_the_right_exit_code(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = _run("complaints", "list")
    assert code == 1 and "LAPOR_BASE_URL" in out
    monkeypatch.setenv("LAPOR_BASE_URL", sandbox.base_url)
    monkeypatch.setenv("LAPOR_API_KEY", "sk_wrong_key")
    code, out = _run("complaints", "get", "LAPOR-2025-999999")
    assert code == 4 and "401" in out and "sk_wrong_key" not in out
    code, out = _run("complaints", "list", "--status", "pending")
    assert code == 1 and "is not a status" in out


def test_the_table_shows_the_public_view(env: Sandbox) -> None:
    code, out = _run(
        "complaints", "create", "--title", "Pungli, hubungi 0812-3456-7890",
        "--description", "x", "--external-ref", "cli:2", "--anonim", "--json",
    )  # fmt: skip
    tid = json.loads(out)["tracking_id"]
    code, out = _run("complaints", "get", tid)
    assert code == 0 and "3456" not in out
    code, out = _run(
        "complaints", "create", "--title", "Rahasia", "--description", "x",
        "--external-ref", "cli:3", "--rahasia", "--json",
    )  # fmt: skip
    code, out = _run("complaints", "get", json.loads(out)["tracking_id"])
    assert "(rahasia)" in out
