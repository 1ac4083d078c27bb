"""Fit the attach model on labelled pairs (the shipped one, or an agency's own).

```python
from hoax_clinic.matching import fit_attach_model

model = fit_attach_model([("bansos 600rb cair", "Bansos Rp600.000 cair", True),
                          ("bansos 600rb cair", "Bansos Rp1 juta cair", False), ...])
open("my_model.json", "w").write(model.to_json())   # then HOAX_MATCH_MODEL=my_model.json
```

``scripts/fit_hoax_matcher.py`` builds the shipped model with this function; ``hoax
refit-matcher`` fits one on a clinic's own confirmed merges.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from hoax_clinic._exceptions import InvalidClaimInputError

from ._index import features
from ._model import AttachModel, fit_logistic
from ._normalize import normalize
from ._score import SIGNALS, Rarity, Signature, rarity_from_counts, signals, signature

__all__ = [
    "choose_threshold",
    "corpus_rarity",
    "fit_attach_model",
    "pair_signals",
    "signal_matrix",
]

_MIN_PAIRS = 20


@lru_cache(maxsize=65_536)
def _signature(text: str) -> Signature:
    return signature(normalize(text), text)


def pair_signals(a: str, b: str, rarity: Rarity | None = None) -> dict[str, float]:
    """The attach model's signals for two raw texts, by name (see :data:`SIGNALS`)."""
    return signals(_signature(a), _signature(b), rarity=rarity)


def corpus_rarity(texts: Iterable[str]) -> Rarity:
    """Word rarity in a collection of raw texts, as a :class:`ClaimIndex` of them has it."""
    df: Counter[str] = Counter()
    n = 0
    for text in texts:
        df.update(features(normalize(text)))
        n += 1
    return rarity_from_counts(df, n)


def signal_matrix(
    pairs: Iterable[tuple[str, str]], rarity: Rarity | None = None
) -> npt.NDArray[np.float64]:
    """One row of :data:`SIGNALS` per pair of raw texts."""
    rows = [[s[f] for f in SIGNALS] for s in (pair_signals(a, b, rarity) for a, b in pairs)]
    return np.asarray(rows, dtype=np.float64).reshape(-1, len(SIGNALS))


def choose_threshold(
    probabilities: Sequence[float], labels: Sequence[bool], *, min_apart: float = 0.0
) -> float:
    """The threshold maximising the mean of recall and the share of negatives kept apart.

    Args:
        probabilities: The model's probabilities on labelled pairs.
        labels: True for "same claim".
        min_apart: Only thresholds keeping at least this share of negatives apart qualify.

    Returns:
        A threshold in [0.05, 0.95].
    """
    p = np.asarray(probabilities, dtype=np.float64)
    y = np.asarray(labels, dtype=bool)
    best, best_value = 0.5, -1.0
    for t in np.arange(0.05, 0.951, 0.01):
        recall = float((p[y] >= t).mean()) if y.any() else 1.0
        apart = float((p[~y] < t).mean()) if (~y).any() else 1.0
        if apart < min_apart:
            continue
        if recall + apart > best_value + 1e-12:
            best, best_value = float(round(t, 2)), recall + apart
    return best


def fit_attach_model(
    pairs: Iterable[tuple[str, str, bool]],
    *,
    weights: Sequence[float] | None = None,
    l2: float = 1.0,
    corpus: Iterable[str] | None = None,
    meta: Mapping[str, Any] | None = None,
) -> AttachModel:
    """Fit the attach model on labelled pairs of raw texts and choose its threshold.

    Args:
        pairs: ``(text_a, text_b, same_claim)`` triples; both labels must occur.
        weights: Optional weight per pair (e.g. to balance pair sources).
        l2: Ridge penalty on the standardised weights.
        corpus: The collection the texts are searched in (word rarity for ``rare_cover``);
            default: every text of ``pairs``.
        meta: Provenance written into the model file.

    Returns:
        The model; its threshold maximises recall plus the share of different pairs kept
        apart on the same pairs (weighted as given).

    Raises:
        InvalidClaimInputError: Fewer than 20 pairs, or only one label.
    """
    rows = list(pairs)
    if len(rows) < _MIN_PAIRS:
        raise InvalidClaimInputError(
            f"{len(rows)} labelled pairs are too few to fit; give at least {_MIN_PAIRS}"
        )
    texts = corpus if corpus is not None else dict.fromkeys(t for a, b, _ in rows for t in (a, b))
    x = signal_matrix(((a, b) for a, b, _ in rows), corpus_rarity(texts))
    y = np.array([bool(same) for _, _, same in rows])
    model = fit_logistic(SIGNALS, x, y.astype(float), l2=l2, sample_weight=weights)
    probs = model.probabilities(x)
    if weights is None:
        threshold = choose_threshold(probs.tolist(), y.tolist())
    else:
        # Resample by weight so that the threshold sees the balanced mix the fit saw.
        w = np.asarray(weights, dtype=np.float64)
        rng = np.random.default_rng(0)
        pick = rng.choice(len(rows), size=4 * len(rows), p=w / w.sum())
        threshold = choose_threshold(probs[pick].tolist(), y[pick].tolist())
    return dataclasses.replace(
        model, threshold=threshold, meta={"pairs": len(rows), **dict(meta or {})}
    )
