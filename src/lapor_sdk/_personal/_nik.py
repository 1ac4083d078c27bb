"""NIK (Nomor Induk Kependudukan): the 16-digit Indonesian national identity number.

Layout: ``PP KK CC DDMMYY SSSS`` — province, kabupaten/kota, kecamatan (Kemendagri codes),
birth date with 40 added to the day for women, and a serial number.
"""

from __future__ import annotations

import datetime as dt
import gzip
from functools import cache
from importlib import resources
from typing import NamedTuple

from .._exceptions import InvalidNikError

__all__ = ["NikInfo", "validate_nik"]


@cache
def _province_codes() -> frozenset[str]:
    """Province codes of the shipped Kemendagri list (all 38; 91/92 also cover NIKs issued
    before the 2022 Papua split).

    Read from the data file the region tables of :mod:`lapor_sdk.validation` load (one
    ``code<TAB>name`` line per region; a province code has no dot), so this module, which the
    models import, needs nothing above it.
    """
    raw = resources.files("lapor_sdk").joinpath("data", "regions.tsv.gz").read_bytes()
    codes = (line.split("\t", 1)[0] for line in gzip.decompress(raw).decode("utf-8").splitlines())
    return frozenset(code for code in codes if code and "." not in code)


class NikInfo(NamedTuple):
    """What a valid NIK encodes. Personal data: never log it."""

    province_code: str
    regency_code: str
    district_code: str
    birth_date: dt.date
    female: bool
    serial: str


def validate_nik(value: str, *, today: dt.date | None = None) -> NikInfo:
    """Check a NIK and return what it encodes.

    Args:
        value: The NIK; spaces and dots are ignored.
        today: The reference date for "birth date in the future" (defaults to today).

    Returns:
        The decoded parts.

    Raises:
        InvalidNikError: The NIK is malformed. The message names the faulty part (length,
            province code, regency code, birth date, serial) but never echoes the number.

    Example:
        >>> validate_nik("3578015708900003").female
        True
    """
    if not isinstance(value, str):
        raise InvalidNikError(f"NIK must be a string, got {type(value).__name__}")
    nik = value.strip().replace(" ", "").replace(".", "")
    if len(nik) != 16 or not nik.isascii() or not nik.isdigit():
        raise InvalidNikError(
            f"NIK must be exactly 16 digits (got {len(nik)} characters"
            f"{'' if nik.isdigit() else ', not all digits'})"
        )
    province, regency, district = nik[0:2], nik[2:4], nik[4:6]
    if province not in _province_codes():
        raise InvalidNikError(
            f"NIK province code (digits 1-2) {province!r} is not a Kemendagri province code"
        )
    if regency == "00":
        raise InvalidNikError("NIK regency code (digits 3-4) cannot be 00")
    if district == "00":
        raise InvalidNikError("NIK district code (digits 5-6) cannot be 00")
    day, month, year2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    female = day > 40
    if female:
        day -= 40
    today = today or dt.date.today()
    # Two-digit years: the latest century that does not put the birth date in the future.
    year = 2000 + year2 if 2000 + year2 <= today.year else 1900 + year2
    try:
        birth = dt.date(year, month, day)
        if birth > today:
            birth = birth.replace(year=birth.year - 100)  # 29 Feb may not exist a century back
    except ValueError:
        raise InvalidNikError(
            "NIK birth date (digits 7-12, DDMMYY, day + 40 for women) is not a real date"
        ) from None
    serial = nik[12:16]
    if serial == "0000":
        raise InvalidNikError("NIK serial number (digits 13-16) cannot be 0000")
    return NikInfo(
        province_code=province,
        regency_code=f"{province}.{regency}",
        district_code=f"{province}.{regency}.{district}",
        birth_date=birth,
        female=female,
        serial=serial,
    )
