"""Pairwise scoring: signals of two texts, a calibrated attach model, and guards.

:func:`signals` measures a pair in several ways: :data:`BASE_SCORER` (rapidfuzz
``token_set_ratio``) and :func:`gram_cosine` (character 3-grams) on the normalised texts,
and *asymmetric containment*: the share of the shorter text's informative words (stemmed;
numbers, dates and names count double) found in the longer text. A short claim carried by a
long forwarded post is the same claim, so the length difference itself is only one signal
(``length_ratio``) and never a penalty by rule. The attach model
(:class:`~hoax_clinic.matching.AttachModel`, a logistic regression fitted on real labelled
pairs by ``scripts/fit_hoax_matcher.py``) turns the signals into a probability.

Guards then look for the ways two texts about the same place or programme state a
*different* claim; any conflict keeps the score below the model's threshold (the
probability is capped at the threshold and halved per conflict):

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
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from ._model import AttachModel, default_model
from ._normalize import normalize
from ._places import ORG_MARKERS, ORGANISATIONS, PLACE_MARKERS, PLACES
from ._stem import is_root, stem

__all__ = [
    "BASE_SCORER",
    "DEFAULT_THRESHOLD",
    "GRAM_CHARS",
    "GUARDS",
    "SIGNALS",
    "Explanation",
    "MatchScore",
    "Rarity",
    "Signature",
    "conflicts",
    "explain",
    "explain_signatures",
    "gram_cosine",
    "gram_counts",
    "rarity_from_counts",
    "score",
    "score_many",
    "score_signatures",
    "signals",
    "signature",
]

DEFAULT_THRESHOLD: float = default_model().threshold
"""Attach a sighting to an existing claim when the best score is at least this.

The threshold of the shipped attach model (``attach_model.json``, fitted by
``scripts/fit_hoax_matcher.py`` on TurnBackHoax 2024 and older Komdigi pairs).
"""

SIGNALS: tuple[str, ...] = (
    "token_set", "cosine", "cover_long", "rare_cover", "shared", "length_ratio",
    "number_shared", "entity_missing",
    "number", "date", "denial", "negation", "place", "organisation", "substitution",
)  # fmt: skip
"""The pair signals the attach model weighs (see :func:`signals`). ``cover_short`` is left
out: it is ``rare_cover`` without the word rarity, and the two together made the fitted
weights unstable (large opposite coefficients)."""

GUARDS: tuple[str, ...] = (
    "number", "date", "denial", "negation", "place", "organisation", "substitution",
)  # fmt: skip
"""Conflicts that keep two texts apart whatever the model says (see :func:`conflicts`)."""

BASE_SCORER = fuzz.token_set_ratio
"""The rapidfuzz scorer (0-100) applied to normalised texts; brute force uses the same."""

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

_META_WORDS = frozenset(
    """
    video foto gambar unggahan unggah mengunggah diunggah akun narasi beredar klaim diklaim
    mengklaim mengeklaim informasi info berita pesan postingan tautan link media sosial
    facebook whatsapp instagram tiktok twitter youtube threads arsip salah hoaks
    disinformasi misinformasi penipuan tangkapan layar menyebut disebut berisi
    """.split()
)
"""Words that say what kind of item a fact-check is about, not what it claims."""


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
    content: frozenset[str]
    """Informative words, stemmed (``~bagi``), plus numbers, dates, places and names."""
    weight: float
    """Informative weight of :attr:`content`: numbers, dates and names 2, other words 1."""
    weights: Mapping[str, float]
    """The weight of each key of :attr:`content`."""
    names: frozenset[str]
    """The subset of :attr:`content` that are places, organisations and capitalised names."""


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


_LETTER = re.compile(r"[^\W\d_]")
_UPPER = re.compile(r"[A-Z\u00c0-\u00de]")
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z0-9]*\b")


_NONE: frozenset[str] = frozenset()
"""One empty set shared by every signature: an index of 100,000 claims otherwise holds half a
million empty sets, each one more object for every full garbage collection to visit."""


def _frozen(items: set[str] | frozenset[str]) -> frozenset[str]:
    return frozenset(items) if items else _NONE


_ASCII_UPPER = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ASCII_LETTERS = _ASCII_UPPER + _ASCII_UPPER.lower()


def _entities(raw: str, toks: frozenset[str]) -> frozenset[str]:
    head = raw[:2000]
    if head.isascii():
        # The same counts as the regular expressions below, without building lists.
        data = head.encode("ascii")
        letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
        upper = len(data) - len(data.translate(None, _ASCII_UPPER))
    else:
        letters = len(_LETTER.findall(head))
        upper = len(_UPPER.findall(head))
    if not letters or upper * 2 > letters:
        return _NONE  # a text in capitals says nothing about names
    found = {w.lower() for w in _CAPITALISED.findall(head)}
    return _frozen({w for w in found if w in toks and w not in _FUNCTION_WORDS})


def _name_like(token: str) -> bool:
    """Whether a word after a marker ("kota X") can be a name: no common or derived word."""
    return token not in _FUNCTION_WORDS and stem(token) == token and not is_root(token)


def _content_key(token: str) -> str:
    if token.isalpha():
        root = stem(token)
        return root if root == token else "~" + root
    return token


def _content_weight(key: str, names: set[str] | frozenset[str]) -> float:
    """Numbers, dates and names count double: they are what tells claims apart."""
    if key in names or key[:1].isdigit() or (key[:3] in {"tgl", "bln"} or key[:2] == "rp"):
        return 2.0
    return 1.0


@lru_cache(maxsize=262_144)
def _token_key(tok: str) -> tuple[str | None, float]:
    """A token's content key (``None`` for function and meta words) and its base weight."""
    if tok in _FUNCTION_WORDS or tok in _META_WORDS:
        return None, 0.0
    key = _content_key(tok)
    return key, _content_weight(key, frozenset())


