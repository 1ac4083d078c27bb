"""format_suggestion: one safe line about a routing suggestion, without the triage extra."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from lapor_sdk.intake import MAX_SUGGESTION_NAME_CHARS, format_suggestion

names = st.text(max_size=300)
confidences = st.floats(allow_nan=False)


@given(names, confidences, st.none() | names, st.booleans())
def test_the_line_is_one_bounded_printable_line(
    label: str, confidence: float, unit: str | None, abstain: bool
) -> None:
    line = format_suggestion(label, confidence, unit=unit, abstain=abstain)
    assert not any(unicodedata.category(ch)[0] == "C" for ch in line)
    assert "\n" not in line and "\u2028" not in line
    assert len(line) <= 2 * MAX_SUGGESTION_NAME_CHARS + 60
    if abstain:
        assert line.startswith("not sure (best guess: ") and line.endswith("): route by hand")
    else:
        assert line.startswith("suggested: ")
    shown = float(line.rsplit(", ", 1)[1].split(")")[0])
    assert 0.0 <= shown <= 1.0
    assert abs(shown - min(max(confidence, 0.0), 1.0)) <= 0.005


@given(st.text(alphabet="abcdefghij -", min_size=1, max_size=MAX_SUGGESTION_NAME_CHARS))
def test_plain_names_are_shown_as_they_are(label: str) -> None:
    clean = " ".join(label.split()) or "?"
    assert format_suggestion(label, 0.5) == f"suggested: {clean}, 0.50"
