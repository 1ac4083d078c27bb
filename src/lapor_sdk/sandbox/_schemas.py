"""Request bodies of the contract, validated by the sandbox (unknown fields are refused)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ..lifecycle import ArchiveReason
from ..models import Channel, Classification, Location, Privacy, Reporter, Satisfaction

__all__ = [
    "ArchiveBody",
    "CreateComplaintBody",
    "DisposeBody",
    "FollowUpBody",
    "ForwardBody",
    "PostponeBody",
    "RatingBody",
    "ReplyBody",
    "SupplementBody",
    "VerifyBody",
]

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Ident = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[a-z0-9-]+$")]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]


class _Body(BaseModel):
    model_config = ConfigDict(
        extra="forbid", hide_input_in_errors=True, use_attribute_docstrings=True
    )


class CreateComplaintBody(_Body):
    """A report to file."""

    title: Short
    """Short title."""
    description: Text
    """The report's text."""
    external_ref: Annotated[
        str, StringConstraints(min_length=1, max_length=200, pattern=r"^[\x21-\x7e]+$")
    ]
    """Reference in the source system; unique per agency (a repeat returns the first report)."""
    channel: Channel = Channel.LAPOR_WEB
    """Where the report came in."""
    classification: Classification = Classification.COMPLAINT
    """Kind of report."""
    category: Ident | None = None
    """Category id (``GET /categories``)."""
    location: Location | None = None
    """Where the problem is."""
    reporter: Reporter | None = None
    """Who reported it."""
    privacy: Privacy = Privacy.PUBLIC
    """Anonim and/or rahasia."""
    incident_date: dt.date | None = None
    """When the problem happened."""
    received_at: AwareDatetime | None = None
    """When the report reached the agency, if before filing (SLA clocks count from it); not
    later than the server's clock beyond a few minutes of skew."""
    supervisory: bool | None = None
    """Berkadar pengawasan."""
    tags: list[Tag] = Field(default_factory=list, max_length=20)
    """Free labels."""


class VerifyBody(_Body):
    """Verify and dispose within an agency (default: the caller's)."""

    agency: Ident | None = None
    """Agency to dispose to (national and coordinator admins only may name another)."""
    unit: Ident | None = None
    """Unit of that agency."""
    classification: Classification | None = None
    """Corrected classification."""
    privacy: Privacy | None = None
    """Corrected privacy flags."""
    category: Ident | None = None
    """Corrected category id."""
    note: Note | None = None
    """Instruction to the unit."""


class PostponeBody(_Body):
    """Postpone verification."""

    reason: Note
    """What the reporter must supply."""


class SupplementBody(_Body):
    """The reporter's completion of a postponed report."""

    description: Text | None = None
    """New full text of the report."""
    location: Location | None = None
    """The location that was missing."""

    @model_validator(mode="after")
    def _something(self) -> Self:
        if self.description is None and self.location is None:
            raise ValueError("give `description`, `location` or both")
        return self


class ArchiveBody(_Body):
    """Archive with a reason."""

    reason: ArchiveReason
    """Why the report is archived."""
    note: Note | None = None
    """Explanation for the reporter."""


class DisposeBody(_Body):
    """Dispose (again) to a unit."""

    to_unit: Ident
    """Unit id."""
    to_agency: Ident | None = None
    """Agency of the unit (default: the current one)."""
    note: Note | None = None
    """Instruction."""


class ForwardBody(_Body):
    """Forward to the agency responsible (bukan wewenang)."""

    to_agency: Ident
    """Agency id."""
    reason: Note
    """Why it is not this agency's authority."""


class FollowUpBody(_Body):
    """A follow-up of the handling unit."""

    text: Text
    """The answer to the reporter (substantive, not "akan kami tindak lanjuti")."""
    unit: Ident | None = None
    """Unit writing it."""
    final: bool = False
    """Whether this completes the report."""


class ReplyBody(_Body):
    """The reporter's reply to a follow-up."""

    text: Text
    """The reply."""


class RatingBody(_Body):
    """The reporter's rating."""

    satisfaction: Satisfaction
    """Sangat Puas / Puas / Cukup Puas / Tidak Puas."""
    comment: Note | None = None
    """Optional comment."""
