"""``async for c in client.complaints.list():`` without ``await``, like openai-python."""

from __future__ import annotations

import asyncio

import pytest

from lapor_sdk import InvalidInputError
from lapor_sdk.client import AsyncPage, AsyncPaginator
from lapor_sdk.models import Complaint
from lapor_sdk.sandbox import Sandbox


def _file(sandbox: Sandbox, n: int) -> list[str]:
    with sandbox.client() as client:
        return [
            str(
                client.complaints.create(
                    title=f"Laporan {i}", description="Isi laporan.", external_ref=f"al:{i}"
                ).tracking_id
            )
            for i in range(n)
        ]


def test_async_for_walks_every_page_without_await(sandbox: Sandbox) -> None:
    filed = _file(sandbox, 5)

    async def main() -> tuple[list[str], list[str], AsyncPage[Complaint]]:
        async with sandbox.async_client() as client:
            paginator = client.complaints.list(limit=2)
            assert isinstance(paginator, AsyncPaginator)
            walked = [str(c.tracking_id) async for c in paginator]
            again = [str(c.tracking_id) async for c in paginator]  # starts over
            first = await client.complaints.list(limit=2)
            return walked, again, first

    walked, again, first = asyncio.run(main())
    assert walked == again == filed
    assert isinstance(first, AsyncPage)
    assert len(first.data) == 2 and first.has_next_page()


def test_nothing_is_sent_until_awaited_or_iterated(sandbox: Sandbox) -> None:
    async def main() -> None:
        async with sandbox.async_client() as client:
            client.agencies.list()  # never awaited: no request, no "never awaited" warning
            with pytest.raises(InvalidInputError, match="limit=0 is out of range"):
                client.complaints.list(limit=0)  # arguments are still checked at the call

    asyncio.run(main())  # warnings are errors in this suite


def test_other_paged_lists_are_paginators_too(sandbox: Sandbox) -> None:
    async def main() -> list[str]:
        async with sandbox.async_client() as client:
            return [a.id async for a in client.agencies.list(limit=3)]

    ids = asyncio.run(main())
    assert len(ids) == len(set(ids)) > 3
