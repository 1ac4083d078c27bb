"""``lapor sla``: deadlines, the working calendar and SLA checks of complaint files."""

from __future__ import annotations

import datetime as dt
import json
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from ._app import ErrorHandlingGroup, app, err_console, out_console
from ._files import ColumnsOption
from ._options import CliError, TzOption, parse_instant, parse_tz

if TYPE_CHECKING:
    from ..models import Complaint
    from ..sla import SlaPolicy, WorkingCalendar

__all__: list[str] = []

_DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_STATE_STYLES = {
    "on_track": "green",
    "at_risk": "yellow",
    "breached": "bold red",
    "paused": "cyan",
    "met": "green",
    "missed": "red",
}

sla_app = typer.Typer(
    name="sla",
    cls=ErrorHandlingGroup,
    help="SLA deadlines on the Indonesian working calendar.",
    no_args_is_help=True,
)
app.add_typer(sla_app, name="sla")

NoCutiOption = Annotated[
    bool,
    typer.Option("--no-cuti-bersama", help="Treat cuti bersama days as working days."),
]
StrictCalendarOption = Annotated[
    bool,
    typer.Option(
        "--strict-calendar",
        help="Refuse years without a cuti bersama decree instead of computing them "
        "provisionally from the national holidays.",
    ),
]
"""``--strict-calendar``: shared by every command that counts working days."""


def build_calendar(tz: str, *, cuti_bersama: bool = True, strict: bool = False) -> WorkingCalendar:
    """Return the national calendar for ``--tz``, ``--no-cuti-bersama``, ``--strict-calendar``."""
    from ..sla import WorkingCalendar

    return WorkingCalendar.indonesia(
        tz=parse_tz(tz), cuti_bersama=cuti_bersama, provisional=not strict
    )


@contextmanager
def calendar_notes() -> Iterator[None]:
    """Print one warning line about the provisional years used while the block runs.

    A strict calendar's refusal of a year becomes one line naming ``--strict-calendar``.
    """
    from ..sla import CalendarRangeError, ProvisionalCalendarWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ProvisionalCalendarWarning)
        try:
            yield
        except CalendarRangeError as exc:
            if exc.year is not None and "decree" in str(exc):
                raise CliError(
                    f"{exc}; or drop --strict-calendar to compute {exc.year} provisionally"
                ) from None
            raise
    years: set[int] = set()
    for item in caught:
        if isinstance(item.message, ProvisionalCalendarWarning):
            years.add(item.message.year)
        else:
            warnings.warn_explicit(item.message, item.category, item.filename, item.lineno)
    if years:
        shown = ", ".join(str(y) for y in sorted(years))
        err_console.print(
            f"[yellow]warning:[/] no cuti bersama decree for {shown} in the holiday data yet: "
            "working days there come from the national holidays alone, so deadlines counted "
            "across it are provisional and may move when the decree is published "
            "(--strict-calendar refuses such years)",
            highlight=False,
        )


def _describe(day: dt.datetime) -> str:
    return f"{_DAY_NAMES[day.weekday()]} {day:%d-%m-%Y %H:%M}"


@sla_app.command("due")
def due(
    start: Annotated[
        str, typer.Option("--start", help="Start, ISO with offset: 2025-03-28T10:00+07:00.")
    ],
    duration: Annotated[str, typer.Option("--duration", help="Target: 3wd, 8wh, 24h or 14d.")],
    tz: TzOption = "Asia/Jakarta",
    no_cuti_bersama: NoCutiOption = False,
    strict_calendar: StrictCalendarOption = False,
) -> None:
    """Print the deadline of DURATION counted from START."""
    from ..sla import Duration, InvalidDurationError

    calendar = build_calendar(tz, cuti_bersama=not no_cuti_bersama, strict=strict_calendar)
    try:
        target = Duration.parse(duration)
    except InvalidDurationError:
        raise CliError(
            f"--duration {duration[:20]!r} is not a duration; write a positive amount and a "
            "unit: 3wd (working days), 8wh (working hours), 24h (hours) or 14d (days)"
        ) from None
    begin = parse_instant(start, "--start")
    with calendar_notes():
        deadline = calendar.add(begin, target)
        provisional = target.kind.counts_office_time and bool(
            calendar.provisional_years_between(begin, deadline)
        )
    out_console.print(deadline.isoformat(), highlight=False)
    mark = " [yellow]provisional[/]" if provisional else ""
    out_console.print(
        f"[dim]{target.describe()} → {_describe(deadline)} ({calendar.tz_name})[/]{mark}",
        highlight=False,
    )


