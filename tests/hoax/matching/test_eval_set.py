"""The labelled evaluation set as a test, and the guard behaviours that must hold.

Measured on tests/data/claim_pairs.jsonl (204 pairs, 91 "same") with the fitted attach model
(threshold fitted on real 2024 pairs, never on this set): precision 0.957, recall 0.989
(``benchmarks/hoax_matching_eval.py``). The floors below sit a
little under that so a regression fails while small re-tuning does not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hoax_clinic.matching import DEFAULT_THRESHOLD, ClaimIndex, score

PAIRS_FILE = Path(__file__).resolve().parents[2] / "data" / "claim_pairs.jsonl"
PRECISION_FLOOR = 0.93
RECALL_FLOOR = 0.94


def _pairs() -> list[dict[str, object]]:
    return [json.loads(line) for line in PAIRS_FILE.read_text(encoding="utf-8").splitlines()]


def test_eval_set_is_large_and_varied() -> None:
    pairs = _pairs()
    kinds = {str(p["kind"]) for p in pairs}
    assert len(pairs) >= 150
    assert {
        "reworded", "slang", "boilerplate", "caps", "truncated", "different-amount",
        "different-date", "denial", "different-place", "unrelated-same-topic",
    } <= kinds  # fmt: skip
    assert all(isinstance(p["same"], bool) and p["a"] and p["b"] for p in pairs)


def test_attach_decision_precision_and_recall_floor() -> None:
    tp = fp = fn = 0
    for pair in _pairs():
        attach = score(str(pair["a"]), str(pair["b"])) >= DEFAULT_THRESHOLD
        tp += attach and bool(pair["same"])
        fp += attach and not pair["same"]
        fn += (not attach) and bool(pair["same"])
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    assert precision >= PRECISION_FLOOR, f"precision {precision:.3f}"
    assert recall >= RECALL_FLOOR, f"recall {recall:.3f}"


@pytest.mark.parametrize("kind", ["different-amount", "different-date", "different-place"])
def test_no_pair_of_a_conflicting_kind_is_attached(kind: str) -> None:
    wrong = [
        (p["a"], p["b"])
        for p in _pairs()
        if p["kind"] == kind and score(str(p["a"]), str(p["b"])) >= DEFAULT_THRESHOLD
    ]
    assert wrong == []


BASE = "Pemkab Sleman membagikan bansos Rp600.000 per KK mulai 17 Juni 2026 di kantor desa"


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(
            "Pemkab Sleman membagikan bansos Rp1 juta per KK mulai 17 Juni 2026 di kantor desa",
            id="other-amount",
        ),
        pytest.param(
            "Pemkab Sleman membagikan bansos Rp600.000 per KK mulai 18 Juni 2026 di kantor desa",
            id="other-date",
        ),
        pytest.param(
            "Pemkab Sleman membantah membagikan bansos Rp600.000 per KK mulai 17 Juni 2026",
            id="denial",
        ),
        pytest.param(
            "Tidak benar Pemkab Sleman membagikan bansos Rp600.000 per KK mulai 17 Juni 2026",
            id="negation",
        ),
        pytest.param(
            "Pemkab Bantul membagikan bansos Rp600.000 per KK mulai 17 Juni 2026 di kantor desa",
            id="other-place",
        ),
    ],
)
def test_a_different_claim_about_the_same_programme_is_not_attached(other: str) -> None:
    assert score(BASE, other) < DEFAULT_THRESHOLD
    index = ClaimIndex()
    index.add("base", BASE)
    best = index.search(other, limit=1)
    assert not best or best[0].score < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(
            "SEBARKAN!!! pemkab sleman bagiin bansos 600rb per kk mulai tgl 17/6/2026 di kantor "
            "desa. Jangan berhenti di kamu",
            id="slang-boilerplate",
        ),
        pytest.param(
            "PEMKAB SLEMAN MEMBAGIKAN BANSOS RP 600 RIBU PER KK MULAI 17 JUNI 2026 DI KANTOR DESA",
            id="caps",
        ),
        pytest.param(
            "Mulai 17-06-2026 Pemerintah Kabupaten Sleman membagikan bantuan sosial enam ratus "
            "ribu rupiah per KK di kantor desa",
            id="reworded-spelled-out",
        ),
    ],
)
def test_a_reworded_variant_is_attached(variant: str) -> None:
    index = ClaimIndex()
    index.add("base", BASE)
    index.add("other", "Pemkab Bantul membagikan bansos Rp600.000 per KK mulai 17 Juni 2026")
    best = index.search(variant, limit=2)
    assert best[0].claim_id == "base"
    assert best[0].score >= DEFAULT_THRESHOLD
