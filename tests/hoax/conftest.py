"""Fixtures of the hoax clinic tests: zones, a fixed clock, a real feed server on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from http.server import ThreadingHTTPServer

import pytest
from hoax_helpers import WIB, Clock, FeedServer, make_handler

from hoax_clinic import ClaimTracker


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 6, 26, 9, 0, tzinfo=WIB))


@pytest.fixture
def tracker(clock: Clock) -> Iterator[ClaimTracker]:
    t = ClaimTracker(clock=clock)
    yield t
    t.close()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    state = FeedServer(base_url="", routes={}, requests=[])
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    httpd.daemon_threads = True
    state.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)
