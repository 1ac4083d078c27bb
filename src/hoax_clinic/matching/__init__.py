"""Claim matching: normalisation, a candidate index and pairwise re-ranking.

```python
from hoax_clinic.matching import ClaimIndex, DEFAULT_THRESHOLD, normalize, score

idx = ClaimIndex()
idx.add("c1", "SEBARKAN!!! Pemkot Bandung bagi bansos Rp1.000.000 tgl 17/6/2026")
best = idx.search("pemkot bandung bagikan bansos 1 juta 17 juni 2026", limit=1)
attach = bool(best) and best[0][1] >= DEFAULT_THRESHOLD
```
"""

from ._index import ClaimIndex as ClaimIndex
from ._normalize import normalize as normalize
from ._score import DEFAULT_THRESHOLD as DEFAULT_THRESHOLD
from ._score import MatchScore as MatchScore
from ._score import score as score

__all__ = ["DEFAULT_THRESHOLD", "ClaimIndex", "MatchScore", "normalize", "score"]
