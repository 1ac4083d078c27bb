"""``lapor pdp``: reporters' rights under UU 27/2022 from the shell.

A thin layer over :mod:`lapor_sdk.pdp`. ``--db`` holds the complaint store and the request
register; ``--store KIND=DB`` (repeatable) adds other stores: ``ppid=ppid.db``,
``hoax=hoax.db``, ``outbox=sync.db`` (the sync engine's outbox and mirror). Nothing printed
here carries a person's identity: requests are named by id, records by count; exports and
breach lists go to files in ``--out``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from ._app import ErrorHandlingGroup, app, out_console
from ._options import CliError, DbOption, TzOption, database_url, open_database, parse_instant

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from ..pdp import DataSubject, StoreAdapter

__all__: list[str] = []

pdp_app = typer.Typer(
    name="pdp",
    cls=ErrorHandlingGroup,
    help="Reporters' personal data (UU 27/2022): requests, export, erasure, restriction, "
    "retention, breach.",
    no_args_is_help=True,
)
app.add_typer(pdp_app, name="pdp")

NikOption = Annotated[str | None, typer.Option("--nik", help="The subject's NIK.")]
PhoneOption = Annotated[str | None, typer.Option("--phone", help="The subject's phone number.")]
EmailOption = Annotated[str | None, typer.Option("--email", help="The subject's e-mail.")]
StoreOption = Annotated[
    list[str] | None,
    typer.Option(
        "--store", help="Another store, KIND=DB (ppid=ppid.db, hoax=hoax.db, outbox=sync.db)."
    ),
]
OutOption = Annotated[Path, typer.Option("--out", help="Folder to write the files to.")]
_KINDS = ("access", "correction", "erasure", "restriction", "consent_withdrawal")


def _subject(nik: str | None, phone: str | None, email: str | None) -> DataSubject:
    from ..pdp import DataSubject

    if not (nik or phone or email):
        raise CliError("give the subject's --nik, --phone or --email")
    return DataSubject(nik=nik, phone=phone, email=email)


def _open(db: str | None, extra: list[str] | None) -> tuple[Engine, list[StoreAdapter]]:
    from ..pdp import open_store

    engine = open_database(database_url(db))
    stores = [open_store("complaints", engine), open_store("pdp_requests", engine)]
    for item in extra or []:
        kind, sep, where = item.partition("=")
        if not sep or not kind.strip() or not where.strip():
            raise CliError(f"--store {item[:60]!r} must be KIND=DB, e.g. ppid=ppid.db")
        url = database_url(where.strip(), default_name=f"{kind.strip()}.db")
        stores.append(open_store(kind.strip(), open_database(url)))
    return engine, stores


@pdp_app.command("request")
def request_cmd(
    kind: Annotated[str | None, typer.Argument(help=f"One of: {', '.join(_KINDS)}.")] = None,
    nik: NikOption = None,
    phone: PhoneOption = None,
    email: EmailOption = None,
    received_at: Annotated[
        str | None, typer.Option("--received-at", help="When it was received (default now).")
    ] = None,
    request_id: Annotated[str | None, typer.Option("--id", help="Request id to use.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the open requests.")] = False,
    now: Annotated[str | None, typer.Option("--now", help="Judge deadlines at (ISO).")] = None,
    db: DbOption = None,
    tz: TzOption = "WIB",
) -> None:
    """Record a subject's request (3 x 24 h clock) or list open ones with their deadlines."""
    from ..pdp import PdpRegister, receive, request_status
    from ._options import parse_tz

    zone = parse_tz(tz)
    register = PdpRegister(open_database(database_url(db)))
    if list_:
        instant = parse_instant(now, "--now") if now else dt.datetime.now(dt.UTC)
        for item in register.list(open_only=True):
            state = request_status(item, instant, tz=zone.key)
            out_console.print(
                f"{escape(item.id)}  {item.kind.value}  {item.state.value}  due "
                f"{state.due_at.astimezone(zone):%Y-%m-%d %H:%M}  {state.state.value}",
                highlight=False,
            )
        return
    if kind not in _KINDS:
        raise CliError(f"KIND must be one of {', '.join(_KINDS)} (or use --list)")
    at = parse_instant(received_at, "--received-at") if received_at else dt.datetime.now(dt.UTC)
    request = register.save(
        receive(kind, _subject(nik, phone, email), received_at=at, request_id=request_id)
    )
    out_console.print(
        f"request {escape(request.id)} ({request.kind.value}) due "
        f"{request.due_at.astimezone(zone):%Y-%m-%d %H:%M %Z} — {escape(request.target.source)}",
        highlight=False,
    )


