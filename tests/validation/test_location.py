"""Location detection in complaint texts."""

from __future__ import annotations

import ast
import csv
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from lapor_sdk.models import Location
from lapor_sdk.validation import (
    MAX_TEXT_LENGTH,
    LocationMatch,
    RegionLevel,
    extract_location,
    get_region,
)

_TABLE = Path(__file__).resolve().parents[1] / "data" / "complaint_locations.yaml"
_CASES: list[dict[str, Any]] = yaml.safe_load(_TABLE.read_text(encoding="utf-8"))


def test_the_table_is_big_and_varied_enough() -> None:
    assert len(_CASES) >= 40
    provinces = {c["region"][:2] for c in _CASES if c.get("region")}
    assert len(provinces) >= 10
    assert sum(bool(c.get("candidates")) for c in _CASES) >= 5
    assert sum(bool(c.get("none")) for c in _CASES) >= 5


@pytest.mark.parametrize("case", _CASES, ids=[c["id"] for c in _CASES])
def test_complaint_table(case: dict[str, Any]) -> None:
    match = extract_location(case["text"])
    if case.get("none"):
        assert match is None
        return
    assert match is not None
    region = match.region.code if match.region is not None else None
    assert region == case.get("region")
    assert [c.code for c in match.candidates] == case.get("candidates", [])
    assert match.is_ambiguous is bool(case.get("candidates"))
    if "district" in case:
        assert match.district is not None and match.district.name == case["district"]
    if "village" in case:
        assert match.village is not None and match.village.name == case["village"]
    if "street" in case:
        assert match.street == case["street"]
    if "km" in case:
        assert match.km_marker == case["km"]


def test_ambiguous_match_keeps_the_province_it_shares() -> None:
    match = extract_location("Jalan rusak di Malang")
    assert match is not None and match.is_ambiguous
    assert match.region is None
    assert match.province is not None and match.province.code == "35"
    location = match.to_location()
    assert location.region_code is None
    assert location.province_code == "35"


def test_to_location_carries_everything() -> None:
    match = extract_location(
        "Jalan berlubang di Jl. Soekarno Hatta, Kec. Lowokwaru, Kota Malang "
        "https://www.google.com/maps/@-7.9425,112.6210,17z"
    )
    assert match is not None
    location = match.to_location()
    assert isinstance(location, Location)
    assert location.region_code == "35.73"
    assert location.region_name == "Kota Malang"
    assert location.province_name == "Jawa Timur"
    assert location.district == "Lowokwaru"
    assert location.street == "Jl. Soekarno Hatta"
    assert (location.latitude, location.longitude) == (-7.9425, 112.621)


def test_province_only() -> None:
    match = extract_location("Sekolah rusak di Jawa Tengah belum diperbaiki")
    assert match is not None and match.region is not None
    assert match.region.level is RegionLevel.PROVINCE
    assert match.to_location().region_code == "33"


def test_province_settles_a_name_shared_across_provinces() -> None:
    # Kota Banjar is in Jawa Barat, Kabupaten Banjar in Kalimantan Selatan.
    match = extract_location("Pasar di Kabupaten/Kota Banjar, Kalimantan Selatan becek")
    assert match is not None and match.region is not None
    assert match.region.code == "63.03"


@pytest.mark.parametrize(
    ("text", "lat", "lon"),
    [
        pytest.param("titik -7.2575, 112.7521 depan pasar", -7.2575, 112.7521, id="decimal-pair"),
        pytest.param("lokasi 112.7521, -7.2575", -7.2575, 112.7521, id="swapped-pair"),
        pytest.param(
            "https://www.google.com/maps/@-6.2088,106.8456,15z", -6.2088, 106.8456, id="maps-at"
        ),
        pytest.param("https://maps.google.com/?q=-6.9175,107.6191", -6.9175, 107.6191, id="maps-q"),
        pytest.param(
            "https://www.google.com/maps/place/X/data=!3d-0.9471!4d100.4172",
            -0.9471,
            100.4172,
            id="maps-3d4d",
        ),
        pytest.param("7°15'27.0\"S 112°45'07.6\"E", -7.2575, 112.752111, id="dms-google"),
        pytest.param("koordinat 7,2575 LS 112,7521 BT", -7.2575, 112.7521, id="ls-bt"),
        pytest.param("3.5952 LU 98.6722 BT", 3.5952, 98.6722, id="lu-bt"),
    ],
)
def test_coordinates(text: str, lat: float, lon: float) -> None:
    match = extract_location(text)
    assert match is not None
    assert match.latitude == pytest.approx(lat, abs=1e-6)
    assert match.longitude == pytest.approx(lon, abs=1e-6)
    assert match.has_precise_place


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("harga naik 1.5, 2.3 persen", id="short-decimals"),
        pytest.param("nilai 95.12345, 200.12345", id="out-of-range"),
        pytest.param("versi 1.2.3456, 7.8901", id="dotted-version"),
    ],
)
def test_numbers_that_are_not_coordinates(text: str) -> None:
    match = extract_location(text)
    assert match is None or match.latitude is None


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        pytest.param("lubang di KM 12+300 arah Tuban", "KM 12+300", id="km-plus-metres"),
        pytest.param("longsor di km.25 jalur selatan", "KM 25", id="km-dot"),
        pytest.param("Km 5 + 020 ruas tol", "KM 5+020", id="spaced-plus"),
        pytest.param("Kilometer 101 tol Cipali", "KM 101", id="kilometer-word"),
    ],
)
def test_km_markers(text: str, marker: str) -> None:
    match = extract_location(text)
    assert match is not None and match.km_marker == marker


