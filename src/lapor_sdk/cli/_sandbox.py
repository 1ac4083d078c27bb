"""``lapor sandbox``: run the emulator of the LAPOR integration API in the foreground."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import ErrorHandlingGroup, app, out_console
from ._options import CliError, database_url, open_database

__all__: list[str] = []

sandbox_app = typer.Typer(
    name="sandbox",
    cls=ErrorHandlingGroup,
    help="The sandbox: a local emulator of the LAPOR integration API (extra `sandbox`).",
    no_args_is_help=True,
)
app.add_typer(sandbox_app, name="sandbox")


@sandbox_app.command("serve")
def serve(
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")
    ] = 8000,
    host: Annotated[str, typer.Option("--host", help="Interface to bind.")] = "127.0.0.1",
    faults: Annotated[
        str | None,
        typer.Option(
            "--faults",
            help="Faults to inject, e.g. 'error_rate=0.1,rate_limit_rate=0.05,latency=0.05,"
            "drop_after_commit_rate=0.02,seed=7'. Change them later with PUT /_sandbox/faults.",
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database to keep reports in: a URL (sqlite:///x.db, postgresql://user@host/db) "
            "or a SQLite file path; default: in memory.",
            show_default=False,
        ),
    ] = None,
    no_idempotency: Annotated[
        bool,
        typer.Option(
            "--no-idempotency",
            help="Behave like a server without idempotency: Idempotency-Key is neither required "
            "nor honoured, and filing the same external_ref again files a second report.",
        ),
    ] = False,
    triage_model: Annotated[
        Path | None,
        typer.Option(
            "--triage-model",
            help="A triage model (`lapor triage fit`): GET /_sandbox/complaints/{id}/suggestion "
            "shows the category or unit it suggests for a report. Needs the triage extra.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve the sandbox until Ctrl+C, printing the demo agency's API key."""
    try:
        from ..sandbox import Faults, Sandbox
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise CliError("the sandbox needs its extra: pip install 'lapor-sdk[sandbox]'") from exc
    chosen = Faults.parse(faults) if faults else None
    url = "sqlite://" if db is None else database_url(db)
    open_database(url).dispose()
    triage = None
    if triage_model is not None:
        from ._triage import load_model

        triage = load_model(triage_model)
    sandbox = Sandbox(db=url, faults=chosen, triage=triage, idempotency=not no_idempotency)
    out_console.print(f"LAPOR sandbox on http://{host}:{port}", highlight=False)
    out_console.print(f"  LAPOR_BASE_URL=http://{host}:{port}", highlight=False)
    out_console.print(
        f"  LAPOR_API_KEY={sandbox.api_key}   (demo agency: {sandbox.agency_id})", highlight=False
    )
    out_console.print(
        f"  LAPOR_SANDBOX_ADMIN_KEY={sandbox.admin_key}   (for /_sandbox/*; needed unless "
        "local on loopback)",
        highlight=False,
    )
    if no_idempotency:
        out_console.print(
            "  idempotency: off (Idempotency-Key ignored; a repeated external_ref files again)",
            highlight=False,
        )
    if triage is not None:
        out_console.print(
            f"  triage model: {len(triage.labels)} labels, threshold {triage.threshold:.2f}; "
            "GET /_sandbox/complaints/{tracking_id}/suggestion",
            highlight=False,
        )
    if chosen is not None:
        out_console.print(f"  faults: {chosen.model_dump(exclude_defaults=True)}", highlight=False)
    sandbox.serve(host=host, port=port)
