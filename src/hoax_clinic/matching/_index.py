"""In-memory claim index: an IDF-weighted inverted index for candidates, rapidfuzz to re-rank.

Candidate generation. Every claim is reduced to features: its normalised tokens (minus a short
stop-word list) and a crude Indonesian stem of each longer token ("membagikan", "dibagikan"
and "pembagian" share ``~bagi``). Postings map each feature to the internal numbers of the
claims that have it. A query adds up the inverse document frequency of the features it
shares with each claim (NumPy ``bincount`` over the postings of the query's rarest features),
and the :attr:`ClaimIndex.candidates` best claims go on to re-ranking. Features held by more
than :attr:`ClaimIndex.max_df` of the claims are skipped when rarer ones exist, which keeps a
query's cost roughly independent of the index size.

Re-ranking scores the candidates with :func:`~hoax_clinic.matching.score`'s machinery
(rapidfuzz base score blended with the 3-gram cosine, then guards), so ``search`` returns the
same scores as ``score``.

Removal leaves a tombstone; the index compacts itself when more than half of its slots are
dead. The index holds only ``(id, text)`` pairs, so a store can rebuild it at start-up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt
from rapidfuzz import process

from hoax_clinic._exceptions import ClaimNotFoundError, InvalidClaimInputError

from ._normalize import normalize
from ._score import (
    BASE_SCORER,
    MatchScore,
    Signature,
    combine,
    gram_counts,
    score_signatures,
    signature,
)

__all__ = ["ClaimIndex", "features"]

_MAX_ID_CHARS = 200

_STOPWORDS = frozenset(
    """
    yang di ke dari dan atau ini itu untuk dengan pada akan ada juga sudah saja dalam kita
    kami saya anda kamu mereka dia ia adalah oleh karena jadi tetapi sama lagi bisa dapat
    harus tersebut sekarang banyak masih seperti kalau bagaimana agar supaya telah para
    se nya pun lah kah si sang mau ya yaa sebagai bahwa apa apakah kenapa mengapa hal
    semua setiap tiap lebih sangat banget paling hanya cuma terus baru saat ketika sedang
    """.split()
)

_SUFFIXES = ("nya", "lah", "kah", "pun")
_SUFFIXES2 = ("kan", "an", "i")
_PREFIXES = ("meng", "meny", "mem", "men", "me", "peng", "peny", "pem", "pen", "pe", "di",
             "ter", "ber", "be", "ke", "se")  # fmt: skip


def _stem(token: str) -> str | None:
    if len(token) < 6 or not token.isalpha():
        return None
    t = token
    for suf in _SUFFIXES:
        if t.endswith(suf) and len(t) - len(suf) >= 4:
            t = t[: -len(suf)]
            break
    for suf in _SUFFIXES2:
        if t.endswith(suf) and len(t) - len(suf) >= 4:
            t = t[: -len(suf)]
            break
    for pre in _PREFIXES:
        if t.startswith(pre) and len(t) - len(pre) >= 4:
            t = t[len(pre) :]
            break
    return None if t == token else "~" + t


def features(normalized: str) -> set[str]:
    """Return the candidate-generation features of a normalised text.

    Args:
        normalized: Output of :func:`~hoax_clinic.matching.normalize`.

    Returns:
        Distinct tokens that are not stop words, plus ``~stem`` features of longer words;
        all distinct tokens when every one is a stop word.
    """
    toks = normalized.split()
    out: set[str] = set()
    for tok in toks:
        if tok in _STOPWORDS:
            continue
        out.add(tok)
        stem = _stem(tok)
        if stem is not None:
            out.add(stem)
    return out or set(toks)


class ClaimIndex:
    """In-memory index of claim texts for fast "is this claim already known?" look-ups.

    Args:
        candidates: How many candidates the inverted index hands to the re-ranker.
        max_df: Skip features held by more than this share of claims (when rarer ones exist).

    Example:
        >>> idx = ClaimIndex()
        >>> idx.add("c1", "SEBARKAN!! Pemkot Bandung bagikan sembako gratis 17 Juni 2026")
        >>> idx.add("c2", "Pemkot Surabaya bagikan sembako gratis 17 Juni 2026")
        >>> idx.search("pemkot bandung bagi2 sembako gratis tgl 17/6/2026", limit=1)[0].claim_id
        'c1'
    """

    def __init__(self, *, candidates: int = 64, max_df: float = 0.05) -> None:
        if candidates < 1:
            raise InvalidClaimInputError(
                f"candidates={candidates} is not allowed; pass a positive number such as 64"
            )
        if not 0.0 < max_df <= 1.0:
            raise InvalidClaimInputError(
                f"max_df={max_df} is not allowed; pass a share in (0, 1] such as 0.05"
            )
        self.candidates = candidates
        """How many candidates go on to re-ranking."""
        self.max_df = max_df
        """Features held by more than this share of claims are skipped when rarer ones exist."""
        self._slots: list[str | None] = []
        self._sigs: list[Signature | None] = []
        self._feats: list[frozenset[str]] = []
        # 3-gram profile of each slot: vocabulary ids (uint32) then counts (uint16), as bytes.
        self._grams: list[bytes] = []
        self._gram_norms: list[float] = []
        self._gram_vocab: dict[tuple[str, str, str], int] = {}
        self._slot_of: dict[str, int] = {}
        self._postings: dict[str, list[int]] = {}
        self._arrays: dict[str, npt.NDArray[np.int64]] = {}
        self._df: dict[str, int] = {}
        self._alive: npt.NDArray[np.bool_] = np.zeros(1024, dtype=bool)

    @classmethod
    def from_pairs(
        cls, pairs: Iterable[tuple[str, str]], *, candidates: int = 64, max_df: float = 0.05
    ) -> ClaimIndex:
        """Build an index from ``(claim_id, text)`` pairs, e.g. the rows of a claim store.

        Args:
            pairs: The claims to index.
            candidates: As for the constructor.
            max_df: As for the constructor.

        Returns:
            A new index holding every pair (a later pair with the same id replaces the earlier).
        """
        index = cls(candidates=candidates, max_df=max_df)
        for claim_id, text in pairs:
            index.add(claim_id, text)
        return index

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, claim_id: object) -> bool:
        return claim_id in self._slot_of

    def add(self, claim_id: str, text: str) -> None:
        """Index a claim; a claim with the same id is replaced.

        Args:
            claim_id: The caller's id for the claim (1-200 characters).
            text: The claim text (raw; normalised here, only its start is read if very long).

        Raises:
            InvalidClaimInputError: The id is empty or too long, or a value is not a string.
        """
        if not isinstance(claim_id, str) or not 0 < len(claim_id) <= _MAX_ID_CHARS:
            raise InvalidClaimInputError(
                f"claim id {claim_id!r:.60} is not allowed; pass a string of 1-{_MAX_ID_CHARS}"
                " characters"
            )
        if not isinstance(text, str):
            raise InvalidClaimInputError(
                f"claim text for {claim_id!r:.60} is a {type(text).__name__}; pass a string"
            )
        if claim_id in self._slot_of:
            self.remove(claim_id)
        norm = normalize(text)
        sig = signature(norm, text)
        feats = frozenset(features(norm))
        slot = len(self._slots)
        self._slots.append(claim_id)
        self._sigs.append(sig)
        self._feats.append(feats)
        profile, gram_norm = self._gram_profile(norm)
        self._grams.append(profile)
        self._gram_norms.append(gram_norm)
        self._slot_of[claim_id] = slot
        if slot >= len(self._alive):
            grown = np.zeros(max(1024, 2 * len(self._alive)), dtype=bool)
            grown[: len(self._alive)] = self._alive
            self._alive = grown
        self._alive[slot] = True
        for feat in feats:
            self._postings.setdefault(feat, []).append(slot)
            self._df[feat] = self._df.get(feat, 0) + 1
            self._arrays.pop(feat, None)

    def remove(self, claim_id: str) -> None:
        """Remove a claim from the index.

        Args:
            claim_id: The id the claim was added with.

        Raises:
            ClaimNotFoundError: No claim with that id is indexed (also a ``LookupError``).
        """
        slot = self._slot_of.pop(claim_id, None)
        if slot is None:
            raise ClaimNotFoundError(
                f"claim id {claim_id!r:.60} is not in the index; add it first or check the id"
            )
        self._alive[slot] = False
        self._slots[slot] = None
        self._sigs[slot] = None
        for feat in self._feats[slot]:
            left = self._df[feat] - 1
            if left:
                self._df[feat] = left
            else:
                del self._df[feat]
        self._feats[slot] = frozenset()
        self._grams[slot] = b""
        self._gram_norms[slot] = 0.0
        dead = len(self._slots) - len(self._slot_of)
        if dead > 1024 and dead * 2 > len(self._slots):
            self._compact()

    def _compact(self) -> None:
        old_slots, old_sigs, old_feats = self._slots, self._sigs, self._feats
        old_grams, old_norms = self._grams, self._gram_norms
        live = [(i, cid) for i, cid in enumerate(old_slots) if cid is not None]
        self._slots, self._sigs, self._feats, self._grams, self._gram_norms = [], [], [], [], []
        self._slot_of, self._postings, self._arrays, self._df = {}, {}, {}, {}
        self._alive = np.zeros(max(1024, 2 * len(live)), dtype=bool)
        for slot, (old, cid) in enumerate(live):
            feats = old_feats[old]
            self._slots.append(cid)
            self._sigs.append(old_sigs[old])
            self._feats.append(feats)
            self._grams.append(old_grams[old])
            self._gram_norms.append(old_norms[old])
            self._slot_of[cid] = slot
            self._alive[slot] = True
            for feat in feats:
                self._postings.setdefault(feat, []).append(slot)
                self._df[feat] = self._df.get(feat, 0) + 1

    def _gram_profile(self, normalized: str) -> tuple[bytes, float]:
        """Pack a text's 3-gram counts as sorted vocabulary ids and counts, and their norm."""
        counts, norm = gram_counts(normalized)
        vocab = self._gram_vocab
        pairs = sorted((vocab.setdefault(g, len(vocab)), n) for g, n in counts.items())
        ids = np.fromiter((i for i, _ in pairs), dtype=np.uint32, count=len(pairs))
        cnt = np.fromiter((n for _, n in pairs), dtype=np.uint16, count=len(pairs))
        return ids.tobytes() + cnt.tobytes(), norm

    def _gram_cosines(self, normalized: str, slots: list[int]) -> list[float]:
        """:func:`gram_cosine` of a text with each slot's text, all slots in one NumPy pass."""
        counts, q_norm = gram_counts(normalized)
        known = sorted(
            (i, n) for g, n in counts.items() if (i := self._gram_vocab.get(g)) is not None
        )
        if not known or not q_norm:
            return [0.0] * len(slots)
        q_ids = np.fromiter((i for i, _ in known), dtype=np.int64, count=len(known))
        q_cnt = np.fromiter((n for _, n in known), dtype=np.float64, count=len(known))
        ids_parts: list[npt.NDArray[np.uint32]] = []
        cnt_parts: list[npt.NDArray[np.uint16]] = []
        sizes: list[int] = []
        for slot in slots:
            profile = self._grams[slot]
            n = len(profile) // 6
            ids_parts.append(np.frombuffer(profile, dtype=np.uint32, count=n))
            cnt_parts.append(np.frombuffer(profile, dtype=np.uint16, count=n, offset=4 * n))
            sizes.append(n)
        ids = np.concatenate(ids_parts).astype(np.int64)
        pos = np.minimum(np.searchsorted(q_ids, ids), len(q_ids) - 1)
        hit = q_ids[pos] == ids
        contrib = np.where(hit, q_cnt[pos], 0.0) * np.concatenate(cnt_parts)
        owner = np.repeat(np.arange(len(slots)), sizes)
        dots = np.bincount(owner, weights=contrib, minlength=len(slots))
        out: list[float] = []
        for k, slot in enumerate(slots):
            c_norm = self._gram_norms[slot]
            out.append(100.0 * float(dots[k]) / (q_norm * c_norm) if c_norm else 0.0)
        return out

    def _posting_array(self, feat: str) -> npt.NDArray[np.int64]:
        arr = self._arrays.get(feat)
        if arr is None:
            arr = np.fromiter(self._postings[feat], dtype=np.int64)
            self._arrays[feat] = arr
        return arr

    def _candidate_slots(self, feats: set[str]) -> list[int]:
        n = len(self._slot_of)
        known = sorted((self._df[f], f) for f in feats if f in self._df)
        if not known:
            return []
        cap = max(50, int(self.max_df * n))
        chosen = [(df, f) for df, f in known if df <= cap] or known[:3]
        arrays = [self._posting_array(f) for _, f in chosen]
        weights = [math.log((n + 1) / (df + 0.5)) for df, _ in chosen]
        ids = np.concatenate(arrays)
        w = np.repeat(np.asarray(weights), [len(a) for a in arrays])
        acc = np.bincount(ids, weights=w)
        hits = np.flatnonzero(acc)
        hits = hits[self._alive[hits]]
        if len(hits) > self.candidates:
            top = np.argpartition(acc[hits], -self.candidates)[-self.candidates :]
            hits = hits[top]
        return [int(h) for h in hits]

    def search(self, text: str, limit: int = 5) -> list[MatchScore]:
        """Find the indexed claims most similar to a text.

        Args:
            text: The text to look up (raw).
            limit: At most this many results (>= 1).

        Returns:
            ``(claim_id, score)`` pairs, best first, scores in [0, 1]; claims sharing no
            feature with the text are not returned.

        Raises:
            InvalidClaimInputError: ``limit`` is below 1.
        """
        if limit < 1:
            raise InvalidClaimInputError(f"limit={limit} is not allowed; pass 1 or more")
        if not isinstance(text, str):
            raise InvalidClaimInputError(f"search text is a {type(text).__name__}; pass a string")
        norm = normalize(text)
        if not norm or not self._slot_of:
            return []
        query = signature(norm, text)
        slots = self._candidate_slots(features(norm))
        if not slots:
            return []
        live = [(slot, sig) for slot in slots if (sig := self._sigs[slot]) is not None]
        bases = process.cdist(
            [norm], [sig.text for _, sig in live], scorer=BASE_SCORER, dtype=np.float64
        )[0]
        cosines = self._gram_cosines(norm, [slot for slot, _ in live])
        uppers = [combine(float(b), c) for b, c in zip(bases, cosines, strict=True)]
        # Length scaling and guards only lower a score, so candidates are visited by falling
        # blended similarity and the visit stops once ``limit`` final scores beat every
        # similarity still to come.
        order = sorted(range(len(live)), key=lambda i: -uppers[i])
        results: list[MatchScore] = []
        for i in order:
            if len(results) >= limit and results[limit - 1].score >= uppers[i] / 100.0:
                break
            slot, sig = live[i]
            claim_id = self._slots[slot]
            if claim_id is not None:
                value = score_signatures(query, sig, float(bases[i]), cosines[i])
                results.append(MatchScore(claim_id, value))
                results.sort(key=lambda m: (-m.score, m.claim_id))
        return results[:limit]
