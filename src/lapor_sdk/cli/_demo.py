"""``lapor demo``: an agency's day on the embedded defaults (sandbox + SQLite), end to end.

Everything here is public API. The desk reads reports from several channels (intake), a
triage model suggests where each goes, the sync engine files them with the national side (the
sandbox, over a real socket, behind injected faults and *without* idempotency, so only the
engine's look-ups keep a retry from filing twice), the agency verifies and disposes them
through the API, the handling unit's follow-ups go up through the engine's outbox, the engine
pulls the national changes back, and the dashboard shows who reported what, who handles it,
how long it has taken and its SLA state, with the monev summary. Running it again adds nothing.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .._exceptions import InvalidInputError
from ._app import app, out_console
from ._options import database_url, open_database, shown_url

if TYPE_CHECKING:  # imported inside the functions: `lapor --version` stays fast
    import sqlalchemy as sa

    from ..client import LaporClient
    from ..intake import ComplaintDraft
    from ..models import Complaint
    from ..sla import SlaPolicy, WorkingCalendar
    from ..sync import SyncEngine
    from ..triage import TriageModel

__all__: list[str] = []

WIB = dt.timezone(dt.timedelta(hours=7), "WIB")
#: Prefix of the external refs the demo desk files under (``demo-desk:<local id>``).
DESK = "demo-desk"
#: The demo agency's units (sandbox directory, pemkot-surabaya) by the category they handle.
UNIT_FOR_CATEGORY = {"infrastruktur": "dsdabm", "kependudukan": "dispendukcapil"}
UNIT_NAMES = {
    "dsdabm": "Dinas Sumber Daya Air dan Bina Marga",
    "dispendukcapil": "Dinas Kependudukan dan Pencatatan Sipil",
}
#: What the unit writes back, by channel of the report (the demo's handling unit at work).
FOLLOW_UPS = {
    "whatsapp": (
        "Tim UPT Jalan telah menambal lubang di Jl. Raya Darmo pada hari ini. Terima kasih "
        "atas laporannya.",
        True,
    ),
    "email": (
        "Pengerukan saluran di Jl. Ketintang Baru dijadwalkan minggu ini oleh Satgas "
        "Saluran; petugas sudah meninjau lokasi.",
        False,
    ),
}


def _inbox(now: dt.datetime) -> list[ComplaintDraft]:
    """Five reports as they reach the Surabaya desk: WhatsApp, e-mail, SMS, call center and a
    village head filing for a resident."""
    import dataclasses

    from ..intake import from_email, from_message
    from ..models import Channel, Privacy, Reporter

    whatsapp = from_message(
        "Selamat pagi admin. Jalan di Jl. Raya Darmo, Kota Surabaya berlubang besar dan "
        "sudah dua minggu belum diperbaiki, sudah ada pengendara motor yang jatuh. Mohon "
        "segera ditambal.",
        sender="0812-3000-1001",
        sender_name="Rudi Hartono",
        channel=Channel.WHATSAPP,
        received_at=now - dt.timedelta(days=2, hours=3),
    )
    mail = EmailMessage()
    mail["From"] = "Warga Peduli <warga.peduli@example.id>"
    mail["To"] = "pengaduan@diskominfo.example.go.id"
    mail["Subject"] = "Saluran air tersumbat di Kelurahan Ketintang"
    mail["Date"] = email.utils.format_datetime(now - dt.timedelta(days=1, hours=5))
    mail.set_content(
        "Yth. Admin,\n\nSaluran air di Jl. Ketintang Baru, Kelurahan Ketintang, Kecamatan "
        "Gayungan, Kota Surabaya tersumbat sampah. Setiap hujan air meluap ke rumah warga.\n\n"
        "Terima kasih.\n"
    )
    mail.add_attachment(b"\xff\xd8\xff demo photo", maintype="image", subtype="jpeg",
                        filename="saluran.jpg")  # fmt: skip
    sms = from_message(
        "lampu PJU di depan SD negeri mati sdh sebulan, gelap bgt klo malam. di malang",
        sender="+62 813 3000 2002",
        channel=Channel.SMS,
        received_at=now - dt.timedelta(days=6),
    )
    # The call center operator types what the caller says into the form manual.
    call = from_message(
        "KTP-el saya belum jadi padahal sudah rekam sejak tiga bulan lalu di Kecamatan "
        "Rungkut, Kota Surabaya. Sudah dua kali ke kantor kecamatan, jawabannya blangko habis.",
        sender="0857-3000-3003",
        sender_name="Dewi Lestari",
        channel=Channel.PHONE,
        received_at=now - dt.timedelta(hours=20),
    )
    # A village head (lurah) files for a resident who has no phone of her own; she asked that
    # her identity be kept from the office she complains about (rahasia).
    village = from_message(
        "Warga kami melapor: akta kelahiran anaknya salah nama ibu dan sudah diajukan "
        "perbaikan di Dispendukcapil Kota Surabaya sebulan lalu, belum ada kabar.",
        sender=None,
        channel=Channel.VILLAGE_HEAD,
        received_at=now - dt.timedelta(hours=4),
    )
    resident = Reporter(name="Siti Aminah", nik="3578014506800003", phone="0813-3000-4004")
    village = dataclasses.replace(
        village,
        complaint=village.complaint.model_copy(
            update={"reporter": resident, "privacy": Privacy.CONFIDENTIAL}
        ),
        missing=[m for m in village.missing if m.kind.value != "contact"],
    )
    return [whatsapp, from_email(mail.as_bytes()), sms, call, village]


def _local_id(draft: ComplaintDraft) -> str:
    """The desk's own id of a report: stable across runs, so re-running enqueues nothing."""
    digest = hashlib.sha256(draft.complaint.description.encode("utf-8")).hexdigest()[:12]
    return f"{draft.complaint.channel.value}:{digest}"


