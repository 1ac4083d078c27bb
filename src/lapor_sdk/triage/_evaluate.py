"""Scores of a triage model on labelled texts: accuracy, macro-F1, per label, abstain curve."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ._errors import TriageInputError

if TYPE_CHECKING:
    from ._model import Text, TriageModel

__all__ = [
    "CoveragePoint",
    "Evaluation",
    "LabelScore",
    "choose_threshold",
    "evaluate",
    "score_predictions",
]

#: Thresholds at which the accuracy/coverage curve is reported.
CURVE_THRESHOLDS: tuple[float, ...] = tuple(round(i / 20, 2) for i in range(21))


@dataclass(frozen=True, slots=True)
class LabelScore:
    """Precision, recall and F1 of one label (0 where undefined), and its support."""

    precision: float
    recall: float
    f1: float
    support: int
    """How many texts truly have this label."""


@dataclass(frozen=True, slots=True)
class CoveragePoint:
    """One point of the abstain curve: keep the suggestions with confidence >= threshold."""

    threshold: float
    coverage: float
    """Share of texts not abstained on."""
    accuracy: float | None
    """Accuracy on those texts (``None`` when none is kept)."""


@dataclass(frozen=True, slots=True)
class Evaluation:
    """How a model did on labelled texts it was not fitted on."""

    n: int
    """Texts evaluated."""
    accuracy: float
    macro_f1: float
    """F1 averaged over every label that is a true or a predicted label (sklearn's rule)."""
    per_label: dict[str, LabelScore]
    threshold: float
    """The model's threshold."""
    coverage_at_threshold: float
    accuracy_at_threshold: float | None
    curve: list[CoveragePoint]
    """Accuracy and coverage at thresholds 0.00, 0.05, ..., 1.00."""
    confusion: list[tuple[str, str, int]]
    """Off-diagonal ``(true, predicted, count)`` cells, most frequent first."""
    _sorted_correct: tuple[bool, ...]

    def accuracy_at_coverage(self, coverage: float) -> float:
        """Return the accuracy on the ``coverage`` share of texts the model is surest of.

        Args:
            coverage: Share in ``(0, 1]``; the top ``ceil(coverage * n)`` texts count.
        """
        if not 0 < coverage <= 1:
            raise TriageInputError(f"coverage must be in (0, 1], got {coverage}")
        keep = max(1, math.ceil(coverage * self.n - 1e-9))
        return sum(self._sorted_correct[:keep]) / keep

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready view."""
        return {
            "n": self.n,
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "threshold": self.threshold,
            "coverage_at_threshold": self.coverage_at_threshold,
            "accuracy_at_threshold": self.accuracy_at_threshold,
            "accuracy_at_60_coverage": self.accuracy_at_coverage(0.6) if self.n else None,
            "per_label": {
                k: {"precision": v.precision, "recall": v.recall, "f1": v.f1, "support": v.support}
                for k, v in self.per_label.items()
            },
            "curve": [
                {"threshold": p.threshold, "coverage": p.coverage, "accuracy": p.accuracy}
                for p in self.curve
            ],
            "confusion": [list(c) for c in self.confusion],
        }


def _kept(
    correct: npt.NDArray[np.bool_], mask: npt.NDArray[np.bool_]
) -> tuple[float, float | None]:
    kept = int(mask.sum())
    coverage = kept / len(correct) if len(correct) else 0.0
    return coverage, (float(correct[mask].mean()) if kept else None)


def score_predictions(
    truth: Sequence[str],
    predicted: Sequence[str],
    confidence: Sequence[float] | npt.NDArray[np.floating[Any]],
    threshold: float,
) -> Evaluation:
    """Score predictions against the truth (the arithmetic of :func:`evaluate`).

    Raises:
        TriageInputError: The three sequences differ in length or are empty.
    """
    n = len(truth)
    if n == 0 or len(predicted) != n or len(confidence) != n:
        raise TriageInputError(
            f"need as many predictions and confidences as true labels, at least one; got "
            f"{n} labels, {len(predicted)} predictions, {len(confidence)} confidences"
        )
    true = np.asarray(truth, dtype=object)
    pred = np.asarray(predicted, dtype=object)
    conf = np.asarray(confidence, dtype=np.float64)
    correct = true == pred
    labels = sorted(set(truth) | set(predicted))
    per_label: dict[str, LabelScore] = {}
    for label in labels:
        is_true, is_pred = true == label, pred == label
        hits = int((is_true & is_pred).sum())
        n_pred, n_true = int(is_pred.sum()), int(is_true.sum())
        precision = hits / n_pred if n_pred else 0.0
        recall = hits / n_true if n_true else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = LabelScore(precision, recall, f1, n_true)
    order = np.argsort(-conf, kind="stable")
    curve = []
    for t in CURVE_THRESHOLDS:
        coverage, accuracy = _kept(correct, conf >= t)
        curve.append(CoveragePoint(t, coverage, accuracy))
    coverage, accuracy = _kept(correct, conf >= threshold)
    cells = Counter((t, p) for t, p in zip(truth, predicted, strict=True) if t != p)
    return Evaluation(
        n=n,
        accuracy=float(correct.mean()),
        macro_f1=float(np.mean([s.f1 for s in per_label.values()])),
        per_label=per_label,
        threshold=threshold,
        coverage_at_threshold=coverage,
        accuracy_at_threshold=accuracy,
        curve=curve,
        confusion=[(t, p, c) for (t, p), c in sorted(cells.items(), key=lambda i: (-i[1], i[0]))],
        _sorted_correct=tuple(bool(c) for c in correct[order]),
    )


def choose_threshold(
    correct: npt.NDArray[np.bool_],
    confidence: npt.NDArray[np.floating[Any]],
    target: float,
    *,
    z: float = 1.645,
) -> tuple[float, bool]:
    """Return the lowest confidence threshold whose kept suggestions reach ``target`` precision.

    Sorts by confidence and takes the largest top share whose precision reaches ``target``
    with one-sided 95 % confidence (the Wilson score lower bound with ``z``): three lucky
    guesses out of three are not evidence of 95 % precision. The threshold is the confidence
    of the share's last text. When no share qualifies, returns ``(1.0, False)``: abstain on
    (nearly) everything.
    """
    order = np.argsort(-confidence, kind="stable")
    kept = np.arange(1, len(order) + 1, dtype=np.float64)
    precision = np.cumsum(correct[order]) / kept
    z2 = z * z
    centre = precision + z2 / (2 * kept)
    spread = z * np.sqrt(precision * (1 - precision) / kept + z2 / (4 * kept * kept))
    lower = (centre - spread) / (1 + z2 / kept)
    ok = np.flatnonzero(lower >= target)
    if ok.size == 0:
        return 1.0, False
    return float(confidence[order][ok[-1]]), True


def evaluate(model: TriageModel, texts: Sequence[Text], labels: Sequence[str]) -> Evaluation:
    """Score ``model`` on labelled texts it was not fitted on.

    Args:
        model: A fitted model.
        texts: The texts, in the form the model's :meth:`~TriageModel.suggest` takes.
        labels: Their true labels (surrounding spaces are ignored, as at fit time).

    Returns:
        Accuracy, macro-F1, per-label precision/recall/F1, the coverage and accuracy at the
        model's threshold and along the abstain curve, and the most frequent confusions.

    Raises:
        TriageInputError: ``texts`` and ``labels`` differ in length or are empty.

    Example:
        >>> result = evaluate(model, held_out_texts, held_out_labels)  # doctest: +SKIP
        >>> result.accuracy, result.accuracy_at_coverage(0.6)  # doctest: +SKIP
    """
    if len(texts) != len(labels):
        raise TriageInputError(
            f"got {len(texts)} texts but {len(labels)} labels; give one label per text"
        )
    suggestions = model.suggest_many(texts)
    return score_predictions(
        [str(label).strip() for label in labels],
        [s.label for s in suggestions],
        [s.confidence for s in suggestions],
        model.threshold,
    )
