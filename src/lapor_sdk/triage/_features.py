"""TF-IDF features of token lists: word n-grams and character n-grams inside words.

The analysers here are handed to scikit-learn's ``TfidfVectorizer`` when a model is fitted,
and the same analysers with the stored vocabulary and idf weights turn one text into its
feature vector at suggestion time, with NumPy only (no scikit-learn object is ever stored).
Each block is weighted as ``(1 + log tf) * idf`` and scaled to unit length, as
``TfidfVectorizer(sublinear_tf=True, norm="l2")`` does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

__all__ = [
    "FeatureBlock",
    "Kind",
    "analyse",
    "char_ngrams",
    "fit_block",
    "vectorise",
    "word_ngrams",
]

Kind = Literal["word", "char"]


def word_ngrams(tokens: Sequence[str], low: int, high: int) -> list[str]:
    """Return the word n-grams of ``tokens`` for n in ``low..high``, joined by spaces."""
    grams: list[str] = []
    count = len(tokens)
    for n in range(low, high + 1):
        if n == 1:
            grams.extend(tokens)
            continue
        grams.extend(" ".join(tokens[i : i + n]) for i in range(count - n + 1))
    return grams


def char_ngrams(tokens: Sequence[str], low: int, high: int) -> list[str]:
    """Return the character n-grams inside each word padded with spaces (``" jalan "``).

    The same n-grams as scikit-learn's ``analyzer="char_wb"``: a word shorter than n gives
    itself (padded) once.
    """
    grams: list[str] = []
    for token in tokens:
        grams.extend(_word_char_ngrams(token, low, high))
    return grams


@lru_cache(maxsize=200_000)
def _word_char_ngrams(token: str, low: int, high: int) -> tuple[str, ...]:
    # Complaint texts repeat a few thousand words: each word's n-grams are cut once.
    padded = f" {token} "
    size = len(padded)
    grams: list[str] = []
    for n in range(low, high + 1):
        if size <= n:
            grams.append(padded)
            continue
        grams.extend(padded[i : i + n] for i in range(size - n + 1))
    return tuple(grams)


def analyse(tokens: Sequence[str], kind: Kind, low: int, high: int) -> list[str]:
    """Return the features of one block for ``tokens``."""
    if kind == "word":
        return word_ngrams(tokens, low, high)
    return char_ngrams(tokens, low, high)


@dataclass(frozen=True, slots=True, eq=False)
class FeatureBlock:
    """One block of features: its analyser, its vocabulary and its idf weights."""

    kind: Kind
    low: int
    high: int
    vocabulary: tuple[str, ...]
    idf: npt.NDArray[np.float32]
    index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {f: i for i, f in enumerate(self.vocabulary)})

    @property
    def size(self) -> int:
        """Number of features."""
        return len(self.vocabulary)


def vectorise(
    tokens: Sequence[str], blocks: Sequence[FeatureBlock]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """Return the non-zero feature indices and values of ``tokens`` over all ``blocks``.

    Indices of later blocks are offset by the sizes of the earlier ones.
    """
    indices: list[npt.NDArray[np.int64]] = []
    values: list[npt.NDArray[np.float64]] = []
    offset = 0
    for block in blocks:
        counts = Counter(analyse(tokens, block.kind, block.low, block.high))
        lookup = block.index.get
        idx = np.array([lookup(f, -1) for f in counts], dtype=np.int64)
        known = idx >= 0
        if known.any():
            idx = idx[known]
            tf = 1.0 + np.log(np.array(list(counts.values()), dtype=np.float64)[known])
            weights = tf * block.idf[idx]
            norm = float(np.sqrt(np.dot(weights, weights)))
            if norm > 0:
                weights /= norm
            indices.append(idx + offset)
            values.append(weights)
        offset += block.size
    if not indices:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return np.concatenate(indices), np.concatenate(values).astype(np.float32)


def _csr(rows: list[dict[int, int]], n_cols: int) -> Any:
    from scipy import sparse

    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=int(indptr[-1]))
    data = np.fromiter((c for r in rows for c in r.values()), np.float64, int(indptr[-1]))
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), n_cols))


def _count(docs: Sequence[Sequence[str]], kind: Kind, low: int, high: int) -> tuple[Any, list[str]]:
    """Return the feature count matrix of ``docs`` and the feature names of its columns."""
    names: dict[str, int] = {}
    if kind == "word":
        rows = []
        for tokens in docs:
            row: dict[int, int] = {}
            for gram in word_ngrams(tokens, low, high):
                j = names.setdefault(gram, len(names))
                row[j] = row.get(j, 0) + 1
            rows.append(row)
        return _csr(rows, len(names)), list(names)
    # Character n-grams inside words add up word by word: counts = (doc x word) @ (word x gram).
    words: dict[str, int] = {}
    doc_rows = []
    for tokens in docs:
        row = {}
        for token in tokens:
            j = words.setdefault(token, len(words))
            row[j] = row.get(j, 0) + 1
        doc_rows.append(row)
    word_rows = []
    for word in words:
        row = {}
        for gram in _word_char_ngrams(word, low, high):
            j = names.setdefault(gram, len(names))
            row[j] = row.get(j, 0) + 1
        word_rows.append(row)
    counts = _csr(doc_rows, len(words)) @ _csr(word_rows, len(names))
    return counts.tocsr(), list(names)


def fit_block(
    docs: Sequence[Sequence[str]],
    kind: Kind,
    low: int,
    high: int,
    *,
    min_df: int,
    max_features: int,
) -> tuple[FeatureBlock, Any]:
    """Learn one block's vocabulary and idf from ``docs``; return it and the docs' TF-IDF matrix.

    Features in fewer than ``min_df`` documents are dropped, then all but the ``max_features``
    most frequent. The matrix is what :func:`vectorise` gives for each document (as with
    scikit-learn's ``TfidfVectorizer(sublinear_tf=True, smooth_idf=True, norm="l2")``).
    """
    from scipy import sparse

    counts, names = _count(docs, kind, low, high)
    counts.sum_duplicates()
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    keep = np.flatnonzero(df >= min_df)
    if keep.size > max_features:
        totals = np.asarray(counts.sum(axis=0)).ravel()[keep]
        keep = np.sort(keep[np.argsort(-totals, kind="stable")[:max_features]])
    counts = counts[:, keep].tocsr()
    n_docs = counts.shape[0]
    idf = (np.log((1 + n_docs) / (1 + df[keep])) + 1).astype(np.float32)
    counts.data = 1.0 + np.log(counts.data)
    tfidf = counts @ sparse.diags(idf.astype(np.float64))
    norms = np.sqrt(np.asarray(tfidf.multiply(tfidf).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    tfidf = sparse.diags(1.0 / norms) @ tfidf
    block = FeatureBlock(kind, low, high, tuple(names[i] for i in keep), idf)
    return block, tfidf.tocsr()
