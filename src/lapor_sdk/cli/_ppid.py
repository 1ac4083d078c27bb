"""``lapor ppid``: the PPID's registers, deadlines and service report from the shell.

Every command is a thin layer over :mod:`lapor_sdk.ppid`; the registers live in a database
(``--db``: a URL, or a file path meaning SQLite; default ``$LAPOR_HOME/ppid.db``) so an
agency can register on one day and answer on another. Nothing printed here carries the
requester's identity unless ``--with-identity`` is asked for.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from .. import ppid
from .._exceptions import InvalidInputError
from ..models import Channel, Complaint
from ..sla import SlaState, WorkingCalendar
from ._app import ErrorHandlingGroup, app, out_console
from ._core import _read_json
from ._options import TzOption
from ._options import parse_instant as _parse_instant

__all__: list[str] = []

ppid_app = typer.Typer(
    name="ppid",
    cls=ErrorHandlingGroup,
    help="Public information requests (UU 14/2008): register, deadlines, objections, reports.",
    no_args_is_help=True,
)
app.add_typer(ppid_app, name="ppid")

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL, or a file path for SQLite (default: LAPOR_HOME)."),
]
AtOption = Annotated[
    str | None,
    typer.Option("--at", help="When it happened, ISO with offset (default: now)."),
]
_STATE_STYLES = {
    SlaState.ON_TRACK: "green",
    SlaState.AT_RISK: "yellow",
    SlaState.BREACHED: "bold red",
}
_MAX_OPTION_TEXT = 10_000


def _store(db: str | None) -> ppid.PpidStore:
    return ppid.PpidStore(ppid.database_url(db))


def _calendar(tz: str) -> WorkingCalendar:
    return WorkingCalendar.indonesia(tz=tz)


def _when(at: str | None, option: str = "--at") -> dt.datetime:
    return _parse_instant(at, option) if at else dt.datetime.now(dt.UTC)


def _capped(value: str | None, option: str) -> str | None:
    if value is not None and len(value) > _MAX_OPTION_TEXT:
        raise InvalidInputError(
            f"{option} is {len(value)} characters long; at most {_MAX_OPTION_TEXT} are accepted"
        )
    return value


def _say(text: str) -> None:
    out_console.print(escape(text), highlight=False)


@ppid_app.command("register")
def register_(
    information: Annotated[
        str | None, typer.Option("--info", help="The information asked for.")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Requester's name.")] = None,
    nik: Annotated[str | None, typer.Option("--nik", help="Requester's NIK.")] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="Requester's phone.")] = None,
    email: Annotated[str | None, typer.Option("--email", help="Requester's e-mail.")] = None,
    address: Annotated[str | None, typer.Option("--address", help="Requester's address.")] = None,
    occupation: Annotated[
        str | None, typer.Option("--occupation", help="Requester's occupation.")
    ] = None,
    purpose: Annotated[
        str | None, typer.Option("--purpose", help="Why the information is asked.")
    ] = None,
    kind: Annotated[
        ppid.RequestKind, typer.Option("--kind", help="view or copy.")
    ] = ppid.RequestKind.COPY,
    channel: Annotated[
        Channel, typer.Option("--channel", help="How the request came in.")
    ] = Channel.FACE_TO_FACE,
    number: Annotated[
        str | None, typer.Option("--number", help="Registration number (default: the next one).")
    ] = None,
    received_at: Annotated[
        str | None, typer.Option("--received-at", help="ISO with offset (default: now).")
    ] = None,
    from_complaint: Annotated[
        Path | None,
        typer.Option(
            "--from-complaint",
            exists=True,
            dir_okay=False,
            help="A LAPOR! complaint JSON classified information_request.",
        ),
    ] = None,
    db: DbOption = None,
    tz: TzOption = "Asia/Jakarta",
) -> None:
    """Register a request, give it its number and print when the answer is due."""
    calendar = _calendar(tz)
    store = _store(db)
    when = _when(received_at, "--received-at")
    if from_complaint is not None:
        complaint = Complaint.model_validate(_read_json(from_complaint))
        received = when if received_at else complaint.created_at
        year = received.astimezone(calendar.tz).year
        request = ppid.request_from_complaint(
            complaint, number=number or store.next_number(year), received_at=received
        )
    else:
        if not information:
            raise InvalidInputError("give --info (the information asked for) or --from-complaint")
        requester = ppid.Requester(
            name=name, nik=nik, phone=phone, email=email, address=address, occupation=occupation
        )
        year = when.astimezone(calendar.tz).year
        request = ppid.register(
            number=number or store.next_number(year),
            received_at=when,
            requester=requester,
            information=_capped(information, "--info") or "",
            purpose=_capped(purpose, "--purpose"),
            kind=kind,
            channel=channel,
        )
    store.add(request)
    due = ppid.answer_deadline(request.received_at, calendar=calendar)
    _say(f"registered {request.number}")
    _say(f"answer due {due.isoformat()} (10 hari kerja, UU 14/2008 Pasal 22 ayat (7))")


@ppid_app.command("extend")
def extend_(
    number: Annotated[str, typer.Argument(help="Registration number.")],
    days: Annotated[int, typer.Option("--days", help="Working days to add (1-7).")],
    reason: Annotated[str, typer.Option("--reason", help="The written reason.")],
    at: AtOption = None,
    db: DbOption = None,
    tz: TzOption = "Asia/Jakarta",
) -> None:
    """Extend the answer time once, by at most 7 working days (Pasal 22 ayat (8))."""
    calendar = _calendar(tz)
    store = _store(db)
    request = ppid.extend(
        store.get(number),
        at=_when(at),
        days=days,
        reason=_capped(reason, "--reason") or "",
        calendar=calendar,
    )
    store.save(request)
    due = request_clocks_due(request, calendar)
    _say(f"extended {request.number} by {days} working day(s); answer due {due}")


def request_clocks_due(request: ppid.InformationRequest, calendar: WorkingCalendar) -> str:
    """Return the answer deadline of ``request`` as ISO text."""
    clocks = ppid.request_clocks(request, now=request.events[-1].at, calendar=calendar)
    return clocks["answer"].due_at.isoformat()


@ppid_app.command("decide")
def decide_(
    number: Annotated[str, typer.Argument(help="Registration number.")],
    decision: Annotated[ppid.DecisionKind, typer.Option("--decision", help="The answer.")],
    ground: Annotated[
        list[ppid.ExemptionGround] | None,
        typer.Option("--ground", help="Pasal 17 ground (letter a-j); repeat for several."),
    ] = None,
    consequence_test: Annotated[
        str | None, typer.Option("--consequence-test", help="The consequence test (Pasal 19).")
    ] = None,
    holder: Annotated[
        str | None, typer.Option("--holder", help="Body that holds the information.")
    ] = None,
    cost: Annotated[int, typer.Option("--cost", min=0, help="Copying/sending cost (Rp).")] = 0,
    note: Annotated[str | None, typer.Option("--note", help="What is given and how.")] = None,
    at: AtOption = None,
    db: DbOption = None,
    tz: TzOption = "Asia/Jakarta",
) -> None:
    """Record the written answer and print the requester's last day to object."""
    calendar = _calendar(tz)
    store = _store(db)
    request = ppid.decide(
        store.get(number),
        at=_when(at),
        kind=decision,
        grounds=ground or [],
        consequence_test=_capped(consequence_test, "--consequence-test"),
        holder=holder,
        cost=cost,
        note=_capped(note, "--note"),
    )
    store.save(request)
    assert request.decision is not None  # noqa: S101 - decide() sets it
    last = ppid.objection_deadline(request.decision.at, calendar=calendar)
    _say(f"decided {request.number}: {decision.value} ({decision.label})")
    _say(f"objection possible until {last.isoformat()} (UU 14/2008 Pasal 36 ayat (1))")


