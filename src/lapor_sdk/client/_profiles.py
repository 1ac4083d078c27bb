"""Wire profiles: how an :class:`~lapor_sdk.client._operation.Operation` travels over HTTP.

The ``lapor`` profile is the SDK's own contract (``docs/api/lapor-openapi.yaml``) and passes
operations through unchanged. Other profiles (``lapor3``) map paths, field names and auth
headers of a different real endpoint, so switching is a matter of configuration.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import SecretStr

from ._models import BYTES_PARSERS
from ._operation import Operation, PreparedCall

__all__ = ["Credentials", "LaporProfile", "WireProfile"]

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Credentials:
    """Secrets of one agency; never printed (``SecretStr``)."""

    api_key: SecretStr
    """The agency's API key (bearer token of the ``lapor`` profile, ``token`` of ``lapor3``)."""
    gateway_token: SecretStr | None = None
    """The government gateway (SPLP) bearer token, needed by the ``lapor3`` profile only."""


class WireProfile(ABC):
    """Maps contract operations to one real HTTP API."""

    name: str = ""
    """Name used in ``LaporClient(profile=...)`` and ``LAPOR_PROFILE``."""

    @abstractmethod
    def auth_headers(self, credentials: Credentials) -> dict[str, str]:
        """Return the headers that authenticate the agency."""

    @abstractmethod
    def prepare(self, op: Operation[Any]) -> PreparedCall:
        """Turn an operation into the HTTP parts of this wire.

        Raises:
            UnsupportedOperationError: The wire has no equivalent of the operation.
        """

    @abstractmethod
    def decode(self, op: Operation[_T], body: Any) -> _T:
        """Turn the decoded JSON answer of ``op`` into its result."""

    def supports_operation(self, operation_id: str) -> bool:
        """Whether this wire carries the contract operation ``operation_id`` (default: all)."""
        return True

    def bytes_parser(self, op: Operation[_T]) -> Callable[[bytes], _T] | None:
        """A parser of ``op``'s raw answer, equivalent to :meth:`decode` of its JSON, or
        ``None`` (the default) to decode JSON first."""
        return None

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class LaporProfile(WireProfile):
    """The SDK's own contract: bearer token, contract paths and JSON as they are."""

    name = "lapor"

    def auth_headers(self, credentials: Credentials) -> dict[str, str]:
        """Return ``Authorization: Bearer <api key>``."""
        return {"Authorization": f"Bearer {credentials.api_key.get_secret_value()}"}

    def prepare(self, op: Operation[Any]) -> PreparedCall:
        """Pass the operation through unchanged."""
        return PreparedCall(
            method=op.method,
            path=op.path,
            params=op.query(),
            json=op.body,
            content=op.content,
            headers={"Content-Type": op.content_type} if op.content_type else {},
        )

    def decode(self, op: Operation[_T], body: Any) -> _T:
        """Parse the answer with the operation's own parser."""
        return op.parse(body)

    def bytes_parser(self, op: Operation[_T]) -> Callable[[bytes], _T] | None:
        """The raw-bytes twin of the operation's parser, when there is one (a complaint)."""
        parser: Callable[[bytes], _T] | None = BYTES_PARSERS.get(op.parse)
        return parser
