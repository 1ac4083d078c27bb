"""Open311 GeoReport v2: map complaints to service requests and back, serve and import them.

- :func:`complaint_to_request`, :func:`request_to_complaint`, :func:`public_request`,
  :func:`services_from_categories`, :func:`expected_datetime` — the mapping (``docs/open311.md``
  has the field table);
- :class:`Open311Client` — import from any GeoReport v2 endpoint, with the retry, size and
  redaction rules of :class:`~lapor_sdk.LaporClient`;
- the sandbox serves the spec at ``/open311/v2`` (``lapor sandbox serve``).
"""

from ._client import OPEN311_API_KEY_ENV as OPEN311_API_KEY_ENV
from ._client import OPEN311_URL_ENV as OPEN311_URL_ENV
from ._client import Open311Client as Open311Client
from ._client import Open311ImportResult as Open311ImportResult
from ._mapping import CLOSED_STATUSES as CLOSED_STATUSES
from ._mapping import RegionResolver as RegionResolver
from ._mapping import complaint_to_request as complaint_to_request
from ._mapping import expected_datetime as expected_datetime
from ._mapping import public_request as public_request
from ._mapping import request_to_complaint as request_to_complaint
from ._mapping import services_from_categories as services_from_categories
from ._models import MAX_DESCRIPTION as MAX_DESCRIPTION
from ._models import Open311Status as Open311Status
from ._models import PostedRequest as PostedRequest
from ._models import Service as Service
from ._models import ServiceRequest as ServiceRequest
from ._models import ServiceType as ServiceType
from ._models import TokenAnswer as TokenAnswer
from ._models import w3_datetime as w3_datetime
from ._wire import WireError as WireError

__all__ = [
    "CLOSED_STATUSES",
    "MAX_DESCRIPTION",
    "OPEN311_API_KEY_ENV",
    "OPEN311_URL_ENV",
    "Open311Client",
    "Open311ImportResult",
    "Open311Status",
    "PostedRequest",
    "RegionResolver",
    "Service",
    "ServiceRequest",
    "ServiceType",
    "TokenAnswer",
    "WireError",
    "complaint_to_request",
    "expected_datetime",
    "public_request",
    "request_to_complaint",
    "services_from_categories",
    "w3_datetime",
]
