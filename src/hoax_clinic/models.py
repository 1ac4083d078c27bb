"""Typed models of the hoax clinic: claims, sightings, verdicts and clarifications.

Identifiers are English; values are stable wire values; ``.label`` gives the Indonesian display
text. Every datetime must be timezone-aware (a naive one raises ``ValueError``).
"""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from lapor_sdk.models import Reporter

from ._exceptions import InvalidClaimInputError, UnknownLabelError

__all__ = [
    "Claim",
    "ClaimStatus",
    "Clarification",
    "Label",
    "Platform",
    "Priority",
    "Sighting",
    "Verdict",
]

_MAX_TEXT = 20_000
_MAX_URL = 2_000


class ClaimStatus(StrEnum):
    """Where a claim is in the clinic's workflow.

    ``RECEIVED → VERIFYING → CLARIFIED``, or ``DISMISSED`` (with a reason) from either open state.
    """

    RECEIVED = "received"
    VERIFYING = "verifying"
    CLARIFIED = "clarified"
    DISMISSED = "dismissed"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        """Whether the claim still waits for a clarification (its deadline runs)."""
        return self in (ClaimStatus.RECEIVED, ClaimStatus.VERIFYING)


_STATUS_LABELS = {
    ClaimStatus.RECEIVED: "Diterima",
    ClaimStatus.VERIFYING: "Sedang diverifikasi",
    ClaimStatus.CLARIFIED: "Sudah diklarifikasi",
    ClaimStatus.DISMISSED: "Tidak ditindaklanjuti",
}


class Platform(StrEnum):
    """Where a claim was seen circulating."""

    WHATSAPP = "whatsapp"
    FACEBOOK = "facebook"
    X = "x"
    TIKTOK = "tiktok"
    INSTAGRAM = "instagram"
    YOUTUBE = "youtube"
    THREADS = "threads"
    WEB = "web"
    COMPLAINT = "complaint"
    """Reported by a citizen through the complaint channel (LAPOR!, hotline)."""
    OTHER = "other"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _PLATFORM_LABELS[self]

    @classmethod
    def parse(cls, text: str | Platform) -> Platform:
        """Read a platform name, accepting common short forms (``wa``, ``fb``, ``twitter``).

        Args:
            text: A platform value or alias.

        Returns:
            The platform.

        Raises:
            InvalidClaimInputError: The text names no known platform.
        """
        if isinstance(text, Platform):
            return text
        key = text.strip().lower()
        found = _PLATFORM_ALIASES.get(key)
        if found is None:
            try:
                return cls(key)
            except ValueError:
                allowed = ", ".join(m.value for m in cls)
                raise InvalidClaimInputError(
                    f"unknown platform {text[:40]!r}; use one of: {allowed}"
                ) from None
        return found


_PLATFORM_LABELS = {
    Platform.WHATSAPP: "WhatsApp",
    Platform.FACEBOOK: "Facebook",
    Platform.X: "X (Twitter)",
    Platform.TIKTOK: "TikTok",
    Platform.INSTAGRAM: "Instagram",
    Platform.YOUTUBE: "YouTube",
    Platform.THREADS: "Threads",
    Platform.WEB: "Situs web",
    Platform.COMPLAINT: "Kanal pengaduan",
    Platform.OTHER: "Lainnya",
}


_PLATFORM_ALIASES = {
    "wa": Platform.WHATSAPP,
    "fb": Platform.FACEBOOK,
    "twitter": Platform.X,
    "x.com": Platform.X,
    "ig": Platform.INSTAGRAM,
    "yt": Platform.YOUTUBE,
    "tt": Platform.TIKTOK,
    "website": Platform.WEB,
    "lapor": Platform.COMPLAINT,
}


class Priority(StrEnum):
    """How fast a claim must be clarified; each priority has its own deadline target."""

    URGENT = "urgent"
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _PRIORITY_LABELS[self]


_PRIORITY_LABELS = {
    Priority.URGENT: "Mendesak",
    Priority.HIGH: "Tinggi",
    Priority.NORMAL: "Normal",
    Priority.LOW: "Rendah",
}


