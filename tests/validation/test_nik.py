"""NIK: 16 digits, a real province code, a real birth date (+40 for women), a serial."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_sdk import InvalidNikError
from lapor_sdk.validation import provinces, validate_nik

TODAY = dt.date(2026, 1, 15)


def test_woman_born_17_august_1990_in_surabaya() -> None:
    info = validate_nik("3578015708900003", today=TODAY)
    assert info.female is True
    assert info.birth_date == dt.date(1990, 8, 17)
    assert (info.province_code, info.regency_code, info.district_code) == (
        "35",
        "35.78",
        "35.78.01",
    )
    assert info.serial == "0003"


def test_man_has_the_day_as_is() -> None:
    info = validate_nik("3578011708900003", today=TODAY)
    assert info.female is False
    assert info.birth_date == dt.date(1990, 8, 17)


def test_spaces_and_dots_are_ignored() -> None:
    assert validate_nik("3578.0157.0890.0003", today=TODAY).female


def test_two_digit_year_never_gives_a_future_birth_date() -> None:
    assert validate_nik("3578011003260001", today=TODAY).birth_date == dt.date(1926, 3, 10)
    assert validate_nik("3578011001250001", today=TODAY).birth_date == dt.date(2025, 1, 10)


@pytest.mark.parametrize(
    ("nik", "part"),
    [
        pytest.param("357801570890003", "exactly 16 digits", id="15-digits"),
        pytest.param("35780157089000031", "exactly 16 digits", id="17-digits"),
        pytest.param("35780157O8900003", "not all digits", id="letter-o"),
        pytest.param("9978015708900003", "province code (digits 1-2) '99'", id="province-99"),
        pytest.param("2078015708900003", "province code", id="province-20"),
        pytest.param("3500015708900003", "regency code (digits 3-4)", id="regency-00"),
        pytest.param("3578005708900003", "district code (digits 5-6)", id="district-00"),
        pytest.param("3578013102900003", "birth date (digits 7-12", id="31-february"),
        pytest.param("3578017208900003", "birth date", id="woman-day-32"),
        pytest.param("3578010013900003", "birth date", id="month-13"),
        pytest.param("3578015708900000", "serial number (digits 13-16)", id="serial-0000"),
    ],
)
def test_errors_name_the_faulty_part_and_never_the_number(nik: str, part: str) -> None:
    with pytest.raises(InvalidNikError) as info:
        validate_nik(nik, today=TODAY)
    message = str(info.value)
    assert part in message
    assert nik not in message


def test_all_38_province_codes_are_accepted() -> None:
    for province in provinces():
        assert validate_nik(f"{province.code}01011708900001", today=TODAY).province_code == (
            province.code
        )


@st.composite
def valid_niks(draw: st.DrawFn) -> tuple[str, dt.date, bool]:
    province = draw(st.sampled_from([p.code for p in provinces()]))
    regency = draw(st.integers(1, 99))
    district = draw(st.integers(1, 99))
    # Two-digit years only say which century within the last 100 years.
    birth = draw(st.dates(min_value=dt.date(TODAY.year - 99, 1, 1), max_value=TODAY))
    female = draw(st.booleans())
    serial = draw(st.integers(1, 9999))
    day = birth.day + (40 if female else 0)
    nik = (
        f"{province}{regency:02d}{district:02d}{day:02d}{birth.month:02d}{birth.year % 100:02d}"
        f"{serial:04d}"
    )
    return nik, birth, female


@given(valid_niks())
def test_generated_valid_niks_always_validate(case: tuple[str, dt.date, bool]) -> None:
    nik, birth, female = case
    info = validate_nik(nik, today=TODAY)
    assert info.birth_date == birth
    assert info.female is female
    assert info.province_code == nik[:2]


@given(st.text(alphabet="0123456789", min_size=16, max_size=16))
def test_any_16_digits_validate_or_raise_invalid_nik(nik: str) -> None:
    try:
        info = validate_nik(nik, today=TODAY)
    except InvalidNikError as exc:
        assert nik not in str(exc)
        return
    assert info.birth_date <= TODAY
