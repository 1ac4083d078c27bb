"""Benchmark: 1,000,000 working-day deadlines with ``lapor_sdk.sla.batch``.

Compares, in the same run:

* the batch (``batch.due_dates``: local date, n-th working day, closing time as an instant)
  against the per-item ``SlaClock`` loop — the loop is timed on a sample (20,000 by default)
  and scaled per item to 1,000,000;
* the batch against ``numpy.busday_offset`` doing only the day arithmetic (same holidays,
  Mon–Fri week, ``roll="backward"`` so that the start day never counts) on precomputed local
  dates — the floor any vectorised day count can reach.

Targets: batch ≥ 50x faster than the loop, and within 2x of ``busday_offset``.

Run: ``.venv/bin/python benchmarks/sla_batch.py [--n 1000000] [--sample 20000]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from lapor_sdk.sla import Duration, SlaClock, WorkingCalendar, batch

WIB = ZoneInfo("Asia/Jakarta")
START = dt.datetime(2025, 1, 1, tzinfo=WIB)
SPAN_US = 700 * 86_400_000_000  # starts spread over 2025 and most of 2026


def best_of(repeats: int, func: Callable[[], object]) -> float:
    """Return the best wall time of ``repeats`` runs of ``func``."""
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    """Run the benchmark and print times and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=3)
    args = parser.parse_args()

    cal = WorkingCalendar.indonesia(tz="Asia/Jakarta")
    target = Duration.working_days(args.days)
    rng = np.random.default_rng(20250328)
    start_us = batch.to_epoch_us([START])[0]
    starts = start_us + rng.integers(0, SPAN_US, size=args.n, dtype=np.int64)

    batch.due_dates(cal, starts[:10], target)  # build the calendar arrays once (warm-up)
    t_batch = best_of(3, lambda: batch.due_dates(cal, starts, target))
    due = batch.due_dates(cal, starts, target)

    sample = batch.to_datetimes(starts[: args.sample], cal)

    def loop() -> list[dt.datetime]:
        return [SlaClock(calendar=cal, target=target, started_at=s).due_at for s in sample]

    loop()  # warm the calendar's day cache, as a long-running service would have it
    t_loop_sample = best_of(3, loop)
    t_loop = t_loop_sample / args.sample * args.n
    check = loop()
    assert all(  # the loop and the batch agree on the sample
        a == b for a, b in zip(check, batch.to_datetimes(due[: args.sample], cal), strict=True)
    )

    # numpy.busday_offset on the same day arithmetic: local dates in, working dates out.
    local_days = ((starts + 7 * 3_600_000_000) // 86_400_000_000).astype("datetime64[D]")
    closed = [
        np.datetime64(day.date)
        for year in (2025, 2026)
        for day in cal.days_of_year(year)
        if not day.is_working_day and day.date.weekday() < 5
    ]
    holidays_arr = np.array(closed, dtype="datetime64[D]")
    calendar_np = np.busdaycalendar(weekmask="1111100", holidays=holidays_arr)

    def busday() -> npt.NDArray[np.datetime64]:
        result: npt.NDArray[np.datetime64] = np.busday_offset(
            local_days, args.days, roll="backward", busdaycal=calendar_np
        )
        return result

    t_busday = best_of(3, busday)
    due_days = ((due + 7 * 3_600_000_000) // 86_400_000_000).astype("datetime64[D]")
    assert np.array_equal(due_days, busday())  # same working days as numpy's day arithmetic

    n = args.n
    print(f"{n:,} deadlines of {target} on the 2025-2026 WIB calendar")
    print(f"  batch.due_dates          {t_batch * 1e3:9.1f} ms  ({t_batch / n * 1e9:6.1f} ns/item)")
    print(
        f"  SlaClock loop (scaled)   {t_loop * 1e3:9.1f} ms  "
        f"({t_loop / n * 1e9:6.1f} ns/item, timed on {args.sample:,} and scaled per item)"
    )
    print(f"  numpy.busday_offset      {t_busday * 1e3:9.1f} ms  (dates only, baseline floor)")
    print(f"ratio loop / batch          {t_loop / t_batch:8.1f}x   (target >= 50x)")
    print(f"ratio batch / busday_offset {t_batch / t_busday:8.2f}x   (target <= 2x)")


if __name__ == "__main__":
    main()
