"""Checks a complaint's fields against each other and against the region list.

The model (:class:`~lapor_sdk.models.Complaint`) checks each field on its own: a region code
has the right shape, a status is a known status. :func:`check_consistency` checks what the
model cannot: that ``99.99`` is a code nobody issued, that ``"Kota Surabaya"`` is not the name
of ``35.73``, that the status is where the history left it, and that the history is in order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._exceptions import UnknownRegionError
from ._regions import Region, RegionLevel, find_regions, get_region

if TYPE_CHECKING:
    from ..models import Complaint, Location

__all__ = ["Inconsistency", "check_consistency"]

_ALL_LEVELS = frozenset({RegionLevel.PROVINCE, RegionLevel.REGENCY, RegionLevel.CITY})


@dataclass(frozen=True, slots=True)
class Inconsistency:
    """One contradiction found in a complaint.

    Messages name the field and the codes, statuses and times involved, never the reporter's
    text or contact data.
    """

    field: str
    """Where, as a dotted path (``"location.region_code"``, ``"events[3].at"``)."""
    message: str
    """What is wrong and how to fix it."""

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def _region(code: str, field: str, found: list[Inconsistency]) -> Region | None:
    try:
        return get_region(code)
    except UnknownRegionError:
        found.append(
            Inconsistency(
                field,
                f"{code!r} is not a Kemendagri region code; look the region up by name "
                "(`lapor regions search NAME`) and use its code",
            )
        )
        return None


def _name_fits(name: str, region: Region) -> bool:
    try:
        matches = find_regions(name, levels=_ALL_LEVELS)
    except UnknownRegionError:
        return False
    return region in matches


def _check_location(location: Location, found: list[Inconsistency]) -> None:
    region = None
    if location.region_code is not None:
        region = _region(location.region_code, "location.region_code", found)
    if region is not None and location.region_name and not _name_fits(location.region_name, region):
        found.append(
            Inconsistency(
                "location.region_name",
                # The value itself is not repeated: free text may carry a reporter's name.
                f"the name given is not the name of region_code {region.code!r} "
                f"({region.name}); correct the code or the name",
            )
        )
    province = None
    if location.province_code is not None:
        province = _region(location.province_code, "location.province_code", found)
    if province is not None and region is not None and region.province != province:
        found.append(
            Inconsistency(
                "location.province_code",
                f"{province.code!r} ({province.name}) is not the province of region_code "
                f"{region.code!r} ({region.name}, in {region.province.name}); use "
                f"{region.province.code!r}",
            )
        )
    named = province or (region.province if region is not None else None)
    if (
        named is not None
        and location.province_name
        and not _name_fits(location.province_name, named)
    ):
        found.append(
            Inconsistency(
                "location.province_name",
                f"the name given is not the name of province {named.code!r} "
                f"({named.name}); correct the code or the name",
            )
        )


def _check_history(complaint: Complaint, found: list[Inconsistency]) -> None:
    events = complaint.events
    created = complaint.created_at.astimezone(dt.UTC)
    for index, event in enumerate(events):
        at = event.at.astimezone(dt.UTC)
        if index == 0 and at < created:
            found.append(
                Inconsistency(
                    "events[0].at",
                    f"{event.at.isoformat()} is before created_at "
                    f"{complaint.created_at.isoformat()}; the history starts when the report "
                    "is filed",
                )
            )
        if index == 0:
            continue
        before = events[index - 1]
        if at < before.at.astimezone(dt.UTC):
            found.append(
                Inconsistency(
                    f"events[{index}].at",
                    f"{event.at.isoformat()} ({event.kind.value}) is before events[{index - 1}] "
                    f"at {before.at.isoformat()} ({before.kind.value}); list events oldest "
                    "first with their real times",
                )
            )
        if event.from_status is not None and event.from_status is not before.to_status:
            found.append(
                Inconsistency(
                    f"events[{index}].from_status",
                    f"{event.kind.value} starts from {event.from_status.value!r}, but "
                    f"events[{index - 1}] ({before.kind.value}) left the report "
                    f"{before.to_status.value!r}; the history has a gap or is out of order",
                )
            )
    if events and events[-1].to_status is not complaint.status:
        last = events[-1]
        found.append(
            Inconsistency(
                "status",
                f"{complaint.status.value!r} contradicts the history: the last event "
                f"(events[{len(events) - 1}], {last.kind.value}) left the report "
                f"{last.to_status.value!r}; set status to {last.to_status.value!r} or add the "
                "events that are missing",
            )
        )


def check_consistency(complaint: Complaint) -> list[Inconsistency]:
    """Find contradictions between a complaint's fields, its history and the region list.

    Checks, in this order:

    - ``location.region_code`` and ``location.province_code`` are codes in the Kemendagri
      list (the model only checks their shape);
    - ``location.region_name`` / ``province_name``, when given, name those codes
      ("Malang" fits both ``35.07`` and ``35.73``; "Kota Surabaya" does not fit ``35.73``),
      and the province is the region's province;
    - ``events`` are oldest first, none before ``created_at``, and each starts from the
      status the previous one left;
    - ``status`` is the status the last event left.

    Args:
        complaint: A complaint that passed model validation.

    Returns:
        The contradictions, empty when there are none.

    Example:
        >>> import datetime as dt
        >>> from lapor_sdk.models import Complaint, Location
        >>> c = Complaint(title="Jalan rusak", description="…",
        ...               created_at=dt.datetime(2025, 3, 3, 9, tzinfo=dt.UTC),
        ...               location=Location(region_code="99.99"))
        >>> [i.field for i in check_consistency(c)]
        ['location.region_code']
    """
    found: list[Inconsistency] = []
    if complaint.location is not None:
        _check_location(complaint.location, found)
    _check_history(complaint, found)
    return found
