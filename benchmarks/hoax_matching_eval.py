"""Precision and recall of the attach decision of ``hoax_clinic.matching``.

The attach decision is "score(a, b) >= threshold": the tracker attaches a new sighting to
the best existing claim when its score reaches :data:`DEFAULT_THRESHOLD`. This script:

1. scores every labelled pair of ``tests/data/claim_pairs.jsonl`` and prints precision, recall
   and F1 per threshold, the threshold with the best F1, and recall per kind of pair;
2. compares against the baseline of the same rapidfuzz scorer without normalisation or
   guards (``token_set_ratio`` on the lower-cased raw texts);
3. when ``../shared/data`` is present, measures the decision on real data: TurnBackHoax 2024
   titles that were fact-checked more than once (same claim, different texts) and the
   TurnBackHoax 2026 articles whose references cite an earlier article about the same claim
   (title slugs), each against hard negatives (the most similar *other* claim), and the
   decision the tracker really takes: ``ClaimIndex.search``'s best result is another claim
   and reaches the threshold ("wrong attach").

Run: ``.venv/bin/python benchmarks/hoax_matching_eval.py``
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz, process

from hoax_clinic.matching import DEFAULT_THRESHOLD, ClaimIndex, normalize, score

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "claim_pairs.jsonl"
SHARED = ROOT.parent / "shared" / "data"


def prf(scored: list[tuple[float, bool]], threshold: float) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``score >= threshold`` against the labels."""
    tp = sum(1 for s, same in scored if s >= threshold and same)
    fp = sum(1 for s, same in scored if s >= threshold and not same)
    fn = sum(1 for s, same in scored if s < threshold and same)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def sweep(name: str, scored: list[tuple[float, bool]]) -> float:
    """Print the threshold table and return the threshold with the best F1."""
    print(f"\n{name}: {len(scored)} pairs ({sum(s for _, s in scored)} same)")
    print(f"{'threshold':>9} {'precision':>9} {'recall':>7} {'F1':>6}")
    best, best_f = 0.0, -1.0
    for step in range(40, 100, 2):
        t = step / 100
        p, r, f = prf(scored, t)
        # Prefer the higher threshold on ties: wrong merges cost more than duplicates.
        if f >= best_f:
            best, best_f = t, f
        print(f"{t:>9.2f} {p:>9.3f} {r:>7.3f} {f:>6.3f}")
    return best


def eval_set() -> None:
    """Evaluate the labelled pairs."""
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line]
    ours = [(score(r["a"], r["b"]), bool(r["same"])) for r in rows]
    base = [
        (fuzz.token_set_ratio(r["a"].lower(), r["b"].lower()) / 100, bool(r["same"])) for r in rows
    ]
    best = sweep("hoax_clinic.matching.score", ours)
    base_best = sweep("baseline token_set_ratio on raw lower-cased text", base)
    p, r, f = prf(ours, DEFAULT_THRESHOLD)
    bp, br, bf = prf(base, base_best)
    print(f"\nbest-F1 threshold on the set: {best:.2f}; DEFAULT_THRESHOLD = {DEFAULT_THRESHOLD}")
    print(f"at DEFAULT_THRESHOLD: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    print(f"baseline at its own best threshold {base_best:.2f}: "
          f"precision {bp:.3f} recall {br:.3f} F1 {bf:.3f}")  # fmt: skip
    per_kind: dict[str, list[bool]] = defaultdict(list)
    for row, (s, same) in zip(rows, ours, strict=True):
        per_kind[row["kind"]].append((s >= DEFAULT_THRESHOLD) == same)
    print("\ncorrect decisions per kind at DEFAULT_THRESHOLD:")
    for kind, oks in sorted(per_kind.items()):
        print(f"  {kind:<22} {sum(oks):>3}/{len(oks):<3}")
    if "-v" in sys.argv:
        for row, (s, same) in zip(rows, ours, strict=True):
            if (s >= DEFAULT_THRESHOLD) != same:
                print(f"  WRONG {s:.2f} {row['kind']}: {row['a'][:70]} | {row['b'][:70]}")


