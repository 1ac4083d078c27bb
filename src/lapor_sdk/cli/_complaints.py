"""``lapor complaints`` and ``lapor agencies``: the live LAPOR API from the shell.

Each command opens a :class:`~lapor_sdk.LaporClient` from ``--base-url``/``--api-key`` or
``LAPOR_BASE_URL``/``LAPOR_API_KEY`` (``lapor sandbox serve`` prints both for the sandbox).
``--json`` prints the API's answer (what the key's role may see) for scripts; tables for
people show the public view of each report, so a screen never shows a reporter's contacts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from ._app import ErrorHandlingGroup, app, out_console
from ._options import parse_choice

if TYPE_CHECKING:
    from ..client import LaporClient
    from ..models import Complaint

__all__: list[str] = []

complaints_app = typer.Typer(
    name="complaints",
    cls=ErrorHandlingGroup,
    help="File, list, verify and follow up reports on the LAPOR API (or the sandbox).",
    no_args_is_help=True,
)
agencies_app = typer.Typer(
    name="agencies",
    cls=ErrorHandlingGroup,
    help="The directory of agencies on the LAPOR API.",
    no_args_is_help=True,
)
app.add_typer(complaints_app, name="complaints")
app.add_typer(agencies_app, name="agencies")

BaseUrlOption = Annotated[
    str | None,
    typer.Option("--base-url", envvar="LAPOR_BASE_URL", help="API root URL.", show_default=False),
]
ApiKeyOption = Annotated[
    str | None,
    typer.Option(
        "--api-key",
        envvar="LAPOR_API_KEY",
        help="The agency's API key (prefer the LAPOR_API_KEY variable: options stay in "
        "the shell history).",
        show_default=False,
        show_envvar=True,
    ),
]
ProfileOption = Annotated[
    str | None,
    typer.Option("--profile", envvar="LAPOR_PROFILE", help="Wire profile: lapor or lapor3."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@contextmanager
def _client(
    base_url: str | None, api_key: str | None, profile: str | None
) -> Iterator[LaporClient]:
    from ..client import LaporClient

    with LaporClient(base_url=base_url, api_key=api_key, profile=profile) as client:
        yield client


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _public_title(c: Complaint) -> str:
    from ..privacy import Audience

    if c.is_confidential:
        return "(rahasia)"
    return c.view_for(Audience.PUBLIC).title


def _table(complaints: list[Complaint], title: str) -> None:
    from rich.table import Table

    table = Table(title=title)
    table.add_column("Tracking id", no_wrap=True)
    for name in ("Status", "Category", "Agency", "Filed", "Title"):
        table.add_column(name, overflow="fold")
    for c in complaints:
        table.add_row(
            escape(c.reference),
            escape(c.status.label),
            escape(c.category or ""),
            escape(c.agency or ""),
            f"{c.created_at:%Y-%m-%d %H:%M}",
            escape(_public_title(c)),
        )
    out_console.print(table)


def _show(c: Complaint, as_json: bool, what: str) -> None:
    if as_json:
        _print_json(c.model_dump(mode="json"))
        return
    out_console.print(
        f"[green]{escape(what)}[/] {escape(c.reference)}: {escape(c.status.label)}"
        + (f", {escape(c.agency)}" if c.agency else ""),
        highlight=False,
    )


@complaints_app.command("list")
def list_(
    status: Annotated[
        str | None, typer.Option(help="Only this status (unverified, disposed, …).")
    ] = None,
    agency: Annotated[str | None, typer.Option(help="Only reports with this agency.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="Most reports shown.")] = 50,
    base_url: BaseUrlOption = None,
    api_key: ApiKeyOption = None,
    profile: ProfileOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the reports the agency may see, oldest change first."""
    from ..models import Status

    wanted = parse_choice(Status, status, "--status", "status") if status else None
    with _client(base_url, api_key, profile) as client:
        page = client.complaints.list(status=wanted, agency=agency, limit=min(limit, 200))
        found = list(islice(iter(page), limit))
    if as_json:
        _print_json([c.model_dump(mode="json") for c in found])
        return
    _table(found, f"{len(found)} report(s)")


