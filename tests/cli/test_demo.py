"""`lapor demo`: the main job runs end to end on the sandbox and SQLite, and is re-runnable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lapor_sdk.cli import app

pytest.importorskip("uvicorn")


def test_demo_runs_twice_on_one_database_without_duplicating_reports(tmp_path: Path) -> None:
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    outputs = []
    for _ in range(2):
        faults = "error_rate=0.1,retry_after=0,drop_after_commit_rate=0.3,seed=3"
        result = runner.invoke(app, ["demo", "--db", db, "--faults", faults])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    for output in outputs:
        assert "reports in the sandbox for this agency: 3" in output
        assert "ambiguous:" in output
        assert "Kabupaten Malang" in output and "Kota Malang" in output
        assert sorted(set(re.findall(r"LAPOR-\d{4}-\d{6}", output))) == [
            re.findall(r"LAPOR-\d{4}-\d{6}", outputs[0])[0][:-1] + str(i) for i in (1, 2, 3)
        ]
        assert "Monev over 300 sample reports" in output
        assert "client waits (honouring Retry-After)" in output  # no silent wait
        # Every tracking id printed is whole, in every table, at CliRunner's 80 columns.
        assert not re.search(r"LAPOR-\d{0,4}(?:-\d{0,5})?…", output)
        assert len(re.findall(r"LAPOR-\d{4}-\d{6}", output)) >= 6
    # The reporters' contact never reaches the screen.
    assert "3000-1001" not in outputs[0] and "8123000" not in outputs[0]
    assert "warga.peduli@example.id" not in outputs[0]


def test_demo_never_prints_a_database_password() -> None:
    from lapor_sdk.cli._demo import _shown_url

    shown = _shown_url("postgresql://lapor:s3cret-pw@db.example/lapor")
    assert "s3cret-pw" not in shown
    assert shown == "postgresql://lapor:***@db.example/lapor"
    assert _shown_url("sqlite:////tmp/demo.db") == "sqlite:////tmp/demo.db"