class Label(StrEnum):
    """Verdict labels used by Indonesian fact-checkers (values are the labels as printed)."""

    HOAKS = "HOAKS"
    DISINFORMASI = "DISINFORMASI"
    MISINFORMASI = "MISINFORMASI"
    SALAH = "SALAH"
    PENIPUAN = "PENIPUAN"
    """A scam (fake giveaways, job offers, phishing links)."""
    MANIPULASI = "MANIPULASI"
    """Manipulated content (konten yang dimanipulasi)."""
    KONTEN_MENYESATKAN = "KONTEN MENYESATKAN"
    SATIRE = "SATIRE"
    KLARIFIKASI = "KLARIFIKASI"
    BENAR = "BENAR"
    """True (also printed as FAKTA)."""

    @property
    def label(self) -> str:
        """Indonesian display label (the value itself)."""
        return self.value

    @property
    def is_false(self) -> bool:
        """Whether the label says the claim is false or deceptive."""
        return self not in (Label.SATIRE, Label.KLARIFIKASI, Label.BENAR)

    @property
    def rating(self) -> int:
        """ClaimReview rating on a 1 (false) … 5 (true) scale."""
        return _RATINGS[self]

    @classmethod
    def parse(cls, text: str) -> Label:
        """Read a label written by a fact-checker, tolerating case, spacing and synonyms.

        Accepts the values and the common variants: ``HOAX``, ``FAKTA``, ``SATIR``,
        ``PARODI``, ``KONTEN YANG DIMANIPULASI``, ``MENYESATKAN``, ``DISINFORMASI`` ...

        Args:
            text: The label text, e.g. ``"hoaks"`` or ``"Konten yang Dimanipulasi"``.

        Returns:
            The label.

        Raises:
            UnknownLabelError: The text is not a known label.

        Example:
            >>> Label.parse("konten yang dimanipulasi")
            <Label.MANIPULASI: 'MANIPULASI'>
        """
        key = _label_key(text)
        found = LABEL_ALIASES.get(key)
        if found is None:
            shown = text[:40] + ("…" if len(text) > 40 else "")
            allowed = ", ".join(m.value for m in cls)
            raise UnknownLabelError(f"unknown label {shown!r}; use one of: {allowed}")
        return found


def _label_key(text: str) -> str:
    return re.sub(r"[^A-Z]+", " ", text.upper()).strip()


_RATINGS = {
    Label.HOAKS: 1,
    Label.DISINFORMASI: 1,
    Label.SALAH: 1,
    Label.PENIPUAN: 1,
    Label.MANIPULASI: 1,
    Label.MISINFORMASI: 2,
    Label.KONTEN_MENYESATKAN: 2,
    Label.SATIRE: 3,
    Label.KLARIFIKASI: 4,
    Label.BENAR: 5,
}

#: Normalised spellings (upper case, letters and single spaces) → label.
LABEL_ALIASES: dict[str, Label] = {
    **{_label_key(m.value): m for m in Label},
    "HOAX": Label.HOAKS,
    "HOAKS HOAX": Label.HOAKS,
    "DISINFORMATION": Label.DISINFORMASI,
    "MISINFORMATION": Label.MISINFORMASI,
    "KONTEN YANG DIMANIPULASI": Label.MANIPULASI,
    "KONTEN DIMANIPULASI": Label.MANIPULASI,
    "DIMANIPULASI": Label.MANIPULASI,
    "MENYESATKAN": Label.KONTEN_MENYESATKAN,
    "KONTEN YANG MENYESATKAN": Label.KONTEN_MENYESATKAN,
    "SATIR": Label.SATIRE,
    "PARODI": Label.SATIRE,
    "KOMEDI": Label.SATIRE,
    "SATIRE PARODI": Label.SATIRE,
    "FAKTA": Label.BENAR,
    "SCAM": Label.PENIPUAN,
}


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        hide_input_in_errors=True,
        str_strip_whitespace=True,
    )


def _http_url(value: str | None) -> str | None:
    if value is None:
        return None
    if not re.match(r"^https?://[^\s/]+", value, flags=re.IGNORECASE):
        raise ValueError(
            f"URL must start with http:// or https:// and name a host, got {value[:80]!r}"
        )
    return value


