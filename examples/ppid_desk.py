"""A PPID desk's case from a LAPOR! *Permintaan Informasi* to the service report.

A citizen asks through LAPOR! for the list of road contracts; the PPID registers it, extends
the answer time once, answers partly (personal data blacked out), the requester objects, the
atasan PPID upholds the answer. The registers are exported (public CSV, no identity) and the
semester report is written as an accessible HTML page.

Run: ``python examples/ppid_desk.py [OUTPUT_DIR]`` (default: a temporary folder).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from lapor_sdk import lifecycle, ppid
from lapor_sdk.models import Classification, Reporter, Role

WIB = ZoneInfo("Asia/Jakarta")


def at(day: str, time: str = "09:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=WIB)


def main(out: Path) -> None:
    # 1. The report arrives on LAPOR! and is verified to the Diskominfo (PPID Utama).
    report = lifecycle.create(
        title="Permintaan data kontrak jalan",
        description="Mohon salinan daftar kontrak pemeliharaan jalan kota tahun 2025.",
        created_at=at("2025-03-20"),
        classification=Classification.INFORMATION_REQUEST,
        tracking_id="LAPOR-2025-001234",
        reporter=Reporter(name="Budi Santoso", phone="0812-3456-7890"),
    )
    report = lifecycle.verify(
        report, by=Role.COORDINATOR_ADMIN, agency="Diskominfo", at=at("2025-03-20", "10:00")
    )

    # 2. The PPID registers it in its own store (a SQLite file here).
    store = ppid.PpidStore(str(out / "ppid.db"))
    request = ppid.request_from_complaint(report, number=store.next_number(2025))
    store.add(request)
    print("registered", request.number, "from", request.source_ref)
    print("answer due", ppid.answer_deadline(request.received_at).date())

    # 3. Extension (once, at most 7 working days, with a written reason), then the answer.
    request = ppid.extend(
        request, at=at("2025-03-24"), days=7, reason="Data dihimpun dari tiga UPT"
    )
    request = ppid.decide(
        request,
        at=at("2025-04-22"),
        kind=ppid.DecisionKind.PARTLY_GRANTED,
        grounds=[ppid.ExemptionGround.PERSONAL_SECRET],
        consequence_test="Nomor rekening dan NIK penyedia dihitamkan; sisanya terbuka.",
        note="Salinan dikirim lewat surel dalam format PDF.",
    )
    store.save(request)
    report = ppid.answer_complaint(report, request)
    print("LAPOR! status:", report.status.label)

    # 4. The requester objects (Pasal 35 ayat (1) huruf a); the atasan PPID answers.
    request = ppid.object_to(
        request,
        at=at("2025-04-25"),
        number=store.next_number(2025, prefix="KEB"),
        reasons=[ppid.ObjectionReason.REJECTED_UNDER_17],
    )
    print("objection answer due", ppid.objection_answer_deadline(at("2025-04-25")).date())
    request = ppid.answer_objection(
        request,
        at=at("2025-05-08"),
        outcome=ppid.ObjectionOutcome.UPHELD,
        text="Menguatkan putusan PPID: data pribadi penyedia dikecualikan (Pasal 17 huruf h).",
        superior="Sekretaris Daerah",
    )
    store.save(request)
    print("dispute possible until", ppid.dispute_deadline(at("2025-05-08")).date())

    # 5. Registers and the semester report.
    requests = store.list()
    ppid.write_csv(ppid.request_register(requests), out / "register-permohonan.csv")
    period = ppid.ReportPeriod.semester(2025, 1)
    figures = ppid.service_report(requests, period=period, now=at("2025-07-01"))
    ppid.write_report_html(figures, out / "laporan.html", requests, agency="Diskominfo")
    print(
        f"{period.label}: {figures.requests} request(s), {figures.on_time} on time, "
        f"{figures.objections} objection(s)"
    )


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="ppid-"))
    folder.mkdir(parents=True, exist_ok=True)
    main(folder)
