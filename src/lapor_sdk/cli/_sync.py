"""``lapor sync``: run the sync engine, show the outbox, recover dead letters and unknowns.

The client comes from the usual ``LAPOR_*`` variables (``LAPOR_BASE_URL``, ``LAPOR_API_KEY``,
``LAPOR_PROFILE``, ``LAPOR_GATEWAY_TOKEN``). Nothing here prints a reporter's data: counts,
local ids, tracking ids and error kinds only.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ._app import ErrorHandlingGroup, app, err_console, out_console
from ._options import CliError, ExitCode, database_errors, database_url, read_text

if TYPE_CHECKING:
    from ..sync import SyncEngine, SyncReport

__all__: list[str] = []

sync_app = typer.Typer(
    name="sync",
    cls=ErrorHandlingGroup,
    help="Sync the agency's outbox with the national LAPOR! (push, pull, recover).",
    no_args_is_help=True,
)
app.add_typer(sync_app, name="sync")

#: Most lines ``lapor sync enqueue`` reads from one file.
MAX_ENQUEUE_LINES = 100_000

DatabaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        "--db",
        help="The outbox database: a URL (sqlite:///sync.db, postgresql://user@host/db) or a "
        "SQLite file; default LAPOR_DATABASE_URL, else ~/.lapor/sync.db.",
        show_default=False,
    ),
]
SourceOption = Annotated[
    str | None,
    typer.Option(
        "--source",
        help="Prefix of the external_ref sent (SOURCE:LOCAL_ID); the same as when enqueued.",
        show_default=False,
    ),
]


def _engine(
    url: str,
    source: str | None,
    *,
    workers: int | None = None,
    lease: float | None = None,
    retry_max: float | None = None,
    offline: bool = False,
) -> SyncEngine:
    """The engine of a command; ``offline`` ones only read or change the outbox and need no
    API settings (``lapor sync status`` works where LAPOR_BASE_URL is not set)."""
    from ..client import LaporClient
    from ..sync import DEFAULT_LEASE, DEFAULT_RETRY_MAX, DEFAULT_WORKERS, SyncEngine

    client = None if offline else LaporClient()
    with database_errors(url):
        return SyncEngine(
            client=client,
            database_url=url,
            source=source,
            workers=workers or DEFAULT_WORKERS,
            lease=lease or DEFAULT_LEASE,
            retry_initial=min(1.0, (retry_max or DEFAULT_RETRY_MAX) / 4),
            retry_max=retry_max or DEFAULT_RETRY_MAX,
        )


def _close(engine: SyncEngine) -> None:
    from ..sync import SyncError

    engine.close()
    engine.database.dispose()
    try:
        client = engine.client
    except SyncError:  # an offline command's engine has none
        return
    client.close()


@sync_app.command("run")
def run(
    db: DatabaseUrlOption = None,
    source: SourceOption = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=256, help="Writes in flight at once.")
    ] = 16,
    lease: Annotated[
        float,
        typer.Option(
            "--lease", min=1.0, max=3600.0, help="Seconds a worker keeps a claimed write."
        ),
    ] = 30.0,
    retry_max: Annotated[
        float,
        typer.Option(
            "--retry-max",
            min=0.01,
            max=3600.0,
            help="Longest wait between attempts of one write (Retry-After wins when longer).",
        ),
    ] = 300.0,
    once: Annotated[
        bool, typer.Option("--once", help="One pass over what is due now; no waiting.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be sent; send nothing.")
    ] = False,
) -> None:
    """Push the outbox to the national system, then pull its changes.

    Exits 0 when nothing is pending or in flight afterwards, 11 when writes remain (waiting
    for a retry time or for the national side to verify a report).
    """
    url = database_url(db, default_name="sync.db")
    engine = _engine(url, source, workers=workers, lease=lease, retry_max=retry_max)
    try:
        with database_errors(url):
            if dry_run:
                status = engine.status()
                out_console.print(
                    f"would push {status.pending} write(s); {status.in_flight} in flight "
                    f"elsewhere, {status.dead} dead, {status.unknown} unknown; nothing sent",
                    highlight=False,
                )
                return
            report = _run_with_progress(engine, once=once)
            status = engine.status()
    finally:
        _close(engine)
    out_console.print(
        f"pushed {report.pushed}, pulled {report.pulled}, retried {report.retried}, "
        f"dead {report.dead}, unknown {report.unknown} in {report.duration:.1f} s",
        highlight=False,
    )
    for note in report.notes:
        err_console.print(f"note: {note}", highlight=False, markup=False)
    if status.dead or status.unknown:
        err_console.print(
            f"{status.dead} dead letter(s), {status.unknown} unknown write(s) need a person: "
            "`lapor sync status`, then `lapor sync retry-dead` or `lapor sync resolve`",
            highlight=False,
            markup=False,
        )
    if status.pending or status.in_flight:
        err_console.print(
            f"{status.pending} write(s) still pending, {status.in_flight} in flight",
            highlight=False,
        )
        raise typer.Exit(code=int(ExitCode.PENDING))


def _run_with_progress(engine: SyncEngine, *, once: bool) -> SyncReport:
    total = engine.status().pending
    if not sys.stdout.isatty() or total == 0:
        out_console.print(f"sync: {total} write(s) to push", highlight=False)
        return engine.run(once=once)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("pushing"), BarColumn(), MofNCompleteColumn(), console=out_console
    ) as bar:
        task = bar.add_task("push", total=total)

        def advance(pushed: int) -> None:
            bar.update(task, completed=pushed)

        return engine.run(once=once, progress=advance)


@sync_app.command("status")
def status(
    db: DatabaseUrlOption = None,
    source: SourceOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the outbox: pending, in flight, dead, unknown, done, restricted (held under
    UU 27/2022 Pasal 41), last checkpoint and lag."""
    url = database_url(db, default_name="sync.db")
    engine = _engine(url, source, offline=True)
    try:
        with database_errors(url):
            st = engine.status()
            dead = engine.dead_letters()
    finally:
        _close(engine)
    lag = (
        None
        if st.checkpoint is None
        else max((dt.datetime.now(dt.UTC) - st.checkpoint).total_seconds(), 0.0)
    )
    if as_json:
        data: dict[str, Any] = st.model_dump(mode="json")
        data["lag_seconds"] = None if lag is None else round(lag, 1)
        data["dead_letters"] = [
            {"local_id": local_id, "kind": kind, "error": error} for local_id, kind, error in dead
        ]
        out_console.print_json(json.dumps(data))
        return
    checkpoint = "never pulled" if st.checkpoint is None else st.checkpoint.isoformat()
    lines = [
        f"pending:    {st.pending}",
        f"in flight:  {st.in_flight}",
        f"dead:       {st.dead}",
        f"unknown:    {st.unknown}",
        f"done:       {st.done}",
        f"restricted: {st.restricted}",
        f"checkpoint: {checkpoint}",
        f"lag:        {'-' if lag is None else f'{lag:.0f} s'}",
    ]
    for local_id, kind, error in dead[:20]:
        lines.append(f"dead {kind} {local_id}: {error}")
    out_console.print("\n".join(lines), highlight=False, markup=False)


