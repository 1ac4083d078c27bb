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

import gc
import math
from collections.abc import Iterable
from contextlib import closing
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from rapidfuzz import process

from hoax_clinic._exceptions import ClaimNotFoundError, InvalidClaimInputError

from ._model import AttachModel, default_model
from ._normalize import MAX_INPUT_CHARS, normalize
from ._parallel import normalize_many
from ._score import (
    BASE_SCORER,
    Explanation,
    MatchScore,
    Rarity,
    Signature,
    explain_signatures,
    gram_counts,
    rarity_from_counts,
    score_many,
    signature,
)
from ._stem import stem

__all__ = ["ClaimIndex", "features"]

_MAX_ID_CHARS = 200
_BM25_K1 = 1.2
_BM25_B = 0.75

_STOPWORDS = frozenset(
    """
    yang di ke dari dan atau ini itu untuk dengan pada akan ada juga sudah saja dalam kita
    kami saya anda kamu mereka dia ia adalah oleh karena jadi tetapi sama lagi bisa dapat
    harus tersebut sekarang banyak masih seperti kalau bagaimana agar supaya telah para
    se nya pun lah kah si sang mau ya yaa sebagai bahwa apa apakah kenapa mengapa hal
    semua setiap tiap lebih sangat banget paling hanya cuma terus baru saat ketika sedang
    """.split()
)


def features(normalized: str) -> frozenset[str]:
    """Return the candidate-generation features of a normalised text.

    Args:
        normalized: Output of :func:`~hoax_clinic.matching.normalize`.

    Returns:
        Distinct tokens that are not stop words, plus ``~stem`` features of longer words;
        all distinct tokens when every one is a stop word.
    """
    return _token_set_features(frozenset(normalized.split()))


def _token_set_features(tokens: frozenset[str]) -> frozenset[str]:
    """:func:`features` of a text given its distinct tokens."""
    return frozenset(set().union(*map(_token_features, tokens))) or tokens


@lru_cache(maxsize=262_144)
def _token_features(tok: str) -> tuple[str, ...]:
    """The features one token gives: none for a stop word, else itself and its ``~stem``."""
    if tok in _STOPWORDS:
        return ()
    if tok.isalpha():
        root = stem(tok)
        if root != tok:
            return (tok, "~" + root)
    return (tok,)


def _check_claim(claim_id: object, text: object) -> None:
    if not isinstance(claim_id, str) or not 0 < len(claim_id) <= _MAX_ID_CHARS:
        raise InvalidClaimInputError(
            f"claim id {claim_id!r:.60} is not allowed; pass a string of 1-{_MAX_ID_CHARS}"
            " characters"
        )
    if not isinstance(text, str):
        raise InvalidClaimInputError(
            f"claim text for {claim_id!r:.60} is a {type(text).__name__}; pass a string"
        )


_SETTLE_AFTER = 10_000
"""Bulk builds of at least this many claims end with a full garbage collection."""

_RRF_K = 60.0
"""Reciprocal rank fusion constant: the customary 60 (Cormack et al., 2009); not tuned."""


def _fused_ranks(scored: list[tuple[int, float, float, float]]) -> list[float]:
    """Reciprocal rank fusion of three rankings of the candidates: by the attach model's
    score, by containment and by BM25 (``scored`` rows: slot, score, containment, bm25)."""
    fused = [0.0] * len(scored)
    for column in (1, 2, 3):
        order = sorted(range(len(scored)), key=lambda k: -scored[k][column])
        for rank, k in enumerate(order):
            fused[k] += 1.0 / (_RRF_K + rank)
    return fused


