"""Indonesian phone numbers, normalised to E.164 with ``phonenumbers``."""

from __future__ import annotations

import functools
import re

import phonenumbers
from phonenumbers.phonemetadata import PhoneMetadata

from .._exceptions import InvalidPhoneError

__all__ = ["normalize_phone"]

_MAX_INPUT = 64
#: A number already in the E.164 form this module returns (what every stored report and every
#: API answer holds): checked without ``phonenumbers.parse``, which costs most of the time.
_CANONICAL = re.compile(r"\+62[1-9][0-9]{6,12}")


def normalize_phone(value: str) -> str:
    """Return an Indonesian phone number in E.164 form.

    Accepts the ways Indonesians write numbers: ``0812-3456-7890``, ``+62 812 3456 7890``,
    ``62812…`` and ``(031) 5678 901``. A number with a letter in it is refused, whatever the
    letter: ``phonenumbers`` would read letters as the keypad digits they share a key with
    (``0812-3456-ABCD`` would become ``+6281234562223``, somebody else's number), and an
    extension (``ext. 12``, ``psw. 12``) has no place in E.164, so it would be dropped unseen.

    Args:
        value: The number as written.

    Returns:
        The number as ``+62…``.

    Raises:
        InvalidPhoneError: The value is not a valid Indonesian number. The message never repeats
            the number itself. Letters, an extension included, are refused.

    Example:
        >>> normalize_phone("0812-3456-7890")
        '+6281234567890'
    """
    if isinstance(value, str) and _CANONICAL.fullmatch(value):
        national = value[3:]
        patterns = _valid_id_patterns().get(len(national))
        if patterns is not None and all(p.fullmatch(national) for p in patterns):
            return value
    return _normalize(value)


@functools.cache
def _valid_id_patterns() -> dict[int, tuple[re.Pattern[str], re.Pattern[str]]]:
    """By length of the national number: the pattern every Indonesian number matches, and one
    alternation of the patterns of the number types (mobile, fixed line, toll free, ...).

    ``phonenumbers.is_valid_number`` is exactly "matches the general pattern and one type's"
    (each with its possible lengths); it tries the types one by one through Python wrappers,
    which made it most of the cost of reading a report. Built once from the same metadata.
    """
    meta = PhoneMetadata.metadata_for_region("ID")
    if meta is None or meta.general_desc is None or not meta.general_desc.possible_length:
        return {}
    general = meta.general_desc
    descs = [
        meta.premium_rate,
        meta.toll_free,
        meta.shared_cost,
        meta.voip,
        meta.personal_number,
        meta.pager,
        meta.uan,
        meta.voicemail,
        meta.fixed_line,
    ]
    if not meta.same_mobile_and_fixed_line_pattern:
        descs.append(meta.mobile)
    table: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}
    for length in general.possible_length:
        parts = [
            d.national_number_pattern
            for d in descs
            if d is not None
            and d.national_number_pattern
            and (not d.possible_length or length in d.possible_length)
        ]
        if parts and general.national_number_pattern:
            table[length] = (
                re.compile(general.national_number_pattern),
                re.compile("|".join(f"(?:{p})" for p in parts)),
            )
    return table


def _normalize(value: str) -> str:
    """The full reading of :func:`normalize_phone` (every written form, every check)."""
    if not isinstance(value, str):
        raise InvalidPhoneError(f"phone number must be a string, got {type(value).__name__}")
    text = value.strip()
    if not text:
        raise InvalidPhoneError("phone number is empty; give a number such as 0812…")
    if len(text) > _MAX_INPUT:
        raise InvalidPhoneError(f"phone number is longer than {_MAX_INPUT} characters")
    if any(ch.isalpha() for ch in text):
        raise InvalidPhoneError(
            "phone number contains letters (a mistyped digit, a note, or an extension such as "
            "'ext.'); write digits only: 08…, +62… or 62…"
        )
    digits = "".join(ch for ch in text if ch.isdigit())
    # "0062…" is the international dialling prefix used from Indonesian phones: it means "+62…".
    if not text.startswith("+") and digits.startswith("0062"):
        text = "+" + digits[2:]
    # "62812…" without a plus is common in WhatsApp exports; phonenumbers would read it as local.
    elif not text.startswith("+") and digits.startswith("62") and not digits.startswith("620"):
        text = "+" + digits
    try:
        parsed = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneError(
            "phone number could not be read; write it as 08…, +62… or 62…"
        ) from exc
    if parsed.country_code != 62:
        raise InvalidPhoneError(
            f"phone number has country code +{parsed.country_code}; only Indonesian (+62) "
            "numbers are accepted"
        )
    if not phonenumbers.is_valid_number(parsed):
        raise InvalidPhoneError(
            f"phone number is not a valid Indonesian number ({len(digits)} digits); check for a "
            "missing or extra digit"
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
