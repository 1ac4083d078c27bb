"""``lapor sla``: deadlines, the working calendar and SLA checks of complaint files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from .._exceptions import InvalidInputError
from ..models import Complaint
from ..monev import parse_complaints
from ..sla import Duration, SlaPolicy, SlaState, WorkingCalendar, batch
from ._app import ErrorHandlingGroup, app, out_console
from ._core import _read_json

__all__: list[str] = []

_DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_STATE_STYLES = {
    SlaState.ON_TRACK: "green",
    SlaState.AT_RISK: "yellow",
    SlaState.BREACHED: "bold red",
    SlaState.PAUSED: "cyan",
    SlaState.MET: "green",
    SlaState.MISSED: "red",
}

sla_app = typer.Typer(
    name="sla",
    cls=ErrorHandlingGroup,
    help="SLA deadlines on the Indonesian working calendar.",
    no_args_is_help=True,
)
app.add_typer(sla_app, name="sla")

TzOption = Annotated[
    str,
    typer.Option("--tz", help="Zone: WIB, WITA, WIT or an IANA name (Asia/Jakarta)."),
]
NoCutiOption = Annotated[
    bool,
    typer.Option("--no-cuti-bersama", help="Treat cuti bersama days as working days."),
]


def _parse_instant(text: str, option: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text.strip()[:64])
    except ValueError:
        raise InvalidInputError(
            f"{option} {text[:40]!r} is not an ISO date-time; write e.g. 2025-03-28T10:00+07:00"
        ) from None
    if value.tzinfo is None:
        raise InvalidInputError(
            f"{option} {text[:40]!r} has no UTC offset; add one, e.g. 2025-03-28T10:00+07:00"
        )
    try:
        value.astimezone(dt.UTC)
    except OverflowError:
        raise InvalidInputError(
            f"{option} {text[:40]!r} is out of range; use a date between years 1 and 9999 UTC"
        ) from None
    return value


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
) -> None:
    """Print the deadline of DURATION counted from START."""
    calendar = WorkingCalendar.indonesia(tz=tz, cuti_bersama=not no_cuti_bersama)
    target = Duration.parse(duration)
    deadline = calendar.add(_parse_instant(start, "--start"), target)
    out_console.print(deadline.isoformat(), highlight=False)
    out_console.print(
        f"[dim]{target.describe()} → {_describe(deadline)} ({calendar.tz_name})[/]",
        highlight=False,
    )


@sla_app.command("calendar")
def calendar_(
    year: Annotated[int, typer.Argument(help="Year, e.g. 2026.", min=1900, max=2200)],
    tz: TzOption = "Asia/Jakarta",
    no_cuti_bersama: NoCutiOption = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the national holidays and cuti bersama of YEAR."""
    calendar = WorkingCalendar.indonesia(tz=tz, cuti_bersama=not no_cuti_bersama)
    days = calendar.days_of_year(year)
    working = len(calendar.working_days_of_year(year))
    if as_json:
        payload = {
            "year": year,
            "tz": calendar.tz_name,
            "cuti_bersama": calendar.cuti_bersama,
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
    table = Table(title=f"Hari libur dan cuti bersama {year} ({calendar.tz_name})")
    table.add_column("Tanggal", no_wrap=True)
    table.add_column("Hari", no_wrap=True)
    table.add_column("Nama")
    table.add_column("Jenis", no_wrap=True)
    table.add_column("Kerja?", no_wrap=True)
    for d in days:
        table.add_row(
            d.date.isoformat(),
            _DAY_NAMES[d.date.weekday()],
            d.name,
            d.kind.label,
            "ya" if d.is_working_day else "tidak",
        )
    out_console.print(table)
    out_console.print(f"{working} working days in {year}", highlight=False)


def _load_complaints(path: Path) -> list[Complaint]:
    data = _read_json(path)
    wrapped = isinstance(data, dict) and isinstance(data.get("complaints"), list)
    if not isinstance(data, list) and not wrapped:
        data = [data]  # a single complaint object
    return parse_complaints(data, source=str(path))


def _policy(name: str) -> SlaPolicy:
    if name == "sp4n":
        return SlaPolicy.sp4n_lapor()
    if name == "laporgub":
        return SlaPolicy.laporgub()
    if name.endswith(".toml"):
        return SlaPolicy.from_toml(name)
    raise InvalidInputError(
        f"unknown policy {name[:40]!r}; use sp4n, laporgub or a path to a .toml policy file"
    )


@sla_app.command("check")
def check(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="JSON list of complaints.")
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
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Show the state of each SLA stage of each complaint in FILE."""
    instant = _parse_instant(now, "--now") if now else dt.datetime.now(dt.UTC)
    calendar = WorkingCalendar.indonesia(tz=tz, cuti_bersama=not no_cuti_bersama)
    chosen = _policy(policy)
    complaints = _load_complaints(file)
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
    for index, (complaint, stages) in enumerate(zip(complaints, results, strict=True)):
        for r in stages:
            counts[r.state] = counts.get(r.state, 0) + 1
            hours = r.remaining.total_seconds() / 3600
            table.add_row(
                str(index),
                complaint.reference,
                r.stage,
                f"[{_STATE_STYLES[r.state]}]{r.state.value}[/]",
                f"{r.due_at:%Y-%m-%d %H:%M}",
                f"{hours:.1f} h",
            )
    out_console.print(table)
    summary = (
        ", ".join(f"{state.value}: {counts[state]}" for state in SlaState if state in counts)
        or "no stage started"
    )
    out_console.print(f"{len(complaints)} complaint(s); {summary}", highlight=False)
