"""The plain-language rules themselves: what each one flags, what it leaves alone, and the
formatters that write numbers, money, dates and times so that no rule fires."""

from __future__ import annotations

import datetime as dt
import doctest
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_sdk import plain_language
from lapor_sdk.plain_language import (
    JARGON,
    MAX_SENTENCE_WORDS,
    RULES,
    check_text,
    format_date,
    format_datetime,
    format_number,
    format_rupiah,
    format_time,
    sentences,
    words,
)

ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")
#: Ordinary Indonesian words, none of them jargon, informal or a month name.
PLAIN_WORDS = (
    "jalan rusak di depan pasar sudah lama belum diperbaiki warga mohon petugas segera datang "
    "memeriksa lokasi dan memperbaiki lubang agar aman dilalui anak sekolah setiap pagi"
).split()


def rules(text: str, **kwargs: object) -> list[str]:
    return [f.rule for f in check_text(text, **kwargs)]  # type: ignore[arg-type]


# --- each rule, by example ---------------------------------------------------------------------

FLAGGED = [
    pytest.param("Silakan klik link di bawah.", "english-jargon", id="link"),
    pytest.param("Deadline jawaban 10 hari kerja.", "english-jargon", id="deadline"),
    pytest.param("Kirim lewat e-mail resmi.", "english-jargon", id="e-mail"),
    pytest.param("Laporan Anda sedang di-follow up.", "english-jargon", id="follow-up"),
    pytest.param("Target SLA tiga hari kerja.", "english-jargon", id="SLA"),
    pytest.param("Laporan yg masuk sdh diproses.", "informal-word", id="yg-sdh"),
    pytest.param("Petugas gak datang.", "informal-word", id="gak"),
    pytest.param("Tingkat tindak lanjut 87.5 %.", "number-format", id="decimal-point"),
    pytest.param("Penerima 1,250,000 orang.", "number-format", id="comma-thousands"),
    pytest.param("Biaya Rp 600.000 per lembar.", "rupiah-format", id="rp-space"),
    pytest.param("Biaya Rp. 600.000 per lembar.", "rupiah-format", id="rp-dot"),
    pytest.param("Biaya Rp600,000 per lembar.", "rupiah-format", id="rp-comma"),
    pytest.param("Biaya Rp600000 per lembar.", "rupiah-format", id="rp-no-separator"),
    pytest.param("Biaya IDR 600.000 per lembar.", "rupiah-format", id="idr"),
    pytest.param("Bantuan 600rb per bulan.", "rupiah-format", id="rb"),
    pytest.param("Batas waktu 17/06/2026.", "date-format", id="slashes"),
    pytest.param("Batas waktu 2026-06-17.", "date-format", id="iso"),
    pytest.param("Batas waktu 17 June 2026.", "date-format", id="english-month"),
    pytest.param("Batas waktu Monday, 17 Juni 2026.", "date-format", id="english-day"),
    pytest.param("Batas waktu 17th Juni 2026.", "date-format", id="ordinal"),
    pytest.param("Dibuka pukul 08:30 WIB.", "time-format", id="colon"),
    pytest.param("Dibuka pukul 8.30 AM WIB.", "time-format", id="am"),
    pytest.param("Dibuka jam 08.30 WIB.", "time-format", id="jam"),
    pytest.param("Dipublikasikan 17 Juni 2026 08.30 WIB.", "time-format", id="no-pukul"),
    pytest.param("Dibuka pukul 08.30 setiap hari.", "time-zone", id="no-zone"),
]


@pytest.mark.parametrize(("text", "rule"), FLAGGED)
def test_rule_flags(text: str, rule: str) -> None:
    assert rule in rules(text)


