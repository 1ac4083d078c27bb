"""The triage example runs offline, routes the clear cases and abstains on the odd one."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "triage_routing.py"


def test_triage_routing_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLE)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "fitted on 120 reports, 3 categories"
    # Clear cases are suggested with high confidence (the exact value follows the tuning).
    assert re.search(r"suggested: infrastruktur → DPU Bina Marga, (0\.9\d|1\.00)$", lines[3])
    assert re.search(r"suggested: kesehatan → Dinas Kesehatan, (0\.9\d|1\.00)$", lines[4])
    assert "not sure (best guess: " in lines[5] and lines[5].endswith("route by hand")
    assert lines[6].startswith("held out: accuracy 1.00")
    assert "3000-1001" not in result.stdout
