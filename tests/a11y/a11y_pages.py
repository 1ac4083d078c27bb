"""Every page the SDK renders, built from realistic data: the table the accessibility tests run.

One :class:`PageCase` per page. A new renderer (the personal-data export page of issue #16,
say) is one more entry in :data:`PAGES`: a builder that returns the document, and the tests
run axe-core, the keyboard walk and the 200 % zoom check on it at every width.

The data is meant to hurt: many units with long Indonesian names (the longest kab/kota names
of the Kemendagri list), units with a single report, weeks without any report, a year whose
cuti bersama decree is not out yet (provisional deadlines), empty periods, hostile-looking
claim texts, long register entries. No real personal data: names and numbers are made up.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from hoax_clinic import Claim, ClaimTracker, Label, Platform
from hoax_clinic.publish import Publisher, atom_feed, claim_review_json, html_snippet, rss_feed
from lapor_sdk import ppid
from lapor_sdk.models import Channel, Complaint
from lapor_sdk.monev import (
    PeriodKind,
    SampleRegion,
    compute_monev,
    render_html,
    sample_complaints,
)
from lapor_sdk.sla import ProvisionalCalendarWarning, WorkingCalendar

__all__ = ["PAGES", "PageCase"]

WIB = dt.timezone(dt.timedelta(hours=7))


@dataclass(frozen=True)
class PageCase:
    """One rendered output of the SDK, as a browser opens it."""

    id: str
    """Test id and file stem (``"monev"``)."""
    build: Callable[[], str]
    """Returns the document's text (HTML, or XML for a feed)."""
    kind: Literal["page", "feed"] = "page"
    """``"page"``: an HTML page, checked with axe, keyboard and zoom. ``"feed"``: RSS/Atom,
    checked for what the browser shows (well-formed, language declared)."""
    shot: str | None = None
    """Screenshot name prefix for the docs (``<shot>-phone.png``, ``<shot>-desktop.png``)."""
    shot_widths: tuple[str, ...] = ("phone", "desktop")
    """Which of the two screenshots the docs use."""

    @property
    def suffix(self) -> str:
        """File name extension the browser decides the viewer by."""
        return ".html" if self.kind == "page" else ".xml"


# --- monev -----------------------------------------------------------------------------------

#: The longest kab/kota names of the Kemendagri list (codes from the shipped region data).
LONG_REGIONS = (
    SampleRegion("31.01", "Kabupaten Administrasi Kepulauan Seribu", ("Kepulauan Seribu Utara",)),
    SampleRegion("71.09", "Kabupaten Kep. Siau Tagulandang Biaro", ("Siau Barat Selatan",)),
    SampleRegion("16.12", "Kabupaten Penukal Abab Lematang Ilir", ("Talang Ubi", "Abab")),
    SampleRegion("16.09", "Kabupaten Ogan Komering Ulu Selatan", ("Muaradua", "Buay Runjung")),
    SampleRegion("71.11", "Kabupaten Bolaang Mongondow Selatan", ("Bolaang Uki", "Pinolosian")),
    SampleRegion("73.10", "Kabupaten Pangkajene dan Kepulauan", ("Liukang Tupabbiring Utara",)),
    SampleRegion("31.74", "Kota Administrasi Jakarta Selatan", ("Kebayoran Baru", "Cilandak")),
    SampleRegion("35.22", "Kabupaten Bojonegoro", ("Bojonegoro", "Kapas")),
)

#: Units that get a single report each (they are listed, not ranked).
ONE_REPORT_UNITS = (
    "UPT Pengelolaan Prasarana dan Sarana Permukiman Wilayah Kepulauan",
    "Badan Penanggulangan Bencana Daerah",
    "Satuan Polisi Pamong Praja dan Pemadam Kebakaran",
    "RSUD dr. Soedono",
    "Kantor Kecamatan Liukang Tupabbiring Utara",
)

MONEV_NOW = dt.datetime(2025, 4, 18, 17, 0, tzinfo=WIB)


def _one_report_units(complaints: list[Complaint]) -> list[Complaint]:
    """Move the first few reports to units of their own (listed, too few to rank)."""
    out = list(complaints)
    for index, unit in enumerate(ONE_REPORT_UNITS):
        out[index] = out[index].model_copy(update={"unit": unit})
    return out


