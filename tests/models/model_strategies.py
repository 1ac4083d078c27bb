"""Hypothesis strategies for every model of ``lapor_sdk.models``: valid, real-looking values."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from lapor_sdk.models import (
    Attachment,
    Channel,
    Classification,
    Complaint,
    Disposition,
    DispositionKind,
    Event,
    EventKind,
    FollowUp,
    Location,
    MissingInfo,
    MissingKind,
    Privacy,
    Rating,
    Reply,
    Reporter,
    Role,
    Satisfaction,
    Status,
)

# Operator prefixes of Indonesian mobile numbers (Telkomsel, Indosat, XL, Axis, Smartfren, Tri).
MOBILE_PREFIXES = (
    "811", "812", "813", "821", "822", "823", "851", "852", "853",
    "814", "815", "816", "855", "856", "857", "858",
    "817", "818", "819", "859", "877", "878", "831", "832", "833", "838",
    "881", "882", "883", "884", "885", "886", "887", "888", "889",
    "895", "896", "897", "898", "899",
)  # fmt: skip
PROVINCES = (
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35",
    "36", "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76",
    "81", "82", "91", "92", "93", "94", "95", "96",
)  # fmt: skip

ZONES = st.sampled_from(
    [
        dt.UTC,
        ZoneInfo("Asia/Jakarta"),
        ZoneInfo("Asia/Makassar"),
        ZoneInfo("Asia/Jayapura"),
        dt.timezone(dt.timedelta(hours=7)),
    ]
)
aware_datetimes = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2090, 12, 31), timezones=ZONES
)

# Printable text without surrogates (JSON cannot carry lone surrogates).
_ALPHABET = st.characters(exclude_categories=("Cs", "Cc"))


def texts(max_size: int = 60, *, min_size: int = 0) -> st.SearchStrategy[str]:
    """Free text as users type it (already stripped, as the models store it)."""
    return st.text(_ALPHABET, max_size=max_size).map(str.strip).filter(lambda s: len(s) >= min_size)


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``None`` or a value of ``strategy``."""
    return st.none() | strategy


@st.composite
def mobile_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """An Indonesian mobile number as people write it, and its E.164 form."""
    prefix = draw(st.sampled_from(MOBILE_PREFIXES))
    rest = draw(st.text("0123456789", min_size=6, max_size=8))
    national = prefix + rest
    written = draw(
        st.sampled_from(
            [
                f"0{national}",
                f"0{national[:3]}-{national[3:7]}-{national[7:]}",
                f"+62 {national[:3]} {national[3:7]} {national[7:]}",
                f"62{national}",
            ]
        )
    )
    return written, f"+62{national}"


@st.composite
def niks(draw: st.DrawFn) -> str:
    """A structurally valid NIK: province, regency, district, birth date (+40 women), serial."""
    province = draw(st.sampled_from(PROVINCES))
    regency = draw(st.integers(1, 79))
    district = draw(st.integers(1, 40))
    born = draw(st.dates(dt.date(1945, 1, 1), dt.date(2010, 12, 31)))
    female = draw(st.booleans())
    serial = draw(st.integers(1, 9999))
    day = born.day + (40 if female else 0)
    return (
        f"{province}{regency:02d}{district:02d}{day:02d}{born.month:02d}{born.year % 100:02d}"
        f"{serial:04d}"
    )


emails = st.builds(
    lambda user, n, domain: f"{user}{n}@{domain}",
    st.sampled_from(["siti", "budi.santoso", "andi_w", "rahma+lapor", "dewi-ayu"]),
    st.integers(0, 9999),
    st.sampled_from(["contoh.co.id", "mail.example.id", "surabaya.go.id", "example.org"]),
)
names = st.sampled_from(
    ["Siti Rahayu", "Budi Santoso", "I Made Wirawan", "Nur Aisyah", "Yohanes Kambu"]
) | texts(40, min_size=1)

reporters = st.builds(
    Reporter,
    name=optional(names),
    phone=optional(mobile_numbers().map(lambda p: p[0])),
    email=optional(emails),
    nik=optional(niks()),
    address=optional(texts(80)),
    reporter_id=optional(st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True)),
)

