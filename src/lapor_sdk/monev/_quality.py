"""Response-quality check: is a follow-up substantive or merely normative?

KemenPANRB's monev of SP4N-LAPOR! grades the *quality* of follow-ups: an answer must say what
was done, where, when and with what result. "Terima kasih, akan kami tindak lanjuti" is not a
follow-up. :func:`check_follow_up` looks for concrete signals (a date or day, a time, a place, a
concrete action in the past/perfect tense, a quantity, a named unit or officer, a result)
and for normative templates (template thanks, promises, "sudah kami teruskan ke dinas terkait",
"mohon bersabar"), and decides with one documented rule:

A follow-up is **substantive** when it reports a concrete *action* or *result*, or when it
gives at least two other kinds of concrete detail (for example the place and the date of a
scheduled inspection) and does not merely pass the report on. Otherwise it is **normative**,
and the finding says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from pydantic import BaseModel, ConfigDict

__all__ = ["MAX_FOLLOW_UP_CHARS", "QualityFinding", "SignalKind", "check_follow_up"]

#: Longest text examined; longer follow-ups are checked on their first this-many characters.
MAX_FOLLOW_UP_CHARS: Final = 20_000


class SignalKind:
    """Names of the kinds of concrete signal (the prefix of each entry of ``signals``)."""

    DATE: Final = "tanggal"
    TIME: Final = "waktu"
    PLACE: Final = "tempat"
    ACTION: Final = "tindakan"
    QUANTITY: Final = "jumlah"
    OFFICER: Final = "petugas/unit"
    RESULT: Final = "hasil"


class QualityFinding(BaseModel):
    """The verdict on one follow-up text.

    Attributes:
        normative: ``True`` when the text is a normative answer (no concrete action or result
            and fewer than two other concrete details).
        reasons: Why it was flagged, in plain Indonesian (shown to agency heads); empty when
            the follow-up is substantive.
        signals: The concrete details found, each ``"<kind>: <matched text>"`` with the kinds
            of :class:`SignalKind` (``"tempat: RT 03/RW 05"``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    normative: bool
    """Whether the follow-up is normative (not substantive)."""
    reasons: list[str]
    """Why it was flagged, in plain Indonesian."""
    signals: list[str]
    """Concrete details found, ``"<kind>: <text>"``."""


@dataclass(frozen=True)
class _Pattern:
    kind: str
    regex: re.Pattern[str]


_I = re.IGNORECASE

_MONTHS = (
    r"januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|"
    r"november|nopember|desember|jan|feb|mar|apr|jun|jul|agu|agt|ags|aug|sep|sept|okt|oct|"
    r"nov|des|dec"
)
_DAYS = r"senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad"

# Verbs that move paper, not problems: forwarding, noting, receiving, coordinating, processing.
_PAPER_VERBS = (
    r"(?:menindak\s*lanjuti|menindaklanjuti|meneruskan|menyampaikan|menerima|menampung|"
    r"menunggu|menjadi|merespons?|menanggapi|membalas|menjawab|mengupayakan|"
    r"mengusulkan|merencanakan|menjadwalkan|mengagendakan|memperhatikan|mempelajari|"
    r"melanjutkan|mengirimkan|memproses|berkoordinasi|berkomunikasi)\b|"
    r"(?:di\s?|ter|me|mem|men|meng|meny|ber|kami\s+)?"
    r"(?:teruskan|terus|sampaikan|sampai|disposisi|disposisikan|koordinasi|koordinasikan|"
    r"proses|tindak\s*lanjut|tindak\s*lanjuti|tindaklanjuti|tindaklanjut|catat|terima|"
    r"tampung|tunggu|rekap|agendakan|jadi|tangani|respon|respons|tanggapi|balas|jawab|informasikan|laporkan|lanjutkan|kirimkan|"
    r"daftarkan|input|inputkan|verifikasi|terimakasih|upayakan|usahakan|usulkan|"
    r"rencanakan|jadwalkan|anggarkan|programkan|pertimbangkan|perhatikan|pelajari)\b"
)

_SIGNALS: Final[tuple[_Pattern, ...]] = (
    _Pattern(
        SignalKind.DATE,
        re.compile(
            rf"\b(?:\d{{1,2}}\s+(?:{_MONTHS})\.?(?:\s+\d{{4}})?|(?:{_MONTHS})\s+\d{{4}}|\d{{1,2}}[/-]\d{{1,2}}[/-]\d{{2,4}}"
            rf"|(?:hari\s+)?(?:{_DAYS})(?:\s*\(\d{{1,2}}[/-]\d{{1,2}}(?:[/-]\d{{2,4}})?\))?"
            rf"|tanggal\s+\d{{1,2}}|tgl\.?\s*\d{{1,2}}|kemarin|pagi\s+tadi|siang\s+tadi)(?!\w)",
            _I,
        ),
    ),
    _Pattern(
        SignalKind.TIME,
        re.compile(
            r"\b(?:(?:pukul|jam|pkl\.?)\s*\d{1,2}(?:[.:]\d{2})?(?:\s*(?:wib|wita|wit))?"
            r"|\d{1,2}[.:]\d{2}\s*(?:wib|wita|wit))\b",
            _I,
        ),
    ),
    _Pattern(
        SignalKind.PLACE,
        re.compile(
            # Keywords in any case; the name after them must be capitalised (a proper name).
            r"(?:\b(?i:jl|jln)\.\s*\w+"
            r"|\b(?i:jalan)\s+(?!Terkait|Keluar|Ke\b|Yang\b|Rusak\b|Tersebut\b)[A-Z]\w+"
            r"|\b(?i:gang|gg\.)\s*[A-Z0-9]\w*"
            r"|\b(?i:desa|kelurahan|kel\.|kecamatan|kec\.|dusun|dukuh|kampung|perumahan|"
            r"perum\.?|kompleks)\s+(?!Terkait\b|Setempat\b|Tersebut\b|Anda\b)[A-Z]\w+"
            r"|\b(?i:rt)\.?\s*\d{1,3}(?:\s*/\s*(?i:rw)?\.?\s*\d{1,3})?|\b(?i:rw)\.?\s*\d{1,3}"
            r"|\b(?i:km)\.?\s*\d+(?:\s*\+\s*\d+)?"
            r"|\b(?i:depan|samping|belakang|seberang)\s+(?:[A-Z]\w+|"
            r"(?i:sd|smp|sma|masjid|pasar|balai|kantor|puskesmas)\w*))",
        ),
    ),
    _Pattern(
        SignalKind.ACTION,
        re.compile(
            rf"\b(?:sudah|telah|selesai|sempat)\s+(?:kami\s+|di\s?lakukan\s+)?"
            rf"(?!{_PAPER_VERBS})(?:di\s?|me|mem|men|meng|meny|ber|ter)[a-z]{{3,}}"
            rf"(?:\s+pe[a-z]{{3,}}an\b)?"
            rf"|\b(?:petugas|tim|regu|personel|kami)\s+(?:langsung\s+|sudah\s+|telah\s+)?"
            rf"(?:meninjau|mengecek|memeriksa|memperbaiki|membersihkan|mengangkut|menambal|"
            rf"memasang|mengganti|memangkas|menebang|mengeruk|menertibkan|mendatangi|"
            rf"mengunjungi|menormalisasi|mengaspal|menyalurkan|mengevakuasi|membongkar|"
            rf"menyemprot|memberikan\s+teguran|menindak|melakukan\s+(?!koordinasi|komunikasi)\w+)\b",
            _I,
        ),
    ),
    _Pattern(
        SignalKind.QUANTITY,
        re.compile(
            r"(?:\b\d+(?:[.,]\d+)?\s*(?:meter|m2|m3|m²|m³|m\b|km\b|cm\b|unit|buah|titik|lubang|"
            r"ton|truk|rit|orang|kk\b|lampu|batang|pohon|karung|liter|kg\b|paket|hari\s+kerja|"
            r"persen|%)"
            r"|\brp\.?\s*\d(?:[\d.,]*\d)?|\bsebanyak\s+\d+|\bnomor\s+(?:surat\s+)?[\w./-]*\d[\w./-]*)",
            _I,
        ),
    ),
    _Pattern(
        SignalKind.OFFICER,
        re.compile(
            r"(?:\b(?:UPT|UPTD|Puskesmas|Satpol\s*PP|PDAM|PLN|BPBD|DLH|DPU|PUPR|Dishub|"
            r"Disdukcapil|Polsek|Koramil|Bidang|Seksi|Sub\s*[Bb]agian|Kasi|Kabid|Kadis|Lurah|"
            r"Camat|Kepala\s+(?:Desa|Dinas|Bidang|Seksi|UPT))\b(?!\s+(?i:terkait))"
            r"|\b(?i:dinas)\s+(?!Terkait\b)[A-Z]\w+"
            r"|\b(?i:bapak|bpk\.?|ibu|pak|bu|sdr\.?|sdri\.?)\s+[A-Z][a-z]+)",
        ),
    ),
    _Pattern(
        SignalKind.RESULT,
        re.compile(
            r"\b(?:sudah|telah|kini|sekarang|saat\s+ini)\s+(?:sudah\s+|telah\s+|dapat\s+|bisa\s+|"
            r"kembali\s+)?(?:normal|berfungsi|menyala|bersih|lancar|teratasi|tuntas|aman|"
            r"mengalir|dilalui|digunakan|beroperasi|terbit|cair|rampung|tertangani|terpasang|"
            r"surut|rapi|hidup)\b"
            r"|\bselesai\s+(?:di\w+|dikerjakan|dilaksanakan)\b|\b(?:masalah|kendala|keluhan)\s+"
            r"(?:sudah\s+|telah\s+)?(?:teratasi|selesai|terselesaikan)\b",
            _I,
        ),
    ),
)

# Passing the report on ("sudah kami teruskan ke dinas terkait / kepada Kepala Desa …"): the
# named addressee is not a concrete action, so details alone cannot make it substantive.
_FORWARDED: Final = re.compile(
    r"\b(?:sudah|telah)\s+(?:kami\s+)?(?:di)?(?:teruskan|sampaikan|disposisikan|"
    r"koordinasikan|forward|laporkan|informasikan)\s+(?:ke|kepada|dengan)\b"
    r"|\b(?:di)?(?:teruskan|sampaikan|disposisikan)\s+(?:ke|kepada)\s+(?:\w+\s+)?"
    r"(?:terkait|yang\s+berwenang)",
    _I,
)

_TEMPLATES: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (
        re.compile(
            r"\bterima\s*kasih\s+(?:atas|untuk|telah)\s+(?:\w+\s+)?(?:laporan|aduan|pengaduan|"
            r"informasi|partisipasi|masukan|kepedulian|perhatian|menyampaikan|melapor)",
            _I,
        ),
        "ucapan terima kasih yang baku",
    ),
    (
        re.compile(
            r"\bakan\s+(?:segera\s+)?(?:kami\s+)?(?:segera\s+)?(?:di)?(?:tindak\s*lanjuti|"
            r"tindaklanjuti|proses|tangani|tangani|cek|koordinasikan|sampaikan|teruskan|"
            r"pelajari|tindak\s*lanjut|upayakan|perhatikan|tampung|evaluasi|lakukan|laksanakan|"
            r"perbaiki|usulkan|anggarkan|jadwalkan|programkan|agendakan|kerjakan)",
            _I,
        ),
        "janji akan ditindaklanjuti tanpa tindakan nyata",
    ),
    (
        _FORWARDED,
        "hanya diteruskan ke pihak lain",
    ),
    (
        re.compile(r"\bmohon\s+(?:untuk\s+)?(?:bersabar|kesabaran|ditunggu|menunggu)", _I),
        "meminta pelapor bersabar",
    ),
    (
        re.compile(
            r"\b(?:sedang|masih)\s+(?:dalam\s+)?(?:proses|kami\s+proses|diproses|"
            r"ditindaklanjuti|dikoordinasikan|kami\s+koordinasikan|koordinasi)",
            _I,
        ),
        "hanya menyebut 'sedang diproses'",
    ),
    (
        re.compile(
            r"\blaporan\s+(?:anda|saudara|bapak/ibu|bapak|ibu|sdr\.?)\s+(?:sudah|telah)\s+"
            r"(?:kami\s+)?(?:di)?(?:terima|catat)",
            _I,
        ),
        "hanya konfirmasi bahwa laporan diterima",
    ),
    (
        re.compile(r"\bmenjadi\s+(?:bahan\s+)?(?:masukan|evaluasi|perhatian|catatan)", _I),
        "janji umum akan menjadi bahan evaluasi",
    ),
)

