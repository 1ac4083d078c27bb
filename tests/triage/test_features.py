"""Our TF-IDF features are exactly scikit-learn's, and one text's vector is its matrix row."""

from __future__ import annotations

from functools import partial

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from lapor_sdk.triage._features import analyse, char_ngrams, fit_block, vectorise

docs_strategy = st.lists(
    st.lists(
        st.sampled_from(["jalan", "rusak", "lampu", "mati", "di", "a", "sekolah", "x"]), max_size=8
    ),
    min_size=2,
    max_size=12,
).filter(lambda docs: any(docs))


def test_char_ngrams_match_char_wb() -> None:
    assert char_ngrams(["ab"], 2, 3) == [" a", "ab", "b ", " ab", "ab "]
    assert char_ngrams(["a"], 3, 4) == [" a ", " a "]


@given(docs=docs_strategy, kind=st.sampled_from(["word", "char"]), min_df=st.integers(1, 2))
def test_fit_block_equals_scikit_learn(docs: list[list[str]], kind: str, min_df: int) -> None:
    low, high = (1, 2) if kind == "word" else (2, 4)
    block, matrix = fit_block(docs, kind, low, high, min_df=min_df, max_features=10_000)  # type: ignore[arg-type]
    reference = TfidfVectorizer(
        analyzer=partial(analyse, kind=kind, low=low, high=high),
        lowercase=False,
        token_pattern=None,
        sublinear_tf=True,
        min_df=min_df,
    )
    try:
        expected = reference.fit_transform(docs)
    except ValueError:  # scikit-learn refuses an empty vocabulary
        assert block.size == 0
        return
    assert set(block.vocabulary) == set(reference.vocabulary_)
    order = [reference.vocabulary_[f] for f in block.vocabulary]
    np.testing.assert_allclose(block.idf, reference.idf_[order], rtol=1e-6)
    np.testing.assert_allclose(matrix.toarray(), expected[:, order].toarray(), atol=1e-6)
    for i, tokens in enumerate(docs):
        idx, values = vectorise(tokens, [block])
        row = np.zeros(block.size)
        row[idx] = values
        np.testing.assert_allclose(row, matrix[i].toarray().ravel(), atol=1e-6)