@ppid_app.command("object")
def object_(
    number: Annotated[str, typer.Argument(help="Registration number of the request.")],
    reason: Annotated[
        list[ppid.ObjectionReason],
        typer.Option("--reason", help="Pasal 35 ayat (1) reason (letter a-g); repeatable."),
    ],
    objection_number: Annotated[
        str | None,
        typer.Option("--objection-number", help="Number of the objection (default: next KEB/…)."),
    ] = None,
    statement: Annotated[
        str | None, typer.Option("--statement", help="The requester's account.")
    ] = None,
    reason_arose_at: Annotated[
        str | None, typer.Option("--reason-arose-at", help="When the reason arose (ISO).")
    ] = None,
    at: AtOption = None,
    db: DbOption = None,
    tz: TzOption = "Asia/Jakarta",
) -> None:
    """Record an objection to the atasan PPID and print when it must be answered."""
    calendar = _calendar(tz)
    store = _store(db)
    when = _when(at)
    request = ppid.object_to(
        store.get(number),
        at=when,
        number=objection_number
        or store.next_number(when.astimezone(calendar.tz).year, prefix="KEB"),
        reasons=reason,
        reason_arose_at=_parse_instant(reason_arose_at, "--reason-arose-at")
        if reason_arose_at
        else None,
        statement=_capped(statement, "--statement"),
        by=ppid.PpidRole.PPID,
        calendar=calendar,
    )
    store.save(request)
    assert request.objection is not None  # noqa: S101 - object_to() sets it
    due = ppid.objection_answer_deadline(request.objection.received_at, calendar=calendar)
    _say(f"objection {request.objection.number} on {request.number} recorded")
    _say(f"atasan PPID must answer by {due.isoformat()} (UU 14/2008 Pasal 36 ayat (2))")


