"""scripts/screenshot_report.py renders the report in headless Chromium (skipped without one)."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshot_report.py"
BROWSER = next(
    (b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None
)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.slow
@pytest.mark.skipif(BROWSER is None, reason="no chromium installed")
def test_phone_and_desktop_screenshots(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--sample", "40", "--seed", "3", "--out-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    phone = tmp_path / "monev-report-phone.png"
    desktop = tmp_path / "monev-report-desktop.png"
    assert _png_size(phone)[0] == 412
    assert _png_size(desktop)[0] == 1280
    # A blank page compresses to almost nothing; a rendered report does not.
    assert phone.stat().st_size > 20_000
    assert desktop.stat().st_size > 20_000
