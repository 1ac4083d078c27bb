"""The complaint-desk example runs offline and tells the morning's story."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "complaint_desk_day.py"


def test_complaint_desk_day_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLE)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Mohon sebutkan lokasi kejadian" in lines[1]
    assert lines[2] == "08:20 location detected: Kabupaten Malang; missing: []"
    # Verified Monday 2 March 2026; 5 working days, the start day not counted: Monday 9 March.
    assert "follow-up due Monday 09 March 2026 16:00 (on_track)" in result.stdout
    assert "Terdisposisi Selesai; follow-up stage: met" in result.stdout
    assert "public view shows a reporter: False" in lines
    assert "admin view shows a reporter: True" in lines
    assert "3000-1001" not in result.stdout and "81230001001" not in result.stdout
