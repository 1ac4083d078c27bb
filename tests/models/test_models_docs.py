"""docs/models.md runs as written, and its label tables match the enums."""

from __future__ import annotations

import doctest
import enum
import importlib
import inspect
import re
from pathlib import Path

import pytest

import lapor_sdk.models as models

DOCS = Path(__file__).resolve().parents[2] / "docs"
ROW = re.compile(r"^\| `(\w+)\.(\w+)` \| `([^`]+)` \| (.+?) \|$", re.MULTILINE)


def test_models_page_examples_run() -> None:
    result = doctest.testfile(
        str(DOCS / "models.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted >= 15
    assert result.failed == 0


def test_models_page_lists_every_enum_member_with_its_label() -> None:
    text = (DOCS / "models.md").read_text(encoding="utf-8")
    rows = {(cls, name): (value, label) for cls, name, value, label in ROW.findall(text)}
    enums = [o for o in vars(models).values() if inspect.isclass(o) and issubclass(o, enum.Enum)]
    expected = {}
    for cls in enums:
        for member in cls:
            expected[(cls.__name__, member.name)] = (member.value, getattr(member, "label", None))
    assert rows == expected


@pytest.mark.parametrize("module", ["lapor_sdk.models._complaint", "lapor_sdk.models._reporter"])
def test_model_docstring_examples(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0
    assert result.failed == 0