def _routing_model() -> TriageModel | None:
    """A triage model fitted on a routed history (the sample reports), or ``None`` without
    the triage extra."""
    try:
        from ..triage import TriageModel
    except ImportError:  # pragma: no cover - depends on the installed extras
        return None
    from ..monev import sample_complaints

    history = sample_complaints(600, seed=11)
    texts = [f"{c.title}\n{c.description}" for c in history]
    labels = [(c.category or "lainnya").lower() for c in history]
    return TriageModel.fit(
        texts,
        labels,
        folds=2,
        tune=False,
        routes={cat: UNIT_NAMES[unit] for cat, unit in UNIT_FOR_CATEGORY.items()},
    )


def _show_drafts(drafts: list[ComplaintDraft], model_note: str) -> None:
    from rich.table import Table

    from ..intake import format_suggestion

    table = Table(title="1. Intake (form manual): what came in and what to ask")
    table.add_column("#", justify="right")
    table.add_column("channel")
    table.add_column("report", max_width=28, overflow="ellipsis", no_wrap=True)
    table.add_column("detected region")
    table.add_column("to ask the reporter")
    routing = Table(title="Routing suggestions (triage model)")
    routing.add_column("#", justify="right")
    routing.add_column("suggestion")
    for n, draft in enumerate(drafts, 1):
        match = draft.location_match
        if match is None:
            region = "-"
        elif match.region is not None:
            region = f"{match.region.name} ({match.region.code})"
        else:
            region = "ambiguous: " + " / ".join(r.name for r in match.candidates)
        ask = "\n".join(m.prompt for m in draft.missing) or "nothing: ready to verify"
        table.add_row(str(n), draft.complaint.channel.label, draft.complaint.title, region, ask)
        s = draft.suggestion
        if s is not None:
            unit = getattr(s, "unit", None)
            routing.add_row(
                str(n), format_suggestion(s.label, s.confidence, unit=unit, abstain=s.abstain)
            )
    out_console.print(table)
    if routing.row_count:
        out_console.print(routing)
    out_console.print(model_note)


