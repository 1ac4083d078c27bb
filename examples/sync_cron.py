"""A cron job that syncs an agency app's new tickets with the national LAPOR!.

The app keeps its tickets in its own SQLite (or PostgreSQL) database. This script:

1. moves the tickets not yet queued into the sync outbox, in the app's own transaction
   (the ticket is marked queued in the same commit as its outbox row: nothing lost or doubled
   if the script dies half-way);
2. runs the sync engine: files the complaints, sends the follow-ups, pulls the national
   changes back;
3. prints the report and exits 0 when nothing is pending or in flight, 11 otherwise (like
   ``lapor sync run``).

Run: ``LAPOR_BASE_URL=… LAPOR_API_KEY=… python sync_cron.py APP_DB [--demo]``
(``--demo`` first creates the app's table with three tickets, for a try-out).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import sqlalchemy as sa

from lapor_sdk import LaporClient
from lapor_sdk.models import Channel, Complaint, Reporter
from lapor_sdk.storage import create_engine
from lapor_sdk.sync import SyncEngine, enqueue_complaint, enqueue_follow_up

SOURCE = "kanal-warga"
WIB = dt.timezone(dt.timedelta(hours=7))

metadata = sa.MetaData()
tickets = sa.Table(
    "tickets",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("channel", sa.String(32), nullable=False),
    sa.Column("reporter_name", sa.String(200), nullable=False),
    sa.Column("reporter_phone", sa.String(32), nullable=False),
    sa.Column("answer", sa.Text, nullable=True),
    sa.Column("queued", sa.Boolean, nullable=False, default=False),
)


def seed_demo(app: sa.Engine) -> None:
    """Create the app's table with three tickets (what the agency app would have)."""
    metadata.create_all(app)
    with app.begin() as conn:
        if conn.execute(sa.select(sa.func.count()).select_from(tickets)).scalar_one():
            return
        conn.execute(
            sa.insert(tickets),
            [
                {
                    "title": "Lampu jalan mati",
                    "body": "Lampu jalan di Jl. Kenanga mati sejak seminggu.",
                    "channel": "whatsapp",
                    "reporter_name": "Warga Kenanga",
                    "reporter_phone": "081234567801",
                    "answer": "Petugas PJU dijadwalkan memperbaiki besok pagi.",
                },
                {
                    "title": "Sampah menumpuk",
                    "body": "Sampah di TPS Pasar Pagi belum diangkut tiga hari.",
                    "channel": "email",
                    "reporter_name": "Warga Pasar",
                    "reporter_phone": "081234567802",
                    "answer": None,
                },
                {
                    "title": "Jalan berlubang",
                    "body": "Jalan di depan SD Negeri 5 berlubang dalam.",
                    "channel": "phone",
                    "reporter_name": "Warga Sekolah",
                    "reporter_phone": "081234567803",
                    "answer": None,
                },
            ],
        )


def queue_new_tickets(app: sa.Engine) -> int:
    """Move tickets not yet queued into the outbox, each in the app's own transaction."""
    queued = 0
    with app.begin() as conn:
        rows = conn.execute(sa.select(tickets).where(tickets.c.queued.is_(False))).all()
        for row in rows:
            complaint = Complaint(
                title=row.title,
                description=row.body,
                channel=Channel(row.channel),
                created_at=dt.datetime.now(WIB),
                reporter=Reporter(name=row.reporter_name, phone=row.reporter_phone),
            )
            local_id = str(row.id)
            enqueue_complaint(conn, complaint, local_id=local_id, source=SOURCE)
            if row.answer:
                enqueue_follow_up(conn, local_id, text=row.answer, source=SOURCE)
            conn.execute(sa.update(tickets).where(tickets.c.id == row.id).values(queued=True))
            queued += 1
    return queued


def main(argv: list[str]) -> int:
    """Queue new tickets, sync, print the report; return the exit code."""
    if not argv:
        print(__doc__)
        return 2
    db_path = Path(argv[0])
    app = create_engine(f"sqlite:///{db_path}")
    if "--demo" in argv:
        seed_demo(app)
    print(f"queued {queue_new_tickets(app)} new ticket(s)")
    # The outbox lives in the app's database; the client reads LAPOR_BASE_URL / LAPOR_API_KEY.
    with LaporClient() as client, SyncEngine(client, app, source=SOURCE) as engine:
        # once=True: one pass over what is due now, so a national outage never makes two
        # cron runs overlap; what is left waits for the next run (exit code 11).
        report = engine.run(once=True)
        status = engine.status()
        print(
            f"pushed {report.pushed}, pulled {report.pulled}, retried {report.retried}, "
            f"dead {report.dead}"
        )
        for note in report.notes:
            print(f"note: {note}")
        with app.connect() as conn:
            ids = conn.execute(sa.select(tickets.c.id).order_by(tickets.c.id)).scalars().all()
        for ticket_id in ids:
            print(f"ticket {ticket_id}: {engine.tracking_id(str(ticket_id)) or 'not filed yet'}")
    app.dispose()
    return 0 if status.pending == 0 and status.in_flight == 0 else 11


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
