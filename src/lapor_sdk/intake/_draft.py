"""The complaint draft an intake parser produces, and how it is assembled."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Protocol

from pydantic import ValidationError

from .. import lifecycle
from .._exceptions import InvalidInputError
from ..models import Attachment, Channel, Complaint, MissingInfo, Reporter
from ..validation import LocationMatch, extract_location, missing_information
from ._text import MAX_DESCRIPTION, MAX_TITLE, derive_title, truncate

__all__ = [
    "ComplaintDraft",
    "IntakeError",
    "RouteSuggestion",
    "Triager",
    "build_draft",
    "require_aware",
]


class IntakeError(InvalidInputError):
    """A message could not be turned into a complaint draft (too large, no date, unreadable)."""


class RouteSuggestion(Protocol):
    """What a triage suggestion offers a draft (:class:`lapor_sdk.triage.Suggestion` is one)."""

    @property
    def label(self) -> str:
        """The suggested category or unit."""
        ...

    @property
    def confidence(self) -> float:
        """Probability of ``label``, 0..1."""
        ...

    @property
    def abstain(self) -> bool:
        """Whether the model is not sure and a person should route the report."""
        ...

    def render(self) -> str:
        """One line for a person, e.g. ``"suggested: infrastruktur → DPU Bina Marga, 0.93"``."""
        ...

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        ...


class Triager(Protocol):
    """Anything that suggests a route for a text (:class:`lapor_sdk.triage.TriageModel`)."""

    def suggest(self, text: str, /) -> RouteSuggestion:
        """Suggest a category or unit for ``text``."""
        ...


@dataclass(frozen=True, slots=True)
class ComplaintDraft:
    """A complaint read from an e-mail or a chat message, ready for an admin to check.

    ``complaint`` is UNVERIFIED with its channel, the reporter's normalised contact, the
    attachments' metadata and the detected location (only when the text settles on one
    kabupaten/kota). Its ``created_at`` and ``received_at`` are when the message arrived, and
    its history holds the ``CREATED`` event of that instant, so :class:`~lapor_sdk.sla.SlaPolicy`
    evaluates a draft like a filed report. ``missing`` lists what to ask the reporter;
    ``warnings`` says what the parser had to drop or could not read (never with the reporter's
    data). File it with ``client.complaints.create_from_draft(draft, external_ref=...)``.
    """

    complaint: Complaint
    """The draft complaint."""
    location_match: LocationMatch | None
    """What location detection found in the title and text."""
    missing: list[MissingInfo] = field(default_factory=list)
    """What to ask the reporter before verification."""
    warnings: list[str] = field(default_factory=list)
    """Problems met while parsing (dropped parts, invalid contact, truncation)."""
    suggestion: RouteSuggestion | None = None
    """The category or unit a triage model suggests (see :meth:`with_suggestion`)."""
    attachment_contents: Mapping[str, bytes] = field(
        default_factory=lambda: MappingProxyType({}), repr=False, compare=False
    )
    """The attachments' bytes, by SHA-256 (e-mail attachments; a chat export has none)."""

    def attachment_content(self, attachment: Attachment) -> bytes | None:
        """Return the bytes of one of the draft's attachments, or ``None`` when not kept."""
        if attachment.sha256 is None:
            return None
        return self.attachment_contents.get(attachment.sha256)

    def with_suggestion(self, triage: Triager | None) -> ComplaintDraft:
        """Return a copy carrying ``triage``'s suggestion for the title and description.

        Args:
            triage: A fitted :class:`lapor_sdk.triage.TriageModel` (or anything with a
                ``suggest(text)``); ``None`` returns the draft unchanged, so a desk without
                a model configured can call this unconditionally.

        Example:
            >>> draft = from_message(text, sender=None, received_at=now)  # doctest: +SKIP
            >>> print(draft.with_suggestion(model).suggestion)  # doctest: +SKIP
            suggested: infrastruktur → DPU Bina Marga, 0.93
        """
        if triage is None:
            return self
        text = f"{self.complaint.title}\n{self.complaint.description}"
        return dataclasses.replace(self, suggestion=triage.suggest(text))

    @property
    def is_complete(self) -> bool:
        """Whether nothing is missing."""
        return not self.missing

    def to_dict(self, *, redact: bool = True) -> dict[str, Any]:
        """Return a JSON-ready view.

        With ``redact`` the reporter's data is masked, and phone numbers, e-mail addresses and
        NIKs written into the title, description, external reference or attachment names are
        scrubbed.
        """
        complaint = self.complaint.model_dump(mode="json")
        reporter = complaint.get("reporter")
        if redact and isinstance(reporter, dict):
            complaint["reporter"] = {
                key: ("<redacted>" if value is not None and key != "reporter_id" else value)
                for key, value in reporter.items()
            }
        if redact:
            # Reporters write their number, e-mail or NIK into the texts and file names too.
            from ..privacy import redact_text

            for key in ("title", "description", "external_ref"):
                if isinstance(complaint.get(key), str):
                    complaint[key] = redact_text(complaint[key])
            for attachment in complaint.get("attachments") or ():
                attachment["filename"] = redact_text(attachment["filename"])
        match = self.location_match
        return {
            "complaint": complaint,
            "location": None
            if match is None
            else {
                "region": None if match.region is None else _region_dict(match.region),
                "candidates": [_region_dict(c) for c in match.candidates],
                "ambiguous": match.is_ambiguous,
                "district": None if match.district is None else match.district.name,
                "village": None if match.village is None else match.village.name,
                "street": match.street,
                "km_marker": match.km_marker,
                "latitude": match.latitude,
                "longitude": match.longitude,
            },
            "missing": [
                {"kind": m.kind.value, "prompt": m.prompt, "candidates": list(m.candidates)}
                for m in self.missing
            ],
            "warnings": list(self.warnings),
            "suggestion": None if self.suggestion is None else self.suggestion.to_dict(),
        }


