"""Models and the deadline helpers: aware datetimes, labels, platforms, relative wording."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hoax_helpers import WIB, WIT, WITA
from pydantic import ValidationError

from hoax_clinic import Claim, ClaimStatus, Clarification, Label, Platform, Sighting
from hoax_clinic._deadline import due_at, format_remaining


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(hours=3, minutes=20), "in 3 h 20 min"),
        (timedelta(hours=-2), "late by 2 h"),
        (timedelta(minutes=-75, seconds=-30), "late by 1 h 15 min"),
        (timedelta(seconds=20), "in < 1 min"),
        (timedelta(days=1, hours=2, minutes=5), "in 1 d 2 h"),
    ],
)
def test_format_remaining(delta: timedelta, text: str) -> None:
    now = datetime(2026, 6, 17, 9, 0, tzinfo=WIB)
    assert format_remaining(now + delta, now) == text


@pytest.mark.parametrize("zone", [WIB, WITA, WIT], ids=["WIB", "WITA", "WIT"])
def test_due_at_keeps_the_zone_and_counts_clock_hours(zone: ZoneInfo) -> None:
    seen = datetime(2026, 12, 31, 22, 0, tzinfo=zone)
    due = due_at(seen, timedelta(hours=24))
    assert due.tzinfo is zone
    assert due == datetime(2027, 1, 1, 22, 0, tzinfo=zone)


def test_due_at_refuses_naive_and_non_positive() -> None:
    with pytest.raises(ValueError, match="first_seen must be timezone-aware"):
        due_at(datetime(2026, 6, 17, 9, 0), timedelta(hours=24))
    with pytest.raises(ValueError, match="target must be positive"):
        due_at(datetime(2026, 6, 17, 9, 0, tzinfo=WIB), timedelta(0))


def test_models_refuse_naive_datetimes() -> None:
    with pytest.raises(ValidationError, match="timezone"):
        Claim(id="HX-1", text="x", first_seen=datetime(2026, 6, 17, 9, 0))
    with pytest.raises(ValidationError, match="timezone"):
        Clarification(text="x", published_at=datetime(2026, 6, 17, 9, 0))


def test_models_are_frozen_and_refuse_unknown_fields() -> None:
    c = Claim(id="HX-1", text="x", first_seen=datetime(2026, 6, 17, 9, 0, tzinfo=WIB))
    with pytest.raises(ValidationError):
        c.text = "y"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="extra"):
        Sighting.model_validate(
            {
                "id": "SG-1",
                "claim_id": "HX-1",
                "text": "x",
                "platform": "x",
                "seen_at": "2026-06-17T09:00:00+07:00",
                "likes": 3,
            }
        )


@pytest.mark.parametrize(
    ("text", "platform"),
    [("wa", Platform.WHATSAPP), ("Twitter", Platform.X), ("FB", Platform.FACEBOOK),
     ("tiktok", Platform.TIKTOK), ("complaint", Platform.COMPLAINT)],
)  # fmt: skip
def test_platform_aliases(text: str, platform: Platform) -> None:
    assert Platform.parse(text) is platform


def test_labels_and_statuses_have_indonesian_labels() -> None:
    assert ClaimStatus.CLARIFIED.label == "Sudah diklarifikasi"
    assert Platform.COMPLAINT.label == "Kanal pengaduan"
    assert Label.KONTEN_MENYESATKAN.value == "KONTEN MENYESATKAN"
    assert Label.HOAKS.is_false and not Label.BENAR.is_false
    assert ClaimStatus.VERIFYING.is_open and not ClaimStatus.DISMISSED.is_open
