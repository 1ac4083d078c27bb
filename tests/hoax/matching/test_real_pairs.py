"""The real labelled pairs of ``scripts/hoax_pairs.py``: split by date, built from the data.

Skipped when ``../shared/data`` is absent (the texts are never copied into the repository).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[3] / "scripts"
sys.path.insert(0, str(SCRIPTS))

import hoax_pairs  # noqa: E402

pytestmark = pytest.mark.skipif(not hoax_pairs.available(), reason="../shared/data is absent")


@pytest.fixture(scope="module")
def splits() -> tuple[list[hoax_pairs.Pair], list[hoax_pairs.Pair]]:
    fit = hoax_pairs.fit_pairs()
    held_out, _, _ = hoax_pairs.eval_pairs()
    return fit, held_out


def test_the_fit_split_never_contains_2025_2026_material(
    splits: tuple[list[hoax_pairs.Pair], list[hoax_pairs.Pair]],
) -> None:
    fit, _ = splits
    recent = {a["post"] for a in hoax_pairs.tbh_2026()} | {
        a["title"] for a in hoax_pairs.tbh_2026()
    }
    recent |= {k["title"] for k in hoax_pairs.komdigi() if k["split"] == "eval"}
    fit_texts = {p.a for p in fit} | {p.b for p in fit}
    assert not (fit_texts & recent - {""})


def test_both_splits_have_every_kind_of_pair(
    splits: tuple[list[hoax_pairs.Pair], list[hoax_pairs.Pair]],
) -> None:
    fit, held_out = splits
    fit_kinds = {p.kind for p in fit}
    assert {"title-post", "title-title", "summary-title", "hard-negative", "unrelated"} <= fit_kinds
    assert len([p for p in fit if p.kind == "title-post"]) > 3000
    eval_kinds = {p.kind for p in held_out}
    assert {"post-title", "title-title", "hard-negative", "unrelated"} <= eval_kinds
    for pair in fit + held_out:
        assert pair.same == (pair.kind not in ("hard-negative", "unrelated"))
        assert pair.a != pair.b or pair.same


def test_hard_negatives_are_similar_but_not_the_true_title(
    splits: tuple[list[hoax_pairs.Pair], list[hoax_pairs.Pair]],
) -> None:
    fit, _ = splits
    truth: dict[str, set[str]] = {}
    for p in fit:
        if p.same:
            truth.setdefault(p.a, set()).add(p.b)
    negatives = [p for p in fit if not p.same]
    assert negatives
    assert all(p.b not in truth.get(p.a, set()) for p in negatives)


def test_slug_titles() -> None:
    url = "https://turnbackhoax.id/articles/35352-salah-gunung-lawu-bakal-erupsi-besar"
    assert hoax_pairs.slug_title(url) == "gunung lawu bakal erupsi besar"
    old = (
        "https://turnbackhoax.id/2025/01/17/penipuan-tautan-lowongan-kerja-barista-kopi-janji-jiwa/"
    )
    assert hoax_pairs.slug_title(old) == "tautan lowongan kerja barista kopi janji jiwa"
    assert hoax_pairs.slug_title("https://turnbackhoax.id/articles/31183") is None