@app.command()
def demo(
    db: Annotated[
        str | None,
        typer.Option(
            help="Database URL of the sandbox and the desk's outbox "
            "(default: SQLite file under ~/.lapor)."
        ),
    ] = None,
    faults: Annotated[
        str,
        typer.Option(help="Faults the sandbox injects (see `lapor sandbox serve --help`)."),
    ] = "error_rate=0.2,retry_after=0.2,drop_after_commit_rate=0.3,seed=7",
) -> None:
    """Run an agency's day end to end on the embedded sandbox and SQLite."""
    try:
        from ..sandbox import Faults, Sandbox
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise InvalidInputError(
            "the demo needs the sandbox extra: pip install 'lapor-sdk[sandbox]'"
        ) from exc
    from ..sla import SlaPolicy, WorkingCalendar
    from ..sync import SyncEngine

    url = database_url(db, default_name="demo-sandbox.db")
    open_database(url).dispose()  # a bad --db fails first, on one line
    parsed_faults = Faults.parse(faults)
    calendar = WorkingCalendar.indonesia(tz="Asia/Jakarta")
    policy = SlaPolicy.sp4n_lapor()
    now = dt.datetime.now(WIB)

    model = _routing_model()
    drafts = [d.with_suggestion(model) for d in _inbox(now)]
    _show_drafts(
        drafts,
        "routing model: fitted on 600 routed sample reports; below its threshold it says "
        "'not sure' and a person routes the report"
        if model is not None
        else "routing suggestions need the triage extra: pip install 'lapor-sdk[triage]'",
    )

    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    with (
        Sandbox.running(db=url, faults=parsed_faults, idempotency=False) as sandbox,
        sandbox.client(max_retries=6) as client,
        SyncEngine(
            client, url, source=DESK, workers=4, lease=5.0, retry_initial=0.2, retry_max=2.0
        ) as engine,
    ):
        out_console.print(
            f"\n2. Filing through the sync engine: national API sandbox at {sandbox.base_url} "
            f"(database {shown_url(url)}), faults: {faults}, and no idempotency on the server, "
            "so a retry after a lost answer would file twice; the engine looks such a write "
            "up before sending it again. Waits honour Retry-After: this takes a few seconds."
        )
        queued = sum(engine.enqueue_complaint(d.complaint, local_id=_local_id(d)) for d in drafts)
        report = engine.run()
        out_console.print(
            f"queued {queued} new, filed {report.pushed}, retried {report.retried} transient "
            f"failures, dead letters {report.dead}, in {report.duration:.1f} s"
        )
        routed = _verify_and_dispose(client, engine, drafts)
        follow_ups = _unit_follow_ups(engine, drafts)
        out_console.print(
            f"\n3. The agency verified and disposed {routed} report(s) through the API; the "
            f"units wrote {follow_ups} follow-up(s), sent up through the outbox. Reports still "
            "missing information wait for the reporter."
        )
        report = engine.run()
        status = engine.status()
        national = sum(1 for _ in client.complaints.list())
        out_console.print(
            f"sync: filed {report.pushed}, pulled {report.pulled} national change(s) back; "
            f"outbox pending {status.pending}, in flight {status.in_flight}, dead "
            f"{status.dead}, done {status.done}"
        )
        out_console.print(
            f"reports on the national side for this agency: {national} "
            "(re-running the demo adds none)"
        )
        current = [(n, engine.national_state(_local_id(d))) for n, d in enumerate(drafts, 1)]
    mirrored = [(n, c) for n, c in current if c is not None]
    # Judged after the sync: the national side's events are stamped by its own clock.
    now = dt.datetime.now(WIB)
    _dashboard(mirrored, calendar, policy, now)
    _monev_summary([c for _, c in mirrored], calendar, now)


def _verify_and_dispose(
    client: LaporClient, engine: SyncEngine, drafts: list[ComplaintDraft]
) -> int:
    """The agency admin verifies complete reports and disposes them to a unit.

    The model's suggestion routes a report when it is sure; otherwise the admin's own choice
    (here: by the report's category as the admin reads it) does. A verification whose answer
    was lost is seen on the next read, not repeated.
    """
    from ..client import ConflictError
    from ..models import Status

    admin_choice = {"whatsapp": "infrastruktur", "email": "infrastruktur"}
    done = 0
    for draft in drafts:
        tracking_id = engine.tracking_id(_local_id(draft))
        if tracking_id is None or draft.missing:
            continue
        if client.complaints.get(tracking_id).status is not Status.UNVERIFIED:
            continue  # verified in an earlier run
        s = draft.suggestion
        if s is not None and not s.abstain and s.label in UNIT_FOR_CATEGORY:
            category = s.label
        else:
            category = admin_choice.get(draft.complaint.channel.value, "kependudukan")
        try:
            client.verification.verify(
                tracking_id,
                unit=UNIT_FOR_CATEGORY[category],
                category=category,
                note="Mohon segera ditindaklanjuti.",
            )
        except ConflictError:
            # A retry after a lost answer: the first attempt was applied.
            if client.complaints.get(tracking_id).status is Status.UNVERIFIED:
                raise
        done += 1
    return done


