"""The 3-gram cosine signal, the organisation guard, and search agreeing with brute force.

All texts are synthetic, written for these tests in the shape of real chain messages.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoax_clinic.matching import DEFAULT_THRESHOLD, ClaimIndex, normalize, score
from hoax_clinic.matching._score import conflicts, gram_cosine, signature

MANDIRI = (
    "Gebyar undian Bank Mandiri 2026 untuk nasabah yang sudah pakai mobile banking, ayo daftar "
    "dan menangkan mobil, motor dan emas, klik tombol daftar di bawah"
)


def _conflicts(a: str, b: str) -> list[str]:
    return conflicts(signature(normalize(a), a), signature(normalize(b), b))


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(
            "Program panen hadiah 2026 untuk semua nasabah Bank Syariah Indonesia yang sudah "
            "pakai mobile banking, ayo daftar dan menangkan umroh, mobil dan motor, klik link "
            "di bawah",
            id="bank-after-marker",
        ),
        pytest.param(
            "Gebyar undian BNI 2026 khusus nasabah yang sudah pakai mobile banking BNI, ayo "
            "daftar dan menangkan mobil, motor dan emas, klik tombol daftar di bawah",
            id="known-bank",
        ),
    ],
)
def test_the_same_scam_template_for_another_bank_is_not_attached(other: str) -> None:
    assert "organisation" in _conflicts(MANDIRI, other)
    assert score(MANDIRI, other) < DEFAULT_THRESHOLD


def test_the_same_bank_reworded_is_still_attached() -> None:
    other = (
        "Khusus nasabah Bank Mandiri yang sudah pakai mobile banking: gebyar undian 2026 hadir "
        "lagi, daftar sekarang dan menangkan mobil, motor, emas lewat tombol di bawah"
    )
    assert "organisation" not in _conflicts(MANDIRI, other)
    assert score(MANDIRI, other) >= DEFAULT_THRESHOLD


def test_a_bank_named_on_one_side_only_is_not_a_conflict() -> None:
    assert "organisation" not in _conflicts(MANDIRI, "Gebyar undian 2026 untuk nasabah, ayo daftar")


_WORDS = st.text(alphabet="abcdeiklmnoprstu", min_size=1, max_size=9)
_TEXTS = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join)


@given(_TEXTS, _TEXTS)
def test_gram_cosine_is_a_symmetric_similarity(a: str, b: str) -> None:
    value = gram_cosine(a, b)
    assert 0.0 <= value <= 100.0 + 1e-9
    assert value == pytest.approx(gram_cosine(b, a))
    assert gram_cosine(a, a) == pytest.approx(100.0)


def test_gram_cosine_of_texts_without_a_shared_gram_is_zero() -> None:
    assert gram_cosine("abc abd", "xyz xyw") == 0.0
    assert gram_cosine("", "abc") == 0.0


def test_gram_cosine_credits_affixed_forms_of_a_word() -> None:
    assert gram_cosine("mundur", "pengunduran") > gram_cosine("mundur", "penerbangan")


CORPUS = {
    "mandiri": MANDIRI,
    "bni": MANDIRI.replace("Bank Mandiri", "BNI"),
    "sleman": "Pemkab Sleman membagikan bansos Rp600.000 per KK mulai 17 Juni 2026",
    "bantul": "Pemkab Bantul membagikan bansos Rp600.000 per KK mulai 17 Juni 2026",
    "mundur": "Menteri Pertanian serahkan surat pengunduran diri ke Presiden",
    "pupuk": "Menteri Pertanian resmikan pabrik pupuk baru di Gresik",
    "beras": "Menteri Pertanian resmi impor beras dari Vietnam",
    "gempa": "Gempa magnitudo 8,9 akan mengguncang Jakarta malam ini pukul 22.00 WIB",
}


@pytest.mark.parametrize(
    "query",
    [
        "undian bank mandiri 2026 daftar sekarang menang mobil",
        "pemkab sleman bagi bansos 600rb",
        "Menteri Pertanian resmi mundur dari kabinet",
        "menteri pertanian impor beras",
        "gempa jakarta malam ini",
    ],
)
def test_search_scores_like_pairwise_score_with_the_index_word_rarity(query: str) -> None:
    index = ClaimIndex.from_pairs(CORPUS.items())
    found = index.search(query, limit=3)
    rarity = index._rarity()
    for match in found:
        assert match.score == pytest.approx(score(query, CORPUS[match.claim_id], rarity=rarity))
    attach = [m for m in found if m.score >= index.model.threshold]
    assert found[: len(attach)] == attach  # claims to attach to come first, best first
    assert [m.score for m in attach] == sorted((m.score for m in attach), reverse=True)
    best = max(CORPUS, key=lambda cid: score(query, CORPUS[cid], rarity=rarity))
    if score(query, CORPUS[best], rarity=rarity) >= index.model.threshold:
        assert found[0].claim_id == best


def test_scores_survive_compaction_and_replacement() -> None:
    index = ClaimIndex.from_pairs(CORPUS.items())
    for i in range(2100):
        index.add(f"n{i}", f"warga desa nomor {i} menerima bantuan beras {i % 7} karung")
    for i in range(2100):
        index.remove(f"n{i}")  # more than half the slots dead: the index compacts itself
    index.add("beras", "Menteri Pertanian resmi impor beras dari Vietnam dan Thailand")
    texts = {**CORPUS, "beras": "Menteri Pertanian resmi impor beras dari Vietnam dan Thailand"}
    query = "Menteri Pertanian resmi mundur dari kabinet"
    found = index.search(query, limit=4)
    assert found
    for match in found:
        expected = score(query, texts[match.claim_id], rarity=index._rarity())
        assert match.score == pytest.approx(expected)
