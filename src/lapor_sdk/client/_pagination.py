"""Cursor pagination: a page iterates over every item of every following page.

The pagination parameters (``cursor``, ``limit``) and the next-page decision live in
:class:`BasePage`; :class:`SyncPage` and :class:`AsyncPage` only fetch.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import Any, Generic, Protocol, TypeVar

from ._operation import Operation, PageData

__all__ = ["AsyncPage", "AsyncPaginator", "BasePage", "SyncPage", "page_parser"]

_I = TypeVar("_I")
_T = TypeVar("_T")


class _SyncFetcher(Protocol):
    def _request(self, op: Operation[_T]) -> _T: ...


class _AsyncFetcher(Protocol):
    def _request(self, op: Operation[_T]) -> Awaitable[_T]: ...


class BasePage(Generic[_I]):
    """One page of a list answer.

    Attributes:
        data: The items of this page only.
        next_cursor: Opaque cursor of the next page (``None`` on the last page).
    """

    def __init__(self, op: Operation[PageData[_I]], page: PageData[_I]) -> None:
        self._op = op
        self.data: list[_I] = page.items
        self.next_cursor = page.next_cursor

    def has_next_page(self) -> bool:
        """Whether another page follows."""
        return bool(self.next_cursor) and bool(self.data)

    def _next_op(self) -> Operation[PageData[_I]]:
        return self._op.with_params(cursor=self.next_cursor)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(items={len(self.data)}, has_next_page={self.has_next_page()})"
        )


class SyncPage(BasePage[_I]):
    """A page of a sync client; iterating it yields the items of all pages in order.

    Example:
        >>> for complaint in client.complaints.list(status="disposed"):  # doctest: +SKIP
        ...     print(complaint.tracking_id)
    """

    def __init__(
        self, client: _SyncFetcher, op: Operation[PageData[_I]], page: PageData[_I]
    ) -> None:
        super().__init__(op, page)
        self._client = client

    def next_page(self) -> SyncPage[_I] | None:
        """Fetch the next page, or return ``None`` on the last one."""
        if not self.has_next_page():
            return None
        op = self._next_op()
        return SyncPage(self._client, op, self._client._request(op))

    def iter_pages(self) -> Iterator[SyncPage[_I]]:
        """Yield this page and every following page."""
        page: SyncPage[_I] | None = self
        while page is not None:
            yield page
            page = page.next_page()

    def __iter__(self) -> Iterator[_I]:
        for page in self.iter_pages():
            yield from page.data


class AsyncPage(BasePage[_I]):
    """A page of the async client; ``async for`` yields the items of all pages in order.

    Example:
        >>> page = await client.complaints.list(limit=20)  # doctest: +SKIP
        >>> print(len(page.data), page.next_cursor)
        >>> async for complaint in page:
        ...     print(complaint.tracking_id)
    """

    def __init__(
        self, client: _AsyncFetcher, op: Operation[PageData[_I]], page: PageData[_I]
    ) -> None:
        super().__init__(op, page)
        self._client = client

    async def next_page(self) -> AsyncPage[_I] | None:
        """Fetch the next page, or return ``None`` on the last one."""
        if not self.has_next_page():
            return None
        op = self._next_op()
        return AsyncPage(self._client, op, await self._client._request(op))

    async def iter_pages(self) -> AsyncIterator[AsyncPage[_I]]:
        """Yield this page and every following page."""
        page: AsyncPage[_I] | None = self
        while page is not None:
            yield page
            page = await page.next_page()

    async def __aiter__(self) -> AsyncIterator[_I]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


class AsyncPaginator(Generic[_I]):
    """What a list call of the async client returns: awaitable *and* async-iterable.

    ``await`` it for the first :class:`AsyncPage` (``data``, ``next_cursor``, ``next_page()``),
    or walk every item of every page with ``async for`` directly. Nothing is sent until one of
    the two happens; each ``await`` or ``async for`` starts from the first page again.

    Example:
        >>> async for complaint in client.complaints.list():  # doctest: +SKIP
        ...     print(complaint.tracking_id)
        >>> first = await client.complaints.list(limit=10)  # doctest: +SKIP
    """

    def __init__(self, client: _AsyncFetcher, op: Operation[PageData[_I]]) -> None:
        self._client = client
        self._op = op

    async def _first_page(self) -> AsyncPage[_I]:
        return AsyncPage(self._client, self._op, await self._client._request(self._op))

    def __await__(self) -> Generator[Any, None, AsyncPage[_I]]:
        return self._first_page().__await__()

    async def __aiter__(self) -> AsyncIterator[_I]:
        page = await self._first_page()
        async for item in page:
            yield item

    def __repr__(self) -> str:
        return f"AsyncPaginator({self._op.operation_id})"


def page_parser(parse_item: Callable[[Any], _I]) -> Callable[[Any], PageData[_I]]:
    """Return a parser of ``{"data": [...], "next_cursor": ...}`` answers."""

    def parse(body: Any) -> PageData[_I]:
        return PageData(
            items=[parse_item(item) for item in body["data"]],
            next_cursor=body.get("next_cursor"),
        )

    return parse
