"""What happens to a report over time: dispositions, follow-ups, replies, ratings, events."""

from __future__ import annotations

from enum import StrEnum

from pydantic import AwareDatetime, Field

from ._base import ValueModel
from ._enums import EventKind, Role, Satisfaction, Status

__all__ = [
    "Attachment",
    "Disposition",
    "DispositionKind",
    "Event",
    "FollowUp",
    "Rating",
    "Reply",
]


class Attachment(ValueModel):
    """Metadata of a file attached to a report (the bytes live elsewhere)."""

    filename: str = Field(min_length=1, max_length=255)
    """File name as sent by the reporter."""
    content_type: str = Field(min_length=3, max_length=127, pattern=r"^[\w.+-]+/[\w.+-]+$")
    """MIME type (``image/jpeg``)."""
    size: int = Field(ge=0)
    """Size in bytes."""
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    """Hex SHA-256 of the content, when known."""
    url: str | None = Field(default=None, max_length=2000)
    """Where the file can be fetched, when stored."""


class DispositionKind(StrEnum):
    """Why a report moved to another handler."""

    DISPOSE = "dispose"
    FORWARD = "forward"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return "Disposisi" if self is DispositionKind.DISPOSE else "Diteruskan (bukan wewenang)"


class Disposition(ValueModel):
    """A hand-over of the report to an agency or unit (disposisi)."""

    at: AwareDatetime
    """When the report was disposed."""
    to_agency: str = Field(min_length=1, max_length=200)
    """Agency that now handles the report."""
    to_unit: str | None = Field(default=None, max_length=200)
    """Unit within the agency (Admin Penghubung), if chosen."""
    from_agency: str | None = Field(default=None, max_length=200)
    """Agency that held the report before, if any."""
    by: Role
    """Role of the admin who disposed it."""
    kind: DispositionKind = DispositionKind.DISPOSE
    """Ordinary disposition, or forward because the report is not the agency's authority."""
    note: str | None = Field(default=None, max_length=2000)
    """Instruction or reason."""


class FollowUp(ValueModel):
    """A follow-up (tindak lanjut) written by the handling unit."""

    at: AwareDatetime
    """When it was posted."""
    unit: str | None = Field(default=None, max_length=200)
    """Unit that wrote it."""
    text: str = Field(min_length=1, max_length=20_000)
    """The answer to the reporter."""
    final: bool = False
    """Whether the unit considers the report finished with this follow-up."""


class Reply(ValueModel):
    """The reporter's reply to a follow-up (tanggapan pelapor)."""

    at: AwareDatetime
    """When it was posted."""
    text: str = Field(min_length=1, max_length=20_000)
    """The reply."""


class Rating(ValueModel):
    """The reporter's satisfaction with the outcome."""

    at: AwareDatetime
    """When the rating was given."""
    satisfaction: Satisfaction
    """Sangat Puas / Puas / Cukup Puas / Tidak Puas."""
    comment: str | None = Field(default=None, max_length=2000)
    """Optional comment."""


class Event(ValueModel):
    """One entry of a report's history; every lifecycle transition appends one."""

    at: AwareDatetime
    """When it happened."""
    kind: EventKind
    """What happened."""
    actor: Role
    """Who did it."""
    from_status: Status | None = None
    """Status before (``None`` for creation)."""
    to_status: Status
    """Status after."""
    agency: str | None = Field(default=None, max_length=200)
    """Agency concerned (e.g. the one disposed to)."""
    unit: str | None = Field(default=None, max_length=200)
    """Unit concerned."""
    note: str | None = Field(default=None, max_length=2000)
    """Reason or comment (e.g. the archive reason)."""