PLAIN = [
    pytest.param("Biaya penyalinan Rp600.000. Informasinya sendiri gratis.", id="rupiah"),
    pytest.param("Tingkat tindak lanjut 87,5 % dari 1.250 laporan.", id="numbers"),
    pytest.param("Batas waktunya Rabu, 17 Juni 2026 pukul 16.00 WIB.", id="deadline"),
    pytest.param("Layanan dibuka pukul 08.00–16.00 WITA.", id="time-range"),
    pytest.param("Lokasi: Jl. A. Yani No. 5, Kec. Klojen, Kota Malang.", id="abbreviations"),
    pytest.param("Lihat https://kominfo.jatimprov.go.id/link/update-2026 #CekFakta", id="url-tag"),
    pytest.param("Tulis ke ppid@jatimprov.go.id atau lewat WhatsApp.", id="email-address"),
    pytest.param("Permohonan PPID/2025/0001 diterima (UU 14/2008 Pasal 22).", id="numbers-ids"),
    pytest.param("Patokan kilometer KM 12+300 di jalan provinsi.", id="km-marker"),
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_text_passes(text: str) -> None:
    assert check_text(text) == []


def test_every_rule_is_documented_and_exercised() -> None:
    exercised = {p.values[1] for p in FLAGGED} | {"long-sentence"}
    assert exercised == set(RULES)


def test_allow_leaves_a_named_word_alone() -> None:
    assert rules("Unduh formulir di menu Dashboard.") == ["english-jargon"]
    assert rules("Unduh formulir di menu Dashboard.", allow=["dashboard"]) == []


def test_jargon_suggestions_are_indonesian() -> None:
    (finding,) = check_text("Mohon update data Anda.")
    assert finding.excerpt == "update" and "'pembaruan'" in finding.message
    assert str(finding).startswith("english-jargon at 6: ")
    for english, indonesian in JARGON.items():
        assert check_text(indonesian) == [], (english, indonesian)


def test_long_sentence_names_its_length_and_start() -> None:
    text = "Singkat saja. " + " ".join(["kata"] * 30).capitalize() + "."
    (finding,) = check_text(text)
    assert finding.rule == "long-sentence" and finding.start == len("Singkat saja. ")
    assert finding.message.startswith("30 words")
    assert check_text(text, max_words=30) == []
    with pytest.raises(ValueError, match="max_words must be 1 or more"):
        check_text(text, max_words=0)


# --- sentences and words -----------------------------------------------------------------------


def test_sentences_keep_abbreviations_times_and_numbers_together() -> None:
    text = (
        "Rapat di Jl. Ir. H. Juanda No. 12 pukul 08.30 WIB membahas dana Rp1.250.000. "
        "Hadir dr. Siti dan Kec. Klojen!\nTerima kasih."
    )
    assert sentences(text) == [
        "Rapat di Jl. Ir. H. Juanda No. 12 pukul 08.30 WIB membahas dana Rp1.250.000.",
        "Hadir dr. Siti dan Kec. Klojen!",
        "Terima kasih.",
    ]


def test_words_count_numbers_as_one() -> None:
    assert words("Tingkat 87,5 % dari 1.250 laporan pukul 08.30 (desa/kelurahan, satu-dua)") == [
        "Tingkat", "87,5", "dari", "1.250", "laporan", "pukul", "08.30", "desa", "kelurahan",
        "satu-dua",
    ]  # fmt: skip


@given(
    st.lists(
        st.lists(st.sampled_from(PLAIN_WORDS), min_size=1, max_size=MAX_SENTENCE_WORDS),
        min_size=1,
        max_size=6,
    )
)
def test_short_sentences_never_count_as_long(parts: list[list[str]]) -> None:
    text = " ".join(" ".join(p).capitalize() + "." for p in parts)
    assert check_text(text) == []
    assert len(sentences(text)) == len(parts)


@given(st.integers(MAX_SENTENCE_WORDS + 1, 80), st.sampled_from(PLAIN_WORDS))
def test_a_long_sentence_is_always_found(count: int, word: str) -> None:
    text = "Pendek. " + " ".join([word] * count) + ". Pendek lagi."
    assert rules(text) == ["long-sentence"]


@given(st.text(max_size=400))
def test_any_text_gives_findings_that_point_into_it(text: str) -> None:
    for finding in check_text(text):
        assert finding.rule in RULES
        assert text[finding.start : finding.start + len(finding.excerpt)] == finding.excerpt


# --- formatters ------------------------------------------------------------------------------


@given(st.integers(0, 10**15))
def test_rupiah_is_written_the_indonesian_way(amount: int) -> None:
    text = format_rupiah(amount)
    assert text.startswith("Rp") and int(text[2:].replace(".", "")) == amount
    assert check_text(f"Biaya penyalinan {text} per berkas.") == []


@pytest.mark.parametrize("bad", [-1, 1.5, True, "600000"])
def test_rupiah_refuses_what_is_not_an_amount(bad: object) -> None:
    with pytest.raises(ValueError, match="whole number of rupiah"):
        format_rupiah(bad)  # type: ignore[arg-type]


@given(st.floats(-1e12, 1e12, allow_nan=False), st.integers(0, 3))
def test_numbers_use_dots_for_thousands_and_a_comma_for_decimals(value: float, digits: int) -> None:
    text = format_number(value, digits)
    back = float(text.replace(".", "").replace(",", "."))
    assert back == pytest.approx(round(value, digits), abs=10 ** (-digits))
    assert check_text(f"Nilainya {text} %.") == []


@given(
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2090, 12, 31)),
    st.sampled_from(ZONES),
    st.booleans(),
)
def test_dates_and_times_follow_every_rule(moment: dt.datetime, zone: str, weekday: bool) -> None:
    aware = moment.replace(tzinfo=ZoneInfo(zone))
    text = format_datetime(aware, zone, weekday=weekday)
    assert check_text(f"Batas waktunya {text}.") == []
    assert text.endswith(("WIB", "WITA", "WIT")) and " pukul " in text
    # The forms the rules exist for are always caught.
    assert "date-format" in rules(f"Batas waktunya {aware:%d/%m/%Y}.")
    assert "date-format" in rules(f"Batas waktunya {aware:%Y-%m-%d}.")
    assert "time-format" in rules(f"Dibuka pukul {aware:%H:%M} WIB.")


