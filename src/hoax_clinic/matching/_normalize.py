"""Text normalisation for claim matching.

The canonical form is a string of lower-case tokens separated by single spaces, made only of
letters and digits. Numbers, amounts and dates become single distinctive tokens so that the
scorer can tell "Rp500 ribu" from "Rp1 juta" and "17 Juni" from "18 Juni":

==========================================  ===================
written                                     canonical token
==========================================  ===================
``Rp1.000.000``, ``Rp 1 juta``, ``1jt``,    ``rp1000000``
``satu juta``, ``1.000.000 rupiah``
``Rp 1,5 juta``                             ``rp1500000``
``17/6/2026``, ``17-06-2026``,              ``tgl20260617``
``17 Juni 2026``, ``17 Jun 2026``
``17 Juni`` (no year)                       ``tgl0617``
``2,5%``, ``2,5 persen``                    ``2koma5persen``
``pukul 19.00 WIB``                         ``pukul1900``
``1.500``, ``seribu lima ratus``            ``1500``
==========================================  ===================

:func:`normalize` is idempotent: ``normalize(normalize(x)) == normalize(x)``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["MAX_INPUT_CHARS", "MAX_TOKENS", "normalize"]

MAX_INPUT_CHARS = 32_768
"""Only this many characters of a text are read; the rest is ignored."""

MAX_TOKENS = 400
"""At most this many tokens are kept in the canonical form."""

_MAX_TOKEN_CHARS = 40
_MAX_NUMBER_CHARS = 18  # longer digit runs are kept as digits, never parsed as a value

# --- character level -------------------------------------------------------------------------
_INVISIBLE = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_URL = re.compile(r"(?:https?://|www\.)\S*")
# Dotted names ("bit.ly/x", "kominfo.go.id"); possessive so long dotted runs stay linear.
_DOTTED = re.compile(r"\b[\w-]++(?:\.[\w-]++)++(?:/\S*+)?+")
_TLDS = frozenset(
    {"com", "id", "net", "org", "co", "ly", "me", "io", "gl", "info", "xyz", "site", "link"}
)
_MENTION = re.compile(r"(?<![\w@])@[\w.]+")
_REPEAT_PUNCT = re.compile(r"([^\w\s])\1+")
# Hashtags: a run of two or more is a tag cloud ("#prabowo #fypシ #viral") and is dropped, as
# is a reach-bait tag anywhere; a single tag inside a sentence keeps its word ("#bansos cair").
_HASHTAG_RUN = re.compile(r"(?:#[^\s#]+\s*){2,}")
_BAIT_TAG = re.compile(r"#(?:fyp|foryou|4u|viral|trending|xyzbca|beranda|masukberanda)[^\s#]*")

# --- numbers, amounts, dates -------------------------------------------------------------------
_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "maret": 3,
    "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "jun": 6, "juli": 7,
    "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11,
    "nopember": 11, "desember": 12, "des": 12, "dec": 12,
}  # fmt: skip
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_NUMERIC = re.compile(
    r"(?<![\w.,/-])(\d{1,2})\s?([/.-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\w/-]|[.,]\d)"
)
_DATE_DAY_MONTH = re.compile(r"(?<![\w.,/-])(\d{1,2})/(\d{1,2})(?![\w/-]|[.,]\d)")
_DATE_TEXT = re.compile(
    rf"(?<![\w.,])(\d{{1,2}})\s*-?\s*({_MONTH_ALT})\b\.?(?:\s*-?\s*(\d{{4}})(?!\d))?"
)
_TIME = re.compile(
    r"(?:(?<![^\W\d_])(?:pukul|jam|pkl)\s*([01]?\d|2[0-3])(?:[.:]([0-5]\d))?(?![\d.,:])"
    r"(?:\s*(?:wib|wita|wit)\b)?)"
    r"|(?:(?<![\w.,:])([01]?\d|2[0-3])[.:]([0-5]\d)\s*(?:wib|wita|wit)\b)"
)
_PHONE = re.compile(r"(?<![\w.,])(?:\+62|62|0)\s?8\d{1,3}(?:[\s.-]?\d{2,5}){1,4}(?!\w|[.,]\d)")
_MONTH_FULL = (
    "januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober"
    "|november|nopember|desember"
)
_MONTH_YEAR = re.compile(rf"\b({_MONTH_ALT})\b\.?\s*(\d{{4}})(?!\d)")
_MONTH_ALONE = re.compile(rf"\b(?:bulan\s+)?({_MONTH_FULL})\b")
_MULTIPLIERS = {
    "ribu": 1_000, "rb": 1_000, "rbu": 1_000, "k": 1_000, "juta": 1_000_000,
    "jt": 1_000_000, "jta": 1_000_000, "miliar": 1_000_000_000, "milyar": 1_000_000_000,
    "m": 1_000_000_000, "triliun": 10**12, "trilyun": 10**12, "t": 10**12,
}  # fmt: skip
_NUMBER = re.compile(
    r"(?<![\w.,])(rp\.?\s*)?(\d+(?:[.,]\d+)*)"
    r"(?:\s*(ribu|rbu|rb|juta|jta|jt|miliar|milyar|triliun|trilyun)\b|(k|m|t)\b)?"
    r"(?!\w)(?:\s*(rupiah)\b)?(?:\s*(%|persen\b))?"
)
_DIGIT_WORDS = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9,
}  # fmt: skip
_SE_WORDS = {"sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000,
             "sejuta": 1_000_000, "semiliar": 1_000_000_000}  # fmt: skip
_NUM_SCALES = {"ribu": 1000, "juta": 10**6, "miliar": 10**9, "milyar": 10**9,
               "triliun": 10**12}  # fmt: skip
_NUM_WORD_RUN = re.compile(
    r"\b(?:(?:nol|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas"
    r"|seratus|seribu|sejuta|semiliar|belas|puluh|ratus|ribu|juta|miliar|milyar|triliun)"
    r"\b[ \t]*)+"
)

# --- token level -------------------------------------------------------------------------------
_TOKEN = re.compile(r"[^\W_]+")
_LEET_SANDWICH = re.compile(r"[^\W\d_]\d+[^\W\d_]")
_LEET = str.maketrans("0123456789", "oizeasgtbg")
_REDUP = re.compile(r"^([^\W\d_]{3,})2$")
_LETTER_RUN = re.compile(r"([^\W\d_])\1{2,}")
_CANONICAL = re.compile(r"^(?:rp\d+|tgl\d+|bln\d+|pukul\d+|\d+(?:koma\d+)?(?:persen)?)$")
_KEEP_ALNUM = frozenset(
    {"covid19", "h1n1", "h5n1", "g20", "b2b", "p2p", "mp3", "mp4", "k3", "p3k", "pph21",
     "bpjs", "5g", "4g", "3g", "g30s", "g30spki", "pp55"}
)  # fmt: skip

_SLANG: dict[str, str] = {
    "yg": "yang", "yng": "yang",
    "gak": "tidak", "ga": "tidak", "gk": "tidak", "nggak": "tidak", "ngga": "tidak",
    "enggak": "tidak", "engga": "tidak", "tdk": "tidak", "tak": "tidak", "ndak": "tidak",
    "kagak": "tidak", "kaga": "tidak", "gag": "tidak", "nda": "tidak", "ngak": "tidak",
    "dgn": "dengan", "dg": "dengan", "dengn": "dengan",
    "utk": "untuk", "untk": "untuk", "buat": "untuk",
    "sdh": "sudah", "udah": "sudah", "udh": "sudah", "dah": "sudah", "sudh": "sudah",
    "blm": "belum", "blum": "belum", "belom": "belum",
    "krn": "karena", "krna": "karena", "karna": "karena", "soalnya": "karena",
    "bgt": "banget", "bngt": "banget", "bgtt": "banget", "sangat": "banget",
    "org": "orang", "orng": "orang",
    "jg": "juga", "jga": "juga",
    "aja": "saja", "aj": "saja", "sj": "saja",
    "dr": "dari", "dri": "dari",
    "pd": "pada",
    "klo": "kalau", "kalo": "kalau", "kl": "kalau", "klu": "kalau",
    "gmn": "bagaimana", "gimana": "bagaimana", "gmna": "bagaimana",
    "sy": "saya", "aku": "saya", "gue": "saya", "gua": "saya", "gw": "saya", "ane": "saya",
    "bpk": "bapak", "pak": "bapak", "bu": "ibu",
    "dlm": "dalam", "tp": "tetapi", "tpi": "tetapi", "tapi": "tetapi",
    "sm": "sama", "lg": "lagi", "lgi": "lagi", "bs": "bisa", "bsa": "bisa",
    "dpt": "dapat", "hrs": "harus", "tsb": "tersebut", "skrg": "sekarang",
    "skrng": "sekarang", "bnyk": "banyak", "byk": "banyak", "msh": "masih", "spt": "seperti",
    "thn": "tahun", "th": "tahun", "bln": "bulan", "hr": "hari", "kpd": "kepada",
    "ttg": "tentang", "sbg": "sebagai", "sblm": "sebelum", "stlh": "setelah", "trs": "terus",
    "tlh": "telah", "jd": "jadi", "jdi": "jadi", "bkn": "bukan", "emg": "memang",
    "knp": "kenapa", "tgl": "tanggal", "wa": "whatsapp", "fb": "facebook",
    "ig": "instagram", "hoax": "hoaks", "hoaxs": "hoaks", "hoak": "hoaks",
    "kab": "kabupaten", "kec": "kecamatan", "kel": "kelurahan", "prov": "provinsi",
    "ds": "desa", "jl": "jalan", "jln": "jalan", "pns": "asn", "skr": "sekarang",
    "informasi": "info", "pemerintahan": "pemerintah", "gratiss": "gratis",
    "dki": "jakarta", "bagiin": "bagikan", "group": "grup", "admin": "administrasi",
    "bikin": "membuat", "pake": "pakai",
    "dapet": "dapat", "dpet": "dapat", "jgn": "jangan", "mkn": "makan", "mnm": "minum",
    "bakal": "akan", "bkl": "akan", "ngungsi": "mengungsi", "bw": "bawa",
    "sblmnya": "sebelumnya", "temen": "teman", "kawan": "teman",
    "cina": "china", "tiongkok": "china", "hape": "hp", "handphone": "hp", "ponsel": "hp",
    "duit": "uang", "gratiskan": "gratis", "nyebar": "menyebar", "bpk2": "bapak",
}  # fmt: skip

# Multi-word forms folded into one canonical spelling (run on the token string).
_PHRASE_TABLE: tuple[tuple[str, str, str], ...] = (
    ("pemerintah", r"pemerintah (?:kabupaten|kab)", "pemkab"),
    ("pemerintah", r"pemerintah kota", "pemkot"),
    ("pemerintah", r"pemerintah (?:provinsi|prov)", "pemprov"),
    ("pemerintah", r"pemerintah daerah", "pemda"),
    ("bantuan", r"bantuan sosial", "bansos"),
    ("bantuan", r"bantuan langsung tunai", "blt"),
    ("pegawai", r"pegawai negeri sipil", "asn"),
    ("aparatur", r"aparatur sipil negara", "asn"),
    ("kartu", r"kartu tanda penduduk", "ktp"),
    ("tidak", r"tidak benar", "tidak"),
    ("jakarta", r"jakarta(?: jakarta)+", "jakarta"),
    ("jawa", r"jawa barat", "jabar"),
    ("jawa", r"jawa tengah", "jateng"),
    ("jawa", r"jawa timur", "jatim"),
    ("yogyakarta", r"(?:daerah istimewa yogyakarta|di yogyakarta)", "diy"),
    ("utara", r"sumatera utara|sumatra utara", "sumut"),
    ("barat", r"sumatera barat|sumatra barat", "sumbar"),
    ("selatan", r"sumatera selatan|sumatra selatan", "sumsel"),
    ("kalimantan", r"kalimantan barat", "kalbar"),
    ("kalimantan", r"kalimantan tengah", "kalteng"),
    ("kalimantan", r"kalimantan selatan", "kalsel"),
    ("kalimantan", r"kalimantan timur", "kaltim"),
    ("kalimantan", r"kalimantan utara", "kaltara"),
    ("sulawesi", r"sulawesi utara", "sulut"),
    ("sulawesi", r"sulawesi tengah", "sulteng"),
    ("sulawesi", r"sulawesi selatan", "sulsel"),
    ("sulawesi", r"sulawesi tenggara", "sultra"),
    ("sulawesi", r"sulawesi barat", "sulbar"),
    ("nusa", r"nusa tenggara barat", "ntb"),
    ("nusa", r"nusa tenggara timur", "ntt"),
    ("maluku", r"maluku utara", "malut"),
    ("kepulauan", r"kepulauan riau", "kepri"),
    ("bangka", r"bangka belitung", "babel"),
    ("lowongan", r"lowongan kerja", "loker"),
    ("senjata", r"senjata tajam", "sajam"),
    ("sampai", r"sampai dengan", "sampai"),
    ("tgl", r"(?:(?:pada )?(?:tanggal|hari) )+(?=tgl\d)", ""),
    ("pukul", r"(?:(?:pada )?(?:pukul|jam) )+(?=pukul\d)", ""),
    ("cuma", r"cuma cuma", "gratis"),
)
# (trigger, pattern, replacement): a pattern runs only when its trigger is in the text.
_PHRASES: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (trigger, re.compile(rf"\b{pattern}\b"), repl) for trigger, pattern, repl in _PHRASE_TABLE
)
# Triggers a pattern can only match as a whole token; the others (a top-level alternative
# lets "utara" start a longer token; "tgl"/"pukul" glued to digits) are looked for as text.
_PHRASE_TEXT_TRIGGERS = frozenset({"utara", "barat", "selatan", "tgl", "pukul"})
_PHRASE_TOKEN_TRIGGERS = frozenset(t for t, _, _ in _PHRASE_TABLE) - _PHRASE_TEXT_TRIGGERS


def _fold_phrases(toks: str) -> str:
    """Apply the multi-word folds (``pemerintah kabupaten`` -> ``pemkab``) to a token string.

    A pattern runs only when its trigger is present: as a token for most (one set
    intersection for all), as text for the few that can match inside a longer token. No
    replacement creates the trigger of a later pattern, so the tokens are read once.
    """
    present = _PHRASE_TOKEN_TRIGGERS.intersection(toks.split())
    for trigger, pattern, repl in _PHRASES:
        if trigger in present if trigger in _PHRASE_TOKEN_TRIGGERS else trigger in toks:
            toks = pattern.sub(repl, toks)
    return toks


# Chain-message boilerplate: instructions to forward, claims of validity, provenance.
_BOILERPLATE = re.compile(
    r"\b(?:"
    r"(?:(?:tolong|mohon|harap|ayo|silakan|silahkan|segera) )*"
    r"(?:sebarkan|sebarluaskan|sebar luaskan|viralkan|disebarkan|disebarluaskan|share|"
    r"teruskan|forward|bagikan|sebar|kirim|kirimkan)"
    r"(?: (?:ke|kepada) (?:semua |seluruh )?(?:grup|teman|saudara|keluarga|kontak|orang)"
    r"(?: (?:teman|saudara|orang))?"
    r"(?: (?:lain|lainnya|kalian|anda|whatsapp|kamu|terdekat|tercinta))*"
    r"|(?: (?:info ini|berita ini|pesan ini))? (?:sebanyak banyaknya|sebanyak mungkin"
    r"|secepatnya|agar semua tahu|biar semua tahu|ya|yaa))+"
    r"|(?:tolong |mohon |harap |ayo )*(?:sebarkan|sebarluaskan|sebar luaskan|viralkan|share)"
    r"|info(?: ini)? (?:valid|akurat|a1|penting|resmi)(?: 100 ?persen| 100persen)?"
    r"|valid 100persen|100persen valid|bukan hoaks|ini bukan hoaks|asli bukan hoaks"
    r"|(?:copas|copy paste|copy|salin) (?:dari )?(?:grup|group) sebelah|copas|copy paste"
    r"|dari grup sebelah|info dari grup sebelah"
    r"|jangan (?:berhenti|putus|stop) (?:di|pada|sampai) (?:kamu|anda|saya|sini)(?: saja)?"
    r"|forwarded many times|forwarded as received|forwarded|diteruskan berkali kali"
    r"|pesan berantai|semoga bermanfaat|sekedar info|sekadar info|breaking news"
    r"|berita terkini|viral|penting|waspada|innalillahi(?: wa innailaihi rojiun)?"
    r")\b"
)

# Every alternative of _BOILERPLATE contains one of these as a whole token.
_BOILERPLATE_ANCHORS = frozenset(
    """
    sebarkan sebarluaskan sebar viralkan disebarkan disebarluaskan share teruskan forward
    bagikan kirim kirimkan info valid hoaks copas copy salin grup jangan forwarded diteruskan
    pesan semoga sekedar sekadar breaking berita viral penting waspada innalillahi
    """.split()
)
# The words without which a rule cannot match (see _normalize_once).
_LETTER_WORD = re.compile(r"[a-z]+")
_NUM_WORD_SET = frozenset(
    [*_DIGIT_WORDS, *_SE_WORDS, "belas", "puluh", "ratus", "ribu", "juta", "miliar", "milyar",
     "triliun"]
)  # fmt: skip
_TIME_WORDS = frozenset({"pukul", "jam", "pkl", "wib", "wita", "wit"})
_MONTH_FULL_SET = frozenset(_MONTH_FULL.split("|"))
_WS = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_CLEAN = re.compile(r"[a-z0-9 ]*")


def _fold_unicode(text: str) -> str:
    """NFKC, casefold and strip accents until stable."""
    if text.isascii():
        return text.lower()
    s = text
    for _ in range(4):
        t = unicodedata.normalize("NFKC", s).casefold()
        d = unicodedata.normalize("NFKD", t)
        if d != t:  # something decomposed: drop the combining marks (accents)
            t = "".join(ch for ch in d if not unicodedata.combining(ch))
            t = unicodedata.normalize("NFKC", t)
        if t == s:
            break
        s = t
    return s


def _parse_number(raw: str) -> float | None:
    """Parse Indonesian ("1.000.000,50") and English ("1,000,000.50") digit groupings."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?", raw):
        whole, _, frac = raw.partition(",")
        return float(whole.replace(".", "") + ("." + frac if frac else ""))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?", raw):
        return float(raw.replace(",", ""))
    if re.fullmatch(r"\d+", raw):
        return float(raw)
    if re.fullmatch(r"\d+[.,]\d+", raw):
        return float(raw.replace(",", "."))
    return None


