"""Client of the LAPOR integration API: :class:`LaporClient` and :class:`AsyncLaporClient`.

See ``docs/client.md``. Errors form the tree drawn in :mod:`lapor_sdk.client._errors`.
"""

from ._client import AsyncLaporClient as AsyncLaporClient
from ._client import LaporClient as LaporClient
from ._constants import DEFAULT_MAX_RETRIES as DEFAULT_MAX_RETRIES
from ._constants import INITIAL_RETRY_DELAY as INITIAL_RETRY_DELAY
from ._constants import MAX_RETRY_DELAY as MAX_RETRY_DELAY
from ._errors import APIConnectionError as APIConnectionError
from ._errors import APIError as APIError
from ._errors import APIResponseValidationError as APIResponseValidationError
from ._errors import APIStatusError as APIStatusError
from ._errors import APITimeoutError as APITimeoutError
from ._errors import AuthenticationError as AuthenticationError
from ._errors import BadRequestError as BadRequestError
from ._errors import ClientConfigError as ClientConfigError
from ._errors import ConflictError as ConflictError
from ._errors import FieldError as FieldError
from ._errors import InternalServerError as InternalServerError
from ._errors import NotFoundError as NotFoundError
from ._errors import PermissionDeniedError as PermissionDeniedError
from ._errors import Problem as Problem
from ._errors import RateLimitError as RateLimitError
from ._errors import UnprocessableEntityError as UnprocessableEntityError
from ._errors import UnsupportedOperationError as UnsupportedOperationError
from ._lapor3 import Lapor3Profile as Lapor3Profile
from ._models import Agency as Agency
from ._models import Category as Category
from ._models import RawResponse as RawResponse
from ._models import Unit as Unit
from ._pagination import AsyncPage as AsyncPage
from ._pagination import AsyncPaginator as AsyncPaginator
from ._pagination import SyncPage as SyncPage
from ._profiles import LaporProfile as LaporProfile
from ._profiles import WireProfile as WireProfile
from ._transport import parse_retry_after as parse_retry_after
from ._transport import retry_delay as retry_delay

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "INITIAL_RETRY_DELAY",
    "MAX_RETRY_DELAY",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "Agency",
    "AsyncLaporClient",
    "AsyncPage",
    "AsyncPaginator",
    "AuthenticationError",
    "BadRequestError",
    "Category",
    "ClientConfigError",
    "ConflictError",
    "FieldError",
    "InternalServerError",
    "Lapor3Profile",
    "LaporClient",
    "LaporProfile",
    "NotFoundError",
    "PermissionDeniedError",
    "Problem",
    "RateLimitError",
    "RawResponse",
    "SyncPage",
    "Unit",
    "UnprocessableEntityError",
    "UnsupportedOperationError",
    "WireProfile",
    "parse_retry_after",
    "retry_delay",
]
