"""Fit the attach model shipped as ``src/hoax_clinic/matching/attach_model.json``.

Pairs: the ``fit`` split of ``scripts/hoax_pairs.py`` only (TurnBackHoax 2024 and Komdigi
items citing TurnBackHoax articles from 2024 or before). The 2025-2026 articles are never
read here; ``benchmarks/hoax_matching_eval.py`` measures the model on them.

Run: ``.venv/bin/python scripts/fit_hoax_matcher.py [--out PATH] [--check-sklearn]``

``--check-sklearn`` (needs the ``triage`` extra) fits scikit-learn's ``LogisticRegression``
with the same penalty and prints the largest difference in coefficients, as a check on the
NumPy fit. The runtime never needs scikit-learn.

An agency fits its own model on its confirmed merges with ``hoax refit-matcher`` instead.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hoax_pairs

from hoax_clinic.matching import fit_attach_model
from hoax_clinic.matching._calibrate import corpus_rarity, signal_matrix
from hoax_clinic.matching._score import SIGNALS

DEFAULT_OUT = hoax_pairs.ROOT / "src" / "hoax_clinic" / "matching" / "attach_model.json"
L2 = 1.0


def main() -> None:
    """Build the fit pairs, fit, write the model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check-sklearn", action="store_true")
    args = parser.parse_args()
    if not hoax_pairs.available():
        sys.exit(f"{hoax_pairs.SHARED} is missing: the fit needs the shared real data")
    pairs = hoax_pairs.fit_pairs()
    weights = hoax_pairs.balanced_weights(pairs)
    kinds = Counter(p.kind for p in pairs)
    print(f"fit pairs: {len(pairs)} {dict(kinds)}")
    # Word rarity as an index of the claims (the ``b`` side: titles) would have it.
    corpus = list(dict.fromkeys(p.b for p in pairs))
    model = fit_attach_model(
        [(p.a, p.b, p.same) for p in pairs],
        weights=weights,
        l2=L2,
        corpus=corpus,
        meta={
            "fitted_by": "scripts/fit_hoax_matcher.py",
            "fitted_on": "TurnBackHoax 2024 (title/post, re-checks) + Komdigi items citing "
            "TurnBackHoax articles of 2024 or before; hard negatives mined by BM25",
            "pair_kinds": dict(kinds),
            "date": datetime.now(UTC).date().isoformat(),
        },
    )
    args.out.write_text(model.to_json(), encoding="utf-8")
    print(f"threshold {model.threshold}; written to {args.out}")
    for name, coef in sorted(
        zip(model.features, model.coef, strict=True), key=lambda t: -abs(t[1])
    ):
        print(f"  {name:<15} {coef:+.3f}")
    if args.check_sklearn:
        from sklearn.linear_model import LogisticRegression

        x = signal_matrix(((p.a, p.b) for p in pairs), corpus_rarity(corpus))
        z = (x - np.asarray(model.mean)) / np.asarray(model.scale)
        y = np.array([p.same for p in pairs])
        sk = LogisticRegression(C=1.0 / L2, max_iter=2000, tol=1e-10)
        sk.fit(z, y, sample_weight=np.asarray(weights))
        diff = np.max(np.abs(sk.coef_[0] - np.asarray(model.coef)))
        print(f"scikit-learn check: largest coefficient difference {diff:.2e}")
        if list(SIGNALS) != list(model.features):
            sys.exit("the model file and SIGNALS disagree")


if __name__ == "__main__":
    main()
