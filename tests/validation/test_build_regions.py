"""The shipped region files are exactly what scripts/build_regions.py makes from the source."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "lapor_sdk" / "data"


def _build_module() -> object:
    spec = importlib.util.spec_from_file_location(
        "build_regions", ROOT / "scripts" / "build_regions.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_data_is_reproducible(shared_data: Path, tmp_path: Path) -> None:
    source = shared_data / "wilayah-kemendagri" / "wilayah.csv"
    if not source.is_file():
        pytest.skip("wilayah.csv not available")
    build = _build_module()
    build.build(source, tmp_path)  # type: ignore[attr-defined]
    for name in ("regions.tsv.gz", "villages.tsv.gz"):
        assert (tmp_path / name).read_bytes() == (SHIPPED / name).read_bytes(), name


def test_build_refuses_a_source_with_wrong_counts(tmp_path: Path) -> None:
    source = tmp_path / "wilayah.csv"
    source.write_text("kode,nama\n35,Jawa Timur\n35.78,Kota Surabaya\n", encoding="utf-8")
    build = _build_module()
    with pytest.raises(SystemExit, match="unexpected counts per level"):
        build.build(source, tmp_path / "out")  # type: ignore[attr-defined]


def test_licence_and_notice_ship_with_the_data() -> None:
    licence = (SHIPPED / "LICENSE-wilayah.txt").read_text(encoding="utf-8")
    assert "Copyright (c) 2017-2025 Cahya DSN" in licence
    assert "MIT License" in licence
    assert "cahyadsn/wilayah" in (SHIPPED / "NOTICE.md").read_text(encoding="utf-8")
