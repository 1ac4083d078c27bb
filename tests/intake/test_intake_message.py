"""WhatsApp/SMS messages and exported WhatsApp chats into complaint drafts."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_sdk.intake import (
    IntakeError,
    from_message,
    from_whatsapp_export,
    looks_like_whatsapp_export,
    parse_whatsapp_export,
)
from lapor_sdk.models import Channel, MissingKind

WIB = ZoneInfo("Asia/Jakarta")
AT = dt.datetime(2025, 3, 3, 9, 15, tzinfo=WIB)


def test_whatsapp_message_with_location() -> None:
    draft = from_message(
        "Assalamualaikum min.\nLampu PJU di Jl. Ahmad Yani Kota Surabaya mati sejak seminggu, "
        "jalan gelap dan rawan begal.",
        sender="0812-3456-7890",
        received_at=AT,
    )
    c = draft.complaint
    assert c.channel is Channel.WHATSAPP
    assert c.reporter is not None and c.reporter.phone == "+6281234567890"
    assert c.title.startswith("Lampu PJU di Jl. Ahmad Yani Kota Surabaya mati")
    assert c.location is not None and c.location.region_code == "35.78"
    assert c.location.street == "Jl. Ahmad Yani"
    assert draft.missing == []
    assert draft.is_complete


def test_sms_with_invalid_sender_warns_and_asks_for_contact() -> None:
    draft = from_message(
        "Jalan desa di Kec. Kutasari Purbalingga rusak berat mohon diperbaiki",
        sender="12345",
        received_at=AT,
        channel=Channel.SMS,
    )
    assert draft.complaint.channel is Channel.SMS
    assert draft.complaint.reporter is None
    assert any("not a valid Indonesian number" in w for w in draft.warnings)
    assert all("12345" not in w for w in draft.warnings)
    # SMS 1708 is not a form-manual channel, so no contact question; the place is too coarse
    assert [m.kind for m in draft.missing] == [MissingKind.PRECISE_LOCATION]


def test_naive_received_at_is_refused() -> None:
    with pytest.raises(IntakeError, match="naive datetime"):
        from_message("Jalan rusak", sender="08123456789", received_at=dt.datetime(2025, 3, 3))


def test_overlong_message_is_cut_with_a_warning() -> None:
    draft = from_message("Jalan rusak di Kota Malang. " * 2000, sender=None, received_at=AT)
    assert len(draft.complaint.description) <= 20_000
    assert any("cut" in w for w in draft.warnings)
    assert any("no sender" in w for w in draft.warnings)


def test_control_characters_are_removed() -> None:
    draft = from_message(
        "Jalan\x00 rusak\u202e di\x07 Kota Malang parah", sender=None, received_at=AT
    )
    assert draft.complaint.description == "Jalan rusak di Kota Malang parah"


ANDROID = """\
23/11/2026, 09:10 - Messages and calls are end-to-end encrypted. Tap to learn more.
23/11/2026, 09:15 - +62 812-3456-7890: Selamat pagi pak
23/11/2026, 09:16 - +62 812-3456-7890: Jalan di Kec. Bobotsari Purbalingga berlubang besar
dekat pasar, sudah 2 motor jatuh
23/11/2026, 09:16 - +62 812-3456-7890: <Media omitted>
23/11/2026, 09:30 - Admin Dinas: Baik, mohon kirim lokasi tepatnya
23/11/2026, 13:45 - +62 812-3456-7890: https://maps.google.com/?q=-7.2456,109.3611
24/11/2026, 08:00 - Pak Darto RT 3: Lampu jalan di Jl. Mayjen Sungkono mati semua
"""

IOS = """\
[23/11/26 09.15.30] +62 857-1234-5678: Sampah menumpuk di pasar Kota Tegal
[23/11/26 09.16.02] +62 857-1234-5678: sudah 2 minggu tidak diangkut, bau sekali
"""


def test_parse_android_export() -> None:
    messages = parse_whatsapp_export(ANDROID)
    assert [m.author for m in messages] == [
        "+62 812-3456-7890",
        "+62 812-3456-7890",
        "Admin Dinas",
        "+62 812-3456-7890",
        "Pak Darto RT 3",
    ]
    assert messages[0].sent_at == dt.datetime(2026, 11, 23, 9, 15, tzinfo=WIB)
    assert messages[1].text.endswith("dekat pasar, sudah 2 motor jatuh")  # continuation line


def test_parse_ios_export_with_seconds_and_two_digit_year() -> None:
    messages = parse_whatsapp_export(IOS, tz="Asia/Makassar")
    assert len(messages) == 2
    assert messages[0].sent_at == dt.datetime(
        2026, 11, 23, 9, 15, 30, tzinfo=ZoneInfo("Asia/Makassar")
    )


def test_export_groups_messages_into_reports() -> None:
    drafts = from_whatsapp_export(ANDROID, exclude_authors=["Admin Dinas"])
    assert len(drafts) == 3  # morning burst, afternoon map link (gap > 2 h), Pak Darto
    first, second, third = drafts
    assert first.complaint.reporter is not None
    assert first.complaint.reporter.phone == "+6281234567890"
    assert first.complaint.created_at == dt.datetime(2026, 11, 23, 9, 15, tzinfo=WIB)
    assert first.complaint.location is not None
    assert first.complaint.location.region_code == "33.03"
    assert first.complaint.title.startswith("Jalan di Kec. Bobotsari")  # greeting skipped
    assert second.location_match is not None and second.location_match.latitude == -7.2456
    assert third.complaint.reporter is not None and third.complaint.reporter.phone is None
    assert any("contact name" in w for w in third.warnings)


def test_export_ios_one_report() -> None:
    [draft] = from_whatsapp_export(IOS)
    assert "bau sekali" in draft.complaint.description
    assert draft.complaint.location is not None
    assert draft.complaint.location.region_code == "33.76"


def test_unknown_zone_is_refused() -> None:
    with pytest.raises(IntakeError, match="unknown time zone"):
        parse_whatsapp_export(IOS, tz="Asia/Bandung")


@given(st.text(max_size=1000))
def test_arbitrary_message_is_a_draft_or_refused_as_empty(text: str) -> None:
    try:
        draft = from_message(text, sender="0812 3456 7890", received_at=AT)
    except IntakeError as exc:
        assert str(exc) == "message is empty: there is nothing to file as a complaint"
        assert not text.strip() or all(not ch.isprintable() or ch.isspace() for ch in text)
        return
    assert draft.complaint.created_at == AT
    assert draft.complaint.description


@pytest.mark.parametrize("text", ["", "   \n\t ", "\x00\x07\u202e"])
def test_empty_message_is_an_error_not_an_empty_draft(text: str) -> None:
    with pytest.raises(IntakeError, match="message is empty"):
        from_message(text, sender=None, received_at=AT)


@given(st.text(max_size=1000))
def test_arbitrary_export_never_crashes(text: str) -> None:
    for draft in from_whatsapp_export("23/11/2026, 09:15 - +62 812-3456-7890: " + text):
        assert draft.complaint.channel is Channel.WHATSAPP


def test_month_first_export_and_12_hour_clock() -> None:
    [message] = parse_whatsapp_export("11/23/26, 9:15 PM - +62 812-3456-7890: Jalan rusak")
    assert message.sent_at == dt.datetime(2026, 11, 23, 21, 15, tzinfo=WIB)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ANDROID, True),
        (IOS, True),
        ("12/03/2025 jalan rusak di Kota Malang", False),
        ("Jalan rusak di Kota Malang", False),
    ],
)
def test_looks_like_whatsapp_export(text: str, expected: bool) -> None:
    assert looks_like_whatsapp_export(text) is expected