@ppid_app.command("answer-objection")
def answer_objection_(
    number: Annotated[str, typer.Argument(help="Request or objection number.")],
    outcome: Annotated[ppid.ObjectionOutcome, typer.Option("--outcome", help="The answer.")],
    text: Annotated[str, typer.Option("--text", help="The answer and its reasons.")],
    superior: Annotated[
        str | None, typer.Option("--superior", help="Name and position of the atasan PPID.")
    ] = None,
    at: AtOption = None,
    db: DbOption = None,
    tz: TzOption = "Asia/Jakarta",
) -> None:
    """Record the atasan PPID's answer and print the requester's last day for a dispute."""
    calendar = _calendar(tz)
    store = _store(db)
    request = ppid.answer_objection(
        store.get(number),
        at=_when(at),
        outcome=outcome,
        text=_capped(text, "--text") or "",
        superior=superior,
    )
    store.save(request)
    assert request.objection is not None and request.objection.answer is not None  # noqa: S101
    last = ppid.dispute_deadline(request.objection.answer.at, calendar=calendar)
    _say(f"objection on {request.number} answered: {outcome.value}")
    _say(f"dispute possible until {last.isoformat()} (UU 14/2008 Pasal 37 ayat (2))")


@ppid_app.command("dispute")
def dispute_(
    number: Annotated[str, typer.Argument(help="Request or objection number.")],
    commission: Annotated[str, typer.Option("--commission", help="Which Komisi Informasi.")],
    ki_number: Annotated[
        str | None, typer.Option("--ki-number", help="The commission's register number.")
    ] = None,
    at: AtOption = None,
    db: DbOption = None,
    tz: TzOption = "Asia/Jakarta",
) -> None:
    """Record that the requester took the case to the Komisi Informasi."""
    store = _store(db)
    request = ppid.file_dispute(
        store.get(number),
        at=_when(at),
        commission=commission,
        number=ki_number,
        by=ppid.PpidRole.PPID,
        calendar=_calendar(tz),
    )
    store.save(request)
    _say(f"dispute on {request.number} recorded")


@ppid_app.command("settle")
def settle_(
    number: Annotated[str, typer.Argument(help="Request or objection number.")],
    outcome: Annotated[ppid.DisputeOutcome, typer.Option("--outcome", help="How it ended.")],
    note: Annotated[str | None, typer.Option("--note", help="Summary of the outcome.")] = None,
    at: AtOption = None,
    db: DbOption = None,
) -> None:
    """Record how the dispute at the Komisi Informasi ended."""
    store = _store(db)
    request = ppid.settle_dispute(
        store.get(number), at=_when(at), outcome=outcome, note=_capped(note, "--note")
    )
    store.save(request)
    _say(f"dispute on {request.number} settled: {outcome.value}")


@ppid_app.command("due")
def due_(
    now: Annotated[
        str | None, typer.Option("--now", help="Evaluate at this instant (ISO); default: now.")
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Also list the requesters' open windows.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    db: DbOption = None,
    tz: TzOption = "Asia/Jakarta",
) -> None:
    """List the running deadlines, overdue and soonest first."""
    calendar = _calendar(tz)
    instant = _when(now, "--now")
    items = ppid.due_items(
        _store(db).list(), now=instant, calendar=calendar, include_requester_windows=all_
    )
    if as_json:
        payload = [
            {
                "number": i.number,
                "stage": i.stage.name,
                "owner": i.stage.owner.value,
                "due_at": i.due_at.isoformat(),
                "state": i.state.value,
                "remaining_seconds": i.remaining.total_seconds(),
                "source": i.stage.source,
            }
            for i in items
        ]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"PPID deadlines at {instant.astimezone(calendar.tz):%Y-%m-%d %H:%M}")
    table.add_column("Number", overflow="fold")
    table.add_column("Deadline", overflow="fold")
    table.add_column("Who")
    table.add_column("State")
    table.add_column("Due", no_wrap=True)
    for i in items:
        table.add_row(
            escape(i.number),
            i.stage.label,
            i.stage.owner.label,
            f"[{_STATE_STYLES.get(i.state, 'white')}]{i.state.value}[/]",
            f"{i.due_at.astimezone(calendar.tz):%Y-%m-%d %H:%M}",
        )
    out_console.print(table)
    late = sum(i.state is SlaState.BREACHED for i in items)
    _say(f"{len(items)} running deadline(s); {late} overdue")


