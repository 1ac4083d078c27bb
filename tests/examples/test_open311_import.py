"""The Open311/spreadsheet example runs offline and brings reports into the SLA engine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "open311_import.py"


def test_open311_import_runs(tmp_path: Path) -> None:
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
        "imported 2 request(s), skipped 0",
        "kota-surabaya:LAPOR-2025-000001: Infrastruktur, Kota Surabaya, "
        "Laporan Belum Terverifikasi",
        "kota-surabaya:LAPOR-2025-000002: Kesehatan, Kota Surabaya, Laporan Belum Terverifikasi",
        "wrote 2 row(s) to rekap.xlsx; read back: 2 of 2 row(s) imported, 0 skipped, 0 blank",
        # Filed 3 and 4 March: verification was due 3 working days later, before 10 March.
        "Jalan berlubang di Jl. Ahmad Y: verification breached, answer on_track, "
        "completion on_track",
        "Puskesmas Wonokromo tutup saat: verification breached, answer on_track, "
        "completion on_track",
    ]
    assert (tmp_path / "rekap.xlsx").exists()
