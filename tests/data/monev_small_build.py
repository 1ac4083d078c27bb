"""Build tests/data/monev_small.json, the hand-made monev fixture (run to regenerate).

Twelve complaints in February 2025 (no holiday that month), times in WIB. The expected figures
of tests/monev/test_metrics_small.py were computed by hand from the timeline below, not from
the code's output. Office hours: Mon–Thu 07:30–16:00 (8.5 h), Fri 07:30–16:30 (9 h).

    python tests/data/monev_small_build.py
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from lapor_sdk import lifecycle
from lapor_sdk.lifecycle import ArchiveReason
from lapor_sdk.models import Channel, Complaint, Location, Role, Satisfaction

WIB = dt.timezone(dt.timedelta(hours=7))
ADMIN = Role.AGENCY_ADMIN
KOTA = Location(region_code="35.73", region_name="Kota Malang", province_code="35")
KAB = Location(region_code="35.07", region_name="Kabupaten Malang", province_code="35")
PEMKOT = "Pemerintah Kota Malang"
PEMKAB = "Pemerintah Kabupaten Malang"
UNIT_A = "Dinas PU Kota Malang"
UNIT_B = "DLH Kota Malang"
UNIT_C = "Dinas PU Kabupaten Malang"

GOOD = "Lubang di Jl. Ijen RT 02/RW 05 sudah ditambal petugas pada Selasa, 4 Februari 2025."
GOOD2 = "Saluran di Kelurahan Oro-oro Dowo sudah dikeruk, genangan sudah surut."
NORMATIVE = "Terima kasih atas laporannya, akan segera kami tindak lanjuti."
NORMATIVE2 = "Sudah kami teruskan ke bidang terkait. Mohon bersabar."
NORMATIVE3 = "Terima kasih, laporan sudah kami terima dan akan ditindaklanjuti oleh dinas terkait."


def t(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, 2, day, hour, minute, tzinfo=WIB)


def new(n: int, day: int, hour: int, **fields: Any) -> Complaint:
    return lifecycle.create(
        title=f"Laporan uji {n:02d}",
        description="Uraian laporan uji untuk monev.",
        created_at=t(day, hour),
        tracking_id=f"LAPOR-2025-{n:06d}",
        **fields,
    )


def build() -> list[Complaint]:
    out: list[Complaint] = []
    # C01 — unit A, verified in 2 h, final follow-up 8 h later, Sangat Puas, closed.
    c = new(1, 3, 8, channel=Channel.LAPOR_WEB, category="Infrastruktur", location=KOTA)
    c = lifecycle.verify(c, by=ADMIN, at=t(3, 10), agency=PEMKOT, unit=UNIT_A)
    c = lifecycle.follow_up(c, at=t(4, 9, 30), text=GOOD, final=True)
    c = lifecycle.rate(c, at=t(4, 12), satisfaction=Satisfaction.VERY_SATISFIED)
    out.append(lifecycle.close(c, at=t(18, 16)))
    # C02 — unit A, normative interim answer, completed, reopened by a reply, completed again.
    c = new(2, 3, 13, channel=Channel.WHATSAPP, category="Infrastruktur", location=KOTA)
    c = lifecycle.verify(c, by=ADMIN, at=t(4, 8, 30), agency=PEMKOT, unit=UNIT_A)
    c = lifecycle.follow_up(c, at=t(4, 10, 30), text=NORMATIVE)
    c = lifecycle.follow_up(c, at=t(6, 14), text=GOOD, final=True)
    c = lifecycle.reply(c, at=t(7, 9), text="Masih ada satu lubang yang belum ditambal.")
    c = lifecycle.follow_up(c, at=t(10, 11), text=GOOD2, final=True)
    out.append(lifecycle.rate(c, at=t(10, 15), satisfaction=Satisfaction.SATISFIED))
    # C03 — unit A, follow-up late (after 5 working days), normative, Tidak Puas.
    c = new(3, 5, 9, channel=Channel.LAPOR_WEB, category="Infrastruktur", location=KOTA)
    c = lifecycle.verify(c, by=ADMIN, at=t(5, 11), agency=PEMKOT, unit=UNIT_A)
    c = lifecycle.follow_up(c, at=t(13, 10), text=NORMATIVE2, final=True)
    out.append(lifecycle.rate(c, at=t(13, 15), satisfaction=Satisfaction.DISSATISFIED))
    # C04 — unit B, only a normative interim answer: still in progress.
    c = new(4, 6, 10, channel=Channel.SMS, category="Lingkungan", location=KOTA)
    c = lifecycle.verify(c, by=ADMIN, at=t(6, 15), agency=PEMKOT, unit=UNIT_B)
    out.append(lifecycle.follow_up(c, at=t(7, 9, 30), text=NORMATIVE))
    # C05 — unit B, same-day completion, Cukup Puas.
    c = new(5, 10, 8, channel=Channel.WHATSAPP, category="Lingkungan", location=KOTA)
    c = lifecycle.verify(c, by=ADMIN, at=t(10, 9), agency=PEMKOT, unit=UNIT_B)
    c = lifecycle.follow_up(c, at=t(10, 14), text=GOOD2, final=True)
    out.append(lifecycle.rate(c, at=t(11, 8), satisfaction=Satisfaction.FAIRLY_SATISFIED))
    # C06 — unit B, disposed and never followed up (follow-up deadline passed).
    c = new(6, 11, 9, channel=Channel.LAPOR_WEB, category="Lingkungan", location=KOTA)
    out.append(lifecycle.verify(c, by=ADMIN, at=t(11, 10), agency=PEMKOT, unit=UNIT_B))
    # C07 — unit C, postponed for the location, supplemented, verified 2 h later, closed.
    c = new(7, 3, 9, channel=Channel.SMS, category="Infrastruktur")
    c = lifecycle.postpone(c, by=ADMIN, at=t(3, 10), reason="Mohon sebutkan lokasi jalan.")
    c = lifecycle.supplement(c, at=t(5, 10), location=KAB)
    c = lifecycle.verify(c, by=ADMIN, at=t(5, 12), agency=PEMKAB, unit=UNIT_C)
    c = lifecycle.follow_up(c, at=t(6, 12), text=GOOD, final=True)
    c = lifecycle.rate(c, at=t(7, 9), satisfaction=Satisfaction.SATISFIED)
    out.append(lifecycle.close(c, at=t(20, 16)))
    # C08 — unit C, verified on the last allowed day, normative final answer, not rated.
    c = new(8, 4, 14, channel=Channel.WHATSAPP, category="Infrastruktur", location=KAB)
    c = lifecycle.verify(c, by=ADMIN, at=t(7, 14), agency=PEMKAB, unit=UNIT_C)
    out.append(lifecycle.follow_up(c, at=t(10, 10), text=NORMATIVE3, final=True))
    # C09 — unit C, verified late (after 3 working days), no follow-up yet.
    c = new(9, 12, 9, channel=Channel.LAPOR_WEB, category="Infrastruktur", location=KAB)
    out.append(lifecycle.verify(c, by=ADMIN, at=t(19, 9), agency=PEMKAB, unit=UNIT_C))
    # C10 — archived as too general.
    c = new(10, 13, 10, channel=Channel.SMS, category="Lainnya", location=KAB)
    out.append(lifecycle.archive(c, by=ADMIN, at=t(13, 11), reason=ArchiveReason.TOO_GENERAL))
    # C11 — not the city's authority: forwarded to the province, no unit yet.
    c = new(11, 17, 8, channel=Channel.EMAIL, category="Kependudukan", location=KOTA)
    out.append(
        lifecycle.forward(
            c,
            by=ADMIN,
            at=t(17, 10),
            to_agency="Pemerintah Provinsi Jawa Timur",
            reason="Kewenangan provinsi.",
        )
    )
    # C12 — just filed, no location, no category.
    out.append(new(12, 20, 9, channel=Channel.WHATSAPP))
    return out


if __name__ == "__main__":
    target = Path(__file__).with_name("monev_small.json")
    data = [c.model_dump(mode="json", exclude_none=True) for c in build()]
    target.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {target} ({len(data)} complaints)")
