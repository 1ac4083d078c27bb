"""Enumerations of the complaint domain.

Identifiers are English, values are the stable wire values, and ``.label`` gives the Indonesian
display text used by SP4N-LAPOR! and regional channels.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Audience",
    "Channel",
    "Classification",
    "EventKind",
    "Privacy",
    "Role",
    "Satisfaction",
    "Status",
]


class Channel(StrEnum):
    """Where a complaint entered the system."""

    LAPOR_WEB = "lapor_web"
    LAPOR_APP = "lapor_app"
    SMS = "sms"
    TWITTER = "twitter"
    REGIONAL_APP = "regional_app"
    WHATSAPP = "whatsapp"
    SOCIAL_MEDIA = "social_media"
    PHONE = "phone"
    EMAIL = "email"
    FACE_TO_FACE = "face_to_face"
    VILLAGE_HEAD = "village_head"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _CHANNEL_LABELS[self]

    @property
    def via_form_manual(self) -> bool:
        """Whether an admin enters complaints from this channel through the "form manual"."""
        return self not in (Channel.LAPOR_WEB, Channel.LAPOR_APP, Channel.SMS, Channel.TWITTER)


_CHANNEL_LABELS = {
    Channel.LAPOR_WEB: "Situs web LAPOR!",
    Channel.LAPOR_APP: "Aplikasi LAPOR!",
    Channel.SMS: "SMS 1708",
    Channel.TWITTER: "X/Twitter @LAPOR1708",
    Channel.REGIONAL_APP: "Aplikasi pengaduan daerah",
    Channel.WHATSAPP: "WhatsApp",
    Channel.SOCIAL_MEDIA: "Media sosial",
    Channel.PHONE: "Telepon / pusat panggilan",
    Channel.EMAIL: "Surel",
    Channel.FACE_TO_FACE: "Tatap muka",
    Channel.VILLAGE_HEAD: "Melalui kepala desa",
}


class Classification(StrEnum):
    """Kind of report (klasifikasi laporan)."""

    COMPLAINT = "complaint"
    ASPIRATION = "aspiration"
    INFORMATION_REQUEST = "information_request"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _CLASSIFICATION_LABELS[self]


_CLASSIFICATION_LABELS = {
    Classification.COMPLAINT: "Pengaduan",
    Classification.ASPIRATION: "Aspirasi",
    Classification.INFORMATION_REQUEST: "Permintaan Informasi",
}


class Privacy(StrEnum):
    """The two independent LAPOR! privacy flags, combined into one stable wire value.

    ``anonymous`` (anonim) hides the reporter's identity from the public and from the party
    complained about; ``confidential`` (rahasia) keeps the whole report out of public view.
    Build one from the flags with :meth:`Privacy.of`.
    """

    PUBLIC = "public"
    ANONYMOUS = "anonymous"
    CONFIDENTIAL = "confidential"
    ANONYMOUS_CONFIDENTIAL = "anonymous_confidential"

    @classmethod
    def of(cls, *, anonymous: bool = False, confidential: bool = False) -> Privacy:
        """Return the value for the given pair of flags."""
        if anonymous and confidential:
            return cls.ANONYMOUS_CONFIDENTIAL
        if anonymous:
            return cls.ANONYMOUS
        if confidential:
            return cls.CONFIDENTIAL
        return cls.PUBLIC

    @property
    def anonymous(self) -> bool:
        """Whether the reporter's identity is hidden (anonim)."""
        return self in (Privacy.ANONYMOUS, Privacy.ANONYMOUS_CONFIDENTIAL)

    @property
    def confidential(self) -> bool:
        """Whether the report's content is kept out of public view (rahasia)."""
        return self in (Privacy.CONFIDENTIAL, Privacy.ANONYMOUS_CONFIDENTIAL)

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _PRIVACY_LABELS[self]


_PRIVACY_LABELS = {
    Privacy.PUBLIC: "Publik",
    Privacy.ANONYMOUS: "Anonim",
    Privacy.CONFIDENTIAL: "Rahasia",
    Privacy.ANONYMOUS_CONFIDENTIAL: "Anonim dan Rahasia",
}


class Status(StrEnum):
    """Status of a report as LAPOR! shows it."""

    UNVERIFIED = "unverified"
    POSTPONED = "postponed"
    ARCHIVED = "archived"
    DISPOSED = "disposed"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _STATUS_LABELS[self]

    @property
    def is_terminal(self) -> bool:
        """Whether no further action can move the report (archived or closed)."""
        return self in (Status.ARCHIVED, Status.CLOSED)


