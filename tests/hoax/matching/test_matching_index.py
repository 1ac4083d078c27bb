"""ClaimIndex behaviour: add/replace/remove, ordering, self-match, score properties."""

from __future__ import annotations

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from hoax_clinic import _exceptions as errors
from hoax_clinic.matching import DEFAULT_THRESHOLD, ClaimIndex, MatchScore, normalize, score
from hoax_clinic.matching._index import features

CLAIMS = {
    "gempa": "Gempa magnitudo 8,9 akan mengguncang Jakarta malam ini pukul 22.00 WIB",
    "listrik": "PLN memadamkan listrik se-Jawa Bali selama 3 hari mulai 12 Agustus 2026",
    "undian": "Selamat! Nomor Anda memenangkan undian BRI Rp100 juta, klik link ini",
    "rokok": "Filter rokok mengandung darah babi menurut profesor Australia",
}


def _index() -> ClaimIndex:
    return ClaimIndex.from_pairs(CLAIMS.items())


def test_search_returns_best_first_with_scores_in_range() -> None:
    results = _index().search("selamat nomor anda menang undian BRI 100jt di jakarta", limit=3)
    assert len(results) == 2  # only claims sharing a word come back: "undian" and "gempa"
    assert results[0] == MatchScore("undian", results[0].score)
    assert results[0].score >= DEFAULT_THRESHOLD
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)
    assert all(0.0 <= r.score <= 1.0 for r in results)


def test_search_score_equals_pairwise_score() -> None:
    query = "FILTER ROKOK ADA DARAH BABI!!! sebarkan"
    index = _index()
    best = index.search(query, limit=1)[0]
    assert best.claim_id == "rokok"
    assert best.score == pytest.approx(score(query, CLAIMS["rokok"], rarity=index._rarity()))


def test_add_replaces_and_remove_forgets() -> None:
    index = _index()
    assert len(index) == 4
    index.add("rokok", "Harga rokok naik Rp5.000 per bungkus mulai Januari 2027")
    assert len(index) == 4
    assert index.search("filter rokok mengandung darah babi", limit=1)[0].score < DEFAULT_THRESHOLD
    index.remove("gempa")
    assert len(index) == 3 and "gempa" not in index
    assert all(r.claim_id != "gempa" for r in index.search(CLAIMS["gempa"], limit=5))
    with pytest.raises(errors.ClaimNotFoundError, match="'gempa' is not in the index"):
        index.remove("gempa")


def test_many_removals_compact_and_keep_results() -> None:
    index = ClaimIndex()
    for i in range(3000):
        index.add(f"n{i}", f"warga desa nomor {i} menerima bantuan beras {i % 7} karung")
    for i in range(2500):
        index.remove(f"n{i}")
    index.add("x", CLAIMS["gempa"])
    assert len(index) == 501
    assert index.search("gempa 8,9 guncang jakarta malam ini jam 22.00 WIB", limit=1)[0][0] == "x"
    assert index.search("warga desa nomor 2999 menerima bantuan beras", limit=1)[0][0] == "n2999"


def test_words_only_removed_claims_had_are_found_again_after_compaction() -> None:
    index = ClaimIndex()
    for i in range(3000):
        index.add(f"n{i}", f"kabar lama nomor {i} soal jembatan {'zulkarnaen' if i < 2 else 'x'}")
    for i in range(2500):
        index.remove(f"n{i}")  # compacts: "zulkarnaen" is in no live claim any more
    index.add("z", "Jembatan Zulkarnaen di Kampar ambruk pagi ini")
    assert index.search("jembatan zulkarnaen ambruk", limit=1)[0].claim_id == "z"


def test_a_search_sees_claims_added_after_it() -> None:
    index = ClaimIndex()
    index.add("a", "Bendungan Katulampa jebol malam ini, warga Bogor mengungsi")
    assert [m.claim_id for m in index.search("katulampa jebol")] == ["a"]
    index.add("b", "Air Katulampa siaga satu, bendungan jebol kata warga")
    assert {m.claim_id for m in index.search("katulampa jebol")} == {"a", "b"}


def test_empty_index_and_empty_query_return_nothing() -> None:
    assert ClaimIndex().search("apa saja") == []
    assert _index().search("!!! 😱") == []


