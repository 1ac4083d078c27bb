"""Claim matching: normalisation, a candidate index and pairwise re-ranking.

```python
from hoax_clinic.matching import ClaimIndex, DEFAULT_THRESHOLD, normalize, score

idx = ClaimIndex()
idx.add("c1", "SEBARKAN!!! Pemkot Bandung bagi bansos Rp1.000.000 tgl 17/6/2026")
best = idx.search("pemkot bandung bagikan bansos 1 juta 17 juni 2026", limit=1)
attach = bool(best) and best[0][1] >= DEFAULT_THRESHOLD
```
"""

from ._calibrate import fit_attach_model as fit_attach_model
from ._calibrate import pair_signals as pair_signals
from ._index import ClaimIndex as ClaimIndex
from ._model import MODEL_ENV as MODEL_ENV
from ._model import AttachModel as AttachModel
from ._model import default_model as default_model
from ._normalize import normalize as normalize
from ._score import DEFAULT_THRESHOLD as DEFAULT_THRESHOLD
from ._score import SIGNALS as SIGNALS
from ._score import Explanation as Explanation
from ._score import MatchScore as MatchScore
from ._score import explain as explain
from ._score import score as score
from ._stem import stem as stem

__all__ = [
    "DEFAULT_THRESHOLD",
    "MODEL_ENV",
    "SIGNALS",
    "AttachModel",
    "ClaimIndex",
    "Explanation",
    "MatchScore",
    "default_model",
    "explain",
    "fit_attach_model",
    "normalize",
    "pair_signals",
    "score",
    "stem",
]
