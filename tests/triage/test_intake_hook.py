"""Intake drafts carry the triage suggestion when a model is configured."""

from __future__ import annotations

import datetime as dt

from lapor_sdk.intake import from_message
from lapor_sdk.triage import Suggestion, TriageModel

AT = dt.datetime(2025, 3, 3, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def test_a_draft_carries_the_suggestion(model: TriageModel) -> None:
    draft = from_message(
        "Selamat pagi. Jembatan ambrol dan jalan rusak berlubang di Desa Tetel, "
        "Kecamatan Pengadegan, Purbalingga. Hub 0812-3456-7890",
        sender="0812-3456-7890",
        received_at=AT,
    )
    assert draft.suggestion is None and draft.to_dict()["suggestion"] is None
    assert draft.with_suggestion(None) is draft
    routed = draft.with_suggestion(model)
    assert isinstance(routed.suggestion, Suggestion)
    assert routed.suggestion.label == "infrastruktur"
    assert str(routed.suggestion).startswith("suggested: infrastruktur → DPU Bina Marga, ")
    view = routed.to_dict()
    assert view["suggestion"]["label"] == "infrastruktur"
    assert view["suggestion"]["unit"] == "DPU Bina Marga"
    assert routed.complaint == draft.complaint
    assert "3456" not in str(view["suggestion"])