def test_distance_is_not_a_km_marker() -> None:
    assert extract_location("jalan rusak sepanjang 5 km") is None


@pytest.mark.parametrize(
    ("text", "street"),
    [
        pytest.param("Lampu mati di Jl. Ahmad Yani No. 5", "Jl. Ahmad Yani", id="jl-dot"),
        pytest.param("Jln. Diponegoro 12 banjir", "Jl. Diponegoro", id="jln-house-number"),
        pytest.param("trotoar Jalan Gajah Mada rusak", "Jl. Gajah Mada", id="jalan-capitalised"),
        pytest.param("jalan raya kaligondang berlubang", "Jl. raya kaligondang", id="jalan-raya"),
        pytest.param("jln pengadegan arah ke pasar", "Jl. pengadegan", id="lower-case-jln"),
    ],
)
def test_streets(text: str, street: str) -> None:
    match = extract_location(text)
    assert match is not None and match.street == street


def test_the_word_jalan_alone_is_not_a_street() -> None:
    assert extract_location("jalan rusak dan berlubang sudah lama") is None


def test_text_beyond_the_cap_is_ignored() -> None:
    text = "x " * (MAX_TEXT_LENGTH // 2) + " di Kota Malang"
    assert extract_location(text) is None
    assert extract_location("di Kota Malang " + text) is not None


def test_non_string_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        extract_location(b"Kota Malang")  # type: ignore[arg-type]


@given(st.text(max_size=400))
def test_never_crashes_on_arbitrary_text(text: str) -> None:
    match = extract_location(text)
    if match is not None:
        _check_consistent(match)


_PIECES = st.sampled_from(
    [
        "di", "Kota", "Kab.", "kec", "desa", "Malang", "Jl.", "jalan", "KM", "12+300", "-7.25,",
        "112.75", "Batu", "Sby", "Purbalingga", "Jawa Timur", ",", ".", "\n", "rusak", "Lowokwaru",
        "@", "!3d", "°", "LS", "BT", "Bandung", "kelurahan", "Tembalang", "Semarang",
    ]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=30).map(" ".join))
def test_never_crashes_on_place_like_noise(text: str) -> None:
    match = extract_location(text)
    if match is not None:
        _check_consistent(match)
        match.to_location()


def _check_consistent(match: LocationMatch) -> None:
    if match.region is not None:
        assert get_region(match.region.code) == match.region
        assert not match.candidates
    if match.district is not None:
        assert match.region is not None
        assert match.district.code.startswith(match.region.code + ".")
    if match.village is not None:
        assert match.region is not None
        assert match.village.code.startswith(match.region.code + ".")
    assert len(match.candidates) != 1


def test_real_lapor_mas_bup_texts(shared_data: Path) -> None:
    """Real Lapor Mas Bup (Kab. Purbalingga) complaints; the texts are never printed."""
    path = shared_data / "lapormasbup-purbalingga" / "dataset_cleaned.csv"
    if not path.is_file():
        pytest.skip("Lapor Mas Bup data not available")
    with path.open(encoding="utf-8", newline="") as fh:
        texts = [row["text"] for row in csv.DictReader(fh)]
    assert len(texts) > 800
    naming = [t for t in texts if "purbalingga" in t.lower()]
    resolved = sum(
        1
        for t in naming
        if (m := extract_location(t)) is not None
        and m.region is not None
        and m.region.code == "33.03"
    )
    share = resolved / len(naming)
    assert share >= 0.95, f"only {share:.1%} of texts naming Purbalingga resolved to 33.03"
    # Over the whole set, most texts that resolve at all resolve to Purbalingga itself.
    regions = [m.region.code for t in texts if (m := extract_location(t)) and m.region]
    assert regions.count("33.03") / len(regions) >= 0.75


def test_a_kecamatan_name_is_not_taken_for_its_same_named_kelurahan() -> None:
    match = extract_location("Jembatan di Lowokwaru Malang retak")
    assert match is not None and match.district is not None
    assert match.district.name == "Lowokwaru"
    assert match.village is None
    assert not match.has_precise_place


def test_real_laporgub_texts_stay_in_central_java(shared_data: Path) -> None:
    """LaporGub (Jawa Tengah) complaints, stemmed tokens; a guard against false positives.

    Stemming damages some names ("Pemalang" became "malang"), so the floor is below 100 %.
    """
    path = shared_data / "laporgub-2024-2025" / "prep_2024_2025.csv"
    if not path.is_file():
        pytest.skip("LaporGub data not available")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))[1::4]  # every 4th row keeps the test short
    texts = [" ".join(ast.literal_eval(row[1])) for row in rows if len(row) > 1]
    found = [m.region for t in texts if (m := extract_location(t)) and m.region is not None]
    assert len(found) > len(texts) // 3
    in_central_java = sum(region.code.startswith("33") for region in found) / len(found)
    assert in_central_java >= 0.88, f"only {in_central_java:.1%} resolved inside Jawa Tengah"
