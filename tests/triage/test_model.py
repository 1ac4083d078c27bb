"""Fitting, suggesting and abstaining on a small hand-made history."""

from __future__ import annotations

import numpy as np
import pytest

from lapor_sdk import LaporError
from lapor_sdk.triage import (
    Suggestion,
    TriageError,
    TriageInputError,
    TriageModel,
    stemmed_tokens,
)
from lapor_sdk.triage._evaluate import choose_threshold
from lapor_sdk.triage._model import (
    DEFAULT_BALANCE,
    DEFAULT_REGULARISATION,
    TUNE_BALANCE,
    TUNE_MAX_TEXTS,
    TUNE_REGULARISATION,
)

from .conftest import make_corpus


def test_suggests_the_category_with_runners_up(model: TriageModel) -> None:
    s = model.suggest("Jalan di depan balai desa rusak berlubang, lampu penerangan jalan mati")
    assert isinstance(s, Suggestion)
    assert s.label == "infrastruktur"
    assert s.unit == "DPU Bina Marga"
    assert 0.0 <= s.confidence <= 1.0
    assert not s.abstain and s.confidence >= model.threshold
    assert [label for label, _ in s.alternatives] == sorted(
        {"kesehatan", "pendidikan"}, key=lambda lab: -dict(s.alternatives)[lab]
    )
    assert s.confidence + sum(p for _, p in s.alternatives) == pytest.approx(1.0, abs=1e-6)
    assert s.render() == f"suggested: infrastruktur → DPU Bina Marga, {s.confidence:.2f}"
    assert str(s) == s.render()


def test_predict_agrees_with_suggest(model: TriageModel) -> None:
    texts = ["puskesmas tutup dan obat habis", "guru honorer belum digaji", "jembatan ambrol"]
    assert model.predict(texts) == [model.suggest(t).label for t in texts]
    assert model.predict(texts) == ["kesehatan", "pendidikan", "infrastruktur"]


def test_abstains_on_text_unlike_its_history(model: TriageModel) -> None:
    s = model.suggest("harga cabai di pasar naik terus, mohon pemerintah turun tangan")
    assert s.abstain
    assert s.confidence < model.threshold
    assert s.render().startswith("not sure (best guess: ")
    empty = model.suggest("")
    assert empty.abstain and empty.label in model.labels


def test_threshold_is_chosen_out_of_fold_for_the_target(model: TriageModel) -> None:
    report = model.fit_report
    assert 0.0 < model.threshold <= 1.0
    assert model.target_precision == 0.95
    assert report.folds == 3 and report.n_texts == 120
    assert report.target_reached
    assert report.accuracy_at_threshold is not None and report.accuracy_at_threshold >= 0.95
    assert report.label_counts == {"infrastruktur": 40, "kesehatan": 40, "pendidikan": 40}


def test_an_unreachable_target_means_abstaining() -> None:
    # Labels assigned at random: nothing can be learned, no share reaches 99 % precision.
    texts, _ = make_corpus(per_label=20, seed=1)
    rng = np.random.default_rng(0)
    labels = list(rng.choice(["a", "b", "c"], size=len(texts)))
    model = TriageModel.fit(texts, labels, target_precision=0.99)
    assert not model.fit_report.target_reached
    assert model.threshold == 1.0
    assert model.suggest(texts[0]).abstain


def test_choose_threshold_needs_evidence_not_luck() -> None:
    confidence = np.linspace(0.99, 0.5, 200)
    correct = np.ones(200, dtype=bool)
    correct[150:] = False  # the 150 surest are right, the rest wrong
    threshold, reached = choose_threshold(correct, confidence, 0.95)
    assert reached
    # 150/150 has a 95 % lower bound of 0.982; with wrong ones added it sinks below 0.95
    # after a few: the share stops between 150 and 160 texts.
    kept = int((confidence >= threshold).sum())
    assert 150 <= kept < 160
    # Three right out of three is luck, not 95 % precision.
    assert choose_threshold(np.array([True] * 3 + [False] * 57), confidence[:60], 0.95) == (
        1.0,
        False,
    )
    assert choose_threshold(~correct, confidence, 0.5) == (1.0, False)


def test_labels_are_stripped_and_rare_labels_left_out() -> None:
    texts, labels = make_corpus(per_label=10)
    labels = [f"{label} " if i % 2 else label for i, label in enumerate(labels)]
    model = TriageModel.fit([*texts, "pungutan liar di kantor"], [*labels, "saberpungli"])
    assert sorted(model.labels) == ["infrastruktur", "kesehatan", "pendidikan"]
    assert model.fit_report.dropped_labels == {"saberpungli": 1}


def test_preprocessed_history_takes_raw_text_through_stemming() -> None:
    texts, labels = make_corpus(per_label=30)
    history = [stemmed_tokens(t) for t in texts]
    assert "baik" in stemmed_tokens("mohon perbaikan jalan")
    model = TriageModel.fit(history, labels, preprocessed=True)
    assert model.preprocessed
    # Raw, slangy text the history never saw in this form.
    s = model.suggest("Tolong pak, jln yg berlubang2 & jembatannya ambrol di ds. tetel")
    assert s.label == "infrastruktur"
    # Token lists and LaporGub-style list literals are taken as they are.
    assert model.suggest(["sekolah", "pungut", "biaya"]).label == "pendidikan"
    joined = [" ".join(tokens) for tokens in history]
    listed = [str(tokens) for tokens in history]
    a = TriageModel.fit(joined, labels, preprocessed=True)
    b = TriageModel.fit(listed, labels, preprocessed=True)
    assert a.predict(texts[:20]) == b.predict(texts[:20]) == model.predict(texts[:20])


