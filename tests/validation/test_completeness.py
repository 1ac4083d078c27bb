"""What a complaint still lacks, with Indonesian prompts for the reporter."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_sdk.models import (
    Channel,
    Complaint,
    Location,
    MissingKind,
    Privacy,
    Reporter,
)
from lapor_sdk.validation import is_infrastructure, missing_information

WIB = dt.timezone(dt.timedelta(hours=7))
AT = dt.datetime(2025, 3, 3, 9, 0, tzinfo=WIB)


def complaint(**fields: Any) -> Complaint:
    fields.setdefault("title", "Laporan warga")
    fields.setdefault("channel", Channel.LAPOR_WEB)
    return Complaint(created_at=AT, **fields)


def kinds(c: Complaint) -> list[MissingKind]:
    return [m.kind for m in missing_information(c)]


def test_complete_report_needs_nothing() -> None:
    c = complaint(
        title="Jalan berlubang",
        description="Jalan di Jl. Soekarno Hatta, Kec. Lowokwaru, Kota Malang berlubang besar.",
    )
    assert missing_information(c) == []
    assert c.missing_information() == []


def test_no_location_asks_for_the_full_address() -> None:
    c = complaint(description="Gaji guru honorer belum dibayar tiga bulan lamanya.")
    [info] = missing_information(c)
    assert info.kind is MissingKind.LOCATION
    assert info.prompt == (
        "Mohon sebutkan lokasi kejadian: nama jalan, desa/kelurahan, kecamatan, dan kabupaten/kota."
    )


def test_street_without_town_asks_where_the_street_is() -> None:
    c = complaint(description="Lampu PJU di Jl. Ahmad Yani mati sudah seminggu penuh.")
    [info] = missing_information(c)
    assert info.kind is MissingKind.LOCATION
    assert "Jl. Ahmad Yani" in info.prompt and "kabupaten/kota" in info.prompt


def test_ambiguous_location_names_the_candidates() -> None:
    c = complaint(description="Jalan di Malang rusak parah dan berlubang sejak bulan lalu.")
    [info] = missing_information(c)
    assert info.kind is MissingKind.AMBIGUOUS_LOCATION
    assert info.candidates == ("Kabupaten Malang", "Kota Malang")
    assert "Kabupaten Malang atau Kota Malang" in info.prompt


def test_infrastructure_needs_a_precise_place() -> None:
    c = complaint(description="Jembatan di Kota Malang retak dan goyang kalau dilewati truk.")
    [info] = missing_information(c)
    assert info.kind is MissingKind.PRECISE_LOCATION
    assert "Kota Malang" in info.prompt and "KM" in info.prompt and "Google Maps" in info.prompt


@pytest.mark.parametrize(
    "detail",
    [
        pytest.param("di Jl. Ijen", id="street"),
        pytest.param("di KM 3+200", id="km"),
        pytest.param("titik -7.9666, 112.6326", id="coordinates"),
        pytest.param("di Kelurahan Oro-oro Dowo", id="kelurahan"),
    ],
)
def test_any_precise_detail_is_enough_for_infrastructure(detail: str) -> None:
    c = complaint(description=f"Jembatan {detail} Kota Malang retak dan goyang dilewati truk.")
    assert kinds(c) == []


def test_non_infrastructure_needs_only_the_kabupaten_kota() -> None:
    c = complaint(
        category="Pendidikan",
        description="Jembatan ilmu: guru SD di Kota Malang sering tidak masuk mengajar.",
    )
    assert kinds(c) == []


def test_province_only_is_too_coarse() -> None:
    c = complaint(description="Banyak sekolah rusak di Jawa Tengah belum diperbaiki.")
    [info] = missing_information(c)
    assert info.kind is MissingKind.PRECISE_LOCATION
    assert "Jawa Tengah" in info.prompt


def test_a_set_location_is_used_instead_of_the_text() -> None:
    c = complaint(
        description="Jalan berlubang besar membahayakan pengendara motor setiap malam.",
        location=Location(region_code="35.07", street="Jl. Raya Kepanjen"),
    )
    assert kinds(c) == []
    coarse = complaint(
        description="Jalan berlubang besar membahayakan pengendara motor setiap malam.",
        location=Location(region_code="35.07"),
    )
    assert kinds(coarse) == [MissingKind.PRECISE_LOCATION]


@pytest.mark.parametrize(
    "description",
    [
        pytest.param("", id="empty"),
        pytest.param("Assalamualaikum pak, selamat pagi. Mohon izin lapor.", id="greetings"),
        pytest.param("tolong pak", id="too-short"),
    ],
)
def test_missing_description(description: str) -> None:
    c = complaint(
        description=description, location=Location(region_code="35.73", street="Jl. Ijen")
    )
    [info] = missing_information(c)
    assert info.kind is MissingKind.DESCRIPTION
    assert info.prompt.startswith("Mohon jelaskan masalah")


def test_missing_title() -> None:
    c = complaint(
        title="",
        description="Sampah menumpuk di pasar Kota Tegal sudah dua minggu tidak diangkut.",
    )
    assert kinds(c) == [MissingKind.TITLE]


def test_contact_needed_only_for_named_form_manual_reports() -> None:
    text = "Sampah menumpuk di pasar Kota Tegal sudah dua minggu tidak diangkut."
    assert kinds(complaint(description=text, channel=Channel.WHATSAPP)) == [MissingKind.CONTACT]
    assert (
        kinds(complaint(description=text, channel=Channel.WHATSAPP, privacy=Privacy.ANONYMOUS))
        == []
    )
    assert kinds(complaint(description=text, channel=Channel.LAPOR_APP)) == []
    with_phone = complaint(
        description=text, channel=Channel.EMAIL, reporter=Reporter(phone="081234567890")
    )
    assert kinds(with_phone) == []
    name_only = complaint(description=text, channel=Channel.EMAIL, reporter=Reporter(name="Siti"))
    [info] = missing_information(name_only)
    assert info.kind is MissingKind.CONTACT and "WhatsApp" in info.prompt


def test_order_description_location_title_contact() -> None:
    c = complaint(title="", description="", channel=Channel.PHONE)
    assert kinds(c) == [
        MissingKind.DESCRIPTION,
        MissingKind.LOCATION,
        MissingKind.TITLE,
        MissingKind.CONTACT,
    ]


def test_prompts_never_quote_personal_data() -> None:
    c = complaint(
        title="",
        description="ok",
        channel=Channel.WHATSAPP,
        reporter=Reporter(name="Budi Santoso"),
    )
    assert all("Budi" not in m.prompt for m in missing_information(c))


@pytest.mark.parametrize(
    ("category", "text", "expected"),
    [
        ("Infrastruktur", "", True),
        ("Jalan dan Jembatan", "", True),
        ("Kesehatan", "jembatan putus", False),
        (None, "Jalan di depan rumah berlubang", True),
        (None, "Saluran air mampet", True),
        (None, "Saya mau jalan-jalan ke mal", False),
        (None, "Pelayanan KTP lambat", False),
    ],
)
def test_is_infrastructure(category: str | None, text: str, expected: bool) -> None:
    assert is_infrastructure(category, text) is expected


@given(title=st.text(max_size=200), description=st.text(max_size=2000))
def test_never_crashes(title: str, description: str) -> None:
    c = Complaint(title=title, description=description, created_at=AT, channel=Channel.EMAIL)
    for info in missing_information(c):
        assert info.prompt.startswith("Mohon")