def _slug_text(url: str) -> str | None:
    m = re.search(r"/articles/\d+-(?:salah|hoaks|disinformasi|penipuan|misinformasi)?-?([\w-]+)",
                  url)  # fmt: skip
    return m.group(1).replace("-", " ") if m and m.group(1) else None


def real_pairs() -> list[tuple[str, str, list[str]]]:
    """(query, true text, corpus) triples from the shared data; empty when it is absent."""
    out: list[tuple[str, str, list[str]]] = []
    tbh = SHARED / "turnbackhoax-2024-claims"
    if tbh.is_dir():
        rows: list[dict[str, str]] = []
        for f in sorted(tbh.glob("*.csv")):
            with f.open(encoding="utf-8") as fh:
                rows.extend(csv.DictReader(fh))
        by_title: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            text = row["HOAX_TEXT"].split("PENJELASAN")[0][:600]
            by_title[row["TITLE"].strip().lower()].append(text)
        corpus = [texts[0] for texts in by_title.values()]
        for texts in by_title.values():
            for other in texts[1:]:
                out.append((other, texts[0], corpus))
    arts = SHARED / "turnbackhoax-2026-articles" / "turnbackhoax_articles.csv"
    if arts.is_file():
        with arts.open(encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
        titles = [t for t in (_slug_text(r["url"]) for r in rows) if t]
        for row in rows:
            mine = _slug_text(row["url"])
            for ref in row["referensi"].split(" | "):
                if "turnbackhoax.id/articles/" in ref and mine:
                    earlier = _slug_text(ref.strip())
                    if earlier and earlier != mine:
                        out.append((earlier, mine, titles))
    return out


def eval_real() -> None:
    """Recall on real "same claim again" pairs and false attaches to the nearest other claim."""
    triples = real_pairs()
    if not triples:
        print("\n../shared/data not present: real-data evaluation skipped")
        return
    hits = false_attach = top5 = wrong = 0
    indexes: dict[int, tuple[ClaimIndex, dict[str, str]]] = {}
    for query, truth, corpus in triples:
        if id(corpus) not in indexes:
            ids = {f"r{i}": text for i, text in enumerate(dict.fromkeys(corpus))}
            indexes[id(corpus)] = (ClaimIndex.from_pairs(ids.items()), ids)
        index, ids = indexes[id(corpus)]
        # A repeat whose text equals the earlier text is in the corpus: keep it as the answer.
        results = [
            (ids[m.claim_id], m.score)
            for m in index.search(query, limit=6)
            if ids[m.claim_id] != query or query == truth
        ]
        found = [text for text, _ in results]
        top5 += truth in found[:5]
        wrong += bool(results) and results[0][0] != truth and results[0][1] >= DEFAULT_THRESHOLD
        if score(query, truth) >= DEFAULT_THRESHOLD:
            hits += 1
        norm_q = normalize(query)
        others = [c for c in corpus if c not in (truth, query)]
        nearest = process.extractOne(norm_q, [normalize(c) for c in others],
                                     scorer=fuzz.token_set_ratio)  # fmt: skip
        if nearest is not None and score(query, others[nearest[2]]) >= DEFAULT_THRESHOLD:
            false_attach += 1
    n = len(triples)
    print(f"\nreal data: {n} same-claim pairs from TurnBackHoax 2024 repeats and 2026 references")
    print(f"  recall of attach at DEFAULT_THRESHOLD: {hits}/{n} = {hits / n:.3f}")
    print(f"  the earlier claim among ClaimIndex.search's top 5: {top5}/{n} = {top5 / n:.3f}")
    print(f"  false attach to the nearest other claim: {false_attach}/{n} = {false_attach / n:.3f}")
    print(f"  wrong attach (search's best is another claim at >= DEFAULT_THRESHOLD): "
          f"{wrong}/{n} = {wrong / n:.3f}")  # fmt: skip


if __name__ == "__main__":
    eval_set()
    eval_real()
