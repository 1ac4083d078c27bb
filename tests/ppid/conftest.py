"""Fixtures of the PPID tests."""

from __future__ import annotations

import pytest

from lapor_sdk.sla import WorkingCalendar


@pytest.fixture(scope="session")
def calendar() -> WorkingCalendar:
    return WorkingCalendar.indonesia(tz="Asia/Jakarta")
