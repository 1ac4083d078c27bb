"""How well ``lapor_sdk.triage`` routes real complaints, beside baselines measured in the same run.

Real data from ``../shared/data`` (read at run time, never copied; no text is printed):

1. **LaporGub** (Central Java, 2024–2025, stemmed and stop-word-filtered tokens): fit on the
   oldest 80 % by record id, evaluate on the newest 20 %, as an agency deploys a model.
   Labels are stripped of trailing spaces (``"bencana "`` → ``"bencana"``); the one label with
   a single report (``saberpungli``) is left out, since it can be neither learned nor held out.
2. **Lapor Mas Bup** (Kab. Purbalingga, raw text): 5-fold stratified cross-validation on the
   816 distinct texts (a text given two labels keeps its first). Nested: the model picks its
   text form (basic or stemmed), its ``C`` and its class weighting by its own 3-fold
   cross-validation inside each outer training part (``fit``'s tuning of small histories);
   the outer test folds choose nothing. Both fixed forms and the untuned defaults are shown
   as ablations, not used to choose anything.
3. **Raw text into LaporGub's form**: Lapor Mas Bup's raw texts through
   :func:`~lapor_sdk.triage.stemmed_tokens`: the share of tokens the LaporGub vocabulary
   knows, and how a LaporGub model labels the Lapor Mas Bup categories that exist in both.

Baselines: majority class; the LaporGub dataset author's model (multinomial naive Bayes on
TF-IDF); TF-IDF word 1–2-grams + character 2–5-grams in words + LinearSVC (C = 0.5). No
option of the model was chosen on the evaluation parts: its defaults were chosen by
cross-validation inside LaporGub's training part.

Run: ``.venv/bin/python benchmarks/triage_eval.py [--json]``
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import make_pipeline, make_union
from sklearn.svm import LinearSVC

from lapor_sdk.triage import (
    TriageModel,
    basic_tokens,
    evaluate,
    parse_tokens,
    read_labelled_csv,
    score_predictions,
    stemmed_tokens,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
LAPORGUB = SHARED / "laporgub-2024-2025" / "prep_2024_2025.csv"
LAPORMASBUP = SHARED / "lapormasbup-purbalingga" / "dataset_cleaned.csv"
#: Lapor Mas Bup categories that LaporGub has too (the others have no counterpart).
SHARED_CATEGORIES = {
    "Infrastruktur": "infrastruktur",
    "Pendidikan": "pendidikan",
    "Lingkungan": "lingkungan",
}


def load_laporgub() -> tuple[
    list[list[str]], list[str], list[list[str]], list[str], dict[str, int]
]:
    """LaporGub split by age: (train texts, labels, test texts, labels, dropped labels)."""
    data = read_labelled_csv(
        LAPORGUB, text_column="complaints", label_column="category", id_column="id"
    )
    labels = [label.strip() for label in data.labels]
    counts = Counter(labels)
    dropped = {label: n for label, n in counts.items() if n < 2}
    rows = sorted(
        (float(i), parse_tokens(t), label)
        for i, t, label in zip(data.ids, data.texts, labels, strict=True)
        if label not in dropped
    )
    cut = int(len(rows) * 0.8)
    train, test = rows[:cut], rows[cut:]
    return (
        [r[1] for r in train],
        [r[2] for r in train],
        [r[1] for r in test],
        [r[2] for r in test],
        dropped,
    )


def load_lapormasbup() -> tuple[list[str], list[str]]:
    """Lapor Mas Bup's distinct texts with their (first) label."""
    data = read_labelled_csv(LAPORMASBUP, text_column="text", label_column="kategori")
    first: dict[str, str] = {}
    for text, label in zip(data.texts, data.labels, strict=True):
        first.setdefault(text, label.strip())
    return list(first), list(first.values())


def baselines() -> dict[str, Any]:
    """The baseline pipelines (on space-joined tokens)."""

    def svc() -> Any:
        return make_pipeline(
            make_union(
                TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2),
                TfidfVectorizer(
                    sublinear_tf=True, analyzer="char_wb", ngram_range=(2, 5), min_df=2
                ),
            ),
            LinearSVC(C=0.5),
        )

    return {
        "naive Bayes (author)": lambda: make_pipeline(TfidfVectorizer(), MultinomialNB()),
        "TF-IDF w+c LinearSVC": svc,
    }


