"""The complaint (laporan) itself."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import AwareDatetime, Field, model_validator

from .._personal._redact import scrub
from ._base import InputModel, ValueModel
from ._enums import Audience, Channel, Classification, Privacy, Status
from ._location import Location
from ._records import Attachment, Disposition, Event, FollowUp, Rating, Reply
from ._reporter import PERSONAL_FIELDS, Reporter

__all__ = [
    "MAX_ATTACHMENTS",
    "MAX_CLOCK_SKEW",
    "MAX_TAGS",
    "MAX_TAG_LENGTH",
    "Complaint",
    "MissingInfo",
    "MissingKind",
    "register_complaint_services",
]

#: Most tags a complaint carries; tags are untrusted input like every other text.
MAX_TAGS = 50
#: Longest tag, in characters.
MAX_TAG_LENGTH = 100
#: Most attachments a complaint carries (every upload rewrites the stored report).
MAX_ATTACHMENTS = 20
#: How far a receipt time may lie after the filing time (clocks of two machines disagree):
#: beyond it ``received_at`` is refused as a typo or a wrong time zone.
MAX_CLOCK_SKEW = dt.timedelta(minutes=5)

# Complaint.view_for and Complaint.missing_information are implemented above the models, by
# lapor_sdk.privacy and lapor_sdk.validation, which register them here when they are
# imported (importing lapor_sdk imports both). The models import nothing above them, so the
# import graph stays a DAG with the models at the bottom.
_services: dict[str, Callable[..., Any]] = {}


def register_complaint_services(
    *,
    view_for: Callable[[Complaint, Audience], Complaint] | None = None,
    missing_information: Callable[[Complaint], list[MissingInfo]] | None = None,
) -> None:
    """Install the implementations behind :meth:`Complaint.view_for` and
    :meth:`Complaint.missing_information` (called by ``lapor_sdk.privacy`` and
    ``lapor_sdk.validation`` on import)."""
    if view_for is not None:
        _services["view_for"] = view_for
    if missing_information is not None:
        _services["missing_information"] = missing_information


def _service(name: str, package: str) -> Callable[..., Any]:
    if name not in _services:
        # Not imported yet (``import lapor_sdk`` may load its subpackages lazily): load the
        # package that implements it, by name, which registers it. A plug-in lookup at call
        # time, not an import of the layer above: the module graph stays a DAG.
        importlib.import_module(package)
    try:
        return _services[name]
    except KeyError:
        raise RuntimeError(f"{package} did not register Complaint.{name}") from None


class MissingKind(StrEnum):
    """What a complaint draft still lacks before an admin can verify it."""

    LOCATION = "location"
    AMBIGUOUS_LOCATION = "ambiguous_location"
    PRECISE_LOCATION = "precise_location"
    DESCRIPTION = "description"
    TITLE = "title"
    CONTACT = "contact"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _MISSING_LABELS[self]


_MISSING_LABELS = {
    MissingKind.LOCATION: "Lokasi belum disebutkan",
    MissingKind.AMBIGUOUS_LOCATION: "Lokasi belum jelas (lebih dari satu daerah)",
    MissingKind.PRECISE_LOCATION: "Lokasi belum rinci",
    MissingKind.DESCRIPTION: "Uraian masalah belum jelas",
    MissingKind.TITLE: "Judul laporan kosong",
    MissingKind.CONTACT: "Kontak pelapor tidak ada",
}


class MissingInfo(ValueModel):
    """One thing to ask the reporter, with ready Indonesian prompt text."""

    kind: MissingKind
    """What is missing."""
    prompt: str
    """Question to send to the reporter, in Indonesian."""
    candidates: tuple[str, ...] = ()
    """For an ambiguous location: the names of the regions it could be."""


class Complaint(InputModel):
    """A public-service report as SP4N-LAPOR! keeps it.

    Change a complaint's status only through :mod:`lapor_sdk.lifecycle`, which checks the move
    and appends an :class:`Event`. ``repr``/``str`` never show the reporter's contact data:
    they show identifiers, status and counts, and the title with phone numbers, e-mail
    addresses and NIKs scrubbed.

    Example:
        >>> import datetime as dt
        >>> c = Complaint(
        ...     title="Jalan berlubang",
        ...     description="Jalan di Jl. Ahmad Yani Surabaya berlubang besar.",
        ...     channel=Channel.WHATSAPP,
        ...     created_at=dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))),
        ... )
        >>> c.status.label
        'Laporan Belum Terverifikasi'
    """

    tracking_id: str | None = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")
    """Tracking id given by the national system (``None`` until it has been filed)."""
    external_ref: str | None = Field(default=None, max_length=200)
    """Reference of the report in the source system (``"agency-app:123"``)."""
    channel: Channel = Channel.LAPOR_WEB
    """Where the report came in."""
    classification: Classification = Classification.COMPLAINT
    """Pengaduan, Aspirasi or Permintaan Informasi."""
    supervisory: bool | None = None
    """Whether a complaint is *berkadar pengawasan* (abuse of authority by officials)."""
    title: str = Field(default="", max_length=200)
    """Short title."""
    description: str = Field(default="", max_length=20_000)
    """The report's text (isi laporan)."""
    category: str | None = Field(default=None, max_length=200)
    """Topic category (e.g. "Infrastruktur")."""
    agency: str | None = Field(default=None, max_length=200)
    """Agency currently responsible."""
    unit: str | None = Field(default=None, max_length=200)
    """Unit currently responsible (Admin Penghubung)."""
    location: Location | None = None
    """Where the problem is."""
    reporter: Reporter | None = None
    """Who reported it; personal data, redacted in every view but the admins'."""
    privacy: Privacy = Privacy.PUBLIC
    """Anonim and/or rahasia."""
    status: Status = Status.UNVERIFIED
    """Current status."""
    created_at: AwareDatetime
    """When the report was filed."""
    received_at: AwareDatetime | None = None
    """When the report reached the agency (the WhatsApp message, the e-mail, the call), if
    earlier than the filing; SLA clocks that start at creation count from it."""
    updated_at: AwareDatetime | None = None
    """When it last changed (defaults to ``created_at``)."""
    incident_date: dt.date | None = None
    """When the problem happened, if the reporter said."""
    attachments: list[Attachment] = Field(default_factory=list, max_length=MAX_ATTACHMENTS)
    """Metadata of attached files (at most 20)."""
    dispositions: list[Disposition] = Field(default_factory=list)
    """Every hand-over, oldest first; never rewritten (no wrong door)."""
    follow_ups: list[FollowUp] = Field(default_factory=list)
    """Answers of the handling unit, oldest first."""
    replies: list[Reply] = Field(default_factory=list)
    """Replies of the reporter, oldest first."""
    rating: Rating | None = None
    """The reporter's satisfaction rating."""
    events: list[Event] = Field(default_factory=list)
    """Full history, oldest first; the source of truth for SLA clocks."""
    tags: list[Annotated[str, Field(max_length=MAX_TAG_LENGTH)]] = Field(
        default_factory=list, max_length=MAX_TAGS
    )
    """Free labels (at most 50, each at most 100 characters)."""

    @model_validator(mode="after")
    def _received_before_filed(self) -> Self:
        received = self.received_at
        if received is not None and received - self.created_at > MAX_CLOCK_SKEW:
            raise ValueError(
                f"received_at {received.isoformat()} is after created_at "
                f"{self.created_at.isoformat()}; a report is received before it is filed "
                f"(up to {MAX_CLOCK_SKEW.seconds // 60} minutes of clock skew are allowed): "
                "check the date and the time zone"
            )
        return self

    @model_validator(mode="after")
    def _default_updated_at(self) -> Self:
        if self.updated_at is None:
            # object.__setattr__ avoids re-running validation through validate_assignment.
            object.__setattr__(self, "updated_at", self.created_at)
        return self

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # Texts written by reporters often carry their phone number, e-mail or NIK: show the
        # identifiers, the state and counts, and the title only after redaction.
        yield "tracking_id", self.tracking_id
        yield "external_ref", None if self.external_ref is None else self._scrubbed_ref()
        yield "status", self.status.value
        yield "classification", self.classification.value
        yield "channel", self.channel.value
        yield "privacy", self.privacy.value
        yield "agency", self.agency
        yield "unit", self.unit
        yield "created_at", self.created_at.isoformat()
        if self.received_at is not None:
            yield "received_at", self.received_at.isoformat()
        # Scrub before cutting: a cut could leave most digits of a NIK or phone unrecognised.
        yield "title", scrub(self.title, known=self._identity())[:80]
        yield "reporter", self.reporter
        yield "events", len(self.events)

    @property
    def clock_start(self) -> dt.datetime:
        """When SLA clocks of the report start: ``received_at`` if earlier, else ``created_at``."""
        received = self.received_at
        if received is not None and received < self.created_at:
            return received
        return self.created_at

    @property
    def is_anonymous(self) -> bool:
        """Whether the reporter's identity is hidden (anonim)."""
        return self.privacy.anonymous

    @property
    def is_confidential(self) -> bool:
        """Whether the content is kept out of public view (rahasia)."""
        return self.privacy.confidential

    @property
    def reference(self) -> str:
        """How messages refer to this report: tracking id, else external ref, never the reporter.

        The external ref is free text from the source system: phone numbers, e-mail
        addresses, NIKs and the reporter's own name and address are scrubbed from it.
        """
        if self.tracking_id:
            return self.tracking_id
        if self.external_ref:
            return self._scrubbed_ref()
        return "(unfiled complaint)"

    def _identity(self) -> list[str]:
        """The reporter's own strings, to scrub from texts shown without them."""
        reporter = self.reporter
        if reporter is None:
            return []
        return [v for f in PERSONAL_FIELDS if isinstance(v := getattr(reporter, f), str)]

    def _scrubbed_ref(self) -> str:
        return scrub(self.external_ref or "", known=self._identity())

    def missing_information(self) -> list[MissingInfo]:
        """List what to ask the reporter before the report can be verified.

        Looks for a missing or ambiguous location (detected in the text when no location is
        set), a missing description of the problem, a missing title and missing contact.

        Returns:
            One :class:`MissingInfo` per gap with Indonesian prompt text; empty when complete.
        """
        result: list[MissingInfo] = _service("missing_information", "lapor_sdk.validation")(self)
        return result

    def view_for(self, audience: Audience) -> Complaint:
        """Return the copy of this report that ``audience`` may see.

        Args:
            audience: The public, the handling unit or the admins.

        Raises:
            NotVisibleError: The audience may not see the report at all (rahasia, public).
        """
        result: Complaint = _service("view_for", "lapor_sdk.privacy")(self, audience)
        return result
