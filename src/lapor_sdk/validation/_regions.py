"""Indonesian regions with Kemendagri codes: provinces, kabupaten/kota, kecamatan, desa/kelurahan.

The data ships with the package (``lapor_sdk/data/*.tsv.gz``, built by
``scripts/build_regions.py`` from the MIT-licensed ``cahyadsn/wilayah`` list) and is read
lazily, once per process: the upper levels (provinces, kabupaten/kota, kecamatan) on the first
lookup, the 83,762 desa/kelurahan only when something asks for a village.
"""

from __future__ import annotations

import gzip
import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources

from .._exceptions import UnknownRegionError

__all__ = [
    "Region",
    "RegionLevel",
    "Regions",
    "find_regions",
    "get_region",
    "normalize_region_code",
    "provinces",
    "regencies",
    "regions",
    "validate_region_code",
]

_CODE_DOTTED = re.compile(r"^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$")
_MAX_NAME = 200


class RegionLevel(StrEnum):
    """Administrative level of a region."""

    PROVINCE = "province"
    REGENCY = "regency"
    CITY = "city"
    DISTRICT = "district"
    VILLAGE = "village"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _LEVEL_LABELS[self]

    @property
    def depth(self) -> int:
        """Number of code segments at this level (1 for a province … 4 for a village)."""
        return _LEVEL_DEPTH[self]


_LEVEL_LABELS = {
    RegionLevel.PROVINCE: "Provinsi",
    RegionLevel.REGENCY: "Kabupaten",
    RegionLevel.CITY: "Kota",
    RegionLevel.DISTRICT: "Kecamatan",
    RegionLevel.VILLAGE: "Desa/Kelurahan",
}
_LEVEL_DEPTH = {
    RegionLevel.PROVINCE: 1,
    RegionLevel.REGENCY: 2,
    RegionLevel.CITY: 2,
    RegionLevel.DISTRICT: 3,
    RegionLevel.VILLAGE: 4,
}
_LEVEL_ORDER = {level: i for i, level in enumerate(RegionLevel)}

#: Levels :func:`find_regions` searches when neither ``levels`` nor a prefix says otherwise.
DEFAULT_LEVELS = frozenset({RegionLevel.PROVINCE, RegionLevel.REGENCY, RegionLevel.CITY})


@dataclass(frozen=True, slots=True, order=False)
class Region:
    """One region of the Kemendagri list.

    Regions are values: two regions are equal when their codes are. ``parent`` and
    ``province`` are looked up in the shipped data.

    Example:
        >>> r = get_region("35.73")
        >>> (r.name, r.level.value, r.province.name)
        ('Kota Malang', 'city', 'Jawa Timur')
    """

    code: str
    """Kemendagri code (``"35"``, ``"35.73"``, ``"35.73.05"``, ``"35.73.05.1001"``)."""
    name: str = field(compare=False)
    """Official name (``"Kota Malang"``, ``"Lowokwaru"``)."""
    level: RegionLevel = field(compare=False)
    """Province, regency (kabupaten), city (kota), district (kecamatan) or village."""

    @property
    def parent(self) -> Region | None:
        """The region one level up (``None`` for a province)."""
        if "." not in self.code:
            return None
        return get_region(self.code.rsplit(".", 1)[0])

    @property
    def province(self) -> Region:
        """The province this region is in (itself for a province)."""
        if "." not in self.code:
            return self
        return get_region(self.code[:2])

    @property
    def regency(self) -> Region | None:
        """The kabupaten/kota this region is in (itself at that level; ``None`` for a province)."""
        if "." not in self.code:
            return None
        return get_region(self.code[:5])

    @property
    def is_kelurahan(self) -> bool:
        """Whether a village-level region is a kelurahan (urban) rather than a desa."""
        return self.level is RegionLevel.VILLAGE and self.code[9] == "1"

    @property
    def level_label(self) -> str:
        """Indonesian label of the level; "Desa" or "Kelurahan" for a village."""
        if self.level is RegionLevel.VILLAGE:
            return "Kelurahan" if self.is_kelurahan else "Desa"
        return self.level.label

    @property
    def full_name(self) -> str:
        """Name with the enclosing regions, e.g. ``"Lowokwaru, Kota Malang, Jawa Timur"``."""
        parts = [self.name]
        parent = self.parent
        while parent is not None:
            parts.append(parent.name)
            parent = parent.parent
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


