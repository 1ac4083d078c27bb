"""Labelled claim pairs built at run time from the real data in ``../shared/data``.

Nothing here is copied into the package: the texts are read from the shared folder each time
(their licences allow local evaluation only). Two splits, by date, so that figures measured
on the second predict how the matcher does on claims it has never seen:

``fit`` (TurnBackHoax 2024 and Komdigi items citing TurnBackHoax articles from 2024 or before)
    - ``title-post``: a 2024 article's ``TITLE`` and its ``HOAX_TEXT`` (the real post);
    - ``recheck``: two posts of a title fact-checked again on another date;
    - ``title-title``: a Komdigi clarification's title (URL slug) and the title of the
      TurnBackHoax article its "Link Counter" cites;
    - ``summary-title``: Komdigi's summary of the claim ("Beredar ... Faktanya") and that
      TurnBackHoax title.
``eval`` (TurnBackHoax 2025-2026 articles and Komdigi items citing 2025-2026 articles)
    - ``post-title``: a 2026 article's ``narasi`` (the post) and the title of the earlier
      TurnBackHoax article it cites as the same claim (the "claim returns" case);
    - ``title-title`` and ``summary-title`` as above, for recent Komdigi items and for the
      2026 title against the earlier title.

Every positive pair gets a **hard negative** (the text of the same category most similar by
plain BM25 that is not the same claim: its title shares less than 80 token-set points with
the true title) and an **unrelated** negative (a random title of another category).

Used by ``scripts/fit_hoax_matcher.py`` (fit split only) and
``benchmarks/hoax_matching_eval.py`` (both splits, figures on ``eval``).
"""

from __future__ import annotations

import csv
import math
import os
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LAPOR_SHARED_DATA", ROOT.parent / "shared" / "data"))