@lru_cache(maxsize=262_144)
def _after_place_marker(tok: str) -> bool:
    """Whether a token read after a place marker ("kota X") is a place name."""
    return tok.isalpha() and len(tok) > 2 and _name_like(tok)


def _after_org_marker(tok: str) -> bool:
    """Whether a token read after "bank" or "PT" is the name of a company."""
    return tok.isalpha() and len(tok) > 2 and tok not in _FUNCTION_WORDS and tok not in ORG_MARKERS


_DIGIT_TOKEN = re.compile(r"\S*\d\S*")


def signature(normalized: str, raw: str | None = None) -> Signature:
    """Read the features the guards compare from an already normalised text.

    Args:
        normalized: Output of :func:`normalize`.
        raw: The text before normalisation, used to spot capitalised names; optional.

    Returns:
        The text's :class:`Signature`.
    """
    # Set operations on the distinct tokens where the order does not matter; positions only
    # for negations and for the word after a marker ("kota X", "bank X").
    toks = normalized.split()
    tokens = frozenset(toks)
    numbers: set[str] = set()
    dates: set[str] = set()
    for tok in _DIGIT_TOKEN.findall(normalized):
        if tok.startswith(("tgl", "bln")) and tok[3:].isdigit():
            dates.add(tok)
        else:
            value = _number_value(tok)
            if value is not None:
                numbers.add(value)
    denied = not tokens.isdisjoint(_DENIALS)
    negations: tuple[int, ...] = ()
    if not tokens.isdisjoint(_NEGATIONS):
        negations = tuple(i for i, tok in enumerate(toks) if tok in _NEGATIONS)
    places = set(tokens & PLACES)
    if not tokens.isdisjoint(PLACE_MARKERS):
        places.update(
            toks[i]
            for i in range(1, len(toks))
            if toks[i - 1] in PLACE_MARKERS and _after_place_marker(toks[i])
        )
    orgs = set(tokens & ORGANISATIONS)
    if not tokens.isdisjoint(ORG_MARKERS):
        orgs.update(
            toks[i]
            for i in range(1, len(toks))
            if toks[i - 1] in ORG_MARKERS and _after_org_marker(toks[i])
        )
    entities = _entities(raw, tokens) if raw else _NONE
    special = places | orgs | entities
    weights: dict[str, float] = {}
    names: set[str] = set()
    for tok in tokens:
        key, base = _token_key(tok)
        if key is None:
            continue
        if tok in special:
            names.add(key)
        if base > weights.get(key, 0.0):
            weights[key] = base
    for key in names:
        weights[key] = 2.0
    return Signature(
        text=normalized,
        tokens=tokens,
        numbers=_frozen(numbers),
        dates=_frozen(dates),
        denied=denied,
        negations=negations,
        words=tuple(toks),
        places=_frozen(places),
        orgs=_frozen(orgs),
        entities=entities,
        content=frozenset(weights),
        weight=sum(weights.values()),
        weights=weights,
        names=_frozen(names),
    )


