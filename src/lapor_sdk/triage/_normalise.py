"""Bring citizens' raw complaint text into tokens: placeholders, slang, stop words, stems.

Two forms:

* :func:`basic_tokens` — what a model fitted on raw text sees: lower case, placeholders for
  numbers, phone numbers, e-mail addresses, links, money and percentages, and the common chat
  abbreviations written out ("yg" → "yang", "jln" → "jalan").
* :func:`stemmed_tokens` — the form of LaporGub's published history (stemmed, stop words
  removed, digits written as ``number``): the basic tokens, single letters dropped, stop words
  dropped, then each word stemmed with Sastrawi (stop words go before stemming, as in that
  history, so "perbaikan" still becomes "baik").

The placeholder words (``number``, ``phone``, ``email``, ``url``, ``money``, ``percent``,
``user``) are the ones the LaporGub history uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

__all__ = [
    "MAX_TEXT_CHARS",
    "SLANG",
    "STOP_WORDS",
    "basic_tokens",
    "stemmed_tokens",
]

#: Longest text read; the rest is ignored (a complaint is a few hundred words at most).
MAX_TEXT_CHARS = 20_000

_PHONE = re.compile(r"(?:\+62[\s.-]?|\b62[\s.-]?|\b0)8\d{1,3}[\s.-]?\d{3,4}[\s.-]?\d{3,5}\b")
# Placeholders, in the order they are applied: the more specific shapes first.
_PLACEHOLDERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\[(?:telp|phone|hp)\]", re.IGNORECASE), " phone "),
    (re.compile(r"\[(?:nik|number)\]", re.IGNORECASE), " number "),
    (re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE), " url "),
    (re.compile(r"\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+\b"), " email "),
    (re.compile(r"(?<!\w)@\w{1,30}"), " user "),
    (_PHONE, " phone "),
    (
        re.compile(r"\brp\.?\s?\d[\d.,]*(?:\s?(?:rb|ribu|jt|juta|m|miliar))?\b", re.IGNORECASE),
        " money ",
    ),
    (re.compile(r"\d+(?:[.,]\d+)?\s?(?:%|persen\b)", re.IGNORECASE), " percent "),
    (re.compile(r"\d+(?:[.,]\d+)*"), " number "),
)
_WORD = re.compile(r"[a-z]+")

#: Chat abbreviations and spellings written out as the standard word (our own list).
SLANG: dict[str, str] = {
    # function words
    "yg": "yang",
    "dg": "dengan",
    "dgn": "dengan",
    "utk": "untuk",
    "untk": "untuk",
    "u": "untuk",
    "dr": "dari",
    "dri": "dari",
    "krn": "karena",
    "karna": "karena",
    "krna": "karena",
    "tp": "tapi",
    "tpi": "tapi",
    "tdk": "tidak",
    "tak": "tidak",
    "gak": "tidak",
    "ga": "tidak",
    "gk": "tidak",
    "nggak": "tidak",
    "ngga": "tidak",
    "enggak": "tidak",
    "engga": "tidak",
    "g": "tidak",
    "blm": "belum",
    "blum": "belum",
    "sdh": "sudah",
    "udh": "sudah",
    "udah": "sudah",
    "dah": "sudah",
    "sudh": "sudah",
    "jg": "juga",
    "jga": "juga",
    "sy": "saya",
    "sya": "saya",
    "aq": "aku",
    "gw": "saya",
    "gue": "saya",
    "sm": "sama",
    "sama2": "sama",
    "pd": "pada",
    "kpd": "kepada",
    "dlm": "dalam",
    "dl": "dulu",
    "sj": "saja",
    "aja": "saja",
    "bs": "bisa",
    "bsa": "bisa",
    "lg": "lagi",
    "lgi": "lagi",
    "hrs": "harus",
    "msh": "masih",
    "masi": "masih",
    "skrg": "sekarang",
    "skr": "sekarang",
    "skrang": "sekarang",
    "sampe": "sampai",
    "smp": "sampai",
    "trs": "terus",
    "trus": "terus",
    "bgt": "banget",
    "bngt": "banget",
    "org": "orang",
    "orng": "orang",
    "tsb": "tersebut",
    "spt": "seperti",
    "sprti": "seperti",
    "kalo": "kalau",
    "klo": "kalau",
    "kl": "kalau",
    "gmn": "bagaimana",
    "gimana": "bagaimana",
    "knp": "kenapa",
    "kpn": "kapan",
    "dmn": "dimana",
    "mksd": "maksud",
    "tlg": "tolong",
    "tolongin": "tolong",
    "mhn": "mohon",
    "mhon": "mohon",
    "dpt": "dapat",
    "dapet": "dapat",
    "bnyk": "banyak",
    "byk": "banyak",
    "sbg": "sebagai",
    "sblm": "sebelum",
    "stlh": "setelah",
    "sbnrnya": "sebenarnya",
    "trmksh": "terima kasih",
    "makasih": "terima kasih",
    "makasi": "terima kasih",
    "trimakasih": "terima kasih",
    "trims": "terima kasih",
    "thx": "terima kasih",
    "tq": "terima kasih",
    "maturnuwun": "terima kasih",
    "matur": "terima",
    "nuwun": "kasih",
    "nggih": "iya",
    "ya": "iya",
    "yah": "iya",
    "malem": "malam",
    "pagii": "pagi",
    "kmrn": "kemarin",
    "kemaren": "kemarin",
    "bln": "bulan",
    "th": "tahun",
    "thn": "tahun",
    "tgl": "tanggal",
    "hr": "hari",
    "rb": "ribu",
    "jt": "juta",
    "ora": "tidak",
    # forms of address
    "pak": "bapak",
    "bpk": "bapak",
    "bp": "bapak",
    "bu": "ibu",
    "ibuk": "ibu",
    "mas": "mas",
    "mbak": "mbak",
    "mba": "mbak",
    # places and offices
    "jl": "jalan",
    "jln": "jalan",
    "jalanan": "jalan",
    "gg": "gang",
    "kec": "kecamatan",
    "kab": "kabupaten",
    "kel": "kelurahan",
    "ds": "desa",
    "dk": "dukuh",
    "dsn": "dusun",
    "kt": "kota",
    "prov": "provinsi",
    "pemkab": "pemerintah kabupaten",
    "pemkot": "pemerintah kota",
    "pemprov": "pemerintah provinsi",
    "pemdes": "pemerintah desa",
    "kades": "kepala desa",
    "kadus": "kepala dusun",
    "kepsek": "kepala sekolah",
    "rs": "rumah sakit",
    "rsud": "rumah sakit umum daerah",
    "puskesmas": "puskesmas",
    "dinkes": "dinas kesehatan",
    "dishub": "dinas perhubungan",
    "disnaker": "dinas tenaga kerja",
    "dindik": "dinas pendidikan",
    "disdik": "dinas pendidikan",
    "dpu": "dinas pekerjaan umum",
    "pju": "penerangan jalan umum",
    "lampu2": "lampu",
    "sekolahan": "sekolah",
    # complaint words
    "lapor": "lapor",
    "ijin": "izin",
    "rusak2": "rusak",
    "bolong": "lubang",
}

# The stop words removed before stemming: Sastrawi's list (when installed) plus these
# greetings, particles and pronouns that complaint texts are full of.
_EXTRA_STOP_WORDS = frozenset(
    "yang di itu aku kamu saya dia ia mereka wr wb an kak dong mas br wib nah ko se ber al ii "
    "ny ku yah kah loh lha lho sih deh tuh nih kok lah pun assalamualaikum assalamu "
    "alaikum warahmatullahi wabarakatuh wassalamu wassalamualaikum salam mohon maaf".split()
)

# "mohon" and "salam" are frequent LaporGub tokens: keep them (they are not in Sastrawi's list).
_KEEP = frozenset({"mohon", "salam"})


def _sastrawi_stop_words() -> frozenset[str]:
    try:
        from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory
    except ImportError:  # pragma: no cover - the triage extra installs it
        return frozenset()
    words = StopWordRemoverFactory().get_stop_words()
    return frozenset(str(w) for w in words)


#: Words removed before stemming in :func:`stemmed_tokens`.
STOP_WORDS: frozenset[str] = (_sastrawi_stop_words() | _EXTRA_STOP_WORDS) - _KEEP


def basic_tokens(text: str) -> list[str]:
    """Return the lower-case word tokens of ``text`` with placeholders and slang written out.

    Args:
        text: Raw text as a citizen wrote it; only the first :data:`MAX_TEXT_CHARS` count.

    Returns:
        The tokens, e.g. ``["jalan", "rusak", "rt", "number", "yang", "parah"]``.

    Example:
        >>> basic_tokens("Jln rusak di RT 03 yg parah, hub 0812-3456-7890")
        ['jalan', 'rusak', 'di', 'rt', 'number', 'yang', 'parah', 'hub', 'phone']
    """
    text = text[:MAX_TEXT_CHARS].lower()
    for pattern, placeholder in _PLACEHOLDERS:
        text = pattern.sub(placeholder, text)
    tokens: list[str] = []
    for word in _WORD.findall(text):
        tokens.extend(SLANG.get(word, word).split())
    return tokens


@lru_cache(maxsize=1)
def _stemmer() -> Callable[[str], str]:
    try:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    except ImportError:  # pragma: no cover - the triage extra installs it
        from ._errors import missing_extra

        raise missing_extra("PySastrawi") from None
    stem: Callable[[str], str] = StemmerFactory().create_stemmer().stem
    return stem


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    return _stemmer()(word)


def stemmed_tokens(text: str) -> list[str]:
    """Return ``text`` in the form of a stemmed, stop-word-filtered history such as LaporGub's.

    Args:
        text: Raw text as a citizen wrote it.

    Returns:
        The stems, single letters and stop words removed.

    Example:
        >>> stemmed_tokens("Mohon perbaikan jln yg berlubang di Kec. Bobotsari")
        ['mohon', 'baik', 'jalan', 'lubang', 'camat', 'bobotsari']
    """
    out: list[str] = []
    for token in basic_tokens(text):
        if len(token) < 2 or token in STOP_WORDS:
            continue
        stem = _stem(token)
        if stem:
            out.append(stem)
    return out
