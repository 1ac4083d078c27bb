"""Floors on real held-out data (../shared/data; skipped when absent).

Smaller fits than the benchmark's (word n-grams only, 2 folds) keep this to seconds; the full
figures, beside the baselines, come from ``benchmarks/triage_eval.py``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from sklearn.model_selection import train_test_split

from lapor_sdk.triage import (
    TriageModel,
    evaluate,
    parse_tokens,
    read_labelled_csv,
    stemmed_tokens,
)

pytestmark = pytest.mark.slow


def _laporgub(shared: Path) -> tuple[list[list[str]], list[str], list[list[str]], list[str]]:
    """Oldest 80 % by id to fit, newest 20 % to evaluate; the 1-report label left out."""
    data = read_labelled_csv(
        shared / "laporgub-2024-2025" / "prep_2024_2025.csv",
        text_column="complaints",
        label_column="category",
        id_column="id",
    )
    labels = [label.strip() for label in data.labels]
    counts = Counter(labels)
    rows = sorted(
        (float(i), parse_tokens(t), label)
        for i, t, label in zip(data.ids, data.texts, labels, strict=True)
        if counts[label] >= 2
    )
    cut = int(len(rows) * 0.8)
    return (
        [r[1] for r in rows[:cut]],
        [r[2] for r in rows[:cut]],
        [r[1] for r in rows[cut:]],
        [r[2] for r in rows[cut:]],
    )


def _lapormasbup(shared: Path) -> tuple[list[str], list[str]]:
    data = read_labelled_csv(
        shared / "lapormasbup-purbalingga" / "dataset_cleaned.csv",
        text_column="text",
        label_column="kategori",
    )
    first: dict[str, str] = {}
    for text, label in zip(data.texts, data.labels, strict=True):
        first.setdefault(text, label.strip())
    return list(first), list(first.values())


def test_laporgub_newest_reports(shared_data: Path) -> None:
    train, y_train, test, y_test = _laporgub(shared_data)
    assert len(train) == 8037 and len(test) == 2010 and len(set(y_train)) == 16
    model = TriageModel.fit(train, y_train, preprocessed=True, char_ngrams=None, folds=2)
    ev = evaluate(model, test, y_test)
    majority = Counter(y_test)[Counter(y_train).most_common(1)[0][0]] / len(y_test)
    assert majority == pytest.approx(0.49, abs=0.01)
    # Measured 0.823 / 0.652 / 0.959; floors a little below.
    assert ev.accuracy >= 0.80
    assert ev.macro_f1 >= 0.60
    assert ev.accuracy_at_coverage(0.6) >= 0.94
    assert ev.coverage_at_threshold >= 0.5
    assert ev.accuracy_at_threshold is not None and ev.accuracy_at_threshold >= 0.92


def test_lapormasbup_raw_text(shared_data: Path) -> None:
    texts, labels = _lapormasbup(shared_data)
    assert len(texts) == 816
    a, b, y_a, y_b = train_test_split(texts, labels, test_size=0.2, stratify=labels, random_state=0)
    model = TriageModel.fit(a, y_a, folds=2)
    ev = evaluate(model, b, y_b)
    # Measured 0.774 / 0.756 on this split of 164 texts, tuned to C = 0.1 and full class
    # balancing by the fit's own 2-fold cross-validation (0.780 / 0.746 untuned; majority
    # class: 0.31).
    assert ev.accuracy >= 0.70
    assert ev.macro_f1 >= 0.65


def test_raw_text_reaches_the_laporgub_vocabulary(shared_data: Path) -> None:
    train, _, _, _ = _laporgub(shared_data)
    vocabulary = {token for tokens in train for token in tokens}
    texts, _ = _lapormasbup(shared_data)

    def known(tokens: list[str]) -> float:
        return sum(t in vocabulary for t in tokens) / len(tokens)

    raw = known([w for t in texts for w in t.lower().split()])
    stemmed = known([w for t in texts for w in stemmed_tokens(t)])
    # Measured 49 % of raw lower-case words, 92 % after stemmed_tokens.
    assert raw < 0.6
    assert stemmed >= 0.88
