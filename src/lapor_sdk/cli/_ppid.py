"""``lapor ppid``: the PPID's registers, deadlines and service report from the shell.

Every command is a thin layer over :mod:`lapor_sdk.ppid`; the registers live in a database
(``--db``, as in every command: a URL, or a SQLite file path; default
``LAPOR_DATABASE_URL``, else ``$LAPOR_HOME/ppid.db``) so an agency can register on one day and
answer on another. Nothing printed here carries the requester's identity unless
``--with-identity`` is asked for.

``lapor_sdk.ppid`` imports its names on first use, so the option types below (its
enumerations) cost nothing at start-up; the library proper is loaded inside the commands.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from .. import ppid
from ._app import ErrorHandlingGroup, app, out_console
from ._options import (
    CliError,
    DbOption,
    TzOption,
    database_errors,
    database_url,
    open_database,
    parse_instant,
    read_json,
)
from ._sla import StrictCalendarOption, build_calendar, calendar_notes

if TYPE_CHECKING:
    from ..sla import WorkingCalendar

__all__: list[str] = []

ppid_app = typer.Typer(
    name="ppid",
    cls=ErrorHandlingGroup,
    help="Public information requests (UU 14/2008): register, deadlines, objections, reports.",
    no_args_is_help=True,
)
app.add_typer(ppid_app, name="ppid")

AtOption = Annotated[
    str | None,
    typer.Option("--at", help="When it happened, ISO with offset (default: now)."),
]
_STATE_STYLES = {"on_track": "green", "at_risk": "yellow", "breached": "bold red"}
#: Longest free text (--info, --reason, --note, …) taken on the command line.
MAX_OPTION_TEXT = 10_000
#: File name of the default SQLite database under ``$LAPOR_HOME``.
DEFAULT_DB_NAME = "ppid.db"


class ChannelChoice(StrEnum):
    """Channels on the command line (the values of :class:`lapor_sdk.models.Channel`)."""

    LAPOR_WEB = "lapor_web"
    LAPOR_APP = "lapor_app"
    SMS = "sms"
    TWITTER = "twitter"
    REGIONAL_APP = "regional_app"
    WHATSAPP = "whatsapp"
    SOCIAL_MEDIA = "social_media"
    PHONE = "phone"
    EMAIL = "email"
    FACE_TO_FACE = "face_to_face"
    VILLAGE_HEAD = "village_head"


class RegisterChoice(StrEnum):
    """Which register ``lapor ppid export`` writes."""

    REQUESTS = "requests"
    OBJECTIONS = "objections"
    BOTH = "both"


@contextmanager
def _store(db: str | None) -> Iterator[ppid.PpidStore]:
    """Open the registers of ``--db``; a database that cannot be used is one line, exit 3."""
    url = database_url(db, default_name=DEFAULT_DB_NAME)
    engine = open_database(url)
    try:
        with database_errors(url):
            yield ppid.PpidStore(engine)
    finally:
        engine.dispose()


def _when(at: str | None, option: str = "--at") -> dt.datetime:
    return parse_instant(at, option) if at else dt.datetime.now(dt.UTC)


def _capped(value: str | None, option: str) -> str | None:
    if value is not None and len(value) > MAX_OPTION_TEXT:
        raise CliError(
            f"{option} is {len(value)} characters long; at most {MAX_OPTION_TEXT} are accepted"
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
        ChannelChoice, typer.Option("--channel", help="How the request came in.")
    ] = ChannelChoice.FACE_TO_FACE,
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
    strict_calendar: StrictCalendarOption = False,
) -> None:
    """Register a request, give it its number and print when the answer is due."""
    from ..models import Channel, Complaint

    calendar = build_calendar(tz, strict=strict_calendar)
    when = _when(received_at, "--received-at")
    build: partial[ppid.InformationRequest]
    if from_complaint is not None:
        complaint = Complaint.model_validate(read_json(from_complaint, "complaint file"))
        received = when if received_at else complaint.created_at
        build = partial(ppid.request_from_complaint, complaint, received_at=received)
    elif information:
        received = when
        build = partial(
            ppid.register,
            received_at=when,
            requester=ppid.Requester(
                name=name, nik=nik, phone=phone, email=email, address=address, occupation=occupation
            ),
            information=_capped(information, "--info") or "",
            purpose=_capped(purpose, "--purpose"),
            kind=kind,
            channel=Channel(channel.value),
        )
    else:
        raise CliError("give --info (the information asked for) or --from-complaint")
    with _store(db) as store, calendar_notes():
        request = build(number=number or store.next_number(received.astimezone(calendar.tz).year))
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
    strict_calendar: StrictCalendarOption = False,
) -> None:
    """Extend the answer time once, by at most 7 working days (Pasal 22 ayat (8))."""
    calendar = build_calendar(tz, strict=strict_calendar)
    when, text = _when(at), _capped(reason, "--reason") or ""
    with _store(db) as store, calendar_notes():
        request = ppid.extend(store.get(number), at=when, days=days, reason=text, calendar=calendar)
        store.save(request)
        due = _answer_due(request, calendar)
    _say(f"extended {request.number} by {days} working day(s); answer due {due}")


def _answer_due(request: ppid.InformationRequest, calendar: WorkingCalendar) -> str:
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
    strict_calendar: StrictCalendarOption = False,
) -> None:
    """Record the written answer and print the requester's last day to object."""
    calendar = build_calendar(tz, strict=strict_calendar)
    when = _when(at)
    test, text = _capped(consequence_test, "--consequence-test"), _capped(note, "--note")
    with _store(db) as store, calendar_notes():
        request = ppid.decide(
            store.get(number),
            at=when,
            kind=decision,
            grounds=ground or [],
            consequence_test=test,
            holder=holder,
            cost=cost,
            note=text,
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
    strict_calendar: StrictCalendarOption = False,
) -> None:
    """Record an objection to the atasan PPID and print when it must be answered."""
    calendar = build_calendar(tz, strict=strict_calendar)
    when = _when(at)
    arose = _when(reason_arose_at, "--reason-arose-at") if reason_arose_at else None
    text = _capped(statement, "--statement")
    with _store(db) as store, calendar_notes():
        request = ppid.object_to(
            store.get(number),
            at=when,
            number=objection_number
            or store.next_number(when.astimezone(calendar.tz).year, prefix="KEB"),
            reasons=reason,
            reason_arose_at=arose,
            statement=text,
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
    strict_calendar: StrictCalendarOption = False,
) -> None:
    """Record the atasan PPID's answer and print the requester's last day for a dispute."""
    calendar = build_calendar(tz, strict=strict_calendar)
    when, answer = _when(at), _capped(text, "--text") or ""
    with _store(db) as store, calendar_notes():
        request = ppid.answer_objection(
            store.get(number), at=when, outcome=outcome, text=answer, superior=superior
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
    strict_calendar: StrictCalendarOption = False,
) -> None:
    """Record that the requester took the case to the Komisi Informasi."""
    calendar = build_calendar(tz, strict=strict_calendar)
    when = _when(at)
    with _store(db) as store, calendar_notes():
        request = ppid.file_dispute(
            store.get(number),
            at=when,
            commission=commission,
            number=ki_number,
            by=ppid.PpidRole.PPID,
            calendar=calendar,
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
    when, text = _when(at), _capped(note, "--note")
    with _store(db) as store:
        request = ppid.settle_dispute(store.get(number), at=when, outcome=outcome, note=text)
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
    strict_calendar: StrictCalendarOption = False,
) -> None:
    """List the running deadlines, overdue and soonest first."""
    from rich.table import Table

    calendar = build_calendar(tz, strict=strict_calendar)
    instant = _when(now, "--now")
    with _store(db) as store, calendar_notes():
        items = ppid.due_items(
            store.list(), now=instant, calendar=calendar, include_requester_windows=all_
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
            f"[{_STATE_STYLES.get(i.state.value, 'white')}]{i.state.value}[/]",
            f"{i.due_at.astimezone(calendar.tz):%Y-%m-%d %H:%M}",
        )
    out_console.print(table)
    late = sum(i.state.value == "breached" for i in items)
    _say(f"{len(items)} running deadline(s); {late} overdue")