_LABELS = r"(?:salah|hoaks|hoax|disinformasi|misinformasi|disnformasi|penipuan|parodi|satire)"
_TBH_URL = re.compile(r"https?://(?:beta\.)?turnbackhoax\.id/[^\s|,;)\]\"']+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Pair:
    """Two texts and whether they state the same claim."""

    a: str
    b: str
    same: bool
    kind: str
    """``title-post``, ``recheck``, ``title-title``, ``summary-title``, ``post-title``, or for
    negatives ``hard-negative`` / ``unrelated``."""
    split: str
    """``fit`` or ``eval``."""


@dataclass(frozen=True, slots=True)
class Retrieval:
    """A post whose earlier debunk (``truth``) must be found among ``corpus`` titles."""

    query: str
    truth: str
    own: str
    """The title of the query's own article: not an *earlier* debunk, left out of results."""


def available() -> bool:
    """Whether the shared data folder is present."""
    return (SHARED / "turnbackhoax-2024-claims").is_dir()


def slug_title(url: str) -> str | None:
    """The title a fact-check URL's slug carries, without the verdict label."""
    path = url.split("?")[0].rstrip("/").split("/")[-1]
    path = re.sub(r"^\d+-?", "", path)
    path = re.sub(rf"^{_LABELS}\]?-", "", path)
    words = [w for w in path.split("-") if w]
    return " ".join(words) if len(words) >= 3 else None


def _tbh_date(url: str) -> int | None:
    """Year of an old-style TurnBackHoax URL (``/2023/05/17/slug``), else ``None``."""
    m = re.search(r"turnbackhoax\.id/(\d{4})/\d{2}/", url)
    return int(m.group(1)) if m else None


def clean_post(text: str) -> str:
    """A post without the explanation some rows drag in."""
    text = re.split(r"=\s*=\s*=|\bPENJELASAN\b|\bPenjelasan\s*:", text)[0]
    return text.strip()[:3000]


def tbh_2024() -> list[dict[str, str]]:
    """TurnBackHoax 2024 rows: ``title``, ``post``, ``category``, ``date``."""
    rows: list[dict[str, str]] = []
    for path in sorted((SHARED / "turnbackhoax-2024-claims").glob("*.csv")):
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                rows.append(
                    {
                        "title": row["TITLE"].strip(),
                        "post": clean_post(row["HOAX_TEXT"]),
                        "category": row["LLM_CATEGORY"].strip(),
                        "date": row["DATE"],
                    }
                )
    return rows


def tbh_2026() -> list[dict[str, str]]:
    """TurnBackHoax 2025-2026 articles: ``url``, ``title`` (slug), ``post``, ``category``,
    ``refs`` (cited TurnBackHoax URLs, ``" "``-separated)."""
    path = SHARED / "turnbackhoax-2026-articles" / "turnbackhoax_articles.csv"
    out: list[dict[str, str]] = []
    with path.open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            title = slug_title(row["url"])
            if not title:
                continue
            refs = [u for u in _TBH_URL.findall(row["referensi"]) if "/articles/" in u]
            out.append(
                {
                    "url": row["url"],
                    "title": title,
                    "post": (row["narasi"] or "").strip()[:3000],
                    "category": (row["category"] or "").strip(),
                    "refs": " ".join(refs),
                }
            )
    return out


def komdigi() -> list[dict[str, str]]:
    """Komdigi items citing a TurnBackHoax article: ``title``, ``summary``, ``cited_title``,
    ``split`` (``fit`` when the cited article is from 2024 or before, else ``eval``)."""
    csv.field_size_limit(1 << 26)
    path = SHARED / "komdigi-hoaks" / "komdigi_hoaks_subset.csv"
    out: list[dict[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            content = row["content"]
            if "turnbackhoax.id" not in content:
                continue
            title = slug_title(row["url"])
            counter = content.split("Link Counter")[-1]
            cited = [u for u in _TBH_URL.findall(counter) if slug_title(u)]
            if not title or not cited:
                continue
            url = cited[0]
            year = _tbh_date(url)
            m = re.match(r"(\d+) tahun lalu|setahun lalu", row["date"].strip())
            age = int(m.group(1)) if m and m.group(1) else (1 if m else 0)
            if year is not None:
                split = "fit" if year <= 2024 else "eval"
            else:
                # New-style URLs carry no date: old enough only when Komdigi's item is.
                split = "fit" if age >= 2 else ("eval" if age == 0 else "")
            if not split:
                continue
            summary = re.split(r"Faktanya|Faktanya,", content, maxsplit=1)[0]
            summary = re.sub(r"^\s*Penjelasan\s*:\s*", "", summary).strip()[:1500]
            out.append(
                {
                    "title": title,
                    "summary": summary,
                    "cited_title": slug_title(url) or "",
                    "split": split,
                }
            )
    return out


class BM25:
    """Plain BM25 (k1 1.2, b 0.75) over lower-cased word tokens: the baseline and the miner."""

    def __init__(self, docs: Sequence[str]) -> None:
        self.docs = list(docs)
        self.tokens = [Counter(_WORD.findall(d.lower())) for d in self.docs]
        self.df: Counter[str] = Counter()
        for toks in self.tokens:
            self.df.update(toks.keys())
        self.avg = sum(sum(t.values()) for t in self.tokens) / max(1, len(self.tokens))
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, toks in enumerate(self.tokens):
            for tok in toks:
                self.postings[tok].append(i)

    def idf(self, tok: str) -> float:
        n, df = len(self.docs), self.df.get(tok, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def scores(self, query: str) -> dict[int, float]:
        """BM25 score of every document sharing a word with ``query``."""
        out: dict[int, float] = defaultdict(float)
        for tok in set(_WORD.findall(query.lower())):
            idf = self.idf(tok)
            for i in self.postings.get(tok, ()):
                tf = self.tokens[i][tok]
                length = sum(self.tokens[i].values())
                out[i] += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / self.avg))
        return out

    def top(self, query: str, k: int) -> list[int]:
        """Indices of the ``k`` best documents."""
        s = self.scores(query)
        return sorted(s, key=lambda i: -s[i])[:k]

    def pair_score(self, query: str, doc: str) -> float:
        """BM25 of ``doc`` for ``query`` as a share of ``doc``'s score for itself."""
        q = set(_WORD.findall(query.lower()))
        d = Counter(_WORD.findall(doc.lower()))
        length = sum(d.values())

        def part(tok: str) -> float:
            tf = d[tok]
            return self.idf(tok) * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / self.avg))

        whole = sum(part(t) for t in d)
        return sum(part(t) for t in d if t in q) / whole if whole else 0.0


def _same_claim(a: str, b: str) -> bool:
    return fuzz.token_set_ratio(a.lower(), b.lower()) >= 80


def _negatives(
    positives: list[Pair],
    pool: list[tuple[str, str]],
    category_of: dict[str, str],
    rng: random.Random,
    split: str,
) -> list[Pair]:
    """A hard negative and an unrelated negative for each positive (``pool``: title, cat)."""
    titles = [t for t, _ in pool]
    bm25 = BM25(titles)
    # A text can be a true pair of several titles (one post checked twice): none of them may
    # serve as its negative.
    true_of: dict[str, set[str]] = defaultdict(set)
    for pair in positives:
        true_of[pair.a].add(pair.b)
    out: list[Pair] = []
    for pair in positives:
        truth_cat = category_of.get(pair.b, "")
        for i in bm25.top(pair.a, 30):
            title, cat = pool[i]
            if title == pair.a or title in true_of[pair.a] or _same_claim(title, pair.b):
                continue
            if truth_cat and cat and cat != truth_cat:
                continue
            out.append(Pair(pair.a, title, False, "hard-negative", split))
            break
        for _ in range(20):
            title, cat = pool[rng.randrange(len(pool))]
            if cat != truth_cat or not truth_cat:
                if title not in true_of[pair.a] and not _same_claim(title, pair.b):
                    out.append(Pair(pair.a, title, False, "unrelated", split))
                    break
    return out


