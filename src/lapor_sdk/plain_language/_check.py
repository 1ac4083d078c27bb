"""Rules for the Indonesian the SDK writes to citizens, and a checker that applies them.

The rules (ids in :data:`RULES`):

- ``long-sentence``: a sentence of more than :data:`MAX_SENTENCE_WORDS` words.
- ``english-jargon``: an English word that has a common Indonesian equivalent
  (:data:`JARGON`: *link* → *tautan*, *deadline* → *batas waktu*, *SLA* → *batas waktu
  layanan*).
- ``informal-word``: chat abbreviations and informal words (*yg*, *tdk*, *gak*, *udah*).
- ``number-format``: a decimal point (``87.5 %``) or a comma between thousands
  (``1,000,000``): Indonesian writes ``87,5 %`` and ``1.000.000``.
- ``rupiah-format``: ``Rp 600.000``, ``Rp. 600.000``, ``Rp600,000``, ``IDR``, ``600rb``:
  write ``Rp600.000``.
- ``date-format``: numeric or ISO dates (``17/06/2026``, ``2026-06-17``), English month or
  day names, ordinals (``17th``): write ``17 Juni 2026``.
- ``time-format``: ``08:30``, ``8.30 AM``, ``jam 08.30``, a clock time without *pukul*:
  write ``pukul 08.30 WIB``.
- ``time-zone``: a clock time without WIB, WITA or WIT (Indonesia has three zones).

Links, e-mail addresses and hashtags are left out before the word rules run; ``allow`` names
more words to leave alone (product names, a unit's official name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "JARGON",
    "MAX_SENTENCE_WORDS",
    "RULES",
    "Finding",
    "check_text",
    "sentences",
    "words",
]

#: Longest sentence, in words, for text written to citizens.
MAX_SENTENCE_WORDS = 25

#: Rule id → what it asks for.
RULES: Mapping[str, str] = MappingProxyType(
    {
        "long-sentence": f"at most {MAX_SENTENCE_WORDS} words a sentence (configurable)",
        "english-jargon": "the Indonesian word where one is in common use",
        "informal-word": "standard words, not chat abbreviations or informal ones",
        "number-format": "a dot between thousands and a comma before decimals: 1.000,5",
        "rupiah-format": "Rp right before the figure, dots between thousands: Rp600.000",
        "date-format": "day, Indonesian month name, year: 17 Juni 2026",
        "time-format": "pukul, 24-hour clock with a dot: pukul 08.30 WIB",
        "time-zone": "name the zone of a clock time: WIB, WITA or WIT",
    }
)

#: English words and their Indonesian equivalents (Badan Bahasa's padanan istilah).
JARGON: Mapping[str, str] = MappingProxyType(
    {
        "attachment": "lampiran",
        "call center": "pusat panggilan",
        "cancel": "batal",
        "caption": "keterangan",
        "chat": "pesan",
        "customer service": "layanan pelanggan",
        "dashboard": "dasbor",
        "deadline": "batas waktu",
        "delay": "tertunda",
        "download": "unduh",
        "e-mail": "surel",
        "email": "surel",
        "error": "kesalahan",
        "fact check": "cek fakta",
        "fact-check": "cek fakta",
        "feedback": "tanggapan",
        "file": "berkas",
        "follow up": "tindak lanjut",
        "follow-up": "tindak lanjut",
        "form": "formulir",
        "hashtag": "tagar",
        "hoax": "hoaks",
        "invalid": "tidak sah",
        "link": "tautan",
        "login": "masuk",
        "logout": "keluar",
        "meeting": "rapat",
        "offline": "luring",
        "on time": "tepat waktu",
        "online": "daring",
        "password": "kata sandi",
        "post": "unggahan",
        "posting": "unggahan",
        "reply": "balasan",
        "report": "laporan",
        "scam": "penipuan",
        "screenshot": "tangkapan layar",
        "share": "bagikan",
        "SLA": "batas waktu layanan",
        "submit": "kirim",
        "template": "templat",
        "ticket": "tiket",
        "tracking": "pelacakan",
        "trending": "ramai dibicarakan",
        "update": "pembaruan",
        "upload": "unggah",
        "username": "nama pengguna",
        "website": "situs web",
    }
)

_INFORMAL = {
    "aja": "saja",
    "blm": "belum",
    "bgt": "sekali",
    "dgn": "dengan",
    "gak": "tidak",
    "ga": "tidak",
    "gimana": "bagaimana",
    "jg": "juga",
    "krn": "karena",
    "nggak": "tidak",
    "sdh": "sudah",
    "sy": "saya",
    "tdk": "tidak",
    "udah": "sudah",
    "utk": "untuk",
    "yg": "yang",
}

_MONTHS_EN = (
    "January|February|March|May|June|July|August|October|December|Aug|Oct|Dec|"
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)
#: Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "jl jln no dr drg prof h hj kel kec kab prov dll dsb dst yth bpk ir st tgl km rt rw "
    "a.n u.p s.h s.e s.kom m.si m.m".split()
)
_SKIP = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|#\w+")
_WORD = re.compile(r"\d+(?:[.,:]\d+)*|[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_END = re.compile(r"([.!?…]+)[\"'”’)\]]*(\s+|$)")
_ZONE = r"(?:WIB|WITA|WIT)\b"


@dataclass(frozen=True, slots=True)
class Finding:
    """One place where a text breaks a rule."""

    rule: str
    """Rule id, a key of :data:`RULES`."""
    excerpt: str
    """The text that breaks it (the whole sentence for ``long-sentence``)."""
    start: int
    """Offset of the excerpt in the checked text."""
    message: str
    """What is wrong and what to write instead."""

    def __str__(self) -> str:
        return f"{self.rule} at {self.start}: {self.message}"


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """Replace what ``pattern`` matches by spaces, keeping every offset."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


