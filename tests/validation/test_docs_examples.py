"""The worked examples of the validation, location and intake pages run as written."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize("page", ["validation.md", "location.md", "intake.md"])
def test_doc_page_examples(page: str) -> None:
    path = DOCS / page
    result = doctest.testfile(
        str(path), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.attempted > 10
    assert result.failed == 0


@pytest.mark.parametrize(
    "module",
    [
        "lapor_sdk.validation._regions",
        "lapor_sdk.validation._location",
        "lapor_sdk.validation._completeness",
        "lapor_sdk.intake._email",
        "lapor_sdk.intake._message",
    ],
)
def test_docstring_examples(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), verbose=False)
    assert result.attempted > 0
    assert result.failed == 0
