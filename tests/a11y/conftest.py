"""Fixtures of the accessibility tests: one headless Chromium, axe-core, the findings log.

The tests skip, with the reason, only when no Chromium-like browser is on ``PATH``. A missing
or different axe-core is a failure that says how to install it (``npm ci`` in this folder,
which ``.ci/run`` does).

Findings that do not fail a test (axe violations of impact "moderate" or "minor", and what
axe could not decide) are collected here and printed in full at the end of the run, in the
terminal summary, so the CI log carries them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from a11y_browser import Browser, BrowserError, find_chromium

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core"
#: Set to a folder (``docs/img``) to write the docs' screenshots there.
SHOTS_ENV = "A11Y_SCREENSHOTS"

_FINDINGS = pytest.StashKey[list[str]]()
_SHOT_DIR = pytest.StashKey[Path]()


def pinned_axe_version() -> str:
    """The axe-core version ``package.json`` pins."""
    manifest = json.loads((HERE / "package.json").read_text("utf-8"))
    return str(manifest["dependencies"]["axe-core"])


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session; skips when there is none."""
    if find_chromium() is None:
        pytest.skip(
            "no Chromium-like browser on PATH (chromium, chromium-browser, google-chrome): "
            "install Debian's package with `apt-get install chromium` (.ci/run does)"
        )
    try:
        instance = Browser.launch()
    except BrowserError as exc:
        pytest.fail(f"Chromium is installed but did not start: {exc}")
    yield instance
    instance.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The source of the pinned axe-core, to inject into each page."""
    wanted = pinned_axe_version()
    script = AXE / "axe.min.js"
    if not script.is_file():
        pytest.fail(
            f"axe-core {wanted} is not installed in {HERE.relative_to(HERE.parents[1])}; run "
            "`npm ci --prefix tests/a11y` (needs Node.js and npm; .ci/run does it)"
        )
    found = json.loads((AXE / "package.json").read_text("utf-8"))["version"]
    if found != wanted:
        pytest.fail(
            f"axe-core {found} is installed but package.json pins {wanted}; "
            "run `npm ci --prefix tests/a11y`"
        )
    return script.read_text("utf-8")


@pytest.fixture(scope="session")
def findings(request: pytest.FixtureRequest) -> list[str]:
    """Lines for the end-of-run report (non-blocking findings)."""
    return request.config.stash.setdefault(_FINDINGS, [])


@pytest.fixture(scope="session")
def shots(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, bool]:
    """Where screenshots go, and whether that is the docs' folder.

    ``$A11Y_SCREENSHOTS`` (e.g. ``docs/img``) if set, else a temporary folder.
    """
    chosen = os.environ.get(SHOTS_ENV)
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("a11y-shots")
    folder.mkdir(parents=True, exist_ok=True)
    request.config.stash[_SHOT_DIR] = folder
    return folder, bool(chosen)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    """Print every non-blocking accessibility finding of the run."""
    lines = config.stash.get(_FINDINGS, None)
    if lines is None:
        return
    terminalreporter.section("accessibility: non-blocking findings (axe-core)")
    if not lines:
        terminalreporter.write_line("none: no violation of any impact, nothing left undecided")
    for line in lines:
        terminalreporter.write_line(line)
    shots = config.stash.get(_SHOT_DIR, None)
    if shots is not None:
        terminalreporter.write_line(f"screenshots: {shots}")
