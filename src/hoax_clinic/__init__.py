"""hoax_clinic: track circulating claims (hoaks) and publish clarifications.

```python
from hoax_clinic import ClaimTracker
tracker = ClaimTracker()            # in memory; ClaimTracker.open() for the SQLite/PostgreSQL store
result = tracker.log(text, platform="whatsapp", seen_at=aware_datetime)
```

Sub-packages: :mod:`hoax_clinic.matching` (claim matching), :mod:`hoax_clinic.feeds`
(fact-check feed ingestion), :mod:`hoax_clinic.publish` (ClaimReview, RSS/Atom, social text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lapor_sdk._lazy import lazy_exports as _lazy_exports

from ._exceptions import ClaimNotFoundError as ClaimNotFoundError
from ._exceptions import FeedError as FeedError
from ._exceptions import FeedFetchError as FeedFetchError
from ._exceptions import FeedParseError as FeedParseError
from ._exceptions import FeedTooLargeError as FeedTooLargeError
from ._exceptions import FutureTimeError as FutureTimeError
from ._exceptions import HoaxClinicError as HoaxClinicError
from ._exceptions import InvalidClaimInputError as InvalidClaimInputError
from ._exceptions import InvalidClaimTransitionError as InvalidClaimTransitionError
from ._exceptions import NotPublishableError as NotPublishableError
from ._exceptions import UnknownLabelError as UnknownLabelError
from ._exceptions import UnsafeURLError as UnsafeURLError

# The models and the tracker are imported on first use (PEP 562), so that `hoax --help`
# stays fast; type checkers read the imports below.
if TYPE_CHECKING:
    from .models import Claim as Claim
    from .models import ClaimStatus as ClaimStatus
    from .models import Clarification as Clarification
    from .models import Label as Label
    from .models import Platform as Platform
    from .models import Priority as Priority
    from .models import Sighting as Sighting
    from .models import Verdict as Verdict
    from .tracker import DEFAULT_TARGETS as DEFAULT_TARGETS
    from .tracker import MAX_CLOCK_SKEW as MAX_CLOCK_SKEW
    from .tracker import ClaimTracker as ClaimTracker
    from .tracker import ClinicStats as ClinicStats
    from .tracker import LogResult as LogResult
    from .tracker import Match as Match

__all__ = [
    "DEFAULT_TARGETS",
    "MAX_CLOCK_SKEW",
    "Claim",
    "ClaimNotFoundError",
    "ClaimStatus",
    "ClaimTracker",
    "Clarification",
    "ClinicStats",
    "FeedError",
    "FeedFetchError",
    "FeedParseError",
    "FeedTooLargeError",
    "FutureTimeError",
    "HoaxClinicError",
    "InvalidClaimInputError",
    "InvalidClaimTransitionError",
    "Label",
    "LogResult",
    "Match",
    "NotPublishableError",
    "Platform",
    "Priority",
    "Sighting",
    "UnknownLabelError",
    "UnsafeURLError",
    "Verdict",
]

#: Public name -> module that defines it.
_LAZY: dict[str, str] = {
    "Claim": ".models",
    "ClaimStatus": ".models",
    "Clarification": ".models",
    "Label": ".models",
    "Platform": ".models",
    "Priority": ".models",
    "Sighting": ".models",
    "Verdict": ".models",
    "DEFAULT_TARGETS": ".tracker",
    "MAX_CLOCK_SKEW": ".tracker",
    "ClaimTracker": ".tracker",
    "ClinicStats": ".tracker",
    "LogResult": ".tracker",
    "Match": ".tracker",
}


__getattr__, __dir__ = _lazy_exports(__name__, _LAZY, __all__)
