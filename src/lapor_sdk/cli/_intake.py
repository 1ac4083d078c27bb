"""``lapor intake``: read an e-mail or a WhatsApp/SMS text into a complaint draft."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from ._app import app, err_console, out_console
from ._options import CliError, parse_instant, parse_tz, read_input

if TYPE_CHECKING:
    from ..intake import ComplaintDraft

__all__: list[str] = []


class IntakeChannel(StrEnum):
    """Channels ``lapor intake`` reads."""

    EMAIL = "email"
    WHATSAPP = "whatsapp"
    SMS = "sms"


def _looks_like_email(data: bytes) -> bool:
    head = data[:4096].decode("latin-1").lower()
    return any(head.startswith(h) or f"\n{h}" in head for h in ("from:", "received:")) and (
        "subject:" in head or "date:" in head
    )


def _parse_time(text: str | None) -> dt.datetime:
    if text is None:
        return dt.datetime.now(dt.UTC)
    return parse_instant(text, "--received-at")


def _print(draft: ComplaintDraft, index: int | None) -> None:
    from ..privacy import redact_text

    c = draft.complaint
    head = f"Draft {index}" if index is not None else "Draft"
    out_console.print(f"[bold]{head}[/] ({c.channel.label}, {c.created_at.isoformat()})")
    out_console.print(f"  title: {escape(redact_text(c.title)) or '-'}")
    reporter = c.reporter
    contact = []
    if reporter is not None:
        contact = [f for f in ("name", "phone", "email") if getattr(reporter, f)]
    out_console.print(
        f"  reporter: {'<redacted> (' + ', '.join(contact) + ')' if contact else 'none'}"
    )
    match = draft.location_match
    if match is None:
        where = "not found"
    elif match.region is not None:
        where = f"{match.region.code} {match.region.name}"
    elif match.is_ambiguous:
        where = "ambiguous: " + " / ".join(f"{r.code} {r.name}" for r in match.candidates)
    else:
        where = "no kabupaten/kota"
    out_console.print(f"  location: {escape(where)}")
    if match is not None:
        for label, value in (
            ("kecamatan", match.district.name if match.district else None),
            ("desa/kelurahan", match.village.name if match.village else None),
            ("street", match.street),
            ("km", match.km_marker),
            (
                "coordinates",
                f"{match.latitude}, {match.longitude}" if match.latitude is not None else None,
            ),
        ):
            if value:
                out_console.print(f"    {label}: {escape(value)}")
    if c.attachments:
        out_console.print(f"  attachments: {len(c.attachments)}")
        for a in c.attachments:
            name = escape(redact_text(a.filename))
            out_console.print(f"    {name} ({a.content_type}, {a.size} bytes)")
    if draft.suggestion is not None:
        style = "yellow" if draft.suggestion.abstain else "green"
        out_console.print(f"  [{style}]{escape(draft.suggestion.render())}[/]")
    if draft.missing:
        out_console.print("  [yellow]missing:[/]")
        for m in draft.missing:
            out_console.print(f"    - {m.kind.label}: {escape(m.prompt)}")
    else:
        out_console.print("  [green]complete[/]")
    for w in draft.warnings:
        out_console.print(f"  [dim]warning: {escape(w)}[/]")


@app.command()
def intake(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help=".eml file or message text.")
    ],
    channel: Annotated[
        IntakeChannel | None,
        typer.Option("--channel", "-c", help="Channel; detected from the file when omitted."),
    ] = None,
    sender: Annotated[
        str | None,
        typer.Option("--sender", help="Sender phone number of a single WhatsApp/SMS message."),
    ] = None,
    received_at: Annotated[
        str | None,
        typer.Option("--received-at", help="When it arrived (ISO, with offset); default now."),
    ] = None,
    exclude_author: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude-author",
            "-x",
            help="WhatsApp export: skip this author's messages, e.g. the agency's own number "
            "or name as the export shows it (repeatable). The account that exported the chat "
            "is skipped too when the export shows it.",
        ),
    ] = None,
    tz: Annotated[
        str,
        typer.Option(
            "--tz", help="WhatsApp export: zone of the phone that exported it (WIB, WITA, WIT)."
        ),
    ] = "Asia/Jakarta",
    model: Annotated[
        Path | None,
        typer.Option(
            "--model",
            "-m",
            exists=True,
            dir_okay=False,
            help="A triage model (`lapor triage fit`): each draft shows the category or unit "
            "it suggests, or that it is not sure. Needs the triage extra.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Read a complaint from an e-mail or a chat text and say what is missing.

    A WhatsApp export gives one draft per report; the agency's own replies are left out with
    --exclude-author (and the exporting account is detected when the export shows it). An
    empty file is an error. The reporter's contact data is never printed. With --model each
    draft carries a routing suggestion ("suggested: infrastruktur → DPU Bina Marga, 0.93"),
    or says the model is not sure and a person should route it.
    """
    from ..intake import (
        IntakeError,
        export_owner,
        from_email,
        from_message,
        from_whatsapp_export,
        looks_like_whatsapp_export,
    )
    from ..models import Channel

    triage = None
    if model is not None:  # first: a missing extra or a bad model fails before any parsing
        from ._triage import load_model

        triage = load_model(model)
    data = read_input(file, "input file")
    if not data.strip():
        raise CliError(f"{file} is empty; give the e-mail (.eml), the message or the chat export")
    zone = parse_tz(tz)
    kind = channel
    if kind is None:
        kind = (
            IntakeChannel.EMAIL
            if file.suffix.lower() == ".eml" or _looks_like_email(data)
            else IntakeChannel.WHATSAPP
        )
    drafts: list[ComplaintDraft]
    if kind is IntakeChannel.EMAIL:
        when = _parse_time(received_at) if received_at else None
        try:
            drafts = [from_email(data, received_at=when)]
        except IntakeError as exc:
            if "received_at" not in str(exc):
                raise
            raise CliError(
                f"{file} has no usable Date header with a time zone; say when it arrived with "
                "--received-at, e.g. --received-at 2025-03-03T09:00+07:00"
            ) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CliError(f"{file} is not UTF-8 text; save it as UTF-8") from None
        target = Channel.SMS if kind is IntakeChannel.SMS else Channel.WHATSAPP
        if looks_like_whatsapp_export(text):
            excluded = list(exclude_author or [])
            owner = export_owner(text)
            drafts = from_whatsapp_export(text, tz=zone, exclude_authors=excluded, channel=target)
            if not drafts:
                raise CliError(
                    f"{file} holds no complaint: every message is from the exporting account "
                    "or an --exclude-author, or there are none"
                )
            if owner is not None:
                err_console.print(
                    "[dim]note: the export shows which account exported it; its messages (the "
                    "agency's own replies) are not filed[/]",
                    highlight=False,
                )
        else:
            if exclude_author:
                raise CliError(
                    "--exclude-author applies to a WhatsApp chat export; "
                    f"{file} is a single message"
                )
            drafts = [
                from_message(
                    text, sender=sender, received_at=_parse_time(received_at), channel=target
                )
            ]
    drafts = [d.with_suggestion(triage) for d in drafts]
    if as_json:
        payload = [d.to_dict(redact=True) for d in drafts]
        typer.echo(
            json.dumps(payload if len(payload) > 1 else payload[0], indent=2, ensure_ascii=False)
        )
        return
    for i, draft in enumerate(drafts, start=1):
        _print(draft, i if len(drafts) > 1 else None)
