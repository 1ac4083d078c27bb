"""AsyncLaporClient at concurrency 32 versus LaporClient one request after another.

The sandbox (a child process, ``lapor sandbox serve``) adds a fixed latency to every
request (default 50 ms, set with ``PUT /_sandbox/faults {"latency": 0.05}``),
like a national gateway far away; without it both sides would only measure the local CPU.
Both sides make the same number of ``GET /complaints/{tracking_id}`` calls.

Run: ``.venv/bin/python benchmarks/async_concurrency.py [--requests 320 --latency 0.05]``.
Target: async at concurrency 32 at least 5x faster than sync sequential.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time

import httpx
from _sandbox_process import sandbox_process

from lapor_sdk.client import AsyncLaporClient, LaporClient
from lapor_sdk.sandbox import Sandbox


async def run_async(base_url: str, api_key: str, tid: str, n: int, concurrency: int) -> float:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with (
        httpx.AsyncClient(limits=limits) as http,
        AsyncLaporClient(base_url=base_url, api_key=api_key, http_client=http) as client,
    ):
        gate = asyncio.Semaphore(concurrency)

        async def one() -> None:
            async with gate:
                await client.complaints.get(tid)

        await asyncio.gather(*(one() for _ in range(concurrency)))  # open the connections
        start = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(n)))
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=320)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per request")
    args = parser.parse_args()

    api_key = Sandbox.api_key_for("pemkot-surabaya")
    with sandbox_process() as base_url, LaporClient(base_url=base_url, api_key=api_key) as client:
        c = client.complaints.create(
            title="Lampu jalan mati", description="PJU mati.", external_ref="bench:async"
        )
        tid = c.tracking_id
        assert tid is not None
        httpx.put(f"{base_url}/_sandbox/faults", json={"latency": args.latency}).raise_for_status()
        client.complaints.get(tid)
        start = time.perf_counter()
        for _ in range(args.requests):
            client.complaints.get(tid)
        sync_time = time.perf_counter() - start
        async_time = asyncio.run(run_async(base_url, api_key, tid, args.requests, args.concurrency))

    ratio = sync_time / async_time
    print(
        f"requests: {args.requests}, injected latency: {args.latency * 1000:.0f} ms/request; "
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    print(f"sync sequential         : {sync_time:6.2f} s  ({args.requests / sync_time:7.1f} req/s)")
    print(
        f"async concurrency {args.concurrency:<6}: {async_time:6.2f} s  "
        f"({args.requests / async_time:7.1f} req/s)"
    )
    print(f"speed-up async/sync = {ratio:.1f}x  (target >= 5x)")


if __name__ == "__main__":
    main()
