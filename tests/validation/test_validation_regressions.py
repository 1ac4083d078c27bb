"""Regressions found in review: international-prefix phone numbers and NIK leap days."""

from __future__ import annotations

import datetime as dt

import pytest

from lapor_sdk import InvalidNikError
from lapor_sdk.validation import normalize_phone, validate_nik


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("0062 812 3456 7890", id="idd-00-spaces"),
        pytest.param("0062-812-3456-7890", id="idd-00-dashes"),
        pytest.param("006281234567890", id="idd-00-digits"),
    ],
)
def test_international_dialling_prefix_00_is_read_as_plus(raw: str) -> None:
    # "00" is the international dialling prefix used from Indonesian phones: 0062… == +62….
    assert normalize_phone(raw) == "+6281234567890"


def test_leap_day_nik_that_would_fall_in_1900_is_an_invalid_nik_not_a_crash() -> None:
    # 29-02-(19)00 does not exist (1900 is not a leap year) and 29-02-2000 is still in the
    # future on 15 Jan 2000: the NIK is invalid, reported as InvalidNikError.
    for nik in ("3578012902000003", "3578016902000003"):
        with pytest.raises(InvalidNikError, match="birth date"):
            validate_nik(nik, today=dt.date(2000, 1, 15))


def test_leap_day_nik_in_a_leap_century_year_still_validates() -> None:
    info = validate_nik("3578016902000003", today=dt.date(2000, 3, 1))
    assert info.birth_date == dt.date(2000, 2, 29)
    assert info.female