def fit_pairs(seed: int = 12) -> list[Pair]:
    """Labelled pairs of the fit split (2024 and older Komdigi only)."""
    rng = random.Random(seed)  # noqa: S311 - sampling negatives, not security
    rows = tbh_2024()
    pos: list[Pair] = []
    by_title: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if len(row["post"]) >= 20:
            pos.append(Pair(row["post"], row["title"], True, "title-post", "fit"))
            by_title[row["title"].lower()].append(row["post"])
    for posts in by_title.values():
        for other in posts[1:]:
            if other != posts[0]:
                pos.append(Pair(other, posts[0], True, "recheck", "fit"))
    for item in komdigi():
        if item["split"] == "fit":
            pos.append(Pair(item["title"], item["cited_title"], True, "title-title", "fit"))
            if len(item["summary"]) >= 40:
                pos.append(Pair(item["summary"], item["cited_title"], True, "summary-title", "fit"))
    pool = [(row["title"], row["category"]) for row in rows]
    category_of = {row["title"]: row["category"] for row in rows}
    category_of.update({row["post"]: row["category"] for row in rows})
    return pos + _negatives(pos, pool, category_of, rng, "fit")


def eval_pairs(seed: int = 26) -> tuple[list[Pair], list[Retrieval], list[str]]:
    """Pairs, retrieval tasks and the title corpus of the evaluation split (2025-2026)."""
    rng = random.Random(seed)  # noqa: S311 - sampling negatives, not security
    arts = tbh_2026()
    by_id = {re.search(r"/articles/(\d+)", a["url"]).group(1): a for a in arts}  # type: ignore[union-attr]
    old = tbh_2024()
    pos: list[Pair] = []
    tasks: list[Retrieval] = []
    cited_titles: list[str] = []
    for art in arts:
        for ref in art["refs"].split():
            m = re.search(r"/articles/(\d+)", ref)
            earlier = slug_title(ref) or (
                by_id[m.group(1)]["title"] if m and m.group(1) in by_id else None
            )
            if not earlier or earlier == art["title"]:
                continue
            cited_titles.append(earlier)
            if len(art["post"]) >= 20:
                pos.append(Pair(art["post"], earlier, True, "post-title", "eval"))
                tasks.append(Retrieval(art["post"], earlier, art["title"]))
            pos.append(Pair(art["title"], earlier, True, "title-title", "eval"))
            break  # the first cited earlier article: one task per post
    for item in komdigi():
        if item["split"] == "eval":
            pos.append(Pair(item["title"], item["cited_title"], True, "title-title", "eval"))
            if len(item["summary"]) >= 40:
                pos.append(
                    Pair(item["summary"], item["cited_title"], True, "summary-title", "eval")
                )
            cited_titles.append(item["cited_title"])
    corpus = list(
        dict.fromkeys([r["title"] for r in old] + [a["title"] for a in arts] + cited_titles)
    )
    pool = [(a["title"], a["category"]) for a in arts] + [(t, "") for t in cited_titles]
    category_of = {a["title"]: a["category"] for a in arts}
    return pos + _negatives(pos, pool, category_of, rng, "eval"), tasks, corpus


def balanced_weights(pairs: Iterable[Pair]) -> list[float]:
    """Row weights giving each positive kind, hard negatives and unrelated pairs equal mass."""
    pairs = list(pairs)
    counts = Counter(p.kind for p in pairs)
    # Kinds with fewer than 100 pairs (re-checks) weigh as much per pair as title/post pairs.
    pos_kinds = [k for k in counts if k not in ("hard-negative", "unrelated")]
    big = [k for k in pos_kinds if counts[k] >= 100]
    share = {k: 0.5 / len(big) / counts[k] for k in big}
    for k in pos_kinds:
        share.setdefault(k, share.get("title-post", min(share.values())))
    share["hard-negative"] = 0.35 / max(1, counts["hard-negative"])
    share["unrelated"] = 0.15 / max(1, counts["unrelated"])
    return [share[p.kind] * len(pairs) for p in pairs]
