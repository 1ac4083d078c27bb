"""``LaporClient`` and ``AsyncLaporClient``: only the I/O loops around the shared core."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Generator, Mapping
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

import httpx
from pydantic import SecretStr
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
)

from .._bounded import (
    BodyError,
    aread_body,
    async_deadline_transport,
    deadline_scope,
    deadline_transport,
    read_body,
)
from ._constants import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_DEADLINE,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
)
from ._logging import install_redaction
from ._models import RawResponse
from ._operation import Operation, PageData
from ._pagination import AsyncPage, AsyncPaginator, SyncPage
from ._profiles import WireProfile
from ._resources import (
    Agencies,
    Attachments,
    Categories,
    Complaints,
    Dispositions,
    FollowUps,
    Ratings,
    Replies,
    Verification,
)
from ._transport import Answer, BaseClient

__all__ = ["AsyncLaporClient", "LaporClient"]

_T = TypeVar("_T")
_I = TypeVar("_I")
_C = TypeVar("_C")

install_redaction()


class _ResourceSet(Generic[_C]):
    """The resources of a client, bound to it (declared once for every kind of client)."""

    complaints: Complaints[_C]
    """File, fetch and list reports."""
    verification: Verification[_C]
    """Verify, postpone, supplement, archive."""
    dispositions: Dispositions[_C]
    """Dispose to a unit, forward to another agency."""
    follow_ups: FollowUps[_C]
    """Follow-ups of the handling unit."""
    replies: Replies[_C]
    """Replies of the reporter."""
    ratings: Ratings[_C]
    """Ratings of the reporter."""
    attachments: Attachments[_C]
    """Attached files."""
    agencies: Agencies[_C]
    """Directory of agencies and units."""
    categories: Categories[_C]
    """Topic categories."""

    def _bind_resources(self, client: _C) -> None:
        self.complaints = Complaints(client)
        self.verification = Verification(client)
        self.dispositions = Dispositions(client)
        self.follow_ups = FollowUps(client)
        self.replies = Replies(client)
        self.ratings = Ratings(client)
        self.attachments = Attachments(client)
        self.agencies = Agencies(client)
        self.categories = Categories(client)


# The first attempt runs outside tenacity (see ``_send``); the retries after it run inside, so
# tenacity's attempt 1 is the client's attempt 2 and its retries taken are one more.


def _wait(client: BaseClient) -> Callable[[RetryCallState], float]:
    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome is not None else None
        return client._retry_wait(state.attempt_number, exc)

    return wait


def _before_sleep(client: BaseClient, request: httpx.Request) -> Callable[[RetryCallState], None]:
    def log(state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome is not None else None
        delay = state.next_action.sleep if state.next_action is not None else 0.0
        client._log_retry(request, exc, delay, state.attempt_number + 1)

    return log


class LaporClient(BaseClient, _ResourceSet["LaporClient"]):
    """Synchronous client of the LAPOR integration API.

    Configuration comes from the arguments, else the environment: ``LAPOR_BASE_URL``,
    ``LAPOR_API_KEY``, ``LAPOR_PROFILE`` (``lapor`` or ``lapor3``), ``LAPOR_GATEWAY_TOKEN``
    (``lapor3`` only).

    Args:
        base_url: Root URL of the API.
        api_key: The agency's API key.
        profile: Wire profile: ``"lapor"`` (the SDK's contract) or ``"lapor3"``.
        gateway_token: SPLP gateway token, for ``lapor3``.
        max_retries: Retries after the first attempt (default 2).
        timeout: Read/write timeout in seconds, or an :class:`httpx.Timeout`.
        connect_timeout: Connect timeout in seconds.
        default_headers: Extra headers for every request.
        max_response_bytes: Largest answer body read, after decompression (default 8 MiB).
        deadline: Wall-clock limit in seconds of each HTTP exchange (default 120).
        http_client: An :class:`httpx.Client` to use (not closed by :meth:`close`).
        sleep: Function used to wait between retries (tests pass a recorder).

    Example:
        >>> from lapor_sdk import LaporClient                      # doctest: +SKIP
        >>> with LaporClient(base_url="http://127.0.0.1:8000", api_key="…") as client:
        ...     complaint = client.complaints.get("LAPOR-2025-000001")
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
        http_client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(
            base_url=base_url,
            api_key=api_key,
            profile=profile,
            gateway_token=gateway_token,
            max_retries=max_retries,
            timeout=timeout,
            connect_timeout=connect_timeout,
            default_headers=default_headers,
            max_response_bytes=max_response_bytes,
            deadline=deadline,
        )
        self._owns_http = http_client is None
        self._http = (
            http_client
            if http_client is not None
            else httpx.Client(timeout=self.timeout, transport=deadline_transport())
        )
        self._sleep = sleep
        self._bind_resources(self)

    @property
    def with_raw_response(self) -> _RawClient:
        """The same resources, returning :class:`RawResponse` (status, headers, request id)."""
        return _RawClient(self)

    def with_options(
        self,
        *,
        base_url: str | None = None,
        api_key: str | SecretStr | None = None,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        default_headers: Mapping[str, str] | None = None,
        max_response_bytes: int | None = None,
        deadline: float | None = None,
    ) -> LaporClient:
        """Return a copy with some options changed; it shares this client's connections.

        Example:
            >>> patient = client.with_options(max_retries=5, timeout=60)  # doctest: +SKIP
        """
        opts: dict[str, Any] = self._options()
        changes = {
            "base_url": base_url,
            "api_key": api_key,
            "max_retries": max_retries,
            "timeout": timeout,
            "default_headers": default_headers,
            "max_response_bytes": max_response_bytes,
            "deadline": deadline,
        }
        opts.update({k: v for k, v in changes.items() if v is not None})
        if timeout is not None and not isinstance(timeout, httpx.Timeout):
            opts["timeout"] = httpx.Timeout(timeout, connect=self.timeout.connect)
        return LaporClient(**opts, http_client=self._http, sleep=self._sleep)

    # -- I/O -------------------------------------------------------------------------------

    def _send_once(self, request: httpx.Request) -> Answer:
        deadline = self._start_attempt(request)
        try:
            with deadline_scope(deadline):
                return self._exchange(request, deadline)
        except httpx.TransportError as exc:
            raise self._connection_error(exc, request) from exc

    def _exchange(self, request: httpx.Request, deadline: float | None) -> Answer:
        response = self._http.send(request, stream=True)
        try:
            body = read_body(response, limit=self._body_limit(response), deadline=deadline)
        except BodyError as exc:
            body = self._body_after(exc, response)
        finally:
            response.close()
        if response.is_error:
            raise self._status_error(self._with_body(response, body))
        return Answer(response, body)

    def _send(self, op: Operation[Any]) -> Answer:
        request = self._build_request(op)
        try:  # the first attempt needs no retry machinery (the common case: it succeeds)
            return self._send_once(request)
        except Exception as exc:
            if not self._retry_after_first(exc):
                raise
            first = exc
        self._sleep(self._first_retry_wait(request, first))
        retrying = Retrying(
            stop=stop_after_attempt(self.max_retries),
            retry=retry_if_exception(self._should_retry),
            wait=_wait(self),
            sleep=self._sleep,
            before_sleep=_before_sleep(self, request),
            reraise=True,
        )
        answer: Answer | None = None
        for attempt in retrying:
            with attempt:
                answer = self._send_once(request)
        assert answer is not None  # noqa: S101 - reraise=True guarantees it
        return answer

    def _request(self, op: Operation[_T]) -> _T:
        return self._process_answer(op, self._send(op))

    def _execute(self, op: Operation[_T]) -> _T:
        return self._request(op)

    def _execute_paged(self, op: Operation[PageData[_I]]) -> SyncPage[_I]:
        return SyncPage(self, op, self._request(op))

    def _run_flow(self, flow: Generator[Operation[Any], Any, _T]) -> _T:
        try:
            op = next(flow)
            while True:
                op = flow.send(self._request(op))
        except StopIteration as done:
            result: _T = done.value
            return result

    def close(self) -> None:
        """Close the connection pool (unless it was passed in as ``http_client``)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncLaporClient(BaseClient, _ResourceSet["AsyncLaporClient"]):
    """Asynchronous client of the LAPOR integration API; same resources as :class:`LaporClient`.

    Every call returns an awaitable. A list call returns an :class:`AsyncPaginator`:
    ``async for c in client.complaints.list():`` walks every page, and
    ``await client.complaints.list()`` gives the first :class:`AsyncPage`. Arguments are those of
    :class:`LaporClient`, with an :class:`httpx.AsyncClient` and an async ``sleep``.

    Example:
        >>> async with AsyncLaporClient() as client:                 # doctest: +SKIP
        ...     complaint = await client.complaints.get("LAPOR-2025-000001")
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
        http_client: httpx.AsyncClient | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        super().__init__(
            base_url=base_url,
            api_key=api_key,
            profile=profile,
            gateway_token=gateway_token,
            max_retries=max_retries,
            timeout=timeout,
            connect_timeout=connect_timeout,
            default_headers=default_headers,
            max_response_bytes=max_response_bytes,
            deadline=deadline,
        )
        self._owns_http = http_client is None
        self._http = (
            http_client
            if http_client is not None
            else httpx.AsyncClient(timeout=self.timeout, transport=async_deadline_transport())
        )
        self._sleep = sleep
        self._bind_resources(self)

    @property
    def with_raw_response(self) -> _AsyncRawClient:
        """The same resources, returning :class:`RawResponse` (status, headers, request id)."""
        return _AsyncRawClient(self)

    def with_options(
        self,
        *,
        base_url: str | None = None,
        api_key: str | SecretStr | None = None,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        default_headers: Mapping[str, str] | None = None,
        max_response_bytes: int | None = None,
        deadline: float | None = None,
    ) -> AsyncLaporClient:
        """Return a copy with some options changed; it shares this client's connections."""
        opts: dict[str, Any] = self._options()
        changes = {
            "base_url": base_url,
            "api_key": api_key,
            "max_retries": max_retries,
            "timeout": timeout,
            "default_headers": default_headers,
            "max_response_bytes": max_response_bytes,
            "deadline": deadline,
        }
        opts.update({k: v for k, v in changes.items() if v is not None})
        if timeout is not None and not isinstance(timeout, httpx.Timeout):
            opts["timeout"] = httpx.Timeout(timeout, connect=self.timeout.connect)
        return AsyncLaporClient(**opts, http_client=self._http, sleep=self._sleep)

    # -- I/O -------------------------------------------------------------------------------

    async def _send_once(self, request: httpx.Request) -> Answer:
        deadline = self._start_attempt(request)
        try:
            with deadline_scope(deadline):
                return await self._exchange(request, deadline)
        except httpx.TransportError as exc:
            raise self._connection_error(exc, request) from exc

    async def _exchange(self, request: httpx.Request, deadline: float | None) -> Answer:
        response = await self._http.send(request, stream=True)
        try:
            limit = self._body_limit(response)
            body = await aread_body(response, limit=limit, deadline=deadline)
        except BodyError as exc:
            body = self._body_after(exc, response)
        finally:
            await response.aclose()
        if response.is_error:
            raise self._status_error(self._with_body(response, body))
        return Answer(response, body)

    async def _send(self, op: Operation[Any]) -> Answer:
        request = self._build_request(op)
        try:  # the first attempt needs no retry machinery (the common case: it succeeds)
            return await self._send_once(request)
        except Exception as exc:
            if not self._retry_after_first(exc):
                raise
            first = exc
        await self._sleep(self._first_retry_wait(request, first))
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.max_retries),
            retry=retry_if_exception(self._should_retry),
            wait=_wait(self),
            sleep=self._sleep,
            before_sleep=_before_sleep(self, request),
            reraise=True,
        )
        answer: Answer | None = None
        async for attempt in retrying:
            with attempt:
                answer = await self._send_once(request)
        assert answer is not None  # noqa: S101 - reraise=True guarantees it
        return answer

    async def _request(self, op: Operation[_T]) -> _T:
        return self._process_answer(op, await self._send(op))

    async def _execute(self, op: Operation[_T]) -> _T:
        return await self._request(op)

    def _execute_paged(self, op: Operation[PageData[_I]]) -> AsyncPaginator[_I]:
        return AsyncPaginator(self, op)

    async def _run_flow(self, flow: Generator[Operation[Any], Any, _T]) -> _T:
        try:
            op = next(flow)
            while True:
                op = flow.send(await self._request(op))
        except StopIteration as done:
            result: _T = done.value
            return result

    async def aclose(self) -> None:
        """Close the connection pool (unless it was passed in as ``http_client``)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


class _RawClient(_ResourceSet["_RawClient"]):
    """``client.with_raw_response``: calls return :class:`RawResponse` around the value."""

    def __init__(self, client: LaporClient) -> None:
        self._client = client
        self._bind_resources(self)

    def supports(self, capability: str) -> bool:
        """Whether the client's wire profile can make a call (see :meth:`LaporClient.supports`)."""
        return self._client.supports(capability)

    def _execute(self, op: Operation[_T]) -> RawResponse[_T]:
        response = self._client._full_response(self._client._send(op))
        return RawResponse(response, self._client._process_response(op, response))

    def _run_flow(self, flow: Generator[Operation[Any], Any, _T]) -> RawResponse[_T]:
        """Run a multi-step call; the raw answer is that of its last request."""
        last: httpx.Response | None = None
        try:
            op = next(flow)
            while True:
                last = self._client._full_response(self._client._send(op))
                op = flow.send(self._client._process_response(op, last))
        except StopIteration as done:
            assert last is not None  # noqa: S101 - every flow makes at least one request
            return RawResponse(last, done.value)

    def _execute_paged(self, op: Operation[PageData[_I]]) -> RawResponse[SyncPage[_I]]:
        response = self._client._full_response(self._client._send(op))
        page = SyncPage(self._client, op, self._client._process_response(op, response))
        return RawResponse(response, page)