@sla_app.command("calendar")
def calendar_(
    year: Annotated[int, typer.Argument(help="Year, e.g. 2026.", min=1900, max=2200)],
    tz: TzOption = "Asia/Jakarta",
    no_cuti_bersama: NoCutiOption = False,
    strict_calendar: StrictCalendarOption = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the national holidays and cuti bersama of YEAR."""
    from rich.table import Table

    calendar = build_calendar(tz, cuti_bersama=not no_cuti_bersama, strict=strict_calendar)
    with calendar_notes():
        days = calendar.days_of_year(year)
        working = len(calendar.working_days_of_year(year))
    provisional = calendar.is_provisional(year)
    if as_json:
        payload = {
            "year": year,
            "tz": calendar.tz_name,
            "cuti_bersama": calendar.cuti_bersama,
            "provisional": provisional,
            "working_days": working,
            "days": [
                {
                    "date": d.date.isoformat(),
                    "name": d.name,
                    "kind": d.kind.value,
                    "is_working_day": d.is_working_day,
                }
                for d in days
            ],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    note = " — sementara (belum ada SKB cuti bersama)" if provisional else ""
    table = Table(title=f"Hari libur dan cuti bersama {year} ({calendar.tz_name}){note}")
    table.add_column("Tanggal", no_wrap=True)
    table.add_column("Hari", no_wrap=True)
    table.add_column("Nama")
    table.add_column("Jenis", no_wrap=True)
    table.add_column("Kerja?", no_wrap=True)
    for d in days:
        table.add_row(
            d.date.isoformat(),
            _DAY_NAMES[d.date.weekday()],
            escape(d.name),
            d.kind.label,
            "ya" if d.is_working_day else "tidak",
        )
    out_console.print(table)
    suffix = " (provisional)" if provisional else ""
    out_console.print(f"{working} working days in {year}{suffix}", highlight=False)


def _load_complaints(
    path: Path, columns: Path | None = None, tz: str = "Asia/Jakarta"
) -> list[Complaint]:
    from ._files import load_complaint_file

    return load_complaint_file(path, columns=columns, tz=tz, single=True)


def _policy(name: str) -> SlaPolicy:
    from ..sla import SlaPolicy

    if name == "sp4n":
        return SlaPolicy.sp4n_lapor()
    if name == "laporgub":
        return SlaPolicy.laporgub()
    if name.endswith(".toml"):
        return SlaPolicy.from_toml(name)
    raise CliError(
        f"--policy {name[:40]!r} is not a policy; use sp4n, laporgub or a path to a .toml "
        "policy file"
    )


@sla_app.command("check")
def check(
    file: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            help="JSON list of complaints, or a LAPOR!/LaporGub export (.xlsx, .csv).",
        ),
    ],
    now: Annotated[
        str | None,
        typer.Option("--now", help="Evaluate at this instant (ISO with offset); default: now."),
    ] = None,
    policy: Annotated[
        str, typer.Option("--policy", help="sp4n, laporgub or a policy .toml file.")
    ] = "sp4n",
    tz: TzOption = "Asia/Jakarta",
    no_cuti_bersama: NoCutiOption = False,
    strict_calendar: StrictCalendarOption = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    columns: ColumnsOption = None,
) -> None:
    """Show the state of each SLA stage of each complaint in FILE.

    A deadline counted across a year without a cuti bersama decree is marked provisional
    ("*" in the table, "provisional": true in JSON).
    """
    from rich.table import Table

    from ..sla import SlaState, batch

    instant = parse_instant(now, "--now") if now else dt.datetime.now(dt.UTC)
    calendar = build_calendar(tz, cuti_bersama=not no_cuti_bersama, strict=strict_calendar)
    chosen = _policy(policy)
    complaints = _load_complaints(file, columns, tz)
    with calendar_notes():
        results = batch.evaluate(chosen, complaints, calendar=calendar, now=instant)
    if as_json:
        payload = [
            {
                "index": index,
                "reference": complaint.reference,
                "stages": [r.to_dict() for r in stages],
            }
            for index, (complaint, stages) in enumerate(zip(complaints, results, strict=True))
        ]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"SLA {chosen.name} at {instant.astimezone(calendar.tz):%Y-%m-%d %H:%M}")
    table.add_column("#", justify="right")
    table.add_column("Complaint", overflow="fold")
    table.add_column("Stage", overflow="fold")
    table.add_column("State")
    table.add_column("Due", no_wrap=True)
    table.add_column("Remaining", justify="right", no_wrap=True)
    counts: dict[SlaState, int] = {}
    provisional = 0
    for index, (complaint, stages) in enumerate(zip(complaints, results, strict=True)):
        for r in stages:
            counts[r.state] = counts.get(r.state, 0) + 1
            provisional += r.provisional
            hours = r.remaining.total_seconds() / 3600
            table.add_row(
                str(index),
                escape(complaint.reference),
                escape(r.stage),
                f"[{_STATE_STYLES[r.state.value]}]{r.state.value}[/]",
                f"{r.due_at:%Y-%m-%d %H:%M}" + (" *" if r.provisional else ""),
                f"{hours:.1f} h",
            )
    out_console.print(table)
    summary = (
        ", ".join(f"{state.value}: {counts[state]}" for state in SlaState if state in counts)
        or "no stage started"
    )
    if provisional:
        summary += f"; {provisional} provisional deadline(s) (*)"
    out_console.print(f"{len(complaints)} complaint(s); {summary}", highlight=False)
