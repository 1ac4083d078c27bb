"""The pure core shared by the sync and async clients: the only module that knows HTTP.

Everything here is free of I/O: resolving configuration, building the request of an
operation, deciding whether to retry, computing the delay, mapping error answers to
exceptions and parsing answers. :class:`~lapor_sdk.client.LaporClient` and
:class:`~lapor_sdk.client.AsyncLaporClient` add only the send/sleep loops.
"""

from __future__ import annotations

import email.utils
import logging
import os
import random
import time
import uuid
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple, TypeVar

import httpx
from pydantic import SecretStr, ValidationError

from .._bounded import (
    ACCEPT_ENCODING,
    BodyDecodeError,
    BodyError,
    BodyTooLargeError,
    DeadlineTimeouts,
)
from .._version import __version__
from ._capabilities import COMPOSITE, OPERATIONS
from ._capabilities import resolve as resolve_capability
from ._constants import (
    API_KEY_ENV,
    BASE_URL_ENV,
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_DEADLINE,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    GATEWAY_TOKEN_ENV,
    IDEMPOTENCY_KEY_HEADER,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
    PROFILE_ENV,
    REQUEST_ID_HEADER,
    SHOULD_RETRY_HEADER,
)
from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    ClientConfigError,
    Problem,
    clean_text,
    status_error_class,
)
from ._lapor3 import Lapor3Profile
from ._operation import Operation
from ._profiles import Credentials, LaporProfile, WireProfile

__all__ = [
    "USER_AGENT",
    "Answer",
    "BaseClient",
    "parse_retry_after",
    "resolve_profile",
    "retry_delay",
]

_T = TypeVar("_T")

logger = logging.getLogger("lapor_sdk.client")

USER_AGENT = f"lapor-sdk-python/{__version__}"

#: HTTP statuses worth retrying (plus every 5xx).
_RETRYABLE_STATUSES = frozenset({408, 409, 429})
#: An error answer's body is read up to this many bytes (a problem document is small); a
#: bigger one is dropped, so the status error still names the status.
_MAX_ERROR_BODY = 64 * 1024
#: Headers that describe the body as it travelled, not the decoded body we keep.
_WIRE_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


class Answer(NamedTuple):
    """A successful answer as read: the (closed) streamed response and its decoded body.

    Parsing goes straight from ``body``; a full :class:`httpx.Response` is built only where
    one is handed out (raw responses, errors).
    """

    response: httpx.Response
    body: bytes