def _period(year: int | None, semester: int | None, calendar: WorkingCalendar) -> ppid.ReportPeriod:
    year = year or dt.datetime.now(calendar.tz).year
    if semester is None:
        return ppid.ReportPeriod.year(year)
    return ppid.ReportPeriod.semester(year, semester)


def _in_period(
    requests: list[ppid.InformationRequest], period: ppid.ReportPeriod, calendar: WorkingCalendar
) -> list[ppid.InformationRequest]:
    return [r for r in requests if period.contains(r.received_at, calendar)]


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
    strict_calendar: StrictCalendarOption = False,
) -> None:
    """Compute the service report's figures (requests, time taken, decisions, objections)."""
    from rich.table import Table

    calendar = build_calendar(tz, strict=strict_calendar)
    period = _period(year, semester, calendar)
    instant = _when(now, "--now")
    with _store(db) as store:
        requests = store.list()
    with calendar_notes():
        report = ppid.service_report(requests, period=period, now=instant, calendar=calendar)
        if html is not None:
            ppid.write_report_html(
                report,
                html,
                _in_period(requests, period, calendar),
                agency=agency,
                calendar=calendar,
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
        RegisterChoice, typer.Option("--register", help="Which register (both: XLSX only).")
    ] = RegisterChoice.REQUESTS,
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
    strict_calendar: StrictCalendarOption = False,
) -> None:
    """Export the request and/or objection register as CSV or XLSX (formula-safe)."""
    calendar = build_calendar(tz, strict=strict_calendar)
    if year is None and semester is not None:
        raise CliError("--semester needs --year")
    suffix = output.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise CliError(f"cannot tell the format of {output.name[:80]!r}; use .csv or .xlsx")
    if suffix == ".csv" and register is RegisterChoice.BOTH:
        raise CliError("a CSV file holds one register; use .xlsx for --register both")
    period = None if year is None else _period(year, semester, calendar)
    with _store(db) as store:
        requests = store.list()
    if period is not None:
        requests = _in_period(requests, period, calendar)
    tables: list[ppid.RegisterTable] = []
    with calendar_notes():
        if register in (RegisterChoice.REQUESTS, RegisterChoice.BOTH):
            tables.append(
                ppid.request_register(requests, with_identity=with_identity, calendar=calendar)
            )
        if register in (RegisterChoice.OBJECTIONS, RegisterChoice.BOTH):
            tables.append(
                ppid.objection_register(requests, with_identity=with_identity, calendar=calendar)
            )
    if suffix == ".csv":
        ppid.write_csv(tables[0], output)
    else:
        ppid.write_xlsx(tables, output)
    rows = sum(len(t.rows) for t in tables)
    _say(f"wrote {output} ({rows} row(s){', with identity' if with_identity else ''})")
