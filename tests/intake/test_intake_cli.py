"""`lapor intake FILE`: e-mails and chat texts, redacted output, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lapor_sdk.cli import app

runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures"


def test_eml_draft_is_printed_without_the_reporter() -> None:
    result = runner.invoke(app, ["intake", str(FIXTURES / "multipart_attachment.eml")])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Jembatan retak di Jl. Soekarno Hatta" in out
    assert "35.73 Kota Malang" in out
    assert "jembatan.jpg" in out
    assert "complete" in out
    assert "Rina" not in out and "example.org" not in out.lower()
    assert "<redacted> (name, email)" in out


def test_eml_json() -> None:
    result = runner.invoke(app, ["intake", str(FIXTURES / "html_only.eml"), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["complaint"]["channel"] == "email"
    assert data["location"]["region"]["code"] == "33.74"
    assert data["complaint"]["reporter"]["email"] == "<redacted>"
    assert "warga.tembalang" not in result.stdout


def test_text_message_prints_the_missing_prompts(tmp_path: Path) -> None:
    path = tmp_path / "sms.txt"
    path.write_text("Jalan di Malang rusak parah dan berlubang, tolong diperbaiki", "utf-8")
    result = runner.invoke(
        app,
        [
            "intake", str(path), "--channel", "sms", "--sender", "0812 3456 7890",
            "--received-at", "2025-03-03T09:00:00+07:00",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "SMS 1708" in result.stdout
    assert "ambiguous: 35.07 Kabupaten Malang / 35.73 Kota Malang" in result.stdout
    assert "apakah yang dimaksud Kabupaten Malang atau Kota Malang?" in result.stdout
    assert "3456" not in result.stdout


def test_whatsapp_export_gives_one_draft_per_report(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(
        "23/11/2026, 09:15 - +62 812-3456-7890: Jalan di Kec. Bobotsari Purbalingga rusak\n"
        "24/11/2026, 08:00 - +62 857-1234-5678: Lampu jalan di Kota Tegal mati semua\n",
        "utf-8",
    )
    result = runner.invoke(app, ["intake", str(path)])
    assert result.exit_code == 0, result.output
    assert "Draft 1" in result.stdout and "Draft 2" in result.stdout
    assert "33.76 Kota Tegal" in result.stdout


def test_naive_received_at_is_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "wa.txt"
    path.write_text("Jalan rusak di Kota Malang", "utf-8")
    result = runner.invoke(app, ["intake", str(path), "--received-at", "2025-03-03T09:00"])
    assert result.exit_code == 1
    assert "has no UTC offset" in result.stderr


def test_eml_without_date_needs_received_at() -> None:
    result = runner.invoke(app, ["intake", str(FIXTURES / "reply_naive_date.eml")])
    assert result.exit_code == 1
    assert "no usable Date header" in result.stderr


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["intake", str(tmp_path / "nope.eml")])
    assert result.exit_code == 2