def parse_retry_after(headers: Mapping[str, str], *, now: float | None = None) -> float | None:
    """Read the wait a server asked for, in seconds.

    Understands ``retry-after-ms``, ``Retry-After`` in seconds, and ``Retry-After`` as an
    HTTP date.

    Args:
        headers: Response headers (case-insensitive mapping).
        now: Current POSIX time, for HTTP dates (defaults to the clock).

    Returns:
        Seconds to wait, or ``None`` when absent or unreadable.
    """
    raw_ms = headers.get("retry-after-ms")
    if raw_ms is not None:
        try:
            return max(float(raw_ms) / 1000.0, 0.0)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if raw is None:
        return None
    try:
        return max(float(raw), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    current = time.time() if now is None else now
    return max(when.timestamp() - current, 0.0)


def retry_delay(
    retries_taken: int,
    retry_after: float | None = None,
    *,
    jitter: Callable[[], float] = random.random,
) -> float:
    """Return how long to wait before the next retry.

    A ``Retry-After`` of at most :data:`MAX_RETRY_AFTER` seconds is honoured as given.
    Otherwise the delay is ``INITIAL_RETRY_DELAY * 2**retries_taken`` capped at
    :data:`MAX_RETRY_DELAY`, minus up to 25 % random jitter (so never above the cap).

    Args:
        retries_taken: Retries already made (0 before the first retry).
        retry_after: Seconds the server asked for, if any.
        jitter: Source of numbers in ``[0, 1)``.

    Returns:
        Seconds to sleep.
    """
    if retry_after is not None and 0.0 <= retry_after <= MAX_RETRY_AFTER:
        return retry_after
    base = min(INITIAL_RETRY_DELAY * (2.0**retries_taken), MAX_RETRY_DELAY)
    return base * (1.0 - 0.25 * jitter())


def resolve_profile(profile: str | WireProfile) -> WireProfile:
    """Return the profile object for a name (``lapor``, ``lapor3``) or pass one through.

    Raises:
        ClientConfigError: The name is unknown.
    """
    if isinstance(profile, WireProfile):
        return profile
    if profile == "lapor":
        return LaporProfile()
    if profile == "lapor3":
        return Lapor3Profile()
    raise ClientConfigError(
        f"unknown wire profile {profile!r}; allowed: 'lapor', 'lapor3' (or a WireProfile "
        "instance); fix the `profile=` argument or LAPOR_PROFILE"
    )


def _env_secret(value: str | SecretStr | None, env: str) -> SecretStr | None:
    if isinstance(value, SecretStr):
        return value
    raw = value if value is not None else os.environ.get(env)
    return SecretStr(raw) if raw else None


class BaseClient:
    """Configuration and every decision of a client, without I/O.

    Args:
        base_url: Root URL of the API; else ``LAPOR_BASE_URL``.
        api_key: The agency's API key; else ``LAPOR_API_KEY``.
        profile: Wire profile, ``"lapor"`` (default) or ``"lapor3"``; else ``LAPOR_PROFILE``.
        gateway_token: SPLP gateway token for ``lapor3``; else ``LAPOR_GATEWAY_TOKEN``.
        max_retries: Retries after the first attempt (default 2).
        timeout: Read/write timeout in seconds, or a full :class:`httpx.Timeout`.
        connect_timeout: Connect timeout in seconds (ignored when ``timeout`` is a Timeout).
        default_headers: Extra headers sent with every request.
        max_response_bytes: Largest answer body read, after decompression (default 8 MiB);
            a bigger one raises :class:`APIResponseValidationError` as soon as it passes it.
        deadline: Wall-clock limit in seconds of each HTTP exchange, headers and body
            included (default 120; ``None`` for none). ``timeout`` bounds each read only.

    Raises:
        ClientConfigError: The base URL or API key is missing, or an option is invalid.
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        api_key: str | SecretStr | None = None,
        profile: str | WireProfile | None = None,
        gateway_token: str | SecretStr | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        default_headers: Mapping[str, str] | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        deadline: float | None = DEFAULT_DEADLINE,
    ) -> None:
        url = base_url or os.environ.get(BASE_URL_ENV)
        if not url:
            raise ClientConfigError(
                "no API base URL: pass `base_url=` (e.g. 'http://127.0.0.1:8000' for the "
                f"sandbox) or set the {BASE_URL_ENV} environment variable"
            )
        if not url.startswith(("http://", "https://")):
            raise ClientConfigError(
                f"base URL {url!r} is not an http(s) URL; use e.g. 'https://host/path'"
            )
        key = _env_secret(api_key, API_KEY_ENV)
        if key is None:
            raise ClientConfigError(
                f"no API key: pass `api_key=` or set the {API_KEY_ENV} environment variable"
            )
        if max_retries < 0:
            raise ClientConfigError(f"max_retries must be >= 0, got {max_retries}")
        if max_response_bytes < 1:
            raise ClientConfigError(
                f"max_response_bytes must be >= 1, got {max_response_bytes}; the default is "
                f"{DEFAULT_MAX_RESPONSE_BYTES}"
            )
        if deadline is not None and not deadline > 0:
            raise ClientConfigError(
                f"deadline must be a positive number of seconds or None, got {deadline}"
            )
        self.max_response_bytes = max_response_bytes
        self.deadline = deadline
        self.base_url = url.rstrip("/")
        self.profile = resolve_profile(profile or os.environ.get(PROFILE_ENV) or "lapor")
        self._credentials = Credentials(
            api_key=key, gateway_token=_env_secret(gateway_token, GATEWAY_TOKEN_ENV)
        )
        if self.profile.name == "lapor3" and self._credentials.gateway_token is None:
            raise ClientConfigError(
                "the lapor3 profile needs the SPLP gateway token: pass `gateway_token=` or set "
                f"the {GATEWAY_TOKEN_ENV} environment variable"
            )
        self.max_retries = max_retries
        self.timeout = (
            timeout
            if isinstance(timeout, httpx.Timeout)
            else httpx.Timeout(timeout, connect=connect_timeout)
        )
        self.default_headers = dict(default_headers or {})

    # -- options ---------------------------------------------------------------------------

    def _options(self) -> dict[str, Any]:
        """The constructor arguments that reproduce this client's configuration."""
        return {
            "base_url": self.base_url,
            "api_key": self._credentials.api_key,
            "profile": self.profile,
            "gateway_token": self._credentials.gateway_token,
            "max_retries": self.max_retries,
            "timeout": self.timeout,
            "default_headers": self.default_headers,
            "max_response_bytes": self.max_response_bytes,
            "deadline": self.deadline,
        }

    def supports(self, capability: str) -> bool:
        """Whether this client's wire profile can make a call, before trying it.

        Args:
            capability: A client method (``"verification.verify"``), a method only one
                resource has (``"verify"``, ``"forward"``, ``"upload"``) or an OpenAPI
                ``operationId`` (``"verifyComplaint"``).

        Returns:
            ``True`` when every call it makes is carried by the profile: all of them under
            ``lapor``; under ``lapor3`` only what the national gateway is known to have.

        Raises:
            InvalidInputError: The name is unknown or ambiguous (``"create"``).

        Example:
            >>> client.supports("verify"), client.supports("dispositions.forward")  # doctest: +SKIP
            (False, True)
        """
        return all(self.profile.supports_operation(op) for op in resolve_capability(capability))

    def capabilities(self) -> dict[str, bool]:
        """Every client method (``"resource.method"``) and whether this profile carries it."""
        names = [*OPERATIONS, *COMPOSITE]
        return {name: self.supports(name) for name in names}

    @property
    def api_key(self) -> SecretStr:
        """The agency's API key (a :class:`~pydantic.SecretStr`: printing it shows ``***``)."""
        return self._credentials.api_key

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={self.base_url!r}, profile={self.profile.name!r}, "
            f"max_retries={self.max_retries})"
        )

    # -- request building ------------------------------------------------------------------

    def _build_request(self, op: Operation[Any]) -> httpx.Request:
        """Build the HTTP request of ``op``; a POST gets its one idempotency key here."""
        call = self.profile.prepare(op)
        headers: dict[str, str] = {
            "Accept": "application/json",
            "Accept-Encoding": ACCEPT_ENCODING,
            "User-Agent": USER_AGENT,
            **self.default_headers,
            **self.profile.auth_headers(self._credentials),
            **call.headers,
        }
        if call.method == "POST":
            headers[IDEMPOTENCY_KEY_HEADER] = op.idempotency_key or str(uuid.uuid4())
        return httpx.Request(
            call.method,
            self.base_url + call.path,
            params=dict(call.params) or None,
            json=call.json if call.content is None else None,
            content=call.content,
            headers=headers,
            extensions={"timeout": self.timeout.as_dict()},
        )

    # -- one attempt -----------------------------------------------------------------------

    def _start_attempt(self, request: httpx.Request) -> float | None:
        """Give ``request`` the timeouts of a new attempt, cut to its deadline; return it."""
        deadline = None if self.deadline is None else time.monotonic() + self.deadline
        request.extensions["timeout"] = DeadlineTimeouts(self.timeout, deadline)
        return deadline

    def _body_limit(self, response: httpx.Response) -> int:
        return (
            min(self.max_response_bytes, _MAX_ERROR_BODY)
            if response.is_error
            else (self.max_response_bytes)
        )

    def _with_body(self, response: httpx.Response, body: bytes) -> httpx.Response:
        """The answer as the rest of the client sees it: the decoded body, read in full."""
        wire = response.headers
        if "content-encoding" not in wire and "transfer-encoding" not in wire:
            # Plain answer (the common case): the body is the bytes on the wire; keep the
            # headers as they are (Content-Length still tells the truth).
            return httpx.Response(
                response.status_code,
                headers=wire,
                content=body,
                request=response.request,
                extensions=response.extensions,
            )
        headers = [(k, v) for k, v in wire.multi_items() if k.lower() not in _WIRE_HEADERS]
        return httpx.Response(
            response.status_code,
            headers=headers,
            content=body,
            request=response.request,
            extensions=response.extensions,
        )

    def _body_after(self, exc: BodyError, response: httpx.Response) -> bytes:
        """The body to go on with after ``exc``: none for an oversized *error* answer (the
        status error is still raised, without details); otherwise raise the SDK's error."""
        error = self._body_error(exc, response)
        if error is not None:
            raise error from None
        return b""

    def _body_error(self, exc: BodyError, response: httpx.Response) -> Exception | None:
        """Translate a failure to read a body; ``None`` when the answer stands without one
        (an oversized error body: the status error is still raised, without details)."""
        request = response.request
        if isinstance(exc, BodyTooLargeError):
            if response.is_error:
                return None
            return APIResponseValidationError(
                f"the answer to {request.method} {request.url.path} {exc}: it is larger than "
                f"max_response_bytes={self.max_response_bytes}; raise `max_response_bytes=` "
                "if the server is trusted, or ask for smaller pages",
                response=response,
            )
        if isinstance(exc, BodyDecodeError):
            return APIResponseValidationError(
                f"the answer to {request.method} {request.url.path} cannot be decoded: {exc}",
                response=response,
            )
        return APITimeoutError(request=request, phase=f"total {self.deadline:g} s deadline")

    # -- outcomes --------------------------------------------------------------------------

    def _connection_error(self, exc: httpx.TransportError, request: httpx.Request) -> Exception:
        """Translate an httpx transport failure into the SDK's error."""
        timeouts = request.extensions.get("timeout")
        if isinstance(timeouts, DeadlineTimeouts) and timeouts.expired():
            return APITimeoutError(request=request, phase=f"total {self.deadline:g} s deadline")
        if isinstance(exc, httpx.ConnectTimeout):
            return APITimeoutError(request=request, phase="connect")
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError(request=request, phase="read")
        return APIConnectionError(
            f"connection to the LAPOR API failed ({type(exc).__name__}); the request "
            f"{request.method} {request.url.path} may or may not have been applied — retrying "
            "with the same Idempotency-Key is safe",
            request=request,
        )

    def _status_error(self, response: httpx.Response) -> APIStatusError:
        """Map an error answer to the typed exception, with its problem details."""
        problem = Problem.from_response(response)
        request_id = clean_text(response.headers.get(REQUEST_ID_HEADER), 100) or problem.request_id
        cls = status_error_class(response.status_code)
        what = problem.title or clean_text(response.reason_phrase) or "HTTP error"
        detail = f": {problem.detail}" if problem.detail else ""
        fields = ""
        if problem.errors:
            fields = (
                " [" + "; ".join(f"{e.pointer or '/'}: {e.detail}" for e in problem.errors) + "]"
            )
        message = (
            f"{response.status_code} {what}{detail}{fields} "
            f"({response.request.method} {response.request.url.path}, "
            f"request id {request_id or 'unknown'})"
        )
        return cls(
            message,
            response=response,
            problem=problem,
            request_id=request_id,
            retry_after=parse_retry_after(response.headers),
        )

    def _should_retry(self, exc: BaseException) -> bool:
        """Whether a failed attempt is worth another one."""
        if isinstance(exc, APIConnectionError):
            return True
        if not isinstance(exc, APIStatusError):
            return False
        explicit = exc.response.headers.get(SHOULD_RETRY_HEADER)
        if explicit == "true":
            return True
        if explicit == "false":
            return False
        return exc.status_code in _RETRYABLE_STATUSES or exc.status_code >= 500

    def _retry_after_first(self, exc: BaseException) -> bool:
        """Whether the first attempt's failure starts the retry loop."""
        return self.max_retries > 0 and self._should_retry(exc)

    def _first_retry_wait(self, request: httpx.Request, exc: BaseException) -> float:
        """Delay before the first retry, logged like every later one."""
        delay = self._retry_wait(0, exc)
        self._log_retry(request, exc, delay, 1)
        return delay

    def _retry_wait(self, retries_taken: int, exc: BaseException | None) -> float:
        """Seconds to wait before the retry that follows ``exc``."""
        retry_after = exc.retry_after if isinstance(exc, APIStatusError) else None
        return retry_delay(retries_taken, retry_after)

    def _log_retry(
        self, request: httpx.Request, exc: BaseException | None, delay: float, attempt: int
    ) -> None:
        what = exc.status_code if isinstance(exc, APIStatusError) else type(exc).__name__
        logger.info(
            "retrying %s %s in %.2f s after %s (attempt %d of %d)",
            request.method,
            request.url.path,
            delay,
            what,
            attempt + 1,
            self.max_retries + 1,
        )

    def _full_response(self, answer: Answer) -> httpx.Response:
        """The answer as an :class:`httpx.Response` holding its decoded body."""
        return self._with_body(answer.response, answer.body)

    def _process_answer(self, op: Operation[_T], answer: Answer) -> _T:
        """Parse a successful answer; straight from the bytes when the profile can."""
        parse_bytes = self.profile.bytes_parser(op) if answer.body else None
        if parse_bytes is not None:
            try:
                return parse_bytes(answer.body)
            except ValidationError:
                pass  # the full path below says what is wrong
        return self._process_response(op, self._full_response(answer))

    def _process_response(self, op: Operation[_T], response: httpx.Response) -> _T:
        """Parse a successful answer into the operation's result."""
        body: Any = None
        content = response.content
        parse_bytes = self.profile.bytes_parser(op) if content else None
        if parse_bytes is not None:
            try:
                return parse_bytes(content)
            except ValidationError as exc:
                invalid = [e["msg"] for e in exc.errors() if e["type"] == "json_invalid"]
                if not invalid:
                    raise self._contract_error(op, response, exc) from None
                raise self._not_json_error(
                    op, response, nested="recursion limit" in invalid[0]
                ) from None
        if content:
            try:
                body = response.json()
            except RecursionError:
                raise self._not_json_error(op, response, nested=True) from None
            except ValueError:
                raise self._not_json_error(op, response, nested=False) from None
        try:
            return self.profile.decode(op, body)
        except ValidationError as exc:
            raise self._contract_error(op, response, exc) from None
        except (KeyError, TypeError, ValueError, RecursionError) as exc:
            raise APIResponseValidationError(
                f"{op.operation_id}: unexpected answer shape ({type(exc).__name__}); "
                f"request id {self._request_id(response)}",
                response=response,
            ) from None

    def _not_json_error(
        self, op: Operation[Any], response: httpx.Response, *, nested: bool
    ) -> APIResponseValidationError:
        what = "is JSON nested too deeply to read" if nested else "is not JSON"
        return APIResponseValidationError(
            f"{op.operation_id}: the answer {what} (status {response.status_code}, "
            f"request id {self._request_id(response)})",
            response=response,
        )

    def _contract_error(
        self, op: Operation[Any], response: httpx.Response, exc: ValidationError
    ) -> APIResponseValidationError:
        where = ", ".join("/".join(str(p) for p in err["loc"]) or "/" for err in exc.errors()[:5])
        return APIResponseValidationError(
            f"{op.operation_id}: the answer does not match the contract ({where}); "
            f"request id {self._request_id(response)}",
            response=response,
        )

    @staticmethod
    def _request_id(response: httpx.Response) -> str:
        return clean_text(response.headers.get(REQUEST_ID_HEADER), 100) or "unknown"
