"""Shared by the client benchmarks: the sandbox served from a child process."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

__all__ = ["sandbox_process"]


@contextmanager
def sandbox_process(port: int = 0, *extra: str) -> Iterator[str]:
    """Run ``lapor sandbox serve`` in a child process; yield its base URL.

    ``extra`` arguments go to ``lapor sandbox serve`` (``--faults latency=0.02``).

    A separate process keeps the server's CPU work off this process's GIL, so the client
    is measured, not thread hand-offs between client and server.
    """
    if port == 0:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    code = "from lapor_sdk.cli import main; main()"
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and package
        [sys.executable, "-c", code, "sandbox", "serve", "--port", str(port), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base_url}/_sandbox/faults")
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield base_url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
