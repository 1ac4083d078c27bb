"""lapor-sdk: typed SDK for Indonesian public-service complaints (SP4N-LAPOR!).

Start with :class:`~lapor_sdk.models.Complaint` and :mod:`lapor_sdk.lifecycle`; talk to the
national API with :class:`LaporClient` / :class:`AsyncLaporClient`.

Errors (one tree; API errors are detailed in :mod:`lapor_sdk.client`)::

    LaporError
    ├── InvalidInputError (ValueError): InvalidPhoneError, InvalidNikError, UnknownRegionError
    ├── IllegalTransitionError
    ├── NotVisibleError
    └── APIError
        ├── APIConnectionError
        │   └── APITimeoutError
        ├── APIResponseValidationError  (an answer too large, too deep or off the contract)
        └── APIStatusError: BadRequestError, AuthenticationError, PermissionDeniedError,
            NotFoundError, ConflictError, UnprocessableEntityError, RateLimitError,
            InternalServerError
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._exceptions import IllegalTransitionError as IllegalTransitionError
from ._exceptions import InvalidInputError as InvalidInputError
from ._exceptions import InvalidNikError as InvalidNikError
from ._exceptions import InvalidPhoneError as InvalidPhoneError
from ._exceptions import LaporError as LaporError
from ._exceptions import NotVisibleError as NotVisibleError
from ._exceptions import UnknownRegionError as UnknownRegionError
from ._lazy import lazy_exports as _lazy_exports
from ._version import __version__ as __version__

# Everything else is imported on first use (PEP 562), so that `import lapor_sdk` and the
# `lapor --version`/`--help` commands stay fast; type checkers read the imports below.
if TYPE_CHECKING:
    from . import lifecycle as lifecycle
    from . import privacy as privacy
    from .client import APIConnectionError as APIConnectionError
    from .client import APIError as APIError
    from .client import APIResponseValidationError as APIResponseValidationError
    from .client import APIStatusError as APIStatusError
    from .client import APITimeoutError as APITimeoutError
    from .client import AsyncLaporClient as AsyncLaporClient
    from .client import AuthenticationError as AuthenticationError
    from .client import BadRequestError as BadRequestError
    from .client import ConflictError as ConflictError
    from .client import InternalServerError as InternalServerError
    from .client import LaporClient as LaporClient
    from .client import NotFoundError as NotFoundError
    from .client import PermissionDeniedError as PermissionDeniedError
    from .client import RateLimitError as RateLimitError
    from .client import UnprocessableEntityError as UnprocessableEntityError
    from .models import Channel as Channel
    from .models import Classification as Classification
    from .models import Complaint as Complaint
    from .models import Location as Location
    from .models import Privacy as Privacy
    from .models import Reporter as Reporter
    from .models import Role as Role
    from .models import Satisfaction as Satisfaction
    from .models import Status as Status
    from .validation import extract_location as extract_location
    from .validation import find_regions as find_regions
    from .validation import normalize_phone as normalize_phone
    from .validation import validate_nik as validate_nik

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncLaporClient",
    "AuthenticationError",
    "BadRequestError",
    "Channel",
    "Classification",
    "Complaint",
    "ConflictError",
    "IllegalTransitionError",
    "InternalServerError",
    "InvalidInputError",
    "InvalidNikError",
    "InvalidPhoneError",
    "LaporClient",
    "LaporError",
    "Location",
    "NotFoundError",
    "NotVisibleError",
    "PermissionDeniedError",
    "Privacy",
    "RateLimitError",
    "Reporter",
    "Role",
    "Satisfaction",
    "Status",
    "UnknownRegionError",
    "UnprocessableEntityError",
    "__version__",
    "extract_location",
    "find_regions",
    "lifecycle",
    "normalize_phone",
    "privacy",
    "validate_nik",
]

#: Public name -> (module, attribute); attribute None means the module itself.
_LAZY: dict[str, tuple[str, str | None]] = {
    "lifecycle": (".lifecycle", None),
    "privacy": (".privacy", None),
    "APIConnectionError": (".client", "APIConnectionError"),
    "APIError": (".client", "APIError"),
    "APIResponseValidationError": (".client", "APIResponseValidationError"),
    "APIStatusError": (".client", "APIStatusError"),
    "APITimeoutError": (".client", "APITimeoutError"),
    "AsyncLaporClient": (".client", "AsyncLaporClient"),
    "AuthenticationError": (".client", "AuthenticationError"),
    "BadRequestError": (".client", "BadRequestError"),
    "ConflictError": (".client", "ConflictError"),
    "InternalServerError": (".client", "InternalServerError"),
    "LaporClient": (".client", "LaporClient"),
    "NotFoundError": (".client", "NotFoundError"),
    "PermissionDeniedError": (".client", "PermissionDeniedError"),
    "RateLimitError": (".client", "RateLimitError"),
    "UnprocessableEntityError": (".client", "UnprocessableEntityError"),
    "Channel": (".models", "Channel"),
    "Classification": (".models", "Classification"),
    "Complaint": (".models", "Complaint"),
    "Location": (".models", "Location"),
    "Privacy": (".models", "Privacy"),
    "Reporter": (".models", "Reporter"),
    "Role": (".models", "Role"),
    "Satisfaction": (".models", "Satisfaction"),
    "Status": (".models", "Status"),
    "extract_location": (".validation", "extract_location"),
    "find_regions": (".validation", "find_regions"),
    "normalize_phone": (".validation", "normalize_phone"),
    "validate_nik": (".validation", "validate_nik"),
}


__getattr__, __dir__ = _lazy_exports(__name__, _LAZY, __all__)
