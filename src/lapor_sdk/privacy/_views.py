"""Who may see what of a report: the LAPOR! anonim and rahasia flags applied per audience."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from pydantic import BaseModel

from .._exceptions import NotVisibleError
from ..models import (
    MAX_TAG_LENGTH,
    Attachment,
    Complaint,
    Disposition,
    Event,
    FollowUp,
    Location,
    Rating,
    Reply,
    Reporter,
)
from ._redact import scrub

__all__ = ["Audience", "view_for"]


class Audience(StrEnum):
    """Who is looking at a report."""

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


def _known(reporter: Reporter | None, fields: tuple[str, ...]) -> list[str]:
    if reporter is None:
        return []
    return [v for f in fields if isinstance(v := getattr(reporter, f), str)]


def _fit(model: type[BaseModel], field: str, text: str) -> str:
    """Cut ``text`` to the field's ``max_length``: a placeholder can be longer than what it hid."""
    for item in model.model_fields[field].metadata:
        limit = getattr(item, "max_length", None)  # annotated_types.MaxLen
        if isinstance(limit, int) and len(text) > limit:
            return text[:limit].rstrip()
    return text


def _with_texts(c: Complaint, fix: Callable[[str], str]) -> dict[str, object]:
    """Return the field updates that run every free text of ``c`` through ``fix``.

    The results still fit the models' length limits, so a view round-trips through JSON.
    """

    def on(model: type[BaseModel], field: str, value: str | None) -> str | None:
        return None if value is None else _fit(model, field, fix(value))

    location = c.location
    if location is not None:
        location = location.model_copy(
            update={
                f: on(Location, f, getattr(location, f))
                for f in ("description", "street", "village")
            }
        )
    rating = c.rating
    if rating is not None:
        rating = rating.model_copy(update={"comment": on(Rating, "comment", rating.comment)})
    return {
        "title": on(Complaint, "title", c.title),
        "description": on(Complaint, "description", c.description),
        "external_ref": on(Complaint, "external_ref", c.external_ref),
        # A placeholder can be longer than what it replaces: keep each tag within its limit.
        "tags": [fix(t)[:MAX_TAG_LENGTH] for t in c.tags],
        "location": location,
        "attachments": [
            a.model_copy(
                update={
                    "filename": on(Attachment, "filename", a.filename),
                    "url": on(Attachment, "url", a.url),
                }
            )
            for a in c.attachments
        ],
        "dispositions": [
            d.model_copy(update={"note": on(Disposition, "note", d.note)}) for d in c.dispositions
        ],
        "follow_ups": [
            f.model_copy(update={"text": on(FollowUp, "text", f.text)}) for f in c.follow_ups
        ],
        "replies": [r.model_copy(update={"text": on(Reply, "text", r.text)}) for r in c.replies],
        "rating": rating,
        "events": [e.model_copy(update={"note": on(Event, "note", e.note)}) for e in c.events],
    }


def view_for(complaint: Complaint, audience: Audience) -> Complaint:
    """Return the copy of ``complaint`` that ``audience`` may see.

    The rules, after SP4N-LAPOR!'s two independent privacy flags:

    * **admin** sees everything;
    * **public** never sees a *rahasia* (confidential) report, and of any other report sees at
      most the reporter's name (none when *anonim*), never contact data, NIK or address;
      phone numbers, e-mail addresses and NIK-like numbers written into the texts are scrubbed;
    * **handling unit** sees the report (even *rahasia*: it must handle it); of a
      non-anonymous reporter the name, phone and e-mail (to follow up), never NIK or address;
      of an *anonim* one nothing, and the texts are scrubbed like the public's.

    The reporter's own name and address are also removed from the texts whenever the
    audience may not see them.

    Args:
        complaint: The full report.
        audience: Who will see it.

    Returns:
        A new complaint; the input is not changed.

    Raises:
        NotVisibleError: The public asked for a confidential report.

    Example:
        >>> import datetime as dt
        >>> from lapor_sdk.models import Privacy
        >>> c = Complaint(title="Pungli", description="Hubungi 0812-3456-7890",
        ...               privacy=Privacy.ANONYMOUS, reporter=Reporter(name="Siti Rahayu"),
        ...               created_at=dt.datetime(2025, 3, 3, 9, tzinfo=dt.timezone.utc))
        >>> public = view_for(c, Audience.PUBLIC)
        >>> public.reporter is None, public.description
        (True, 'Hubungi [disembunyikan]')
    """
    audience = Audience(audience)
    if audience is Audience.ADMIN:
        return complaint.model_copy(deep=True)
    reporter = complaint.reporter
    anonymous = complaint.privacy.anonymous
    if audience is Audience.PUBLIC:
        if complaint.privacy.confidential:
            raise NotVisibleError(
                f"complaint {complaint.reference} is confidential (rahasia): the public may not "
                "see it; use Audience.HANDLING_UNIT or Audience.ADMIN"
            )
        shown = None
        if not anonymous and reporter is not None and reporter.name:
            shown = Reporter(name=reporter.name)
        hidden = ("phone", "email", "nik", "address") + (("name",) if anonymous else ())
        known = _known(reporter, hidden)
        updates = _with_texts(complaint, lambda t: scrub(t, known=known))
    elif anonymous:  # handling unit, anonim: identity hidden from the party complained about
        shown = None
        known = _known(reporter, ("name", "phone", "email", "nik", "address"))
        updates = _with_texts(complaint, lambda t: scrub(t, known=known))
    else:  # handling unit, not anonymous: name and contact to follow up
        shown = None
        if reporter is not None:
            shown = reporter.model_copy(update={"nik": None, "address": None})
        known = _known(reporter, ("nik", "address"))
        updates = _with_texts(
            complaint, lambda t: scrub(t, phones=False, emails=False, known=known)
        )
    updates["reporter"] = shown
    return complaint.model_copy(update=updates)
