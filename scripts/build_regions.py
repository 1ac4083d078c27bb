"""Build the region data shipped in ``src/lapor_sdk/data/`` from the Kemendagri code list.

Source: ``cahyadsn/wilayah`` (MIT, "Copyright (c) 2017-2025 Cahya DSN"), ``db/wilayah.sql`` as
the ``kode,nama`` CSV in ``../shared/data/wilayah-kemendagri/wilayah.csv``.

Writes two gzip files, loaded lazily by :mod:`lapor_sdk.validation`:

- ``regions.tsv.gz``: provinces, kabupaten/kota and kecamatan, one ``code<TAB>name`` a line.
- ``villages.tsv.gz``: desa/kelurahan, grouped by kecamatan: a ``#<kecamatan code>`` line, then
  ``<4-digit suffix><TAB>name`` lines.

Usage::

    python scripts/build_regions.py [--source PATH] [--out DIR]

The output is deterministic (sorted, gzip mtime 0), so rebuilding from the same source gives
byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "wilayah-kemendagri" / "wilayah.csv"
DEFAULT_OUT = ROOT / "src" / "lapor_sdk" / "data"

_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
#: Counts in the Kepmendagri the source follows; the build refuses anything else.
EXPECTED = {1: 38, 2: 514, 3: 7285, 4: 83762}


def _read(source: Path) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    with source.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        if header != ["kode", "nama"]:
            raise SystemExit(f"{source}: expected header kode,nama, got {header}")
        for code, name in reader:
            code = code.strip()
            name = " ".join(name.replace("\t", " ").split())
            if not _CODE.match(code) or not name:
                raise SystemExit(f"{source}: bad row {code!r}")
            rows.append((code, name))
    rows.sort()
    counts = Counter(code.count(".") + 1 for code, _ in rows)
    if dict(counts) != EXPECTED:
        raise SystemExit(f"{source}: unexpected counts per level {dict(counts)}")
    return rows


def _write_gz(path: Path, text: str) -> int:
    data = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    path.write_bytes(data)
    return len(data)


def build(source: Path, out: Path) -> None:
    """Write ``regions.tsv.gz`` and ``villages.tsv.gz`` into ``out``."""
    rows = _read(source)
    upper = [f"{code}\t{name}\n" for code, name in rows if code.count(".") < 3]
    village_lines: list[str] = []
    current = ""
    for code, name in rows:
        if code.count(".") != 3:
            continue
        district, suffix = code.rsplit(".", 1)
        if district != current:
            village_lines.append(f"#{district}\n")
            current = district
        village_lines.append(f"{suffix}\t{name}\n")
    out.mkdir(parents=True, exist_ok=True)
    size_a = _write_gz(out / "regions.tsv.gz", "".join(upper))
    size_b = _write_gz(out / "villages.tsv.gz", "".join(village_lines))
    print(f"regions.tsv.gz: {len(upper)} rows, {size_a} bytes")
    print(f"villages.tsv.gz: {len(rows) - len(upper)} rows, {size_b} bytes")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    build(args.source, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
