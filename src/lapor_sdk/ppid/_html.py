"""The PPID service report as one self-contained, accessible HTML page (monev report style).

Same look and rules as :func:`lapor_sdk.monev.render_html`, whose table, figure and chart
helpers it reuses: ``lang="id"``, inline CSS and SVG, no script, no network; real tables with
captions and scoped headers; the chart has a title, a description and the table behind it;
text contrast of at least 4.5:1. Every string from the data is escaped, and the registers it
shows are the public ones (no requester identity, free texts scrubbed).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .._version import __version__
from ..monev._html import _e, _figure, _num, _page_start, _pct, _table, _when
from ..monev._svg import Bar, hbar_chart
from ..sla import WorkingCalendar
from ._enums import DecisionKind, DisputeOutcome, ExemptionGround, ObjectionOutcome, ObjectionReason
from ._models import InformationRequest
from ._registers import RegisterTable, objection_register, request_register
from ._report import ServiceReport

__all__ = ["render_report_html", "write_report_html"]

_BLUE = "#1d4f91"


def _count_table(caption: str, head: str, items: Sequence[tuple[str, int]], total: int) -> str:
    rows = [
        [(_e(label), False), (str(n), True), (_pct(n / total if total else None), True)]
        for label, n in items
    ]
    return _table(
        caption=caption,
        headers=[(_e(head), False), ("Jumlah", True), ("Persen", True)],
        rows=rows,
        fold=False,
    )


def _cards(report: ServiceReport) -> str:
    items = [
        ("Permohonan masuk", str(report.requests), f"{report.pending} belum dijawab"),
        (
            "Dijawab tepat waktu",
            _pct(report.on_time_rate),
            f"{report.on_time} dari {report.on_time + report.late} jawaban",
        ),
        (
            "Waktu jawaban (median)",
            "–" if report.days_median is None else f"{_num(report.days_median)} hari kerja",
            "terlama " + ("–" if report.days_max is None else f"{report.days_max} hari kerja"),
        ),
        (
            "Dikabulkan",
            str(report.by_decision.get(DecisionKind.GRANTED, 0)),
            f"{report.by_decision.get(DecisionKind.PARTLY_GRANTED, 0)} dikabulkan sebagian",
        ),
        ("Tidak dipenuhi", str(report.refused), "ditolak, tidak dikuasai, belum didokumentasikan"),
        ("Keberatan", str(report.objections), f"{report.objections_answered} sudah ditanggapi"),
        ("Sengketa", str(report.disputes), "diajukan ke Komisi Informasi"),
    ]
    cells = "".join(
        f'<div class="card"><dt>{_e(label)}</dt><dd>{_e(value)}<small>{_e(sub)}</small></dd></div>'
        for label, value, sub in items
    )
    return f'<dl class="cards">{cells}</dl>'


def _decisions(report: ServiceReport) -> str:
    items = [(kind.label, report.by_decision.get(kind, 0)) for kind in DecisionKind]
    total = sum(n for _, n in items)
    top = max(items, key=lambda x: x[1]) if total else None
    desc = (
        f"Grafik batang jumlah jawaban per jenis keputusan, dari {total} jawaban. "
        + (f"Terbanyak: {top[0]}, {top[1]} jawaban. " if top else "")
        + "Angka lengkap ada di tabel di bawah grafik."
    )
    chart = hbar_chart(
        chart_id="keputusan",
        title="Jawaban permohonan menurut keputusan",
        desc=desc,
        bars=[
            Bar(label, float(n), f"{n} ({_pct(n / total if total else None)})")
            for label, n in items
        ],
        max_value=max([float(n) for _, n in items] + [1.0]),
        color=_BLUE,
    )
    note = "Informasinya sendiri gratis; yang boleh ditarik hanya biaya penyalinan dan pengiriman."
    return _figure(chart, "Grafik: jawaban menurut keputusan", note) + _count_table(
        "Jawaban menurut keputusan", "Keputusan", items, total
    )


def _timing(report: ServiceReport) -> str:
    rows = [
        [("Dijawab tepat waktu", False), (str(report.on_time), True)],
        [("Dijawab terlambat", False), (str(report.late), True)],
        [("Belum dijawab, masih dalam batas waktu", False),
         (str(report.pending - report.pending_overdue), True)],
        [("Belum dijawab, sudah lewat batas waktu", False), (str(report.pending_overdue), True)],
        [("Diperpanjang (Pasal 22 ayat (8))", False), (str(report.extended), True)],
        [("Median waktu jawaban (hari kerja)", False), (_num(report.days_median), True)],
        [("Rata-rata waktu jawaban (hari kerja)", False), (_num(report.days_mean), True)],
        [("Waktu jawaban terlama (hari kerja)", False),
         ("–" if report.days_max is None else str(report.days_max), True)],
    ]  # fmt: skip
    return _table(
        caption="Waktu yang diperlukan untuk menjawab permohonan",
        headers=[("Ukuran", False), ("Nilai", True)],
        rows=rows,
        fold=False,
    )


def _register_table(table: RegisterTable) -> str:
    return _table(
        caption=table.title,
        headers=[(_e(c), False) for c in table.columns],
        rows=[[(_e(c), isinstance(c, int)) for c in row] for row in table.rows],
    )


def render_report_html(
    report: ServiceReport,
    requests: Sequence[InformationRequest] = (),
    *,
    title: str = "Laporan Layanan Informasi Publik",
    agency: str | None = None,
    calendar: WorkingCalendar | None = None,
) -> str:
    """Render the service report (and the public registers) as one accessible HTML page.

    Args:
        report: Output of :func:`service_report`.
        requests: The requests of the period, to list the public registers (optional).
        title: Page title (escaped).
        agency: The public body's name, shown under the title (escaped).
        calendar: For the registers' dates (default: national, WIB).

    Returns:
        The HTML document (no requester identity in it).
    """
    total = report.decided
    grounds = [(g.label, report.exemption_grounds.get(g, 0)) for g in ExemptionGround]
    grounds = [x for x in grounds if x[1]]
    reasons = [(r.label, report.objection_reasons.get(r, 0)) for r in ObjectionReason]
    outcomes = [(o.label, report.objection_outcomes.get(o, 0)) for o in ObjectionOutcome]
    settled = [(o.label, report.dispute_outcomes.get(o, 0)) for o in DisputeOutcome]
    channels = [(c.label, n) for c, n in report.by_channel.items()]
    meta = (
        f"{_e(report.period.label)} · keadaan per {_e(_when(report.generated_at, report.timezone))}"
    )
    if agency:
        meta = f"{_e(agency)} · {meta}"
    registers = ""
    if requests:
        registers = (
            '<section aria-labelledby="h-register"><h2 id="h-register">Register</h2>'
            '<p class="note">Identitas pemohon tidak ditampilkan; nomor telepon, surel, NIK dan '
            "nama pemohon dalam teks disembunyikan.</p>"
            + _register_table(
                request_register(requests, calendar=calendar, now=report.generated_at)
            )
            + _register_table(objection_register(requests, calendar=calendar))
            + "</section>"
        )
    parts = [
        *_page_start(title, meta),
        '<section aria-labelledby="h-ringkasan"><h2 id="h-ringkasan">Ringkasan</h2>',
        _cards(report),
        "</section>",
        '<section aria-labelledby="h-permohonan"><h2 id="h-permohonan">Permohonan informasi</h2>',
        _decisions(report),
        _count_table(
            "Alasan pengecualian (UU 14/2008 Pasal 17)",
            "Alasan",
            grounds,
            sum(
                n
                for kind, n in report.by_decision.items()
                if kind in (DecisionKind.REJECTED_EXEMPT, DecisionKind.PARTLY_GRANTED)
            ),
        ),
        _count_table("Permohonan menurut saluran", "Saluran", channels, report.requests),
        "</section>",
        '<section aria-labelledby="h-waktu"><h2 id="h-waktu">Waktu layanan</h2>',
        '<p class="note">Batas waktu: 10 hari kerja sejak permohonan diterima. Batas ini dapat '
        "diperpanjang sekali, paling lama 7 hari kerja, dengan alasan tertulis (UU 14/2008 Pasal "
        "22 ayat (7)–(8)). Hari libur nasional dan cuti bersama tidak dihitung.</p>",
        _timing(report),
        "</section>",
        '<section aria-labelledby="h-keberatan"><h2 id="h-keberatan">Keberatan</h2>',
        f"<p>{report.objections} keberatan diterima; {report.objections_answered} sudah "
        f"ditanggapi atasan PPID, {report.objections_answered_on_time} di antaranya dalam 30 hari "
        "kerja (UU 14/2008 Pasal 36).</p>",
        _count_table(
            "Keberatan menurut alasan (UU 14/2008 Pasal 35 ayat (1))",
            "Alasan",
            reasons,
            report.objections,
        ),
        _count_table("Tanggapan atasan PPID", "Tanggapan", outcomes, report.objections_answered),
        "</section>",
        '<section aria-labelledby="h-sengketa"><h2 id="h-sengketa">Sengketa informasi</h2>',
        f"<p>{report.disputes} sengketa diajukan ke Komisi Informasi (UU 14/2008 Pasal 37).</p>",
        _count_table("Hasil sengketa", "Hasil", settled, report.disputes),
        "</section>",
        registers,
        "</main>",
        f"<footer>Dibuat dengan lapor-sdk {_e(__version__)}. {total} jawaban dinilai; waktu "
        "dihitung dalam hari kerja kantor.</footer>",
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def write_report_html(
    report: ServiceReport,
    path: str | Path,
    requests: Sequence[InformationRequest] = (),
    *,
    title: str = "Laporan Layanan Informasi Publik",
    agency: str | None = None,
    calendar: WorkingCalendar | None = None,
) -> Path:
    """Render with :func:`render_report_html` and write the page as UTF-8; return the path."""
    target = Path(path)
    html = render_report_html(report, requests, title=title, agency=agency, calendar=calendar)
    target.write_text(html, encoding="utf-8")
    return target