def _format_number(value: float) -> str:
    if value == int(value):
        return str(int(value))
    whole, frac = f"{value:.6f}".rstrip("0").split(".")
    return f"{whole}koma{frac}"


def _amount(match: re.Match[str]) -> str:
    rp, raw, word_mult, letter_mult, rupiah, percent = match.groups()
    value = _parse_number(raw) if len(raw) <= _MAX_NUMBER_CHARS else None
    if value is None:
        # Odd groupings ("1.2.3"): keep the digits as one number token.
        return " " + raw.replace(".", "").replace(",", "") + " "
    mult_word = word_mult or letter_mult
    if letter_mult and not rp:
        # "500k" is money, "3 m" (metres) and "5 t" (tonnes) are not.
        if letter_mult != "k":
            return f" {_format_number(value)} {letter_mult} "
    if mult_word:
        value *= _MULTIPLIERS[mult_word]
    if percent:
        return f" {_format_number(value)}persen "
    if rp or rupiah or mult_word:
        return f" rp{_format_number(round(value, 2))} "
    return f" {_format_number(value)} "


def _date(day: int, month: int, year: int | None) -> str | None:
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    if year is None:
        return f" tgl{month:02d}{day:02d} "
    return f" tgl{year:04d}{month:02d}{day:02d} "


