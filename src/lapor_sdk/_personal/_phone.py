"""Indonesian phone numbers, normalised to E.164 with ``phonenumbers``."""

from __future__ import annotations

import phonenumbers

from .._exceptions import InvalidPhoneError

__all__ = ["normalize_phone"]

_MAX_INPUT = 64


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
