"""SDK client overhead versus a bare httpx loop doing the same calls against the sandbox.

Both sides fetch the same report ``GET /complaints/{tracking_id}`` with the same connection
pool settings; the SDK also builds the request through its wire profile, runs the tenacity
retry loop and validates the answer into a ``Complaint``; the bare loop only decodes JSON.
The sandbox runs in a child process (``lapor sandbox serve``) on loopback, without faults.
Rounds alternate between the two sides so machine noise hits both alike.

Run: ``.venv/bin/python benchmarks/client_overhead.py [--requests 10000]``.
Target: wall-time ratio SDK/bare at most 1.10 on a quiet machine (load about 1). On a
loaded machine every microsecond of client CPU costs several of wall time, so the CPU the
SDK adds per request is printed too: it is the figure that moves with the code, not the load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import httpx
from _sandbox_process import sandbox_process

from lapor_sdk.client import LaporClient
from lapor_sdk.models import Reporter
from lapor_sdk.sandbox import Sandbox

#: The issue's target for the wall-time ratio SDK/bare httpx.
TARGET_RATIO = 1.10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=10_000, help="requests per side")
    parser.add_argument("--rounds", type=int, default=20, help="alternating rounds")
    args = parser.parse_args()
    per_round = args.requests // args.rounds

    api_key = Sandbox.api_key_for("pemkot-surabaya")
    with sandbox_process() as base_url, LaporClient(base_url=base_url, api_key=api_key) as client:
        complaint = client.complaints.create(
            title="Jalan berlubang",
            description="Jalan di Jl. Ahmad Yani Surabaya berlubang besar dekat halte bus.",
            external_ref="bench:1",
            reporter=Reporter(name="Warga", phone="081234567890"),
        )
        tid = complaint.tracking_id
        assert tid is not None
        client.verification.verify(tid, unit="dsdabm")
        client.follow_ups.create(tid, text="Tim sudah meninjau lokasi dan menjadwalkan perbaikan.")
        url = f"{base_url}/complaints/{tid}"
        headers = {"Authorization": f"Bearer {api_key}", "Accept": "application/json"}

        with httpx.Client() as bare:

            def run_bare(n: int) -> tuple[float, float]:
                wall, cpu = time.perf_counter(), time.process_time()
                for _ in range(n):
                    r = bare.get(url, headers=headers)
                    r.raise_for_status()
                    r.json()
                return time.perf_counter() - wall, time.process_time() - cpu

            def run_sdk(n: int) -> tuple[float, float]:
                wall, cpu = time.perf_counter(), time.process_time()
                for _ in range(n):
                    client.complaints.get(tid)
                return time.perf_counter() - wall, time.process_time() - cpu

            run_bare(200)  # warm up both paths
            run_sdk(200)
            bare_runs: list[tuple[float, float]] = []
            sdk_runs: list[tuple[float, float]] = []
            for i in range(args.rounds):  # alternate which side goes first
                if i % 2:
                    sdk_runs.append(run_sdk(per_round))
                    bare_runs.append(run_bare(per_round))
                else:
                    bare_runs.append(run_bare(per_round))
                    sdk_runs.append(run_sdk(per_round))

    n = per_round * args.rounds
    bare_wall, bare_cpu = (sum(x) for x in zip(*bare_runs, strict=True))
    sdk_wall, sdk_cpu = (sum(x) for x in zip(*sdk_runs, strict=True))
    ratio = sdk_wall / bare_wall
    median = statistics.median(s[0] / b[0] for s, b in zip(sdk_runs, bare_runs, strict=True))
    added_cpu = (sdk_cpu - bare_cpu) / n
    print(
        f"requests per side: {n} in {args.rounds} alternating rounds; load average "
        f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    print(
        f"bare httpx : {bare_wall:7.2f} s wall ({bare_wall / n * 1e6:6.0f} µs/request), "
        f"client CPU {bare_cpu / n * 1e6:5.0f} µs/request"
    )
    print(
        f"LaporClient: {sdk_wall:7.2f} s wall ({sdk_wall / n * 1e6:6.0f} µs/request), "
        f"client CPU {sdk_cpu / n * 1e6:5.0f} µs/request"
    )
    print(f"ratio SDK/bare (wall, total)     = {ratio:.3f}  ({100 * (ratio - 1):+.1f} %)")
    print(f"ratio SDK/bare (wall, median)    = {median:.3f}  ({100 * (median - 1):+.1f} %)")
    print(
        f"client CPU added by the SDK      = {added_cpu * 1e6:.0f} µs/request "
        f"= {100 * added_cpu / (bare_wall / n):+.1f} % of a bare request"
    )
    verdict = "met" if median <= TARGET_RATIO else "NOT met"
    print(
        f"target: wall ratio <= {TARGET_RATIO:.2f} -> {verdict} (median of rounds {median:.3f}, "
        f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )


if __name__ == "__main__":
    main()
