"""The worked examples of docs/sla/*.md run and give what the pages say."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs" / "sla"


@pytest.mark.parametrize("page", ["calendar.md", "clock.md", "policy.md", "batch.md"])
def test_doc_examples(page: str) -> None:
    path = DOCS / page
    if not path.is_file():
        pytest.skip(f"{path} is not in this checkout")
    result = doctest.testfile(
        str(path),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        verbose=False,
        report=True,
    )
    assert result.attempted > 0
    assert result.failed == 0, f"{result.failed} example(s) of {page} failed (see output)"


@pytest.mark.parametrize(
    "module",
    [
        "lapor_sdk.sla._calendar",
        "lapor_sdk.sla._clock",
        "lapor_sdk.sla._duration",
        "lapor_sdk.sla._policy",
        "lapor_sdk.sla.batch",
    ],
)
def test_docstring_examples(module: str) -> None:
    imported = importlib.import_module(module)
    result = doctest.testmod(imported, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {module} failed"
