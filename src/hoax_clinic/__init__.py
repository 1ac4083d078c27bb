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

import importlib
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    """Import a public name on first use."""
    try:
        module_name = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'hoax_clinic' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module_name, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
