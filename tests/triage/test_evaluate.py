"""``evaluate`` against figures worked out by hand, and against scikit-learn's metrics."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score

from lapor_sdk.triage import TriageInputError, TriageModel, evaluate, score_predictions

TRUE = ["a", "a", "a", "b", "b", "c"]
PRED = ["a", "a", "b", "b", "c", "c"]
CONF = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]


def test_a_small_case_worked_out_by_hand() -> None:
    ev = score_predictions(TRUE, PRED, CONF, threshold=0.65)
    # Right: 1, 2, 4, 6 -> 4 of 6.
    assert ev.n == 6 and ev.accuracy == pytest.approx(4 / 6)
    # a: precision 2/2, recall 2/3, F1 0.8; b: 1/2, 1/2, 0.5; c: 1/2, 1/1, 2/3.
    assert ev.per_label["a"].precision == 1.0
    assert ev.per_label["a"].recall == pytest.approx(2 / 3)
    assert ev.per_label["a"].f1 == pytest.approx(0.8)
    assert ev.per_label["b"].f1 == pytest.approx(0.5)
    assert ev.per_label["c"].f1 == pytest.approx(2 / 3)
    assert ev.per_label["c"].support == 1
    assert ev.macro_f1 == pytest.approx((0.8 + 0.5 + 2 / 3) / 3)
    # Threshold 0.65 keeps the first three (0.9, 0.8, 0.7): 2 of 3 right.
    assert ev.coverage_at_threshold == pytest.approx(0.5)
    assert ev.accuracy_at_threshold == pytest.approx(2 / 3)
    # The surest half is the same three; the surest 2/6 are both right.
    assert ev.accuracy_at_coverage(0.5) == pytest.approx(2 / 3)
    assert ev.accuracy_at_coverage(1 / 3) == 1.0
    assert ev.accuracy_at_coverage(1.0) == ev.accuracy
    point = {p.threshold: p for p in ev.curve}
    assert point[0.0].coverage == 1.0 and point[0.0].accuracy == pytest.approx(4 / 6)
    assert point[0.85].coverage == pytest.approx(1 / 6) and point[0.85].accuracy == 1.0
    assert point[0.95].coverage == 0.0 and point[0.95].accuracy is None
    assert ev.confusion == [("a", "b", 1), ("b", "c", 1)]
    assert ev.to_dict()["accuracy_at_60_coverage"] == pytest.approx(3 / 4)


@given(
    st.lists(st.tuples(st.sampled_from("abcd"), st.sampled_from("abcde")), min_size=1, max_size=60)
)
def test_agrees_with_scikit_learn(pairs: list[tuple[str, str]]) -> None:
    truth, predicted = [t for t, _ in pairs], [p for _, p in pairs]
    ev = score_predictions(truth, predicted, [0.5] * len(pairs), threshold=0.5)
    assert ev.accuracy == pytest.approx(accuracy_score(truth, predicted))
    assert ev.macro_f1 == pytest.approx(
        f1_score(truth, predicted, average="macro", zero_division=0)
    )
    labels = sorted(ev.per_label)
    precision = precision_score(truth, predicted, labels=labels, average=None, zero_division=0)
    recall = recall_score(truth, predicted, labels=labels, average=None, zero_division=0)
    for label, p, r in zip(labels, precision, recall, strict=True):
        assert ev.per_label[label].precision == pytest.approx(p)
        assert ev.per_label[label].recall == pytest.approx(r)


def test_evaluate_scores_a_model(model: TriageModel) -> None:
    texts = [
        "jembatan ambrol",
        "obat di puskesmas habis",
        "guru honorer belum digaji",
        "jembatan ambrol",
    ]
    labels = ["infrastruktur", "kesehatan", "pendidikan ", "kesehatan"]
    ev = evaluate(model, texts, labels)
    assert ev.accuracy == 0.75  # the last one is labelled wrong on purpose
    assert ev.confusion == [("kesehatan", "infrastruktur", 1)]
    assert ev.threshold == model.threshold
    with pytest.raises(TriageInputError, match="2 texts but 1 labels"):
        evaluate(model, texts[:2], labels[:1])
    with pytest.raises(TriageInputError, match="coverage must be in"):
        ev.accuracy_at_coverage(0)