def run_baseline(
    make: Any, train: list[str], y: list[str], test: list[str]
) -> tuple[Any, Any, float]:
    """Fit a baseline; return predictions, confidences and fit seconds."""
    started = time.perf_counter()
    pipe = make().fit(train, y)
    seconds = time.perf_counter() - started
    scores = (
        pipe.decision_function(test)
        if hasattr(pipe, "decision_function")
        else pipe.predict_proba(test)
    )
    return pipe.classes_[np.argmax(scores, axis=1)], np.max(scores, axis=1), seconds, pipe


def median_ms(call: Any, items: list[Any]) -> float:
    """Median wall time of ``call(item)`` in milliseconds (after one warm-up pass)."""
    for item in items:
        call(item)
    timings = []
    for item in items:
        started = time.perf_counter()
        call(item)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def figures(truth: list[str], predicted: Any, confidence: Any) -> dict[str, float]:
    """Accuracy, macro-F1 and accuracy on the 60 % most confident."""
    ev = score_predictions(truth, list(predicted), list(confidence), threshold=0.0)
    return {
        "accuracy": accuracy_score(truth, predicted),
        "macro_f1": f1_score(truth, predicted, average="macro", zero_division=0),
        "accuracy_at_60": ev.accuracy_at_coverage(0.6),
        "_ours_macro_f1": ev.macro_f1,
    }


def show(name: str, f: dict[str, float], extra: str = "") -> None:
    print(
        f"  {name:28s} accuracy {f['accuracy']:.3f}  macro-F1 {f['macro_f1']:.3f}  "
        f"acc@60% {f['accuracy_at_60']:.3f}{extra}"
    )


