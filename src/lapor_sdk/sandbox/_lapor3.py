"""The LAPOR 3.0.0 wire profile served by the sandbox, over the same store and lifecycle.

Served under ``/lapor/3.0.0`` and ``/sandbox-konsolidasi/1.0``. Authentication takes both
headers public integrations send: ``auth: Bearer <SPLP gateway token>`` and
``token: <agency token>``. Channel and classification codes are the client profile's tables
(``lapor_sdk.client._lapor3``, plain data), so both sides agree on the assumed numbers.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import lifecycle
from ..client._lapor3 import (
    DEFAULT_CHANNEL_CODES,
    DEFAULT_CLASSIFICATION_IDS,
    LAPOR3_PREFIX,
    LAPOR3_SANDBOX_PREFIX,
)
from ..lifecycle import Action, ArchiveReason
from ..models import Channel, Classification, Complaint, Privacy
from ._app import (
    MAX_JSON_BYTES,
    ApiProblem,
    _read_body,
    _state,
    _validation_problem,
    act,
    refuse_unsafe_strings,
)
from ._directory import AGENCIES, GATEWAY_TOKEN, TOKENS, Principal

__all__ = ["lapor3_routes"]

_CHANNELS = {code: channel for channel, code in DEFAULT_CHANNEL_CODES.items()}
_CLASSIFICATIONS = {code: c for c, code in DEFAULT_CLASSIFICATION_IDS.items()}
_BY_LAPOR3_ID = {a.lapor3_id: a.id for a in AGENCIES.values()}


def _authenticate(request: Request) -> Principal:
    scheme, _, gateway = request.headers.get("auth", "").partition(" ")
    principal = TOKENS.get(request.headers.get("token", ""))
    if scheme.lower() != "bearer" or gateway != GATEWAY_TOKEN or principal is None:
        raise ApiProblem(
            401,
            "unauthenticated",
            "Unauthorized",
            "send `auth: Bearer <SPLP gateway token>` and `token: <agency token>`",
        )
    return principal


async def _json(request: Request) -> dict[str, Any]:
    try:
        data = json.loads(await _read_body(request, MAX_JSON_BYTES) or b"null")
    except (ValueError, RecursionError):
        raise ApiProblem(
            400, "malformed-json", "Bad Request", "the body is not valid JSON"
        ) from None
    if not isinstance(data, dict):
        raise ApiProblem(400, "malformed-json", "Bad Request", "the body must be a JSON object")
    refuse_unsafe_strings(data)
    return data


#: Integers of the wire are ids and sizes: at most 9 digits (int() of 5,000 digits raises).
_MAX_DIGITS = 9


def _int(data: dict[str, Any], name: str, default: int | None = None) -> int | None:
    value = data.get(name, default)
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | str)
        or (isinstance(value, int) and not 0 <= value < 10**_MAX_DIGITS)
        or (isinstance(value, str) and not 1 <= len(value) <= _MAX_DIGITS)
        or not str(value).isascii()
        or not str(value).isdigit()
    ):
        raise ApiProblem(
            422,
            "validation",
            "Unprocessable Content",
            f"{name} must be an integer of at most {_MAX_DIGITS} digits",
            errors=[{"pointer": f"/{name}", "detail": "not an integer", "code": "int_type"}],
        )
    return int(value)


def _wrong_type(name: str, expected: str) -> ApiProblem:
    return ApiProblem(
        422,
        "validation",
        "Unprocessable Content",
        f"{name} must be {expected}",
        errors=[{"pointer": f"/{name}", "detail": "wrong type", "code": "type"}],
    )


async def create_complaint(request: Request) -> Response:
    """``POST …/complaints/complaint``: answers ``{"complaint_id": …}``."""
    principal = _authenticate(request)
    data = await _json(request)
    state = _state(request)
    title, content = data.get("title"), data.get("content")
    if not isinstance(title, str) or not isinstance(content, str) or not title or not content:
        raise ApiProblem(
            422,
            "validation",
            "Unprocessable Content",
            "title and content are required",
            errors=[{"pointer": "/title", "detail": "required", "code": "missing"}],
        )
    channel = _CHANNELS.get(_int(data, "channel", 1) or 1, Channel.LAPOR_WEB)
    classification = _CLASSIFICATIONS.get(
        _int(data, "classification_id", 6) or 6, Classification.COMPLAINT
    )
    tags = [t.lstrip("#") for t in str(data.get("tags_raw") or "").split() if t.lstrip("#")]
    key = request.headers.get("idempotency-key") or uuid.uuid4().hex
    incident = data.get("date_of_incident")

    def build(_tracking_id: str) -> Complaint:
        return lifecycle.create(
            title=title,
            description=content,
            created_at=state.clock(),
            channel=channel,
            classification=classification,
            privacy=Privacy.of(
                anonymous=bool(data.get("is_anonymous")), confidential=bool(data.get("is_secret"))
            ),
            incident_date=dt.date.fromisoformat(incident) if isinstance(incident, str) else None,
            tags=tags[:20],
            agency=principal.agency_id,
            external_ref=f"lapor3:{key}"[:200],
        )

    try:
        stored, _created = state.store.create(principal.agency_id, f"lapor3:{key}"[:200], build)
    except (ValidationError, ValueError) as exc:
        if isinstance(exc, ValidationError):
            raise _validation_problem(exc) from None
        raise ApiProblem(422, "validation", "Unprocessable Content", str(exc)) from None
    return JSONResponse({"complaint_id": stored.complaint.tracking_id})


async def reject_complaint(request: Request) -> Response:
    """``POST …/complaints/process/{complaint_id}/reject``: not our authority, or archive."""
    principal = _authenticate(request)
    data = await _json(request)
    tid = request.path_params["complaint_id"]
    reason = data.get("reason")
    if not isinstance(reason, str | int | None) or isinstance(reason, bool):
        raise _wrong_type(
            "reason", "an archive reason (text) or, with not_authority, an institution id"
        )
    described = data.get("reason_description")
    if not isinstance(described, str | None):
        raise _wrong_type("reason_description", "text")
    description = (described or "")[:2000]
    if str(data.get("not_authority", 0)) in ("1", "True", "true"):
        target = _BY_LAPOR3_ID.get(_int(data, "reason") or -1)
        if target is None:
            raise ApiProblem(
                422,
                "validation",
                "Unprocessable Content",
                "reason must be the institution id of the agency responsible",
                errors=[
                    {
                        "pointer": "/reason",
                        "detail": "unknown institution",
                        "code": "unknown_agency",
                    }
                ],
            )
        c = act(
            _state(request),
            principal,
            tid,
            Action.FORWARD,
            lambda c, role, at: lifecycle.forward(
                c, by=role, at=at, to_agency=target, reason=description or "Bukan wewenang"
            ),
            grant=(target,),
        )
    else:
        why = ArchiveReason(reason) if reason in set(ArchiveReason) else ArchiveReason.OTHER
        c = act(
            _state(request),
            principal,
            tid,
            Action.ARCHIVE,
            lambda c, role, at: lifecycle.archive(
                c, by=role, at=at, reason=why, note=description or None
            ),
        )
    return JSONResponse({"success": True, "complaint_id": c.tracking_id, "status": c.status.value})


async def institutions(request: Request) -> Response:
    """``GET …/masters/institutions/external?page_size=…``: ``results.data[] {id, name}``."""
    _authenticate(request)
    size = _int(dict(request.query_params), "page_size", 10) or 10
    rows = [{"id": a.lapor3_id, "name": a.name} for a in AGENCIES.values()][:size]
    return JSONResponse({"results": {"data": rows}})


def lapor3_routes() -> list[Route]:
    """Routes of the LAPOR 3.0.0 wire profile, under both known prefixes."""
    routes: list[Route] = []
    for prefix in (LAPOR3_PREFIX, LAPOR3_SANDBOX_PREFIX):
        routes += [
            Route(f"{prefix}/complaints/complaint", create_complaint, methods=["POST"]),
            Route(
                f"{prefix}/complaints/process/{{complaint_id}}/reject",
                reject_complaint,
                methods=["POST"],
            ),
            Route(f"{prefix}/masters/institutions/external", institutions, methods=["GET"]),
        ]
    return routes