_NO_SIGNAL_REASON = "tidak menyebut tindakan, tempat, waktu, atau hasil yang konkret"
_EMPTY_REASON = "tindak lanjut kosong"
_SNIPPET = 60


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"


def check_follow_up(text: str) -> QualityFinding:
    """Decide whether a follow-up (tindak lanjut) is substantive or normative.

    The rule: substantive when the text reports a concrete action ("sudah diperbaiki",
    "petugas meninjau lokasi") or a result ("kini sudah normal"), or gives at least two other
    kinds of concrete detail among date, time, place, quantity and named unit/officer without
    merely passing the report on ("sudah kami teruskan kepada Kepala Desa …"). Everything else
    is normative. Only the first :data:`MAX_FOLLOW_UP_CHARS` characters are
    read.

    Args:
        text: The follow-up as the unit wrote it (untrusted; any length).

    Returns:
        The finding: ``normative``, the ``reasons`` it was flagged (empty when substantive)
        and the concrete ``signals`` found.

    Example:
        >>> check_follow_up("Terima kasih atas laporannya, akan kami tindak lanjuti.").normative
        True
        >>> f = check_follow_up("Lubang di Jl. Merdeka RT 02 sudah ditambal petugas UPT Jalan.")
        >>> f.normative, f.signals[0]
        (False, 'tempat: Jl. Merdeka')
    """
    body = text[:MAX_FOLLOW_UP_CHARS]
    if not body.strip():
        return QualityFinding(normative=True, reasons=[_EMPTY_REASON], signals=[])
    found: list[tuple[int, str, str]] = []
    kinds: set[str] = set()
    for pattern in _SIGNALS:
        for match in pattern.regex.finditer(body):
            snippet = match.group(0).strip()
            if snippet:
                found.append((match.start(), pattern.kind, _snippet(snippet)))
                kinds.add(pattern.kind)
    found.sort()
    signals = [f"{kind}: {snippet}" for _, kind, snippet in found]
    core = kinds & {SignalKind.ACTION, SignalKind.RESULT}
    details = kinds - core
    if core or (len(details) >= 2 and not _FORWARDED.search(body)):
        return QualityFinding(normative=False, reasons=[], signals=signals)
    reasons = [reason for regex, reason in _TEMPLATES if regex.search(body)]
    if details:
        reasons.append("hanya satu rincian konkret, tanpa tindakan atau hasil")
    else:
        reasons.append(_NO_SIGNAL_REASON)
    return QualityFinding(normative=True, reasons=reasons, signals=signals)