def monev_many_units() -> str:
    """Seven weeks with a four-week gap, 48 units with long names, five one-report units."""
    early = sample_complaints(
        220,
        seed=11,
        start=dt.datetime(2025, 1, 6, 8, 0, tzinfo=WIB),
        weeks=4,
        now=MONEV_NOW,
        regions=LONG_REGIONS,
    )
    late = sample_complaints(
        140,
        seed=12,
        start=dt.datetime(2025, 3, 3, 8, 0, tzinfo=WIB),  # no report 3 Feb – 2 Mar
        weeks=3,
        now=MONEV_NOW,
        regions=LONG_REGIONS,
    )
    report = compute_monev(_one_report_units(early + late), now=MONEV_NOW)
    return render_html(report, title="Laporan Monev Pengelolaan Pengaduan Triwulan I 2025")


def monev_provisional() -> str:
    """Late 2027 into 2028 (no cuti bersama decree yet): provisional deadlines, by month."""
    now = dt.datetime(2028, 1, 14, 17, 0, tzinfo=WIB)
    complaints = sample_complaints(
        90, seed=27, start=dt.datetime(2027, 11, 1, 8, 0, tzinfo=WIB), weeks=10, now=now
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProvisionalCalendarWarning)
        report = compute_monev(
            complaints, now=now, period=PeriodKind.MONTH, calendar=WorkingCalendar.indonesia()
        )
    assert report.provisional_years, "the page must carry the provisional-calendar note"
    return render_html(report)


def monev_empty() -> str:
    """A period with no report at all: every chart and table is empty."""
    return render_html(compute_monev([], now=MONEV_NOW), title="Laporan Monev Pengaduan")


# --- PPID --------------------------------------------------------------------------------------

PPID_NOW = dt.datetime(2025, 12, 31, 17, 0, tzinfo=WIB)
_INFORMATION = (
    "Salinan dokumen kontrak, addendum dan berita acara serah terima pekerjaan peningkatan "
    "jalan poros Desa Sumberrejo – Desa Kalitidu tahun anggaran 2025, beserta rincian "
    "anggaran biaya dan laporan konsultan pengawas",
    "Data jumlah penerima bantuan sosial pangan per desa/kelurahan di Kecamatan Talang Ubi",
    "Daftar informasi publik (DIP) Dinas Komunikasi dan Informatika",
    "Hasil uji laboratorium air PDAM di 12 titik sampel bulan Juni 2025",
)


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=WIB)


def _requests() -> list[ppid.InformationRequest]:
    """Forty requests over 2025: granted, partly granted, refused, objected, disputed, late."""
    requester = ppid.Requester(name="Pemohon Contoh", occupation="Mahasiswa")
    out = []
    kinds = list(ppid.DecisionKind)
    channels = (Channel.FACE_TO_FACE, Channel.EMAIL, Channel.LAPOR_WEB, Channel.WHATSAPP)
    for n in range(40):
        received = dt.date(2025, 1, 6) + dt.timedelta(days=9 * n)
        if received.weekday() >= 5:
            received += dt.timedelta(days=7 - received.weekday())
        r = ppid.register(
            number=f"PPID/2025/{n + 1:04d}",
            received_at=_at(received),
            requester=requester,
            information=_INFORMATION[n % len(_INFORMATION)],
            purpose="Bahan penelitian skripsi",
            channel=channels[n % len(channels)],
        )
        if n % 10 == 9:  # still pending at the end of the year
            out.append(r)
            continue
        if n % 7 == 3:
            r = ppid.extend(
                r,
                at=_at(received + dt.timedelta(days=3)),
                days=7,
                reason="Dokumen berada di arsip dinas teknis",
            )
        kind = kinds[n % len(kinds)]
        late = 25 if n % 6 == 5 else 4
        grounds: list[ppid.ExemptionGround] = []
        if kind in (ppid.DecisionKind.REJECTED_EXEMPT, ppid.DecisionKind.PARTLY_GRANTED):
            grounds = [ppid.ExemptionGround("h")]
        r = ppid.decide(
            r,
            at=_at(received + dt.timedelta(days=late)),
            kind=kind,
            grounds=grounds,
            consequence_test="Data pribadi penerima dihitamkan" if grounds else None,
            holder="Badan Pusat Statistik Provinsi" if kind is ppid.DecisionKind.NOT_HELD else None,
            cost=12_500 if kind.gives_information else 0,
        )
        if kind is ppid.DecisionKind.REJECTED_EXEMPT:
            objected = received + dt.timedelta(days=late + 3)
            r = ppid.object_to(
                r,
                at=_at(objected),
                number=f"KEB/2025/{n + 1:04d}",
                reasons=[ppid.ObjectionReason("a")],
            )
            r = ppid.answer_objection(
                r,
                at=_at(objected + dt.timedelta(days=17)),
                outcome=ppid.ObjectionOutcome.UPHELD,
                text="Menguatkan putusan PPID",
                superior="Sekretaris Daerah",
            )
            if n % 2:
                r = ppid.file_dispute(
                    r,
                    at=_at(objected + dt.timedelta(days=21)),
                    commission="Komisi Informasi Provinsi Jawa Timur",
                )
        out.append(r)
    return out


