"""What was tried to lift LaporGub routing past the issue's targets, judged inside training only.

Every attempt is fitted on the oldest 80 % of LaporGub's *training* part (its oldest 80 % by
record id) and judged on the newest 20 % of that training part (1,608 reports), the same
"older history → newer reports" shape as the real evaluation, which this script never reads:
the newest 20 % of LaporGub stay untouched for ``benchmarks/triage_eval.py``. The spread
between attempts is to be read against the sampling error of 1,608 reports (about ±1 point
of accuracy, one standard error).

Attempts that need out-of-fold scores (per-label bias, noise cleaning, a confidence model)
take them from a 3-fold cross-validation inside the same fitting part.

Run: ``.venv/bin/python benchmarks/triage_attempts.py``
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression, RidgeClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.naive_bayes import ComplementNB
from sklearn.svm import LinearSVC
from triage_eval import LAPORGUB, load_laporgub

warnings.filterwarnings("ignore")  # liblinear's convergence notes on the odd fold


def features(
    fit: list[str],
    judge: list[str],
    *,
    word: tuple[int, int] = (1, 2),
    char: tuple[int, int] | None = (2, 5),
    min_df: int = 2,
) -> tuple[Any, Any]:
    """TF-IDF (sublinear) word n-grams and character n-grams inside words."""
    vectorisers = [
        TfidfVectorizer(sublinear_tf=True, ngram_range=word, min_df=min_df, token_pattern=r"\S+")  # noqa: S106
    ]
    if char is not None:
        vectorisers.append(
            TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=char, min_df=min_df)
        )
    a = sparse.hstack([v.fit_transform(fit) for v in vectorisers]).tocsr()
    b = sparse.hstack([v.transform(judge) for v in vectorisers]).tocsr()
    return a, b


def weights(y: Any, balance: float) -> dict[str, float]:
    """Class weights: inverse frequency to the power ``balance``."""
    labels, counts = np.unique(y, return_counts=True)
    return {k: (len(y) / (len(labels) * n)) ** balance for k, n in zip(labels, counts, strict=True)}


def svc(c: float = 0.5, balance: float = 0.5, **kw: Any) -> Callable[[Any], Any]:
    """A LinearSVC factory taking the training labels (for the class weights)."""
    return lambda y: LinearSVC(C=c, class_weight=weights(y, balance), max_iter=5000, **kw)


def softmax(scores: Any, temperature: float = 0.1) -> Any:
    """Row-wise softmax (for confidences of decision scores)."""
    z = scores / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def accuracy_at_60(correct: Any, confidence: Any) -> float:
    """Accuracy on the 60 % with the highest confidence."""
    order = np.argsort(-confidence, kind="stable")
    return float(correct[order[: round(0.6 * len(order))]].mean())


def main() -> int:
    if not LAPORGUB.is_file():
        print(f"LaporGub data not found at {LAPORGUB}; nothing to measure")
        return 0
    train, y_train, _, _, _ = load_laporgub()  # the newest 20 % are not used here
    joined = [" ".join(t) for t in train]
    cut = int(len(joined) * 0.8)
    fit_texts, judge_texts = joined[:cut], joined[cut:]
    y_fit, y_judge = np.array(y_train[:cut]), np.array(y_train[cut:])
    labels = np.unique(y_fit)
    print(
        f"LaporGub training part: fit on its oldest {len(fit_texts)}, judge on its newest "
        f"{len(judge_texts)} (the evaluation split is not read)\n"
    )
    print(f"{'attempt':58s} accuracy  macro-F1  acc@60%")
    rows: list[tuple[str, float, float, float]] = []

    def show(name: str, scores: Any, confidence: Any = None) -> None:
        predicted = labels[np.argmax(scores, axis=1)]
        correct = predicted == y_judge
        conf = softmax(scores).max(axis=1) if confidence is None else confidence
        row = (
            name,
            float(correct.mean()),
            float(f1_score(y_judge, predicted, average="macro")),
            accuracy_at_60(correct, conf),
        )
        rows.append(row)
        print(f"{name:58s} {row[1]:.3f}     {row[2]:.3f}     {row[3]:.3f}", flush=True)

    xa, xb = features(fit_texts, judge_texts)
    started = time.perf_counter()
    scores: dict[str, Any] = {}
    model = svc()(y_fit).fit(xa, y_fit)
    scores["svc"] = model.decision_function(xb)
    show("default: word 1-2 + char 2-5, LinearSVC C=0.5, balance 0.5", scores["svc"])
    for c, balance in ((0.1, 1.0), (0.3, 0.5), (0.3, 1.0), (1.0, 0.5), (0.5, 0.0)):
        s = svc(c, balance)(y_fit).fit(xa, y_fit).decision_function(xb)
        show(f"LinearSVC C={c}, balance {balance}", s)
    for name, kw in (
        ("word 1-2 only", {"char": None}),
        ("word 1-3 + char 2-5", {"word": (1, 3)}),
        ("word 1-2 + char 1-6", {"char": (1, 6)}),
        ("word 1-2 + char 2-5, min_df 1", {"min_df": 1}),
    ):
        fa, fb = features(fit_texts, judge_texts, **kw)
        s = svc()(y_fit).fit(fa, y_fit).decision_function(fb)
        if name == "word 1-2 only":
            scores["svc_words"] = s
        show(name, s)
    s = LogisticRegression(C=30, max_iter=300, class_weight=weights(y_fit, 0.5))
    show("logistic regression C=30", s.fit(xa, y_fit).predict_log_proba(xb))
    scores["ridge"] = (
        RidgeClassifier(alpha=1.0, class_weight=weights(y_fit, 0.5))
        .fit(xa, y_fit)
        .decision_function(xb)
    )
    show("ridge classifier", scores["ridge"])
    s = svc(multi_class="crammer_singer")(y_fit).fit(xa, y_fit).decision_function(xb)
    show("LinearSVC Crammer-Singer", s)
    counts = CountVectorizer(ngram_range=(1, 2), min_df=2, token_pattern=r"\S+")  # noqa: S106
    ca, cb = counts.fit_transform(fit_texts), counts.transform(judge_texts)
    nb = ComplementNB(alpha=0.3).fit(ca, y_fit)
    show("complement naive Bayes (word 1-2 counts)", nb.predict_log_proba(cb))

    def z(a: Any) -> Any:
        return (a - a.mean()) / a.std()

    show("ensemble: SVC + ridge (standardised scores)", (z(scores["svc"]) + z(scores["ridge"])) / 2)
    show(
        "ensemble: SVC (word+char) + SVC (word)",
        (z(scores["svc"]) + z(scores["svc_words"])) / 2,
    )
    nb_scores = nb.predict_log_proba(cb)
    show(
        "ensemble: SVC + ridge + complement NB",
        (z(scores["svc"]) + z(scores["ridge"]) + z(nb_scores)) / 3,
    )

    # Out-of-fold scores inside the fitting part.
    y_index = np.searchsorted(labels, y_fit)
    oof = np.zeros((len(y_fit), len(labels)))
    folds = list(StratifiedKFold(3, shuffle=True, random_state=0).split(xa, y_fit))
    for a, b in folds:
        oof[b] = svc()(y_fit[a]).fit(xa[a], y_fit[a]).decision_function(xa[b])

    def macro_f1(s: Any) -> float:
        return float(f1_score(y_index, s.argmax(axis=1), average="macro"))

    bias = np.zeros(len(labels))
    for _ in range(2):  # coordinate ascent of per-label offsets on out-of-fold macro-F1
        for j in range(len(labels)):
            best = (macro_f1(oof + bias), bias[j])
            for d in np.linspace(-0.5, 0.5, 21):
                trial = bias.copy()
                trial[j] = d
                value = macro_f1(oof + trial)
                if value > best[0] + 1e-9:
                    best = (value, d)
            bias[j] = best[1]
    show("per-label score offsets tuned out of fold for macro-F1", scores["svc"] + bias)
    own = oof[np.arange(len(y_index)), y_index]
    other = oof.copy()
    other[np.arange(len(y_index)), y_index] = -np.inf
    for margin in (0.6, 1.0):
        keep = other.max(axis=1) - own <= margin
        s = svc()(y_fit[keep]).fit(xa[keep], y_fit[keep]).decision_function(xb)
        show(
            f"label-noise cleaning: drop {int((~keep).sum())} reports out-of-fold "
            f"outvoted by {margin}",
            s,
        )
    top = np.sort(scores["svc"], axis=1)
    show("confidence: margin between the two best scores", scores["svc"], top[:, -1] - top[:, -2])

    # A confidence model: P(correct) from the scores' shape and the predicted label.
    def shape(s: Any) -> Any:
        srt = np.sort(s, axis=1)
        return np.c_[srt[:, -1], srt[:, -1] - srt[:, -2], np.eye(len(labels))[s.argmax(axis=1)]]

    meta = LogisticRegression(C=1.0, max_iter=2000).fit(shape(oof), oof.argmax(axis=1) == y_index)
    show(
        "confidence: logistic model of correctness, fitted out of fold",
        scores["svc"],
        meta.predict_proba(shape(scores["svc"]))[:, 1],
    )
    print(f"\n{len(rows)} attempts in {time.perf_counter() - started:.0f} s")
    # How noisy the labels are: near-copies of an older report that carry another category.
    similarity = (xb @ xa.T).toarray()
    nearest, close = similarity.argmax(axis=1), similarity.max(axis=1) >= 0.9
    differ = float((y_fit[nearest[close]] != y_judge[close]).mean())
    print(
        f"label noise: {int(close.sum())} judged reports have a near-copy (cosine >= 0.9) "
        f"among the older ones; {differ:.1%} of them carry another category than that copy"
    )
    best_acc = max(rows, key=lambda r: r[1])
    best_f1 = max(rows, key=lambda r: r[2])
    best_60 = max(rows, key=lambda r: r[3])
    print(f"best accuracy {best_acc[1]:.3f} ({best_acc[0]})")
    print(f"best macro-F1 {best_f1[2]:.3f} ({best_f1[0]})")
    print(f"best acc@60% {best_60[3]:.3f} ({best_60[0]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
