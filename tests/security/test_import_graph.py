"""Issue #11 item 15: the import graph of ``lapor_sdk`` is a DAG with the models at the bottom.

Checked between packages (``lapor_sdk.models``, ``lapor_sdk.privacy``, ``lapor_sdk.client``,
...: the layers of DESIGN.md's dependency direction), and module by module for the bottom:
the models and what lies below them import nothing above.

Every import that can run counts, including those inside functions: a lazy import hides a
cycle from the interpreter, not from a reader. Imports under ``if TYPE_CHECKING:`` never run
and are left out (the client's resources name the client classes in their overloads).
``from .. import x`` imports the module ``x``, not the package above it (being imported
already).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
#: What the models may import: themselves and the layer below them.
BELOW_MODELS = ("lapor_sdk.models", "lapor_sdk._personal", "lapor_sdk._exceptions")


def _modules(package: str) -> dict[str, Path]:
    root = SRC / package
    found = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _graph(package: str, *, packages: bool = False) -> dict[str, set[str]]:
    """Module -> modules it imports; with ``packages``, collapsed to ``package.subpackage``."""
    if packages:
        collapsed: dict[str, set[str]] = {}
        for name, targets in _graph(package).items():
            node = ".".join(name.split(".")[:2])
            collapsed.setdefault(node, set()).update(
                ".".join(t.split(".")[:2]) for t in targets if t.count(".") >= 1
            )
            collapsed[node].discard(node)
        for targets in list(collapsed.values()):
            for target in targets:
                collapsed.setdefault(target, set())
        return collapsed
    modules = _modules(package)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        type_only = {
            id(inner)
            for block in ast.walk(tree)
            if isinstance(block, ast.If) and ast.unparse(block.test).endswith("TYPE_CHECKING")
            for inner in ast.walk(block)
        }
        for node in ast.walk(tree):
            if id(node) in type_only:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = here[: len(here) - node.level + 1] if node.level else []
                module = ".".join(base + ([node.module] if node.module else []))
                subs = [f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in modules]
                targets = subs or [module]
            for target in targets:
                # The deepest module of ``target`` that exists; its packages are its parents.
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name and not name.startswith(target + "."):
                    graph[name].add(target)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        state[node] = 2
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)) is not None:
            return found
    return None


@pytest.mark.parametrize("package", ["lapor_sdk", "hoax_clinic"])
def test_the_package_graph_has_no_cycle(package: str) -> None:
    cycle = _cycle(_graph(package, packages=True))
    assert cycle is None, " -> ".join(cycle or [])


def test_the_layers_below_the_models_have_no_cycle_module_by_module() -> None:
    graph = {
        name: targets
        for name, targets in _graph("lapor_sdk").items()
        if name.startswith(BELOW_MODELS)
    }
    assert _cycle({n: {t for t in ts if t in graph} for n, ts in graph.items()}) is None


def test_models_import_nothing_above_them() -> None:
    graph = _graph("lapor_sdk")
    for name in graph:
        if name.startswith("lapor_sdk.models") or name.startswith("lapor_sdk._personal"):
            above = {t for t in graph[name] if not t.startswith(BELOW_MODELS)}
            assert above == set(), f"{name} imports {sorted(above)}"


def test_the_nik_check_knows_the_same_provinces_as_the_region_tables() -> None:
    from lapor_sdk._personal._nik import _province_codes
    from lapor_sdk.validation import provinces

    assert _province_codes() == {region.code for region in provinces()}


def test_complaint_methods_find_their_packages_when_nothing_imported_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As after a lazy `import lapor_sdk` that has not loaded privacy/validation yet.
    import datetime as dt
    import sys

    from lapor_sdk.models import Complaint, Privacy, Reporter, _complaint

    monkeypatch.setattr(_complaint, "_services", {})
    for name in [
        m for m in sys.modules if m.startswith(("lapor_sdk.privacy", "lapor_sdk.validation"))
    ]:
        monkeypatch.delitem(sys.modules, name)
    c = Complaint(
        title="Pungli",
        description="Jalan di Jl. Ahmad Yani Surabaya berlubang, hubungi 0812-3456-7890.",
        privacy=Privacy.ANONYMOUS,
        reporter=Reporter(name="Siti Rahayu"),
        created_at=dt.datetime(2025, 3, 3, 9, tzinfo=dt.UTC),
    )
    from lapor_sdk.models._enums import Audience

    assert c.view_for(Audience.PUBLIC).reporter is None
    assert isinstance(c.missing_information(), list)
