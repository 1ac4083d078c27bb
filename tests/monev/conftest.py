"""Fixtures of the monev tests: the hand-made data set and the calendar it was computed on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lapor_sdk.models import Complaint
from lapor_sdk.monev import load_complaints
from lapor_sdk.sla import WorkingCalendar

DATA = Path(__file__).resolve().parents[1] / "data"
WIB = dt.timezone(dt.timedelta(hours=7))
#: The moment the hand-made figures are judged at: Friday 21 February 2025, after closing.
SMALL_NOW = dt.datetime(2025, 2, 21, 17, 0, tzinfo=WIB)


@pytest.fixture(scope="session")
def small_now() -> dt.datetime:
    """Friday 21 February 2025 17:00 WIB, when the hand-made figures are judged."""
    return SMALL_NOW


@pytest.fixture(scope="session")
def calendar() -> WorkingCalendar:
    """The national calendar in WIB (February 2025 has no holiday)."""
    return WorkingCalendar.indonesia(tz="Asia/Jakarta")


@pytest.fixture(scope="session")
def small() -> list[Complaint]:
    """The twelve hand-made complaints of tests/data/monev_small.json."""
    return load_complaints(DATA / "monev_small.json")


@pytest.fixture(scope="session")
def small_path() -> Path:
    """Path of the hand-made fixture file."""
    return DATA / "monev_small.json"