class _AsyncRawClient(_ResourceSet["_AsyncRawClient"]):
    """``async_client.with_raw_response``: awaitables of :class:`RawResponse`."""

    def __init__(self, client: AsyncLaporClient) -> None:
        self._client = client
        self._bind_resources(self)

    def supports(self, capability: str) -> bool:
        """Whether the client's wire profile can make a call (see :meth:`LaporClient.supports`)."""
        return self._client.supports(capability)

    async def _execute(self, op: Operation[_T]) -> RawResponse[_T]:
        response = self._client._full_response(await self._client._send(op))
        return RawResponse(response, self._client._process_response(op, response))

    async def _run_flow(self, flow: Generator[Operation[Any], Any, _T]) -> RawResponse[_T]:
        """Run a multi-step call; the raw answer is that of its last request."""
        last: httpx.Response | None = None
        try:
            op = next(flow)
            while True:
                last = self._client._full_response(await self._client._send(op))
                op = flow.send(self._client._process_response(op, last))
        except StopIteration as done:
            assert last is not None  # noqa: S101 - every flow makes at least one request
            return RawResponse(last, done.value)

    async def _execute_paged(self, op: Operation[PageData[_I]]) -> RawResponse[AsyncPage[_I]]:
        response = self._client._full_response(await self._client._send(op))
        page = AsyncPage(self._client, op, self._client._process_response(op, response))
        return RawResponse(response, page)