@pytest.mark.parametrize(
    ("texts", "labels", "kwargs", "message"),
    [
        pytest.param(["a b", "c d"], ["x"], {}, "got 2 texts but 1 labels", id="lengths"),
        pytest.param(["a b"] * 4, ["x"] * 4, {}, "at least 2 labels", id="one-label"),
        pytest.param(["a b", "c d"], ["x", "y"], {}, "at least 2 labels", id="singletons"),
        pytest.param(
            ["a b"] * 4, ["x", "y"] * 2, {"target_precision": 0}, "target_precision", id="target"
        ),
        pytest.param(["a b"] * 4, ["x", "y"] * 2, {"folds": 1}, "folds", id="folds"),
        pytest.param(["a b"] * 4, ["x", " "] * 2, {}, "after stripping", id="blank-label"),
        pytest.param(["a b"] * 4, ["x", 3] * 2, {}, "labels must be strings", id="int-label"),
    ],
)
def test_bad_input_says_what_to_fix(
    texts: list[str], labels: list[object], kwargs: dict[str, float], message: str
) -> None:
    with pytest.raises(TriageInputError, match=message) as info:
        TriageModel.fit(texts, labels, **kwargs)  # type: ignore[arg-type]
    assert isinstance(info.value, TriageError) and isinstance(info.value, LaporError)
    assert isinstance(info.value, ValueError)


def test_routes_must_name_known_labels(model: TriageModel) -> None:
    routed = model.with_routes({"kesehatan": "Dinas Kesehatan"})
    assert routed.suggest("puskesmas tutup").unit == "Dinas Kesehatan"
    assert model.suggest("puskesmas tutup").unit is None  # the original is unchanged
    with pytest.raises(TriageInputError, match="no such label"):
        model.with_routes({"pertanian": "Dinas Pertanian"})


def test_progress_is_reported() -> None:
    texts, labels = make_corpus(per_label=10)
    steps: list[tuple[str, int, int]] = []
    TriageModel.fit(
        texts, labels, folds=2, tune=False, progress=lambda s, d, t: steps.append((s, d, t))
    )
    # Two text forms compared (basic, stemmed), two folds each, then the final fit.
    assert steps[0] == ("reading texts (basic)", 0, 6)
    assert ("reading texts (stemmed)", 2, 6) in steps
    assert steps[-1] == ("done", 6, 6)
    assert [d for _, d, _ in steps] == sorted(d for _, d, _ in steps)


def test_long_texts_are_capped(model: TriageModel) -> None:
    s = model.suggest("jalan rusak " * 100_000)
    assert s.label == "infrastruktur"


def test_small_histories_tune_their_options_out_of_fold() -> None:
    texts, labels = make_corpus(per_label=10)
    steps: list[tuple[str, int, int]] = []
    model = TriageModel.fit(
        texts, labels, folds=2, progress=lambda s, d, t: steps.append((s, d, t))
    )
    grid = len(TUNE_REGULARISATION) * len(TUNE_BALANCE)
    # Two text forms x the grid x two folds, then the final fit.
    assert steps[-1] == ("done", 2 + 2 * 2 * grid, 2 + 2 * 2 * grid)
    compared = model.fit_report.compared_options
    assert len(compared) == 2 * grid
    options = model.fit_report.options
    assert options["tuned"] is True
    chosen = f"{model.text_form} C={options['regularisation']} balance={options['balance']}"
    assert compared[chosen] == max(compared.values())
    assert model.fit_report.compared_text_forms[model.text_form] == max(compared.values())


def test_a_given_option_is_not_tuned() -> None:
    texts, labels = make_corpus(per_label=10)
    model = TriageModel.fit(texts, labels, folds=2, text_form="basic", regularisation=0.7)
    assert set(model.fit_report.compared_options) == {
        f"basic C=0.7 balance={b}" for b in TUNE_BALANCE
    }
    assert model.fit_report.options["regularisation"] == 0.7
    fixed = TriageModel.fit(texts, labels, folds=2, text_form="basic", tune=False)
    assert fixed.fit_report.compared_options == {}
    assert fixed.fit_report.options["regularisation"] == DEFAULT_REGULARISATION
    assert fixed.fit_report.options["balance"] == DEFAULT_BALANCE
    assert fixed.fit_report.options["tuned"] is False


def test_large_histories_keep_the_defaults_unless_asked() -> None:
    texts, labels = make_corpus(per_label=TUNE_MAX_TEXTS // 3 + 1)
    model = TriageModel.fit(texts, labels, folds=2, text_form="basic", char_ngrams=None)
    assert model.fit_report.compared_options == {}
    assert model.fit_report.options["regularisation"] == DEFAULT_REGULARISATION


def test_tuning_rejects_a_bad_option_before_fitting() -> None:
    texts, labels = make_corpus(per_label=10)
    with pytest.raises(TriageInputError, match="balance must be in"):
        TriageModel.fit(texts, labels, balance=1.5)
