"""Pairwise re-ranking: two similarities with guards against merging different claims.

The similarity averages :data:`BASE_SCORER` (a rapidfuzz scorer, 0-100) on the normalised
texts with :func:`gram_cosine`, the cosine of their character 3-gram counts, weighted by
:data:`GRAM_WEIGHT`. ``token_set_ratio`` alone calls a short text that shares most of its
words with a longer one a near match even when the longer one says something else
("Iran hujani Israel dengan rudal" vs "Foto Israel rata dengan tanah akibat rudal Iran");
the symmetric 3-gram cosine pulls such pairs down and still credits affixed forms of one
word ("mundur" / "pengunduran"). Guards then look for the ways two texts about the same
place or programme state a *different* claim; each conflict found multiplies the score by
:data:`CONFLICT_FACTOR`, which puts any conflicting pair below :data:`DEFAULT_THRESHOLD`:

- number: each side has a number the other lacks ("Rp500 ribu" vs "Rp1 juta");
- date: each side has a date the other lacks ("17 Juni" vs "18 Juni");
- denial: one side has a denial word ("membantah", "hoaks", "klarifikasi") and the other not;
- negation: one side negates ("tidak", "bukan", "belum", "tanpa") words that the other text
  states without the negation (aligned word by word, so a negation in a tail that a
  truncated copy dropped does not count);
- place: each side names a place (a known region, or the word after "kabupaten", "kota",
  "desa", "bupati", ...) that the other text does not mention at all;
- organisation: each side names a bank or company (a known one, or the word after "bank"
  or "PT") that the other text does not mention at all ("Bank Mandiri" vs "BSI");
- substitution: nearly equal texts where a capitalised name or a number was swapped for
  unrelated words ("undian BRI" vs "undian BNI").

A text with less than :data:`MIN_LENGTH_RATIO` of the other's distinct words is scaled down,
because ``token_set_ratio`` calls any subset a perfect match.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from ._normalize import normalize
from ._places import ORG_MARKERS, ORGANISATIONS, PLACE_MARKERS, PLACES

__all__ = [
    "BASE_SCORER",
    "CONFLICT_FACTOR",
    "DEFAULT_THRESHOLD",
    "GRAM_CHARS",
    "GRAM_WEIGHT",
    "MIN_LENGTH_RATIO",
    "MatchScore",
    "Signature",
    "combine",
    "conflicts",
    "gram_cosine",
    "gram_counts",
    "score",
    "score_signatures",
    "signature",
]

DEFAULT_THRESHOLD: float = 0.74
"""Attach a sighting to an existing claim when the best score is at least this.