def _unit_follow_ups(engine: SyncEngine, drafts: list[ComplaintDraft]) -> int:
    """The unit writes its follow-ups in the agency's own system; each goes up through the
    outbox in the same transaction (the transactional outbox), once."""
    import sqlalchemy as sa

    written = sa.Table(
        "demo_desk_follow_ups",
        sa.MetaData(),
        sa.Column("local_id", sa.String(200), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
    )
    written.create(engine.database, checkfirst=True)
    count = 0
    for draft in drafts:
        entry = FOLLOW_UPS.get(draft.complaint.channel.value)
        local_id = _local_id(draft)
        if entry is None or engine.tracking_id(local_id) is None:
            continue
        text, final = entry
        with engine.database.begin() as conn:
            if _already_written(conn, written, local_id):
                continue
            conn.execute(sa.insert(written).values(local_id=local_id, text=text))
            unit = UNIT_FOR_CATEGORY["infrastruktur"]
            engine.enqueue_follow_up(local_id, text=text, final=final, unit=unit, connection=conn)
        count += 1
    return count


def _already_written(conn: sa.Connection, table: sa.Table, local_id: str) -> bool:
    import sqlalchemy as sa

    found = conn.execute(sa.select(table.c.local_id).where(table.c.local_id == local_id))
    return found.first() is not None


def _dashboard(
    complaints: list[tuple[int, Complaint]],
    calendar: WorkingCalendar,
    policy: SlaPolicy,
    now: dt.datetime,
) -> None:
    from rich.table import Table

    from ..privacy import Audience, view_for

    table = Table(
        title=f"4. Dashboard, {now:%a %d %b %Y %H:%M} WIB: the national state, pulled back"
    )
    table.add_column("#", justify="right")
    # Tracking ids are what an officer copies: never wrapped or cut, even at 80 columns.
    table.add_column("tracking id", no_wrap=True, min_width=len("LAPOR-2026-000000"))
    for column in ("reporter → unit", "status", "taken · SLA now"):
        table.add_column(column, overflow="fold")
    for n, c in complaints:
        # The handling unit's view: names unless anonymous, never contact or NIK.
        shown = view_for(c, Audience.HANDLING_UNIT)
        if c.privacy.anonymous:
            who = "anonim"
        else:
            who = shown.reporter.name if shown.reporter and shown.reporter.name else "no name"
        if c.privacy.confidential:
            who += " (rahasia)"
        table.add_row(
            str(n),
            c.tracking_id or "-",
            f"{who} → {c.unit or 'not disposed'}",
            c.status.label,
            f"{_taken(c, now)}; {_sla_now(c, calendar, policy, now)}",
        )
    out_console.print(table)
    units = ", ".join(f"{unit} = {name}" for unit, name in UNIT_NAMES.items())
    out_console.print(f"units: {units}")


def _taken(c: Complaint, now: dt.datetime) -> str:
    """How long the report has taken: until completion, or until now while open."""

    start = c.received_at or c.created_at
    finals = [f.at for f in c.follow_ups if f.final]
    end = max(finals) if finals else now
    minutes = max(int((end - start).total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    return f"{days} d {rest // 60} h" if days else f"{rest // 60} h {rest % 60} min"


def _sla_now(c: Complaint, calendar: WorkingCalendar, policy: SlaPolicy, now: dt.datetime) -> str:
    """The running stage's state and deadline, or how the stages ended."""
    results = policy.evaluate(c, calendar=calendar, now=now)
    running = [r for r in results if r.stopped_at is None]
    if running:
        r = running[0]
        due = r.due_at.astimezone(calendar.tz)
        return f"{_words(r.stage)} {_words(r.state.value)}, due {due:%d %b %H:%M}"
    return "; ".join(f"{_words(r.stage)} {_words(r.state.value)}" for r in results) or "-"


def _words(name: str) -> str:
    # "reporter_response" wraps at a narrow terminal; "reporter response" wraps cleanly.
    return name.replace("_", " ")


def _monev_summary(
    complaints: list[Complaint], calendar: WorkingCalendar, now: dt.datetime
) -> None:
    from ..monev import compute_monev

    total = compute_monev(complaints, now=now, calendar=calendar).total
    out_console.print(
        f"\n5. Monev of these {total.reports} reports: disposed {total.disposed}, "
        f"follow-up rate {_percent(total.follow_up_rate)}, "
        f"on-time rate {_percent(total.on_time_rate)}, completed {total.completed}. "
        "For a full report: lapor report sample -o c.json && lapor report monev c.json -o r.html"
    )


def _shown_url(url: str) -> str:
    """The database URL as it may be printed: without its password."""
    return shown_url(url)


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"
