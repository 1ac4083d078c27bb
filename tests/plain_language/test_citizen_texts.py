"""Every text the SDK writes for citizens passes the plain-language checker.

Prompts to reporters (what a report still lacks), PPID notices for each kind of decision, the
hoax clinic's published clarifications in every format, and the Indonesian labels citizens
read. The prose of the HTML pages is checked in tests/a11y/test_a11y_plain_text.py, beside
the pages' builders. Quoted hoaxes are the hoaxers' words, not ours: they are taken out
before checking.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

import hoax_clinic.models
from hoax_clinic import Claim, ClaimTracker, Label, Platform
from hoax_clinic.publish import (
    Publisher,
    atom_feed,
    html_snippet,
    public_claim_text,
    rss_feed,
    social_post,
    whatsapp_message,
)
from lapor_sdk import models, ppid
from lapor_sdk.models import Channel, Complaint, Location, Reporter
from lapor_sdk.plain_language import check_text
from lapor_sdk.validation import PROMPTS, missing_information

WIB = dt.timezone(dt.timedelta(hours=7))
AT = dt.datetime(2025, 3, 3, 9, 0, tzinfo=WIB)
#: Place values as long as real ones (the longest kab/kota names).
PLACES = {
    "street": "Jl. Letnan Jenderal S. Parman",
    "options": "Kabupaten Bolaang Mongondow Selatan, Kabupaten Bolaang Mongondow Timur, atau "
    "Kabupaten Bolaang Mongondow Utara",
    "province": "Sulawesi Utara",
    "region": "Kabupaten Administrasi Kepulauan Seribu",
}


def assert_plain(text: str, where: str) -> None:
    found = check_text(text)
    assert not found, f"{where}: " + "; ".join(f"{f} [{f.excerpt!r}]" for f in found)


# --- messages to reporters ---------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(PROMPTS))
def test_prompt_templates(key: str) -> None:
    assert_plain(PROMPTS[key].format(**PLACES), f"PROMPTS[{key!r}]")


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"description": "Halo"}, id="no-description"),
        pytest.param({"description": "Gaji guru honorer belum dibayar tiga bulan."}, id="where"),
        pytest.param({"description": "Lampu PJU di Jl. Ahmad Yani mati seminggu."}, id="street"),
        pytest.param({"description": "Jalan di Malang rusak parah sejak bulan lalu."}, id="which"),
        pytest.param(
            {"description": "Jembatan di Kota Malang retak dan goyang dilewati truk."},
            id="precise",
        ),
        pytest.param(
            {
                "description": "Banjir setinggi lutut di Jawa Timur sejak semalam.",
                "location": Location(province_code="35"),
            },
            id="province",
        ),
        pytest.param(
            {"title": "", "description": "Sampah menumpuk di pasar Kota Malang sepekan."},
            id="title",
        ),
        pytest.param(
            {
                "description": "Sampah menumpuk di pasar Kota Malang sepekan.",
                "channel": Channel.WHATSAPP,
                "reporter": Reporter(name="Warga"),
            },
            id="contact",
        ),
    ],
)
def test_what_reporters_are_asked(fields: dict[str, object]) -> None:
    fields.setdefault("title", "Laporan warga")
    fields.setdefault("channel", Channel.LAPOR_WEB)
    complaint = Complaint(created_at=AT, **fields)  # type: ignore[arg-type]
    asked = missing_information(complaint)
    assert asked, "the case must ask the reporter something"
    for info in asked:
        assert_plain(info.prompt, info.kind.value)


# --- PPID notices ------------------------------------------------------------------------------


def _decided() -> Iterator[tuple[str, ppid.InformationRequest]]:
    requester = ppid.Requester(name="Pemohon Contoh")
    for kind in ppid.DecisionKind:
        for late in (False, True):
            request = ppid.register(
                number=f"PPID/2025/{kind.value}",
                received_at=AT,
                requester=requester,
                information="Salinan kontrak pekerjaan jalan poros desa tahun 2025",
            )
            grounds = (
                ["h"]
                if kind in (ppid.DecisionKind.REJECTED_EXEMPT, ppid.DecisionKind.PARTLY_GRANTED)
                else []
            )
            decided = ppid.decide(
                request,
                at=AT + dt.timedelta(days=30 if late else 3),
                kind=kind,
                grounds=grounds,  # type: ignore[arg-type]
                consequence_test="Data pribadi pegawai dihitamkan." if grounds else None,
                holder="Badan Pusat Statistik Provinsi Jawa Timur"
                if kind is ppid.DecisionKind.NOT_HELD
                else None,
                cost=1_250_000 if kind.gives_information else 0,
                note="Salinan dikirim lewat surel." if kind.gives_information else None,
            )
            yield f"{kind.value}{'-late' if late else ''}", decided


@pytest.mark.parametrize(("name", "request_"), list(_decided()), ids=lambda v: str(v)[:30])
def test_ppid_notice_for_each_decision(name: str, request_: ppid.InformationRequest) -> None:
    text = ppid.answer_text(request_)
    assert_plain(text, name)
    if request_.decision is not None and request_.decision.cost:
        assert "Rp1.250.000" in text
    assert re.search(r"\w+, \d{1,2} \w+ 20\d\d pukul \d\d\.\d\d WIB", text)


# --- published clarifications -----------------------------------------------------------------

ORG = Publisher(name="Diskominfo Kota Contoh", url="https://kominfo.contoh.go.id")
NOW = dt.datetime(2026, 6, 17, 15, 0, tzinfo=WIB)
CLAIMS = (
    (
        "SEBARKAN!!! Air PDAM yg tercemar bakteri, jgn diminum",
        Label.HOAKS,
        "PDAM Kota Contoh menyatakan air aman diminum. Hasil uji laboratorium pada 16 Juni 2026 "
        "di 12 titik sampel memenuhi baku mutu.",
        ("PDAM Kota Contoh", "Dinas Kesehatan"),
        "https://kominfo.contoh.go.id/klarifikasi/air-pdam",
    ),
    (
        "Daftar bansos Rp600.000 lewat tautan berantai",
        Label.PENIPUAN,
        "Tautan itu bukan milik pemerintah. Bantuan sosial tidak didaftarkan lewat pesan berantai.",
        (),
        None,
    ),
)


@pytest.fixture(scope="module")
def clarified() -> list[Claim]:
    tracker = ClaimTracker(clock=lambda: NOW)
    out = []
    for index, (text, label, answer, sources, url) in enumerate(CLAIMS):
        seen = NOW - dt.timedelta(hours=5 - index)
        logged = tracker.log(text, platform=Platform.WHATSAPP, seen_at=seen)
        tracker.set_verdict(logged.claim.id, label)
        out.append(
            tracker.clarify(
                logged.claim.id,
                text=answer,
                sources=sources,
                url=url,
                at=seen + dt.timedelta(hours=2),
            )
        )
    tracker.close()
    return out


def _ours(text: str, claim: Claim) -> str:
    """The text without the quoted hoax (public_claim_text of the claim)."""
    return text.replace(public_claim_text(claim.text), "«klaim»")


def test_html_snippet(clarified: list[Claim]) -> None:
    for claim in clarified:
        text = BeautifulSoup(html_snippet(claim), "html.parser").get_text(" ")
        assert " pukul " in text
        assert_plain(_ours(text, claim), f"html_snippet({claim.id})")


def test_whatsapp_message_and_social_post(clarified: list[Claim]) -> None:
    for claim in clarified:
        assert_plain(_ours(whatsapp_message(claim), claim), f"whatsapp_message({claim.id})")
        post = _ours(social_post(claim), claim)
        assert_plain(post.replace("…", "."), f"social_post({claim.id})")


def test_feeds(clarified: list[Claim]) -> None:
    for feed in (rss_feed(clarified, publisher=ORG), atom_feed(clarified, publisher=ORG)):
        root = ET.fromstring(feed)  # noqa: S314 - our own output
        for element in root.iter():
            if element.text and element.text.strip() and not element.text.startswith("http"):
                text = element.text
                for claim in clarified:
                    text = _ours(text, claim)
                if not re.fullmatch(r"[\d\-T:+ ,A-Za-z]*\d{2}:\d{2}(:\d{2})?[^ ]*", text):
                    assert_plain(text, f"feed <{element.tag}>")


# --- labels citizens read ----------------------------------------------------------------------


def _labels() -> Iterator[tuple[str, str]]:
    for module in (models, ppid, hoax_clinic.models):
        for name in dir(module):
            kind = getattr(module, name)
            if isinstance(kind, type) and issubclass(kind, enum.Enum) and hasattr(kind, "label"):
                for member in kind:
                    label = member.label  # type: ignore[attr-defined]
                    yield f"{name}.{member.name}", str(getattr(label, "value", label))


def test_every_indonesian_label() -> None:
    labels = list(_labels())
    assert len(labels) > 100
    for where, label in labels:
        assert_plain(label, where)