def test_formatters_by_example() -> None:
    wib = ZoneInfo("Asia/Jakarta")
    moment = dt.datetime(2026, 6, 17, 8, 30, tzinfo=wib)
    assert format_date(moment.date()) == "17 Juni 2026"
    assert format_date(moment.date(), weekday=True) == "Rabu, 17 Juni 2026"
    assert format_time(moment) == "pukul 08.30 WIB"
    assert format_time(moment, "Asia/Makassar") == "pukul 09.30 WITA"
    assert format_time(moment, "Asia/Jayapura") == "pukul 10.30 WIT"
    fixed = dt.timezone(dt.timedelta(hours=8))
    assert format_time(moment, fixed) == "pukul 09.30 WITA"
    assert format_time(moment, "Europe/Amsterdam") == "pukul 03.30 CEST"
    assert format_time(moment, dt.timezone(dt.timedelta(hours=5, minutes=30))) == (
        "pukul 07.00 UTC+05.30"
    )
    assert format_number(1234567.891, 1) == "1.234.567,9"
    with pytest.raises(ValueError, match="has no timezone"):
        format_datetime(dt.datetime(2026, 6, 17, 8, 30))
    with pytest.raises(ValueError, match="decimals must be 0 or more"):
        format_number(1.0, -1)


def test_docstring_examples_run() -> None:
    from lapor_sdk.plain_language import _check, _format

    for module in (plain_language, _check, _format):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0, module.__name__


def test_it_sits_at_the_bottom_of_the_import_graph() -> None:
    code = (
        "import sys, lapor_sdk.plain_language\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(('lapor_sdk', 'hoax_clinic'))"
        " or m in ('pydantic', 'sqlalchemy', 'holidays'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [
        "lapor_sdk",
        "lapor_sdk._exceptions",
        "lapor_sdk._lazy",  # the root package's lazy exports (stdlib only)
        "lapor_sdk._version",
        "lapor_sdk.plain_language",
        "lapor_sdk.plain_language._check",
        "lapor_sdk.plain_language._format",
    ]