def _period(year: int | None, semester: int | None, calendar: WorkingCalendar) -> ppid.ReportPeriod:
    year = year or dt.datetime.now(calendar.tz).year
    if semester is None:
        return ppid.ReportPeriod.year(year)
    return ppid.ReportPeriod.semester(year, semester)


def _in_period(
    store: ppid.PpidStore, period: ppid.ReportPeriod, calendar: WorkingCalendar
) -> list[ppid.InformationRequest]:
    return [r for r in store.list() if period.contains(r.received_at, calendar)]


@ppid_app.command("report")
def report_(
    year: Annotated[int | None, typer.Option("--year", help="Year (default: this year).")] = None,
    semester: Annotated[
        int | None, typer.Option("--semester", min=1, max=2, help="1 or 2 (default: the year).")
    ] = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write the accessible HTML report here.")
    ] = None,
    agency: Annotated[
        str | None, typer.Option("--agency", help="The public body's name for the report.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON figures.")] = False,
    now: Annotated[
        str | None, typer.Option("--now", help="Judge open requests at this instant (ISO).")
    ] = None,
    db: DbOption = None,
    tz: TzOption = "Asia/Jakarta",
) -> None:
    """Compute the service report's figures (requests, time taken, decisions, objections)."""
    calendar = _calendar(tz)
    store = _store(db)
    period = _period(year, semester, calendar)
    requests = store.list()
    report = ppid.service_report(
        requests, period=period, now=_when(now, "--now"), calendar=calendar
    )
    if html is not None:
        ppid.write_report_html(
            report, html, _in_period(store, period, calendar), agency=agency, calendar=calendar
        )
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    table = Table(title=f"Laporan layanan informasi publik — {period.label}")
    table.add_column("Ukuran")
    table.add_column("Nilai", justify="right")
    rows = [
        ("Permohonan masuk", report.requests),
        ("Sudah dijawab", report.decided),
        ("Belum dijawab (lewat batas)", f"{report.pending} ({report.pending_overdue})"),
        *((kind.label, n) for kind, n in report.by_decision.items()),
        ("Diperpanjang", report.extended),
        ("Tepat waktu / terlambat", f"{report.on_time} / {report.late}"),
        ("Median waktu jawaban (hari kerja)", report.days_median or "–"),
        ("Keberatan (ditanggapi)", f"{report.objections} ({report.objections_answered})"),
        ("Sengketa", report.disputes),
    ]
    for label, value in rows:
        table.add_row(label, str(value))
    out_console.print(table)
    if html is not None:
        _say(f"wrote {html}")


@ppid_app.command("export")
def export_(
    output: Annotated[Path, typer.Argument(help="File to write: .csv or .xlsx.")],
    register: Annotated[
        str, typer.Option("--register", help="requests, objections or both (XLSX only).")
    ] = "requests",
    with_identity: Annotated[
        bool,
        typer.Option(
            "--with-identity",
            help="Include requesters' names, NIK, contact (the PPID's own records only).",
        ),
    ] = False,
    year: Annotated[int | None, typer.Option("--year", help="Only requests of this year.")] = None,
    semester: Annotated[
        int | None, typer.Option("--semester", min=1, max=2, help="With --year: 1 or 2.")
    ] = None,
    db: DbOption = None,
    tz: TzOption = "Asia/Jakarta",
) -> None:
    """Export the request and/or objection register as CSV or XLSX (formula-safe)."""
    calendar = _calendar(tz)
    store = _store(db)
    if year is None and semester is not None:
        raise InvalidInputError("--semester needs --year")
    requests = (
        store.list()
        if year is None
        else _in_period(store, _period(year, semester, calendar), calendar)
    )
    if register not in ("requests", "objections", "both"):
        raise InvalidInputError(
            f"unknown register {register[:40]!r}; use requests, objections or both"
        )
    tables: list[ppid.RegisterTable] = []
    if register in ("requests", "both"):
        tables.append(
            ppid.request_register(requests, with_identity=with_identity, calendar=calendar)
        )
    if register in ("objections", "both"):
        tables.append(
            ppid.objection_register(requests, with_identity=with_identity, calendar=calendar)
        )
    suffix = output.suffix.lower()
    if suffix == ".csv":
        if len(tables) != 1:
            raise InvalidInputError("a CSV file holds one register; use .xlsx for both")
        ppid.write_csv(tables[0], output)
    elif suffix == ".xlsx":
        ppid.write_xlsx(tables, output)
    else:
        raise InvalidInputError(f"cannot tell the format of {output.name!r}; use .csv or .xlsx")
    rows = sum(len(t.rows) for t in tables)
    _say(f"wrote {output} ({rows} row(s){', with identity' if with_identity else ''})")
