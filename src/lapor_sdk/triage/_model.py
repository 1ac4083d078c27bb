"""The triage model: TF-IDF word and character n-grams, a linear SVM, calibrated confidence.

Fitting needs scikit-learn (the ``triage`` extra); suggesting needs NumPy only: the model is
its vocabulary, idf weights, a weight matrix and a softmax temperature, all plain data.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import time
import warnings
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from .._version import __version__
from ._errors import TriageInputError, missing_extra
from ._evaluate import choose_threshold, score_predictions
from ._features import FeatureBlock, Kind, fit_block, vectorise
from ._normalise import MAX_TEXT_CHARS, basic_tokens, stemmed_tokens
from ._store import (
    FORMAT,
    FORMAT_VERSION,
    MAX_LABEL_CHARS,
    MAX_MODEL_BYTES,
    BlockData,
    ClassifierData,
    FitReport,
    ModelData,
    decode_array,
    encode_array,
    read_model,
    write_model,
)
from ._suggestion import Suggestion

__all__ = [
    "DEFAULT_BALANCE",
    "DEFAULT_REGULARISATION",
    "DEFAULT_TARGET_PRECISION",
    "MAX_FIT_TEXTS",
    "TUNE_BALANCE",
    "TUNE_MAX_TEXTS",
    "TUNE_REGULARISATION",
    "Progress",
    "Text",
    "TextForm",
    "TriageModel",
    "parse_tokens",
    "tokens_of",
]

#: How raw text becomes tokens: :func:`basic_tokens` or :func:`stemmed_tokens`.
TextForm = Literal["basic", "stemmed"]
#: Text as a citizen wrote it, or a list of already-normalised tokens.
Text = str | Sequence[str]
#: ``progress(step, done, total)``: called as fitting moves on.
Progress = Callable[[str, int, int], None]

#: Precision the threshold is chosen for when none is given.
DEFAULT_TARGET_PRECISION = 0.95
#: The SVM's ``C`` when it is not tuned (chosen by cross-validation inside LaporGub's
#: training part, where the grid below scored within 0.3 points of it).
DEFAULT_REGULARISATION = 0.5
#: Class weighting when it is not tuned: inverse square root of a label's frequency.
DEFAULT_BALANCE = 0.5
#: The values of ``C`` tried when fitting tunes the options.
TUNE_REGULARISATION = (0.1, 0.3, 1.0)
#: The class weightings tried when fitting tunes the options.
TUNE_BALANCE = (0.5, 1.0)
#: With ``tune=None``, histories up to this many texts are tuned: the grid costs seconds
#: there and the choice matters most; on larger ones it would multiply the fit time by six.
TUNE_MAX_TEXTS = 3_000
#: Most training texts :meth:`TriageModel.fit` accepts.
MAX_FIT_TEXTS = 1_000_000
#: Most tokens of one text that count.
MAX_TOKENS = 5_000
#: How many runners-up a suggestion lists.
ALTERNATIVES = 3

_LIST_ITEM = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")


def parse_tokens(text: str) -> list[str]:
    """Return the tokens of an already-normalised text.

    Reads a ``"['jalan', 'rusak']"`` list literal (the LaporGub export) or space-separated
    tokens; tokens are lower-cased.

    Example:
        >>> parse_tokens("['lampu', 'jalan', 'mati']"), parse_tokens("lampu jalan mati")
        (['lampu', 'jalan', 'mati'], ['lampu', 'jalan', 'mati'])
    """
    text = text[:MAX_TEXT_CHARS]
    stripped = text.strip()
    if stripped.startswith("[") and stripped.endswith("]"):
        return [(a or b).lower() for a, b in _LIST_ITEM.findall(stripped) if a or b][:MAX_TOKENS]
    return text.lower().split()[:MAX_TOKENS]


def _no_digits(tokens: list[str]) -> list[str]:
    # A token with a digit is a number, a NIK or a phone number, one with an "@" an e-mail
    # address: never features of their own, so none reaches a model file's vocabulary.
    return ["email" if "@" in t else "number" if any(c.isdigit() for c in t) else t for t in tokens]


def tokens_of(text: Text, form: Literal["basic", "stemmed", "given"]) -> list[str]:
    """Return the tokens a model sees for ``text``.

    A list of tokens is taken as it is (lower-cased; a token with a digit becomes
    ``number`` and one with an ``@`` becomes ``email``, as in LaporGub's history). A string
    goes through
    :func:`basic_tokens` (``"basic"``), :func:`stemmed_tokens` (``"stemmed"``) or, when it is
    already tokens, :func:`parse_tokens` (``"given"``).
    """
    if isinstance(text, str):
        if form == "basic":
            return basic_tokens(text)
        if form == "stemmed":
            return stemmed_tokens(text)
        return _no_digits(parse_tokens(text))
    if isinstance(text, Sequence):
        if not all(isinstance(t, str) for t in text):
            raise TriageInputError("a token list may hold only strings")
        return _no_digits([t.lower() for t in text[:MAX_TOKENS] if t])
    raise TriageInputError(
        f"a text must be a string or a list of tokens, got {type(text).__name__}"
    )


def _softmax(scores: npt.NDArray[np.float64], temperature: float) -> npt.NDArray[np.float64]:
    z = scores / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    out: npt.NDArray[np.float64] = e / e.sum(axis=-1, keepdims=True)
    return out


def _fit_temperature(scores: npt.NDArray[np.float64], truth: npt.NDArray[np.int64]) -> float:
    """Return the softmax temperature that minimises the log-loss of out-of-fold scores.

    The targets are smoothed by Laplace's rule (the true label gets ``1 - 1/(n + 2)``): when
    every out-of-fold guess was right, the plain log-loss would drive the temperature to zero
    and every suggestion, even on a text unlike any in the history, to a confidence of 1.
    """
    n, n_labels = scores.shape
    eps = 1.0 / (n + 2)
    target = np.full((n, n_labels), eps / max(n_labels - 1, 1))
    target[np.arange(n), truth] = 1.0 - eps

    def loss(log_t: float) -> float:
        p = _softmax(scores, math.exp(log_t))
        return float(-(target * np.log(np.clip(p, 1e-12, None))).sum(axis=1).mean())

    grid = np.linspace(math.log(0.01), math.log(100.0), 61)
    best = min(grid, key=loss)
    lo, hi = best - 0.15, best + 0.15  # golden-section refinement around the best grid point
    ratio = (math.sqrt(5) - 1) / 2
    for _ in range(30):
        a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
        if loss(a) < loss(b):
            hi = b
        else:
            lo = a
    return math.exp((lo + hi) / 2)


class TriageModel:
    """Suggest a category or a handling unit for a complaint, fitted on an agency's history.

    Fit with :meth:`fit`, ask with :meth:`suggest` / :meth:`predict`, keep with :meth:`save`
    and :meth:`load` (plain JSON, never pickle). ``threshold`` is the confidence below which
    a suggestion abstains; it was chosen at fit time, on out-of-fold predictions inside the
    training set, as the lowest that reaches ``target_precision``.

    Example:
        >>> model = TriageModel.fit(texts, labels)  # doctest: +SKIP
        >>> model.suggest("Jalan berlubang di depan SD Negeri 2").render()  # doctest: +SKIP
        'suggested: infrastruktur, 0.97'
    """

    def __init__(
        self,
        *,
        labels: Sequence[str],
        blocks: Sequence[FeatureBlock],
        weights: npt.NDArray[np.float32],
        intercept: npt.NDArray[np.float32],
        temperature: float,
        threshold: float,
        target_precision: float,
        preprocessed: bool,
        text_form: TextForm,
        fit_report: FitReport,
        routes: Mapping[str, str] | None = None,
        sdk_version: str = __version__,
        created_at: str | None = None,
    ) -> None:
        """Assemble a model from its parts; use :meth:`fit` or :meth:`load` instead."""
        self.labels: tuple[str, ...] = tuple(labels)
        """The labels the model chooses from."""
        self._blocks = tuple(blocks)
        self._weights = weights
        self._intercept = intercept.astype(np.float64)
        self._temperature = float(temperature)
        self.threshold: float = float(threshold)
        """Confidence below which a suggestion abstains."""
        self.target_precision: float = float(target_precision)
        """Precision the threshold was chosen for."""
        self.preprocessed: bool = preprocessed
        """Whether the model was fitted on stemmed, stop-word-filtered tokens."""
        self.text_form: TextForm = text_form
        """How :meth:`suggest` turns raw text into tokens (``"stemmed"`` when preprocessed)."""
        self.fit_report: FitReport = fit_report
        """How the model was fitted and how it did out of fold."""
        self.routes: dict[str, str] = _check_routes(routes or {}, self.labels)
        """Label → handling unit, used in suggestions (may be empty)."""
        self.sdk_version: str = sdk_version
        """The lapor-sdk version that fitted the model."""
        self.created_at: str = created_at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        """When the model was fitted (ISO 8601, UTC)."""

    def __repr__(self) -> str:
        return (
            f"TriageModel(labels={len(self.labels)}, features={self._weights.shape[0]}, "
            f"threshold={self.threshold:.3f}, preprocessed={self.preprocessed})"
        )

    # -- fitting -------------------------------------------------------------------------------

    @classmethod
    def fit(
        cls,
        texts: Sequence[Text],
        labels: Sequence[str],
        preprocessed: bool = False,
        *,
        text_form: TextForm | Literal["auto"] = "auto",
        target_precision: float = DEFAULT_TARGET_PRECISION,
        folds: int = 3,
        regularisation: float | None = None,
        balance: float | None = None,
        tune: bool | None = None,
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] | None = (2, 5),
        min_df: int = 2,
        max_features: int = 200_000,
        min_examples: int = 2,
        routes: Mapping[str, str] | None = None,
        random_state: int = 0,
        progress: Progress | None = None,
    ) -> TriageModel:
        """Fit a model on (text, label) pairs from an agency's routed history.

        Args:
            texts: The complaint texts. With ``preprocessed``, each is already normalised
                tokens: a list of strings, a space-separated string, or a ``"['a', 'b']"``
                list literal (the LaporGub export).
            labels: One label per text: a category or a unit id. Surrounding spaces are
                stripped (``"bencana "`` and ``"bencana"`` are one label).
            preprocessed: Whether ``texts`` are stemmed, stop-word-filtered tokens; then
                :meth:`suggest` brings raw text into that form.
            text_form: For raw texts, how they become tokens: ``"basic"`` (lower case,
                placeholders, slang written out), ``"stemmed"`` (also stop words dropped
                and words stemmed, :func:`stemmed_tokens`), or ``"auto"``: cross-validate
                both inside the training texts and keep the better (twice the fitting
                time). Ignored with ``preprocessed`` (raw text is then always stemmed).
            target_precision: Precision the abstain threshold must reach on out-of-fold
                predictions (default 0.95).
            folds: Cross-validation folds inside the training set for the threshold and the
                confidence calibration (fewer when a label has fewer examples).
            regularisation: The SVM's ``C``: larger fits the training texts more closely.
                ``None``: tuned (see ``tune``), else :data:`DEFAULT_REGULARISATION` (0.5).
            balance: Class weighting, 0 (none) to 1 (inverse frequency); 0.5 weights a label
                by the inverse square root of its frequency. ``None``: tuned (see ``tune``),
                else :data:`DEFAULT_BALANCE` (0.5).
            tune: Whether to choose ``regularisation`` and ``balance`` (those not given) from
                :data:`TUNE_REGULARISATION` x :data:`TUNE_BALANCE` by the same
                cross-validation inside the training texts, keeping the best out-of-fold
                mean of accuracy and macro-F1 (``fit_report.compared_options`` lists every
                candidate). ``None`` (the default) tunes histories of up to
                :data:`TUNE_MAX_TEXTS` texts; tuning multiplies the fitting time by up to six.
            word_ngrams: Word n-gram range.
            char_ngrams: Character n-gram range inside words, or ``None`` for none.
            min_df: A feature must occur in at least this many texts.
            max_features: Most features kept per block (the most frequent).
            min_examples: Labels with fewer training texts are left out (reported in
                ``fit_report.dropped_labels``); at least 2, so every label can be held out.
            routes: Label → handling unit, shown in suggestions.
            random_state: Seed of the fold assignment.
            progress: Called as ``progress(step, done, total)`` while fitting.

        Returns:
            The fitted model.

        Raises:
            TriageInputError: Texts and labels differ in length, there are fewer than two
                labels with ``min_examples`` texts, or an option is out of range.
            MissingExtraError: scikit-learn is not installed.
        """
        started = time.perf_counter()
        if tune is None:
            tune = len(texts) <= TUNE_MAX_TEXTS
        c_grid = _grid(regularisation, TUNE_REGULARISATION, DEFAULT_REGULARISATION, tune)
        b_grid = _grid(balance, TUNE_BALANCE, DEFAULT_BALANCE, tune)
        for c_value in c_grid:
            for b_value in b_grid:
                _check_options(target_precision, folds, c_value, b_value, min_df, min_examples)
        if len(texts) != len(labels):
            raise TriageInputError(
                f"got {len(texts)} texts but {len(labels)} labels; give one label per text"
            )
        if len(texts) > MAX_FIT_TEXTS:
            raise TriageInputError(
                f"got {len(texts)} texts; at most {MAX_FIT_TEXTS} are fitted in one go"
            )
        clean = [_clean_label(label) for label in labels]
        counts = Counter(clean)
        dropped = {k: v for k, v in sorted(counts.items()) if v < min_examples}
        keep = [i for i, label in enumerate(clean) if label not in dropped]
        kept_labels = sorted({clean[i] for i in keep})
        if len(kept_labels) < 2:
            raise TriageInputError(
                f"need at least 2 labels with {min_examples} or more texts each; got "
                f"{len(kept_labels)} ({len(counts)} labels in all)"
            )
        if preprocessed:
            forms: list[TextForm] = ["stemmed"]
        elif text_form == "auto":
            forms = ["basic", "stemmed"]
        elif text_form in ("basic", "stemmed"):
            forms = [text_form]
        else:
            raise TriageInputError(
                f"text_form must be 'auto', 'basic' or 'stemmed', got {text_form!r}"
            )
        n_folds = min(folds, min(counts[label] for label in kept_labels))
        candidates = [(c, b) for c in c_grid for b in b_grid]
        steps = 2 + n_folds * len(forms) * len(candidates)
        report = progress or (lambda step, done, total: None)
        position = {label: i for i, label in enumerate(kept_labels)}
        y = np.asarray([position[clean[i]] for i in keep], dtype=np.int64)
        sk = _sklearn()
        specs: list[tuple[Kind, tuple[int, int]]] = [("word", word_ngrams)]
        if char_ngrams is not None:
            specs.append(("char", char_ngrams))
        splitter = sk.StratifiedKFold(n_splits=n_folds, shuffle=True, random_state=random_state)
        folds_of = list(splitter.split(np.zeros(len(y)), y))

        best: _Candidate | None = None
        compared: dict[str, float] = {}
        compared_options: dict[str, float] = {}
        done = 0
        for form in forms:
            report(f"reading texts ({form})" if len(forms) > 1 else "reading texts", done, steps)
            source = "given" if preprocessed else form
            tokens = [tokens_of(texts[i], source) for i in keep]
            blocks, matrix = _fit_features(sk, tokens, specs, min_df, max_features)
            for c_value, b_value in candidates:
                weights_by_label = _class_weights(y, len(kept_labels), b_value)
                oof = np.zeros((len(y), len(kept_labels)), dtype=np.float64)
                for k, (train, held) in enumerate(folds_of):
                    done += 1
                    what = f"fold {k + 1} of {n_folds}"
                    if len(candidates) > 1:
                        what += f", C={c_value} balance={b_value}"
                    report(f"cross-validating ({what})", done, steps)
                    w, b = _fit_svm(
                        sk,
                        matrix[train],
                        y[train],
                        len(kept_labels),
                        c_value,
                        weights_by_label,
                        random_state,
                    )
                    oof[held] = np.asarray(matrix[held] @ w) + b
                guess = oof.argmax(axis=1)
                truth_names = [kept_labels[i] for i in y]
                ev = score_predictions(
                    truth_names, [kept_labels[i] for i in guess], oof.max(1), 0.0
                )
                score = round((ev.accuracy + ev.macro_f1) / 2, 6)
                compared[form] = max(score, compared.get(form, 0.0))
                compared_options[f"{form} C={c_value} balance={b_value}"] = score
                if best is None or score > best.score:
                    best = _Candidate(score, form, c_value, b_value, blocks, matrix, oof)
        assert best is not None  # noqa: S101 - forms is never empty
        chosen, blocks, matrix, oof = best.form, best.blocks, best.matrix, best.oof
        regularisation, balance = best.regularisation, best.balance
        weights_by_label = _class_weights(y, len(kept_labels), balance)
        temperature = _fit_temperature(oof, y)
        probs = _softmax(oof, temperature)
        confidence = probs.max(axis=1)
        predicted = probs.argmax(axis=1)
        threshold, reached = choose_threshold(predicted == y, confidence, target_precision)
        held_out = score_predictions(
            [kept_labels[i] for i in y], [kept_labels[i] for i in predicted], confidence, threshold
        )

        report("fitting the final model", steps - 1, steps)
        weights, intercept = _fit_svm(
            sk, matrix, y, len(kept_labels), regularisation, weights_by_label, random_state
        )
        report("done", steps, steps)
        fit_report = FitReport(
            n_texts=len(y),
            n_features=int(weights.shape[0]),
            label_counts={
                label: int(c) for label, c in zip(kept_labels, np.bincount(y), strict=True)
            },
            dropped_labels=dropped,
            folds=n_folds,
            options={
                "regularisation": regularisation,
                "balance": balance,
                "word_ngrams": list(word_ngrams),
                "char_ngrams": None if char_ngrams is None else list(char_ngrams),
                "min_df": min_df,
                "max_features": max_features,
                "min_examples": min_examples,
                "random_state": random_state,
                "text_form": chosen,
                "tuned": tune and len(candidates) > 1,
            },
            compared_text_forms=compared if len(compared) > 1 else {},
            compared_options=compared_options if len(compared_options) > 1 else {},
            fit_seconds=round(time.perf_counter() - started, 3),
            accuracy=held_out.accuracy,
            macro_f1=held_out.macro_f1,
            coverage_at_threshold=held_out.coverage_at_threshold,
            accuracy_at_threshold=held_out.accuracy_at_threshold,
            target_reached=reached,
        )
        return cls(
            labels=kept_labels,
            blocks=blocks,
            weights=weights.astype(np.float32),
            intercept=intercept.astype(np.float32),
            temperature=temperature,
            threshold=threshold,
            target_precision=target_precision,
            preprocessed=preprocessed,
            text_form=chosen,
            fit_report=fit_report,
            routes=routes,
        )

    # -- suggesting ----------------------------------------------------------------------------

    def _scores(self, text: Text) -> npt.NDArray[np.float64]:
        tokens = tokens_of(text, self.text_form)
        idx, values = vectorise(tokens, self._blocks)
        scores: npt.NDArray[np.float64] = values.astype(np.float64) @ self._weights[idx]
        return scores + self._intercept

    def _suggestion(self, probs: npt.NDArray[np.float64]) -> Suggestion:
        order = np.argsort(-probs, kind="stable")
        best = int(order[0])
        label, confidence = self.labels[best], float(probs[best])
        return Suggestion(
            label=label,
            confidence=confidence,
            alternatives=[
                (self.labels[int(i)], float(probs[i])) for i in order[1 : 1 + ALTERNATIVES]
            ],
            abstain=confidence < self.threshold,
            threshold=self.threshold,
            unit=self.routes.get(label),
        )

    def suggest(self, text: Text) -> Suggestion:
        """Suggest a label for one complaint.

        Args:
            text: The complaint as the citizen wrote it (title and description), or a list
                of tokens already in the model's form. Only the first 20,000 characters count.

        Returns:
            The label, its confidence, the runners-up, and whether to abstain.
        """
        return self._suggestion(_softmax(self._scores(text), self._temperature))

    def suggest_many(self, texts: Sequence[Text]) -> list[Suggestion]:
        """Suggest a label for each text (see :meth:`suggest`)."""
        return [self.suggest(text) for text in texts]

    def predict(self, texts: Sequence[Text]) -> list[str]:
        """Return the most likely label of each text (abstaining or not)."""
        return [self.labels[int(np.argmax(self._scores(text)))] for text in texts]

    def with_routes(self, routes: Mapping[str, str]) -> TriageModel:
        """Return a copy whose suggestions name a handling unit for each routed label.

        Raises:
            TriageInputError: A route names a label the model does not know.
        """
        copy = object.__new__(TriageModel)
        copy.__dict__.update(self.__dict__)
        copy.routes = _check_routes(routes, self.labels)
        return copy

    # -- files ---------------------------------------------------------------------------------

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the model to ``path`` as one JSON file (arrays compressed, no pickle)."""
        data = ModelData(
            format=FORMAT,
            format_version=FORMAT_VERSION,
            sdk_version=self.sdk_version,
            created_at=self.created_at,
            labels=list(self.labels),
            threshold=self.threshold,
            target_precision=self.target_precision,
            preprocessed=self.preprocessed,
            text_form=self.text_form,
            routes=dict(self.routes),
            features=[
                BlockData(
                    kind=b.kind,
                    ngram_range=[b.low, b.high],
                    vocabulary=list(b.vocabulary),
                    idf=encode_array(b.idf, "float32"),
                )
                for b in self._blocks
            ],
            classifier=ClassifierData(
                weights=encode_array(self._weights, "float32"),
                intercept=encode_array(self._intercept, "float32"),
                temperature=self._temperature,
            ),
            fit_report=self.fit_report,
        )
        write_model(data, path)

    @classmethod
    def load(cls, path: str | os.PathLike[str], *, max_bytes: int = MAX_MODEL_BYTES) -> TriageModel:
        """Read a model written by :meth:`save`; nothing in the file is executed.

        Args:
            path: The model file.
            max_bytes: Largest file read (256 MiB by default).

        Raises:
            ModelFileError: The file is missing, too large, not JSON, of another format or
                version, or inconsistent (shapes, sizes, duplicate labels or features,
                values that are not finite numbers).
        """
        from ._errors import ModelFileError

        data = read_model(path, max_bytes=max_bytes)
        labels = data.labels
        if len(set(labels)) != len(labels) or any(label != label.strip() for label in labels):
            raise ModelFileError(f"model file {path} has duplicate or space-padded labels")
        blocks = []
        for i, b in enumerate(data.features):
            low, high = b.ngram_range
            if low > high:
                raise ModelFileError(
                    f"model file {path}: features[{i}] has n-gram range {low}..{high}"
                )
            if len(set(b.vocabulary)) != len(b.vocabulary):
                raise ModelFileError(f"model file {path}: features[{i}] repeats a vocabulary entry")
            idf = decode_array(b.idf, name=f"features[{i}].idf", shape=(len(b.vocabulary),))
            blocks.append(FeatureBlock(b.kind, low, high, tuple(b.vocabulary), idf))
        n_features = sum(b.size for b in blocks)
        c = data.classifier
        weights = decode_array(
            c.weights, name="classifier.weights", shape=(n_features, len(labels))
        )
        intercept = decode_array(c.intercept, name="classifier.intercept", shape=(len(labels),))
        try:
            return cls(
                labels=labels,
                blocks=blocks,
                weights=weights,
                intercept=intercept,
                temperature=c.temperature,
                threshold=data.threshold,
                target_precision=data.target_precision,
                preprocessed=data.preprocessed,
                text_form=data.text_form,
                fit_report=data.fit_report,
                routes=data.routes,
                sdk_version=data.sdk_version,
                created_at=data.created_at,
            )
        except TriageInputError as exc:
            raise ModelFileError(f"model file {path}: {exc}") from None


# -- helpers ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class _Candidate:
    """The best text form and options so far, with their features and out-of-fold scores."""

    score: float
    form: TextForm
    regularisation: float
    balance: float
    blocks: list[FeatureBlock]
    matrix: Any
    oof: npt.NDArray[np.float64]


def _grid(
    given: float | None, grid: tuple[float, ...], default: float, tune: bool
) -> tuple[float, ...]:
    if given is not None:
        return (given,)
    return grid if tune else (default,)


def _clean_label(label: object) -> str:
    if not isinstance(label, str):
        raise TriageInputError(f"labels must be strings, got {type(label).__name__}")
    clean = label.strip()
    if not clean or len(clean) > MAX_LABEL_CHARS:
        raise TriageInputError(
            f"label {label[:40]!r} must be 1 to {MAX_LABEL_CHARS} characters after stripping"
        )
    return clean


def _check_routes(routes: Mapping[str, str], labels: Sequence[str]) -> dict[str, str]:
    known = set(labels)
    out: dict[str, str] = {}
    for label, unit in routes.items():
        if label not in known:
            raise TriageInputError(
                f"route for {label[:60]!r}: the model has no such label; labels are "
                f"{', '.join(sorted(known)[:10])}{' …' if len(known) > 10 else ''}"
            )
        if not isinstance(unit, str) or not unit.strip() or len(unit) > MAX_LABEL_CHARS:
            raise TriageInputError(
                f"route for {label[:60]!r} must name a unit of 1 to {MAX_LABEL_CHARS} characters"
            )
        out[label] = unit.strip()
    return out


def _check_options(
    target_precision: float,
    folds: int,
    regularisation: float,
    balance: float,
    min_df: int,
    min_examples: int,
) -> None:
    problems = []
    if not 0 < target_precision <= 1:
        problems.append(f"target_precision must be in (0, 1], got {target_precision}")
    if not 2 <= folds <= 20:
        problems.append(f"folds must be 2 to 20, got {folds}")
    if not 0 < regularisation < math.inf:
        problems.append(f"regularisation must be a positive number, got {regularisation}")
    if not 0 <= balance <= 1:
        problems.append(f"balance must be in [0, 1], got {balance}")
    if min_df < 1:
        problems.append(f"min_df must be at least 1, got {min_df}")
    if min_examples < 2:
        problems.append(f"min_examples must be at least 2, got {min_examples}")
    if problems:
        raise TriageInputError("; ".join(problems))


class _Sk:
    """The scikit-learn names fitting uses, imported on first fit."""

    def __init__(self) -> None:
        try:
            from scipy import sparse
            from sklearn.exceptions import ConvergenceWarning
            from sklearn.model_selection import StratifiedKFold
            from sklearn.svm import LinearSVC
        except ImportError:
            raise missing_extra("scikit-learn") from None
        self.sparse = sparse
        self.ConvergenceWarning = ConvergenceWarning
        self.StratifiedKFold = StratifiedKFold
        self.LinearSVC = LinearSVC


def _sklearn() -> _Sk:
    return _Sk()


def _fit_features(
    sk: _Sk,
    tokens: list[list[str]],
    specs: list[tuple[Kind, tuple[int, int]]],
    min_df: int,
    max_features: int,
) -> tuple[list[FeatureBlock], Any]:
    blocks: list[FeatureBlock] = []
    matrices = []
    for kind, (low, high) in specs:
        if not 1 <= low <= high <= 8:
            raise TriageInputError(
                f"{kind} n-gram range must satisfy 1 <= low <= high <= 8, got {low}..{high}"
            )
        block, matrix = fit_block(
            tokens, kind, low, high, min_df=min(min_df, len(tokens)), max_features=max_features
        )
        if block.size == 0:
            raise TriageInputError(
                f"the texts have no {kind} features occurring in {min_df} or more texts; "
                "give longer texts or a smaller min_df"
            )
        blocks.append(block)
        matrices.append(matrix)
    return blocks, sk.sparse.hstack(matrices, format="csr")


def _class_weights(y: npt.NDArray[np.int64], n_labels: int, balance: float) -> dict[int, float]:
    counts = np.bincount(y, minlength=n_labels)
    return {i: float((len(y) / (n_labels * c)) ** balance) for i, c in enumerate(counts)}


def _fit_svm(
    sk: _Sk,
    matrix: Any,
    y: npt.NDArray[np.int64],
    n_labels: int,
    regularisation: float,
    class_weight: dict[int, float],
    random_state: int,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Fit the SVM; return weights (features x labels) and intercepts (labels)."""
    svm = sk.LinearSVC(
        C=regularisation, class_weight=class_weight, max_iter=5000, random_state=random_state
    )
    with warnings.catch_warnings():
        # A fold that stops short of full convergence still gives usable scores.
        warnings.simplefilter("ignore", sk.ConvergenceWarning)
        svm.fit(matrix, y)
    coef = np.asarray(svm.coef_, dtype=np.float64)
    intercept = np.asarray(svm.intercept_, dtype=np.float64)
    present = list(svm.classes_)
    if len(present) == 2 and coef.shape[0] == 1:
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    weights = np.zeros((coef.shape[1], n_labels))
    bias = np.full(n_labels, -1e3)  # a label missing from this fold's training part
    for row, label in enumerate(present):
        weights[:, int(label)] = coef[row]
        bias[int(label)] = intercept[row]
    return weights, bias