region_codes = st.builds(
    lambda p, r: f"{p}.{r:02d}", st.sampled_from(PROVINCES), st.integers(1, 79)
)
locations = st.builds(
    Location,
    region_code=optional(region_codes | st.sampled_from(PROVINCES)),
    region_name=optional(texts(40)),
    province_code=optional(st.sampled_from(PROVINCES)),
    province_name=optional(texts(40)),
    district=optional(texts(40)),
    village=optional(texts(40)),
    street=optional(texts(60)),
    km_marker=optional(st.from_regex(r"KM [0-9]{1,3}\+[0-9]{3}", fullmatch=True)),
    latitude=optional(st.floats(-90, 90)),
    longitude=optional(st.floats(-180, 180)),
    description=optional(texts(100)),
)
attachments = st.builds(
    Attachment,
    filename=texts(40, min_size=1),
    content_type=st.sampled_from(["image/jpeg", "image/png", "application/pdf", "video/mp4"]),
    size=st.integers(0, 50_000_000),
    sha256=optional(st.from_regex(r"[0-9a-f]{64}", fullmatch=True)),
    url=optional(st.just("https://files.example.id/a/1.jpg")),
)
agencies = st.sampled_from(
    ["Pemprov Jawa Timur", "Dinas PU Bina Marga", "Pemkot Surabaya", "Kementerian PANRB"]
)
dispositions = st.builds(
    Disposition,
    at=aware_datetimes,
    to_agency=agencies,
    to_unit=optional(texts(40)),
    from_agency=optional(agencies),
    by=st.sampled_from(Role),
    kind=st.sampled_from(DispositionKind),
    note=optional(texts(100)),
)
follow_ups = st.builds(
    FollowUp,
    at=aware_datetimes,
    unit=optional(texts(40)),
    text=texts(200, min_size=1),
    final=st.booleans(),
)
replies = st.builds(Reply, at=aware_datetimes, text=texts(200, min_size=1))
ratings = st.builds(
    Rating,
    at=aware_datetimes,
    satisfaction=st.sampled_from(Satisfaction),
    comment=optional(texts()),
)
events = st.builds(
    Event,
    at=aware_datetimes,
    kind=st.sampled_from(EventKind),
    actor=st.sampled_from(Role),
    from_status=optional(st.sampled_from(Status)),
    to_status=st.sampled_from(Status),
    agency=optional(agencies),
    unit=optional(texts(40)),
    note=optional(texts(100)),
)
missing_infos = st.builds(
    MissingInfo,
    kind=st.sampled_from(MissingKind),
    prompt=texts(100),
    candidates=st.lists(texts(30), max_size=3).map(tuple),
)
complaints = st.builds(
    Complaint,
    tracking_id=optional(st.from_regex(r"LAPOR-20[0-9]{2}-[0-9]{6}", fullmatch=True)),
    external_ref=optional(st.from_regex(r"agency-app:[0-9]{1,6}", fullmatch=True)),
    channel=st.sampled_from(Channel),
    classification=st.sampled_from(Classification),
    supervisory=optional(st.booleans()),
    title=texts(80),
    description=texts(400),
    category=optional(texts(40)),
    agency=optional(agencies),
    unit=optional(texts(40)),
    location=optional(locations),
    reporter=optional(reporters),
    privacy=st.sampled_from(Privacy),
    status=st.sampled_from(Status),
    created_at=aware_datetimes,
    updated_at=optional(aware_datetimes),
    incident_date=optional(st.dates(dt.date(2000, 1, 1), dt.date(2090, 1, 1))),
    attachments=st.lists(attachments, max_size=2),
    dispositions=st.lists(dispositions, max_size=2),
    follow_ups=st.lists(follow_ups, max_size=2),
    replies=st.lists(replies, max_size=2),
    rating=optional(ratings),
    events=st.lists(events, max_size=3),
    tags=st.lists(texts(20), max_size=3),
)

#: Every model with its strategy: the round-trip test covers each one.
MODEL_STRATEGIES: dict[type[Any], st.SearchStrategy[Any]] = {
    Reporter: reporters,
    Location: locations,
    Attachment: attachments,
    Disposition: dispositions,
    FollowUp: follow_ups,
    Reply: replies,
    Rating: ratings,
    Event: events,
    MissingInfo: missing_infos,
    Complaint: complaints,
}