def _region_dict(region: Any) -> dict[str, str]:
    return {"code": region.code, "name": region.name, "level": region.level.value}


def require_aware(value: dt.datetime, name: str) -> dt.datetime:
    """Return ``value`` if it is timezone-aware, else raise a ``ValueError`` naming the fix."""
    if not isinstance(value, dt.datetime):
        raise IntakeError(f"{name} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise IntakeError(
            f"{name} is a naive datetime; pass a timezone-aware one, e.g. "
            "datetime(..., tzinfo=ZoneInfo('Asia/Jakarta'))"
        )
    return value


def make_reporter(
    *,
    name: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    warnings: list[str],
) -> Reporter | None:
    """Build a reporter from whatever contact data is valid; invalid parts become warnings."""
    fields: dict[str, str] = {}
    if name:
        fields["name"] = truncate(" ".join(name.split()), 200)
    for key, value, what in (
        ("phone", phone, "sender phone number is not a valid Indonesian number"),
        ("email", email, "sender e-mail address is not valid"),
    ):
        if not value:
            continue
        try:
            Reporter(**{key: value})
        except (ValidationError, ValueError):
            warnings.append(f"{what}; the draft has no {key} contact")
            continue
        fields[key] = value
    if not fields:
        return None
    return Reporter(**fields)


def build_draft(
    *,
    channel: Channel,
    subject: str | None,
    body: str,
    created_at: dt.datetime,
    reporter: Reporter | None,
    attachments: list[Attachment] | None = None,
    contents: list[bytes] | None = None,
    external_ref: str | None = None,
    warnings: list[str],
) -> ComplaintDraft:
    """Assemble the draft: title, capped description, detected location, missing information.

    ``created_at`` is when the message arrived: the draft's ``received_at`` too, and the time
    of its ``CREATED`` event. ``contents`` are the attachments' bytes (any order).
    """
    description = body
    if len(description) > MAX_DESCRIPTION:
        description = truncate(description, MAX_DESCRIPTION)
        warnings.append(f"text was longer than {MAX_DESCRIPTION} characters and was cut")
    title = truncate(derive_title(subject, description), MAX_TITLE)
    match = extract_location(f"{title}\n{description}")
    location = None
    if match is not None and not match.is_ambiguous:
        location = match.to_location()
        if location.is_empty:
            location = None
    complaint = lifecycle.create(
        title=title,
        description=description,
        created_at=created_at,
        received_at=created_at,
        channel=channel,
        reporter=reporter,
        location=location,
        attachments=attachments or [],
        external_ref=truncate(external_ref, 200) if external_ref else None,
    )
    return ComplaintDraft(
        complaint=complaint,
        location_match=match,
        missing=missing_information(complaint),
        warnings=warnings,
        attachment_contents=MappingProxyType(
            {hashlib.sha256(data).hexdigest(): data for data in contents or ()}
        ),
    )
