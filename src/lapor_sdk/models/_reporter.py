"""The reporter (pelapor) and the redaction of their personal data."""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    AfterValidator,
    EmailStr,
    Field,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)

from .._exceptions import InvalidInputError
from .._personal._nik import validate_nik
from .._personal._phone import normalize_phone
from ._base import ValueModel

__all__ = ["PERSONAL_FIELDS", "Reporter"]


def _check_nik(value: str) -> str:
    validate_nik(value)
    return value.replace(" ", "").replace(".", "")


def _hide_email_errors(value: object, handler: ValidatorFunctionWrapHandler) -> str:
    # email-validator's reasons can quote parts of the address (a domain label, an IP
    # literal); replace them with a message that never repeats the input.
    try:
        result: str = handler(value)
    except ValidationError:
        raise InvalidInputError(
            "e-mail address is not valid; write it as name@domain.tld without spaces "
            "(check the @-sign and the domain)"
        ) from None
    return result


Phone = Annotated[str, AfterValidator(normalize_phone)]
Nik = Annotated[str, AfterValidator(_check_nik)]
Email = Annotated[EmailStr, WrapValidator(_hide_email_errors)]

#: Reporter fields that are personal data: never in repr, str, logs or error messages.
PERSONAL_FIELDS = ("name", "phone", "email", "nik", "address")


class Reporter(ValueModel):
    """A person who files a report.

    Contact fields are validated and normalised (phone to E.164, NIK checked) and never shown
    by ``repr``/``str``; validation errors do not echo them either.

    Example:
        >>> Reporter(name="Siti", phone="0812-3456-7890").phone
        '+6281234567890'
    """

    name: str | None = Field(default=None, max_length=200, repr=False)
    """Full name as given by the reporter."""
    phone: Phone | None = Field(default=None, repr=False)
    """Phone number in E.164 form (+62…)."""
    email: Email | None = Field(default=None, repr=False)
    """E-mail address."""
    nik: Nik | None = Field(default=None, repr=False)
    """Nomor Induk Kependudukan (16 digits)."""
    address: str | None = Field(default=None, max_length=500, repr=False)
    """Postal address."""
    reporter_id: str | None = Field(default=None, max_length=100)
    """Account id of the reporter in the source system, if any (not personal data)."""

    @property
    def has_contact(self) -> bool:
        """Whether the agency can reach the reporter (phone or e-mail)."""
        return bool(self.phone or self.email)

    def __repr__(self) -> str:
        shown = ", ".join(f"{f}=<redacted>" for f in PERSONAL_FIELDS if getattr(self, f))
        rid = f"reporter_id={self.reporter_id!r}" if self.reporter_id else ""
        return f"Reporter({', '.join(p for p in (rid, shown) if p)})"

    def __str__(self) -> str:
        return self.__repr__()
