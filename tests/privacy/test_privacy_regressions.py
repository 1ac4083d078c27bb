"""Regressions found in review: phone numbers written with "00" or a lone "62" group."""

from __future__ import annotations

import pytest

from lapor_sdk.privacy import PLACEHOLDER, redact_text


@pytest.mark.parametrize(
    "phone",
    [
        pytest.param("0062 812 3456 7890", id="idd-00-spaces"),
        pytest.param("006281234567890", id="idd-00-digits"),
        pytest.param("62-812-3456-7890", id="62-dashes"),
        pytest.param("62 812 3456 7890", id="62-spaces"),
    ],
)
def test_phone_with_international_prefix_is_scrubbed(phone: str) -> None:
    out = redact_text(f"hubungi {phone} ya")
    assert out == f"hubungi {PLACEHOLDER} ya"


@pytest.mark.parametrize(
    "text",
    [
        "Rp 62.500.000",
        "anggaran Rp 62.500.000.000 tahun 2025",
        "Rp 62.123.456.789,00",
        "62 rumah di RT 03",
        "tanggal 62-12-2025",
        "ada 62 KK terdampak",
    ],
)
def test_numbers_starting_with_62_that_are_not_phones_are_kept(text: str) -> None:
    assert redact_text(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "dana desa Rp 1.062.500.000 belum cair",
        "Rp 2.081.234.567 untuk jalan",
        "anggaran 10.031.500.000 rupiah",
    ],
)
def test_rupiah_amounts_in_thousands_format_are_not_taken_for_phone_numbers(text: str) -> None:
    assert redact_text(text) == text


def test_a_phone_next_to_an_amount_is_still_scrubbed() -> None:
    out = redact_text("Rp 1.062.500.000, hubungi 0812-3456-7890")
    assert out == f"Rp 1.062.500.000, hubungi {PLACEHOLDER}"
