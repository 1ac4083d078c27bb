"""`lapor --version`, `lapor validate` and `lapor schema`: exit codes and wording."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lapor_sdk import __version__
from lapor_sdk.cli import app

runner = CliRunner()

VALID = {
    "title": "Jalan rusak",
    "description": "Jalan di Desa Tetel, Kecamatan Pengadegan, Purbalingga rusak parah.",
    "channel": "whatsapp",
    "created_at": "2025-03-28T10:00:00+07:00",
}


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_validate_accepts_a_valid_complaint_and_a_list(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps(VALID), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([VALID, VALID]), encoding="utf-8")
    assert runner.invoke(app, ["validate", str(one)]).exit_code == 0
    result = runner.invoke(app, ["validate", str(many)])
    assert result.exit_code == 0
    assert "2 complaint(s)" in result.output


def test_validate_names_each_bad_field_and_exits_1(tmp_path: Path) -> None:
    bad = dict(VALID, created_at="2025-03-28T10:00:00", channel="fax")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([VALID, bad]), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "[1] " in result.output
    assert "created_at: Input should have timezone info" in result.output
    assert "channel: Input should be" in result.output
    assert "1 of 2 complaint(s)" in result.output
    assert "Traceback" not in result.output


def test_validate_reports_broken_json_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"title": ', encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "is not valid JSON (line 1" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_validate_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.json")])
    assert result.exit_code == 2


def test_schema_is_the_complaint_json_schema_with_field_docs(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "Complaint"
    assert "created_at" in schema["required"]
    assert schema["properties"]["tracking_id"]["description"].startswith("Tracking id")
    out = tmp_path / "schema.json"
    assert runner.invoke(app, ["schema", "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == schema
