"""Place names that are also ordinary words count only with a marker (issue: "di pinggir").

A kecamatan/desa name that is an Indonesian root word needs a capital that is not a sentence
start, or a higher region in the text; a kabupaten/kota name made of such words likewise.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_sdk.validation import RegionLevel, extract_location, get_region
from lapor_sdk.validation._location import COMMON_WORDS, _gazetteer, _indonesian_words


def _word_districts() -> list[tuple[str, str]]:
    """(key, district code) of kecamatan whose one-word name is an Indonesian word."""
    words = _indonesian_words()
    out = []
    for key, entry in sorted(_gazetteer().items()):
        if (
            key in words
            and key not in COMMON_WORDS
            and len(key) >= 5
            and len(entry.districts) == 1
            and not entry.regencies
            and not entry.provinces
            and get_region(entry.districts[0]).name.lower() == key
        ):
            out.append((key, entry.districts[0]))
    return out


WORD_DISTRICTS = _word_districts()


def test_there_are_many_such_names() -> None:
    assert len(WORD_DISTRICTS) > 100
    assert "pinggir" in {key for key, _ in WORD_DISTRICTS}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Sampah menumpuk di pinggir sungai dekat rumah", id="di-pinggir-sungai"),
        pytest.param("air sumur warga keruh sejak seminggu", id="sumur"),
        pytest.param("paku berserakan di jalan setelah truk lewat", id="paku"),
        pytest.param("Pinggir sungai penuh sampah plastik", id="sentence-start-and-sungai-penuh"),
        pytest.param("SAMPAH DI PINGGIR SUNGAI", id="all-capitals-are-no-marker"),
        pytest.param("tanah datar di belakang sekolah jadi tempat sampah", id="tanah-datar"),
    ],
)
def test_ordinary_words_are_not_places(text: str) -> None:
    assert extract_location(text) is None


@pytest.mark.parametrize(
    ("text", "region", "district"),
    [
        pytest.param("Sampah di Pinggir, Bengkalis", "14.03", "Pinggir", id="capital"),
        pytest.param(
            "sampah di pinggir, kabupaten bengkalis", "14.03", "Pinggir", id="higher-region"
        ),
        pytest.param("Jalan rusak di Kec. pinggir", "14.03", "Pinggir", id="level-word"),
        pytest.param("jalan rusak di bobotsari", "33.03", "Bobotsari", id="not-a-word-no-marker"),
        pytest.param("banjir di Sungai Penuh", "15.72", None, id="regency-capitalised"),
        pytest.param("jalan rusak di sungai penuh jambi", "15.72", None, id="regency-province"),
    ],
)
def test_a_marker_makes_them_count(text: str, region: str, district: str | None) -> None:
    match = extract_location(text)
    assert match is not None and match.region is not None
    assert match.region.code == region
    if district is not None:
        assert match.district is not None and match.district.name == district


@given(st.sampled_from(WORD_DISTRICTS))
def test_lowercase_word_name_alone_never_decides_a_region(item: tuple[str, str]) -> None:
    key, _ = item
    assert extract_location(f"Warga mengeluh soal {key} yang rusak sejak lama") is None


@given(st.sampled_from(WORD_DISTRICTS))
def test_word_name_inside_its_named_regency_gives_the_kecamatan(item: tuple[str, str]) -> None:
    key, code = item
    district = get_region(code)
    regency = district.regency
    assert regency is not None
    level = "Kabupaten" if regency.level is RegionLevel.REGENCY else "Kota"
    bare = regency.name.split(" ", 1)[1]
    match = extract_location(f"jalan rusak di {key}, {level} {bare}")
    assert match is not None and match.region is not None
    assert match.region.code == regency.code
    assert match.district is not None and match.district.code == code
