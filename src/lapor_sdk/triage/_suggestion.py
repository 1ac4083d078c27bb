"""What a triage model suggests for one complaint."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..intake._suggestion_line import format_suggestion

__all__ = ["Suggestion"]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The suggested label for one complaint, how sure the model is, and the runners-up.

    ``abstain`` is true when ``confidence`` is below the model's threshold: a person should
    route that report. ``unit`` is the handling unit the model's routes map the label to
    (``None`` without routes, or when the labels are units already).

    Example:
        >>> s = Suggestion("infrastruktur", 0.93, [("lingkungan", 0.04)], False, 0.8,
        ...                unit="DPU Bina Marga")
        >>> str(s)
        'suggested: infrastruktur → DPU Bina Marga, 0.93'
    """

    label: str
    """The most likely label (a category or a unit id)."""
    confidence: float
    """The model's calibrated probability for ``label``, 0..1."""
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    """The next most likely labels with their probabilities, most likely first."""
    abstain: bool = False
    """Whether ``confidence`` is below ``threshold``: a person decides."""
    threshold: float = 0.0
    """The model's threshold when this was suggested."""
    unit: str | None = None
    """The handling unit for ``label`` from the model's routes, if any."""

    def render(self) -> str:
        """Return one line for a person: ``"suggested: infrastruktur → DPU Bina Marga, 0.93"``.

        When the model abstains: ``"not sure (best guess: infrastruktur, 0.41): route by
        hand"``.
        """
        return format_suggestion(self.label, self.confidence, unit=self.unit, abstain=self.abstain)

    def __str__(self) -> str:
        return self.render()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready view."""
        return {
            "label": self.label,
            "unit": self.unit,
            "confidence": round(self.confidence, 4),
            "abstain": self.abstain,
            "threshold": round(self.threshold, 4),
            "alternatives": [
                {"label": label, "confidence": round(p, 4)} for label, p in self.alternatives
            ],
            "text": self.render(),
        }