@lru_cache(maxsize=4096)
def gram_counts(text: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], float]:
    """Count the character 3-grams of a normalised text (cached for recent texts).

    Each 3-gram is one integer (its three code points packed in 21 bits each), so counting
    and comparing are NumPy operations.

    Args:
        text: A normalised text; only its first :data:`GRAM_CHARS` characters are read.

    Returns:
        The sorted distinct 3-grams of each word padded with a space each side, their
        counts, and the Euclidean norm of those counts. Do not modify the arrays (cached).
    """
    padded = f" {text[:GRAM_CHARS].replace(' ', '  ')} "
    if len(padded) < 3:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64), 0.0
    codes = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    grams = (codes[:-2] << 42) | (codes[1:-1] << 21) | codes[2:]
    grams = grams[codes[1:-1] != 32]  # no gram centred on a space
    ids, counts = np.unique(grams, return_counts=True)
    weights = counts.astype(np.float64)
    return ids, weights, float(np.sqrt(np.dot(weights, weights)))


def gram_cosine(a: str, b: str) -> float:
    """Cosine similarity (0-100) of the character 3-gram counts of two normalised texts.

    Args:
        a: A normalised text.
        b: Another normalised text.

    Returns:
        100 for texts with the same 3-grams, 0 when they share none (or one is empty).
    """
    ids_a, cnt_a, norm_a = gram_counts(a)
    ids_b, cnt_b, norm_b = gram_counts(b)
    if not norm_a or not norm_b:
        return 0.0
    _, ia, ib = np.intersect1d(ids_a, ids_b, assume_unique=True, return_indices=True)
    dot = float(np.dot(cnt_a[ia], cnt_b[ib]))
    return min(100.0, 100.0 * dot / (norm_a * norm_b))


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
    if not a.negations or len(a.words) > 2 * len(b.words):
        # A negation somewhere in a long post says little about the short claim it carries.
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


Rarity = Callable[[str], float]
"""Inverse document frequency of a content key (``~bagi``, ``jokowi``) in a collection."""


def rarity_from_counts(df: Mapping[str, int], n: int) -> Rarity:
    """A :data:`Rarity` from document frequencies (BM25's IDF; unseen keys are rarest)."""

    cache: dict[str, float] = {}

    def idf(key: str) -> float:
        value = cache.get(key)
        if value is None:
            k = df.get(key, 0)
            value = cache[key] = math.log(1.0 + (n - k + 0.5) / (k + 0.5))
        return value

    return idf


