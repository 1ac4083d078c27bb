"""docs/lifecycle.md runs as written, and its transition table is the real one."""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import pytest

from lapor_sdk.lifecycle import ROLES, TRANSITIONS, Action, allowed_actions
from lapor_sdk.models import Role, Status

DOCS = Path(__file__).resolve().parents[2] / "docs"
ROW = re.compile(r"^\| `([A-Z_]+)` \| `(\w+)` \(.*?\) \| `([A-Z_]+)` \| (.+?) \| `(\w+)` \|$", re.M)


def test_lifecycle_page_examples_run() -> None:
    result = doctest.testfile(
        str(DOCS / "lifecycle.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted >= 30
    assert result.failed == 0


def test_lifecycle_page_table_matches_the_machine() -> None:
    rows = ROW.findall((DOCS / "lifecycle.md").read_text(encoding="utf-8"))
    documented = {}
    for source, action, target, roles, event in rows:
        act = Action(action)
        documented[(Status[source], act)] = Status[target]
        assert {Role(r) for r in re.findall(r"`(\w+)`", roles)} == ROLES[act], action
        assert act.event_kind.value == event
    assert documented == dict(TRANSITIONS)


@pytest.mark.parametrize(
    "module",
    ["lapor_sdk.lifecycle", "lapor_sdk.lifecycle._actions", "lapor_sdk.lifecycle._table"],
)
def test_lifecycle_docstring_examples(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0
    assert result.failed == 0


def test_lifecycle_page_role_grid_matches_allowed_actions() -> None:
    text = (DOCS / "lifecycle.md").read_text(encoding="utf-8")
    grid = re.findall(r"^\| `([A-Z_]+)` \((.+?)\) \| (.+) \|$", text, re.M)
    assert {Status[name] for name, _, _ in grid} == set(Status)
    for name, label, cells in grid:
        status = Status[name]
        assert label == status.label
        for role, cell in zip(Role, cells.split(" | "), strict=True):
            documented = set() if cell == "—" else {Action(a) for a in cell.split(", ")}
            assert documented == allowed_actions(status, role), (status, role)
