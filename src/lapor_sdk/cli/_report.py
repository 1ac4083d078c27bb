"""``lapor report``: monev figures and the self-contained HTML report."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ._app import ErrorHandlingGroup, app, out_console
from ._files import ColumnsOption, load_complaint_file
from ._options import TzOption, parse_instant, parse_tz
from ._sla import StrictCalendarOption, build_calendar, calendar_notes

__all__: list[str] = []

report_app = typer.Typer(
    name="report",
    cls=ErrorHandlingGroup,
    help="Monitoring and evaluation (monev) reports of complaint handling.",
    no_args_is_help=True,
)
app.add_typer(report_app, name="report")


class Period(StrEnum):
    """Trend periods of ``lapor report monev`` (the values of ``monev.PeriodKind``)."""

    WEEK = "week"
    MONTH = "month"


@report_app.command("monev")
def monev(
    file: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            help="JSON array of complaints, or a LAPOR!/LaporGub export (.xlsx, .csv).",
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path(
        "report.html"
    ),
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            help="Figures as of this ISO 8601 time with offset (default: the current time); "
            "use the same --now as whatever the report is compared with.",
        ),
    ] = None,
    period: Annotated[Period, typer.Option(help="Trend period: week or month.")] = Period.WEEK,
    tz: TzOption = "Asia/Jakarta",
    title: Annotated[
        str, typer.Option(help="Title of the report.")
    ] = "Laporan Monev Pengelolaan Pengaduan",
    min_reports: Annotated[
        int, typer.Option(min=1, help="Fewest reports a unit or kab/kota needs to be ranked.")
    ] = 5,
    prior_weight: Annotated[
        float,
        typer.Option(
            min=0,
            max=1_000_000,
            help="Observations' worth of the overall figure when small units are pulled "
            "toward it for ranking (0: rank on raw figures).",
        ),
    ] = 10.0,
    strict_calendar: StrictCalendarOption = False,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write every figure as JSON here.")
    ] = None,
    csv_out: Annotated[
        Path | None, typer.Option("--csv", help="Also write one row per group as CSV here.")
    ] = None,
    columns: ColumnsOption = None,
) -> None:
    """Write the monev report of FILE as one self-contained HTML page."""
    from ..monev import compute_monev, write_html

    zone = parse_tz(tz)
    instant = dt.datetime.now(dt.UTC) if now is None else parse_instant(now, "--now")
    calendar = build_calendar(tz, strict=strict_calendar)
    complaints = load_complaint_file(file, columns=columns, tz=tz)
    with calendar_notes():
        report = compute_monev(
            complaints,
            now=instant,
            calendar=calendar,
            period=period.value,
            tz=zone.key,
            min_reports=min_reports,
            prior_weight=prior_weight,
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
    n: Annotated[
        int, typer.Option("-n", "--count", min=1, max=100_000, help="How many complaints.")
    ] = 300,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same data).")] = 1,
    weeks: Annotated[
        int, typer.Option(min=1, max=520, help="Weeks over which complaints arrive.")
    ] = 8,
) -> None:
    """Write realistic sample complaints (no personal data) for trying the report."""
    from ..monev import sample_complaints

    complaints = sample_complaints(n, seed=seed, weeks=weeks)
    data = [c.model_dump(mode="json", exclude_none=True) for c in complaints]
    output.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    out_console.print(f"[green]wrote[/] {output} ({len(data)} complaints)", highlight=False)