def laporgub_eval(out: dict[str, Any]) -> TriageModel:
    train, y_train, test, y_test, dropped = load_laporgub()
    print(
        f"\nLaporGub: {len(train)} oldest reports to fit, {len(test)} newest to evaluate, "
        f"{len(set(y_train))} labels; left out: {dropped}"
    )
    res: dict[str, Any] = {"n_train": len(train), "n_test": len(test), "dropped": dropped}
    majority = Counter(y_train).most_common(1)[0][0]
    res["majority"] = figures(y_test, [majority] * len(y_test), [1.0] * len(y_test))
    show("majority class", res["majority"])
    joined_train = [" ".join(t) for t in train]
    joined_test = [" ".join(t) for t in test]
    baseline_seconds = 0.0
    for name, make in baselines().items():
        pred, conf, seconds, pipe = run_baseline(make, joined_train, y_train, joined_test)
        res[name] = figures(y_test, pred, conf) | {"fit_seconds": seconds}
        show(name, res[name], f"  fit {seconds:.1f} s")
        baseline_seconds = seconds
    baseline_ms = median_ms(lambda t: pipe.predict([" ".join(t)]), test[:300])
    started, started_cpu = time.perf_counter(), time.process_time()
    model = TriageModel.fit(train, y_train, preprocessed=True)
    fit_seconds = time.perf_counter() - started
    fit_cpu = time.process_time() - started_cpu
    started = time.perf_counter()
    ev = evaluate(model, test, y_test)
    per_text_ms = (time.perf_counter() - started) / len(test) * 1000
    f = {
        "accuracy": ev.accuracy,
        "macro_f1": ev.macro_f1,
        "accuracy_at_60": ev.accuracy_at_coverage(0.6),
    }
    show(
        "TriageModel",
        f,
        f"  fit {fit_seconds:.1f} s ({fit_seconds / baseline_seconds:.2f}x "
        "the LinearSVC baseline, which fits once without cross-validation)",
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"  fit: {fit_seconds:.1f} s wall clock, {fit_cpu:.1f} s CPU (one core; the wall "
        f"clock includes waiting for a core: load average {load:.1f} on {os.cpu_count()} cores)"
    )
    acc_t = ev.accuracy_at_threshold
    ours_ms = median_ms(model.suggest, test[:300])
    print(
        f"  latency per text on these tokens: suggest {ours_ms:.2f} ms, the LinearSVC "
        f"pipeline's predict {baseline_ms:.2f} ms ({ours_ms / baseline_ms:.2f}x), medians"
    )
    print(
        f"  threshold {model.threshold:.3f} (target precision {model.target_precision}, chosen "
        f"out of fold inside the training part): coverage {ev.coverage_at_threshold:.3f}, "
        f"accuracy {acc_t if acc_t is None else round(acc_t, 3)} on the newest 20 %"
    )
    print(
        f"  out of fold in training: accuracy {model.fit_report.accuracy:.3f}, macro-F1 "
        f"{model.fit_report.macro_f1:.3f}, coverage {model.fit_report.coverage_at_threshold:.3f}"
    )
    print(
        "  accuracy / coverage curve:  "
        + "  ".join(
            f"t={p.threshold:.2f}: {p.coverage:.2f}/{p.accuracy:.3f}"
            for p in ev.curve
            if p.accuracy is not None and p.threshold in (0.5, 0.7, 0.8, 0.9, 0.95)
        )
    )
    print(
        "  per label (F1, support):  "
        + "; ".join(f"{k} {v.f1:.2f} ({v.support})" for k, v in sorted(ev.per_label.items()))
    )
    print("  most frequent confusions (true → predicted: count):")
    for true, pred, count in ev.confusion[:8]:
        print(f"    {true} → {pred}: {count}")
    pairs: Counter[tuple[str, str]] = Counter()
    for true, pred, count in ev.confusion:
        pairs[(min(true, pred), max(true, pred))] += count
    print("  closest categories (errors either way between the two):")
    for (a, b), count in pairs.most_common(6):
        print(f"    {a} ↔ {b}: {count}")
    res["TriageModel"] = f | {
        "fit_seconds": fit_seconds,
        "evaluate_ms_per_text": per_text_ms,
        "suggest_ms_median": ours_ms,
        "baseline_predict_ms_median": baseline_ms,
        "threshold": model.threshold,
        "coverage_at_threshold": ev.coverage_at_threshold,
        "accuracy_at_threshold": acc_t,
        "per_label_f1": {k: v.f1 for k, v in ev.per_label.items()},
        "fit_cpu_seconds": fit_cpu,
        "load_average": load,
        "confusion": ev.confusion[:8],
        "closest_pairs": [[a, b, n] for (a, b), n in pairs.most_common(6)],
        "out_of_fold": model.fit_report.model_dump(
            include={"accuracy", "macro_f1", "coverage_at_threshold", "accuracy_at_threshold"}
        ),
    }
    out["laporgub"] = res
    return model


def lapormasbup_eval(out: dict[str, Any]) -> None:
    texts, labels = load_lapormasbup()
    print(
        f"\nLapor Mas Bup: {len(texts)} distinct raw texts, {len(set(labels))} labels, "
        "5-fold stratified cross-validation (predictions pooled over the folds)"
    )
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(texts, labels))
    arr_t, arr_y = np.array(texts, dtype=object), np.array(labels, dtype=object)
    res: dict[str, Any] = {"n": len(texts)}
    runs: dict[str, Any] = {
        "majority class": None,
        **baselines(),
        "TriageModel (nested: tuned by inner CV)": "auto",
        "  ablation: basic form only": "basic",
        "  ablation: stemmed form only": "stemmed",
        "  ablation: untuned defaults": "untuned",
    }
    chosen: list[str] = []
    for name, make in runs.items():
        pred = np.empty(len(texts), dtype=object)
        conf = np.zeros(len(texts))
        seconds = 0.0
        for train, test in folds:
            started = time.perf_counter()
            if make is None:
                majority = Counter(arr_y[train]).most_common(1)[0][0]
                pred[test], conf[test] = majority, 1.0
            elif isinstance(make, str):
                model = TriageModel.fit(
                    list(arr_t[train]),
                    list(arr_y[train]),
                    text_form="auto" if make == "untuned" else make,
                    tune=make != "untuned",
                )
                if make == "auto":
                    options = model.fit_report.options
                    chosen.append(
                        f"{model.text_form} C={options['regularisation']} "
                        f"balance={options['balance']}"
                    )
                for i, s in zip(test, model.suggest_many(list(arr_t[test])), strict=True):
                    pred[i], conf[i] = s.label, s.confidence
            else:
                p, c, _, _ = run_baseline(
                    make, list(arr_t[train]), list(arr_y[train]), list(arr_t[test])
                )
                pred[test], conf[test] = p, c
            seconds += time.perf_counter() - started
        res[name] = figures(labels, pred, conf) | {"fit_seconds_5_folds": seconds}
        show(name, res[name], f"  fit {seconds:.1f} s for 5 folds")
    print(f"  chosen by the inner cross-validation in each outer fold: {chosen}")
    res["options_chosen"] = chosen
    out["lapormasbup"] = res


