"""Bulk index builds with normalising helper processes: same index, safe fallbacks.

These start real helper processes (``sys.executable``), as a 100,000-claim build does.
"""

from __future__ import annotations

import logging
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoax_clinic._exceptions import InvalidClaimInputError
from hoax_clinic.matching import ClaimIndex, _parallel, normalize
from hoax_clinic.matching._parallel import AUTO_MIN_TEXTS, normalize_many, worker_count

CANARY = "Budi Santoso 3174012309870001 0812-3456-7890 budi.santoso@example.id"

WORDS = (
    "pemkab sleman bantul bagikan bansos Rp600.000 per KK mulai 17/6/2026 SEBARKAN!! yg gak "
    "hoaks BRI undian gempa magnitudo 8,9 PLN padam listrik 3 hari vaksin anak sakit 😱 "
    "https://bit.ly/x #viral #fyp K0rup51 bangeeet kata2 Ｒｐ１ juta café"
).split()


def _texts(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choices(WORDS, k=rng.randint(0, 25))) for _ in range(n)]


def test_a_build_with_helpers_equals_the_build_in_this_process() -> None:
    texts = _texts(3000)
    pairs = [(f"c{i}", t) for i, t in enumerate(texts)]
    pairs.append(("c5", "Pemkab Sleman bagi bansos Rp600.000, replaces the earlier c5"))
    here = ClaimIndex.from_pairs(pairs, workers=0)
    helped = ClaimIndex.from_pairs(pairs, workers=2)
    assert helped._norms == here._norms
    assert helped._slots == here._slots
    assert helped._postings == here._postings
    assert helped._df == here._df
    assert len(helped) == len(texts)
    query = "pemkab sleman bagiin bansos 600rb per kk tgl 17/6/2026"
    assert helped.search(query, limit=5) == here.search(query, limit=5)


@settings(max_examples=5, deadline=None)
@given(st.lists(st.text(max_size=300), min_size=1, max_size=60))
def test_helpers_give_exactly_normalize_for_any_unicode(texts: list[str]) -> None:
    # Newlines, lone surrogates, NULs and texts longer than what normalize reads all cross
    # the pipe as JSON and come back the same as normalising here.
    texts = [*texts, "a\nb\r\n\x00c", "\ud800 yg \udfff", "x " * 20_000]
    assert list(normalize_many(texts, workers=1)) == [normalize(t) for t in texts]


def test_a_helper_that_dies_is_replaced_by_normalising_here(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    texts = [*_texts(1500), CANARY]
    monkeypatch.setattr(_parallel, "_CHILD_CODE", "import sys; sys.stdin.readline(); sys.exit(3)")
    with caplog.at_level(logging.WARNING, logger="hoax_clinic.matching"):
        got = list(normalize_many(texts, workers=2))
    assert got == [normalize(t) for t in texts]
    assert "stopped early" in caplog.text
    for secret in ("Budi", "3174012309870001", "0812", "budi.santoso"):
        assert secret not in caplog.text


def test_a_helper_that_answers_wrongly_is_not_believed(monkeypatch: pytest.MonkeyPatch) -> None:
    # One answer per chunk, but of the wrong length: nothing of it is used.
    lying = "import sys\nfor line in sys.stdin: print('[\"x\"]', flush=True)"
    monkeypatch.setattr(_parallel, "_CHILD_CODE", lying)
    texts = _texts(1200)
    assert list(normalize_many(texts, workers=1)) == [normalize(t) for t in texts]


def test_a_helper_that_cannot_start_leaves_the_work_here(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr("sys.executable", "/nonexistent/python")
    texts = _texts(700)
    with caplog.at_level(logging.WARNING, logger="hoax_clinic.matching"):
        assert list(normalize_many(texts, workers=1)) == [normalize(t) for t in texts]
    assert "could not start" in caplog.text


def test_an_abandoned_build_stops_its_helpers(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[_parallel._Helper] = []
    real = _parallel._Helper

    class Recording(real):  # type: ignore[misc, valid-type]
        def __init__(self, chunks: list[list[str]]) -> None:
            super().__init__(chunks)
            started.append(self)

    monkeypatch.setattr(_parallel, "_Helper", Recording)
    stream = normalize_many(_texts(5000), workers=2)
    next(stream)
    stream.close()
    assert len(started) == 2
    assert all(h.proc.returncode is not None for h in started)


def test_bad_pairs_are_refused_before_any_work() -> None:
    with pytest.raises(InvalidClaimInputError, match="pass a string"):
        ClaimIndex.from_pairs([("c1", "ok"), ("c2", None)], workers=1)  # type: ignore[list-item]
    with pytest.raises(InvalidClaimInputError, match="is not allowed"):
        ClaimIndex.from_pairs([("", "ok")], workers=1)


def test_helpers_are_used_only_where_they_pay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_parallel, "_cpu_count", lambda: 2)
    assert worker_count(AUTO_MIN_TEXTS - 1, None) == 0
    assert worker_count(AUTO_MIN_TEXTS, None) == 1
    monkeypatch.setattr(_parallel, "_cpu_count", lambda: 16)
    assert worker_count(100_000, None) == 2
    monkeypatch.setattr(_parallel, "_cpu_count", lambda: 1)
    assert worker_count(100_000, None) == 0
    assert worker_count(10, 3) == 3  # asked for explicitly
    assert worker_count(0, 3) == 0
    assert worker_count(10, -1) == 0


def _state(index: ClaimIndex) -> dict[str, object]:
    n_feats = len(index._feat_id)
    return {
        "slots": index._slots,
        "norms": index._norms,
        "raw": index._raw,
        "feats": index._feats,
        "feat_id": index._feat_id,
        "postings": index._postings,
        "df": index._df,
        "df_arr": index._df_arr[:n_feats].tolist(),
        "feat_ids": [a.tolist() for a in index._feat_ids],
        "alive": index._alive[: len(index._slots)].tolist(),
        "lengths": index._lengths[: len(index._slots)].tolist(),
        "total_length": index._total_length,
        "sigs": index._sigs,
    }


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join).filter(bool) | st.text())
def test_the_bulk_build_equals_adding_one_by_one(first: str) -> None:
    texts = [first, *_texts(150, seed=len(first))]
    one_by_one = ClaimIndex()
    for i, text in enumerate(texts):
        one_by_one.add(f"c{i}", text)
    bulk = ClaimIndex.from_pairs(((f"c{i}", t) for i, t in enumerate(texts)), workers=0)
    assert _state(bulk) == _state(one_by_one)
    # ... and it goes on growing and shrinking like any index.
    for index in (bulk, one_by_one):
        index.add("new", "Pemkab Sleman bagi bansos Rp600.000")
        index.remove("c3")
    assert _state(bulk) == _state(one_by_one)


