"""Indonesian phone numbers normalised to E.164."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
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
        pytest.param("nomor saya rahasia", "contains letters", id="words"),
        pytest.param("++62", "could not be read", id="unreadable"),
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


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("0812-3456-ABCD", id="keypad-letters-at-the-end"),
        pytest.param("0812-3456-789O", id="letter-o-for-zero"),
        pytest.param("0812-3456-789l", id="letter-l-for-one"),
        pytest.param("O812 3456 7890", id="letter-o-at-the-start"),
        pytest.param("+62 812 FLOWERS", id="vanity-number"),
        pytest.param("021-5551234 ext. 12", id="extension-marker"),
        pytest.param("(021) 5551234 psw 12", id="pesawat-extension"),
        pytest.param("0812 3456 7890 (WA)", id="note-after-the-number"),
        pytest.param("Pak RT 0812 3456 7890", id="name-before-the-number"),
        pytest.param("0812\u200b3456\u00e97890", id="non-ascii-letter"),
    ],
)
def test_letters_are_refused_not_read_as_keypad_digits(raw: str) -> None:
    # phonenumbers reads A-Z as the keys they sit on (ABC=2 ... WXYZ=9): "0812-3456-ABCD"
    # would silently become +6281234562223, somebody else's number. No letter is accepted,
    # not even an extension marker: E.164 has no extension, so it would be dropped unseen.
    with pytest.raises(InvalidPhoneError, match="contains letters") as info:
        normalize_phone(raw)
    assert raw.strip() not in str(info.value)
    assert "3456" not in str(info.value)


_NUMBER_LIKE = st.text(alphabet="0123456789 +-().", max_size=30)


@given(
    before=_NUMBER_LIKE,
    letter=st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
    after=_NUMBER_LIKE,
)
def test_any_input_with_an_ascii_letter_is_refused(before: str, letter: str, after: str) -> None:
    with pytest.raises(InvalidPhoneError) as info:
        normalize_phone(before + letter + after)
    if len(before + after) > 5:
        assert (before + letter + after).strip() not in str(info.value)


@given(
    prefix=st.sampled_from(_MOBILE_PREFIXES),
    rest=st.text(alphabet="0123456789", min_size=7, max_size=8),
    position=st.integers(min_value=0, max_value=13),
    letter=st.characters(categories=["Lu", "Ll", "Lo"]),
)
def test_a_valid_number_with_any_letter_in_it_is_refused(
    prefix: str, rest: str, position: int, letter: str
) -> None:
    raw = f"0{prefix}{rest}"
    raw = raw[:position] + letter + raw[position:]
    with pytest.raises(InvalidPhoneError, match="contains letters"):
        normalize_phone(raw)


def test_a_reporter_with_letters_in_the_phone_is_refused_without_echo() -> None:
    from pydantic import ValidationError

    from lapor_sdk.models import Reporter

    assert Reporter(phone="0812-3456-7890").phone == "+6281234567890"
    with pytest.raises(ValidationError, match="contains letters") as info:
        Reporter(phone="0812-3456-ABCD")
    assert "3456" not in str(info.value).replace("input_value='0812-3456-ABCD'", "")


def test_intake_keeps_the_draft_and_warns_when_the_sender_has_letters() -> None:
    import datetime as dt

    from lapor_sdk.intake import from_message, from_whatsapp_export

    at = dt.datetime(2025, 3, 3, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    draft = from_message("Jalan rusak di Kota Malang", sender="0812-3456-ABCD", received_at=at)
    assert draft.complaint.reporter is None
    assert any("sender phone number is not a valid" in w for w in draft.warnings)
    good = from_message("Jalan rusak di Kota Malang", sender="0812-3456-7890", received_at=at)
    assert good.complaint.reporter is not None
    assert good.complaint.reporter.phone == "+6281234567890"
    # An export author with letters is a contact name, never a number read off the keypad.
    chat = "03/03/25 09.15 - Pak RT 0812 3456 ABCD: Jalan rusak di Kota Malang\n"
    (only,) = from_whatsapp_export(chat, tz="Asia/Jakarta")
    reporter = only.complaint.reporter
    assert reporter is not None and reporter.phone is None
    assert reporter.name == "Pak RT 0812 3456 ABCD"


@settings(max_examples=1500)
@given(
    st.one_of(
        st.from_regex(r"\+62[0-9]{5,15}", fullmatch=True),
        st.from_regex(r"\+628[1-9][0-9]{7,10}", fullmatch=True),  # mostly valid mobiles
        st.from_regex(r"\+62(21|31|22|274|61|619)[0-9]{4,9}", fullmatch=True),  # landlines
        st.from_regex(r"\+62(800|177|809|804|1500|8071|001|007)[0-9]{2,12}", fullmatch=True),
    )
)
def test_the_canonical_fast_path_agrees_with_the_full_reading(number: str) -> None:
    """Numbers already in E.164 skip ``phonenumbers.parse``; the answer must not change."""
    from lapor_sdk._personal._phone import _normalize

    try:
        expected: str | None = _normalize(number)
    except InvalidPhoneError:
        expected = None
    try:
        got: str | None = normalize_phone(number)
    except InvalidPhoneError:
        got = None
    assert got == expected


@pytest.mark.parametrize(
    "number", ["+6281234567890", "+62315678901", "+628123", "+6200812345678", "+62812345678901234"]
)
def test_the_fast_path_on_known_numbers(number: str) -> None:
    from lapor_sdk._personal._phone import _normalize

    try:
        expected: str | None = _normalize(number)
    except InvalidPhoneError:
        expected = None
    try:
        got: str | None = normalize_phone(number)
    except InvalidPhoneError:
        got = None
    assert got == expected
