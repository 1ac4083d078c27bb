"""Shared pydantic configuration of the SDK's models."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict

from .._personal._redact import redact_text

__all__ = ["InputModel", "ValueModel"]


class InputModel(BaseModel):
    """Base of models the SDK ingests from users: unknown fields are refused.

    ``hide_input_in_errors`` keeps reporters' data out of validation error messages, and
    ``repr``/``str`` scrub phone numbers, e-mail addresses and NIKs from text fields.
    """

    model_config = ConfigDict(
        extra="forbid",
        use_attribute_docstrings=True,
        hide_input_in_errors=True,
        validate_assignment=True,
        str_strip_whitespace=True,
    )

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # Free texts (a reply, a follow-up, a place description) often carry a reporter's phone
        # number, e-mail or NIK: repr/str show them scrubbed.
        for name, value in super().__repr_args__():
            yield name, redact_text(value) if isinstance(value, str) else value


class ValueModel(InputModel):
    """An immutable value object."""

    model_config = ConfigDict(frozen=True)
