"""Location detection with and without the marker rule for names that are ordinary words.

The rule (``validation/_location.py``): a kecamatan or desa name that is also an Indonesian
root word ("pinggir", "sumur") counts only with a marker (a capital that is not a sentence
start, or a higher region named in the text); a kabupaten/kota name made of such words
("sungai penuh") likewise. The baseline is the same code with the word list emptied: the rule
before, except that a kabupaten/kota named by one of the curated common words ("batu") now
also counts in lower case when its province is named. Both run here on the same data, in the
same process:

- Lapor Mas Bup (Kab. Purbalingga, 834 real complaints; nothing was tuned on them): texts
  naming Purbalingga that resolve to 33.03 (recall), and of all texts that resolve, the
  share that resolve to 33.03 (a proxy for precision: the app is Purbalingga's);
- LaporGub (Jawa Tengah, 10,048 stemmed complaints): share of resolutions inside Jawa Tengah;
- the hand-written table ``tests/data/complaint_locations.yaml`` and negative phrases.

No text is printed (they can hold personal data): only counts.

    .venv/bin/python benchmarks/location_markers_eval.py
"""

from __future__ import annotations

import ast
import csv
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from lapor_sdk.validation import _location, extract_location

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
NEGATIVE = [
    "Sampah menumpuk di pinggir sungai dekat rumah",
    "banyak sampah di pinggir jalan, tolong diangkut",
    "air sumur warga keruh sejak seminggu",
    "paku berserakan di jalan setelah truk lewat",
    "pohon cendana tumbang menutup jalan",
    "Pinggir sungai penuh sampah plastik",
    "tanah datar di belakang sekolah jadi tempat buang sampah",
    "suara guntur keras, listrik padam",
]


@contextmanager
def baseline() -> Iterator[None]:
    """Run the code with an empty word list: the rule before markers."""
    original = _location._indonesian_words
    _location._indonesian_words = lambda: frozenset()  # type: ignore[assignment]
    try:
        yield
    finally:
        _location._indonesian_words = original  # type: ignore[assignment]


def measure() -> dict[str, float]:
    out: dict[str, float] = {}
    lmb = SHARED / "lapormasbup-purbalingga" / "dataset_cleaned.csv"
    if lmb.is_file():
        with lmb.open(encoding="utf-8", newline="") as fh:
            texts = [row["text"] for row in csv.DictReader(fh)]
        codes = [m.region.code if (m := extract_location(t)) and m.region else None for t in texts]
        naming = [c for t, c in zip(texts, codes, strict=True) if "purbalingga" in t.lower()]
        resolved = [c for c in codes if c is not None]
        out["lmb_naming_recall"] = naming.count("33.03") / len(naming)
        out["lmb_resolved"] = len(resolved)
        out["lmb_resolved_to_33_03"] = resolved.count("33.03")
        out["lmb_resolved_elsewhere"] = len(resolved) - resolved.count("33.03")
        out["lmb_precision"] = resolved.count("33.03") / len(resolved)
    gub = SHARED / "laporgub-2024-2025" / "prep_2024_2025.csv"
    if gub.is_file():
        with gub.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, delimiter=";"))[1:]
        texts = [" ".join(ast.literal_eval(row[1])) for row in rows if len(row) > 1]
        found = [m.region.code for t in texts if (m := extract_location(t)) and m.region]
        out["laporgub_resolved"] = len(found)
        out["laporgub_in_jateng"] = sum(c.startswith("33") for c in found) / len(found)
    cases = yaml.safe_load((ROOT / "tests/data/complaint_locations.yaml").read_text("utf-8"))
    passed = 0
    for case in cases:
        m = extract_location(case["text"])
        if case.get("none"):
            passed += m is None
        elif m is not None:
            region = m.region.code if m.region else None
            passed += region == case.get("region") and [c.code for c in m.candidates] == case.get(
                "candidates", []
            )
    out["hand_table_passed"] = passed
    out["hand_table_cases"] = len(cases)
    out["negatives_with_a_place"] = sum(extract_location(t) is not None for t in NEGATIVE)
    return out


def main() -> int:
    run: Callable[[], dict[str, float]] = measure
    with baseline():
        before = run()
    after = run()
    print(f"{'figure':28} {'baseline':>10} {'markers':>10}")
    for key in after:
        b, a = before.get(key), after[key]
        fmt = (lambda v: f"{v:.4f}") if isinstance(a, float) and a < 1.5 else (lambda v: f"{v:g}")
        print(f"{key:28} {fmt(b) if b is not None else '-':>10} {fmt(a):>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
