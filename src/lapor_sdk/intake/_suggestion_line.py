"""One line for a person about a routing suggestion: ``suggested: infrastruktur → DPU, 0.93``.

Plain values in, one safe line out, with no import of the triage extra: the demo, the
sandbox and :class:`lapor_sdk.triage.Suggestion` all print suggestions through it.
"""

from __future__ import annotations

import math
import unicodedata

__all__ = ["MAX_SUGGESTION_NAME_CHARS", "format_suggestion"]

#: Longest label or unit name shown; longer ones are cut with "…".
MAX_SUGGESTION_NAME_CHARS = 80


def _clean(name: str) -> str:
    # Labels and unit names come from model files and directories someone else wrote: no
    # control, format (bidi overrides) or line-breaking characters reach a terminal or a page.
    kept = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in name[: 4 * 80])
    clean = " ".join(kept.split())
    if len(clean) > MAX_SUGGESTION_NAME_CHARS:
        clean = clean[: MAX_SUGGESTION_NAME_CHARS - 1].rstrip() + "…"
    return clean or "?"


def format_suggestion(
    label: str, confidence: float, *, unit: str | None = None, abstain: bool = False
) -> str:
    """Return one line for a person about a routing suggestion.

    Args:
        label: The suggested category or unit id.
        confidence: The model's probability for ``label``, 0..1 (values outside are clamped).
        unit: The handling unit the label routes to, if known.
        abstain: Whether the model is not sure (a person routes the report).

    Returns:
        ``"suggested: infrastruktur → DPU Bina Marga, 0.93"``, or when abstaining
        ``"not sure (best guess: infrastruktur, 0.41): route by hand"``. Names are cut to
        :data:`MAX_SUGGESTION_NAME_CHARS` characters, control and formatting characters
        become spaces.

    Raises:
        ValueError: ``confidence`` is not a number.

    Example:
        >>> format_suggestion("infrastruktur", 0.934, unit="DPU Bina Marga")
        'suggested: infrastruktur → DPU Bina Marga, 0.93'
        >>> format_suggestion("lingkungan", 0.41, abstain=True)
        'not sure (best guess: lingkungan, 0.41): route by hand'
    """
    value = float(confidence)
    if math.isnan(value):
        raise ValueError("confidence must be a number from 0 to 1, got NaN")
    value = min(max(value, 0.0), 1.0)
    target = _clean(label) if unit is None else f"{_clean(label)} → {_clean(unit)}"
    if abstain:
        return f"not sure (best guess: {target}, {value:.2f}): route by hand"
    return f"suggested: {target}, {value:.2f}"
