"""What a complaint still lacks before an admin can verify it, with questions for the reporter.

The biggest practical gap (DPU Bina Marga) is the location: roads, bridges and drainage cannot be
handled without one, so a report about them needs a street, a km marker, coordinates or a
desa/kelurahan besides the kabupaten/kota.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..models._complaint import register_complaint_services
from ._location import LocationMatch, extract_location
from ._regions import RegionLevel

if TYPE_CHECKING:
    from ..models import Complaint, Location, MissingInfo

__all__ = [
    "MIN_DESCRIPTION_WORDS",
    "PROMPTS",
    "is_infrastructure",
    "missing_information",
]

#: Fewer meaningful words than this (greetings aside) and the problem is not described.
MIN_DESCRIPTION_WORDS = 4

#: Ready prompt texts, polite Indonesian, keyed by :class:`~lapor_sdk.models.MissingKind` value.
PROMPTS = {
    "location": (
        "Mohon sebutkan lokasi kejadian: nama jalan, desa/kelurahan, kecamatan, dan kabupaten/kota."
    ),
    "location_with_street": (
        "Mohon sebutkan kecamatan dan kabupaten/kota tempat {street} berada, agar laporan "
        "dapat diteruskan ke instansi yang tepat."
    ),
    "ambiguous_location": (
        "Mohon pastikan lokasi kejadian: apakah yang dimaksud {options}? Sebutkan juga "
        "kecamatan dan desa/kelurahannya."
    ),
    "province_only": (
        "Mohon sebutkan kabupaten/kota, kecamatan, dan desa/kelurahan lokasi kejadian di "
        "{province}."
    ),
    "precise_location": (
        "Mohon lengkapi lokasi di {region}: nama jalan dan desa/kelurahan, patokan kilometer "
        "(misalnya KM 12+300), atau titik koordinat/tautan Google Maps. Dengan begitu petugas "
        "lapangan dapat menemukan tempatnya."
    ),
    "description": (
        "Mohon jelaskan masalah yang Anda laporkan: apa yang terjadi, sejak kapan, dan "
        "dampaknya bagi Anda atau warga sekitar."
    ),
    "title": (
        'Mohon tuliskan judul singkat laporan Anda, misalnya "Jalan berlubang di Jl. Ahmad Yani".'
    ),
    "contact": (
        "Mohon cantumkan nomor telepon/WhatsApp atau alamat surel yang dapat dihubungi agar "
        "petugas dapat mengabarkan tindak lanjut laporan Anda."
    ),
}

_INFRA_CATEGORY = re.compile(
    r"infrastruktur|jalan|jembatan|drainase|saluran|gorong|pekerjaan umum|\bpu\b|bina marga|"
    r"sumber daya air|\bsda\b|pju|penerangan",
    re.IGNORECASE,
)
_INFRA_TEXT = re.compile(
    r"jembatan|drainase|gorong[\s-]*gorong|selokan|saluran air|\bgot\b|trotoar|\bpju\b|"
    r"lampu jalan|penerangan jalan|ruas jalan|"
    r"jalan (?:desa|kabupaten|provinsi|nasional|lingkungan|kampung|poros|tol)\b|"
    r"\b(?:jalan|jln?\.?|aspal)\s+(?:[\w.,]+\s+){0,6}?"
    r"(?:rusak|berlubang|berlobang|retak|amblas|ambles|ambrol|longsor|putus|bergelombang|hancur)|"
    r"\blubang\b|\bberlubang\b",
    re.IGNORECASE,
)
_GREETINGS = re.compile(
    r"\b(?:assalamu\W*alaikum|asw|ass|wr|wb|warahmatullahi|wabarakatuh|salam|selamat|pagi|siang|"
    r"sore|malam|halo|hallo|hai|hi|permisi|maaf|mohon|izin|ijin|lapor|terima|kasih|makasih|"
    r"tks|thx|pak|bu|bapak|ibu|mas|mbak|min|admin|kak|bupati|walikota|gubernur|yth|"
    r"yang|terhormat|dengan|hormat|saya|ingin|mau|melaporkan|tolong|dong|ya|nih|om|swastiastu|"
    r"shalom|sampurasun|tabik|punten)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]{2,}")


def is_infrastructure(category: str | None, text: str) -> bool:
    """Whether a report is about roads, bridges, drainage or street lights.

    Args:
        category: The complaint's category, if set; it decides when given.
        text: Title and description, looked at when there is no category.
    """
    if category:
        return _INFRA_CATEGORY.search(category) is not None
    return _INFRA_TEXT.search(text[:20_000]) is not None


def _meaningful_words(text: str) -> int:
    stripped = _GREETINGS.sub(" ", text[:20_000])
    return len(_WORD.findall(stripped))


def _match_from_location(location: Location) -> LocationMatch | None:
    """Turn a set location into a match, or ``None`` when it names no kab/kota or coordinates."""
    from ._regions import get_region

    region = None
    if location.region_code:
        try:
            region = get_region(location.region_code)
        except ValueError:
            region = None
    if region is None and location.province_code:
        try:
            region = get_region(location.province_code)
        except ValueError:
            region = None
    if region is None and not location.has_coordinates:
        return None
    return LocationMatch(
        region=region,
        street=location.street,
        km_marker=location.km_marker,
        latitude=location.latitude,
        longitude=location.longitude,
    )


def _has_precise_place(match: LocationMatch, location: Location | None) -> bool:
    if match.has_precise_place:
        return True
    return location is not None and bool(
        location.street or location.km_marker or location.village or location.has_coordinates
    )


def _join_options(names: list[str]) -> str:
    if len(names) <= 2:
        return " atau ".join(names)
    return ", ".join(names[:-1]) + ", atau " + names[-1]


def missing_information(complaint: Complaint) -> list[MissingInfo]:
    """List what to ask the reporter before the report can be verified.

    Checks, in this order: the description of the problem (empty, too short or only
    greetings), the location (none set and none found in the title and description; a name
    that fits several kabupaten/kota; only a province; for roads, bridges, drainage and street
    lights no street, km marker, coordinates or desa/kelurahan), the title, and a way to reach
    the reporter (for non-anonymous reports entered through the form manual).

    Args:
        complaint: The report (a draft is fine).

    Returns:
        One :class:`~lapor_sdk.models.MissingInfo` per gap, with a polite Indonesian prompt;
        empty when nothing is missing.

    Example:
        >>> import datetime as dt
        >>> from lapor_sdk.models import Complaint
        >>> c = Complaint(
        ...     title="Jalan rusak",
        ...     description="Jalan di Malang rusak parah dan berlubang sejak bulan lalu.",
        ...     created_at=dt.datetime(2025, 3, 3, tzinfo=dt.timezone.utc),
        ... )
        >>> [m.kind.value for m in missing_information(c)]
        ['ambiguous_location']
    """
    from ..models import MissingInfo, MissingKind

    missing: list[MissingInfo] = []
    title = complaint.title.strip()
    description = complaint.description.strip()
    text = f"{title}\n{description}"

    if _meaningful_words(description) < MIN_DESCRIPTION_WORDS:
        missing.append(MissingInfo(kind=MissingKind.DESCRIPTION, prompt=PROMPTS["description"]))

    location = complaint.location
    match: LocationMatch | None = None
    if location is not None and not location.is_empty:
        match = _match_from_location(location)
    if match is None:
        detect_text = text
        if location is not None:
            extra = [location.description, location.street, location.district, location.village]
            detect_text += "\n" + "\n".join(part for part in extra if part)
        match = extract_location(detect_text)

    infra = is_infrastructure(complaint.category, text)
    has_coordinates = match is not None and match.latitude is not None
    if match is None or (match.region is None and not match.candidates and not has_coordinates):
        street = match.street if match is not None else None
        prompt = (
            PROMPTS["location_with_street"].format(street=street) if street else PROMPTS["location"]
        )
        missing.append(MissingInfo(kind=MissingKind.LOCATION, prompt=prompt))
    elif match.is_ambiguous:
        names = [c.name for c in match.candidates]
        missing.append(
            MissingInfo(
                kind=MissingKind.AMBIGUOUS_LOCATION,
                prompt=PROMPTS["ambiguous_location"].format(options=_join_options(names)),
                candidates=tuple(names),
            )
        )
    elif (
        match.region is not None
        and match.region.level is RegionLevel.PROVINCE
        and not has_coordinates
    ):
        missing.append(
            MissingInfo(
                kind=MissingKind.PRECISE_LOCATION,
                prompt=PROMPTS["province_only"].format(province=match.region.name),
            )
        )
    elif infra and not _has_precise_place(match, location):
        where = match.region.name if match.region is not None else "lokasi tersebut"
        missing.append(
            MissingInfo(
                kind=MissingKind.PRECISE_LOCATION,
                prompt=PROMPTS["precise_location"].format(region=where),
            )
        )

    if not title:
        missing.append(MissingInfo(kind=MissingKind.TITLE, prompt=PROMPTS["title"]))

    reporter = complaint.reporter
    if (
        not complaint.is_anonymous
        and complaint.channel.via_form_manual
        and (reporter is None or not reporter.has_contact)
    ):
        missing.append(MissingInfo(kind=MissingKind.CONTACT, prompt=PROMPTS["contact"]))
    return missing


register_complaint_services(missing_information=missing_information)
