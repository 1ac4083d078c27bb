"""Mapping between :class:`~lapor_sdk.models.Complaint` and Open311 GeoReport v2.

================================  ===============================================
Open311 service request           Complaint
================================  ===============================================
``service_request_id``            ``tracking_id`` (else ``external_ref``)
``status`` + ``status_notes``     ``status``: archived, completed and closed are
                                  ``closed``; the rest ``open``; the notes carry the
                                  LAPOR! label, which maps back exactly
``service_code``/``service_name`` ``category`` (through the services given)
``description``                   ``description`` (cut to 4,000 characters)
``agency_responsible``            ``agency``
``requested_datetime``            ``created_at``
``updated_datetime``              ``updated_at``
``expected_datetime``             the SLA deadline (:func:`expected_datetime`)
``address``                       street, village, district, region, province
``lat``/``long``                  ``location.latitude``/``longitude``
``media_url``                     the first attachment's URL
================================  ===============================================

The format has no title, reporter, privacy flags or history: an imported complaint gets a
title cut from the description, no reporter, the privacy given, and two events (created, and
the status it arrived in) so SLA clocks can run. The region of an imported request is read
from its address (and description) with :func:`lapor_sdk.validation.extract_location`; the
SDK ships no boundary data, so coordinates alone resolve a region only through the
``region_from_coordinates`` function you pass.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from ..models import Channel, Complaint, Event, EventKind, Location, Privacy, Role, Status
from ..models._enums import Audience
from ._models import (
    MAX_DESCRIPTION,
    Open311Status,
    Service,
    ServiceRequest,
    ServiceType,
)

if TYPE_CHECKING:
    from ..sla import SlaPolicy, WorkingCalendar
    from ..validation import Region

__all__ = [
    "CLOSED_STATUSES",
    "RegionResolver",
    "complaint_to_request",
    "expected_datetime",
    "public_request",
    "request_to_complaint",
    "services_from_categories",
]

#: Complaint statuses that Open311 calls ``closed``; every other status is ``open``.
CLOSED_STATUSES = frozenset({Status.ARCHIVED, Status.COMPLETED, Status.CLOSED})
#: Longest title made from a description.
_TITLE_LENGTH = 120
_BY_LABEL = {s.label.casefold(): s for s in Status}
_TRACKING_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")

#: Turns coordinates into a Kemendagri region (or ``None``): plug in your own boundaries.
RegionResolver = Callable[[float, float], "Region | None"]


def services_from_categories(
    categories: Mapping[str, str],
    *,
    group: str | None = None,
    batch: Iterable[str] = (),
) -> list[Service]:
    """Return the Open311 services of a category directory (id → name).

    Args:
        categories: Category ids and their names (``{"infrastruktur": "Infrastruktur"}``).
        group: Group to put every service in.
        batch: Category ids whose requests are answered with a token (``type=batch``).

    Example:
        >>> [s.service_code for s in services_from_categories({"kesehatan": "Kesehatan"})]
        ['kesehatan']
    """
    queued = set(batch)
    return [
        Service(
            service_code=code,
            service_name=name,
            description=f"Pengaduan kategori {name}",
            metadata=False,
            type=ServiceType.BATCH if code in queued else ServiceType.REALTIME,
            group=group,
        )
        for code, name in categories.items()
    ]


def _address(location: Location | None) -> str | None:
    if location is None:
        return None
    parts = [
        location.street,
        location.km_marker,
        location.village,
        location.district,
        location.region_name,
        location.province_name,
    ]
    text = ", ".join(p for p in parts if p)
    return text[:1000] or (location.description[:1000] if location.description else None)


def _status_notes(complaint: Complaint) -> str:
    notes = complaint.status.label
    if complaint.status is Status.ARCHIVED:
        reason = next(
            (e.note for e in reversed(complaint.events) if e.kind is EventKind.ARCHIVED), None
        )
        if reason:
            notes = f"{notes}: {reason}"
    return notes[:2000]


def complaint_to_request(
    complaint: Complaint,
    *,
    services: Sequence[Service] = (),
    expected_at: dt.datetime | None = None,
    service_notice: str | None = None,
) -> ServiceRequest:
    """Describe a complaint as an Open311 service request.

    The complaint is used as given: to publish, pass the public view
    (:func:`public_request` does both).

    Args:
        complaint: The complaint.
        services: The services, to name the category (its id is the ``service_code``).
        expected_at: The SLA deadline, for ``expected_datetime`` (:func:`expected_datetime`).
        service_notice: What the agency expects to do.

    Raises:
        ValueError: The complaint has neither a tracking id nor an external ref.
    """
    request_id = complaint.tracking_id or complaint.external_ref
    if not request_id:
        raise ValueError(
            "a complaint needs a tracking_id (or an external_ref) to be an Open311 request"
        )
    names = {s.service_code: s.service_name for s in services}
    by_name = {(s.service_name or "").casefold(): s.service_code for s in services}
    code = complaint.category
    if code is not None and code not in names:
        code = by_name.get(code.casefold(), code)
    location = complaint.location
    media = next((a.url for a in complaint.attachments if a.url), None)
    return ServiceRequest(
        service_request_id=request_id[:200],
        status=(
            Open311Status.CLOSED if complaint.status in CLOSED_STATUSES else Open311Status.OPEN
        ),
        status_notes=_status_notes(complaint),
        service_code=code,
        service_name=names.get(code or "", complaint.category),
        description=complaint.description[:MAX_DESCRIPTION] or None,
        agency_responsible=complaint.agency,
        service_notice=service_notice,
        requested_datetime=complaint.created_at,
        updated_datetime=complaint.updated_at or complaint.created_at,
        expected_datetime=expected_at,
        address=_address(location),
        lat=location.latitude if location is not None else None,
        long=location.longitude if location is not None else None,
        media_url=media,
    )


def public_request(
    complaint: Complaint,
    *,
    services: Sequence[Service] = (),
    expected_at: dt.datetime | None = None,
) -> ServiceRequest | None:
    """Return the request the public may see, or ``None`` for a *rahasia* complaint.

    The public view (:func:`lapor_sdk.privacy.view_for`) hides an *anonim* reporter and
    scrubs phone numbers, e-mail addresses and NIKs from the texts; Open311 never carries
    the reporter anyway.
    """
    if complaint.privacy.confidential:
        return None
    view = complaint.view_for(Audience.PUBLIC)
    return complaint_to_request(view, services=services, expected_at=expected_at)


def expected_datetime(
    complaint: Complaint,
    *,
    policy: SlaPolicy,
    calendar: WorkingCalendar,
    now: dt.datetime,
) -> dt.datetime | None:
    """Return the deadline of the SLA stage now running (``None`` when none runs).

    Example:
        >>> from lapor_sdk.sla import SlaPolicy, WorkingCalendar   # doctest: +SKIP
        >>> expected_datetime(c, policy=SlaPolicy.sp4n_lapor(),
        ...                   calendar=WorkingCalendar.indonesia(), now=now)
    """
    running = [r for r in policy.evaluate(complaint, calendar=calendar, now=now) if r.is_running]
    return min((r.due_at for r in running), default=None)


def _status_of(request: ServiceRequest) -> Status:
    notes = (request.status_notes or "").casefold()
    for label, status in _BY_LABEL.items():
        if notes == label or notes.startswith(label + ":"):
            if (status in CLOSED_STATUSES) == (request.status is Open311Status.CLOSED):
                return status
    return Status.COMPLETED if request.status is Open311Status.CLOSED else Status.UNVERIFIED


def _title(description: str | None, fallback: str) -> str:
    text = " ".join((description or "").split())
    if not text:
        return fallback[:200]
    if len(text) <= _TITLE_LENGTH:
        return text
    cut = text[: _TITLE_LENGTH - 1].rsplit(" ", 1)[0] or text[: _TITLE_LENGTH - 1]
    return cut.rstrip() + "…"


def _location(
    request: ServiceRequest, resolve: RegionResolver | None, resolve_text: bool
) -> Location | None:
    from ..validation import extract_location

    lat, lon = request.lat, request.long
    if (lat is None) != (lon is None):
        lat = lon = None  # half a coordinate is no place
    fields: dict[str, object] = {}
    if request.address:
        fields["description"] = request.address
    if lat is not None and lon is not None:
        fields |= {"latitude": lat, "longitude": lon}
        region = resolve(lat, lon) if resolve is not None else None
        if region is not None:
            province = region.province
            fields |= {
                "region_code": region.code if region.code.count(".") <= 1 else None,
                "region_name": region.name,
                "province_code": province.code,
                "province_name": province.name,
            }
    if resolve_text and "region_code" not in fields:
        for text in (request.address, request.description):
            match = extract_location(text) if text else None
            if match is not None and match.region is not None:
                found = match.to_location()
                fields |= {
                    k: v
                    for k, v in found.model_dump(exclude_none=True).items()
                    if k not in ("latitude", "longitude")
                }
                break
    return Location.model_validate(fields) if fields else None


def request_to_complaint(
    request: ServiceRequest,
    *,
    services: Sequence[Service] = (),
    channel: Channel = Channel.REGIONAL_APP,
    privacy: Privacy = Privacy.PUBLIC,
    source: str = "open311",
    region_from_coordinates: RegionResolver | None = None,
    resolve_region: bool = True,
    ids_are_tracking_ids: bool = False,
) -> Complaint:
    """Turn an Open311 service request into a complaint.

    The request's id becomes the ``external_ref`` (``"<source>:<id>"``), and the
    ``tracking_id`` too when ``ids_are_tracking_ids`` says the server is a LAPOR! system
    (such as the sandbox) whose request ids are tracking ids.

    Args:
        request: The request.
        services: The server's services, to name categories by ``service_name``.
        channel: Channel to record.
        privacy: Privacy flags (Open311 has none; the public data is public).
        source: Prefix of the external ref (the server's name).
        region_from_coordinates: Finds the region of ``lat``/``long`` (your boundaries).
        resolve_region: Read the region from the address and description too.
        ids_are_tracking_ids: Keep the request id as the tracking id.

    Raises:
        pydantic.ValidationError: The request does not make a valid complaint.
    """
    names = {s.service_code: s.service_name for s in services}
    category = request.service_name or names.get(request.service_code or "")
    category = category or request.service_code
    status = _status_of(request)
    created = request.requested_datetime
    updated = max(request.updated_datetime or created, created)
    events = [
        Event(at=created, kind=EventKind.CREATED, actor=Role.SYSTEM, to_status=Status.UNVERIFIED)
    ]
    if status is not Status.UNVERIFIED:
        events.append(
            Event(
                at=updated,
                kind=_EVENT_FOR[status],
                actor=Role.SYSTEM,
                from_status=Status.UNVERIFIED,
                to_status=status,
                agency=(request.agency_responsible or None) and request.agency_responsible[:200],
                note=(request.status_notes or None) and (request.status_notes or "")[:2000],
            )
        )
    rid = request.service_request_id
    tracking = rid if ids_are_tracking_ids and _TRACKING_ID.fullmatch(rid) else None
    return Complaint(
        tracking_id=tracking,
        external_ref=f"{source}:{rid}"[:200],
        channel=channel,
        title=_title(request.description, f"Laporan {category or rid}"),
        description=request.description or "",
        category=category[:200] if category else None,
        agency=request.agency_responsible[:200] if request.agency_responsible else None,
        location=_location(request, region_from_coordinates, resolve_region),
        privacy=privacy,
        status=status,
        created_at=created,
        updated_at=updated,
        events=events,
    )


_EVENT_FOR = {
    Status.POSTPONED: EventKind.POSTPONED,
    Status.ARCHIVED: EventKind.ARCHIVED,
    Status.DISPOSED: EventKind.VERIFIED,
    Status.IN_PROGRESS: EventKind.FOLLOWED_UP,
    Status.COMPLETED: EventKind.COMPLETED,
    Status.CLOSED: EventKind.CLOSED,
}
