"""Response models of the API that are not complaint-domain models, and tolerant parsing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Generic, TypeVar

import httpx
from pydantic import BaseModel, ConfigDict

from ..models import Complaint
from ._constants import REQUEST_ID_HEADER

__all__ = [
    "BYTES_PARSERS",
    "Agency",
    "Category",
    "RawResponse",
    "ResponseModel",
    "Unit",
    "parse_complaint",
    "parse_complaint_json",
    "parse_tolerant",
]

_M = TypeVar("_M", bound=BaseModel)
_T = TypeVar("_T")


class ResponseModel(BaseModel):
    """Base of what the API returns: unknown fields are ignored (the server may add some)."""

    model_config = ConfigDict(extra="ignore", frozen=True, use_attribute_docstrings=True)


class Agency(ResponseModel):
    """An agency (instansi) of the directory."""

    id: str
    """Stable identifier (``pemkot-surabaya``; a number in the LAPOR 3.0.0 profile)."""
    name: str
    """Official name."""
    level: str | None = None
    """``national``, ``ministry``, ``province`` or ``regency`` (kabupaten/kota)."""
    region_code: str | None = None
    """Kemendagri code of the region it governs, if regional."""


class Unit(ResponseModel):
    """A unit of an agency with its own liaison (Admin Penghubung)."""

    id: str
    """Stable identifier, unique within the agency."""
    agency_id: str
    """The agency it belongs to."""
    name: str
    """Official name."""


class Category(ResponseModel):
    """A topic category of reports."""

    id: str
    """Stable identifier."""
    name: str
    """Display name (Indonesian)."""


def parse_tolerant(model: type[_M], data: Any) -> _M:
    """Validate ``data`` into ``model`` ignoring unknown fields at every nesting level.

    The SDK's own models forbid unknown fields (they validate user input); answers of the API
    are parsed with this instead, so a server that adds a field does not break old clients.

    Args:
        model: The pydantic model to build.
        data: Decoded JSON.

    Returns:
        The validated model.
    """
    return model.model_validate(data, extra="ignore")


def parse_complaint(data: Any) -> Complaint:
    """Parse a complaint answer tolerantly."""
    return parse_tolerant(Complaint, data)


def parse_complaint_json(content: bytes) -> Complaint:
    """Parse a complaint answer's raw JSON tolerantly, in one pass (pydantic-core reads the
    JSON itself: no intermediate Python dicts). Same result as :func:`parse_complaint`."""
    return Complaint.model_validate_json(content, extra="ignore")


#: Parsers of decoded JSON → their twins that read the raw bytes (a profile that passes
#: answers through unchanged may use them; see ``WireProfile.bytes_parser``).
BYTES_PARSERS: Mapping[Callable[[Any], Any], Callable[[bytes], Any]] = MappingProxyType(
    {parse_complaint: parse_complaint_json}
)


class RawResponse(Generic[_T]):
    """An HTTP answer together with its parsed value (``client.with_raw_response…``).

    Attributes:
        http_response: The underlying :class:`httpx.Response`.
    """

    def __init__(self, http_response: httpx.Response, parsed: _T) -> None:
        self.http_response = http_response
        self._parsed = parsed

    @property
    def status_code(self) -> int:
        """HTTP status of the answer."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """Response headers."""
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The server's request id."""
        value: str | None = self.http_response.headers.get(REQUEST_ID_HEADER)
        return value

    def parse(self) -> _T:
        """Return the parsed value (what the plain call would have returned)."""
        return self._parsed

    def __repr__(self) -> str:
        return f"RawResponse(status_code={self.status_code}, request_id={self.request_id!r})"
