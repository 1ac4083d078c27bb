"""The monev report as one self-contained, accessible HTML page.

No network is needed to open it: CSS is inline, charts are inline SVG generated here, there is
no script. Every string taken from the data (unit names, regions, follow-up excerpts) is
escaped. Text is Indonesian in plain words (``lang="id"``); every chart has a text alternative
and the table of figures behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from pathlib import Path

from .. import plain_language
from .._version import __version__
from ..models import Satisfaction, Status
from ..privacy import redact_text
from ._metrics import NO_REGION, NO_UNIT
from ._period import MONTHS_SHORT, format_period
from ._svg import Bar, Series, hbar_chart, vbar_chart
from ._types import Dimension, GroupMetrics, MonevReport, RankEntry, StageOnTime

__all__ = ["MAX_CHART_BARS", "MAX_FLAGGED_ROWS", "render_html", "write_html"]

#: Most bars in one horizontal chart (the tables list every group).
MAX_CHART_BARS = 15
#: Most flagged follow-ups listed in the page.
MAX_FLAGGED_ROWS = 200

_STAGE_LABELS = {
    "verification": "Verifikasi dan disposisi",
    "follow_up": "Tindak lanjut unit",
    "answer": "Jawaban, UU 25/2009",
    "completion": "Penyelesaian, UU 25/2009",
    "reporter_response": "Tanggapan pelapor",
    "first_response": "Respons pertama",
    "first_response_target": "Target respons pertama",
}
_FOLD_ROWS = 12
_BLUE = "#1d4f91"
_ORANGE = "#a3470a"
_GREEN = "#1e6b3a"
_CSS = """
:root{--ink:#1a1a1a;--muted:#4a4a4a;--line:#c8c8c8;--bg:#ffffff;--soft:#f3f5f8;--accent:#1d4f91}
*{box-sizing:border-box}
html{font-size:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
color:var(--ink);background:var(--bg);line-height:1.5}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem;z-index:1}
.skip:focus{left:.5rem}
header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.25rem}
header .meta{padding-bottom:.75rem;border-bottom:3px solid var(--accent)}
main>section:first-child h2{border-top:none}
h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0 .5rem}
h2{font-size:1.3rem;margin:2rem 0 .5rem;padding-top:.5rem;border-top:1px solid var(--line)}
h3{font-size:1.05rem;margin:1.25rem 0 .25rem}
p{margin:.4rem 0}
.meta{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(10.5rem,1fr));gap:.75rem;
margin:1rem 0;padding:0}
.card{background:var(--soft);border-left:4px solid var(--accent);padding:.6rem .8rem;margin:0}
.card dt{font-size:.9rem;color:var(--muted)}
.card dd{margin:0;font-size:1.35rem;font-weight:700}
.card dd small{display:block;font-size:.85rem;font-weight:400;color:var(--muted)}
figure{margin:1rem 0;max-width:32rem}
figcaption{font-weight:600;margin-bottom:.25rem}
svg.chart{display:block;height:auto;max-width:100%}
.note{font-size:.92rem;color:var(--muted)}
.table-wrap{overflow-x:auto;margin:.5rem 0 1rem;border:1px solid var(--line)}
.table-wrap:focus{outline:3px solid var(--accent)}
table{border-collapse:collapse;width:100%;font-size:.92rem}
caption{text-align:left;font-weight:600;padding:.4rem .5rem}
th,td{padding:.35rem .5rem;border-bottom:1px solid var(--line);text-align:left;
vertical-align:top}
thead th{background:var(--soft)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.num{white-space:nowrap}
th.short{white-space:nowrap}
details{margin:.5rem 0 1rem}
summary{cursor:pointer;font-weight:600;padding:.4rem 0;color:var(--accent)}
footer{margin-top:2rem;padding:1rem;border-top:1px solid var(--line);color:var(--muted);
font-size:.9rem}
@media (max-width:30rem){h1{font-size:1.35rem}.card dd{font-size:1.25rem}
th,td{padding:.3rem .35rem}}
@media print{.skip{display:none}.table-wrap{overflow:visible}}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _page_start(
    title: str, meta: str, *, css: str = _CSS, skip: str = "Langsung ke isi laporan"
) -> list[str]:
    """The lines of an accessible page up to ``<main>``: language, viewport, title, styles,
    a skip link and the header (``meta`` is HTML already escaped by the caller)."""
    return [
        "<!DOCTYPE html>",
        '<html lang="id"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        '<meta name="generator" content="lapor-sdk">',
        f"<style>{css}</style></head><body>",
        f'<a class="skip" href="#isi">{_e(skip)}</a>',
        f"<header><h1>{_e(title)}</h1>",
        f'<p class="meta">{meta}</p></header>',
        '<main id="isi">',
    ]


def _pct(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 100:.1f}".replace(".", ",") + " %"


def _num(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}".replace(".", ",")


def _hours(value: float | None) -> str:
    return "–" if value is None else f"{_num(value)} jam kerja"


def _when(moment: dt.datetime, tz: str) -> str:
    """``7 Maret 2025 pukul 17.00 WIB``."""
    return plain_language.format_datetime(moment, tz)


def _stage_label(stage: StageOnTime) -> str:
    name = _STAGE_LABELS.get(stage.stage, stage.stage)
    return f"{name} (≤ {stage.target})" if stage.target else name


def _table(
    *,
    caption: str,
    headers: Sequence[tuple[str, bool]],
    rows: Sequence[Sequence[tuple[str, bool]]],
    header_col: int = 0,
    fold: bool = True,
) -> str:
    """Build a table; each cell is (already-escaped html, is_numeric).

    The cell in column ``header_col`` of each row is its ``<th scope="row">``. Tables longer
    than :data:`_FOLD_ROWS` rows are folded in a ``<details>`` so a phone page stays short.
    """
    out = [
        # "Tabel: …" keeps the region's name apart from a section titled like the caption.
        f'<div class="table-wrap" role="region" tabindex="0" aria-label="Tabel: {_e(caption)}">',
        f"<table><caption>{_e(caption)}</caption><thead><tr>",
    ]
    for text, numeric in headers:
        cls = ' class="num"' if numeric else ""
        out.append(f'<th scope="col"{cls}>{text}</th>')
    out.append("</tr></thead><tbody>")
    if not rows:
        out.append(f'<tr><td colspan="{len(headers)}">Belum ada data.</td></tr>')
    for row in rows:
        out.append("<tr>")
        for index, (text, numeric) in enumerate(row):
            cls = ' class="num"' if numeric else ""
            if index == header_col:
                if len(text) <= 12:
                    cls = ' class="num short"' if numeric else ' class="short"'
                out.append(f'<th scope="row"{cls}>{text}</th>')
            else:
                out.append(f"<td{cls}>{text}</td>")
        out.append("</tr>")
    out.append("</tbody></table></div>")
    html = "".join(out)
    if fold and len(rows) > _FOLD_ROWS:
        html = (
            f"<details><summary>{_e(caption)}: tampilkan tabel ({len(rows)} baris)</summary>"
            f"{html}</details>"
        )
    return html


def _figure(chart: str, caption: str, note: str) -> str:
    return (
        f"<figure><figcaption>{_e(caption)}</figcaption>{chart}"
        f'<p class="note">{_e(note)}</p></figure>'
    )


def _cards(report: MonevReport) -> str:
    t = report.total
    stage_rates = {s.stage: s for s in t.on_time}
    follow_stage = stage_rates.get("follow_up")
    items = [
        ("Laporan masuk", f"{t.reports}", f"{t.by_status[Status.ARCHIVED]} diarsipkan"),
        (
            "Tingkat tindak lanjut",
            _pct(t.follow_up_rate),
            f"{t.followed_up} dari {t.disposed} laporan terdisposisi",
        ),
        (
            "Tepat waktu (semua tahap)",
            _pct(t.on_time_rate),
            (
                f"tindak lanjut: {_pct(follow_stage.on_time_rate)}"
                if follow_stage
                else "batas waktu tidak dinilai"
            ),
        ),
        (
            "Waktu verifikasi (median)",
            _hours(t.verification.median_hours),
            f"90 % selesai dalam {_hours(t.verification.p90_hours)}",
        ),
        (
            "Waktu tindak lanjut (median)",
            _hours(t.follow_up_time.median_hours),
            f"90 % selesai dalam {_hours(t.follow_up_time.p90_hours)}",
        ),
        (
            "Indeks kepuasan (0–100)",
            _num(t.satisfaction.index),
            f"dari {t.satisfaction.rated} penilaian",
        ),
        ("Dibuka kembali", _pct(t.reopen_rate), f"{t.reopened} dari {t.completed} laporan selesai"),
        (
            "Tindak lanjut normatif",
            _pct(t.normative_rate),
            f"{t.normative_follow_ups} dari {t.follow_ups_checked} jawaban",
        ),
    ]
    cells = "".join(
        f'<div class="card"><dt>{_e(label)}</dt><dd>{_e(value)}<small>{_e(sub)}</small></dd></div>'
        for label, value, sub in items
    )
    return f'<dl class="cards">{cells}</dl>'


def _period_name(group: GroupMetrics) -> str:
    """The period as dates ("3–9 Feb 2025", "Februari 2025"); the key if it has no dates."""
    if group.period_start is None or group.period_end is None:
        return group.key
    return format_period(group.period_start, group.period_end)


def _period_label(group: GroupMetrics, weekly: bool) -> str:
    """Short x-axis label: the Monday of a week ("3 Feb"), or the month ("Feb")."""
    start = group.period_start
    if start is None:
        return group.key
    month = MONTHS_SHORT[start.month - 1]
    return f"{start.day} {month}" if weekly else month


def _span(periods: list[GroupMetrics]) -> str:
    first, last = periods[0].period_start, periods[-1].period_end
    if first is None or last is None:
        return f"{periods[0].key} s.d. {periods[-1].key}"
    return format_period(first, last)


def _trend(report: MonevReport) -> str:
    periods = report.groups.get(Dimension.PERIOD, [])
    weekly = report.period_kind.value == "week"
    unit = "minggu" if weekly else "bulan"
    labels = [_period_label(p, weekly) for p in periods]
    received = [float(p.reports) for p in periods]
    answered = [float(p.followed_up) for p in periods]
    if periods:
        peak = max(periods, key=lambda p: p.reports)
        desc = (
            f"Grafik batang jumlah laporan per {unit}, {_span(periods)}. Terbanyak pada "
            f"{_period_name(peak)}: {peak.reports} laporan. "
            "Angka lengkap ada di tabel di bawah grafik."
        )
    else:
        desc = "Belum ada laporan."
    chart = vbar_chart(
        chart_id="tren",
        title=f"Laporan masuk dan yang sudah ditindaklanjuti per {unit}",
        desc=desc,
        categories=labels,
        series=[
            Series("Laporan masuk", received, _BLUE),
            Series("Sudah ditindaklanjuti", answered, _ORANGE),
        ],
    )
    rows = [
        [
            (_e(_period_name(p)), False),
            (str(p.reports), True),
            (str(p.followed_up), True),
            (_pct(p.follow_up_rate), True),
            (_pct(p.on_time_rate), True),
        ]
        for p in periods
    ]
    table = _table(
        caption=f"Data tren per {unit} (menurut waktu laporan dibuat)",
        headers=[
            ("Periode", False),
            ("Laporan masuk", True),
            ("Sudah ditindaklanjuti", True),
            ("Tingkat tindak lanjut", True),
            ("Tepat waktu", True),
        ],
        rows=rows,
    )
    note = (
        "Batang biru polos (kiri): laporan yang masuk. Batang oranye bergaris (kanan): laporan "
        "yang sudah mendapat tindak lanjut. "
        + ("Label di bawah batang: hari Senin awal minggu. " if weekly else "")
        + "Kenaikan jumlah laporan setelah sosialisasi adalah tanda baik, bukan kegagalan."
    )
    return _figure(chart, f"Grafik: laporan per {unit}", note) + table


def _top(groups: list[GroupMetrics]) -> list[GroupMetrics]:
    return groups[:MAX_CHART_BARS]


def _on_time_units(report: MonevReport) -> str:
    units = [g for g in report.groups.get(Dimension.UNIT, []) if g.on_time]
    named = [g for g in units if g.key != NO_UNIT]
    shown = sorted(_top(named), key=lambda g: (-(g.on_time_rate or -1), g.key))
    bars = [
        Bar(
            g.key,
            None if g.on_time_rate is None else g.on_time_rate * 100,
            _pct(g.on_time_rate),
        )
        for g in shown
    ]
    best = shown[0] if shown else None
    desc = (
        f"Grafik batang persentase tahap yang selesai tepat waktu untuk {len(shown)} unit "
        "dengan laporan terbanyak. "
        + (
            f"Tertinggi: {best.key} dengan {_pct(best.on_time_rate)}. "
            if best and best.on_time_rate is not None
            else ""
        )
        + "Angka lengkap per tahap ada di tabel."
    )
    chart = hbar_chart(
        chart_id="tepat-waktu-unit",
        title="Ketepatan waktu per unit",
        desc=desc,
        bars=bars,
        max_value=100,
        color=_BLUE,
    )
    stages = [s.stage for s in report.total.on_time]
    headers = [("Unit", False), ("Laporan", True), ("Tepat waktu (semua tahap)", True)] + [
        (_e(_stage_label(s)), True) for s in report.total.on_time
    ]
    rows = []
    for g in units:
        per = {s.stage: s for s in g.on_time}
        row = [(_e(g.key), False), (str(g.reports), True), (_pct(g.on_time_rate), True)]
        for stage in stages:
            figures = per.get(stage)
            row.append((_pct(figures.on_time_rate) if figures else "–", True))
        rows.append(row)
    table = _table(caption="Ketepatan waktu per unit dan per tahap", headers=headers, rows=rows)
    note = (
        "Makin panjang batang, makin banyak tahap yang diselesaikan sebelum batas waktu. "
        "Laporan yang masih berjalan dan belum lewat batas waktu tidak dihitung."
    )
    if not units:
        note = "Ketepatan waktu tidak dinilai: batas waktu layanan tidak dihitung."
    return _figure(chart, "Grafik: persen tahap yang tepat waktu, per unit", note) + table


def _follow_up_regions(report: MonevReport) -> str:
    regions = _top([g for g in report.groups.get(Dimension.REGION, []) if g.key != NO_REGION])
    shown = sorted(regions, key=lambda g: (-(g.follow_up_rate or -1), g.key))
    bars = [
        Bar(
            g.key,
            None if g.follow_up_rate is None else g.follow_up_rate * 100,
            _pct(g.follow_up_rate),
        )
        for g in shown
    ]
    desc = (
        f"Grafik batang persentase laporan terdisposisi yang sudah ditindaklanjuti untuk "
        f"{len(shown)} kabupaten/kota. Angka lengkap ada di tabel."
    )
    chart = hbar_chart(
        chart_id="tindak-lanjut-wilayah",
        title="Tingkat tindak lanjut per kabupaten/kota",
        desc=desc,
        bars=bars,
        max_value=100,
        color=_GREEN,
    )
    rows = [
        [
            (_e(g.key), False),
            (str(g.reports), True),
            (str(g.disposed), True),
            (str(g.followed_up), True),
            (_pct(g.follow_up_rate), True),
            (_hours(g.follow_up_time.median_hours), True),
        ]
        for g in report.groups.get(Dimension.REGION, [])
    ]
    table = _table(
        caption="Tindak lanjut per kabupaten/kota",
        headers=[
            ("Kabupaten/kota", False),
            ("Laporan", True),
            ("Terdisposisi", True),
            ("Ditindaklanjuti", True),
            ("Tingkat tindak lanjut", True),
            ("Median waktu tindak lanjut", True),
        ],
        rows=rows,
    )
    note = (
        "Tingkat tindak lanjut = laporan terdisposisi yang sudah dijawab unit "
        "÷ laporan terdisposisi."
    )
    return _figure(chart, "Grafik: persen laporan yang ditindaklanjuti, per wilayah", note) + table


def _satisfaction(report: MonevReport) -> str:
    s = report.total.satisfaction
    bars = (
        [
            Bar(
                level.label,
                float(s.counts.get(level, 0)),
                f"{s.counts.get(level, 0)} ({_pct(s.counts.get(level, 0) / s.rated or None)})",
            )
            for level in Satisfaction
        ]
        if s.rated
        else [Bar(level.label, 0.0, "0") for level in Satisfaction]
    )
    desc = (
        f"Grafik batang jumlah penilaian pelapor per tingkat kepuasan, dari {s.rated} "
        f"penilaian. Indeks kepuasan: {_num(s.index)} dari 100."
    )
    chart = hbar_chart(
        chart_id="kepuasan",
        title="Kepuasan pelapor",
        desc=desc,
        bars=bars,
        max_value=max([float(v) for v in s.counts.values()] + [1.0]),
        color=_BLUE,
    )
    rows = [
        [
            (_e(level.label), False),
            (str(level.score), True),
            (str(s.counts.get(level, 0)), True),
            (_pct(s.counts.get(level, 0) / s.rated if s.rated else None), True),
        ]
        for level in Satisfaction
    ]
    table = _table(
        caption=f"Sebaran kepuasan (indeks {_num(s.index)} dari 100)",
        headers=[("Tingkat", False), ("Skor", True), ("Jumlah", True), ("Persen", True)],
        rows=rows,
    )
    note = (
        "Indeks kepuasan = (rata-rata skor − 1) ÷ 3 × 100, dengan skor Sangat Puas 4, Puas 3, "
        "Cukup Puas 2, Tidak Puas 1. Semua Tidak Puas = 0, semua Sangat Puas = 100."
    )
    return _figure(chart, "Grafik: jumlah penilaian per tingkat kepuasan", note) + table


def _ranking_note(report: MonevReport) -> str:
    rule = report.ranking_rule
    if rule is None:
        return (
            '<p class="note">Skor = rata-rata dari tingkat tindak lanjut (%), ketepatan waktu '
            "(%) dan indeks kepuasan.</p>"
        )
    return (
        '<p class="note">Skor = rata-rata tiga angka: tingkat tindak lanjut (%), ketepatan '
        "waktu (%) dan indeks kepuasan. Unit dengan sedikit laporan bisa langsung juara atau "
        "jatuh karena satu-dua laporan. Karena itu, setiap angka unit ditarik ke angka seluruh "
        f"laporan. Unit dianggap punya {_num(rule.prior_weight, 0)} laporan tambahan yang "
        "nilainya sama dengan rata-rata (tindak lanjut "
        f"{_pct(rule.overall_follow_up_rate)}, tepat waktu {_pct(rule.overall_on_time_rate)}, "
        f"indeks kepuasan {_num(rule.overall_satisfaction_index)}). Makin banyak laporan, makin "
        "sedikit tarikannya. Angka yang tidak dimiliki unit (misalnya belum ada penilaian) "
        "dihitung sama dengan rata-rata, bukan dilewati. "
        f"Hanya unit dan kabupaten/kota dengan sedikitnya {rule.min_reports} laporan yang "
        "diberi peringkat"
        + _unranked(report)
        + ". Kolom “Skor tanpa penyesuaian” menunjukkan rata-rata angka unit itu sendiri.</p>"
    )


def _unranked(report: MonevReport) -> str:
    parts = []
    if report.unranked_units:
        parts.append(f"{report.unranked_units} unit")
    if report.unranked_regions:
        parts.append(f"{report.unranked_regions} kabupaten/kota")
    if not parts:
        return ""
    return f"; {' dan '.join(parts)} belum cukup laporannya"


def _provisional_note(report: MonevReport) -> str:
    if not report.provisional_years:
        return ""
    years = ", ".join(str(y) for y in report.provisional_years)
    marked = sum(s.provisional for s in report.total.on_time)
    return (
        f'<p class="note"><strong>Perhatian:</strong> SKB cuti bersama untuk tahun {years} '
        "belum ada dalam data hari libur. Hari kerja tahun itu dihitung sementara dari hari "
        f"libur nasional saja. Karena itu, {marked} batas waktu yang melewati tahun itu bersifat "
        "sementara. Batas waktu itu dapat bergeser setelah SKB terbit.</p>"
    )


def _ranking(entries: list[RankEntry], caption: str, name: str) -> str:
    rows = [
        [
            (str(e.rank), True),
            (_e(e.key), False),
            (_num(e.score), True),
            (_num(e.raw_score), True),
            (str(e.reports), True),
            (_pct(e.follow_up_rate), True),
            (_pct(e.on_time_rate), True),
            (_num(e.satisfaction_index), True),
        ]
        for e in entries
    ]
    return _table(
        caption=caption,
        headers=[
            ("Peringkat", True),
            (name, False),
            ("Skor", True),
            ("Skor tanpa penyesuaian", True),
            ("Laporan", True),
            ("Tindak lanjut", True),
            ("Tepat waktu", True),
            ("Indeks kepuasan", True),
        ],
        rows=rows,
        header_col=1,
        fold=False,
    )


def _breakdown(report: MonevReport, dimension: Dimension) -> str:
    rows = [
        [
            (_e(g.key), False),
            (str(g.reports), True),
            (_pct(g.follow_up_rate), True),
            (_hours(g.verification.median_hours), True),
            (_hours(g.follow_up_time.median_hours), True),
            (_pct(g.on_time_rate), True),
            (_num(g.satisfaction.index), True),
        ]
        for g in report.groups.get(dimension, [])
    ]
    return _table(
        caption=f"Ringkasan per {dimension.label.lower()}",
        headers=[
            (_e(dimension.label), False),
            ("Laporan", True),
            ("Tindak lanjut", True),
            ("Median verifikasi", True),
            ("Median tindak lanjut", True),
            ("Tepat waktu", True),
            ("Indeks kepuasan", True),
        ],
        rows=rows,
    )


def _status_table(report: MonevReport) -> str:
    t = report.total
    rows = [
        [
            (_e(status.label), False),
            (str(t.by_status.get(status, 0)), True),
            (_pct(t.by_status.get(status, 0) / t.reports if t.reports else None), True),
        ]
        for status in Status
    ]
    return _table(
        caption="Jumlah laporan per status saat ini",
        headers=[("Status", False), ("Jumlah", True), ("Persen", True)],
        rows=rows,
    )


def _quality(report: MonevReport, tz: str) -> str:
    items = report.flagged_follow_ups
    shown = items[-MAX_FLAGGED_ROWS:][::-1]
    rows = [
        [
            (_e(q.reference), False),
            (_e(q.unit or "–"), False),
            (_e(_when(q.at, tz)), False),
            (_e(redact_text(q.excerpt)), False),  # excerpts are free text: never unredacted
            ("<br>".join(_e(r) for r in q.finding.reasons), False),
        ]
        for q in shown
    ]
    intro = (
        f"<p>{len(items)} dari {report.total.follow_ups_checked} jawaban unit bersifat "
        "normatif: tidak menyebut tindakan nyata, tempat, waktu, atau hasil. Contoh jawaban "
        "normatif: “Terima kasih, akan kami tindak lanjuti.” Jawaban yang baik menyebut apa "
        "yang sudah dikerjakan, di mana, kapan, dan hasilnya.</p>"
    )
    if len(items) > len(shown):
        intro += f'<p class="note">Ditampilkan {len(shown)} jawaban terbaru.</p>'
    return intro + _table(
        caption="Jawaban unit yang bersifat normatif (terbaru dahulu)",
        headers=[
            ("Nomor laporan", False),
            ("Unit", False),
            ("Waktu", False),
            ("Kutipan jawaban", False),
            ("Alasan", False),
        ],
        rows=rows,
    )


def render_html(report: MonevReport, *, title: str = "Laporan Monev Pengelolaan Pengaduan") -> str:
    """Render a monev report as one self-contained, accessible HTML page.

    The page needs no network (inline CSS, inline SVG charts, no script), works on a phone
    (responsive CSS, viewport meta) and is accessible: ``lang="id"``, charts with
    ``role="img"``, ``<title>``/``<desc>`` and the table behind each, tables with
    ``<th scope>``, contrast of at least 4.5:1 for text. Every string from the data is escaped.

    Args:
        report: Output of :func:`compute_monev`.
        title: Page title (escaped).

    Returns:
        The HTML document.

    Example:
        >>> import datetime as dt
        >>> from lapor_sdk.monev import compute_monev, render_html, sample_complaints
        >>> now = dt.datetime(2025, 4, 1, tzinfo=dt.UTC)
        >>> html = render_html(compute_monev(sample_complaints(30, seed=2), now=now))
        >>> html.startswith("<!DOCTYPE html>")
        True
    """
    tz = report.timezone
    periods = report.groups.get(Dimension.PERIOD, [])
    span = _span(periods) if periods else "–"
    stages = report.total.on_time
    stage_rows = [
        [
            (_e(_stage_label(s)), False),
            (str(s.met), True),
            (str(s.missed), True),
            (str(s.breached), True),
            (str(s.open), True),
            (_pct(s.on_time_rate), True),
        ]
        for s in stages
    ]
    meta = (
        f"Keadaan per {_e(_when(report.generated_at, tz))} · "
        f"{report.total.reports} laporan · periode {_e(span)}"
    )
    parts = [
        *_page_start(title, meta),
        '<section aria-labelledby="h-ringkasan"><h2 id="h-ringkasan">Ringkasan</h2>',
        _cards(report),
        "</section>",
        '<section aria-labelledby="h-tren"><h2 id="h-tren">Tren laporan</h2>',
        _trend(report),
        "</section>",
        '<section aria-labelledby="h-waktu"><h2 id="h-waktu">Ketepatan waktu</h2>',
        _table(
            caption="Ketepatan waktu per tahap (semua laporan)",
            headers=[
                ("Tahap", False),
                ("Tepat waktu", True),
                ("Terlambat", True),
                ("Lewat batas, belum selesai", True),
                ("Masih berjalan", True),
                ("Persen tepat waktu", True),
            ],
            rows=stage_rows,
        ),
        _provisional_note(report),
        _on_time_units(report),
        "</section>",
        '<section aria-labelledby="h-wilayah"><h2 id="h-wilayah">Tindak lanjut per '
        "kabupaten/kota</h2>",
        _follow_up_regions(report),
        "</section>",
        '<section aria-labelledby="h-puas"><h2 id="h-puas">Kepuasan pelapor</h2>',
        _satisfaction(report),
        "</section>",
        '<section aria-labelledby="h-peringkat"><h2 id="h-peringkat">Peringkat</h2>',
        _ranking_note(report),
        _ranking(report.unit_ranking, "Peringkat unit", "Unit"),
        _ranking(report.region_ranking, "Peringkat kabupaten/kota", "Kabupaten/kota"),
        "</section>",
        '<section aria-labelledby="h-kualitas"><h2 id="h-kualitas">Kualitas jawaban</h2>',
        _quality(report, tz),
        "</section>",
        '<section aria-labelledby="h-rincian"><h2 id="h-rincian">Rincian</h2>',
        _status_table(report),
        _breakdown(report, Dimension.AGENCY),
        _breakdown(report, Dimension.CHANNEL),
        _breakdown(report, Dimension.CATEGORY),
        "</section>",
        "</main>",
        f"<footer>Dibuat dengan lapor-sdk {_e(__version__)}. Waktu dihitung dalam jam kerja "
        "kantor (hari libur nasional dan cuti bersama tidak dihitung).</footer>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def write_html(report: MonevReport, path: str | Path, **kwargs: str) -> Path:
    """Render the report with :func:`render_html` and write it as UTF-8.

    Args:
        report: Output of :func:`compute_monev`.
        path: Where to write the file.
        **kwargs: Passed to :func:`render_html` (``title``).

    Returns:
        The path written.
    """
    target = Path(path)
    target.write_text(render_html(report, **kwargs), encoding="utf-8")
    return target