@pdp_app.command("export")
def export_cmd(
    out: OutOption,
    request_id: Annotated[str | None, typer.Option("--request", help="Access request id.")] = None,
    nik: NikOption = None,
    phone: PhoneOption = None,
    email: EmailOption = None,
    store: StoreOption = None,
    db: DbOption = None,
    tz: TzOption = "WIB",
) -> None:
    """Write everything the stores hold about one subject: JSON and an HTML page."""
    from ..pdp import PdpRegister, export_subject, render_export_html
    from ._options import parse_tz

    zone = parse_tz(tz)
    engine, stores = _open(db, store)
    if request_id:
        found = PdpRegister(engine).get(request_id).subject
        if found is None:
            raise CliError(f"request {request_id} no longer holds a subject (erased)")
        subject = found
    else:
        subject = _subject(nik, phone, email)
    export = export_subject(subject, stores, now=dt.datetime.now(dt.UTC), request_id=request_id)
    out.mkdir(parents=True, exist_ok=True)
    stem = request_id.replace("/", "-") if request_id else "ekspor-data-pribadi"
    (out / f"{stem}.json").write_text(export.to_json(), encoding="utf-8")
    (out / f"{stem}.html").write_text(render_export_html(export, tz=zone.key), encoding="utf-8")
    out_console.print(
        f"{len(export.records)} record(s) from {len(export.stores)} store(s) written to "
        f"{escape(str(out / stem))}.json and .html",
        highlight=False,
    )


