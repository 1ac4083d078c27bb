"""The ``lapor3`` wire profile: the national LAPOR 3.0.0 JSON API behind the SPLP gateway.

What public integrations show (see ``docs/lapor3.md`` for what is confirmed and what is
assumed): ``POST /lapor/3.0.0/complaints/complaint`` answering ``complaint_id``,
``POST /lapor/3.0.0/complaints/process/{complaint_id}/reject`` with ``reason``,
``reason_description`` and ``not_authority``, ``GET /lapor/3.0.0/masters/institutions/external``
answering ``results.data[] {id, name}``, and two headers: ``auth: Bearer <gateway token>``
and ``token: <agency token>``. Every other operation raises
:class:`~lapor_sdk.client.UnsupportedOperationError`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, TypeVar, cast

from .. import lifecycle
from ..models import Channel, Classification, Complaint, Privacy, Status
from ._errors import UnsupportedOperationError
from ._models import Agency, parse_tolerant
from ._operation import Operation, PageData, PreparedCall
from ._profiles import Credentials, WireProfile

__all__ = [
    "DEFAULT_CHANNEL_CODES",
    "DEFAULT_CLASSIFICATION_IDS",
    "LAPOR3_PREFIX",
    "LAPOR3_SANDBOX_PREFIX",
    "SUPPORTED_OPERATIONS",
    "Lapor3Profile",
]

_T = TypeVar("_T")

LAPOR3_PREFIX = "/lapor/3.0.0"
#: Path prefix of the national development gateway seen in public code.
LAPOR3_SANDBOX_PREFIX = "/sandbox-konsolidasi/1.0"

#: ASSUMED channel codes. Public code confirms only that ``channel`` is an integer (13 is sent
#: by a WhatsApp-fed integration); the other numbers are placeholders to override per agency.
DEFAULT_CHANNEL_CODES: Mapping[Channel, int] = MappingProxyType(
    {
        Channel.LAPOR_WEB: 1,
        Channel.LAPOR_APP: 2,
        Channel.SMS: 3,
        Channel.TWITTER: 4,
        Channel.REGIONAL_APP: 5,
        Channel.SOCIAL_MEDIA: 6,
        Channel.PHONE: 7,
        Channel.EMAIL: 8,
        Channel.FACE_TO_FACE: 9,
        Channel.VILLAGE_HEAD: 10,
        Channel.WHATSAPP: 13,
    }
)

#: ASSUMED classification ids (public code sends 6 for a complaint; the rest are placeholders).
DEFAULT_CLASSIFICATION_IDS: Mapping[Classification, int] = MappingProxyType(
    {
        Classification.COMPLAINT: 6,
        Classification.ASPIRATION: 7,
        Classification.INFORMATION_REQUEST: 8,
    }
)

SUPPORTED_OPERATIONS = frozenset(
    {"createComplaint", "forwardComplaint", "archiveComplaint", "listAgencies"}
)


def _truthy(value: Any) -> bool:
    return value in (True, 1, "1", "true")


class Lapor3Profile(WireProfile):
    """Maps the contract to LAPOR 3.0.0 paths, field names and headers.

    Args:
        prefix: Path prefix (``/lapor/3.0.0``; the national development gateway uses
            ``/sandbox-konsolidasi/1.0``).
        channel_codes: Our channels to LAPOR 3.0.0 ``channel`` integers.
        classification_ids: Our classifications to ``classification_id``.
        category_ids: Our category ids to ``category_id`` (unmapped categories are left out).
        location_id: ``location_id`` sent with every report (public code uses 34, "Nasional").
        disposition_id: ``disposition_id`` (the institution that receives new reports).
        page_size: ``page_size`` of the institutions directory.
    """

    name = "lapor3"

    def __init__(
        self,
        *,
        prefix: str = LAPOR3_PREFIX,
        channel_codes: Mapping[Channel, int] = DEFAULT_CHANNEL_CODES,
        classification_ids: Mapping[Classification, int] = DEFAULT_CLASSIFICATION_IDS,
        category_ids: Mapping[str, int] | None = None,
        location_id: int | None = None,
        disposition_id: int | None = None,
        page_size: int = 1000,
    ) -> None:
        self.prefix = prefix.rstrip("/")
        self.channel_codes = dict(channel_codes)
        self.classification_ids = dict(classification_ids)
        self.category_ids = dict(category_ids or {})
        self.location_id = location_id
        self.disposition_id = disposition_id
        self.page_size = page_size

    def __repr__(self) -> str:
        return f"Lapor3Profile(prefix={self.prefix!r})"

    def supports_operation(self, operation_id: str) -> bool:
        """Whether LAPOR 3.0.0 is known to have the operation (:data:`SUPPORTED_OPERATIONS`).

        It has no list or get of reports: a sync engine cannot look up a write whose answer
        was lost (it parks it as ``unknown``) and cannot pull.
        """
        return operation_id in SUPPORTED_OPERATIONS

    def auth_headers(self, credentials: Credentials) -> dict[str, str]:
        """Return ``auth: Bearer <gateway token>`` and ``token: <agency token>``."""
        gateway = credentials.gateway_token.get_secret_value() if credentials.gateway_token else ""
        return {"auth": f"Bearer {gateway}", "token": credentials.api_key.get_secret_value()}

    def prepare(self, op: Operation[Any]) -> PreparedCall:
        """Map a supported operation to its LAPOR 3.0.0 request."""
        if op.operation_id == "createComplaint":
            return PreparedCall(
                "POST", f"{self.prefix}/complaints/complaint", json=self._complaint_body(op.body)
            )
        if op.operation_id in ("forwardComplaint", "archiveComplaint"):
            tid = op.path_args["tracking_id"]
            forward = op.operation_id == "forwardComplaint"
            body = op.body or {}
            payload = {
                "is_request": 1,
                "reason": self._institution(body["to_agency"]) if forward else body["reason"],
                "reason_description": body["reason"] if forward else body.get("note", ""),
                "not_authority": 1 if forward else 0,
            }
            return PreparedCall(
                "POST", f"{self.prefix}/complaints/process/{tid}/reject", json=payload
            )
        if op.operation_id == "listAgencies":
            return PreparedCall(
                "GET",
                f"{self.prefix}/masters/institutions/external",
                params={"page_size": self.page_size},
            )
        raise UnsupportedOperationError(
            f"the lapor3 profile has no equivalent of {op.operation_id}; supported: "
            f"{', '.join(sorted(SUPPORTED_OPERATIONS))}; use profile='lapor' for the rest"
        )

    @staticmethod
    def _institution(agency: str) -> int | str:
        return int(agency) if agency.isdigit() else agency

    def _complaint_body(self, body: Mapping[str, Any]) -> dict[str, Any]:
        privacy = Privacy(body.get("privacy", Privacy.PUBLIC))
        classification = Classification(body.get("classification", Classification.COMPLAINT))
        out: dict[str, Any] = {
            "title": body["title"],
            "content": body["description"],
            "channel": self.channel_codes[Channel(body.get("channel", Channel.LAPOR_WEB))],
            "classification_id": self.classification_ids[classification],
            "is_anonymous": privacy.anonymous,
            "is_secret": privacy.confidential,
            "is_priority": False,
        }
        category = body.get("category")
        if category is not None and category in self.category_ids:
            out["category_id"] = self.category_ids[category]
        if self.location_id is not None:
            out["location_id"] = self.location_id
        if self.disposition_id is not None:
            out["disposition_id"] = self.disposition_id
        if body.get("incident_date"):
            out["date_of_incident"] = body["incident_date"]
        if body.get("tags"):
            out["tags_raw"] = " ".join(f"#{t}" for t in body["tags"])
        return out

    def decode(self, op: Operation[_T], body: Any) -> _T:
        """Build the contract's result from a LAPOR 3.0.0 answer."""
        now = dt.datetime.now(dt.UTC)
        if op.operation_id == "createComplaint":
            sent = dict(op.body)
            title, description = sent.pop("title"), sent.pop("description")
            created = lifecycle.create(
                title=title,
                description=description,
                created_at=now,
                **{k: v for k, v in sent.items() if k in Complaint.model_fields},
            )
            result: Any = created.model_copy(update={"tracking_id": str(body["complaint_id"])})
            return cast(_T, result)
        if op.operation_id in ("forwardComplaint", "archiveComplaint"):
            forward = op.operation_id == "forwardComplaint"
            minimal = Complaint(
                tracking_id=op.path_args["tracking_id"],
                status=Status.DISPOSED if forward else Status.ARCHIVED,
                agency=op.body["to_agency"] if forward else None,
                created_at=now,
            )
            return cast(_T, minimal)
        if op.operation_id == "listAgencies":
            items = [
                parse_tolerant(Agency, {"id": str(i["id"]), "name": i["name"]})
                for i in body["results"]["data"]
            ]
            return cast(_T, PageData(items=items, next_cursor=None))
        raise UnsupportedOperationError(f"the lapor3 profile cannot decode {op.operation_id}")
