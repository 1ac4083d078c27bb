"""``lapor report monev`` and ``lapor report sample`` through the real CLI app."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from bs4 import BeautifulSoup
from typer.testing import CliRunner

from lapor_sdk.cli import app

runner = CliRunner()
NOW = "2025-02-21T17:00:00+07:00"


def test_report_is_written(small_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    result = runner.invoke(app, ["report", "monev", str(small_path), "-o", str(out), "--now", NOW])
    assert result.exit_code == 0, result.output
    assert f"wrote {out} (12 complaints)" in " ".join(result.output.split())
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    assert soup.html is not None and soup.html["lang"] == "id"
    assert len(soup.find_all("svg")) == 4


def test_json_and_csv_side_outputs(small_path: Path, tmp_path: Path) -> None:
    args = ["report", "monev", str(small_path), "-o", str(tmp_path / "r.html"), "--now", NOW]
    args += ["--json", str(tmp_path / "r.json"), "--csv", str(tmp_path / "r.csv")]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["total"]["followed_up"] == 7
    text = (tmp_path / "r.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["dimension"] == "total" and rows[0]["reports"] == "12"


def test_monthly_period_option(small_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    args = ["report", "monev", str(small_path), "-o", str(out), "--now", NOW, "--period", "month"]
    assert runner.invoke(app, args).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "Februari 2025" in html and "2025-02" not in html


def _one_line_error(result_output: str) -> str:
    lines = [line for line in result_output.splitlines() if line.strip()]
    assert len(lines) == 1, result_output
    return lines[0]


def test_missing_file_is_one_line_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "monev", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "does not exist" in _one_line_error(result.output)


def test_invalid_json_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    out = tmp_path / "out.html"
    result = runner.invoke(app, ["report", "monev", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert "is not valid JSON (line 1" in _one_line_error(result.output)
    assert not out.exists()


def test_invalid_complaint_names_item_and_field_not_values(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    item = {"title": "x", "created_at": "2025-02-03T09:00:00", "reporter": {"phone": "0812"}}
    bad.write_text(json.dumps([item]), encoding="utf-8")
    result = runner.invoke(app, ["report", "monev", str(bad), "-o", str(tmp_path / "o.html")])
    assert result.exit_code == 1
    line = _one_line_error(result.output)
    assert "complaint [0] is invalid at" in line
    assert "0812" not in line


def test_not_a_list_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('"hello"', encoding="utf-8")
    result = runner.invoke(app, ["report", "monev", str(bad), "-o", str(tmp_path / "o.html")])
    assert result.exit_code == 1
    assert "must hold a JSON array of complaints" in _one_line_error(result.output)


def test_naive_now_is_refused(small_path: Path, tmp_path: Path) -> None:
    args = ["report", "monev", str(small_path), "-o", str(tmp_path / "o.html")]
    result = runner.invoke(app, [*args, "--now", "2025-02-21T17:00:00"])
    assert result.exit_code == 1
    assert "has no UTC offset; add one" in _one_line_error(result.output)


def test_sample_then_report(tmp_path: Path) -> None:
    data = tmp_path / "c.json"
    result = runner.invoke(app, ["report", "sample", "-n", "40", "--seed", "2", "-o", str(data)])
    assert result.exit_code == 0, result.output
    assert len(json.loads(data.read_text(encoding="utf-8"))) == 40
    out = tmp_path / "r.html"
    args = ["report", "monev", str(data), "-o", str(out), "--now", "2025-03-31T17:00:00+07:00"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 10_000


def test_now_outside_datetime_range_is_one_line_error(small_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    args = ["report", "monev", str(small_path), "-o", str(out)]
    result = runner.invoke(app, [*args, "--now", "0001-01-01T00:00:00+07:00"])
    assert result.exit_code == 1
    assert not isinstance(result.exception, OverflowError)
    assert "--now '0001-01-01T00:00:00+07:00' is out of range" in result.stderr
    assert not out.exists()
