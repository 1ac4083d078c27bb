"""Packages that import their names on first use (PEP 562) keep three lists in step.

``lapor_sdk``, ``hoax_clinic`` and ``lapor_sdk.ppid`` list each public name in ``__all__``, in
an ``if TYPE_CHECKING:`` block (for type checkers) and in ``_LAZY`` (for ``__getattr__``). A
name added to one list and forgotten in another would type-check and then fail at run time,
or the reverse; these tests catch that, and check that the light names stay light.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
LAZY_PACKAGES = ["lapor_sdk", "hoax_clinic", "lapor_sdk.ppid", "lapor_sdk.pdp"]


def _names(package: str) -> tuple[set[str], set[str]]:
    """Return the names imported eagerly and those imported only under TYPE_CHECKING."""
    tree = ast.parse((SRC / package.replace(".", "/") / "__init__.py").read_text("utf-8"))
    eager: set[str] = set()
    typing_only: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            eager |= {a.asname or a.name for a in node.names if a.asname == a.name}
        elif isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for inner in node.body:
                if isinstance(inner, ast.ImportFrom):
                    typing_only |= {a.asname or a.name for a in inner.names}
    return eager, typing_only


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_all_type_checking_and_lazy_lists_agree(package: str) -> None:
    module = importlib.import_module(package)
    eager, typing_only = _names(package)
    lazy = set(module._LAZY)
    assert typing_only == lazy, (typing_only ^ lazy, "TYPE_CHECKING imports vs _LAZY")
    assert set(module.__all__) == eager | lazy
    for name in module.__all__:
        assert getattr(module, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        module.nope  # noqa: B018


def test_the_ppid_enumerations_load_without_the_heavy_libraries() -> None:
    # The `lapor ppid` options are typed by these enumerations; they must not drag pydantic,
    # SQLAlchemy or the holiday calendar into `lapor --version`.
    code = (
        "import sys\n"
        "from lapor_sdk.ppid import DecisionKind, ExemptionGround, RequestKind\n"
        "assert RequestKind.COPY.label\n"
        "print(','.join(m for m in ('pydantic', 'sqlalchemy', 'holidays') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == ""