_STATUS_LABELS = {
    Status.UNVERIFIED: "Laporan Belum Terverifikasi",
    Status.POSTPONED: "Laporan Tertunda",
    Status.ARCHIVED: "Laporan Arsip",
    Status.DISPOSED: "Terdisposisi Belum Ditindaklanjuti",
    Status.IN_PROGRESS: "Sedang Diproses",
    Status.COMPLETED: "Terdisposisi Selesai",
    Status.CLOSED: "Laporan Selesai (Ditutup)",
}


class Satisfaction(StrEnum):
    """The reporter's rating of the outcome."""

    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    FAIRLY_SATISFIED = "fairly_satisfied"
    DISSATISFIED = "dissatisfied"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _SATISFACTION_LABELS[self]

    @property
    def score(self) -> int:
        """Score on a 1-4 scale (4 = Sangat Puas), used by the satisfaction index."""
        return _SATISFACTION_SCORES[self]


_SATISFACTION_LABELS = {
    Satisfaction.VERY_SATISFIED: "Sangat Puas",
    Satisfaction.SATISFIED: "Puas",
    Satisfaction.FAIRLY_SATISFIED: "Cukup Puas",
    Satisfaction.DISSATISFIED: "Tidak Puas",
}
_SATISFACTION_SCORES = {
    Satisfaction.VERY_SATISFIED: 4,
    Satisfaction.SATISFIED: 3,
    Satisfaction.FAIRLY_SATISFIED: 2,
    Satisfaction.DISSATISFIED: 1,
}


class Role(StrEnum):
    """Who acts on a report (peran dalam SP4N-LAPOR!)."""

    REPORTER = "reporter"
    NATIONAL_ADMIN = "national_admin"
    AGENCY_ADMIN = "agency_admin"
    COORDINATOR_ADMIN = "coordinator_admin"
    LIAISON = "liaison"
    SYSTEM = "system"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _ROLE_LABELS[self]

    @property
    def is_admin(self) -> bool:
        """Whether the role verifies and disposes reports."""
        return self in (Role.NATIONAL_ADMIN, Role.AGENCY_ADMIN, Role.COORDINATOR_ADMIN)


_ROLE_LABELS = {
    Role.REPORTER: "Pelapor",
    Role.NATIONAL_ADMIN: "Admin Nasional",
    Role.AGENCY_ADMIN: "Admin Instansi",
    Role.COORDINATOR_ADMIN: "Admin Koordinator",
    Role.LIAISON: "Admin Penghubung",
    Role.SYSTEM: "Sistem",
}


class EventKind(StrEnum):
    """What happened to a report; the event history is the source of truth for SLA clocks."""

    CREATED = "created"
    VERIFIED = "verified"
    POSTPONED = "postponed"
    SUPPLEMENTED = "supplemented"
    FORWARDED = "forwarded"
    DISPOSED = "disposed"
    ARCHIVED = "archived"
    FOLLOWED_UP = "followed_up"
    COMPLETED = "completed"
    REPLIED = "replied"
    RATED = "rated"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _EVENT_LABELS[self]


_EVENT_LABELS = {
    EventKind.CREATED: "Laporan dibuat",
    EventKind.VERIFIED: "Diverifikasi dan didisposisikan",
    EventKind.POSTPONED: "Verifikasi ditunda",
    EventKind.SUPPLEMENTED: "Pelapor melengkapi laporan",
    EventKind.FORWARDED: "Bukan wewenang, diteruskan",
    EventKind.DISPOSED: "Didisposisikan",
    EventKind.ARCHIVED: "Diarsipkan",
    EventKind.FOLLOWED_UP: "Ditindaklanjuti",
    EventKind.COMPLETED: "Tindak lanjut selesai",
    EventKind.REPLIED: "Tanggapan pelapor",
    EventKind.RATED: "Penilaian pelapor",
    EventKind.CLOSED: "Laporan ditutup",
}


class Audience(StrEnum):
    """Who is looking at a report (public name: :class:`lapor_sdk.privacy.Audience`)."""

    PUBLIC = "public"
    """Anyone: the public LAPOR! timeline, an open-data export, a dashboard."""
    HANDLING_UNIT = "handling_unit"
    """The unit or agency complained about or handling the report (Admin Penghubung)."""
    ADMIN = "admin"
    """National, agency and coordinator admins: they see everything."""

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _AUDIENCE_LABELS[self]


_AUDIENCE_LABELS = {
    Audience.PUBLIC: "Publik",
    Audience.HANDLING_UNIT: "Unit terlapor / penanganan",
    Audience.ADMIN: "Admin",
}