def ppid_report() -> str:
    """The yearly service report with both public registers."""
    requests = _requests()
    report = ppid.service_report(requests, period=ppid.ReportPeriod.year(2025), now=PPID_NOW)
    return ppid.render_report_html(
        report, requests, agency="PPID Utama Dinas Komunikasi dan Informatika Provinsi Jawa Timur"
    )


def ppid_empty() -> str:
    """A semester without any request."""
    report = ppid.service_report([], period=ppid.ReportPeriod.semester(2025, 1), now=PPID_NOW)
    return ppid.render_report_html(report, agency="PPID Pembantu Kecamatan Talang Ubi")


# --- hoax clinic -------------------------------------------------------------------------------

ORG = Publisher(name="Diskominfo Provinsi Jawa Timur", url="https://kominfo.jatimprov.go.id")
HOAX_NOW = dt.datetime(2026, 6, 17, 16, 0, tzinfo=WIB)
_CLAIMS = (
    (
        "SEBARKAN!!! Air PDAM Surabaya tercemar bakteri E. coli, jangan diminum sampai ada "
        "pengumuman resmi. Info dari grup RT sebelah, hubungi 0812-3456-7890",
        Label.HOAKS,
        "PDAM Surya Sembada menyatakan air aman diminum. Hasil uji laboratorium Dinas Kesehatan "
        "pada 16 Juni 2026 di 12 titik sampel semuanya memenuhi baku mutu.",
        ("PDAM Surya Sembada Kota Surabaya", "Dinas Kesehatan Provinsi Jawa Timur"),
        "https://kominfo.jatimprov.go.id/klarifikasi/air-pdam-surabaya",
    ),
    (
        "Pendaftaran bantuan sosial Rp600.000 lewat tautan bit.ly/bansos-jatim-2026",
        Label.PENIPUAN,
        "Tautan itu bukan milik pemerintah. Bantuan sosial tidak pernah didaftarkan lewat "
        "tautan berantai. Jangan mengisi data pribadi Anda.",
        ("Dinas Sosial Provinsi Jawa Timur",),
        None,
    ),
    (
        "Video jembatan Kali Brantas ambruk hari ini",
        Label.MISINFORMASI,
        "Video itu rekaman tahun 2019 dari daerah lain. Jembatan Kali Brantas dalam keadaan baik.",
        (),
        "https://kominfo.jatimprov.go.id/klarifikasi/jembatan-brantas",
    ),
)


def _clarified_claims() -> list[Claim]:
    tracker = ClaimTracker(clock=lambda: HOAX_NOW)
    claims = []
    for index, (text, label, answer, sources, url) in enumerate(_CLAIMS):
        seen = HOAX_NOW - dt.timedelta(hours=8 - index)
        logged = tracker.log(text, platform=Platform.WHATSAPP, seen_at=seen)
        tracker.set_verdict(logged.claim.id, label, at=seen + dt.timedelta(hours=1))
        claims.append(
            tracker.clarify(
                logged.claim.id,
                text=answer,
                sources=sources,
                url=url,
                at=seen + dt.timedelta(hours=2, minutes=30),
            )
        )
    tracker.close()
    return claims