@pytest.mark.parametrize("bad", ["", "x" * 201])
def test_bad_ids_and_limits_are_rejected(bad: str) -> None:
    with pytest.raises(errors.InvalidClaimInputError, match="claim id"):
        ClaimIndex().add(bad, "teks")
    with pytest.raises(errors.InvalidClaimInputError, match="limit=0"):
        _index().search("teks", limit=0)


_WORDS = st.sampled_from(
    ["bansos", "cair", "Rp600", "ribu", "pemkab", "sleman", "tidak", "17", "Juni", "gempa",
     "jakarta", "vaksin", "yg", "gak", "SEBARKAN", "hoaks", "desa", "banjir", "2026"]
)  # fmt: skip
_TEXTS = st.one_of(st.text(max_size=120), st.lists(_WORDS, min_size=1, max_size=15).map(" ".join))


@given(_TEXTS, _TEXTS)
@example("0:A", "B:a")  # found by CI on a fresh machine: 0.60 one way, 0.29 the other
def test_score_is_in_range_and_symmetric(a: str, b: str) -> None:
    ab, ba = score(a, b), score(b, a)
    assert 0.0 <= ab <= 1.0
    assert ab == pytest.approx(ba, abs=0.05)


@given(st.lists(_WORDS, min_size=2, max_size=15).map(" ".join))
def test_an_identical_text_matches_itself_at_the_top(text: str) -> None:
    assume(normalize(text))  # pure boilerplate ("SEBARKAN SEBARKAN") leaves nothing to match
    index = _index()
    index.add("me", text)
    best = index.search(text, limit=1)
    assert best[0].claim_id == "me" or best[0].score == 1.0
    assert best[0].score == 1.0


_CONTENT = st.sampled_from(
    ["bansos", "cair", "Rp600", "ribu", "pemkab", "sleman", "bantul", "17", "Juni", "gempa",
     "jakarta", "vaksin", "desa", "banjir", "2026", "membantah", "tidak", "beras", "BRI"]
)  # fmt: skip
_CLAIM = st.lists(_CONTENT, min_size=2, max_size=8).map(" ".join)


@given(st.lists(_CLAIM, min_size=1, max_size=12), _CLAIM)
def test_search_returns_limit_candidates_attachable_first_with_explained_scores(
    claims: list[str], query: str
) -> None:
    index = ClaimIndex.from_pairs((f"c{i}", text) for i, text in enumerate(claims))
    q_feats = features(normalize(query))
    sharing = {f"c{i}" for i, text in enumerate(claims) if q_feats & features(normalize(text))}
    # Later duplicates replace nothing: ids are distinct, so every sharing claim is indexed.
    got = index.search(query, limit=3)
    assert len(got) == min(3, len(sharing))
    assert {m.claim_id for m in got} <= sharing
    attach = [m.score >= index.model.threshold for m in got]
    assert attach == sorted(attach, reverse=True)  # claims to attach to come first
    for m in got:
        assert m.score == pytest.approx(index.explain(query, m.claim_id).score)


def test_search_finds_a_short_claim_inside_a_long_post() -> None:
    index = _index()
    index.add("lawu", "Gunung Lawu bakal erupsi besar")
    index.add("merapi", "Gunung Merapi erupsi, warga Sleman diminta mengungsi")
    post = (
        "Akun Threads pada Rabu mengunggah narasi: Info dari grup sebelah, gunung no 7 yg "
        "akan erupsi besar adalah gn Lawu, warga sekitar harap siaga dan siapkan tas darurat, "
        "jalur pendakian ditutup, sebarkan ke keluarga kalian!!!"
    )
    best = index.search(post, limit=2)
    assert best[0].claim_id == "lawu"


def test_score_is_symmetric_when_the_word_alignment_depends_on_order() -> None:
    # Found by hypothesis: the substitution guard aligned words one way only, so the same
    # pair scored 0.999 one way and 0.600 the other.
    a = "10000:10000:10000:10000:10000:1111:10000"
    b = "10000:10000:10000:10000:10000:0:10000:1111"
    assert score(a, b) == pytest.approx(score(b, a), abs=1e-9)
