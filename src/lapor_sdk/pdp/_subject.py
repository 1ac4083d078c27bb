"""The data subject a request is about, found by NIK, phone number or e-mail address."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Self

from pydantic import Field, model_validator

from ..models import Reporter
from ..models._base import ValueModel
from ..models._reporter import Email, Nik, Phone

__all__ = ["DataSubject"]

_IDENTIFIERS = ("nik", "phone", "email")
_WORDS = re.compile(r"[\s_.\-]+")


def _digits(text: str) -> str:
    """A phone number or NIK as digits, phone numbers as 62… (``0812…``, ``+62 812…``)."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits.startswith("0062"):
        return digits[2:]
    if digits.startswith("0") and not digits.startswith("00"):
        return "62" + digits[1:]
    return digits


def _words(text: str) -> str:
    return " ".join(w for w in _WORDS.split(text.casefold()) if w)


class DataSubject(ValueModel):
    """Who a request is about: at least one of NIK, phone number, e-mail address.

    The values are validated and normalised like a :class:`~lapor_sdk.models.Reporter`'s
    (phone to E.164), never shown by ``repr``/``str``, and never echoed by validation errors.
    ``name`` and ``address`` do not find anyone (two people share a name); when given they are
    scrubbed from free texts too on erasure.

    Example:
        >>> s = DataSubject(phone="0812-3456-7890")
        >>> s.phone, s
        ('+6281234567890', DataSubject(phone=<redacted>))
    """

    nik: Nik | None = Field(default=None, repr=False)
    """Nomor Induk Kependudukan (16 digits)."""
    phone: Phone | None = Field(default=None, repr=False)
    """Phone number (normalised to E.164)."""
    email: Email | None = Field(default=None, repr=False)
    """E-mail address."""
    name: str | None = Field(default=None, max_length=200, repr=False)
    """Full name, only to scrub from texts (never used to find records)."""
    address: str | None = Field(default=None, max_length=500, repr=False)
    """Postal address, only to scrub from texts."""

    @model_validator(mode="after")
    def _one_identifier(self) -> Self:
        if not any(getattr(self, f) for f in _IDENTIFIERS):
            raise ValueError("a data subject needs a NIK, a phone number or an e-mail address")
        return self

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{f}=<redacted>" for f in (*_IDENTIFIERS, "name", "address") if getattr(self, f)
        )
        return f"DataSubject({shown})"

    def __str__(self) -> str:
        return self.__repr__()

    @property
    def identified_by(self) -> tuple[str, ...]:
        """Which identifiers were given (``("nik", "phone")``), without their values."""
        return tuple(f for f in _IDENTIFIERS if getattr(self, f))

    def matches(self, person: Reporter | dict[str, Any] | None) -> bool:
        """Tell whether ``person`` (a reporter, requester, or its JSON) is this subject."""
        if person is None:
            return False
        get = person.get if isinstance(person, dict) else lambda f: getattr(person, f, None)
        if self.nik and get("nik") == self.nik:
            return True
        if self.phone and get("phone") == self.phone:
            return True
        email = get("email")
        return bool(self.email and isinstance(email, str) and email.lower() == self.email.lower())

    def owns(self, match: str, people: Sequence[Reporter] = ()) -> bool:
        """Tell whether ``match`` (a phone number, NIK, e-mail address or name the redaction
        found in a text) is this subject's own, or one of ``people``'s (their records)."""
        persons: list[Any] = [self, *people]
        if "@" in match:
            return any(
                isinstance(p.email, str) and p.email.lower() == match.lower() for p in persons
            )
        digits = _digits(match)
        if len(digits) >= 8:
            return any(digits in (_digits(p.nik or ""), _digits(p.phone or "")) for p in persons)
        words = _words(match)
        return bool(words) and any(
            words in (_words(p.name or ""), _words(getattr(p, "address", None) or ""))
            for p in persons
        )

    def known(self, person: Reporter | None = None) -> list[str]:
        """The strings to scrub from texts: this subject's values and ``person``'s own."""
        values = [getattr(self, f) for f in (*_IDENTIFIERS, "name", "address")]
        if person is not None:
            values += [getattr(person, f, None) for f in ("name", "phone", "email", "nik")]
            values += [getattr(person, "address", None), getattr(person, "occupation", None)]
        out: list[str] = []
        for value in values:
            if isinstance(value, str) and value and value not in out:
                out.append(value)
                if value.startswith("+62"):  # as people write it: 0812…
                    out.append("0" + value[3:])
        return out
