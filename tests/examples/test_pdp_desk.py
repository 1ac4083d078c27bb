"""The PDP desk example runs offline: access, a kept open report, erasure, same figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "pdp_desk.py"


def test_pdp_desk_runs(tmp_path: Path) -> None:
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
        "access due 2025-06-07 09:00 WIB",  # 3 x 24 clock hours, a Saturday included
        "export: 4 record(s)",  # 2 complaints, the queued filing, the access request
        "restriction: 1 queued filing(s) held; restricted: True",
        "erasure: 4 anonymised, 2 kept (in_progress)",  # the open report and its filing wait
        "national copies to erase: LAPOR-2025-1",
        "monev total unchanged: True",
    ]
    page = (tmp_path / "PDP-1.html").read_text("utf-8")
    assert '<html lang="id">' in page and "Pasal 32" in page