# ---------------------------------------------------------------------------------------------
# name normalisation and aliases

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’‘`´]")


def normalize_name(text: str) -> str:
    """Lower-case ``text``, drop accents and apostrophes, turn punctuation into single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    lowered = _APOSTROPHES.sub("", ascii_text.lower())
    return _NON_ALNUM.sub(" ", lowered).strip()


def name_key(text: str) -> str:
    """Return the lookup key of a name: normalised and without spaces.

    ``"Gunung Kidul"`` and ``"Gunungkidul"`` share the key ``"gunungkidul"``.
    """
    key = normalize_name(text).replace(" ", "")
    return key.replace("sumatra", "sumatera")


#: Leading words that name the level ("Kab. Malang", "Kodya Malang", "Kec. Lowokwaru").
QUALIFIERS: dict[str, frozenset[RegionLevel]] = {
    "provinsi": frozenset({RegionLevel.PROVINCE}),
    "propinsi": frozenset({RegionLevel.PROVINCE}),
    "prov": frozenset({RegionLevel.PROVINCE}),
    "prop": frozenset({RegionLevel.PROVINCE}),
    "kabupaten": frozenset({RegionLevel.REGENCY}),
    "kab": frozenset({RegionLevel.REGENCY}),
    "kb": frozenset({RegionLevel.REGENCY}),
    "pemkab": frozenset({RegionLevel.REGENCY}),
    "kota": frozenset({RegionLevel.CITY}),
    "kodya": frozenset({RegionLevel.CITY}),
    "kotamadya": frozenset({RegionLevel.CITY}),
    "pemkot": frozenset({RegionLevel.CITY}),
    "kecamatan": frozenset({RegionLevel.DISTRICT}),
    "kec": frozenset({RegionLevel.DISTRICT}),
    "kelurahan": frozenset({RegionLevel.VILLAGE}),
    "kel": frozenset({RegionLevel.VILLAGE}),
    "desa": frozenset({RegionLevel.VILLAGE}),
    "ds": frozenset({RegionLevel.VILLAGE}),
}
#: Words that may follow a qualifier without changing it ("Kota Administrasi Jakarta Selatan").
_QUALIFIER_FILLERS = frozenset({"administrasi", "adm"})

#: Common names and abbreviations -> codes. Keys are :func:`name_key` forms.
ALIASES: dict[str, tuple[str, ...]] = {
    # provinces
    "nad": ("11",),
    "nanggroeacehdarussalam": ("11",),
    "sumut": ("12",),
    "sumbar": ("13",),
    "sumsel": ("16",),
    "babel": ("19",),
    "bangkabelitung": ("19",),
    "kepri": ("21",),
    "dki": ("31",),
    "dkijakarta": ("31",),
    "jakarta": ("31",),
    "jkt": ("31",),
    "jabar": ("32",),
    "jateng": ("33",),
    "diy": ("34",),
    "yogyakarta": ("34", "34.71"),
    "jogjakarta": ("34", "34.71"),
    "yogya": ("34", "34.71"),
    "jogja": ("34", "34.71"),
    "jatim": ("35",),
    "ntb": ("52",),
    "ntt": ("53",),
    "kalbar": ("61",),
    "kalteng": ("62",),
    "kalsel": ("63",),
    "kaltim": ("64",),
    "kaltara": ("65",),
    "sulut": ("71",),
    "sulteng": ("72",),
    "sulsel": ("73",),
    "sultra": ("74",),
    "sulbar": ("76",),
    "malut": ("82",),
    # kabupaten/kota
    "jakpus": ("31.71",),
    "jakut": ("31.72",),
    "jakbar": ("31.73",),
    "jaksel": ("31.74",),
    "jaktim": ("31.75",),
    "sby": ("35.78",),
    "suroboyo": ("35.78",),
    "mlg": ("35.07", "35.73"),
    "smg": ("33.22", "33.74"),
    "bdg": ("32.04", "32.73"),
    "solo": ("33.72",),
    "tangsel": ("36.74",),
    "pangkep": ("73.10",),
    "sidrap": ("73.14",),
    "selayar": ("73.01",),
    "kotabaru": ("63.02",),
}


# ---------------------------------------------------------------------------------------------
# loading


class _Data:
    """The parsed upper levels (provinces, kab/kota, kecamatan) plus lazily the villages."""

    def __init__(self) -> None:
        self.by_code: dict[str, Region] = {}
        self.children: dict[str, list[str]] = defaultdict(list)
        self.keys: dict[RegionLevel, dict[str, list[str]]] = {
            lv: defaultdict(list) for lv in RegionLevel
        }
        text = _read_data_file("regions.tsv.gz")
        for line in text.splitlines():
            code, name = line.split("\t", 1)
            level = _level_of(code, name)
            self.by_code[code] = Region(code, name, level)
            if "." in code:
                self.children[code.rsplit(".", 1)[0]].append(code)
            self.keys[level][name_key(core_name(name))].append(code)
        self._villages: dict[str, str] | None = None
        self._village_lock = threading.Lock()

    @property
    def village_names(self) -> dict[str, str]:
        """Village code -> name, loaded on first use."""
        if self._villages is None:
            with self._village_lock:
                if self._villages is None:
                    self._villages = self._load_villages()
        return self._villages

    def _load_villages(self) -> dict[str, str]:
        names: dict[str, str] = {}
        keys = self.keys[RegionLevel.VILLAGE]
        district = ""
        for line in _read_data_file("villages.tsv.gz").splitlines():
            if line.startswith("#"):
                district = line[1:]
                continue
            suffix, name = line.split("\t", 1)
            code = f"{district}.{suffix}"
            names[code] = name
            self.children[district].append(code)
            keys[name_key(name)].append(code)
        return names

    def get(self, code: str) -> Region | None:
        region = self.by_code.get(code)
        if region is None and code.count(".") == 3:
            name = self.village_names.get(code)
            if name is not None:
                region = Region(code, name, RegionLevel.VILLAGE)
        return region


def _read_data_file(name: str) -> str:
    data = resources.files("lapor_sdk").joinpath("data", name).read_bytes()
    return gzip.decompress(data).decode("utf-8")


def _level_of(code: str, name: str) -> RegionLevel:
    depth = code.count(".") + 1
    if depth == 1:
        return RegionLevel.PROVINCE
    if depth == 2:
        return RegionLevel.CITY if name.startswith("Kota ") else RegionLevel.REGENCY
    return RegionLevel.DISTRICT if depth == 3 else RegionLevel.VILLAGE


_PREFIX = re.compile(r"^(?:Kabupaten|Kota)(?: Administrasi)? ")


def core_name(name: str) -> str:
    """Strip the "Kabupaten"/"Kota (Administrasi)" prefix of an official name."""
    return _PREFIX.sub("", name)


@cache
def _data() -> _Data:
    return _Data()


# ---------------------------------------------------------------------------------------------
# public API


def normalize_region_code(code: str) -> str:
    """Return ``code`` in dotted Kemendagri form (``"3578"`` -> ``"35.78"``).

    Args:
        code: A code with or without dots (2, 4, 6 or 10 digits).

    Raises:
        UnknownRegionError: The value is not shaped like a Kemendagri code.
    """
    if not isinstance(code, str):
        raise UnknownRegionError(f"region code must be a string, got {type(code).__name__}")
    text = code.strip()
    if _CODE_DOTTED.match(text):
        return text
    if text.isascii() and text.isdigit() and len(text) in (2, 4, 6, 10):
        parts = [text[0:2], text[2:4], text[4:6], text[6:10]]
        return ".".join(p for p in parts if p)
    shown = text if len(text) <= 20 else text[:20] + "…"
    raise UnknownRegionError(
        f"region code {shown!r} is not a Kemendagri code; write it as PP, PP.KK, PP.KK.CC or "
        "PP.KK.CC.DDDD (e.g. '35.78' for Kota Surabaya)"
    )


class Regions:
    """Lookup of the shipped Kemendagri region list (use the module-level :data:`regions`)."""

    def get(self, code: str) -> Region:
        """Return the region with this Kemendagri code.

        Args:
            code: ``"35"``, ``"35.78"``, ``"35.78.01"``, ``"35.78.01.1001"`` (dots optional).

        Raises:
            UnknownRegionError: The code is malformed or not in the list; the message names
                the nearest known parent.

        Example:
            >>> regions.get("35.78").name
            'Kota Surabaya'
        """
        dotted = normalize_region_code(code)
        region = _data().get(dotted)
        if region is not None:
            return region
        raise UnknownRegionError(_unknown_message(dotted))

    def find(self, name: str, *, levels: Iterable[RegionLevel] | None = None) -> list[Region]:
        """Same as :func:`find_regions`."""
        return find_regions(name, levels=levels)

    def children(self, code: str) -> list[Region]:
        """Return the regions directly below ``code`` (kab/kota of a province, …), by code."""
        parent = self.get(code)
        data = _data()
        if parent.level is RegionLevel.DISTRICT:
            data.village_names  # noqa: B018 - loads the villages, which registers the children
        return [self.get(c) for c in sorted(data.children.get(parent.code, ()))]

    def provinces(self) -> list[Region]:
        """Return the 38 provinces, by code."""
        return provinces()

    def regencies(self, province_code: str | None = None) -> list[Region]:
        """Same as :func:`regencies`."""
        return regencies(province_code)

    def __iter__(self) -> Iterator[Region]:
        """Iterate over provinces, kabupaten/kota and kecamatan (not villages), by code."""
        return iter(sorted(_data().by_code.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(_data().by_code)

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, str):
            return False
        try:
            self.get(code)
        except UnknownRegionError:
            return False
        return True

    def __repr__(self) -> str:
        return "<lapor_sdk.validation.regions: Kemendagri region list>"


#: The shipped region list: ``regions.get("35.78")``, ``regions.find("Malang")``.
regions = Regions()


def _unknown_message(code: str) -> str:
    data = _data()
    parent = code
    while "." in parent:
        parent = parent.rsplit(".", 1)[0]
        known = data.get(parent)
        if known is not None:
            return (
                f"region code {code!r} is not in the Kemendagri list; {known.name} "
                f"({known.code}) exists but has no such subdivision; list them with "
                f"regions.children({known.code!r}) or look a name up with find_regions()"
            )
    return (
        f"region code {code!r} is not in the Kemendagri list; province codes run from 11 (Aceh) "
        "to 96 (Papua Barat Daya); look a name up with find_regions()"
    )


def get_region(code: str) -> Region:
    """Return the region with this Kemendagri code (see :meth:`Regions.get`).

    Raises:
        UnknownRegionError: The code is malformed or unknown.
    """
    return regions.get(code)


def validate_region_code(code: str) -> Region:
    """Check that ``code`` is a known Kemendagri code and return its region.

    Args:
        code: The code, with or without dots.

    Returns:
        The region.

    Raises:
        UnknownRegionError: The code is malformed or not in the list.

    Example:
        >>> validate_region_code("3573").name
        'Kota Malang'
    """
    return regions.get(code)


def provinces() -> list[Region]:
    """Return the 38 provinces, by code."""
    return [r for r in _data().by_code.values() if r.level is RegionLevel.PROVINCE]


def regencies(province_code: str | None = None) -> list[Region]:
    """Return the kabupaten and kota, by code, of one province or of the whole country.

    Args:
        province_code: Limit to this province (``"35"``); ``None`` for all 514.

    Raises:
        UnknownRegionError: ``province_code`` is not a province code.
    """
    data = _data()
    if province_code is None:
        return [
            r for r in data.by_code.values() if r.level in (RegionLevel.REGENCY, RegionLevel.CITY)
        ]
    province = regions.get(province_code)
    if province.level is not RegionLevel.PROVINCE:
        raise UnknownRegionError(
            f"{province.code!r} is a {province.level.value} code, not a province code; "
            f"use {province.code[:2]!r}"
        )
    return regions.children(province.code)


def parse_name(name: str) -> tuple[frozenset[RegionLevel] | None, str]:
    """Split a leading level word off a name: ``"Kab. Malang"`` -> ``({REGENCY}, "malang")``."""
    words = normalize_name(name).split()
    levels: frozenset[RegionLevel] | None = None
    if len(words) > 1 and words[0] in QUALIFIERS:
        levels = QUALIFIERS[words[0]]
        words = words[1:]
        while len(words) > 1 and words[0] in _QUALIFIER_FILLERS:
            words = words[1:]
    key = "".join(words).replace("sumatra", "sumatera")
    return levels, key


def lookup_key(key: str, levels: Iterable[RegionLevel]) -> list[str]:
    """Return the codes whose name (or alias) has this key, at the given levels."""
    data = _data()
    wanted = frozenset(levels)
    codes: list[str] = []
    if RegionLevel.VILLAGE in wanted:
        data.village_names  # noqa: B018 - loads the village keys
    for level in wanted:
        codes.extend(data.keys[level].get(key, ()))
    for code in ALIASES.get(key, ()):
        if data.by_code[code].level in wanted and code not in codes:
            codes.append(code)
    return codes


def find_regions(name: str, *, levels: Iterable[RegionLevel] | None = None) -> list[Region]:
    """Look regions up by name, ignoring case, punctuation and spacing.

    Understands the level words "Kab."/"Kabupaten", "Kota"/"Kodya"/"Kotamadya", "Prov.",
    "Kec."/"Kecamatan" and "Desa"/"Kel."/"Kelurahan", and common names and abbreviations
    ("Sby", "Jkt", "Jogja", "DIY", "Jaksel", "Jatim", …). A bare name can fit several regions:
    ``find_regions("Malang")`` returns both Kabupaten and Kota Malang.

    Args:
        name: What to look for (at most 200 characters).
        levels: Which levels to search. Defaults to provinces and kabupaten/kota, or to the
            level the name's prefix names ("Kec. Lowokwaru").

    Returns:
        The matching regions, provinces first, then by code; empty when nothing matches.

    Example:
        >>> [r.code for r in find_regions("Kota Sby")]
        ['35.78']
        >>> [r.name for r in find_regions("malang")]
        ['Kabupaten Malang', 'Kota Malang']
    """
    if not isinstance(name, str):
        raise UnknownRegionError(f"region name must be a string, got {type(name).__name__}")
    if len(name) > _MAX_NAME:
        raise UnknownRegionError(f"region name is longer than {_MAX_NAME} characters")
    prefix_levels, key = parse_name(name)
    if not key:
        return []
    wanted: frozenset[RegionLevel]
    if levels is not None:
        wanted = frozenset(levels)
        if prefix_levels is not None:
            wanted &= prefix_levels
    else:
        wanted = prefix_levels or DEFAULT_LEVELS
    codes = lookup_key(key, wanted)
    found = [regions.get(c) for c in dict.fromkeys(codes)]
    found.sort(
        key=lambda r: (_LEVEL_ORDER[r.level] if r.level is not RegionLevel.CITY else 1, r.code)
    )
    return found