@pdp_app.command("erase")
def erase_cmd(
    request_id: Annotated[str, typer.Option("--request", help="Erasure request id.")],
    force: Annotated[
        bool, typer.Option("--force", help="Anonymise open records too (no law keeps them).")
    ] = False,
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """Carry out an erasure request across the stores (one transaction per store)."""
    from ..pdp import PdpRegister, fulfil_erasure

    engine, stores = _open(db, store)
    register = PdpRegister(engine)
    request, report = fulfil_erasure(
        register.get(request_id), stores, register, at=dt.datetime.now(dt.UTC), force=force
    )
    out_console.print(
        f"request {escape(request.id)}: {report.anonymised} anonymised, {report.held} kept "
        f"({request.state.value})",
        highlight=False,
    )
    for flag in request.national_copies:
        out_console.print(
            f"national copy {escape(flag.tracking_id)}: ask the SP4N-LAPOR! operator to erase it "
            f"(request {escape(flag.request_id)})",
            highlight=False,
        )


@pdp_app.command("restrict")
def restrict_cmd(
    request_id: Annotated[str, typer.Option("--request", help="Restriction request id.")],
    lift: Annotated[bool, typer.Option("--lift", help="Lift the restriction instead.")] = False,
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """Restrict a subject's processing (Pasal 41): the sync outbox holds their rows."""
    from ..pdp import PdpRegister, fulfil_restriction, lift_restriction

    engine, stores = _open(db, store)
    register = PdpRegister(engine)
    request = register.get(request_id)
    if lift:
        if request.subject is None:
            raise CliError(f"request {request_id} no longer holds a subject (erased)")
        report = lift_restriction(
            request.subject, stores, request_id=request.id, at=dt.datetime.now(dt.UTC)
        )
    else:
        request, report = fulfil_restriction(request, stores, register, at=dt.datetime.now(dt.UTC))
    verb = "lifted" if lift else "restricted"
    counts = ", ".join(f"{escape(name)} {n}" for name, n in report.stores) or "no store"
    out_console.print(
        f"request {escape(request.id)}: {verb} ({counts} record(s); {request.state.value})",
        highlight=False,
    )
    if report.not_covered:
        out_console.print(
            "not covered (their processing is not stopped by lapor-sdk): "
            + ", ".join(escape(n) for n in report.not_covered),
            highlight=False,
        )


@pdp_app.command("retention")
def retention_cmd(
    policy: Annotated[Path | None, typer.Option("--policy", help="Retention policy TOML.")] = None,
    apply: Annotated[
        bool, typer.Option("--apply/--dry-run", help="Anonymise what is due (default: dry run).")
    ] = False,
    now: Annotated[str | None, typer.Option("--now", help="Measure at (ISO).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """Find (and with --apply anonymise) what has been kept past its retention period."""
    from ..pdp import RetentionPolicy, apply_retention
    from ._options import checked_input

    rules = RetentionPolicy.from_toml(checked_input(policy, "--policy")) if policy else None
    _, stores = _open(db, store)
    instant = parse_instant(now, "--now") if now else dt.datetime.now(dt.UTC)
    report = apply_retention(stores, rules or RetentionPolicy.default(), now=instant, apply=apply)
    if as_json:
        out_console.print_json(json.dumps(report.to_dict()))
        return
    verb = "anonymised" if apply else "due (dry run: nothing changed)"
    out_console.print(
        f"{len(report.due)} record(s) {verb}; {report.open} open, {report.not_due} within "
        f"their period, {report.no_rule} without a rule",
        highlight=False,
    )
    for item in report.due:
        out_console.print(
            f"  {escape(item.store)} {escape(item.record_id)} due {item.due_at:%Y-%m-%d}",
            highlight=False,
        )


@pdp_app.command("breach")
def breach_cmd(
    discovered_at: Annotated[str, typer.Option("--discovered-at", help="When it became known.")],
    how: Annotated[str, typer.Option("--how", help="How the data was disclosed.")],
    data: Annotated[list[str], typer.Option("--data", help="A kind of data disclosed.")],
    measures: Annotated[str, typer.Option("--measures", help="Handling and recovery.")],
    controller: Annotated[str, typer.Option("--controller", help="The agency.")],
    contact: Annotated[str, typer.Option("--contact", help="Where to ask questions.")],
    out: OutOption,
    occurred_at: Annotated[str | None, typer.Option("--occurred-at", help="When.")] = None,
    store: StoreOption = None,
    db: DbOption = None,
    tz: TzOption = "WIB",
) -> None:
    """Prepare the Pasal 46 notices: deadline, affected people (to a file), texts."""
    from ..pdp import BreachIncident, breach_notice
    from ._options import parse_tz

    zone = parse_tz(tz)
    incident = BreachIncident(
        discovered_at=parse_instant(discovered_at, "--discovered-at"),
        occurred_at=parse_instant(occurred_at, "--occurred-at") if occurred_at else None,
        how=how[:2000],
        data_kinds=tuple(d[:100] for d in data),
        measures=measures[:2000],
        controller=controller[:2000],
        contact=contact[:2000],
    )
    _, stores = _open(db, store)
    notice = breach_notice(incident, stores, tz=zone.key)
    out.mkdir(parents=True, exist_ok=True)
    (out / "pemberitahuan-subjek.txt").write_text(notice.subject_text, encoding="utf-8")
    (out / "pemberitahuan-lembaga.txt").write_text(notice.authority_text, encoding="utf-8")
    people = [
        {"name": a.person.name, "phone": a.person.phone, "email": a.person.email,
         "records": [list(r) for r in a.records]}
        for a in notice.affected
    ]  # fmt: skip
    (out / "subjek-terdampak.json").write_text(
        json.dumps(people, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    out_console.print(
        f"notify {len(notice.affected)} person(s) and the authority by "
        f"{notice.deadline.astimezone(zone):%Y-%m-%d %H:%M %Z} ({escape(notice.source)}); "
        f"texts and the list in {escape(str(out))}",
        highlight=False,
    )
    for finding in notice.findings():
        out_console.print(f"plain language: {escape(str(finding))}", highlight=False)
