"""The PPID desk example runs offline and tells the case from LAPOR! to the report."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ppid_desk.py"


def test_ppid_desk_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLE), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "registered PPID/2025/0001 from LAPOR-2025-001234",
        # Nyepi's cuti bersama and Lebaran 2025 do not count.
        "answer due 2025-04-14",
        "LAPOR! status: Terdisposisi Selesai",
        "objection answer due 2025-06-17",
        "dispute possible until 2025-06-03",
        "Semester I 2025: 1 request(s), 1 on time, 1 objection(s)",
    ]
    with (tmp_path / "register-permohonan.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["Keputusan"] == "Dikabulkan sebagian"
    assert rows[0]["Perpanjangan (hari kerja)"] == "7"
    public = (tmp_path / "laporan.html").read_text("utf-8") + str(rows)
    assert "Budi Santoso" not in public and "3456" not in public
