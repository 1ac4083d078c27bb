"""Pytest plugin: a ``lapor_sandbox`` fixture for projects that use lapor-sdk.

Registered as the ``pytest11`` entry point ``lapor_sdk`` (module
``lapor_sdk.pytest_plugin``), so installing ``lapor-sdk[sandbox]`` makes the fixture
available. The module lives outside ``lapor_sdk.sandbox`` and imports it only when a test asks
for the fixture: pytest loads every plugin at start-up, and a project that installed
lapor-sdk without the ``sandbox`` extra must still be able to run its tests.
One sandbox server runs per test session; each test gets it reset (no reports,
no idempotency records, no faults).

Example:
    >>> def test_files_a_report(lapor_sandbox):                       # doctest: +SKIP
    ...     with lapor_sandbox.client() as client:
    ...         c = client.complaints.create(title="Jalan rusak", description="…",
    ...                                      external_ref="my-app:1")
    ...     assert c.tracking_id.startswith("LAPOR-")
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from lapor_sdk.sandbox import Sandbox

__all__ = ["lapor_sandbox", "lapor_sandbox_server"]


@pytest.fixture(scope="session")
def lapor_sandbox_server() -> Iterator[Sandbox]:
    """One running sandbox for the whole session (in memory, loopback, free port)."""
    from lapor_sdk.sandbox import Sandbox

    with Sandbox.running() as sandbox:
        yield sandbox


@pytest.fixture
def lapor_sandbox(lapor_sandbox_server: Sandbox) -> Iterator[Sandbox]:
    """The session's sandbox, reset before the test: ``.base_url``, ``.api_key``, ``.client()``."""
    lapor_sandbox_server.reset()
    yield lapor_sandbox_server
    lapor_sandbox_server.reset()