def _date_numeric(match: re.Match[str]) -> str:
    day, _sep, month, year = match.groups()
    y = int(year)
    if len(year) == 2:
        y += 2000
    out = _date(int(day), int(month), y)
    return out if out is not None else match.group(0)


def _date_day_month(match: re.Match[str]) -> str:
    out = _date(int(match.group(1)), int(match.group(2)), None)
    return out if out is not None else match.group(0)


def _date_text(match: re.Match[str]) -> str:
    day, month, year = match.groups()
    out = _date(int(day), _MONTHS[month], int(year) if year else None)
    return out if out is not None else match.group(0)


def _dotted(match: re.Match[str]) -> str:
    host = match.group(0).split("/", 1)[0]
    labels = host.split(".")
    if labels[-1] in _TLDS and not labels[-1].isdigit():
        return " "
    return match.group(0)


def _phone(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    return f" {digits} "


def _month_year(match: re.Match[str]) -> str:
    return f" bln{int(match.group(2)):04d}{_MONTHS[match.group(1)]:02d} "


def _month_alone(match: re.Match[str]) -> str:
    return f" bln{_MONTHS[match.group(1)]:02d} "


def _time(match: re.Match[str]) -> str:
    h1, m1, h2, m2 = match.groups()
    hour, minute = (h1, m1) if h1 is not None else (h2, m2)
    return f" pukul{int(hour):02d}{int(minute or 0):02d} "


def _number_words(match: re.Match[str]) -> str:
    """Turn a run of Indonesian number words into digits ("dua ratus ribu" -> rp200000)."""
    words = match.group(0).split()
    total = group = current = 0
    seen = money = False
    for word in words:
        if word in _DIGIT_WORDS:
            current = _DIGIT_WORDS[word]
            seen = True
        elif word in _SE_WORDS:
            value = _SE_WORDS[word]
            seen = True
            if value >= 1000:
                total += value
                money = True
            else:
                group += value
        elif word == "belas":
            group += 10 + current
            current = 0
        elif word == "puluh":
            group += current * 10
            current = 0
        elif word == "ratus":
            group += current * 100
            current = 0
        else:  # ribu, juta, miliar, triliun
            total += (group + current or 1) * _NUM_SCALES[word]
            group = current = 0
            money = True
    if not seen:
        return match.group(0)
    value = total + group + current
    return f" rp{value} " if money else f" {value} "


@lru_cache(maxsize=8192)
def _fix_token(token: str) -> str:
    if _CANONICAL.match(token) or token in _KEEP_ALNUM:
        return token
    if _LEET_SANDWICH.search(token):
        token = token.translate(_LEET)
    redup = _REDUP.match(token)
    if redup:
        token = f"{redup.group(1)} {redup.group(1)}"
    token = _LETTER_RUN.sub(r"\1", token)
    token = token[:_MAX_TOKEN_CHARS]
    return " ".join(_SLANG.get(part, part) for part in token.split())


def _normalize_once(text: str) -> str:
    # Each rule runs only when what it needs is present: a character ("/", "8", a digit) or
    # a word it cannot match without (a month, a number word, "pukul"). The words are read
    # once, as the runs of ASCII letters: a rule's required word is always such a whole run
    # (it stands between non-letters), and no rule joins letters across its replacement,
    # so skipping a rule whose word is absent never changes the result. Most of the cost of
    # building an index of 100,000 claims is here, and the second (idempotence) pass over
    # already clean text skips nearly everything.
    s = _fold_unicode(text[:MAX_INPUT_CHARS])
    if not s.isascii():
        s = _INVISIBLE.sub("", s)
    if "http" in s or "www" in s:
        s = _URL.sub(" ", s)
    if "." in s:
        s = _DOTTED.sub(_dotted, s)
    if "@" in s:
        s = _MENTION.sub(" ", s)
    if not _CLEAN.fullmatch(s):
        s = _REPEAT_PUNCT.sub(r"\1", s)
    if "#" in s:
        s = _HASHTAG_RUN.sub(" ", s)
        s = _BAIT_TAG.sub(" ", s)
        s = s.replace("#", " ")
    words = set(_LETTER_WORD.findall(s))
    # Spell out the units the number rules read, then the numbers themselves.
    if not words.isdisjoint(_NUM_WORD_SET):
        s = _NUM_WORD_RUN.sub(_number_words, s)
    digits = _DIGIT.search(s) is not None
    months = not words.isdisjoint(_MONTHS)
    if digits:
        if "8" in s:
            s = _PHONE.sub(_phone, s)
        if not words.isdisjoint(_TIME_WORDS):
            s = _TIME.sub(_time, s)
        if "/" in s or "." in s or "-" in s:
            s = _DATE_NUMERIC.sub(_date_numeric, s)
        if "/" in s:
            s = _DATE_DAY_MONTH.sub(_date_day_month, s)
        if months:
            s = _DATE_TEXT.sub(_date_text, s)
            s = _MONTH_YEAR.sub(_month_year, s)
    if months and not words.isdisjoint(_MONTH_FULL_SET):
        s = _MONTH_ALONE.sub(_month_alone, s)
    if digits:
        s = _NUMBER.sub(_amount, s)
    toks = " ".join(map(_fix_token, _TOKEN.findall(s)))
    toks = _fold_phrases(toks)
    if not _BOILERPLATE_ANCHORS.isdisjoint(toks.split()):
        for _ in range(4):
            stripped = _BOILERPLATE.sub(" ", toks)
            if stripped == toks:
                break
            toks = stripped
    return " ".join(toks.split()[:MAX_TOKENS])


# On canonical text, the number rule changes something only where one of these stands: an
# amount word or unit after digits, "rp" before spaced digits, a leading zero, a run of
# digits too long for a float to hold exactly.
_NUMBER_AT_WORK = re.compile(
    r"(?<![a-z0-9])(?:rp\s*)?(?:0\d|\d{16}|\d+\s*(?:ribu|rbu|rb|juta|jta|jt|miliar|milyar"
    r"|triliun|trilyun|k|m|t|rupiah|persen)\b)|(?<![a-z0-9])rp\s+\d"
)


def _normalize_canonical(s: str) -> str:
    """:func:`_normalize_once` for a text that is already canonical (its own output).

    When the text is ASCII it is lower-case letters and digits in single-space-separated
    tokens, so the rules that need other characters (Unicode folding, URLs, dotted names,
    mentions, hashtags, punctuation, numeric dates) cannot match and are not tried; the
    others run under the same guards. A text with other scripts gets the full pass. The
    result is the same as :func:`_normalize_once`'s (a property test checks it).
    """
    if not s.isascii():
        return _normalize_once(s)
    # The letter runs of the tokens: the tokens themselves, and those of the few tokens
    # with digits ("rp600000" -> "rp").
    parts = s.split()
    words = set(parts)
    mixed = [t for t in parts if not t.isalpha()]
    if mixed:
        words.update(_LETTER_WORD.findall(" ".join(mixed)))
    if not words.isdisjoint(_NUM_WORD_SET):
        s = _NUM_WORD_RUN.sub(_number_words, s)
    digits = _DIGIT.search(s) is not None
    months = not words.isdisjoint(_MONTHS)
    if digits:
        if "8" in s:
            s = _PHONE.sub(_phone, s)
        if not words.isdisjoint(_TIME_WORDS):
            s = _TIME.sub(_time, s)
        if months:
            s = _DATE_TEXT.sub(_date_text, s)
            s = _MONTH_YEAR.sub(_month_year, s)
    if months and not words.isdisjoint(_MONTH_FULL_SET):
        s = _MONTH_ALONE.sub(_month_alone, s)
    if digits and _NUMBER_AT_WORK.search(s):
        s = _NUMBER.sub(_amount, s)
    toks = " ".join(map(_fix_token, s.split()))
    toks = _fold_phrases(toks)
    parts = toks.split()
    if not _BOILERPLATE_ANCHORS.isdisjoint(parts):
        for _ in range(4):
            stripped = _BOILERPLATE.sub(" ", toks)
            if stripped == toks:
                break
            toks = stripped
        parts = toks.split()
    return " ".join(parts[:MAX_TOKENS])


def normalize(text: str) -> str:
    """Return the canonical matching form of a claim text.

    The steps are: Unicode NFKC + casefold + accents removed; URLs, @mentions, tag clouds
    (two or more hashtags in a row) and reach-bait tags (``#fyp``) dropped, other ``#`` marks
    dropped; emoji, symbols and punctuation dropped (after numbers are read); dates,
    times, amounts and percentages turned into single tokens (``tgl20260617``,
    ``rp1000000``, ``2koma5persen``); leetspeak inside words undone ("k0rup51" → "korupsi");
    letters repeated three times or more collapsed ("bangeeet" → "banget"); Indonesian
    slang and abbreviations expanded ("yg" → "yang", "gak" → "tidak"); chain-message
    boilerplate ("SEBARKAN", "INFO VALID", "copas dari grup sebelah") removed.

    Only the first :data:`MAX_INPUT_CHARS` characters are read and at most
    :data:`MAX_TOKENS` tokens are kept. The function is idempotent.

    Args:
        text: Any text, untrusted.

    Returns:
        Space-separated lower-case tokens of letters and digits (possibly empty).

    Example:
        >>> normalize("SEBARKAN!!! P3L4KU k0rup51 dpt Rp1.000.000 tgl 17/6/2026")
        'pelaku korupsi dapat rp1000000 tgl20260617'
    """
    current = _normalize_once(text)
    for _ in range(4):
        again = _normalize_canonical(current)
        if again == current:
            break
        current = again
    return current
