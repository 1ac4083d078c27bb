"""Fixtures: the real sandbox on a socket, and each test run on the sync and async client.

The ``lapor_sandbox`` fixture comes from the package's pytest plugin (entry point
``lapor_sdk.pytest_plugin``, loaded automatically once lapor-sdk is installed).
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator
from typing import Any

import pytest

from lapor_sdk.client import AsyncLaporClient, AsyncPage, LaporClient
from lapor_sdk.sandbox import Sandbox


class Api:
    """One surface over both clients: async calls are run to completion on a private loop.

    Tests written against ``api`` therefore run unchanged on ``LaporClient`` and on
    ``AsyncLaporClient`` (the ``api`` fixture is parametrised over both).
    """

    def __init__(self, target: Any, runner: asyncio.Runner | None) -> None:
        self._target = target
        self._runner = runner

    def _resolve(self, value: Any) -> Any:
        if hasattr(value, "complaints"):  # with_options() returns a client
            return Api(value, self._runner)
        if self._runner is None:
            return value
        if inspect.isawaitable(value):
            value = self._runner.run(_awaited(value))
        if isinstance(value, AsyncPage):
            return self._runner.run(_collect_page(value))
        if hasattr(value, "parse") and isinstance(value.parse(), AsyncPage):
            value._parsed = self._runner.run(_collect_page(value.parse()))
        return value

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._target, name)
        if callable(attr) and not isinstance(attr, type):

            def call(*args: Any, **kwargs: Any) -> Any:
                return self._resolve(attr(*args, **kwargs))

            return call
        if hasattr(attr, "_client") or hasattr(attr, "complaints"):
            return Api(attr, self._runner)
        return attr


async def _awaited(value: Any) -> Any:
    return await value


class CollectedPage(list[Any]):
    """All items of an async page, plus the first page's own attributes."""

    def __init__(self, first: AsyncPage[Any], items: list[Any]) -> None:
        super().__init__(items)
        self.data = first.data
        self.next_cursor = first.next_cursor


async def _collect_page(page: AsyncPage[Any]) -> CollectedPage:
    return CollectedPage(page, [item async for item in page])


class SleepRecorder:
    """Stands in for ``time.sleep``/``asyncio.sleep``: records delays, waits for none."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def sync(self, seconds: float) -> None:
        self.delays.append(seconds)

    async def asynchronous(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture
def sandbox(lapor_sandbox: Sandbox) -> Sandbox:
    """A freshly reset sandbox (no reports, no faults)."""
    return lapor_sandbox


@pytest.fixture
def sleeps() -> SleepRecorder:
    """The recorder injected as the clients' sleep function."""
    return SleepRecorder()


def make_api(kind: str, sandbox: Sandbox, sleeps: SleepRecorder, **options: Any) -> Iterator[Api]:
    """Yield an :class:`Api` over a client of ``kind`` ("sync"/"async") for the sandbox."""
    if kind == "sync":
        client: Any = sandbox.client(sleep=sleeps.sync, **options)
        try:
            yield Api(client, None)
        finally:
            client.close()
    else:
        with asyncio.Runner() as runner:
            aclient: AsyncLaporClient = sandbox.async_client(sleep=sleeps.asynchronous, **options)
            try:
                yield Api(aclient, runner)
            finally:
                runner.run(aclient.aclose())


@pytest.fixture(params=["sync", "async"])
def api(request: pytest.FixtureRequest, sandbox: Sandbox, sleeps: SleepRecorder) -> Iterator[Api]:
    """The demo agency's client, once sync and once async."""
    yield from make_api(request.param, sandbox, sleeps)


@pytest.fixture
def api_for(
    request: pytest.FixtureRequest, api: Api, sandbox: Sandbox, sleeps: SleepRecorder
) -> Iterator[Any]:
    """Factory of clients (same kind as ``api``) for another agency's account."""
    kind = "async" if api._runner is not None else "sync"
    opened: list[Iterator[Api]] = []

    def factory(agency_id: str, account: str = "admin", **options: Any) -> Api:
        gen = make_api(
            kind, sandbox, sleeps, api_key=Sandbox.api_key_for(agency_id, account), **options
        )
        opened.append(gen)
        return next(gen)

    yield factory
    for gen in opened:
        gen.close()


__all__ = ["Api", "LaporClient", "SleepRecorder"]
