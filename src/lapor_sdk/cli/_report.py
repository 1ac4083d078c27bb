"""``lapor report``: monev figures and the self-contained HTML report."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer

from .._exceptions import InvalidInputError
from ..monev import (
    PeriodKind,
    compute_monev,
    load_complaints,
    sample_complaints,
    write_html,
)
from ._app import app, out_console

__all__: list[str] = []

report_app = typer.Typer(
    name="report",
    help="Monitoring and evaluation (monev) reports of complaint handling.",
    no_args_is_help=True,
)
app.add_typer(report_app, name="report")


def _parse_now(value: str | None) -> dt.datetime:
    if value is None:
        return dt.datetime.now(dt.UTC)
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInputError(
            f"--now {value!r} is not an ISO 8601 datetime; use e.g. 2025-03-31T17:00:00+07:00"
        ) from None
    if moment.tzinfo is None:
        raise InvalidInputError(
            f"--now {value!r} has no UTC offset; add one, e.g. {value}+07:00 for WIB"
        )
    try:
        moment.astimezone(dt.UTC)
    except OverflowError:
        raise InvalidInputError(
            f"--now {value!r} is out of range; use a date between years 1 and 9999 UTC"
        ) from None
    return moment


@report_app.command("monev")
def monev(
    file: Annotated[Path, typer.Argument(help="JSON array of complaints.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path(
        "report.html"
    ),
    now: Annotated[
        str | None,
        typer.Option(help="Figures as of this aware ISO 8601 time (default: the current time)."),
    ] = None,
    period: Annotated[
        PeriodKind, typer.Option(help="Trend period: week or month.")
    ] = PeriodKind.WEEK,
    tz: Annotated[str, typer.Option(help="Time zone of the agency (IANA name).")] = "Asia/Jakarta",
    title: Annotated[
        str, typer.Option(help="Title of the report.")
    ] = "Laporan Monev Pengelolaan Pengaduan",
    min_reports: Annotated[
        int, typer.Option(help="Fewest reports a unit or kab/kota needs to be ranked.")
    ] = 3,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write every figure as JSON here.")
    ] = None,
    csv_out: Annotated[
        Path | None, typer.Option("--csv", help="Also write one row per group as CSV here.")
    ] = None,
) -> None:
    """Write the monev report of FILE as one self-contained HTML page."""
    complaints = load_complaints(file)
    report = compute_monev(
        complaints,
        now=_parse_now(now),
        period=period,
        tz=tz,
        min_reports=min_reports,
    )
    write_html(report, output, title=title)
    if json_out is not None:
        json_out.write_text(report.to_json() + "\n", encoding="utf-8")
    if csv_out is not None:
        csv_out.write_text(report.to_csv(), encoding="utf-8")
    out_console.print(
        f"[green]wrote[/] {output} ({report.total.reports} complaints)", highlight=False
    )


@report_app.command("sample")
def sample(
    output: Annotated[Path, typer.Option("-o", "--output", help="JSON file to write.")] = Path(
        "complaints.json"
    ),
    n: Annotated[int, typer.Option("-n", "--count", help="How many complaints.")] = 300,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same data).")] = 1,
    weeks: Annotated[int, typer.Option(help="Weeks over which complaints arrive.")] = 8,
) -> None:
    """Write realistic sample complaints (no personal data) for trying the report."""
    complaints = sample_complaints(n, seed=seed, weeks=weeks)
    data = [c.model_dump(mode="json", exclude_none=True) for c in complaints]
    output.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    out_console.print(f"[green]wrote[/] {output} ({len(data)} complaints)", highlight=False)
