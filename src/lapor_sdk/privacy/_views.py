"""Who may see what of a report: the LAPOR! anonim and rahasia flags applied per audience."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar, get_args

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .._exceptions import NotVisibleError
from .._personal._redact import scrub
from ..models import Complaint, Reporter
from ..models._complaint import register_complaint_services
from ..models._enums import Audience

__all__ = ["Audience", "view_for"]

_M = TypeVar("_M", bound=BaseModel)


def _known(reporter: Reporter | None, fields: tuple[str, ...]) -> list[str]:
    if reporter is None:
        return []
    return [v for f in fields if isinstance(v := getattr(reporter, f), str)]


def _limit(metadata: list[Any]) -> int | None:
    for item in metadata:
        limit = getattr(item, "max_length", None)  # annotated_types.MaxLen, FieldInfo
        if isinstance(limit, int):
            return limit
        inner = getattr(item, "metadata", None)  # Annotated[str, Field(max_length=...)]
        if isinstance(inner, list) and (found := _limit(inner)) is not None:
            return found
    return None


def _item_limit(info: FieldInfo) -> int | None:
    """``max_length`` of the items of a ``list[Annotated[str, Field(max_length=...)]]``."""
    for arg in get_args(info.annotation):
        found = _limit(list(get_args(arg)[1:]))
        if found is not None:
            return found
    return None


def _is_identifier(info: FieldInfo) -> bool:
    """A string field with a ``pattern`` holds an identifier (tracking id, region code,
    content type, SHA-256), never free text: left as it is (scrubbing a digest would break it)."""
    return any(getattr(item, "pattern", None) for item in info.metadata)


def _fit(text: str, limit: int | None) -> str:
    """Cut ``text`` to ``limit``: a placeholder can be longer than what it hid."""
    return text[:limit].rstrip() if limit is not None and len(text) > limit else text


def _scrub_model(model: _M, fix: Callable[[str], str]) -> _M:
    """Return ``model`` with *every* free-text string in it (nested models and lists
    included) run through ``fix``; enums, identifiers and the reporter are left alone.

    One walk over the fields rather than a list of them, so a field added to the models later
    is scrubbed too. The results still fit the models' length limits, so a view round-trips
    through JSON.
    """
    updates: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if name == "reporter" or _is_identifier(info):
            continue
        if isinstance(value, str) and not isinstance(value, Enum):
            new: Any = _fit(fix(value), _limit(info.metadata))
        elif isinstance(value, BaseModel):
            new = _scrub_model(value, fix)
        elif isinstance(value, list):
            limit = _item_limit(info)
            new = [
                _fit(fix(v), limit)
                if isinstance(v, str) and not isinstance(v, Enum)
                else _scrub_model(v, fix)
                if isinstance(v, BaseModel)
                else v
                for v in value
            ]
        else:
            continue
        if new != value:
            updates[name] = new
    return model.model_copy(update=updates) if updates else model


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
        view = _scrub_model(complaint, lambda t: scrub(t, known=known))
    elif anonymous:  # handling unit, anonim: identity hidden from the party complained about
        shown = None
        known = _known(reporter, ("name", "phone", "email", "nik", "address"))
        view = _scrub_model(complaint, lambda t: scrub(t, known=known))
    else:  # handling unit, not anonymous: name and contact to follow up
        shown = None
        if reporter is not None:
            shown = reporter.model_copy(update={"nik": None, "address": None})
        known = _known(reporter, ("nik", "address"))
        view = _scrub_model(complaint, lambda t: scrub(t, phones=False, emails=False, known=known))
    return view.model_copy(update={"reporter": shown}, deep=True)


register_complaint_services(view_for=view_for)