class Sighting(_Model):
    """One time a claim was seen circulating somewhere.

    The reporter's contact (if a citizen sent it in) is a :class:`lapor_sdk.models.Reporter`:
    validated, and never shown by ``repr``/``str``.
    """

    id: str = Field(min_length=1, max_length=40)
    """Sighting id (``SG-…``)."""
    claim_id: str = Field(min_length=1, max_length=40)
    """The claim this sighting belongs to."""
    text: str = Field(min_length=1, max_length=_MAX_TEXT)
    """The text as it was seen (message, caption, post)."""
    platform: Platform
    """Where it was seen."""
    seen_at: AwareDatetime
    """When it was seen."""
    url: str | None = Field(default=None, max_length=_MAX_URL)
    """Link to the post, if public."""
    reach: int | None = Field(default=None, ge=0)
    """Audience estimate (views, shares, group members) when known."""
    reporter: Reporter | None = None
    """Who sent it in, if a citizen did (redacted in repr)."""

    @field_validator("url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        return _http_url(value)


class Verdict(_Model):
    """The fact-check result for a claim."""

    label: Label
    """The label (HOAKS, SALAH, …)."""
    summary: str | None = Field(default=None, max_length=_MAX_TEXT)
    """One or two sentences on why."""
    decided_at: AwareDatetime
    """When the verdict was set."""
    by: str | None = Field(default=None, max_length=200)
    """Who decided (team member or unit)."""


class Clarification(_Model):
    """The published answer to a claim."""

    text: str = Field(min_length=1, max_length=_MAX_TEXT)
    """Explanation for the public, plain text."""
    evidence: tuple[str, ...] = ()
    """Evidence URLs or descriptions (fact-check references, archived posts)."""
    sources: tuple[str, ...] = ()
    """Official sources consulted (agency statements, officials, documents)."""
    url: str | None = Field(default=None, max_length=_MAX_URL)
    """Where the clarification is published."""
    published_at: AwareDatetime
    """When it was published."""

    @field_validator("url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        return _http_url(value)


class Claim(_Model):
    """A circulating claim: one canonical text, many sightings, at most one verdict.

    Snapshots returned by :class:`~hoax_clinic.tracker.ClaimTracker`; change a claim through the
    tracker, never by copying the model.
    """

    id: str = Field(min_length=1, max_length=40)
    """Claim id (``HX-…``)."""
    text: str = Field(min_length=1, max_length=_MAX_TEXT)
    """Canonical text of the claim."""
    topic: str | None = Field(default=None, max_length=200)
    """Topic (health, election, disaster, scam, …)."""
    region: str | None = Field(default=None, max_length=200)
    """Region concerned, ideally a Kemendagri code or name."""
    first_seen: AwareDatetime
    """Earliest sighting; the deadline runs from here."""
    status: ClaimStatus = ClaimStatus.RECEIVED
    """Workflow status."""
    dismissed_reason: str | None = Field(default=None, max_length=2_000)
    """Why the claim was dismissed (only when DISMISSED)."""
    priority: Priority = Priority.NORMAL
    """Priority; selects the deadline target."""
    assignee: str | None = Field(default=None, max_length=200)
    """Team member handling the claim."""
    sources: tuple[str, ...] = ()
    """Where the claim record came from (e.g. a fact-check article URL for imported debunks)."""
    sightings: tuple[Sighting, ...] = ()
    """Sightings, oldest first."""
    verdict: Verdict | None = None
    """The verdict once set."""
    clarification: Clarification | None = None
    """The published clarification (only when CLARIFIED)."""
    imported: bool = False
    """Whether the claim was loaded from a fact-checker's feed rather than handled here."""
    closed_at: AwareDatetime | None = None
    """When the claim was clarified or dismissed."""

    @property
    def label(self) -> Label | None:
        """The verdict's label, if any."""
        return self.verdict.label if self.verdict else None

    def first_sighting_url(self) -> str | None:
        """URL of the earliest sighting that has one."""
        for s in self.sightings:
            if s.url:
                return s.url
        return None
