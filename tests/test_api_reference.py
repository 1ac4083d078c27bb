"""The API reference (docs/reference/) has a page for every public package and name."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "api_reference", ROOT / "scripts" / "api_reference.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["api_reference"] = module
    spec.loader.exec_module(module)
    return module


def test_every_public_package_has_an_up_to_date_page() -> None:
    gen = _generator()
    for package in gen.PACKAGES:
        path = ROOT / "docs" / "reference" / gen.file_name(package)
        assert path.read_text("utf-8") == gen.page(package), (
            f"{path} is out of date: run python scripts/api_reference.py"
        )
        for name in gen.public_names(package):
            assert f"        - {name}\n" in gen.page(package)


def test_no_public_package_is_left_out() -> None:
    gen = _generator()
    packages = {
        ".".join(p.relative_to(ROOT / "src").parent.parts)
        for p in (ROOT / "src").rglob("__init__.py")
    }
    public = {p for p in packages if not any(part.startswith("_") for part in p.split("."))}
    assert public - {"lapor_sdk.cli"} == set(gen.PACKAGES)


def test_every_reference_page_is_in_the_navigation() -> None:
    gen = _generator()
    nav = (ROOT / "mkdocs.yml").read_text("utf-8")
    for package in gen.PACKAGES:
        assert f"reference/{gen.file_name(package)}" in nav