@complaints_app.command("get")
def get(
    tracking_id: Annotated[str, typer.Argument(help="Tracking id (LAPOR-2025-000001).")],
    base_url: BaseUrlOption = None,
    api_key: ApiKeyOption = None,
    profile: ProfileOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one report."""
    with _client(base_url, api_key, profile) as client:
        c = client.complaints.get(tracking_id)
    if as_json:
        _print_json(c.model_dump(mode="json"))
        return
    for label, value in (
        ("Tracking id", c.reference),
        ("Status", c.status.label),
        ("Category", c.category or "-"),
        ("Agency", c.agency or "-"),
        ("Filed", f"{c.created_at:%Y-%m-%d %H:%M %z}"),
        ("Title", _public_title(c)),
    ):
        out_console.print(f"[bold]{label}:[/] {escape(value)}", highlight=False)
    out_console.print(
        f"{len(c.follow_ups)} follow-up(s), {len(c.dispositions)} disposition(s), "
        f"privacy: {c.privacy.label}",
        highlight=False,
    )


@complaints_app.command("create")
def create(
    title: Annotated[str, typer.Option(help="Short title.")],
    description: Annotated[str, typer.Option(help="The report's text.")],
    external_ref: Annotated[
        str, typer.Option(help="Reference in your system; filing it again returns the first.")
    ],
    category: Annotated[str | None, typer.Option(help="Category id.")] = None,
    channel: Annotated[str, typer.Option(help="Channel (whatsapp, phone, …).")] = "lapor_web",
    anonymous: Annotated[bool, typer.Option("--anonim", help="Hide the reporter.")] = False,
    confidential: Annotated[bool, typer.Option("--rahasia", help="Keep it private.")] = False,
    base_url: BaseUrlOption = None,
    api_key: ApiKeyOption = None,
    profile: ProfileOption = None,
    as_json: JsonOption = False,
) -> None:
    """File a report (the form manual of an admin)."""
    from ..models import Channel, Privacy

    chosen = parse_choice(Channel, channel, "--channel", "channel")
    with _client(base_url, api_key, profile) as client:
        c = client.complaints.create(
            title=title,
            description=description,
            external_ref=external_ref,
            category=category,
            channel=chosen,
            privacy=Privacy.of(anonymous=anonymous, confidential=confidential),
        )
    _show(c, as_json, "filed")


@complaints_app.command("verify")
def verify(
    tracking_id: Annotated[str, typer.Argument(help="Tracking id.")],
    unit: Annotated[str | None, typer.Option(help="Unit to dispose to.")] = None,
    agency: Annotated[str | None, typer.Option(help="Agency (national/coordinator).")] = None,
    category: Annotated[str | None, typer.Option(help="Set the category.")] = None,
    note: Annotated[str | None, typer.Option(help="Instruction for the unit.")] = None,
    base_url: BaseUrlOption = None,
    api_key: ApiKeyOption = None,
    profile: ProfileOption = None,
    as_json: JsonOption = False,
) -> None:
    """Verify a report and dispose it."""
    with _client(base_url, api_key, profile) as client:
        c = client.verification.verify(
            tracking_id, unit=unit, agency=agency, category=category, note=note
        )
    _show(c, as_json, "verified")


@complaints_app.command("follow-up")
def follow_up(
    tracking_id: Annotated[str, typer.Argument(help="Tracking id.")],
    text: Annotated[str, typer.Option(help="The answer to the reporter.")],
    final: Annotated[bool, typer.Option("--final", help="The report is done.")] = False,
    unit: Annotated[str | None, typer.Option(help="Unit writing it.")] = None,
    base_url: BaseUrlOption = None,
    api_key: ApiKeyOption = None,
    profile: ProfileOption = None,
    as_json: JsonOption = False,
) -> None:
    """Post a follow-up (``--final`` completes the report)."""
    with _client(base_url, api_key, profile) as client:
        c = client.follow_ups.create(tracking_id, text=text, final=final, unit=unit)
    _show(c, as_json, "followed up")


@agencies_app.command("list")
def agencies_list(
    base_url: BaseUrlOption = None,
    api_key: ApiKeyOption = None,
    profile: ProfileOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the agencies of the directory."""
    from rich.table import Table

    with _client(base_url, api_key, profile) as client:
        agencies = list(client.agencies.list())
    if as_json:
        _print_json([a.model_dump(mode="json") for a in agencies])
        return
    table = Table(title=f"{len(agencies)} agencies")
    for name in ("Id", "Name", "Level", "Region"):
        table.add_column(name, overflow="fold")
    for a in agencies:
        table.add_row(escape(a.id), escape(a.name), escape(a.level or ""), a.region_code or "")
    out_console.print(table)
