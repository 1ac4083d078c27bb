"""Realistic, deterministic sample complaints for demos, documentation and benchmarks.

Histories are built with :mod:`lapor_sdk.lifecycle`, so every event sequence is one the status
machine allows. Units differ in speed and in the quality of their answers, so rankings and
on-time rates spread out the way real monev data does. No personal data is generated.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from zoneinfo import ZoneInfo

from .. import lifecycle
from .._exceptions import InvalidInputError
from ..lifecycle import ArchiveReason
from ..models import Channel, Complaint, Location, Privacy, Role, Satisfaction
from ._types import _ensure_aware

__all__ = ["MAX_SAMPLE", "SampleRegion", "sample_complaints"]

#: Most complaints generated in one call.
MAX_SAMPLE: Final = 100_000


@dataclass(frozen=True)
class SampleRegion:
    """A kab/kota of the sample data (Kemendagri code and name)."""

    code: str
    """Kemendagri kab/kota code (``"35.78"``)."""
    name: str
    """Official name (``"Kota Surabaya"``)."""
    districts: tuple[str, ...]
    """Some kecamatan of the region, used in texts."""


_REGIONS: Final = (
    SampleRegion("35.78", "Kota Surabaya", ("Tegalsari", "Wonokromo", "Rungkut", "Tambaksari")),
    SampleRegion("35.73", "Kota Malang", ("Klojen", "Lowokwaru", "Blimbing", "Sukun")),
    SampleRegion("35.07", "Kabupaten Malang", ("Kepanjen", "Singosari", "Turen", "Lawang")),
    SampleRegion("35.15", "Kabupaten Sidoarjo", ("Sidoarjo", "Waru", "Taman", "Candi")),
    SampleRegion("35.22", "Kabupaten Bojonegoro", ("Bojonegoro", "Kapas", "Dander", "Sumberrejo")),
    SampleRegion("35.10", "Kabupaten Banyuwangi", ("Genteng", "Rogojampi", "Glagah", "Giri")),
)

# category -> (unit prefix, problem titles, concrete actions done, result)
_CATEGORIES: Final = {
    "Infrastruktur": (
        "Dinas PU Bina Marga",
        ("Jalan berlubang", "Jembatan retak", "Trotoar rusak", "Saluran tersumbat"),
        ("sudah ditambal sepanjang {n} meter", "telah dilakukan perbaikan {n} titik"),
        "jalan kini sudah bisa dilalui dengan aman",
    ),
    "Lingkungan": (
        "Dinas Lingkungan Hidup",
        ("Sampah menumpuk", "Bau limbah pabrik", "Pembakaran sampah", "Pohon rawan tumbang"),
        (
            "sampah sudah diangkut sebanyak {n} truk",
            "petugas meninjau lokasi dan memangkas {n} pohon",
        ),
        "lokasi sudah bersih",
    ),
    "Perhubungan": (
        "Dinas Perhubungan",
        ("Lampu lalu lintas mati", "Parkir liar", "Rambu hilang", "Angkutan ngetem"),
        ("lampu sudah diganti {n} unit", "petugas menertibkan {n} kendaraan"),
        "lampu sudah menyala normal",
    ),
    "Kesehatan": (
        "Dinas Kesehatan",
        ("Antrean puskesmas lama", "Obat kosong", "Layanan BPJS ditolak", "Fogging DBD"),
        ("sudah dilakukan fogging di {n} RT", "telah dikirim {n} paket obat"),
        "layanan sudah berjalan normal",
    ),
    "Kependudukan": (
        "Dinas Kependudukan dan Pencatatan Sipil",
        ("KTP-el belum jadi", "Akta kelahiran salah", "KK belum diperbarui", "Antrean dukcapil"),
        ("dokumen sudah dicetak ({n} lembar)", "data telah diperbaiki pada {n} dokumen"),
        "dokumen sudah dapat diambil",
    ),
    "Pendidikan": (
        "Dinas Pendidikan",
        ("Pungutan sekolah", "Atap kelas bocor", "Zonasi PPDB", "Guru jarang hadir"),
        ("sudah dilakukan pemeriksaan ke {n} sekolah", "atap telah diperbaiki di {n} kelas"),
        "kegiatan belajar sudah normal",
    ),
}

_NORMATIVE: Final = (
    "Terima kasih atas laporannya, akan segera kami tindak lanjuti.",
    "Laporan sudah kami teruskan ke dinas terkait. Mohon bersabar.",
    "Terima kasih atas partisipasinya, aduan Anda sedang dalam proses.",
    "Laporan Saudara telah kami terima dan akan ditindaklanjuti sesuai kewenangan.",
    "Mohon ditunggu, laporan sedang kami koordinasikan dengan pihak terkait.",
)
_INTERIM: Final = (
    "Petugas akan meninjau {street}, Kecamatan {district}, pada {day}.",
    "Laporan sudah kami terima; survei lokasi di {street} dijadwalkan {day}.",
)
_REPLIES: Final = (
    "Masalahnya belum selesai, di lokasi masih sama seperti sebelumnya.",
    "Baru sebagian yang diperbaiki, mohon dicek kembali.",
)
_STREETS: Final = (
    "Jl. Merdeka", "Jl. Diponegoro", "Jl. Ahmad Yani", "Jl. Sudirman", "Jl. Gajah Mada",
    "Jl. Pahlawan", "Jl. Veteran", "Jl. Kartini",
)  # fmt: skip
_DAYS: Final = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat")
_CHANNELS: Final = (
    (Channel.LAPOR_WEB, 24), (Channel.LAPOR_APP, 18), (Channel.WHATSAPP, 20),
    (Channel.REGIONAL_APP, 10), (Channel.SMS, 6), (Channel.TWITTER, 5),
    (Channel.SOCIAL_MEDIA, 6), (Channel.PHONE, 4), (Channel.EMAIL, 3),
    (Channel.FACE_TO_FACE, 2), (Channel.VILLAGE_HEAD, 2),
)  # fmt: skip

_ADMIN = Role.AGENCY_ADMIN


@dataclass(frozen=True)
class _UnitProfile:
    speed: float  # multiplier on delays (1 = typical)
    normative: float  # probability that an answer is a normative template
    silent: float  # probability that a disposed report is never answered


class _Office:
    """Simple office-time arithmetic (Mon–Fri 08:00–16:00 local) for plausible timestamps."""

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz

    def align(self, moment: dt.datetime) -> dt.datetime:
        local = moment.astimezone(self.tz)
        if local.weekday() >= 5 or local.hour >= 16:
            local = (local + dt.timedelta(days=1)).replace(hour=8, minute=0, second=0)
            while local.weekday() >= 5:
                local += dt.timedelta(days=1)
        elif local.hour < 8:
            local = local.replace(hour=8, minute=0, second=0)
        return local.replace(microsecond=0)

    def add(self, moment: dt.datetime, hours: float) -> dt.datetime:
        local = self.align(moment)
        left = dt.timedelta(hours=hours)
        while True:
            close = local.replace(hour=16, minute=0, second=0)
            if local + left <= close:
                return (local + left).replace(microsecond=0)
            left -= close - local
            local = self.align(close + dt.timedelta(minutes=1))


def _pick_channel(rng: random.Random) -> Channel:
    channels = [c for c, _ in _CHANNELS]
    weights = [w for _, w in _CHANNELS]
    return rng.choices(channels, weights=weights)[0]


def sample_complaints(
    n: int,
    *,
    seed: int = 0,
    start: dt.datetime | None = None,
    weeks: int = 8,
    now: dt.datetime | None = None,
    regions: Sequence[SampleRegion] | None = None,
) -> list[Complaint]:
    """Generate ``n`` realistic complaints with full, lifecycle-consistent histories.

    Complaints arrive over ``weeks`` weeks from ``start`` (more on weekdays and in the morning),
    across six kab/kota of Jawa Timur, six categories with their units, eleven channels. Each
    unit has its own speed, share of normative answers and share of reports it never answers.
    Outcomes include archived and postponed reports, forwards, interim and final follow-ups,
    late verification and follow-up, reopening replies, ratings and closing after the
    reporter's response window. Actions that would happen after ``now`` are not applied, so
    recent reports are still open. The same arguments always give the same complaints.

    Args:
        n: How many complaints (0 to :data:`MAX_SAMPLE`).
        seed: Random seed.
        start: First possible creation time (aware); default Monday 6 January 2025 08:00 WIB.
        weeks: Length of the arrival window in weeks (1 to 104).
        now: End of the observed history (aware); default ``start + weeks + 4 weeks``.
        regions: Kab/kota to spread complaints over; default six in Jawa Timur.

    Returns:
        The complaints, oldest first, with tracking ids ``SAMPLE-<seed>-<number>``.

    Raises:
        InvalidInputError: ``n`` or ``weeks`` out of range, or a naive datetime.

    Example:
        >>> complaints = sample_complaints(20, seed=7)
        >>> len(complaints), complaints[0].events[0].kind.name
        (20, 'CREATED')
    """
    if not 0 <= n <= MAX_SAMPLE:
        raise InvalidInputError(f"n={n} is out of range; generate 0 to {MAX_SAMPLE} complaints")
    if not 1 <= weeks <= 104:
        raise InvalidInputError(f"weeks={weeks} is out of range; use 1 to 104")
    tz = ZoneInfo("Asia/Jakarta")
    first = _ensure_aware(start, "start") if start else dt.datetime(2025, 1, 6, 8, tzinfo=tz)
    end = _ensure_aware(now, "now") if now else first + dt.timedelta(weeks=weeks + 4)
    places = tuple(regions) if regions else _REGIONS
    if not places:
        raise InvalidInputError("regions is empty; pass at least one SampleRegion or None")
    rng = random.Random(seed)  # noqa: S311 - sample data, not security
    office = _Office(tz)
    profiles: dict[str, _UnitProfile] = {}
    for region in places:
        for prefix, *_ in _CATEGORIES.values():
            unit = f"{prefix} {region.name}"
            profiles[unit] = _UnitProfile(
                speed=rng.choice((0.4, 0.7, 1.0, 1.0, 1.4, 2.2)),
                normative=rng.choice((0.05, 0.15, 0.3, 0.5)),
                silent=rng.choice((0.0, 0.03, 0.08, 0.15)),
            )
    if end <= first:
        raise InvalidInputError(
            f"now={end.isoformat()} is not after start={first.isoformat()}; pass a later now"
        )
    # Reports cannot arrive after the end of the observed history.
    arrivals = sorted(min(_arrival(rng, first, weeks), end) for _ in range(n))
    return [
        _history(rng, index, seed, created, places, profiles, office, end)
        for index, created in enumerate(arrivals, start=1)
    ]


def _arrival(rng: random.Random, first: dt.datetime, weeks: int) -> dt.datetime:
    day = rng.randrange(weeks * 7)
    moment = first + dt.timedelta(days=day)
    if moment.weekday() >= 5 and rng.random() < 0.6:
        moment -= dt.timedelta(days=moment.weekday() - 4)  # most reports come on weekdays
    hour = min(22, max(6, int(rng.gauss(11, 3.5))))
    return moment.replace(hour=hour, minute=rng.randrange(60), second=0, microsecond=0)


def _history(
    rng: random.Random,
    index: int,
    seed: int,
    created: dt.datetime,
    places: Sequence[SampleRegion],
    profiles: dict[str, _UnitProfile],
    office: _Office,
    end: dt.datetime,
) -> Complaint:
    region = rng.choice(places)
    category = rng.choice(list(_CATEGORIES))
    prefix, titles, actions, result = _CATEGORIES[category]
    unit = f"{prefix} {region.name}"
    profile = profiles[unit]
    district = rng.choice(region.districts)
    street = rng.choice(_STREETS)
    title = rng.choice(titles)
    agency = f"Pemerintah {region.name}"
    location = Location(
        region_code=region.code,
        region_name=region.name,
        province_code=region.code[:2],
        province_name="Jawa Timur" if region.code.startswith("35") else None,
        district=district,
        street=street,
    )
    has_location = rng.random() > 0.12
    c = lifecycle.create(
        title=f"{title} di {street}" if has_location else title,
        description=(
            f"{title} di {street}, Kecamatan {district}, {region.name}. Mohon segera ditangani."
            if has_location
            else f"{title}. Sudah lama dibiarkan, mohon segera ditangani."
        ),
        created_at=created,
        tracking_id=f"SAMPLE-{seed}-{index:06d}",
        channel=_pick_channel(rng),
        category=category,
        location=location if has_location else None,
        privacy=rng.choices(
            (Privacy.PUBLIC, Privacy.ANONYMOUS, Privacy.CONFIDENTIAL), weights=(80, 15, 5)
        )[0],
        tags=[category.lower()],
    )

    def when(after: dt.datetime, hours: float) -> dt.datetime | None:
        moment = office.add(after, max(0.1, hours))
        return moment if moment <= end else None

    # Verification: missing location → postponed; some archived; a few forwarded.
    t = when(created, rng.expovariate(1 / 6) * profile.speed)
    if t is None:
        return c
    if not has_location:
        c = lifecycle.postpone(c, by=_ADMIN, at=t, reason="Mohon sebutkan lokasi (jalan, desa).")
        if rng.random() < 0.3:
            t2 = when(t, rng.uniform(20, 40))
            if t2 is not None:
                c = lifecycle.archive(
                    c, by=_ADMIN, at=t2, reason=ArchiveReason.OTHER,
                    note="Pelapor tidak melengkapi lokasi.",
                )  # fmt: skip
            return c
        t2 = when(t, rng.uniform(2, 16))
        if t2 is None:
            return c
        c = lifecycle.supplement(c, at=t2, location=location)
        t = when(t2, rng.expovariate(1 / 5) * profile.speed)
        if t is None:
            return c
    if rng.random() < 0.05:
        reason = rng.choice((ArchiveReason.TOO_GENERAL, ArchiveReason.DUPLICATE))
        return lifecycle.archive(c, by=_ADMIN, at=t, reason=reason)
    if rng.random() < 0.04:
        return lifecycle.forward(
            c, by=_ADMIN, at=t, to_agency="Pemerintah Provinsi Jawa Timur",
            reason="Jalan provinsi, kewenangan provinsi.",
        )  # fmt: skip
    c = lifecycle.verify(c, by=_ADMIN, at=t, agency=agency, unit=unit)
    if rng.random() < profile.silent:
        return c

    # Follow-up: optional interim answer, then the final one (sometimes late).
    def text(normative: bool) -> str:
        if normative:
            return rng.choice(_NORMATIVE)
        action = rng.choice(actions).format(n=rng.randint(2, 40))
        return (
            f"Laporan di {street}, Kecamatan {district}: {action} pada "
            f"{rng.choice(_DAYS)}; {result}."
        )

    delay = rng.lognormvariate(2.6, 0.8) * profile.speed
    if rng.random() < 0.35:
        t = when(t, delay * rng.uniform(0.2, 0.5))
        if t is None:
            return c
        interim = (
            rng.choice(_NORMATIVE)
            if rng.random() < profile.normative
            else rng.choice(_INTERIM).format(
                street=street, district=district, day=rng.choice(_DAYS)
            )
        )
        c = lifecycle.follow_up(c, at=t, text=interim)
    t = when(t, delay)
    if t is None:
        return c
    normative = rng.random() < profile.normative
    c = lifecycle.follow_up(c, at=t, text=text(normative), final=True)

    # The reporter may reopen it (more often after a normative answer), then it is redone.
    if rng.random() < (0.25 if normative else 0.04):
        t = when(t, rng.uniform(2, 30))
        if t is None:
            return c
        c = lifecycle.reply(c, at=t, text=rng.choice(_REPLIES))
        t = when(t, rng.lognormvariate(2.3, 0.7) * profile.speed)
        if t is None:
            return c
        normative = False
        c = lifecycle.follow_up(c, at=t, text=text(False), final=True)

    # Rating: about 55 % rate; quality and speed move the score.
    if rng.random() < 0.55:
        t_rate = when(t, rng.uniform(1, 24))
        if t_rate is None:
            return c
        mood = 2.9 - (1.2 if normative else 0.0) - (0.5 if delay * 1.0 > 40 else 0.0)
        score = min(4, max(1, round(rng.gauss(mood, 0.8))))
        level = {4: Satisfaction.VERY_SATISFIED, 3: Satisfaction.SATISFIED,
                 2: Satisfaction.FAIRLY_SATISFIED, 1: Satisfaction.DISSATISFIED}[score]  # fmt: skip
        c = lifecycle.rate(c, at=t_rate, satisfaction=level)
    # Closed once the reporter's 10-working-day window passes (about 80 office hours).
    t_close = when(t, 80)
    if t_close is not None:
        c = lifecycle.close(c, at=max(t_close, c.events[-1].at))
    return c
