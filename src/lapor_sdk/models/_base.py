"""Shared pydantic configuration of the SDK's models."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["InputModel", "ValueModel"]


class InputModel(BaseModel):
    """Base of models the SDK ingests from users: unknown fields are refused.

    ``hide_input_in_errors`` keeps reporters' data out of validation error messages.
    """

    model_config = ConfigDict(
        extra="forbid",
        use_attribute_docstrings=True,
        hide_input_in_errors=True,
        validate_assignment=True,
        str_strip_whitespace=True,
    )


class ValueModel(InputModel):
    """An immutable value object."""

    model_config = ConfigDict(frozen=True)
