"""The calibrated attach decision: a logistic regression over the pair signals.

The coefficients live in ``attach_model.json`` next to this module. They are written by
``scripts/fit_hoax_matcher.py`` (fitted on TurnBackHoax 2024 and older Komdigi pairs, never on
the 2025-2026 evaluation split) and applied here with NumPy only, so the runtime needs no
scikit-learn. An agency can fit its own file on its confirmed merges and load it with
:meth:`AttachModel.load` (or point ``HOAX_MATCH_MODEL`` at it).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from hoax_clinic._exceptions import InvalidClaimInputError

__all__ = ["MODEL_ENV", "AttachModel", "default_model", "fit_logistic"]

MODEL_ENV = "HOAX_MATCH_MODEL"
"""Environment variable naming a model file to use instead of the shipped one."""

_MAX_MODEL_BYTES = 64_000


@dataclass(frozen=True, slots=True)
class AttachModel:
    """Logistic-regression weights over named signals, and the attach threshold.

    ``probability = 1 / (1 + exp(-(intercept + sum(coef[i] * (x[i] - mean[i]) / scale[i]))))``
    """

    features: tuple[str, ...]
    """Signal names, in the order of :attr:`coef`."""
    coef: tuple[float, ...]
    """One weight per standardised signal."""
    intercept: float
    """The bias term."""
    mean: tuple[float, ...]
    """Per-signal mean used to standardise (from the fitting data)."""
    scale: tuple[float, ...]
    """Per-signal standard deviation used to standardise (1 where it was 0)."""
    threshold: float = 0.5
    """Attach when the probability reaches this."""
    meta: Mapping[str, Any] = field(default_factory=dict)
    """Provenance: data sets, pair counts, date of fitting."""

    def __post_init__(self) -> None:
        """Check the shapes and ranges."""
        n = len(self.features)
        if not n or any(len(v) != n for v in (self.coef, self.mean, self.scale)):
            raise InvalidClaimInputError(
                "attach model: features, coef, mean, scale differ in length"
            )
        values = (*self.coef, *self.mean, *self.scale, self.intercept, self.threshold)
        if not all(math.isfinite(v) for v in values) or any(s <= 0 for s in self.scale):
            raise InvalidClaimInputError("attach model: a weight is not a finite number")
        if not 0.0 < self.threshold < 1.0:
            raise InvalidClaimInputError("attach model: threshold must be in (0, 1)")

    def probabilities(self, rows: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """Apply the model to a matrix of signals (one row per pair, columns as features)."""
        x = np.asarray(rows, dtype=np.float64).reshape(-1, len(self.features))
        z = (x - np.asarray(self.mean)) / np.asarray(self.scale)
        logit = z @ np.asarray(self.coef) + self.intercept
        out: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.clip(logit, -40.0, 40.0)))
        return out

    def probability(self, values: Mapping[str, float]) -> float:
        """Apply the model to one pair's signals, given by name."""
        return float(self.probabilities([[values[f] for f in self.features]])[0])

    def contributions(self, values: Mapping[str, float]) -> dict[str, float]:
        """Each signal's share of the logit (weight times standardised value), by name."""
        return {
            f: c * (values[f] - m) / s
            for f, c, m, s in zip(self.features, self.coef, self.mean, self.scale, strict=True)
        }

    def to_json(self) -> str:
        """Serialise as the JSON :meth:`load` reads."""
        doc = {
            "features": list(self.features),
            "coef": [round(c, 6) for c in self.coef],
            "intercept": round(self.intercept, 6),
            "mean": [round(m, 6) for m in self.mean],
            "scale": [round(s, 6) for s in self.scale],
            "threshold": round(self.threshold, 4),
            "meta": dict(self.meta),
        }
        return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> AttachModel:
        """Read a model from its JSON text.

        Raises:
            InvalidClaimInputError: The text is not a valid model.
        """
        if len(text) > _MAX_MODEL_BYTES:
            raise InvalidClaimInputError("attach model file is too large to be a model")
        try:
            doc = json.loads(text)
            return cls(
                features=tuple(str(f) for f in doc["features"]),
                coef=tuple(float(c) for c in doc["coef"]),
                intercept=float(doc["intercept"]),
                mean=tuple(float(m) for m in doc["mean"]),
                scale=tuple(float(s) for s in doc["scale"]),
                threshold=float(doc.get("threshold", 0.5)),
                meta=dict(doc.get("meta", {})),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise InvalidClaimInputError(f"attach model is not valid: {exc}"[:200]) from None

    @classmethod
    def load(cls, path: str | Path) -> AttachModel:
        """Read a model file written by ``scripts/fit_hoax_matcher.py``."""
        return cls.from_json(Path(path).read_text(encoding="utf-8"))


@cache
def _shipped() -> AttachModel:
    text = resources.files("hoax_clinic.matching").joinpath("attach_model.json").read_text("utf-8")
    return AttachModel.from_json(text)


def default_model() -> AttachModel:
    """The model named by ``HOAX_MATCH_MODEL``, else the one shipped with the package."""
    path = os.environ.get(MODEL_ENV)
    return AttachModel.load(path) if path else _shipped()


def fit_logistic(
    features: Sequence[str],
    rows: npt.ArrayLike,
    labels: npt.ArrayLike,
    *,
    l2: float = 1.0,
    sample_weight: npt.ArrayLike | None = None,
    iterations: int = 50,
) -> AttachModel:
    """Fit an L2-regularised logistic regression by Newton's method (NumPy only).

    Signals are standardised first; the intercept is not penalised. With the same ``l2`` (as
    ``1 / C``) this reaches the optimum scikit-learn's ``LogisticRegression`` reaches.

    Args:
        features: Names of the columns of ``rows``.
        rows: Signals, one row per labelled pair.
        labels: 1 for "same claim", 0 for "different claims".
        l2: Penalty on the squared weights.
        sample_weight: Optional weight per row (e.g. to balance pair sources).
        iterations: Upper bound on Newton steps.

    Returns:
        The fitted model, threshold 0.5 (choose another with ``dataclasses.replace``).
    """
    x = np.asarray(rows, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    w = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    if x.ndim != 2 or x.shape != (len(y), len(features)) or len(w) != len(y):
        raise InvalidClaimInputError("fit_logistic: rows, labels and features do not line up")
    if not (y.min() < y.max()):
        raise InvalidClaimInputError("fit_logistic needs pairs of both labels")
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(y), 1))])
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -40, 40)))
        grad = z.T @ (w * (p - y)) + penalty * beta
        hess = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return AttachModel(
        features=tuple(features),
        coef=tuple(float(b) for b in beta[:-1]),
        intercept=float(beta[-1]),
        mean=tuple(float(m) for m in mean),
        scale=tuple(float(s) for s in scale),
    )
