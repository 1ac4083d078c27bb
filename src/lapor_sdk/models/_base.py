"""Shared pydantic configuration of the SDK's models."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from .._personal._redact import redact_text

__all__ = ["InputModel", "ValueModel"]


class InputModel(BaseModel):
    """Base of models the SDK ingests from users: unknown fields are refused.

    ``hide_input_in_errors`` keeps reporters' data out of validation error messages.
    ``repr``/``str`` never show free text: a follow-up, a reply, a place description or a file
    name may quote the reporter's name, which no pattern recognises, so they show its length
    (``text=<52 characters>``). Identifiers (fields with a ``pattern``) and the names of
    agencies, units and categories are shown, with phone numbers, e-mail addresses and NIKs
    scrubbed.
    """

    model_config = ConfigDict(
        extra="forbid",
        use_attribute_docstrings=True,
        hide_input_in_errors=True,
        validate_assignment=True,
        str_strip_whitespace=True,
    )

    #: String fields shown (scrubbed) by repr: organisational names, not reporters' text.
    _REPR_SHOWN: ClassVar[frozenset[str]] = frozenset(
        {"agency", "unit", "to_agency", "to_unit", "from_agency", "category", "reporter_id"}
    )

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        fields = type(self).model_fields
        for name, value in super().__repr_args__():
            if not isinstance(value, str) or isinstance(value, Enum):
                yield name, value
            elif name in self._REPR_SHOWN or (
                name in fields and any(getattr(m, "pattern", None) for m in fields[name].metadata)
            ):
                yield name, redact_text(value)
            else:
                yield name, _Hidden(len(value))


class _Hidden:
    """How repr shows a free text: its length only."""

    def __init__(self, length: int) -> None:
        self.length = length

    def __repr__(self) -> str:
        return f"<{self.length} characters>"


class ValueModel(InputModel):
    """An immutable value object."""

    model_config = ConfigDict(frozen=True)
