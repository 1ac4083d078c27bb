"""The shipped Kemendagri region list: counts, code format, lookups by code and by name."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_sdk import UnknownRegionError
from lapor_sdk.validation import (
    Region,
    RegionLevel,
    find_regions,
    get_region,
    normalize_region_code,
    provinces,
    regencies,
    regions,
    validate_region_code,
)

_CODE_FORMAT = {
    RegionLevel.PROVINCE: r"\d{2}",
    RegionLevel.REGENCY: r"\d{2}\.\d{2}",
    RegionLevel.CITY: r"\d{2}\.\d{2}",
    RegionLevel.DISTRICT: r"\d{2}\.\d{2}\.\d{2}",
    RegionLevel.VILLAGE: r"\d{2}\.\d{2}\.\d{2}\.\d{4}",
}


def test_38_provinces() -> None:
    found = provinces()
    assert len(found) == 38
    assert {p.code for p in found} >= {"11", "31", "35", "91", "96"}
    assert get_region("35").name == "Jawa Timur"


def test_514_kabupaten_kota_416_kabupaten_and_98_kota() -> None:
    found = regencies()
    assert len(found) == 514
    assert sum(r.level is RegionLevel.REGENCY for r in found) == 416
    assert sum(r.level is RegionLevel.CITY for r in found) == 98
    assert all(r.name.startswith("Kabupaten ") for r in found if r.level is RegionLevel.REGENCY)
    assert all(r.name.startswith("Kota ") for r in found if r.level is RegionLevel.CITY)


def test_7285_kecamatan_and_every_code_well_formed() -> None:
    every = list(regions)
    districts = [r for r in every if r.level is RegionLevel.DISTRICT]
    assert len(districts) == 7285
    for region in every:
        assert re.fullmatch(_CODE_FORMAT[region.level], region.code), region.code
        assert region.name == region.name.strip() and region.name
        if region.parent is not None:
            assert region.code.startswith(region.parent.code + ".")


def test_villages_load_on_demand() -> None:
    village = get_region("35.73.05.1001")
    assert village.level is RegionLevel.VILLAGE
    assert village.is_kelurahan
    assert village.parent == get_region("35.73.05")
    assert village.province.code == "35"
    assert village.full_name.endswith("Lowokwaru, Kota Malang, Jawa Timur")
    children = regions.children("33.03.16")  # Kec. Pengadegan, Purbalingga
    assert children and all(c.level is RegionLevel.VILLAGE for c in children)
    assert any(c.name == "Tetel" for c in children)


def test_regencies_of_one_province() -> None:
    jatim = regencies("35")
    assert len(jatim) == 38
    assert get_region("35.78") in jatim
    with pytest.raises(UnknownRegionError, match="not a province code; use '35'"):
        regencies("35.78")


def test_region_is_a_frozen_value() -> None:
    region = get_region("35.78")
    assert region == Region("35.78", "anything", RegionLevel.CITY)
    with pytest.raises(AttributeError):
        region.name = "Kota Pahlawan"  # type: ignore[misc]
    assert region.province.name == "Jawa Timur"
    assert region.parent == region.province
    assert region.regency == region


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("35.78", "Kota Surabaya"),
        ("3578", "Kota Surabaya"),
        ("35.07", "Kabupaten Malang"),
        ("35.73", "Kota Malang"),
        ("31.74", "Kota Administrasi Jakarta Selatan"),
        ("357305", "Lowokwaru"),
    ],
)
def test_lookup_by_code(code: str, name: str) -> None:
    assert regions.get(code).name == name
    assert validate_region_code(code).name == name


@pytest.mark.parametrize(
    ("code", "wording"),
    [
        pytest.param(
            "35.99", "Jawa Timur (35) exists but has no such subdivision", id="no-regency"
        ),
        pytest.param("99", "province codes run from 11 (Aceh) to 96", id="no-province"),
        pytest.param("35-78", "write it as PP, PP.KK", id="malformed"),
        pytest.param("35.7", "write it as PP, PP.KK", id="short-segment"),
        pytest.param("35.73.05.9999", "Lowokwaru (35.73.05) exists", id="no-village"),
    ],
)
def test_unknown_codes_have_helpful_messages(code: str, wording: str) -> None:
    with pytest.raises(UnknownRegionError) as info:
        regions.get(code)
    assert wording in str(info.value)
    assert isinstance(info.value, ValueError)


def test_normalize_region_code() -> None:
    assert normalize_region_code("3578011001") == "35.78.01.1001"
    assert "35.78" in regions
    assert "35.99" not in regions


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        pytest.param("Malang", ["35.07", "35.73"], id="malang-both"),
        pytest.param("Kab. Malang", ["35.07"], id="kab-dot"),
        pytest.param("Kabupaten Malang", ["35.07"], id="kabupaten"),
        pytest.param("Kota Malang", ["35.73"], id="kota"),
        pytest.param("kodya malang", ["35.73"], id="kodya"),
        pytest.param("Kab Mlg", ["35.07"], id="kab-abbrev"),
        pytest.param("Kota Sby", ["35.78"], id="kota-sby"),
        pytest.param("SURABAYA", ["35.78"], id="upper-case"),
        pytest.param("Jkt", ["31"], id="jkt"),
        pytest.param("Jaksel", ["31.74"], id="jaksel"),
        pytest.param("Jakpus", ["31.71"], id="jakpus"),
        pytest.param("Smg", ["33.22", "33.74"], id="smg"),
        pytest.param("Bdg", ["32.04", "32.73"], id="bdg"),
        pytest.param("DIY", ["34"], id="diy"),
        pytest.param("Jogja", ["34", "34.71"], id="jogja"),
        pytest.param("Yogya", ["34", "34.71"], id="yogya"),
        pytest.param("Jatim", ["35"], id="jatim"),
        pytest.param("Sumatra Utara", ["12"], id="sumatra-spelling"),
        pytest.param("Gunung Kidul", ["34.03"], id="spacing"),
        pytest.param("toli toli", ["72.04"], id="hyphen"),
        pytest.param("Solo", ["33.72"], id="solo"),
        pytest.param("Kota Adm. Jakarta Selatan", ["31.74"], id="kota-administrasi"),
        pytest.param("Kec. Lowokwaru", ["35.73.05"], id="kecamatan-prefix"),
        pytest.param("Gorontalo", ["75", "75.01", "75.71"], id="province-and-two"),
        pytest.param("Atlantis", [], id="unknown"),
        pytest.param("...", [], id="punctuation-only"),
    ],
)
def test_find_by_name(name: str, codes: list[str]) -> None:
    assert [r.code for r in find_regions(name)] == codes


def test_find_with_levels() -> None:
    found = find_regions("Batu", levels=[RegionLevel.DISTRICT])
    assert [r.code for r in found] == ["35.79.01"]
    assert [r.code for r in find_regions("Batu")] == ["35.79"]


def test_overlong_name_is_refused() -> None:
    with pytest.raises(UnknownRegionError, match="longer than 200"):
        find_regions("a" * 201)


@given(st.text(max_size=200))
def test_find_regions_never_crashes(name: str) -> None:
    for region in find_regions(name):
        assert region.level in RegionLevel


def test_level_labels() -> None:
    assert get_region("35.73.05.1001").level_label == "Kelurahan"
    assert get_region("33.03.16.2009").level_label == "Desa"
    assert get_region("35.07").level_label == "Kabupaten"