class ClaimIndex:
    """In-memory index of claim texts for fast "is this claim already known?" look-ups.

    Args:
        candidates: How many candidates the inverted index considers (BM25).
        rerank: How many of those, the ones containing most of the shorter side's rare
            words, the attach model scores (at least ``limit`` always are).
        max_df: Skip features held by more than this share of claims (when rarer ones exist).
        model: The attach model that scores candidates; default
            :func:`~hoax_clinic.matching.default_model`.

    Example:
        >>> idx = ClaimIndex()
        >>> idx.add("c1", "SEBARKAN!! Pemkot Bandung bagikan sembako gratis 17 Juni 2026")
        >>> idx.add("c2", "Pemkot Surabaya bagikan sembako gratis 17 Juni 2026")
        >>> idx.search("pemkot bandung bagi2 sembako gratis tgl 17/6/2026", limit=1)[0].claim_id
        'c1'
    """

    def __init__(
        self,
        *,
        candidates: int = 128,
        rerank: int = 16,
        max_df: float = 0.05,
        model: AttachModel | None = None,
    ) -> None:
        if candidates < 1:
            raise InvalidClaimInputError(
                f"candidates={candidates} is not allowed; pass a positive number such as 128"
            )
        if rerank < 1:
            raise InvalidClaimInputError(
                f"rerank={rerank} is not allowed; pass a positive number such as 16"
            )
        if not 0.0 < max_df <= 1.0:
            raise InvalidClaimInputError(
                f"max_df={max_df} is not allowed; pass a share in (0, 1] such as 0.05"
            )
        self.candidates = candidates
        """How many candidates the inverted index considers."""
        self.rerank = rerank
        """How many of them (the most contained) the attach model scores."""
        self.max_df = max_df
        """Features held by more than this share of claims are skipped when rarer ones exist."""
        self.model = model or default_model()
        """The attach model scoring the candidates."""
        self._slots: list[str | None] = []
        self._raw: list[str] = []
        self._norms: list[str] = []
        self._feats: list[frozenset[str]] = []
        # Signatures (made when a claim is added) and 3-gram profiles (made when a search
        # first scores the claim), kept in dicts so that removal frees them at once.
        self._sigs: dict[int, Signature] = {}
        # 3-gram profile of a slot: sorted gram ids, counts, norm (see gram_counts).
        self._grams: dict[int, tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], float]] = {}
        self._slot_of: dict[str, int] = {}
        self._postings: dict[str, list[int]] = {}
        self._arrays: dict[str, npt.NDArray[np.int64]] = {}
        self._df: dict[str, int] = {}
        # Feature numbers and their document frequencies as an array, so that the rarity
        # mass of many claims is one NumPy gather.
        self._feat_id: dict[str, int] = {}
        self._df_arr: npt.NDArray[np.float64] = np.zeros(4096, dtype=np.float64)
        self._feat_ids: list[npt.NDArray[np.int64]] = []
        self._alive: npt.NDArray[np.bool_] = np.zeros(1024, dtype=bool)
        self._lengths: npt.NDArray[np.float64] = np.zeros(1024, dtype=np.float64)
        self._total_length = 0.0

    @classmethod
    def from_pairs(
        cls,
        pairs: Iterable[tuple[str, str]],
        *,
        candidates: int = 128,
        max_df: float = 0.05,
        model: AttachModel | None = None,
        workers: int | None = None,
    ) -> ClaimIndex:
        """Build an index from ``(claim_id, text)`` pairs, e.g. the rows of a claim store.

        Args:
            pairs: The claims to index.
            candidates: As for the constructor.
            max_df: As for the constructor.
            model: As for the constructor.
            workers: Helper processes that normalise the texts while this process indexes
                them. ``None`` (the default) uses one or two when there are at least 20,000
                claims and more than one CPU; ``0`` never starts one. The index is the same
                either way.

        Returns:
            A new index holding every pair (a later pair with the same id replaces the earlier).

        Raises:
            InvalidClaimInputError: An id is empty or too long, or a value is not a string
                (checked for every pair before anything is indexed).
        """
        index = cls(candidates=candidates, max_df=max_df, model=model)
        rows = list(pairs)
        for claim_id, text in rows:
            _check_claim(claim_id, text)
        # A later pair with the same id replaces the earlier, as add() would: keep the last.
        last = {claim_id: k for k, (claim_id, _) in enumerate(rows)}
        if len(last) < len(rows):
            rows = [row for k, row in enumerate(rows) if last[row[0]] == k]
        # Building makes several small objects per claim that all live as long as the index:
        # the cyclic garbage collector would scan the growing heap again and again for
        # nothing (a quarter of the time of building 100,000 claims), so it waits until the
        # end. It is switched back on even if a text fails to index.
        collecting = gc.isenabled()
        gc.disable()
        try:
            norms = normalize_many([text for _, text in rows], workers=workers)
            with closing(norms):
                index._load(rows, norms)
        finally:
            if collecting:
                gc.enable()
        if collecting and len(rows) >= _SETTLE_AFTER:
            # Settle the debt now: the collector would otherwise walk every new object three
            # times (young, middle, old generation) during the first searches. One full pass
            # moves them all to the old generation at once. (A small build's debt is small,
            # and a full pass over a big heap would cost it more than it saves.)
            gc.collect()
        return index

    def _load(self, rows: list[tuple[str, str]], norms: Iterable[str]) -> None:
        """Fill an empty index with checked claims of distinct ids, given their normal forms.

        The same index as :meth:`add` for each row, with the postings and counts made in a
        few NumPy passes at the end instead of dictionary updates per feature."""
        fid = self._feat_id
        number = fid.setdefault
        flat: list[int] = []
        sizes: list[int] = []
        for (claim_id, text), norm in zip(rows, norms, strict=True):
            _, feats = self._place(claim_id, text, norm)
            flat.extend([number(feat, len(fid)) for feat in feats])
            sizes.append(len(feats))
        ids = np.array(flat, dtype=np.int64)
        self._feat_ids = np.split(ids, np.cumsum(sizes)[:-1]) if rows else []
        df = self._index_live_slots()
        self._df_arr = np.zeros(max(4096, 2 * len(fid)), dtype=np.float64)
        self._df_arr[: len(df)] = df

    def _index_live_slots(self) -> npt.NDArray[np.int64]:
        """Make the postings, document frequencies, lengths and live marks of an index whose
        slots are all live, from each slot's feature numbers; return the count per feature
        number (a bulk load and a compaction both end here)."""
        n = len(self._feat_ids)
        sizes = np.fromiter(map(len, self._feat_ids), dtype=np.int64, count=n)
        ids = np.concatenate(self._feat_ids) if n else np.zeros(0, dtype=np.int64)
        names = list(self._feat_id)
        df = np.bincount(ids, minlength=len(names))
        # The slots of each feature in slot order: a stable sort of the slots by feature.
        owners = np.repeat(np.arange(n, dtype=np.int64), sizes)[np.argsort(ids, kind="stable")]
        by_slot = owners.tolist()
        postings: dict[str, list[int]] = {}
        counts: dict[str, int] = {}
        start = 0
        for name, end in zip(names, np.cumsum(df).tolist(), strict=True):
            if end > start:  # a compaction keeps the numbers of features no live claim has
                postings[name] = by_slot[start:end]
                counts[name] = end - start
            start = end
        self._postings, self._df = postings, counts
        size = max(1024, 2 * n)
        self._alive = np.zeros(size, dtype=bool)
        self._alive[:n] = True
        self._lengths = np.zeros(size, dtype=np.float64)
        self._lengths[:n] = sizes
        self._total_length = float(sizes.sum())
        return df

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
        _check_claim(claim_id, text)
        if claim_id in self._slot_of:
            self.remove(claim_id)
        self._insert(claim_id, text, normalize(text))

    def _place(self, claim_id: str, text: str, norm: str) -> tuple[int, frozenset[str]]:
        """Give a new claim the next slot, its texts and its signature; return the slot and
        its features (the postings and counts are the caller's)."""
        # The signature now (every search needs its candidates'); the 3-gram profile when a
        # search first scores the claim (cheaper to make than to keep for every claim).
        sig = signature(norm, text)
        feats = _token_set_features(sig.tokens)
        slot = len(self._slots)
        self._slots.append(claim_id)
        self._raw.append(text[:MAX_INPUT_CHARS])
        self._norms.append(norm)
        self._feats.append(feats)
        self._slot_of[claim_id] = slot
        self._sigs[slot] = sig
        return slot, feats

    def _insert(self, claim_id: str, text: str, norm: str) -> None:
        """Index a checked claim that is not indexed yet, given its normal form."""
        slot, feats = self._place(claim_id, text, norm)
        if slot >= len(self._alive):
            size = max(1024, 2 * len(self._alive))
            grown = np.zeros(size, dtype=bool)
            grown[: len(self._alive)] = self._alive
            self._alive = grown
            lengths = np.zeros(size, dtype=np.float64)
            lengths[: len(self._lengths)] = self._lengths
            self._lengths = lengths
        self._alive[slot] = True
        self._lengths[slot] = len(feats)
        self._total_length += len(feats)
        fid, postings, df = self._feat_id, self._postings, self._df
        numbers: list[int] = []
        for feat in feats:
            number = fid.get(feat)
            if number is None:
                number = fid[feat] = len(fid)
                postings[feat] = [slot]
                df[feat] = 1
            else:
                slots = postings.get(feat)
                if slots is None:  # known feature whose postings a compaction dropped
                    postings[feat] = [slot]
                else:
                    slots.append(slot)
                df[feat] = df.get(feat, 0) + 1
            numbers.append(number)
        ids = np.array(numbers, dtype=np.int64)
        if len(fid) > len(self._df_arr):
            grown_df = np.zeros(2 * len(fid), dtype=np.float64)
            grown_df[: len(self._df_arr)] = self._df_arr
            self._df_arr = grown_df
        self._df_arr[ids] += 1.0
        self._feat_ids.append(ids)

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
        self._sigs.pop(slot, None)
        self._grams.pop(slot, None)
        for feat in self._feats[slot]:
            left = self._df[feat] - 1
            if left:
                self._df[feat] = left
            else:
                del self._df[feat]
        self._total_length -= len(self._feats[slot])
        self._df_arr[self._feat_ids[slot]] -= 1.0
        self._feat_ids[slot] = np.zeros(0, dtype=np.int64)
        self._feats[slot] = frozenset()
        self._raw[slot] = ""
        self._norms[slot] = ""
        dead = len(self._slots) - len(self._slot_of)
        if dead > 1024 and dead * 2 > len(self._slots):
            self._compact()

    def _compact(self) -> None:
        live = [(i, cid) for i, cid in enumerate(self._slots) if cid is not None]
        old_raw, old_norms, old_feats = self._raw, self._norms, self._feats
        old_sigs, old_grams = self._sigs, self._grams
        fresh = ClaimIndex(
            candidates=self.candidates, rerank=self.rerank, max_df=self.max_df, model=self.model
        )
        fresh._feat_id = self._feat_id
        fresh._df_arr = self._df_arr
        for cid, raw in ((cid, old_raw[i]) for i, cid in live):
            fresh._slots.append(cid)
            fresh._raw.append(raw)
        for slot, (old, cid) in enumerate(live):
            fresh._norms.append(old_norms[old])
            fresh._feats.append(old_feats[old])
            fresh._feat_ids.append(self._feat_ids[old])
            fresh._slot_of[cid] = slot
            if old in old_sigs:
                fresh._sigs[slot] = old_sigs[old]
            if old in old_grams:
                fresh._grams[slot] = old_grams[old]
        fresh._index_live_slots()
        self.__dict__.update(
            {name: getattr(fresh, name) for name in self.__dict__ if hasattr(fresh, name)}
        )

    def _signature(self, slot: int) -> Signature:
        sig = self._sigs.get(slot)
        if sig is None:
            sig = signature(self._norms[slot], self._raw[slot])
            self._sigs[slot] = sig
        return sig

    def _gram_profile(
        self, slot: int
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], float]:
        """A slot's 3-gram ids (sorted), counts and norm (see :func:`gram_counts`)."""
        cached = self._grams.get(slot)
        if cached is None:
            cached = gram_counts(self._norms[slot])
            self._grams[slot] = cached
        return cached

    def _gram_cosines(self, normalized: str, slots: list[int]) -> list[float]:
        """:func:`gram_cosine` of a text with each slot's text, all slots in one NumPy pass."""
        profiles = [self._gram_profile(slot) for slot in slots]
        q_ids, q_cnt, q_norm = gram_counts(normalized)
        if not len(q_ids) or not q_norm or not profiles:
            return [0.0] * len(slots)
        ids = np.concatenate([p[0] for p in profiles])
        cnt = np.concatenate([p[1] for p in profiles])
        pos = np.minimum(np.searchsorted(q_ids, ids), len(q_ids) - 1)
        contrib = np.where(q_ids[pos] == ids, q_cnt[pos], 0.0) * cnt
        owner = np.repeat(np.arange(len(slots)), [len(p[0]) for p in profiles])
        dots = np.bincount(owner, weights=contrib, minlength=len(slots))
        return [
            min(100.0, 100.0 * float(dots[k]) / (q_norm * p[2])) if p[2] else 0.0
            for k, p in enumerate(profiles)
        ]

    def _posting_array(self, feat: str) -> npt.NDArray[np.int64]:
        # Postings only grow (a compaction starts a fresh cache), so a cached array of
        # another length is stale.
        slots = self._postings[feat]
        arr = self._arrays.get(feat)
        if arr is None or len(arr) != len(slots):
            arr = np.fromiter(slots, dtype=np.int64, count=len(slots))
            self._arrays[feat] = arr
        return arr

    def _candidate_slots(
        self, feats: frozenset[str], wanted: int, rerank: int
    ) -> list[tuple[int, float]]:
        """Live slots for ``feats`` and their BM25: the ``wanted`` best by BM25 (term
        frequency 1), then of those the ``rerank`` that contain most of the shorter side's
        rare words."""
        n = len(self._slot_of)
        known = sorted((self._df[f], f) for f in feats if f in self._df)
        if not known:
            return []
        cap = max(50, int(self.max_df * n))
        chosen = [(df, f) for df, f in known if df <= cap] or known[:3]
        arrays = [self._posting_array(f) for _, f in chosen]
        weights = [math.log(1.0 + (n - df + 0.5) / (df + 0.5)) for df, _ in chosen]
        ids = np.concatenate(arrays)
        w = np.repeat(np.asarray(weights), [len(a) for a in arrays])
        acc = np.bincount(ids, weights=w)
        hits = np.flatnonzero(acc)
        hits = hits[self._alive[hits]]
        avg = self._total_length / n if n else 1.0
        norm = 1.0 + _BM25_K1 * (1.0 - _BM25_B + _BM25_B * self._lengths[hits] / max(avg, 1.0))
        bm25 = acc[hits] * (1.0 + _BM25_K1) / norm
        if len(hits) > wanted:
            top = np.argpartition(bm25, -wanted)[-wanted:]
            hits, bm25 = hits[top], bm25[top]
        if len(hits) > rerank:
            # Keep the candidates that contain most of the shorter text's rare words: shared
            # rarity times the square root of the share of the shorter side it covers.
            idf = dict(zip((f for _, f in chosen), weights, strict=True))
            q_total = sum(idf.values())
            parts = [self._feat_ids[h] for h in hits]
            df_hits = self._df_arr[np.concatenate(parts)]
            idf_hits = np.log(1.0 + (n - df_hits + 0.5) / (df_hits + 0.5))
            owner = np.repeat(np.arange(len(hits)), [len(p) for p in parts])
            totals = np.bincount(owner, weights=idf_hits, minlength=len(hits))
            shared = acc[hits]
            cover = shared / np.maximum(np.minimum(totals, q_total), 1e-9)
            key = shared * np.sqrt(np.minimum(cover, 1.0))
            keep = np.argpartition(key, -rerank)[-rerank:]
            hits, bm25 = hits[keep], bm25[keep]
        return [(int(h), float(b)) for h, b in zip(hits, bm25, strict=True)]

    def _score_slots(
        self, text: str, limit: int
    ) -> tuple[Signature, list[tuple[int, float, float, float]]]:
        """The query's signature and ``(slot, score, containment, bm25)`` per candidate."""
        if limit < 1:
            raise InvalidClaimInputError(f"limit={limit} is not allowed; pass 1 or more")
        if not isinstance(text, str):
            raise InvalidClaimInputError(f"search text is a {type(text).__name__}; pass a string")
        norm = normalize(text)
        query = signature(norm, text)
        if not norm or not self._slot_of:
            return query, []
        found = self._candidate_slots(
            features(norm), max(self.candidates, limit), max(self.rerank, limit)
        )
        if not found:
            return query, []
        slots = [slot for slot, _ in found]
        sigs = [self._signature(slot) for slot in slots]
        bases = process.cdist(
            [norm], [sig.text for sig in sigs], scorer=BASE_SCORER, dtype=np.float64
        )[0]
        cosines = self._gram_cosines(norm, slots)
        values = score_many(
            query, sigs, [float(b) for b in bases], cosines, self.model, self._rarity()
        )
        return query, [
            (slot, value, containment, bm25)
            for (slot, bm25), (value, containment) in zip(found, values, strict=True)
        ]

    def search(self, text: str, limit: int = 5) -> list[MatchScore]:
        """Find the indexed claims most similar to a text.

        Candidates come from the inverted index by BM25 (so a short claim inside a long post
        is found); each is scored by the attach model. When the index holds at least
        ``limit`` claims sharing an informative word with the text, ``limit`` results are
        returned.

        Args:
            text: The text to look up (raw).
            limit: At most this many results (>= 1).

        Returns:
            ``(claim_id, score)`` pairs, scores in [0, 1]: first the claims whose score
            reaches the model's threshold (same claim), best score first; then the others by
            reciprocal rank fusion of three rankings of the candidates: by score, by
            containment (the rarity of the words shared, times the square root of the share
            of the shorter text they cover) and by BM25. Claims sharing no feature with the
            text are not
            returned. Scores equal :meth:`explain`'s; they can differ a little from
            :func:`~hoax_clinic.matching.score`, which knows no word rarity.

        Raises:
            InvalidClaimInputError: ``limit`` is below 1.
        """
        _, scored = self._score_slots(text, limit)
        threshold = self.model.threshold
        fused = _fused_ranks(scored)
        ranked = sorted(
            (
                (False, -value, -containment, claim_id, value)
                if value >= threshold
                else (True, -fused[k], -containment, claim_id, value)
            )
            for k, (slot, value, containment, _) in enumerate(scored)
            if (claim_id := self._slots[slot]) is not None
        )
        return [MatchScore(claim_id, value) for _, _, _, claim_id, value in ranked[:limit]]

    def explain(self, text: str, claim_id: str) -> Explanation:
        """Say why an indexed claim gets its score against a text (signals and conflicts).

        Raises:
            ClaimNotFoundError: No claim with that id is indexed.
        """
        slot = self._slot_of.get(claim_id)
        if slot is None:
            raise ClaimNotFoundError(
                f"claim id {claim_id!r:.60} is not in the index; add it first or check the id"
            )
        if not isinstance(text, str):
            raise InvalidClaimInputError(f"text is a {type(text).__name__}; pass a string")
        norm = normalize(text)
        cosine = self._gram_cosines(norm, [slot])[0] if norm else 0.0
        return explain_signatures(
            signature(norm, text), self._signature(slot), None, cosine, self.model, self._rarity()
        )

    def _rarity(self) -> Rarity:
        """Word rarity among the indexed claims (content keys are index features)."""
        return rarity_from_counts(self._df, len(self._slot_of))