def words(text: str) -> list[str]:
    """Return the words of ``text``.

    A word is a run of letters (``satu-dua`` and ``Jum'at`` are one) or a number with its
    separators (``1.250.000``, ``87,5``, ``08.30``); ``desa/kelurahan`` is two words.
    """
    return _WORD.findall(text)


def _spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in _END.finditer(text):
        end = match.end(1)
        before = text[start : match.start(1)]
        last = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
        follower = text[match.end() : match.end() + 1]
        if match.group(1) == "." and (
            last.rstrip(".") in _ABBREVIATIONS
            or (len(last) == 1 and last.isalpha())
            or (follower and not (follower.isupper() or follower.isdigit() or follower in "\"'“("))
        ):
            continue
        spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    out = []
    for a, b in spans:  # a line break ends a sentence too (lists, message lines)
        for line in re.finditer(r"[^\n]+", text[a:b]):
            if line.group().strip():
                out.append((a + line.start(), a + line.end()))
    return out


def sentences(text: str) -> list[str]:
    """Split ``text`` into sentences.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by a space and a capital letter,
    a digit or a quote, and at a line break. The full stop of an abbreviation (``Jl.``,
    ``No.``, ``dr.``, ``Kec.``, an initial) and the dot inside ``08.30`` or ``1.000`` do not
    end one.

    Example:
        >>> sentences("Jalan di Jl. A. Yani No. 5 rusak. Mohon segera diperbaiki!")
        ['Jalan di Jl. A. Yani No. 5 rusak.', 'Mohon segera diperbaiki!']
    """
    return [text[a:b].strip() for a, b in _spans(text)]


def _jargon_pattern(allow: frozenset[str]) -> re.Pattern[str]:
    terms = sorted((t for t in JARGON if t.lower() not in allow), key=len, reverse=True)
    return re.compile(
        r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?![\w-])", re.IGNORECASE
    )