def hoax_snippets() -> str:
    """Three clarification snippets with their ClaimReview JSON-LD, in a plain host page.

    The host is the least an agency's page has (``lang``, a title, one ``h1``, a ``main``
    landmark, an ``h2`` above the list): what is checked is the snippets.
    """
    claims = _clarified_claims()
    scripts = "".join(
        '<script type="application/ld+json">'
        + claim_review_json(c, publisher=ORG, url=f"{ORG.url}/klarifikasi/{c.id}")
        + "</script>"
        for c in claims
    )
    snippets = "\n".join(html_snippet(c) for c in claims)
    return (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Klarifikasi hoaks — {ORG.name}</title>{scripts}</head><body>"
        f"<main><h1>Klarifikasi hoaks</h1><h2>Klarifikasi terbaru</h2>{snippets}</main>"
        "</body></html>"
    )


def hoax_rss() -> str:
    """The RSS 2.0 feed of the clarifications."""
    return rss_feed(_clarified_claims(), publisher=ORG)


def hoax_atom() -> str:
    """The Atom 1.0 feed of the clarifications."""
    return atom_feed(_clarified_claims(), publisher=ORG)


#: Every rendered output, in the order the tests run them.
# --- personal-data export (UU 27/2022 Pasal 32) ---------------------------------------------


def pdp_export() -> str:
    """One reporter's export: complaints (a long one with many events), a PPID request,
    a hoax sighting; made-up identity, hostile-looking text."""
    from lapor_sdk import lifecycle, pdp
    from lapor_sdk.models import Reporter, Role
    from lapor_sdk.storage import ComplaintStore, create_engine

    engine = create_engine("sqlite://")
    person = Reporter(name="Budi Santoso", phone="0813-1111-2222", nik="3578010101900001")
    store = ComplaintStore(engine)
    c = lifecycle.create(
        title="Jalan berlubang <b>di depan</b> SDN 1 Kepulauan Seribu Utara & sekitarnya",
        description="Lubang besar sejak Januari. " * 20,
        created_at=dt.datetime(2025, 3, 3, 9, 0, tzinfo=WIB),
        external_ref="app:pdp-1",
        tracking_id="LAPOR-2025-000901",
        reporter=person,
    )
    c = lifecycle.verify(
        c, by=Role.AGENCY_ADMIN, at=dt.datetime(2025, 3, 3, 10, 0, tzinfo=WIB),
        agency="pemkab-kepulauan-seribu", unit="Dinas Pekerjaan Umum dan Penataan Ruang",
    )  # fmt: skip
    store.save(c)
    pstore = ppid.PpidStore(engine)
    pstore.add(
        ppid.register(
            number="PPID/2025/0042",
            requester=ppid.Requester(name="Budi Santoso", phone="0813-1111-2222"),
            information="Salinan kontrak perbaikan jalan 2024",
            received_at=dt.datetime(2025, 3, 4, 9, 0, tzinfo=WIB),
        )
    )
    stores = [pdp.open_store(k, engine) for k in ("complaints", "ppid")]
    export = pdp.export_subject(
        pdp.DataSubject(phone="081311112222"),
        stores,
        now=dt.datetime(2025, 3, 5, 9, 0, tzinfo=WIB),
        request_id="PDP-20250305-0001",
    )
    return pdp.render_export_html(export, agency="Diskominfo Kabupaten Kepulauan Seribu")


def pdp_export_empty() -> str:
    """The export of someone the stores know nothing about."""
    from lapor_sdk import pdp
    from lapor_sdk.storage import create_engine

    engine = create_engine("sqlite://")
    export = pdp.export_subject(
        pdp.DataSubject(email="tidak.ada@contoh.id"),
        [pdp.open_store("complaints", engine)],
        now=dt.datetime(2025, 3, 5, 9, 0, tzinfo=WIB),
    )
    return pdp.render_export_html(export)


PAGES = (
    PageCase("monev", monev_many_units, shot="monev-report"),
    PageCase("monev-provisional", monev_provisional),
    PageCase("monev-empty", monev_empty),
    PageCase("ppid-report", ppid_report, shot="ppid-report", shot_widths=("phone",)),
    PageCase("ppid-empty", ppid_empty),
    PageCase("hoax-snippets", hoax_snippets, shot="hoax-snippet", shot_widths=("phone",)),
    PageCase("pdp-export", pdp_export),
    PageCase("pdp-export-empty", pdp_export_empty),
    PageCase("hoax-rss", hoax_rss, kind="feed"),
    PageCase("hoax-atom", hoax_atom, kind="feed"),
)
