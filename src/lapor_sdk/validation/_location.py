"""Find where a complaint is about in its free text.

:func:`extract_location` looks for, in one pass over the words of the text:

- kabupaten/kota and province names, their level words ("Kab.", "Kota", "Kodya") and common
  abbreviations ("Sby", "Jaksel", "Jogja"), kecamatan ("Kec. Lowokwaru") and desa/kelurahan
  ("Desa Tetel") names from the shipped Kemendagri list;
- streets ("Jl. Ahmad Yani", "Jalan Raya Bobotsari"), road kilometre markers ("KM 12+300");
- coordinates: decimal pairs, degrees-minutes-seconds, LS/BT notation and map links.

Names that are also everyday words ("batu", "banjar", "padang", "medan", "serang", …) count
only with a level word in front ("Kota Batu") or when written with a capital after a place
preposition ("di Batu"). A kecamatan or desa/kelurahan name without a level word that is
also an Indonesian word (a root word of the KBBI list PySastrawi ships: "pinggir", "sumur",
"paku", "cendana") needs a **marker** before it counts ("di pinggir sungai" is not Kecamatan
Pinggir, Bengkalis): a capital letter that is not just the start of a sentence or of a text in
capitals ("di Pinggir"), or a higher-level region in the same text that contains it
("pinggir, Bengkalis"), in which case it only adds to that region. Other names ("di
bobotsari") count as before: written with a capital, after a place preposition or in a
street. Where a
name fits several kabupaten/kota ("Malang") the match lists the candidates and leaves
``region`` empty, unless the text settles it with a level word ("Kota Malang"), a kecamatan
or desa that lies in only one of them, or the province.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

from ._regions import (
    ALIASES,
    QUALIFIERS,
    Region,
    RegionLevel,
    _data,
    get_region,
    name_key,
)

if TYPE_CHECKING:
    from ..models import Location

__all__ = ["MAX_TEXT_LENGTH", "LocationMatch", "extract_location"]

#: Longest text examined; anything after it is ignored (complaints are far shorter).
MAX_TEXT_LENGTH = 20_000
#: More tied kabupaten/kota than this and the name says nothing useful ("Desa Sukamaju").
MAX_CANDIDATES = 8
_MAX_NGRAM = 6

_REGENCY_LEVELS = (RegionLevel.REGENCY, RegionLevel.CITY)
_REGENCY_OR_CITY = frozenset(_REGENCY_LEVELS)

#: Region names that are also everyday Indonesian words; they need a level word, or a capital
#: letter after a place preposition, to count as a place.
COMMON_WORDS = frozenset(
    """
    agam air aji alam alas anak api arah asahan asam atas bada badung bagian bahagia baik balai
    bambu banjar bantuan baru barat baru batang batu bawah bayu belakang benteng berkah besar bima
    bintang bone bukit bulan bumi buru cahaya damai danau dalam darat depan desa dua empat gading
    gang gunung harapan hilir hulu ibu indah jalan jati jaya kali kampung kanan karang karya kayu
    kebon kebun kecil kelapa kemang ketapang kidul kiri kota kuala kubu kudus kulon kuningan lama
    landak laut lebak lembah lima lingga lor lurah maju makmur mandiri mas medan merdeka metro
    muara mulia mulya negeri padang pagi palu pasar pasir pati pantai pauh pematang permai pinang
    pondok pos puncak pulau pusat putih raja raya rejo rukun sari sawah sejahtera sekolah selatan
    sentosa serang simpang suka sumber sungai tambak taman tanah tanjung tebing tebingtinggi
    tegal teluk tengah tengahtengah timur tinggi tolong tua tujuh ujung utara wetan
    """.split()
)

#: Words after which a capitalised name is read as a place ("di Batu", "warga Padang").
_LOCATIVES = frozenset(
    """
    di ke dari daerah wilayah wil kawasan warga sekitar area arah menuju dekat perbatasan
    lokasi alamat domisili tinggal kampung masuk asal
    """.split()
)

#: Level words, plus office titles that name the level of the region after them.
_QUALIFIERS: dict[str, frozenset[RegionLevel]] = {
    **QUALIFIERS,
    "bupati": frozenset({RegionLevel.REGENCY}),
    "walikota": frozenset({RegionLevel.CITY}),
}
_LEVEL_WORDS = frozenset(_QUALIFIERS)
#: Prepositions often glued to the next word in chat ("dipurbalingga", "kesurabaya").
_GLUED_PREPOSITIONS = ("di", "ke")
_FILLERS = frozenset({"administrasi", "adm"})

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?\n]")
_ONLY_SPACE = re.compile(r"[ \t\-]*")
_QUALIFIER_GAP = re.compile(r"[./]?[ \t]*")


@dataclass(frozen=True, slots=True)
class LocationMatch:
    """What :func:`extract_location` found.

    ``region`` is the kabupaten/kota (or only the province when nothing finer is named);
    it is ``None`` when the name fits several regions, which are then in ``candidates``.

    Example:
        >>> m = extract_location("Jalan berlubang di Jl. Soekarno Hatta, Lowokwaru, Malang")
        >>> m.region.name, m.district.name, m.street
        ('Kota Malang', 'Lowokwaru', 'Jl. Soekarno Hatta')
    """

    region: Region | None = None
    """The kabupaten/kota (or province) the text is about; ``None`` when ambiguous or unknown."""
    candidates: tuple[Region, ...] = ()
    """Kabupaten/kota the text could mean when it does not settle on one (empty otherwise)."""
    district: Region | None = None
    """The kecamatan mentioned, within ``region``."""
    village: Region | None = None
    """The desa/kelurahan mentioned, within ``region``."""
    street: str | None = None
    """Street as written ("Jl. Ahmad Yani")."""
    km_marker: str | None = None
    """Road kilometre marker ("KM 12+300")."""
    latitude: float | None = None
    """Latitude in decimal degrees."""
    longitude: float | None = None
    """Longitude in decimal degrees."""
    province_hint: Region | None = field(default=None, compare=False)
    """A province named in the text, even when the kabupaten/kota stays ambiguous."""

    @property
    def is_ambiguous(self) -> bool:
        """Whether the text names a place that fits more than one kabupaten/kota."""
        return self.region is None and len(self.candidates) > 1

    @property
    def province(self) -> Region | None:
        """The province of ``region`` (or the province named in the text)."""
        if self.region is not None:
            return self.region.province
        return self.province_hint

    @property
    def has_precise_place(self) -> bool:
        """Whether a street, km marker, coordinates or a desa/kelurahan pin the place down."""
        return bool(
            self.street
            or self.km_marker
            or self.village is not None
            or (self.latitude is not None and self.longitude is not None)
        )

    def to_location(self) -> Location:
        """Return the match as a :class:`~lapor_sdk.models.Location` (region only if settled)."""
        from ..models import Location

        region = self.region
        province = self.province
        return Location(
            region_code=region.code if region is not None else None,
            region_name=region.name if region is not None else None,
            province_code=province.code if province is not None else None,
            province_name=province.name if province is not None else None,
            district=self.district.name if self.district is not None else None,
            village=self.village.name if self.village is not None else None,
            street=self.street,
            km_marker=self.km_marker,
            latitude=self.latitude,
            longitude=self.longitude,
        )


# ---------------------------------------------------------------------------------------------
# gazetteer


class _Entry(NamedTuple):
    provinces: tuple[str, ...]
    regencies: tuple[str, ...]
    districts: tuple[str, ...]
    villages: tuple[str, ...]


@cache
def _gazetteer() -> dict[str, _Entry]:
    data = _data()
    data.village_names  # noqa: B018 - loads the village keys
    merged: dict[str, dict[str, list[str]]] = defaultdict(
        lambda: {"p": [], "r": [], "d": [], "v": []}
    )
    slots = {
        RegionLevel.PROVINCE: "p",
        RegionLevel.REGENCY: "r",
        RegionLevel.CITY: "r",
        RegionLevel.DISTRICT: "d",
        RegionLevel.VILLAGE: "v",
    }
    for level, keys in data.keys.items():
        for key, codes in keys.items():
            merged[key][slots[level]].extend(codes)
    for key, alias_codes in ALIASES.items():
        for code in alias_codes:
            slot = slots[data.by_code[code].level]
            if code not in merged[key][slot]:
                merged[key][slot].append(code)
    return {
        key: _Entry(tuple(v["p"]), tuple(sorted(v["r"])), tuple(v["d"]), tuple(v["v"]))
        for key, v in merged.items()
    }


# ---------------------------------------------------------------------------------------------
# tokens and mentions


class _Token(NamedTuple):
    start: int
    end: int
    norm: str
    capitalised: bool
    name_capital: bool  # capitalised although not a sentence start nor text in capitals
    joins_previous: bool  # only spaces/hyphens since the previous token
    after_qualifier_gap: bool  # only "." and spaces since the previous token


@dataclass(slots=True)
class _Mention:
    start: int  # token index
    end: int
    key: str
    entry: _Entry
    qualifier: frozenset[RegionLevel] | None
    locative: bool
    capitalised: bool
    in_street: bool
    name_capital: bool = False
    words_only: bool = False  # several tokens, each an Indonesian word ("sungai penuh")


def _tokenize(text: str) -> list[_Token]:
    letters = [ch for ch in text if ch.isalpha()]
    upper = sum(1 for ch in letters if ch.isupper())
    shouting = len(letters) >= 8 and upper > 0.6 * len(letters)
    tokens: list[_Token] = []
    previous_end = 0
    for m in _TOKEN.finditer(text):
        raw = m.group()
        norm = raw.lower().replace("'", "").replace("’", "")
        if not norm.isascii():
            norm = name_key(raw)
            if not norm:
                previous_end = m.end()
                continue
        gap = text[previous_end : m.start()]
        sentence_start = not tokens or _SENTENCE_END.search(gap) is not None
        tokens.append(
            _Token(
                start=m.start(),
                end=m.end(),
                norm=norm,
                capitalised=shouting or raw[0].isupper(),
                name_capital=raw[0].isupper() and not shouting and not sentence_start,
                joins_previous=bool(tokens) and _ONLY_SPACE.fullmatch(gap) is not None,
                after_qualifier_gap=bool(tokens) and _QUALIFIER_GAP.fullmatch(gap) is not None,
            )
        )
        previous_end = m.end()
    return tokens


def _find_mentions(tokens: list[_Token], street_spans: list[tuple[int, int]]) -> list[_Mention]:
    gaz = _gazetteer()
    mentions: list[_Mention] = []
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        qualifier: frozenset[RegionLevel] | None = None
        j = i
        if tok.norm in _LEVEL_WORDS and i + 1 < n and tokens[i + 1].after_qualifier_gap:
            qualifier = _QUALIFIERS[tok.norm]
            j = i + 1
            while j + 1 < n and j - i < 3 and tokens[j + 1].after_qualifier_gap:
                if tokens[j].norm in _FILLERS:
                    j += 1
                elif tokens[j].norm in _LEVEL_WORDS:  # "Kabupaten/Kota Banjar"
                    qualifier = qualifier | _QUALIFIERS[tokens[j].norm]
                    j += 1
                else:
                    break
        found = _longest(tokens, j, gaz, qualifier) if qualifier else None
        if found is None and qualifier is not None and qualifier <= _REGENCY_OR_CITY:
            # "Kota Purbalingga" for the kabupaten, "Kabupaten/Kota X": take either level.
            qualifier = _REGENCY_OR_CITY
            found = _longest(tokens, j, gaz, qualifier)
        had_qualifier = qualifier is not None
        if found is None:
            qualifier = None
            j = i
            found = _longest(tokens, i, gaz, None)
            if found is not None and found[0] == i + 1 and tok.norm in _LEVEL_WORDS:
                found = None  # a level word alone ("kota") is not a place
        glued = False
        if found is None:
            found = _glued(tok.norm, i, gaz)
            glued = found is not None
        if found is None:
            i += 1
            continue
        end, key, entry = found
        before = tokens[i - 1].norm if i > 0 else ""
        char_start = tokens[j].start
        in_street = any(a <= char_start < b for a, b in street_spans)
        mention = _Mention(
            start=j,
            end=end,
            key=key,
            entry=entry,
            qualifier=qualifier,
            locative=before in _LOCATIVES or had_qualifier or glued,
            capitalised=tokens[j].capitalised,
            in_street=in_street,
            name_capital=tokens[j].name_capital,
            words_only=end - j > 1 and all(t.norm in _indonesian_words() for t in tokens[j:end]),
        )
        mentions.append(mention)
        if qualifier is None and not entry.regencies and not entry.provinces:
            # "Purbalingga Wetan" is a kelurahan, but it also names the kabupaten.
            prefix = _regency_prefix(tokens, j, end, gaz)
            if prefix is not None:
                mentions.append(
                    _Mention(
                        start=j,
                        end=prefix[0],
                        key=prefix[1],
                        entry=prefix[2],
                        qualifier=None,
                        locative=mention.locative,
                        capitalised=mention.capitalised,
                        in_street=in_street,
                        name_capital=mention.name_capital,
                    )
                )
        i = end
    return mentions


def _glued(norm: str, index: int, gaz: dict[str, _Entry]) -> tuple[int, str, _Entry] | None:
    """Read "dipurbalingga" as "di Purbalingga" (only for kabupaten/kota and provinces)."""
    if len(norm) < 7 or not norm.startswith(_GLUED_PREPOSITIONS):
        return None
    rest = norm[2:]
    entry = gaz.get(rest)
    if entry is None or not (entry.regencies or entry.provinces) or rest in COMMON_WORDS:
        return None
    return index + 1, rest, entry


def _regency_prefix(
    tokens: list[_Token], start: int, end: int, gaz: dict[str, _Entry]
) -> tuple[int, str, _Entry] | None:
    for stop in range(end - 1, start, -1):
        key = "".join(t.norm for t in tokens[start:stop])
        entry = gaz.get(key)
        if entry is not None and (entry.regencies or entry.provinces):
            return stop, key, entry
    return None


def _longest(
    tokens: list[_Token],
    start: int,
    gaz: dict[str, _Entry],
    qualifier: frozenset[RegionLevel] | None,
) -> tuple[int, str, _Entry] | None:
    n = len(tokens)
    limit = start + 1
    while limit < n and limit - start < _MAX_NGRAM and tokens[limit].joins_previous:
        limit += 1
    for end in range(limit, start, -1):
        key = "".join(t.norm for t in tokens[start:end])
        entry = gaz.get(key)
        if entry is None:
            continue
        if qualifier is not None and not _entry_has(entry, qualifier):
            continue
        if (
            qualifier is None
            and not entry.regencies
            and any(t.norm in _LEVEL_WORDS for t in tokens[start + 1 : end])
        ):
            continue  # "pasar Kota Tegal": the level word starts the next name
        return end, key, entry
    return None


def _entry_has(entry: _Entry, levels: frozenset[RegionLevel]) -> bool:
    if RegionLevel.PROVINCE in levels and entry.provinces:
        return True
    if levels & {RegionLevel.REGENCY, RegionLevel.CITY} and _filter_regencies(entry, levels):
        return True
    if RegionLevel.DISTRICT in levels and entry.districts:
        return True
    return RegionLevel.VILLAGE in levels and bool(entry.villages)


def _filter_regencies(entry: _Entry, levels: frozenset[RegionLevel]) -> tuple[str, ...]:
    by_code = _data().by_code
    return tuple(c for c in entry.regencies if by_code[c].level in levels)


# ---------------------------------------------------------------------------------------------
# resolution

_W_REGENCY_QUALIFIED = 5.0
_W_REGENCY = 4.0
_W_DISTRICT_QUALIFIED = 3.0
_W_DISTRICT_ANCHOR = 2.0
_W_DISTRICT_SUPPORT = 1.0
_W_VILLAGE_QUALIFIED = 2.0
_W_VILLAGE_SUPPORT = 0.5
_W_PROVINCE = 1.0
_W_IN_STREET = 1.5


@dataclass(slots=True)
class _Evidence:
    # regency code -> evidence kind ("regency", "district", "village") -> strongest weight
    anchor: dict[str, dict[str, float]] = field(default_factory=dict)
    support: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    first_seen: dict[str, int] = field(default_factory=dict)
    repeats: dict[str, float] = field(default_factory=dict)
    provinces: list[str] = field(default_factory=list)
    districts: list[tuple[str, bool]] = field(default_factory=list)  # (code, qualified)
    villages: list[tuple[str, bool]] = field(default_factory=list)

    def add_anchor(self, regency: str, weight: float, position: int, kind: str) -> None:
        kinds = self.anchor.setdefault(regency, {})
        if kind == "regency" and kind in kinds:
            # Each further mention of the same place adds a little, up to a cap.
            self.repeats[regency] = min(self.repeats.get(regency, 0.0) + 0.5, 2.0)
        kinds[kind] = max(kinds.get(kind, 0.0), weight)
        self.first_seen.setdefault(regency, position)

    def add_support(self, regency: str, weight: float) -> None:
        self.support[regency] += weight


def _is_common(key: str) -> bool:
    return key in COMMON_WORDS


def _collect(mentions: list[_Mention]) -> _Evidence:
    ev = _Evidence()
    seen: set[str] = set()
    unmarked: list[tuple[int, _Mention]] = []
    unmarked_regencies: list[tuple[int, _Mention]] = []
    for pos, m in enumerate(mentions):
        entry = m.entry
        q = m.qualifier
        common = _is_common(m.key) or m.words_only
        # A common word counts as a bare place name only when capitalised after a preposition.
        bare_ok = not common or (m.capitalised and m.locative)
        if q is not None:
            if RegionLevel.PROVINCE in q:
                ev.provinces.extend(entry.provinces)
            elif q & {RegionLevel.REGENCY, RegionLevel.CITY}:
                for code in _filter_regencies(entry, q):
                    ev.add_anchor(code, _W_REGENCY_QUALIFIED, pos, "regency")
            elif RegionLevel.DISTRICT in q:
                for code in entry.districts:
                    ev.districts.append((code, True))
                    ev.add_anchor(code[:5], _W_DISTRICT_QUALIFIED, pos, "district")
            else:
                for code in entry.villages:
                    ev.villages.append((code, True))
                    ev.add_anchor(code[:5], _W_VILLAGE_QUALIFIED, pos, "village")
            continue
        if entry.regencies or entry.provinces:
            if not bare_ok:
                if entry.regencies and not m.in_street:
                    unmarked_regencies.append((pos, m))
                continue
            if m.in_street:
                # "Jl. Semarang" is a street in many towns: a weak anchor only.
                for code in entry.regencies:
                    ev.add_anchor(code, _W_IN_STREET, pos, "regency")
                continue
            for code in entry.regencies:
                ev.add_anchor(code, _W_REGENCY, pos, "regency")
            ev.provinces.extend(entry.provinces)
            continue
        # Bare kecamatan/desa names, once each. Names that are also Indonesian words
        # ("pinggir", "sumur") need a marker: a capital that is not a sentence start, or
        # (checked below) a higher region in the text that contains them. Other names count
        # when written like a name, after a place preposition or in a street.
        if common or len(m.key) < 5 or m.key in seen:
            continue
        if m.key in _indonesian_words():
            seen.add(m.key)
            if m.name_capital:
                _add_bare_place(ev, m, pos, entry.districts, entry.villages)
            else:
                unmarked.append((pos, m))
            continue
        if not (m.capitalised or m.locative or m.in_street):
            continue
        seen.add(m.key)
        _add_bare_place(ev, m, pos, entry.districts, entry.villages)
    # A kabupaten/kota whose name is ordinary words ("sungai penuh") counts without a capital
    # when the text names its province.
    for pos, m in unmarked_regencies:
        for code in m.entry.regencies:
            if code[:2] in ev.provinces:
                ev.add_anchor(code, _W_REGENCY, pos, "regency")
    _add_unmarked(ev, unmarked)
    return ev


@cache
def _indonesian_words() -> frozenset[str]:
    """Indonesian root words (KBBI), from the list the PySastrawi stemmer ships (MIT)."""
    try:
        data = resources.files("Sastrawi").joinpath("Stemmer", "data", "kata-dasar.txt")
        text = data.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):  # pragma: no cover - core dep
        return frozenset()
    return frozenset(word.strip().lower() for word in text.split() if word.isalpha())


def _add_bare_place(
    ev: _Evidence, m: _Mention, pos: int, districts: Sequence[str], villages: Sequence[str]
) -> None:
    for code in districts:
        ev.districts.append((code, False))
        if len(districts) == 1:
            weight = _W_DISTRICT_SUPPORT if m.in_street else _W_DISTRICT_ANCHOR
            ev.add_anchor(code[:5], weight, pos, "district")
        else:
            ev.add_support(code[:5], _W_DISTRICT_SUPPORT)
    for code in villages:
        # A bare name that is also a kecamatan ("Lowokwaru") is read as the kecamatan,
        # not as its same-named kelurahan.
        if not districts:
            ev.villages.append((code, False))
        ev.add_support(code[:5], _W_VILLAGE_SUPPORT)


def _add_unmarked(ev: _Evidence, unmarked: list[tuple[int, _Mention]]) -> None:
    """Let unmarked kecamatan/desa names count inside a region the text names higher up.

    "jalan rusak di bobotsari purbalingga": the kabupaten is named, so "bobotsari" may say
    which kecamatan; it adds support to that kabupaten, never an anchor of its own.
    """
    regencies = {code for code, kinds in ev.anchor.items() if "regency" in kinds}
    provinces = set(ev.provinces)
    if not (regencies or provinces):
        return
    for _, m in unmarked:
        inside = [c for c in m.entry.districts if c[:5] in regencies or c[:2] in provinces]
        villages = [c for c in m.entry.villages if c[:5] in regencies or c[:2] in provinces]
        for code in inside:
            ev.districts.append((code, False))
            ev.add_support(code[:5], _W_DISTRICT_SUPPORT)
        for code in villages:
            if not inside:
                ev.villages.append((code, False))
            ev.add_support(code[:5], _W_VILLAGE_SUPPORT)


def _resolve(ev: _Evidence) -> tuple[Region | None, tuple[Region, ...]]:
    for province in dict.fromkeys(ev.provinces):
        for code in ev.anchor:
            if code.startswith(province):
                ev.add_support(code, _W_PROVINCE)
    if not ev.anchor:
        provinces = list(dict.fromkeys(ev.provinces))
        if len(provinces) == 1:
            return get_region(provinces[0]), ()
        return None, ()
    scores = {
        code: sum(kinds.values()) + ev.support.get(code, 0.0) + ev.repeats.get(code, 0.0)
        for code, kinds in ev.anchor.items()
    }
    best = max(scores.values())
    tied = sorted(c for c, s in scores.items() if math.isclose(s, best))
    if len(tied) > 1:
        # Several different names tie: the first one named wins; one name fitting several
        # regions stays ambiguous.
        first = min(ev.first_seen[c] for c in tied)
        tied = [c for c in tied if ev.first_seen[c] == first]
    if len(tied) == 1:
        return get_region(tied[0]), ()
    if len(tied) > MAX_CANDIDATES:
        return None, ()
    return None, tuple(get_region(c) for c in tied)


def _pick_within(
    items: list[tuple[str, bool]], prefix: str, preferred: str | None = None
) -> Region | None:
    inside = [(code, qualified) for code, qualified in items if code.startswith(prefix + ".")]
    if not inside:
        return None
    if preferred is not None:
        preferred_inside = [item for item in inside if item[0].startswith(preferred + ".")]
        inside = preferred_inside or inside
    inside.sort(key=lambda item: not item[1])
    return get_region(inside[0][0])


# ---------------------------------------------------------------------------------------------
# streets, km markers, coordinates

_STREET_STOP = frozenset(
    """
    di ke dari yang arah sudah telah rusak berlubang depan dekat sebelah samping no nomor rt rw
    dan ada mohon tolong banyak sangat karena ini itu tersebut sejak mulai menuju hingga sampai
    kec kecamatan kel kelurahan desa ds kab kabupaten kota kodya pak bu mas mbak tidak belum
    masih sering selalu jadi juga pada untuk agar supaya dengan tapi namun kami saya sekitar
    persis tepat tepatnya lampu jalannya macet banjir gelap licin retak amblas ambles longsor
    parah kondisi sering lagi gang gg km kilometer mati padam putus ambruk roboh tumbang bocor
    """.split()
)
_STREET = re.compile(
    r"(?<![\w])(?P<kw>jalan|jln|jl)(?![a-z0-9])(?P<dot>\.?)[ \t]*(?=(?P<rest>[^\n,;:!?()]{1,120}))",
    re.IGNORECASE,
)
_STREET_WORD = re.compile(r"[A-Za-z0-9][\w'’./-]*")
_KM = re.compile(
    r"(?<![\w])(?:km|kilometer)\.?[ \t]*(?P<km>\d{1,4})(?:[ \t]*\+[ \t]*(?P<m>\d{1,3}))?(?![\d\w])",
    re.IGNORECASE,
)
_NUM = r"-?\d{1,3}\.\d+"
_MAP_PATTERNS = (
    re.compile(rf"!3d(?P<lat>{_NUM})!4d(?P<lon>{_NUM})"),
    re.compile(rf"@(?P<lat>{_NUM}),(?P<lon>{_NUM})"),
    re.compile(
        rf"[?&](?:q|query|ll|destination|center|daddr)=(?:loc:)?(?P<lat>{_NUM})"
        rf"(?:,|%2C)\s*(?:\+|%20)?(?P<lon>{_NUM})",
        re.IGNORECASE,
    ),
)
_DECIMAL_PAIR = re.compile(
    r"(?<![\w.\d-])(?P<lat>-?\d{1,3}\.\d{4,})[ \t]*[,;][ \t]*(?P<lon>-?\d{1,3}\.\d{4,})(?![\d.])"
)
_HEMISPHERE_PAIR = re.compile(
    r"(?<![\w.])(?P<lat>\d{1,2}(?:[.,]\d+)?)[ \t]*°?[ \t]*(?P<ns>LS|LU|S|N)\b[ \t,;]*"
    r"(?P<lon>\d{1,3}(?:[.,]\d+)?)[ \t]*°?[ \t]*(?P<ew>BT|BB|E|W)\b",
    re.IGNORECASE,
)
_DMS_PART = (
    r"(\d{1,3})[ \t]*°[ \t]*(\d{1,2})[ \t]*['′][ \t]*(\d{1,2}(?:[.,]\d+)?)[ \t]*(?:\"|″|'')?"
)
_DMS_PAIR = re.compile(
    rf"{_DMS_PART}[ \t]*(LS|LU|S|N)\b[ \t,;]*{_DMS_PART}[ \t]*(BT|BB|E|W)\b",
    re.IGNORECASE,
)


def _find_street(text: str) -> tuple[str | None, list[tuple[int, int]]]:
    first: str | None = None
    spans: list[tuple[int, int]] = []
    for m in _STREET.finditer(text):
        keyword = m.group("kw")
        abbreviated = keyword.lower() != "jalan" or bool(m.group("dot"))
        words: list[str] = []
        end = m.start("rest")
        for w in _STREET_WORD.finditer(m.group("rest")):
            word = w.group().rstrip(".")
            lowered = word.lower()
            if lowered in _STREET_STOP and not (not words and lowered == "raya"):
                break
            if not words and not abbreviated and not (word[0].isupper() or lowered == "raya"):
                break
            # "Jl. Ahmad Yani mati": a capitalised name ends at the first lower-case word;
            # a name written in lower case ("jln pengadegan") runs to a stop word, 3 words.
            if words and words[0][0].isupper() and word[0].islower():
                break
            if words and word.isdigit():  # a house number ends the name
                break
            if words and words[0][0].islower() and len(words) >= 3:
                break
            if words and w.group().endswith(".") and not _is_abbrev(w.group()):
                words.append(word)
                end = m.start("rest") + w.end()
                break
            words.append(word)
            end = m.start("rest") + w.end()
            if len(words) >= 6:
                break
        if not words or (len(words) == 1 and words[0].lower() == "raya"):
            continue
        if not any(ch.isalpha() for ch in "".join(words)):
            continue
        spans.append((m.start(), end))
        if first is None:
            first = "Jl. " + " ".join(words)
    return first, spans


def _is_abbrev(word: str) -> bool:
    return len(word) <= 4 and word[0].isupper()


def _find_km(text: str) -> str | None:
    m = _KM.search(text)
    if m is None:
        return None
    km = str(int(m.group("km")))
    metres = m.group("m")
    return f"KM {km}+{int(metres):03d}" if metres else f"KM {km}"


def _valid_pair(lat: float, lon: float) -> tuple[float, float] | None:
    if -90 <= lat <= 90 and -180 <= lon <= 180 and not (lat == 0 and lon == 0):
        return lat, lon
    if -90 <= lon <= 90 and -180 <= lat <= 180:
        return lon, lat
    return None


def _to_float(text: str) -> float:
    return float(text.replace(",", "."))


def _find_coordinates(text: str) -> tuple[float, float] | None:
    for pattern in _MAP_PATTERNS:
        for m in pattern.finditer(text):
            pair = _valid_pair(float(m.group("lat")), float(m.group("lon")))
            if pair:
                return pair
    for m in _DMS_PAIR.finditer(text):
        g = m.groups()
        lat = _to_float(g[0]) + _to_float(g[1]) / 60 + _to_float(g[2]) / 3600
        lon = _to_float(g[4]) + _to_float(g[5]) / 60 + _to_float(g[6]) / 3600
        if g[3].upper() in ("S", "LS"):
            lat = -lat
        if g[7].upper() in ("W", "BB"):
            lon = -lon
        pair = _valid_pair(round(lat, 6), round(lon, 6))
        if pair and abs(pair[0]) <= 90:
            return pair
    for m in _HEMISPHERE_PAIR.finditer(text):
        lat = _to_float(m.group("lat"))
        lon = _to_float(m.group("lon"))
        if m.group("ns").upper() in ("S", "LS"):
            lat = -lat
        if m.group("ew").upper() in ("W", "BB"):
            lon = -lon
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return lat, lon
    for m in _DECIMAL_PAIR.finditer(text):
        pair = _valid_pair(float(m.group("lat")), float(m.group("lon")))
        if pair:
            return pair
    return None


# ---------------------------------------------------------------------------------------------
# entry point


def extract_location(text: str) -> LocationMatch | None:
    """Find the place a complaint text is about.

    Args:
        text: The complaint (title and description); only the first
            :data:`MAX_TEXT_LENGTH` characters are read.

    Returns:
        What was found, or ``None`` when the text names no place, street, km marker or
        coordinates at all. When a name fits several kabupaten/kota and nothing in the text
        settles it, ``region`` is ``None`` and ``candidates`` lists them
        (``is_ambiguous`` is true).

    Example:
        >>> extract_location("Jembatan putus di Kota Malang").region.code
        '35.73'
        >>> [r.name for r in extract_location("Jalan rusak di Malang").candidates]
        ['Kabupaten Malang', 'Kota Malang']
        >>> extract_location("Lampu mati di Lowokwaru, Malang").region.name
        'Kota Malang'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    text = text[:MAX_TEXT_LENGTH]
    street, street_spans = _find_street(text)
    km = _find_km(text)
    coordinates = _find_coordinates(text)
    tokens = _tokenize(text)
    mentions = _find_mentions(tokens, street_spans)
    ev = _collect(mentions)
    region, candidates = _resolve(ev)
    district = village = None
    if region is not None and region.level in _REGENCY_LEVELS:
        district = _pick_within(ev.districts, region.code)
        village = _pick_within(
            ev.villages, region.code, district.code if district is not None else None
        )
    province_hint = None
    if region is None:
        named = list(dict.fromkeys(ev.provinces))
        if len(named) == 1:
            province_hint = get_region(named[0])
        elif candidates and len({c.code[:2] for c in candidates}) == 1:
            province_hint = candidates[0].province
    if region is None and not candidates and street is None and km is None and coordinates is None:
        return None
    return LocationMatch(
        region=region,
        candidates=candidates,
        district=district,
        village=village,
        street=street,
        km_marker=km,
        latitude=coordinates[0] if coordinates else None,
        longitude=coordinates[1] if coordinates else None,
        province_hint=province_hint,
    )