def test_an_empty_bulk_build_is_an_empty_index() -> None:
    index = ClaimIndex.from_pairs([], workers=2)
    assert len(index) == 0
    assert index.search("apa saja", limit=3) == []
    index.add("c1", "Gempa magnitudo 8,9 guncang Jakarta")
    assert index.search("gempa jakarta", limit=1)[0].claim_id == "c1"


@pytest.mark.parametrize("exe", ["/usr/sbin/uwsgi", "/usr/sbin/httpd", ""])
def test_no_helper_is_started_from_a_server_binary(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, exe: str
) -> None:
    # uWSGI and mod_wsgi set sys.executable to their own binary: starting it with Python's
    # arguments would start another server, so the work stays here.
    monkeypatch.setattr("sys.executable", exe)
    assert worker_count(100_000, None) == 0
    texts = _texts(600)
    with caplog.at_level(logging.WARNING, logger="hoax_clinic.matching"):
        assert list(normalize_many(texts, workers=1)) == [normalize(t) for t in texts]
    assert "could not start" in caplog.text


@pytest.mark.parametrize(
    "exe", ["/usr/bin/python3", "/opt/venv/bin/python", "C:\\\\Py\\\\python.exe", "/x/python3.11"]
)
def test_python_interpreters_are_recognised(monkeypatch: pytest.MonkeyPatch, exe: str) -> None:
    monkeypatch.setattr("sys.executable", exe)
    monkeypatch.setattr(_parallel, "_cpu_count", lambda: 2)
    assert worker_count(100_000, None) == 1


def test_a_compacted_index_equals_a_fresh_build_of_its_live_claims() -> None:
    texts = _texts(3000, seed=3)
    index = ClaimIndex.from_pairs(((f"c{i}", t) for i, t in enumerate(texts)), workers=0)
    for i in range(0, 3000, 4):
        index.remove(f"c{i}")
    for i in range(1, 3000, 4):
        index.remove(f"c{i}")
    index.remove("c2")  # now more than half the slots are dead: the index compacts itself
    live = [(f"c{i}", t) for i, t in enumerate(texts) if i % 4 >= 2 and i != 2]
    fresh = ClaimIndex.from_pairs(live, workers=0)
    assert index._slots == fresh._slots
    assert index._postings == fresh._postings
    assert index._df == fresh._df
    assert index._total_length == fresh._total_length
    assert index._lengths[: len(live)].tolist() == fresh._lengths[: len(live)].tolist()
    assert index._alive[: len(live)].all() and not index._alive[len(live) :].any()
