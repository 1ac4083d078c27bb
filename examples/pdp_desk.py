"""A reporter's rights under UU 27/2022 at an agency's desk, offline on a SQLite file.

A reporter asks for her data (access, 3 x 24 hours), then restricts its processing (her report
queued for SP4N-LAPOR! in the sync outbox is held), then asks for its erasure; one report is
still being handled, so it and its queued filing are kept until it is finished; the statistics
stay the same.

Run: ``python examples/pdp_desk.py [FOLDER]`` (default: a temporary folder).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from lapor_sdk import lifecycle, pdp
from lapor_sdk.models import Reporter, Role
from lapor_sdk.monev import compute_monev
from lapor_sdk.storage import ComplaintStore, create_engine
from lapor_sdk.sync import enqueue_complaint

WIB = dt.timezone(dt.timedelta(hours=7))


def at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2025, 6, day, hour, tzinfo=WIB)


def main(folder: Path) -> None:
    engine = create_engine(f"sqlite:///{folder / 'lapor.db'}")
    complaints = ComplaintStore(engine)
    ani = Reporter(name="Ani Lestari", phone="0812-9999-0001", nik="3578014101900002")
    old = lifecycle.create(title="Lampu jalan mati", description="Hubungi 0812-9999-0001.",
                           created_at=at(2), external_ref="app:1", tracking_id="LAPOR-2025-1",
                           reporter=ani)  # fmt: skip
    old = lifecycle.archive(old, by=Role.AGENCY_ADMIN, at=at(2, 10), reason="duplicate")
    new = lifecycle.create(title="Saluran tersumbat", description="Di depan rumah Ani Lestari.",
                           created_at=at(3), external_ref="app:2", reporter=ani)  # fmt: skip
    complaints.save_all([old, new])
    enqueue_complaint(engine, new, local_id="app:2")  # to be filed with SP4N-LAPOR! (offline)
    kinds = ("complaints", "pdp_requests", "outbox")
    stores = [pdp.open_store(kind, engine) for kind in kinds]
    register = pdp.PdpRegister(engine)

    subject = pdp.DataSubject(phone="081299990001")
    access = register.save(pdp.receive("access", subject, received_at=at(4), request_id="PDP-1"))
    print(f"access due {access.due_at:%Y-%m-%d %H:%M} WIB")
    export = pdp.export_subject(subject, stores, now=at(5), request_id=access.id)
    (folder / "PDP-1.html").write_text(pdp.render_export_html(export), encoding="utf-8")
    register.save(pdp.complete(access, at=at(5), note="salinan dikirim"))
    print(f"export: {len(export.records)} record(s)")

    restriction = register.save(pdp.receive("restriction", subject, received_at=at(5, 12)))
    _, restricted = pdp.fulfil_restriction(restriction, stores, register, at=at(5, 13))
    held = dict(restricted.stores)["outbox"]
    print(f"restriction: {held} queued filing(s) held; restricted: "
          f"{pdp.is_restricted(subject, engine)}")  # fmt: skip

    before = compute_monev(complaints.all(), now=at(6)).total
    erasure = register.save(pdp.receive("erasure", subject, received_at=at(6), request_id="PDP-2"))
    erasure, report = pdp.fulfil_erasure(erasure, stores, register, at=at(6))
    print(f"erasure: {report.anonymised} anonymised, {report.held} kept ({erasure.state.value})")
    print("national copies to erase: " + ", ".join(f.tracking_id for f in erasure.national_copies))
    after = compute_monev(complaints.all(), now=at(6)).total
    print(f"monev total unchanged: {after == before}")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    main(target)
