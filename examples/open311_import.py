"""Data in and out: a city app's Open311 reports and an agency's sheet, into the SLA engine.

Runs offline against the embedded sandbox:

1. a city app files two reports through the sandbox's Open311 server (POST with api_key);
2. the agency imports them with ``Open311Client`` (a rahasia report stays out);
3. it exports them as a LAPOR!-style sheet, reads the sheet back, and checks the SLA.

Usage: ``python examples/open311_import.py [OUTPUT_DIR]``.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from lapor_sdk.open311 import Open311Client
from lapor_sdk.sandbox import Sandbox
from lapor_sdk.sla import SlaPolicy, WorkingCalendar, batch
from lapor_sdk.spreadsheet import read_complaints, write_complaints

WIB = dt.timezone(dt.timedelta(hours=7))


def main(out: Path) -> None:
    """Run the round and print what happened."""
    clock = {"now": dt.datetime(2025, 3, 3, 9, 0, tzinfo=WIB)}
    with Sandbox.running(clock=lambda: clock["now"]) as sb:
        with Open311Client(f"{sb.base_url}/open311/v2", api_key=sb.api_key) as city_app:
            city_app.create_request(
                service_code="infrastruktur",
                description="Jalan berlubang di Jl. Ahmad Yani, Kota Surabaya",
                lat=-7.3,
                long=112.73,
            )
            clock["now"] = dt.datetime(2025, 3, 4, 10, 0, tzinfo=WIB)
            city_app.create_request(
                service_code="kesehatan",
                description="Puskesmas Wonokromo tutup saat jam layanan",
                address_string="Wonokromo, Kota Surabaya",
            )
        with Open311Client(f"{sb.base_url}/open311/v2") as agency:
            result = agency.import_complaints(
                start=dt.datetime(2025, 3, 1, tzinfo=WIB),
                end=dt.datetime(2025, 3, 5, tzinfo=WIB),
                source="kota-surabaya",
            )
    print(f"imported {len(result.complaints)} request(s), skipped {len(result.skipped)}")
    for c in result.complaints:
        region = c.location.region_name if c.location else None
        print(f"{c.external_ref}: {c.category}, {region}, {c.status.label}")
    sheet = out / "rekap.xlsx"
    written = write_complaints(result.complaints, sheet)
    report = read_complaints(sheet)
    print(f"wrote {written} row(s) to {sheet.name}; read back: {report.summary()}")
    now = dt.datetime(2025, 3, 10, 9, 0, tzinfo=WIB)
    states = batch.evaluate(
        SlaPolicy.sp4n_lapor(),
        report.complaints,
        calendar=WorkingCalendar.indonesia(tz="Asia/Jakarta"),
        now=now,
    )
    for c, stages in zip(report.complaints, states, strict=True):
        print(f"{c.title[:30]}: " + ", ".join(f"{r.stage} {r.state.value}" for r in stages))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("."))
