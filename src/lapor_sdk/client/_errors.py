"""Errors of the API client, rooted at :class:`lapor_sdk.LaporError`.

```
LaporError
├── ClientConfigError (also ValueError)       missing base URL or API key, bad option
├── UnsupportedOperationError                 the wire profile cannot express an operation
└── APIError                                  anything that went wrong talking to the API
    ├── APIConnectionError                    no answer: refused, reset, dropped (retried)
    │   └── APITimeoutError                   connect or read timeout (retried)
    ├── APIResponseValidationError            an answer the SDK cannot parse
    └── APIStatusError                        an HTTP error answer (4xx/5xx)
        ├── BadRequestError                   400
        ├── AuthenticationError               401
        ├── PermissionDeniedError             403
        ├── NotFoundError                     404
        ├── ConflictError                     409
        ├── UnprocessableEntityError          422
        ├── RateLimitError                    429
        └── InternalServerError               5xx
```

Status errors carry ``status_code``, ``request_id`` and the RFC 9457 ``problem``. Messages
never contain the API key or a reporter's personal data: the server's problem details never
echo input values, and the client never puts request bodies or headers in a message.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .._exceptions import InvalidInputError, LaporError
from .._personal._redact import redact_text
from ._constants import MAX_PROBLEM_TEXT

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientConfigError",
    "ConflictError",
    "FieldError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "Problem",
    "RateLimitError",
    "UnprocessableEntityError",
    "UnsupportedOperationError",
    "clean_text",
    "status_error_class",
]


#: Most field errors kept from one problem document.
MAX_FIELD_ERRORS = 20
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|.)?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]+")


def clean_text(value: object, limit: int = MAX_PROBLEM_TEXT) -> str | None:
    """Make a server's text safe to show: no terminal escapes or control characters, no
    personal data, at most ``limit`` characters (a hostile server sent 5.7 MB with ANSI codes)."""
    if value is None:
        return None
    text = str(value)[: limit * 4]
    text = _CONTROL.sub(" ", _ANSI.sub("", text)).strip()
    text = redact_text(text, secrets=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clean(value: object) -> object:
    return clean_text(value) if isinstance(value, str) else value


class FieldError(BaseModel):
    """One invalid field of a request, as listed in a problem's ``errors``."""

    model_config = ConfigDict(extra="ignore", frozen=True, use_attribute_docstrings=True)

    pointer: str = ""
    """JSON Pointer (RFC 6901) to the field in the request body (``/reporter/phone``)."""
    detail: str = ""
    """What is wrong with it."""
    code: str | None = None
    """Machine-readable reason (``missing``, ``string_too_long``, …)."""

    _safe = field_validator("pointer", "detail", "code", mode="before")(lambda value: _clean(value))


class Problem(BaseModel):
    """An RFC 9457 problem document (``application/problem+json``), parsed tolerantly."""

    model_config = ConfigDict(extra="allow", frozen=True, use_attribute_docstrings=True)

    type: str = "about:blank"
    """URI naming the kind of problem (``urn:lapor:problem:validation``)."""
    title: str = ""
    """Short summary of the kind of problem."""
    status: int | None = None
    """HTTP status code."""
    detail: str | None = None
    """Explanation specific to this occurrence."""
    instance: str | None = None
    """Path of the request that failed."""
    request_id: str | None = None
    """Request id assigned by the server."""
    errors: list[FieldError] = Field(default_factory=list)
    """Field-level details of a validation problem (the first 20)."""

    _safe = field_validator("type", "title", "detail", "instance", "request_id", mode="before")(
        lambda value: _clean(value)
    )

    @field_validator("errors", mode="before")
    @classmethod
    def _few_errors(cls, value: object) -> object:
        return value[:MAX_FIELD_ERRORS] if isinstance(value, list) else value

    @classmethod
    def from_response(cls, response: httpx.Response) -> Problem:
        """Read a problem from an error response, tolerating a non-JSON body."""
        try:
            data: Any = response.json()
        except (ValueError, RecursionError):
            data = None
        if isinstance(data, dict):
            try:
                return cls.model_validate(data)
            except ValidationError:
                pass
        return cls(title=response.reason_phrase or "HTTP error", status=response.status_code)


class ClientConfigError(InvalidInputError):
    """The client is missing a setting or was given a bad one; the message names the fix."""


class UnsupportedOperationError(LaporError):
    """The selected wire profile has no way to express this operation."""


class APIError(LaporError):
    """Something went wrong talking to the LAPOR API (or the sandbox).

    Attributes:
        message: Human-readable description (never contains secrets or personal data).
        request: The HTTP request, when one was built (its headers hold the API key: do not log).
    """

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class APIConnectionError(APIError):
    """No usable answer arrived: connection refused, reset or dropped mid-response."""

    def __init__(
        self, message: str = "connection to the LAPOR API failed", *, request: httpx.Request
    ) -> None:
        super().__init__(message, request=request)


class APITimeoutError(APIConnectionError):
    """The connect or read timeout expired."""

    def __init__(self, *, request: httpx.Request, phase: str = "request") -> None:
        super().__init__(
            f"the LAPOR API did not answer in time ({phase} timeout); raise `timeout=` or "
            "`connect_timeout=` if the network is slow",
            request=request,
        )


class APIResponseValidationError(APIError):
    """The API answered with a body the SDK could not parse into the expected type."""

    def __init__(self, message: str, *, response: httpx.Response) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.status_code = response.status_code


class APIStatusError(APIError):
    """The API answered with an error status (4xx or 5xx).

    Attributes:
        status_code: The HTTP status.
        request_id: The server's request id (quote it when asking the operator for help).
        problem: The RFC 9457 problem details, with field-level ``errors``.
        response: The raw :class:`httpx.Response`.
        retry_after: Seconds the server asked to wait (``Retry-After``), if any.
    """

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        problem: Problem,
        request_id: str | None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.status_code = response.status_code
        self.problem = problem
        self.request_id = request_id
        self.retry_after = retry_after

    @property
    def errors(self) -> list[FieldError]:
        """Field-level details of the problem (empty unless a validation problem)."""
        return self.problem.errors


class BadRequestError(APIStatusError):
    """400: the request is malformed (bad JSON, missing ``Idempotency-Key``, bad parameter)."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing, unknown or revoked."""


class PermissionDeniedError(APIStatusError):
    """403: the agency or role may not take this action on this report."""


class NotFoundError(APIStatusError):
    """404: no such resource, or not visible to this agency."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the report's current state."""


class UnprocessableEntityError(APIStatusError):
    """422: the body is well-formed but invalid; see :attr:`errors` for the fields."""


class RateLimitError(APIStatusError):
    """429: too many requests; the client already waited ``Retry-After`` and retried."""


class InternalServerError(APIStatusError):
    """5xx: the server failed; the client already retried."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """Return the error class for an HTTP error status.

    Args:
        status_code: A 4xx or 5xx status.

    Returns:
        The most specific :class:`APIStatusError` subclass.
    """
    if status_code >= 500:
        return InternalServerError
    return _BY_STATUS.get(status_code, APIStatusError)