def signals(
    a: Signature,
    b: Signature,
    base: float | None = None,
    cosine: float | None = None,
    rarity: Rarity | None = None,
) -> dict[str, float]:
    """Compute the pair signals the attach model weighs, by name (see :data:`SIGNALS`).

    The measures are asymmetric where texts differ in length: ``cover_short`` is the share of
    the shorter text's informative words (stemmed; numbers, dates and names count double) that
    the longer text contains, so a short claim inside a long forwarded post scores 1.
    ``cover_long`` is the reverse share, ``shared`` the log of the shared weight,
    ``length_ratio`` the log of the ratio of the texts' informative weights, and
    ``entity_missing`` the share of the shorter text's names absent from the longer. The
    guard conflicts of :func:`conflicts` are 0/1 signals.

    Args:
        a: Signature of the first text.
        b: Signature of the second text.
        base: The :data:`BASE_SCORER` value (0-100) if already computed, else ``None``.
        cosine: The :func:`gram_cosine` value (0-100) if already computed, else ``None``.
        rarity: Word rarity in the collection searched (``rare_cover`` weighs the shorter
            text's words by it); without one, ``rare_cover`` equals ``cover_short``.

    Returns:
        One float per name of :data:`SIGNALS`.
    """
    (short, short_w), (long_, long_w) = sorted(((a, a.weight), (b, b.weight)), key=lambda t: t[1])
    shared_keys = short.content & long_.content
    sw, lw = short.weights, long_.weights
    # A shared word counts double when either text marks it as a number, date or name.
    both = {k: max(sw[k], lw[k]) for k in shared_keys}
    shared = sum(both.values())
    if rarity is None:
        rare_cover = shared / short_w if short_w else 0.0
        rare_shared = shared
    else:
        rare_total = sum(rarity(k) * w for k, w in sw.items())
        rare_shared = sum(rarity(k) * w for k, w in both.items())
        rare_cover = min(1.0, rare_shared / rare_total) if rare_total else 0.0
    found = conflicts(a, b)
    out = {
        "token_set": (BASE_SCORER(a.text, b.text) if base is None else base) / 100.0,
        "cosine": (gram_cosine(a.text, b.text) if cosine is None else cosine) / 100.0,
        "cover_short": min(1.0, shared / short_w) if short_w else 0.0,
        "cover_long": min(1.0, shared / long_w) if long_w else 0.0,
        "rare_cover": rare_cover,
        "shared": math.log1p(shared),
        "length_ratio": math.log((1.0 + long_w) / (1.0 + short_w)),
        "number_shared": float(bool((a.numbers & b.numbers) or (a.dates & b.dates))),
        "entity_missing": (
            len(short.names - long_.content) / len(short.names) if short.names else 0.0
        ),
    }
    for guard in GUARDS:
        out[guard] = float(guard in found)
    # Not a model input: how :class:`ClaimIndex` ranks candidates (shared rarity times the
    # square root of the share of the shorter text it covers).
    out["containment"] = rare_shared * math.sqrt(rare_cover)
    return out


def _guarded(probability: float, found: int, threshold: float) -> float:
    """Keep a pair with guard conflicts below the threshold (halved per conflict)."""
    if not found:
        return probability
    return min(probability, threshold) * 0.5**found


class Explanation(NamedTuple):
    """Why two texts got their score: the probability, the signals and the conflicts."""

    score: float
    """The final score (the probability, lowered below the threshold by a conflict)."""
    probability: float
    """The attach model's probability before the guards."""
    signals: dict[str, float]
    """Every signal by name (see :func:`signals`)."""
    conflicts: tuple[str, ...]
    """The guard conflicts found (empty when none)."""
    contributions: dict[str, float]
    """Each signal's share of the model's logit; the largest say most about the score."""

    def reasons(self, top: int = 3) -> list[str]:
        """Short human-readable reasons: the conflicts, then the strongest signals."""
        out = [f"conflict:{c}" for c in self.conflicts]
        ranked = sorted(
            (kv for kv in self.contributions.items() if kv[0] not in GUARDS),
            key=lambda kv: -abs(kv[1]),
        )
        for name, value in ranked[:top]:
            out.append(f"{name}={self.signals[name]:.2f}{'+' if value >= 0 else '-'}")
        return out


