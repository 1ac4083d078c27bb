"""``lapor demo``: the main job on the embedded defaults (sandbox + SQLite), end to end.

Everything here is public API: intake turns incoming messages into drafts, the client files
them with the sandbox (over a real socket, with injected faults), admins verify and units
follow up through the API, the SLA engine judges the deadlines and monev sums it up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .._exceptions import InvalidInputError, LaporError
from ._app import app, out_console
from ._options import database_url, open_database, shown_url

if TYPE_CHECKING:  # imported inside the functions: `lapor --version` stays fast
    from ..intake import ComplaintDraft
    from ..models import Complaint

__all__: list[str] = []

WIB = dt.timezone(dt.timedelta(hours=7), "WIB")


def _inbox(received: dt.datetime) -> list[ComplaintDraft]:
    """Three complaints as they reach a Diskominfo desk: WhatsApp, e-mail and SMS."""
    from ..intake import from_email, from_message
    from ..models import Channel

    whatsapp = from_message(
        "Selamat pagi admin. Jalan di Jl. Raya Lawang, Kabupaten Malang berlubang besar dan "
        "sudah dua minggu belum diperbaiki, sudah ada pengendara motor yang jatuh. Mohon segera "
        "ditambal.",
        sender="0812-3000-1001",
        channel=Channel.WHATSAPP,
        received_at=received,
    )
    mail = EmailMessage()
    mail["From"] = "Warga Peduli <warga.peduli@example.id>"
    mail["To"] = "pengaduan@diskominfo.example.go.id"
    mail["Subject"] = "Saluran air tersumbat di Kelurahan Ketintang"
    mail["Date"] = "Mon, 05 Jan 2026 08:40:00 +0700"
    mail.set_content(
        "Yth. Admin,\n\nSaluran air di Jl. Ketintang Baru, Kelurahan Ketintang, Kecamatan "
        "Gayungan, Kota Surabaya tersumbat sampah. Setiap hujan air meluap ke rumah warga.\n\n"
        "Terima kasih.\n"
    )
    mail.add_attachment(b"\xff\xd8\xff demo photo", maintype="image", subtype="jpeg",
                        filename="saluran.jpg")  # fmt: skip
    email_draft = from_email(mail.as_bytes())
    sms = from_message(
        "lampu PJU di depan SD negeri mati sdh sebulan, gelap bgt klo malam. di malang",
        sender="+62 813 3000 2002",
        channel=Channel.SMS,
        received_at=received + dt.timedelta(minutes=20),
    )
    return [whatsapp, email_draft, sms]


def _external_ref(draft: ComplaintDraft) -> str:
    digest = hashlib.sha256(draft.complaint.description.encode("utf-8")).hexdigest()[:12]
    return f"demo-desk:{draft.complaint.channel.value}:{digest}"


def _show_drafts(drafts: list[ComplaintDraft]) -> None:
    from rich.table import Table

    table = Table(title="1. Intake (form manual): what came in and what to ask")
    table.add_column("channel")
    table.add_column("title")
    table.add_column("detected region")
    table.add_column("to ask the reporter")
    for draft in drafts:
        match = draft.location_match
        if match is None:
            region = "-"
        elif match.region is not None:
            region = f"{match.region.name} ({match.region.code})"
        else:
            region = "ambiguous: " + " / ".join(r.name for r in match.candidates)
        ask = "\n".join(m.prompt for m in draft.missing) or "nothing: ready to verify"
        table.add_row(draft.complaint.channel.label, draft.complaint.title, region, ask)
    out_console.print(table)


@app.command()
def demo(
    db: Annotated[
        str | None,
        typer.Option(help="Sandbox database URL (default: SQLite file under ~/.lapor)."),
    ] = None,
    faults: Annotated[
        str,
        typer.Option(help="Faults the sandbox injects (see `lapor sandbox serve --help`)."),
    ] = "error_rate=0.2,retry_after=0.2,drop_after_commit_rate=0.3,seed=7",
) -> None:
    """Run the main job end to end on the embedded sandbox and SQLite."""
    from rich.table import Table

    from ..monev import compute_monev, sample_complaints
    from ..sla import SlaPolicy, WorkingCalendar

    try:
        from ..sandbox import Faults, Sandbox
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise InvalidInputError(
            "the demo needs the sandbox extra: pip install 'lapor-sdk[sandbox]'"
        ) from exc

    url = database_url(db, default_name="demo-sandbox.db")
    open_database(url).dispose()  # a bad --db fails first, on one line
    received = dt.datetime(2026, 1, 5, 8, 30, tzinfo=WIB)
    drafts = _inbox(received)
    _show_drafts(drafts)

    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    with Sandbox.running(db=url, faults=Faults.parse(faults)) as sandbox:
        out_console.print(
            f"\n2. Sandbox of the national API at {sandbox.base_url} "
            f"(database {_shown_url(url)}), "
            f"injecting faults: {faults}"
        )
        out_console.print(
            "Filing each report twice through those faults: on a 5xx or 429 answer the client "
            "waits (honouring Retry-After) and tries again, so this step can take a few seconds."
        )
        filed: list[Complaint] = []
        with sandbox.client(max_retries=6) as client:
            for draft in drafts:
                c = draft.complaint
                first, again = (
                    client.complaints.create(
                        title=c.title,
                        description=c.description,
                        external_ref=_external_ref(draft),
                        channel=c.channel,
                        location=c.location,
                        reporter=c.reporter,
                        privacy=c.privacy,
                    )
                    for _ in range(2)  # the second call is a re-run: it must file nothing new
                )
                if again.tracking_id != first.tracking_id:
                    raise LaporError(f"filing {first.reference} twice created a duplicate")
                filed.append(first)
            filed_count = sum(1 for _ in client.complaints.list())
            table = Table(title="Filed through the client (each filed twice, kept once)")
            table.add_column("tracking id", no_wrap=True, min_width=len("LAPOR-2026-000000"))
            table.add_column("external ref")
            table.add_column("status")
            for c in filed:
                table.add_row(c.tracking_id or "-", c.external_ref or "-", c.status.label)
            out_console.print(table)
            out_console.print(
                f"reports in the sandbox for this agency: {filed_count} "
                "(re-running the demo adds none: filing is idempotent by external_ref)"
            )

            ready = [c for c, d in zip(filed, drafts, strict=True) if not d.missing]
            verified = [
                client.verification.verify(c.tracking_id or "", note="Mohon segera ditangani.")
                if c.status.value == "unverified"
                else c
                for c in ready
            ]
            out_console.print(
                f"\n3. Verified and disposed {len(verified)} complete report(s); the others "
                "wait for the reporter's answers."
            )
            current = [client.complaints.get(c.tracking_id or "") for c in filed]

    calendar = WorkingCalendar.indonesia(tz="Asia/Jakarta")
    policy = SlaPolicy.sp4n_lapor()
    now = dt.datetime.now(calendar.tz)
    later = now + dt.timedelta(days=10)
    sla_table = Table(
        title=f"4. SLA stages now ({now:%d %b %Y %H:%M}) and in 10 days if nobody acts"
    )
    # Tracking ids are what an officer copies: never wrapped or cut, even at 80 columns.
    sla_table.add_column("tracking id", no_wrap=True, min_width=len("LAPOR-2026-000000"))
    for column in ("stage", "due", "state now", "state in 10 days"):
        sla_table.add_column(column)
    for c in current:
        states_later = {r.stage: r.state for r in policy.evaluate(c, calendar=calendar, now=later)}
        for result in policy.evaluate(c, calendar=calendar, now=now):
            sla_table.add_row(
                c.tracking_id or "-",
                result.stage,
                f"{result.due_at.astimezone(calendar.tz):%a %d %b %Y %H:%M}",
                result.state.value,
                states_later[result.stage].value,
            )
    out_console.print(sla_table)

    history = sample_complaints(300, seed=1)
    report = compute_monev(
        history, now=max(c.updated_at or c.created_at for c in history), calendar=calendar
    )
    total = report.total
    out_console.print(
        "\n5. Monev over 300 sample reports: "
        f"follow-up rate {_percent(total.follow_up_rate)}, "
        f"on-time rate {_percent(total.on_time_rate)}, "
        f"satisfaction index {_number(total.satisfaction.index)} (0-100). "
        "Full report: lapor report sample -o c.json && lapor report monev c.json -o r.html"
    )


def _shown_url(url: str) -> str:
    """The database URL as it may be printed: without its password."""
    return shown_url(url)


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"