Calibrated on ``tests/data/claim_pairs.jsonl`` with ``benchmarks/hoax_matching_eval.py``.
"""

CONFLICT_FACTOR: float = 0.6
"""Each guard conflict multiplies the score by this factor (below the threshold at once)."""

MIN_LENGTH_RATIO: float = 0.4
"""Below this ratio of distinct words (shorter / longer text) the score is scaled down."""

BASE_SCORER = fuzz.token_set_ratio
"""The rapidfuzz scorer (0-100) applied to normalised texts; brute force uses the same."""

GRAM_WEIGHT: float = 0.5
"""Weight of :func:`gram_cosine` in the similarity; :data:`BASE_SCORER` gets the rest."""

GRAM_CHARS: int = 400
"""Only the first this many characters of a normalised text enter :func:`gram_cosine`."""

_DENIALS = frozenset(
    {"membantah", "dibantah", "bantah", "bantahan", "menyangkal", "disangkal", "bohong",
     "keliru", "klarifikasi", "hoaks", "menepis", "ditepis", "mustahil", "meluruskan"}
)  # fmt: skip
"""Words that deny a claim wherever they stand."""

_NEGATIONS = frozenset(
    {"tidak", "bukan", "belum", "tanpa", "batal", "dibatalkan", "palsu"}
)  # fmt: skip
"""Words that negate what follows them; they count only where the other text shares it."""

_FUNCTION_WORDS = frozenset(
    """
    yang di ke dari dan atau ini itu untuk dengan pada akan ada juga sudah saja dalam kita
    kami saya anda kamu mereka dia ia adalah oleh karena jadi tetapi sama lagi bisa dapat
    harus tersebut sekarang masih seperti kalau bagaimana agar supaya telah para nya pun
    lah kah si mau ya sebagai bahwa apa hal semua setiap lebih banget hanya cuma terus
    saat ketika sedang mulai per se jangan ayo mari tolong mohon harap silakan awas hati
    waspada segera buruan cepat ini tadi
    """.split()
)


class MatchScore(NamedTuple):
    """One search result: the claim id and its score in [0, 1] (best results first)."""

    claim_id: str
    """The id the claim was added with."""
    score: float
    """Similarity in [0, 1]; compare with :data:`DEFAULT_THRESHOLD` to decide to attach."""


@dataclass(frozen=True, slots=True)
class Signature:
    """What the guards compare, read once from a normalised text."""

    text: str
    """The normalised text."""
    tokens: frozenset[str]
    """Its distinct tokens."""
    numbers: frozenset[str]
    """Numbers, amounts, percentages and times, as digits (``rp1000`` counts as ``1000``)."""
    dates: frozenset[str]
    """Date tokens: ``tglYYYYMMDD``, ``tglMMDD``, ``blnYYYYMM``, ``blnMM``."""
    denied: bool
    """Whether the text contains a denial word ("membantah", "hoaks", ...)."""
    negations: tuple[int, ...]
    """Positions of negation words ("tidak", "bukan", "tanpa", ...) in :attr:`words`."""
    words: tuple[str, ...]
    """The tokens in order."""
    places: frozenset[str]
    """Places named in the text (single tokens)."""
    orgs: frozenset[str]
    """Banks and companies named in the text (single tokens)."""
    entities: frozenset[str]
    """Tokens written with a capital or in capitals in the raw text (names, acronyms)."""


def _number_value(token: str) -> str | None:
    if token.startswith("rp") and token[2:3].isdigit():
        return token[2:]
    if token.startswith("pukul") and token[5:6].isdigit():
        return token
    if token[:1].isdigit() and token.isalnum() and not token.startswith("tgl"):
        # Plain numbers, decimals ("2koma5") and percentages ("10persen"); not "5g", "4k".
        rest = token.lstrip("0123456789")
        if rest == "" or rest.startswith(("koma", "persen")):
            return token
    return None


_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z0-9]*\b")


def _entities(raw: str, toks: set[str]) -> frozenset[str]:
    letters = [ch for ch in raw[:2000] if ch.isalpha()]
    if not letters or sum(ch.isupper() for ch in letters) * 2 > len(letters):
        return frozenset()  # a text in capitals says nothing about names
    found = {w.lower() for w in _CAPITALISED.findall(raw[:2000])}
    return frozenset(w for w in found if w in toks and w not in _FUNCTION_WORDS)


def signature(normalized: str, raw: str | None = None) -> Signature:
    """Read the features the guards compare from an already normalised text.

    Args:
        normalized: Output of :func:`normalize`.
        raw: The text before normalisation, used to spot capitalised names; optional.

    Returns:
        The text's :class:`Signature`.
    """
    toks = normalized.split()
    numbers: set[str] = set()
    dates: set[str] = set()
    places: set[str] = set()
    orgs: set[str] = set()
    denied = False
    negations: list[int] = []
    previous = ""
    for pos, tok in enumerate(toks):
        if tok.startswith(("tgl", "bln")) and tok[3:].isdigit():
            dates.add(tok)
        else:
            value = _number_value(tok)
            if value is not None:
                numbers.add(value)
        if tok in _DENIALS:
            denied = True
        elif tok in _NEGATIONS:
            negations.append(pos)
        if tok in PLACES or (previous in PLACE_MARKERS and tok.isalpha() and len(tok) > 2):
            places.add(tok)
        if tok in ORGANISATIONS or (
            previous in ORG_MARKERS
            and tok.isalpha()
            and len(tok) > 2
            and tok not in _FUNCTION_WORDS
            and tok not in ORG_MARKERS
        ):
            orgs.add(tok)
        previous = tok
    return Signature(
        text=normalized,
        tokens=frozenset(toks),
        numbers=frozenset(numbers),
        dates=frozenset(dates),
        denied=denied,
        negations=tuple(negations),
        words=tuple(toks),
        places=frozenset(places),
        orgs=frozenset(orgs),
        entities=_entities(raw, set(toks)) if raw else frozenset(),
    )


@lru_cache(maxsize=4096)
def gram_counts(text: str) -> tuple[dict[tuple[str, str, str], int], float]:
    """Count the character 3-grams of a normalised text (cached for recent texts).

    Args:
        text: A normalised text; only its first :data:`GRAM_CHARS` characters are read.

    Returns:
        The 3-grams of each word padded with a space each side, with their counts, and the
        Euclidean norm of those counts. Do not modify the returned dict (it is cached).
    """
    padded = f" {text[:GRAM_CHARS].replace(' ', '  ')} "
    counts = Counter(zip(padded, padded[1:], padded[2:], strict=False))
    grams = {g: n for g, n in counts.items() if g[1] != " "}
    return grams, math.sqrt(sum(n * n for n in grams.values()))


def gram_cosine(a: str, b: str) -> float:
    """Cosine similarity (0-100) of the character 3-gram counts of two normalised texts.

    Args:
        a: A normalised text.
        b: Another normalised text.

    Returns:
        100 for texts with the same 3-grams, 0 when they share none (or one is empty).
    """
    grams_a, norm_a = gram_counts(a)
    grams_b, norm_b = gram_counts(b)
    if not norm_a or not norm_b:
        return 0.0
    if len(grams_a) > len(grams_b):
        grams_a, grams_b = grams_b, grams_a
    dot = sum(n * grams_b.get(g, 0) for g, n in grams_a.items())
    return 100.0 * dot / (norm_a * norm_b)


def combine(base: float, cosine: float) -> float:
    """Blend a :data:`BASE_SCORER` value and a :func:`gram_cosine` value (both 0-100).

    Args:
        base: The rapidfuzz similarity.
        cosine: The 3-gram cosine.

    Returns:
        The similarity before length scaling and guards, 0-100.
    """
    return (1.0 - GRAM_WEIGHT) * base + GRAM_WEIGHT * cosine


def _dates_compatible(a: str, b: str) -> bool:
    if a[:3] != b[:3]:
        return True  # a day and a month are not compared
    if len(a) == len(b):
        return a == b
    return a[-4:] == b[-4:] if a.startswith("tgl") else a[-2:] == b[-2:]


def _dates_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    a_alone = any(not any(_dates_compatible(x, y) for y in b) for x in a)
    b_alone = any(not any(_dates_compatible(y, x) for x in a) for y in b)
    return a_alone and b_alone


def _related(x: str, y: str) -> bool:
    """Whether two words are plausibly spellings or affixed forms of one word."""
    if x in y or y in x:
        return True
    if Levenshtein.normalized_similarity(x, y) >= 0.7:
        return True
    sx, sy = _root(x), _root(y)
    return sx[:4] == sy[:4] and len(sx) >= 4


def _root(word: str) -> str:
    for pre in ("meng", "meny", "mem", "men", "me", "di", "ber", "ter", "pe", "ke"):
        if word.startswith(pre) and len(word) - len(pre) >= 4:
            return word[len(pre) :]
    return word


def _shared_positions(a: Signature, b: Signature) -> set[int]:
    """Positions of ``a.words`` that are aligned with equal words of ``b``."""
    shared: set[int] = set()
    for op in Indel.opcodes(list(a.words), list(b.words)):
        if op.tag == "equal":
            shared.update(range(op.src_start, op.src_end))
    return shared


def _negation_conflict(a: Signature, b: Signature) -> bool:
    """A negation of ``a`` whose next content words are aligned with ``b`` (and not negated)."""
    if not a.negations:
        return False
    shared = _shared_positions(a, b)
    b_negated = {b.words[i + 1] for i in b.negations if i + 1 < len(b.words)}
    for pos in a.negations:
        if pos in shared:
            continue  # the other text negates at the same place
        following = [
            i for i in range(pos + 1, min(len(a.words), pos + 6))
            if a.words[i] not in _FUNCTION_WORDS
        ][:2]  # fmt: skip
        if any(i in shared for i in following) and not any(
            a.words[i] in b_negated for i in following
        ):
            return True
    return False


def _substitution(a: Signature, b: Signature) -> bool:
    """Nearly equal texts where a name or a number was swapped for unrelated words."""
    longest = max(len(a.words), len(b.words))
    ops = Indel.opcodes(list(a.words), list(b.words))
    equal = sum(op.src_end - op.src_start for op in ops if op.tag == "equal")
    if longest == 0 or equal / longest < 0.7:
        return False
    region_a: list[str] = []
    region_b: list[str] = []
    for op in [*ops, None]:
        if op is None or op.tag == "equal":
            content_a = [w for w in region_a if w not in _FUNCTION_WORDS]
            content_b = [w for w in region_b if w not in _FUNCTION_WORDS]
            if (
                content_a
                and content_b
                and len(region_a) <= 3
                and len(region_b) <= 3
                and (
                    a.entities.intersection(content_a)
                    or b.entities.intersection(content_b)
                    or any(_number_value(w) for w in content_a + content_b)
                )
                and not any(_related(x, y) for x in content_a for y in content_b)
            ):
                return True
            region_a, region_b = [], []
        else:
            region_a.extend(a.words[op.src_start : op.src_end])
            region_b.extend(b.words[op.dest_start : op.dest_end])
    return False


def conflicts(a: Signature, b: Signature) -> list[str]:
    """Name the guard conflicts between two texts.

    Args:
        a: Signature of the first text.
        b: Signature of the second text.

    Returns:
        Zero or more of ``"number"``, ``"date"``, ``"denial"``, ``"negation"``, ``"place"``,
        ``"organisation"``, ``"substitution"``.
    """
    found: list[str] = []
    if a.numbers and b.numbers and (a.numbers - b.numbers) and (b.numbers - a.numbers):
        found.append("number")
    if _dates_conflict(a.dates, b.dates):
        found.append("date")
    if a.denied != b.denied:
        found.append("denial")
    if _negation_conflict(a, b) or _negation_conflict(b, a):
        found.append("negation")
    if (a.places - b.tokens) and (b.places - a.tokens):
        found.append("place")
    if (a.orgs - b.tokens) and (b.orgs - a.tokens):
        found.append("organisation")
    # The word alignment depends on argument order; check both ways so score(a, b) and
    # score(b, a) agree.
    if not found and (_substitution(a, b) or _substitution(b, a)):
        found.append("substitution")
    return found


def score_signatures(
    a: Signature, b: Signature, base: float | None = None, cosine: float | None = None
) -> float:
    """Score two signatures, reusing similarities that were already computed.

    Args:
        a: Signature of the first text.
        b: Signature of the second text.
        base: The :data:`BASE_SCORER` value (0-100) if already computed, else ``None``.
        cosine: The :func:`gram_cosine` value (0-100) if already computed, else ``None``.

    Returns:
        A score in [0, 1]; never above ``combine(base, cosine) / 100``.
    """
    if not a.text or not b.text:
        return 0.0
    if a.text == b.text:
        return 1.0
    raw = BASE_SCORER(a.text, b.text) if base is None else base
    cos = gram_cosine(a.text, b.text) if cosine is None else cosine
    value = combine(raw, cos) / 100.0
    # token_set_ratio gives 100 whenever one text's words are a subset of the other's, so a
    # one-line fragment would "match" every long message that contains it: scale down when
    # the shorter text has less than MIN_LENGTH_RATIO of the longer one's distinct words.
    short, long_ = sorted((len(a.tokens), len(b.tokens)))
    if short < MIN_LENGTH_RATIO * long_:
        value *= short / (MIN_LENGTH_RATIO * long_)
    for _ in conflicts(a, b):
        value *= CONFLICT_FACTOR
    return min(1.0, max(0.0, value))


def score(a: str, b: str) -> float:
    """Score how likely two texts state the same claim.

    Args:
        a: A claim text (raw; it is normalised here).
        b: Another claim text.

    Returns:
        A score in [0, 1]; at or above :data:`DEFAULT_THRESHOLD` means "same claim".

    Example:
        >>> claim = "Bansos Rp600 ribu cair 17 Juni"
        >>> score(claim, "bansos 600rb cair tgl 17/6") >= DEFAULT_THRESHOLD
        True
        >>> score(claim, "Bansos Rp300 ribu cair 17 Juni") < DEFAULT_THRESHOLD
        True
    """
    return score_signatures(signature(normalize(a), a), signature(normalize(b), b))
