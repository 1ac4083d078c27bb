"""The resources of Open311 GeoReport v2 as typed values (field names are the spec's).

Parsing is tolerant, as for any answer from a server we do not control: unknown fields are
ignored, identifiers that a server sends as numbers (``"service_code": 1``) become strings,
empty strings become ``None``. Texts are capped: a description at the spec's 4,000
characters, other texts at a few hundred.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field

__all__ = [
    "MAX_DESCRIPTION",
    "Open311Status",
    "PostedRequest",
    "Service",
    "ServiceRequest",
    "ServiceType",
    "TokenAnswer",
    "w3_datetime",
]

#: Longest description the spec allows (characters).
MAX_DESCRIPTION = 4000


def _text(value: Any) -> Any:
    """Numbers to strings (servers send ``service_code`` as a number), blanks to ``None``."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _bool(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return value


def _number(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


_Blank = BeforeValidator(_text)
# One alias per cap, spelt out so type checkers see ``str | None``.
Text20 = Annotated[Annotated[str, Field(max_length=20)] | None, _Blank]
Text200 = Annotated[Annotated[str, Field(max_length=200)] | None, _Blank]
Text500 = Annotated[Annotated[str, Field(max_length=500)] | None, _Blank]
Text1000 = Annotated[Annotated[str, Field(max_length=1000)] | None, _Blank]
Text2000 = Annotated[Annotated[str, Field(max_length=2000)] | None, _Blank]
Text4000 = Annotated[Annotated[str, Field(max_length=MAX_DESCRIPTION)] | None, _Blank]
Ident = Annotated[str, BeforeValidator(_text), Field(min_length=1, max_length=200)]


class _Open311Model(BaseModel):
    model_config = ConfigDict(
        extra="ignore", frozen=True, use_attribute_docstrings=True, hide_input_in_errors=True
    )


class Open311Status(StrEnum):
    """The two statuses of a service request."""

    OPEN = "open"
    """It has been reported."""
    CLOSED = "closed"
    """It has been resolved."""


class ServiceType(StrEnum):
    """How a server answers a new request of a service."""

    REALTIME = "realtime"
    """The ``service_request_id`` comes back at once."""
    BATCH = "batch"
    """A ``token`` comes back; ``GET tokens/{token}`` gives the id later."""
    BLACKBOX = "blackbox"
    """No id comes back."""


class Service(_Open311Model):
    """One service (request type) of ``GET services``: a complaint category."""

    service_code: Ident
    """Unique identifier of the service (the category id)."""
    service_name: Text500 = None
    """Human readable name (the category name)."""
    description: Text4000 = None
    """Brief description of the service."""
    metadata: Annotated[bool, BeforeValidator(_bool)] = False
    """Whether the service has attributes (``GET services/{code}``)."""
    type: ServiceType = ServiceType.REALTIME
    """realtime, batch or blackbox."""
    keywords: Text1000 = None
    """Comma-separated keywords."""
    group: Text500 = None
    """Group the service belongs to."""


class ServiceRequest(_Open311Model):
    """One service request of ``GET requests``: a complaint as Open311 shows it."""

    service_request_id: Ident
    """Unique id of the request (the tracking id)."""
    status: Open311Status
    """open or closed."""
    status_notes: Text2000 = None
    """Why the status is what it is (the LAPOR! status label, an archive reason)."""
    service_name: Text500 = None
    """Name of the service (category)."""
    service_code: Text200 = None
    """Code of the service (category id)."""
    description: Text4000 = None
    """Full description of the request."""
    agency_responsible: Text500 = None
    """Agency responsible for the request."""
    service_notice: Text2000 = None
    """What the agency expects to do."""
    requested_datetime: AwareDatetime
    """When the request was made."""
    updated_datetime: AwareDatetime | None = None
    """When it last changed (when it was closed, for a closed request)."""
    expected_datetime: AwareDatetime | None = None
    """When it is expected to be fulfilled (the SLA deadline)."""
    address: Text1000 = None
    """Human readable address, most specific part first."""
    address_id: Text200 = None
    """Id of the address in the jurisdiction's address register."""
    zipcode: Text20 = None
    """Postal code."""
    lat: Annotated[
        Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)] | None,
        BeforeValidator(_number),
    ] = None
    """Latitude (WGS 84)."""
    long: Annotated[
        Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)] | None,
        BeforeValidator(_number),
    ] = None
    """Longitude (WGS 84)."""
    media_url: Text2000 = None
    """URL of a photo or other media."""

    def to_wire(self) -> dict[str, Any]:
        """Return the request as the spec's JSON object (w3 times with offset, to the second)."""
        data: dict[str, Any] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, dt.datetime):
                value = w3_datetime(value)
            elif isinstance(value, StrEnum):
                value = value.value
            data[name] = value
        return data


class PostedRequest(_Open311Model):
    """The answer to ``POST requests``: an id, or a token to exchange for one later."""

    service_request_id: Text200 = None
    """Id of the new request (absent when a token is returned)."""
    token: Text200 = None
    """Token for ``GET tokens/{token}`` (batch services)."""
    service_notice: Text2000 = None
    """What the agency expects to do."""
    account_id: Text200 = None
    """Account of the submitter, if the server has one."""


class TokenAnswer(_Open311Model):
    """The answer to ``GET tokens/{token}``."""

    token: Ident
    """The token asked about."""
    service_request_id: Text200 = None
    """The id of the request, once it exists."""


def w3_datetime(value: dt.datetime) -> str:
    """Format an aware datetime in the spec's W3C form, to the second (``…T09:00:00+07:00``).

    Raises:
        ValueError: ``value`` is naive.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("Open311 times need a UTC offset; pass an aware datetime")
    text = value.isoformat(timespec="seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text