def explain_signatures(
    a: Signature,
    b: Signature,
    base: float | None = None,
    cosine: float | None = None,
    model: AttachModel | None = None,
    rarity: Rarity | None = None,
) -> Explanation:
    """Score two signatures and say why.

    Args:
        a: Signature of the first text.
        b: Signature of the second text.
        base: The :data:`BASE_SCORER` value (0-100) if already computed, else ``None``.
        cosine: The :func:`gram_cosine` value (0-100) if already computed, else ``None``.
        model: The attach model; default :func:`~hoax_clinic.matching.default_model`.
        rarity: Word rarity in the collection searched, if any (see :func:`signals`).

    Returns:
        The :class:`Explanation`.
    """
    model = model or default_model()
    sig = signals(a, b, base, cosine, rarity)
    prob = model.probability(sig)
    found = tuple(g for g in GUARDS if sig[g])
    final = _decided(a.text, b.text, prob, len(found), model.threshold)
    return Explanation(final, prob, sig, found, model.contributions(sig))


def _decided(a: str, b: str, prob: float, guards: int, threshold: float) -> float:
    """The score of a pair: 0 for an empty text, 1 for the same text, else the guarded model."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return _guarded(prob, guards, threshold)


def score_many(
    query: Signature,
    others: list[Signature],
    bases: list[float],
    cosines: list[float],
    model: AttachModel,
    rarity: Rarity | None = None,
) -> list[tuple[float, float]]:
    """Score one text against many at once (one NumPy pass through the model).

    Returns:
        ``(score, containment)`` per other text: the guarded probability and the ranking
        value (see :func:`signals`).
    """
    rows = [signals(query, o, b, c, rarity) for o, b, c in zip(others, bases, cosines, strict=True)]
    if not rows:
        return []
    probs = model.probabilities(np.array([[r[f] for f in model.features] for r in rows]))
    out: list[tuple[float, float]] = []
    for o, r, p in zip(others, rows, probs, strict=True):
        guards = sum(1 for g in GUARDS if r[g])
        value = _decided(query.text, o.text, float(p), guards, model.threshold)
        out.append((value, r["containment"]))
    return out


def score_signatures(
    a: Signature,
    b: Signature,
    base: float | None = None,
    cosine: float | None = None,
    model: AttachModel | None = None,
) -> float:
    """Score two signatures, reusing similarities that were already computed.

    Args:
        a: Signature of the first text.
        b: Signature of the second text.
        base: The :data:`BASE_SCORER` value (0-100) if already computed, else ``None``.
        cosine: The :func:`gram_cosine` value (0-100) if already computed, else ``None``.
        model: The attach model; default :func:`~hoax_clinic.matching.default_model`.

    Returns:
        A score in [0, 1]: the model's probability that both state the same claim, kept
        below the threshold when a guard finds a conflict.
    """
    return explain_signatures(a, b, base, cosine, model).score


def score(
    a: str, b: str, *, model: AttachModel | None = None, rarity: Rarity | None = None
) -> float:
    """Score how likely two texts state the same claim.

    Args:
        a: A claim text (raw; it is normalised here).
        b: Another claim text.
        model: The attach model; default :func:`~hoax_clinic.matching.default_model`.
        rarity: Word rarity in the collection the claims live in (as a
            :class:`~hoax_clinic.matching.ClaimIndex` has it); without it every informative
            word counts alike.

    Returns:
        A score in [0, 1]; at or above the model's threshold (:data:`DEFAULT_THRESHOLD` for
        the shipped one) means "same claim".

    Example:
        >>> claim = "Bansos Rp600 ribu cair 17 Juni"
        >>> score(claim, "bansos 600rb cair tgl 17/6") >= DEFAULT_THRESHOLD
        True
        >>> score(claim, "Bansos Rp300 ribu cair 17 Juni") < DEFAULT_THRESHOLD
        True
    """
    # One order for both calls: a few signals break ties by position, and "same claim" must not
    # depend on which text came first.
    if (len(b), b) < (len(a), a):
        a, b = b, a
    return explain_signatures(
        signature(normalize(a), a), signature(normalize(b), b), model=model, rarity=rarity
    ).score


def explain(a: str, b: str, *, model: AttachModel | None = None) -> Explanation:
    """Like :func:`score`, with the signals and conflicts behind the score."""
    return explain_signatures(signature(normalize(a), a), signature(normalize(b), b), model=model)
