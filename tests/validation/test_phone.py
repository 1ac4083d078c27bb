"""Indonesian phone numbers normalised to E.164."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_sdk import InvalidPhoneError
from lapor_sdk.validation import normalize_phone


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("0812-3456-7890", "+6281234567890", id="local-dashes"),
        pytest.param("+62 812 3456 7890", "+6281234567890", id="international-spaces"),
        pytest.param("62812 3456 7890", "+6281234567890", id="whatsapp-no-plus"),
        pytest.param("6281234567890", "+6281234567890", id="whatsapp-digits"),
        pytest.param("(031) 5678 901", "+62315678901", id="surabaya-landline"),
        pytest.param("021-5551234", "+62215551234", id="jakarta-landline"),
        pytest.param("  0857.1234.5678 ", "+6285712345678", id="dots-and-spaces"),
    ],
)
def test_valid_numbers_are_normalised(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "wording"),
    [
        pytest.param("", "empty", id="empty"),
        pytest.param("0812", "not a valid Indonesian number", id="too-short"),
        pytest.param("+1 202 555 0143", "country code +1", id="us-number"),
        pytest.param("nomor saya rahasia", "could not be read", id="words"),
        pytest.param("0" * 70, "longer than 64", id="too-long"),
    ],
)
def test_invalid_numbers_are_refused_without_echo(raw: str, wording: str) -> None:
    with pytest.raises(InvalidPhoneError) as info:
        normalize_phone(raw)
    assert wording in str(info.value)
    if len(raw) > 5:
        assert raw.strip() not in str(info.value)


def test_non_string_is_refused() -> None:
    with pytest.raises(InvalidPhoneError, match="must be a string"):
        normalize_phone(81234567890)  # type: ignore[arg-type]


_MOBILE_PREFIXES = ["811", "812", "813", "821", "822", "852", "853", "857", "878", "896", "898"]


@given(
    prefix=st.sampled_from(_MOBILE_PREFIXES),
    rest=st.text(alphabet="0123456789", min_size=7, max_size=8),
    style=st.sampled_from(["0{p}{r}", "+62 {p} {r}", "62{p}{r}", "0{p}-{r}"]),
)
def test_normalising_is_idempotent(prefix: str, rest: str, style: str) -> None:
    raw = style.format(p=prefix, r=rest)
    try:
        first = normalize_phone(raw)
    except InvalidPhoneError:
        return
    assert first.startswith("+62")
    assert normalize_phone(first) == first


@given(st.text(max_size=80))
def test_arbitrary_text_raises_only_invalid_phone(text: str) -> None:
    try:
        result = normalize_phone(text)
    except InvalidPhoneError:
        return
    assert result.startswith("+62") and result[1:].isdigit()