def coverage_eval(out: dict[str, Any], model: TriageModel) -> None:
    train, _, _, _, _ = load_laporgub()
    vocabulary = {t for doc in train for t in doc}
    texts, labels = load_lapormasbup()
    print(
        "\nLapor Mas Bup raw text in LaporGub's form: share of tokens the LaporGub "
        f"training vocabulary ({len(vocabulary)} words) knows"
    )
    res: dict[str, Any] = {}
    forms = {
        "lower-case words": lambda t: t.lower().split(),
        "basic_tokens": basic_tokens,
        "stemmed_tokens": stemmed_tokens,
    }
    for name, form in forms.items():
        tokens = [tok for t in texts for tok in form(t)]
        known = sum(tok in vocabulary for tok in tokens) / len(tokens)
        distinct = {tok for tok in tokens}
        known_distinct = sum(tok in vocabulary for tok in distinct) / len(distinct)
        res[name] = {"tokens": len(tokens), "known": known, "known_distinct": known_distinct}
        print(
            f"  {name:18s} {len(tokens):6d} tokens, {known:.1%} known "
            f"({known_distinct:.1%} of distinct ones)"
        )
    # The LaporGub model on Lapor Mas Bup reports of the categories both portals have.
    subset = [
        (t, SHARED_CATEGORIES[y])
        for t, y in zip(texts, labels, strict=True)
        if y in SHARED_CATEGORIES
    ]
    truth = [y for _, y in subset]
    for name, form in (
        ("lower-case words", lambda t: t.lower().split()),
        ("stemmed_tokens (suggest)", None),
    ):
        inputs = [t if form is None else form(t) for t, _ in subset]
        predicted = model.predict(inputs)
        acc = sum(p == y for p, y in zip(predicted, truth, strict=True)) / len(truth)
        res[f"cross_agency_accuracy {name}"] = acc
        print(
            f"  LaporGub model on {len(subset)} Lapor Mas Bup reports of shared categories, "
            f"{name}: accuracy {acc:.3f}"
        )
    # Latency of suggest on raw text (stemming included), cold and warm caches.
    sample = texts[:300]
    started = time.perf_counter()
    for text in sample:
        model.suggest(text)
    cold = (time.perf_counter() - started) / len(sample) * 1000
    timings, cpu = [], []
    for text in sample:
        started, started_cpu = time.perf_counter(), time.process_time()
        model.suggest(text)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    res["suggest_ms_cold"] = cold
    res["suggest_ms_median"] = statistics.median(timings)
    res["suggest_ms_p95"] = float(np.percentile(timings, 95))
    res["suggest_cpu_ms_median"] = statistics.median(cpu)
    res["suggest_cpu_ms_p95"] = float(np.percentile(cpu, 95))
    print(
        f"  suggest latency on raw text: {cold:.2f} ms per text with a cold stem cache; warm: "
        f"median {res['suggest_ms_median']:.2f} ms, p95 {res['suggest_ms_p95']:.2f} ms wall "
        f"clock (CPU time: median {res['suggest_cpu_ms_median']:.2f} ms, p95 "
        f"{res['suggest_cpu_ms_p95']:.2f} ms; the wall clock includes waiting for a core)"
    )
    out["coverage"] = res


def main() -> int:
    if not LAPORGUB.is_file() or not LAPORMASBUP.is_file():
        print(f"shared data not found under {SHARED}; nothing to measure")
        return 0
    out: dict[str, Any] = {}
    model = laporgub_eval(out)
    lapormasbup_eval(out)
    coverage_eval(out, model)
    if "--json" in sys.argv:
        print(json.dumps(out, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
