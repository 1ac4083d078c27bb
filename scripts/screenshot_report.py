"""Render a monev HTML report in headless Chromium and save phone and desktop screenshots.

Usage::

    python scripts/screenshot_report.py report.html --out-dir docs/img
    python scripts/screenshot_report.py --sample 300 --seed 1 --out-dir /tmp/shots

With ``--sample`` it first writes a report of generated sample complaints. Needs a
``chromium`` (or ``chromium-browser`` / ``google-chrome``) binary: on Debian
``apt-get update && apt-get install -y chromium``. The browser runs without network features.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
SIZES = {"phone": (412, 2400), "desktop": (1280, 1800)}
TALL = {"phone": (412, 9000), "desktop": (1280, 6000)}


def find_browser() -> str:
    """Return the path of a Chromium-like browser, or exit with a hint."""
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    sys.exit("no chromium found; install it: apt-get update && apt-get install -y chromium")


def screenshot(browser: str, page: Path, target: Path, width: int, height: int) -> None:
    """Take one screenshot of ``page`` at the given window size."""
    with tempfile.TemporaryDirectory() as profile:
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--screenshot={target}",
            f"--window-size={width},{height}",
            page.resolve().as_uri(),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=120)  # noqa: S603


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build the report if asked, take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path, help="HTML report to render")
    parser.add_argument("--out-dir", type=Path, default=Path("."), help="where PNGs go")
    parser.add_argument("--sample", type=int, help="build a report of N sample complaints")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--prefix", default="monev-report", help="PNG file name prefix")
    parser.add_argument(
        "--now",
        default="2025-03-07T17:00:00+07:00",
        help="figures as of this ISO time with offset (the same --now as `lapor report monev`)",
    )
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    page: Path | None = args.report
    if args.sample is not None:
        from lapor_sdk.monev import compute_monev, sample_complaints, write_html

        complaints = sample_complaints(args.sample, seed=args.seed)
        now = dt.datetime.fromisoformat(args.now)
        if now.tzinfo is None:
            parser.error("--now needs a UTC offset, e.g. 2025-03-07T17:00:00+07:00")
        page = write_html(compute_monev(complaints, now=now), args.out_dir / f"{args.prefix}.html")
    if page is None:
        parser.error("give a report file or --sample N")
    browser = find_browser()
    for name, (width, height) in SIZES.items():
        target = args.out_dir / f"{args.prefix}-{name}.png"
        screenshot(browser, page, target, width, height)
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
