"""Raw text into tokens: placeholders, slang, stop words and stems."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_sdk.triage import basic_tokens, parse_tokens, stemmed_tokens


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        pytest.param(
            "hub 0812-3456-7890 / +62 857 1234 5678", ["hub", "phone", "phone"], id="phones"
        ),
        pytest.param("kirim ke warga@example.org", ["kirim", "ke", "email"], id="email"),
        pytest.param("lihat https://lapor.go.id/x?y=1", ["lihat", "url"], id="url"),
        pytest.param(
            "pungutan Rp 150.000 dan 20%",
            ["pungutan", "money", "dan", "percent"],
            id="money-percent",
        ),
        pytest.param(
            "RT03RW05 no 12", ["rt", "number", "rw", "number", "no", "number"], id="digits"
        ),
        pytest.param(
            "NIK [NIK] telp [TELP]", ["nik", "number", "telp", "phone"], id="redaction-marks"
        ),
        pytest.param("yg sdh tdk jln", ["yang", "sudah", "tidak", "jalan"], id="slang"),
        pytest.param("@bupati tolong", ["user", "tolong"], id="mention"),
    ],
)
def test_basic_tokens(text: str, tokens: list[str]) -> None:
    assert basic_tokens(text) == tokens


def test_stemmed_tokens_take_the_laporgub_form() -> None:
    assert stemmed_tokens("Mohon perbaikan jln yg berlubang di Kec. Bobotsari") == [
        "mohon",
        "baik",
        "jalan",
        "lubang",
        "camat",
        "bobotsari",
    ]
    # Stop words and single letters go; digits become "number".
    assert stemmed_tokens("Saya dan dia di RT 3 a") == ["rt", "number"]
    assert stemmed_tokens("") == []


def test_parse_tokens_reads_list_literals_and_plain_tokens() -> None:
    assert parse_tokens("['lampu', 'jalan', \"mati\"]") == ["lampu", "jalan", "mati"]
    assert parse_tokens("  Lampu jalan  mati ") == ["lampu", "jalan", "mati"]
    assert parse_tokens("[]") == []


@given(st.text(max_size=300))
def test_any_text_gives_lower_case_ascii_words(text: str) -> None:
    for token in stemmed_tokens(text):
        assert token.isascii() and token.isalpha() and token == token.lower()
    for token in basic_tokens(text):
        assert token.isascii() and token.isalpha()
