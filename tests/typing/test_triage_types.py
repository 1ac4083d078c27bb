"""Static types of the public triage API (checked by mypy --strict; also run by pytest)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import assert_type

from lapor_sdk.intake import ComplaintDraft, RouteSuggestion, from_message
from lapor_sdk.triage import (
    Evaluation,
    FitReport,
    Suggestion,
    TriageModel,
    evaluate,
    stemmed_tokens,
)


def test_public_triage_types(tmp_path: Path) -> None:
    texts = ["jalan rusak parah", "lampu jalan mati", "puskesmas tutup", "obat habis"] * 3
    labels = ["infrastruktur", "infrastruktur", "kesehatan", "kesehatan"] * 3
    model = TriageModel.fit(texts, labels, preprocessed=False, min_df=1)
    assert_type(model, TriageModel)
    s = model.suggest("jalan berlubang")
    assert_type(s, Suggestion)
    assert_type(s.label, str)
    assert_type(s.confidence, float)
    assert_type(s.alternatives, list[tuple[str, float]])
    assert_type(s.abstain, bool)
    assert_type(model.predict(texts), list[str])
    assert_type(model.threshold, float)
    assert_type(model.fit_report, FitReport)
    assert_type(evaluate(model, texts, labels), Evaluation)
    assert_type(stemmed_tokens("jalan"), list[str])
    model.save(tmp_path / "m.json")
    assert_type(TriageModel.load(tmp_path / "m.json"), TriageModel)
    suggestion: RouteSuggestion = s  # a Suggestion is what a draft carries
    assert suggestion.label == s.label
    at = dt.datetime(2025, 3, 3, 9, tzinfo=dt.UTC)
    draft = from_message("Jalan berlubang di Desa Tetel", sender=None, received_at=at)
    routed = draft.with_suggestion(model)  # a TriageModel is a Triager
    assert_type(routed, ComplaintDraft)
    assert_type(routed.suggestion, RouteSuggestion | None)
