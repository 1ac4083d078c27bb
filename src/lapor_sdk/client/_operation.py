"""An API operation described as data, before any wire profile turns it into HTTP."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

__all__ = ["Operation", "PageData", "PreparedCall"]

_T = TypeVar("_T")
_I = TypeVar("_I")


@dataclass(frozen=True, slots=True)
class PageData(Generic[_I]):
    """One page of a list answer: the items and the cursor of the next page."""

    items: list[_I]
    next_cursor: str | None = None


@dataclass(frozen=True, slots=True)
class Operation(Generic[_T]):
    """One call of the contract (``docs/api/lapor-openapi.yaml``), independent of the wire.

    Attributes:
        operation_id: The ``operationId`` in the OpenAPI document.
        method: HTTP method of the contract.
        path: Path of the contract with parameters filled in (percent-encoded).
        parse: Turns the decoded JSON answer into the result.
        path_args: Raw values of the path parameters (profiles that use other paths need them).
        params: Query parameters (``None`` values are dropped).
        body: JSON body, already in wire form (``model_dump(mode="json")``).
        content: Raw body for uploads.
        content_type: Content type of ``content``.
        idempotency_key: Caller-chosen key of a POST; generated once per call when ``None``.
    """

    operation_id: str
    method: str
    path: str
    parse: Callable[[Any], _T]
    path_args: Mapping[str, str] = field(default_factory=dict)
    params: Mapping[str, Any] = field(default_factory=dict)
    body: Any = None
    content: bytes | None = None
    content_type: str | None = None
    idempotency_key: str | None = None

    def with_params(self, **params: Any) -> Operation[_T]:
        """Return a copy with some query parameters replaced (e.g. the next ``cursor``)."""
        return dataclasses.replace(self, params={**self.params, **params})

    def query(self) -> dict[str, Any]:
        """The query parameters without ``None`` values."""
        return {k: v for k, v in self.params.items() if v is not None}


@dataclass(frozen=True, slots=True)
class PreparedCall:
    """What a wire profile makes of an :class:`Operation`: the HTTP parts."""

    method: str
    path: str
    params: Mapping[str, Any] = field(default_factory=dict)
    json: Any = None
    content: bytes | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