@sync_app.command("retry-dead")
def retry_dead(db: DatabaseUrlOption = None, source: SourceOption = None) -> None:
    """Re-queue every dead letter (after fixing what made it fail)."""
    url = database_url(db, default_name="sync.db")
    engine = _engine(url, source, offline=True)
    try:
        with database_errors(url):
            n = engine.retry_dead()
    finally:
        _close(engine)
    out_console.print(f"re-queued {n} dead letter(s); run `lapor sync run`", highlight=False)


@sync_app.command("resolve")
def resolve(
    local_id: Annotated[str, typer.Argument(help="The complaint's id in your system.")],
    tracking_id: Annotated[
        str | None,
        typer.Option("--tracking-id", help="It was filed: the national tracking id."),
    ] = None,
    not_filed: Annotated[
        bool, typer.Option("--not-filed", help="It was not filed: send it again.")
    ] = False,
    db: DatabaseUrlOption = None,
    source: SourceOption = None,
) -> None:
    """Settle an unknown write after checking the national side by hand."""
    if (tracking_id is None) == (not not_filed):
        raise CliError(f"resolve {local_id}: give exactly one of --tracking-id ID or --not-filed")
    url = database_url(db, default_name="sync.db")
    engine = _engine(url, source, offline=True)
    try:
        with database_errors(url):
            n = engine.resolve(local_id, tracking_id=tracking_id, not_filed=not_filed)
    finally:
        _close(engine)
    what = f"linked to {tracking_id}" if tracking_id else "queued to be sent again"
    out_console.print(f"{local_id}: {n} write(s) {what}", highlight=False, markup=False)


@sync_app.command("enqueue")
def enqueue(
    file: Annotated[
        Path,
        typer.Argument(
            help="JSON Lines: one complaint per line with its local_id "
            '({"local_id": "app:1", "title": …, "description": …, "channel": …}).',
            exists=True,
            dir_okay=False,
        ),
    ],
    db: DatabaseUrlOption = None,
    source: SourceOption = None,
) -> None:
    """Queue the complaints of a JSON Lines file (a local id queued before is skipped)."""
    from pydantic import ValidationError

    from ..models import Complaint
    from ..sync import enqueue_complaints

    text = read_text(file, "complaints file")
    url = database_url(db, default_name="sync.db")
    items: list[tuple[str, Complaint]] = []
    now = dt.datetime.now(dt.UTC).isoformat()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if len(items) >= MAX_ENQUEUE_LINES:
            raise CliError(f"{file} has more than {MAX_ENQUEUE_LINES} complaints; split it")
        try:
            data = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            raise CliError(f"{file} line {number} is not a JSON object") from None
        if not isinstance(data, dict):
            raise CliError(f"{file} line {number} is not a JSON object")
        local_id = data.pop("local_id", None)
        if not isinstance(local_id, str) or not local_id:
            raise CliError(f'{file} line {number} has no "local_id" (a non-empty string)')
        data.setdefault("created_at", now)
        try:
            items.append((local_id, Complaint.model_validate(data)))
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                for e in exc.errors(include_input=False, include_url=False)[:5]
            )
            raise CliError(f"{file} line {number} is not a valid complaint: {problems}") from None
    from ..storage import create_engine

    with database_errors(url):
        engine = create_engine(url, hide_parameters=True)
        try:
            added = enqueue_complaints(engine, items, source=source)
        finally:
            engine.dispose()
    out_console.print(
        f"queued {added} complaint(s); {len(items) - added} were queued before", highlight=False
    )