_RULES_BY_PATTERN: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "number-format",
        # One or two digits after the dot are decimals; three are Indonesian thousands (1.000 %).
        re.compile(r"(?<![\w.,])\d+\.\d{1,2}(?![\d.,])\s?%"),
        "write decimals with a comma: 87,5 %",
    ),
    (
        "number-format",
        re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\d,])(?!\s?%)"),
        "group thousands with a dot: 1.000.000 (a comma marks decimals)",
    ),
    (
        "rupiah-format",
        re.compile(r"\bRp\.?\s+\d|\bRp\.\d|\bIDR\b|\bRp\s?\d{1,3}(?:,\d{3})+|\bRp\d{4,}(?![\d.])"),
        "write Rp right before the figure with dots between thousands: Rp600.000",
    ),
    (
        "rupiah-format",
        re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:rb|jt|k)\b", re.IGNORECASE),
        "write the amount in full: Rp600.000, or 600 ribu",
    ),
    (
        "date-format",
        re.compile(r"(?<![\w/.-])\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}(?![\w/-])(?!\.\d)"),
        "write the date with the month's name: 17 Juni 2026",
    ),
    (
        "date-format",
        re.compile(rf"\b(?:{_MONTHS_EN})\b"),
        "use the Indonesian name of the month or day (Juni, Agustus, Senin …)",
    ),
    (
        "date-format",
        re.compile(r"\b\d{1,2}(?:st|nd|rd|th)\b"),
        "write the day as a plain number: 17 Juni",
    ),
    (
        "time-format",
        re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])"),
        "write the time with a dot: pukul 08.30",
    ),
    (
        "time-format",
        re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s?(?:[AaPp]\.?[Mm]\.?)(?!\w)"),
        "use the 24-hour clock: pukul 20.30",
    ),
    (
        "time-format",
        re.compile(r"\bjam\s+\d{1,2}[.:]\d{2}\b", re.IGNORECASE),
        "a time of day takes pukul, not jam: pukul 08.30",
    ),
    (
        "time-format",
        re.compile(rf"(?<!pukul )(?<!–)(?<!-)(?<!s\.d\. )(?<![\d.,])\b\d{{2}}\.\d{{2}}\s{_ZONE}"),
        "put pukul before a clock time: pukul 08.30 WIB",
    ),
    (
        "time-zone",
        re.compile(
            rf"\bpukul\s+\d{{1,2}}[.:]\d{{2}}(?!\d)"
            rf"(?!\s*(?:(?:–|-|s\.d\.)\s*\d{{1,2}}[.:]\d{{2}}\s*)?{_ZONE})"
        ),
        "name the zone: pukul 08.30 WIB (or WITA, WIT)",
    ),
)


def check_text(
    text: str,
    *,
    max_words: int = MAX_SENTENCE_WORDS,
    allow: Iterable[str] = (),
) -> list[Finding]:
    """Check Indonesian text written for citizens against the plain-language rules.

    Args:
        text: The text (a message, a clarification, a page's prose).
        max_words: Longest sentence allowed, in words.
        allow: Words to leave alone (case-insensitive), e.g. a product's name.

    Returns:
        The findings in text order; empty when the text follows every rule.

    Raises:
        ValueError: ``max_words`` is less than 1.

    Example:
        >>> [f.rule for f in check_text("Klik link ini sebelum 17/06/2026 jam 08.30.")]
        ['english-jargon', 'date-format', 'time-format']
    """
    if max_words < 1:
        raise ValueError(f"max_words must be 1 or more, got {max_words}")
    allowed = frozenset(a.lower() for a in allow)
    plain = _blank(text, _SKIP)
    found: list[Finding] = []
    for start, end in _spans(plain):
        count = len(words(plain[start:end]))
        if count > max_words:
            sentence = text[start:end]
            found.append(
                Finding(
                    "long-sentence",
                    sentence.strip(),
                    start + len(sentence) - len(sentence.lstrip()),
                    f"{count} words; split the sentence (at most {max_words})",
                )
            )
    for match in _jargon_pattern(allowed).finditer(plain):
        term = match.group(1)
        if term.lower() == "sla" and term != "SLA":
            continue
        wanted = JARGON.get(term) or JARGON.get(term.lower()) or ""
        found.append(Finding("english-jargon", term, match.start(), f"{term!r}: write {wanted!r}"))
    for match in _WORD.finditer(plain):
        word = match.group().lower()
        if word in _INFORMAL and word not in allowed:
            found.append(
                Finding(
                    "informal-word",
                    match.group(),
                    match.start(),
                    f"{match.group()!r}: write {_INFORMAL[word]!r}",
                )
            )
    for rule, pattern, advice in _RULES_BY_PATTERN:
        for match in pattern.finditer(plain):
            if match.group().strip().lower() in allowed:
                continue
            found.append(Finding(rule, match.group().strip(), match.start(), advice))
    found.sort(key=lambda f: (f.start, f.rule))
    return found
