"""The comms-team example runs offline and tells the day's story."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hoax_comms_day.py"


def test_hoax_comms_day_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLE)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "07:30 loaded 1 debunk(s) from the feed" in out
    assert "08:10 known hoax [PENIPUAN] -> answer at once:" in out
    assert re.search(r"08:40 new urgent claim HX-[0-9A-F]{8}, due 11:40 WIB", out)
    assert re.search(r"11:00 at risk: \['HX-[0-9A-F]{8}'\]", out)
    assert "clarified on time: True" in out
    assert '"alternateName": "HOAKS"' in out
    chars = int(re.search(r"X \((\d+) chars\)", out).group(1))  # type: ignore[union-attr]
    assert chars <= 280
    assert "RSS items: 1" in out
    assert "16:00 handled 3 claim(s)" in out
    assert list(tmp_path.iterdir()) == []  # nothing left behind
