"""A griffe extension for the API reference: read ``Example:`` sections as ``Examples:``.

The SDK's Google-style docstrings head their doctests ``Example:``; griffe reads that title
as a plain admonition, so the ``>>>`` lines would be rendered as Markdown (and a doctest's
``['a', 'b']`` output taken for a link). Renaming the section at load time renders them as
code, without touching the docstrings that ``python -m doctest`` and help() read.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_EXAMPLE = re.compile(r"(?m)^(\s*)Example:[ \t]*$")


class ExamplesSection(griffe.Extension):
    """Rewrite ``Example:`` section titles to ``Examples:`` in every loaded docstring."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Called by griffe for every object it loads."""
        if obj.docstring is not None:
            obj.docstring.value = _EXAMPLE.sub(r"\1Examples:", obj.docstring.value)
