"""Fixtures of the attack suite: a sandbox on the store the tests should hit."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from lapor_sdk.sandbox import Sandbox

#: PostgreSQL refuses more text than SQLite (NUL bytes): CI sets it, attacks run on both.
POSTGRES_URL = os.environ.get("LAPOR_TEST_DATABASE_URL")


@contextmanager
def sandbox_on(url: str) -> Iterator[Sandbox]:
    """A running sandbox on ``url``, emptied before and after."""
    with Sandbox.running(db=url) as sb:
        sb.reset()
        try:
            yield sb
        finally:
            sb.reset()
