"""``lapor sync``: run, status, retry-dead, enqueue, resolve, through Typer's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lapor_sdk.cli import app
from lapor_sdk.sandbox import Faults, Sandbox

from .conftest import CANARY_NIK, CANARY_PHONE

runner = CliRunner()


@pytest.fixture
def env(bare: Sandbox, monkeypatch: pytest.MonkeyPatch) -> Sandbox:
    monkeypatch.setenv("LAPOR_BASE_URL", bare.base_url)
    monkeypatch.setenv("LAPOR_API_KEY", bare.api_key)
    return bare


def jsonl(tmp_path: Path, lines: list[dict[str, object]]) -> Path:
    path = tmp_path / "complaints.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path


def complaint_line(local_id: str, **extra: object) -> dict[str, object]:
    return {
        "local_id": local_id,
        "title": "Lampu jalan mati",
        "description": "Lampu jalan di gang 3 mati sejak seminggu.",
        "channel": "whatsapp",
        "reporter": {"name": "Siti Aminah", "phone": CANARY_PHONE, "nik": CANARY_NIK},
        **extra,
    }


def test_enqueue_run_and_status(env: Sandbox, tmp_path: Path, db_url: str) -> None:
    path = jsonl(tmp_path, [complaint_line("app:1"), complaint_line("app:2")])
    first = runner.invoke(app, ["sync", "enqueue", str(path), "--db", db_url])
    assert first.exit_code == 0, first.output
    assert "queued 2 complaint(s)" in first.output
    again = runner.invoke(app, ["sync", "enqueue", str(path), "--db", db_url])
    assert "queued 0 complaint(s); 2 were queued before" in again.output

    dry = runner.invoke(app, ["sync", "run", "--db", db_url, "--dry-run"])
    assert dry.exit_code == 0 and "would push 2 write(s)" in dry.output
    assert env.store.count() == 0

    result = runner.invoke(app, ["sync", "run", "--database-url", db_url, "--workers", "4"])
    assert result.exit_code == 0, result.output
    assert "pushed 2" in result.output
    assert env.store.count() == 2

    status = runner.invoke(app, ["sync", "status", "--db", db_url, "--json"])
    assert status.exit_code == 0
    data = json.loads(status.output)
    assert (data["pending"], data["done"], data["dead"]) == (0, 2, 0)
    assert data["checkpoint"] is not None and data["lag_seconds"] >= 0
    text = runner.invoke(app, ["sync", "status", "--db", db_url])
    assert "done:       2" in text.output


def test_run_exits_11_while_writes_remain(env: Sandbox, tmp_path: Path, db_url: str) -> None:
    runner.invoke(
        app, ["sync", "enqueue", str(jsonl(tmp_path, [complaint_line("a")])), "--db", db_url]
    )
    env.set_faults(Faults(rate_limit_next=1, retry_after=60))
    result = runner.invoke(app, ["sync", "run", "--db", db_url, "--once"])
    assert result.exit_code == 11
    assert "1 write(s) still pending" in result.output


def test_dead_letters_are_listed_and_re_queued(env: Sandbox, tmp_path: Path, db_url: str) -> None:
    path = jsonl(tmp_path, [complaint_line("bad", category="no-such-category")])
    runner.invoke(app, ["sync", "enqueue", str(path), "--db", db_url])
    result = runner.invoke(app, ["sync", "run", "--db", db_url])
    assert result.exit_code == 0
    assert "1 dead letter(s)" in result.output
    status = json.loads(runner.invoke(app, ["sync", "status", "--db", db_url, "--json"]).output)
    assert status["dead"] == 1
    assert status["dead_letters"][0]["local_id"] == "bad"
    assert "HTTP 422" in status["dead_letters"][0]["error"]
    retry = runner.invoke(app, ["sync", "retry-dead", "--db", db_url])
    assert "re-queued 1 dead letter(s)" in retry.output


def test_resolve_needs_exactly_one_answer(env: Sandbox, db_url: str) -> None:
    both = runner.invoke(
        app,
        [
            "sync",
            "resolve",
            "x",
            "--tracking-id",
            "LAPOR-2025-000001",
            "--not-filed",
            "--db",
            db_url,
        ],
    )
    assert both.exit_code == 1
    assert "exactly one of --tracking-id ID or --not-filed" in both.output
    nothing = runner.invoke(app, ["sync", "resolve", "x", "--not-filed", "--db", db_url])
    assert nothing.exit_code == 1
    assert "nothing of x is unknown" in nothing.output


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[1, 2]", "line 1 is not a JSON object"),
        ("{not json", "line 1 is not a JSON object"),
        ('{"title": "x", "description": "y"}', 'line 1 has no "local_id"'),
        (
            json.dumps(
                {"local_id": "a", "title": "x", "reporter": {"phone": CANARY_PHONE + "9999"}}
            ),
            "line 1 is not a valid complaint",
        ),
    ],
)
def test_a_bad_line_is_one_error_without_its_values(
    env: Sandbox, tmp_path: Path, db_url: str, line: str, message: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    result = runner.invoke(app, ["sync", "enqueue", str(path), "--db", db_url])
    assert result.exit_code == 1
    assert message in result.output
    assert CANARY_PHONE[1:] not in result.output


def test_without_client_settings_the_error_names_the_variables(tmp_path: Path, db_url: str) -> None:
    result = runner.invoke(app, ["sync", "run", "--db", db_url])
    assert result.exit_code == 1
    assert "LAPOR_BASE_URL" in result.output


def test_outbox_commands_need_no_api_settings(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """status, enqueue, retry-dead and resolve read or change the outbox only."""
    monkeypatch.delenv("LAPOR_BASE_URL", raising=False)
    monkeypatch.delenv("LAPOR_API_KEY", raising=False)
    path = jsonl(tmp_path, [complaint_line("app:1")])
    for args in (
        ["sync", "enqueue", str(path)],
        ["sync", "status", "--json"],
        ["sync", "retry-dead"],
    ):
        result = runner.invoke(app, [*args, "--db", db_url])
        assert result.exit_code == 0, (args, result.output)
        assert "LAPOR_BASE_URL" not in result.output
    # resolve reads the outbox too: it refuses for the outbox's reason, not the API's.
    result = runner.invoke(app, ["sync", "resolve", "app:1", "--not-filed", "--db", db_url])
    assert result.exit_code == 1 and "nothing of app:1 is unknown" in result.output
    status = runner.invoke(app, ["sync", "status", "--json", "--db", db_url])
    assert json.loads(status.output)["pending"] == 1
