"""The API contract as data: builds ``docs/api/lapor-openapi.yaml`` (OpenAPI 3.1).

The schemas of the complaint and its parts are the JSON Schemas of the SDK's pydantic models,
and the request bodies those the sandbox validates, so document, models and sandbox cannot
drift apart: a test compares the committed YAML with :func:`openapi_document`. Regenerate
with ``python -m lapor_sdk.sandbox._contract docs/api/lapor-openapi.yaml``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from .._version import __version__
from ..models import MAX_ATTACHMENTS, Complaint, Status
from ._app import ALLOWED_UPLOAD_TYPES, MAX_UPLOAD_BYTES
from ._schemas import (
    ArchiveBody,
    CreateComplaintBody,
    DisposeBody,
    FollowUpBody,
    ForwardBody,
    PostponeBody,
    RatingBody,
    ReplyBody,
    SupplementBody,
    VerifyBody,
)

__all__ = ["openapi_document", "render_yaml"]

_REF = "#/components/schemas/{model}"
_PROBLEM_JSON = "application/problem+json"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _model_schemas() -> dict[str, Any]:
    models: list[tuple[type[BaseModel], Any]] = [(Complaint, "serialization")]
    models += [
        (m, "validation")
        for m in (
            CreateComplaintBody,
            VerifyBody,
            PostponeBody,
            SupplementBody,
            ArchiveBody,
            DisposeBody,
            ForwardBody,
            FollowUpBody,
            ReplyBody,
            RatingBody,
        )
    ]
    _, defs = models_json_schema(models, ref_template=_REF)
    schemas: dict[str, Any] = defs["$defs"]
    return schemas


def _extra_schemas() -> dict[str, Any]:
    string = {"type": "string"}
    nullable = {"type": ["string", "null"]}
    return {
        "Problem": {
            "type": "object",
            "description": "RFC 9457 problem details (application/problem+json).",
            "required": ["type", "title", "status"],
            "properties": {
                "type": {
                    **string,
                    "format": "uri-reference",
                    "description": "urn:lapor:problem:<kind>",
                },
                "title": string,
                "status": {"type": "integer"},
                "detail": string,
                "instance": string,
                "request_id": nullable,
                "errors": {"type": "array", "items": _ref("FieldError")},
            },
        },
        "FieldError": {
            "type": "object",
            "required": ["pointer", "detail"],
            "properties": {
                "pointer": {**string, "description": "JSON Pointer into the request body"},
                "detail": string,
                "code": string,
            },
        },
        "ComplaintPage": {
            "type": "object",
            "required": ["data", "next_cursor"],
            "properties": {
                "data": {"type": "array", "items": _ref("Complaint")},
                "next_cursor": {
                    **nullable,
                    "description": "Cursor of the next page; null on the last page.",
                },
            },
        },
        "Agency": {
            "type": "object",
            "required": ["id", "name"],
            "properties": {
                "id": string,
                "name": string,
                "level": {"enum": ["national", "ministry", "province", "regency", None]},
                "region_code": nullable,
            },
        },
        "AgencyPage": {
            "type": "object",
            "required": ["data", "next_cursor"],
            "properties": {
                "data": {"type": "array", "items": _ref("Agency")},
                "next_cursor": nullable,
            },
        },
        "Unit": {
            "type": "object",
            "required": ["id", "agency_id", "name"],
            "properties": {"id": string, "agency_id": string, "name": string},
        },
        "Category": {
            "type": "object",
            "required": ["id", "name"],
            "properties": {"id": string, "name": string},
        },
        **{
            f"{name}List": {
                "type": "object",
                "required": ["data"],
                "properties": {"data": {"type": "array", "items": _ref(name)}},
            }
            for name in ("Disposition", "FollowUp", "Reply", "Attachment", "Unit", "Category")
        },
    }


def _json(schema: str, description: str, *, headers: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": _ref(schema)}},
    }
    if headers:
        out["headers"] = {"X-Request-Id": {"$ref": "#/components/headers/RequestId"}}
    return out


def _errors(*extra: str) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "429": {"$ref": "#/components/responses/TooManyRequests"},
        "503": {"$ref": "#/components/responses/Unavailable"},
        "default": {"$ref": "#/components/responses/Problem"},
    }
    for code in extra:
        responses[code] = {"$ref": f"#/components/responses/{_ERROR_NAMES[code]}"}
    return dict(sorted(responses.items()))


_ERROR_NAMES = {
    "400": "BadRequest",
    "403": "Forbidden",
    "404": "NotFound",
    "409": "Conflict",
    "413": "TooLarge",
    "415": "UnsupportedType",
    "422": "Unprocessable",
}

_TRACKING = {"$ref": "#/components/parameters/TrackingId"}
_IDEMPOTENCY = {"$ref": "#/components/parameters/IdempotencyKey"}


def _post(
    op_id: str,
    summary: str,
    body: str | None,
    ok: dict[str, Any],
    *,
    tag: str,
    params: list[Any] | None = None,
    errors: tuple[str, ...] = ("400", "403", "404", "409", "422"),
    description: str | None = None,
) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": op_id,
        "summary": summary,
        "tags": [tag],
        "parameters": [*(params if params is not None else [_TRACKING]), _IDEMPOTENCY],
        "responses": {**ok, **_errors(*errors)},
    }
    if description:
        op["description"] = description
    if body:
        op["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(body)}},
        }
    return op


def _get(
    op_id: str,
    summary: str,
    ok: dict[str, Any],
    *,
    tag: str,
    params: list[Any] | None = None,
    errors: tuple[str, ...] = ("404",),
) -> dict[str, Any]:
    return {
        "operationId": op_id,
        "summary": summary,
        "tags": [tag],
        "parameters": params if params is not None else [_TRACKING],
        "responses": {**ok, **_errors(*errors)},
    }


def _action(op_id: str, summary: str, body: str, tag: str, description: str) -> dict[str, Any]:
    return {
        "post": _post(
            op_id,
            summary,
            body,
            {"200": _json("Complaint", "The updated report")},
            tag=tag,
            description=description,
        )
    }


def _paths() -> dict[str, Any]:
    t = "/complaints/{tracking_id}"
    complaint = _json("Complaint", "The report as the caller's role may see it")
    status_enum = [s.value for s in Status]
    return {
        "/complaints": {
            "post": _post(
                "createComplaint",
                "File a report",
                "CreateComplaintBody",
                {
                    "201": {
                        **_json("Complaint", "Filed now"),
                        "headers": {
                            "X-Request-Id": {"$ref": "#/components/headers/RequestId"},
                            "Location": {"schema": {"type": "string"}},
                        },
                    },
                    "200": {
                        **_json(
                            "Complaint",
                            "Already filed by this agency under the same "
                            "external_ref: the first report, unchanged",
                        ),
                        "headers": {
                            "X-Request-Id": {"$ref": "#/components/headers/RequestId"},
                            "Location": {"schema": {"type": "string"}},
                        },
                    },
                },
                tag="complaints",
                params=[],
                errors=("400", "422"),
                description=(
                    "Files a report for the calling agency. `external_ref` is unique per agency: "
                    "filing it again does not create a duplicate but answers 200 with the report "
                    "filed first (a new report is 201). Channels entered through the form manual "
                    "record the admin as the creator. A server that does not honour "
                    "`Idempotency-Key` may file a second report for the same `external_ref`; "
                    "clients look a write up with `GET /complaints?external_ref=…` before "
                    "sending it again."
                ),
            ),
            "get": _get(
                "listComplaints",
                "List reports visible to the agency",
                {"200": _json("ComplaintPage", "One page, ordered by (updated_at, tracking_id)")},
                tag="complaints",
                params=[
                    {
                        "name": "status",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "enum": status_enum},
                    },
                    {
                        "name": "agency",
                        "in": "query",
                        "required": False,
                        "description": "Agency currently responsible",
                        "schema": {"type": "string", "maxLength": 100},
                    },
                    {
                        "name": "external_ref",
                        "in": "query",
                        "required": False,
                        "description": "Only reports this agency filed under this reference in "
                        "its source system (how a sync engine looks up a write whose answer it "
                        "never got)",
                        "schema": {"type": "string", "minLength": 1, "maxLength": 200},
                    },
                    {
                        "name": "updated_since",
                        "in": "query",
                        "required": False,
                        "description": "Only reports changed at or after this instant (RFC 3339 "
                        "with offset)",
                        "schema": {"type": "string", "format": "date-time"},
                    },
                    {
                        "name": "cursor",
                        "in": "query",
                        "required": False,
                        "description": "`next_cursor` of the previous page",
                        "schema": {"type": "string", "maxLength": 500},
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
                    },
                ],
                errors=("400", "422"),
            ),
        },
        t: {"get": _get("getComplaint", "Fetch one report", {"200": complaint}, tag="complaints")},
        f"{t}/verify": _action(
            "verifyComplaint",
            "Verify, classify and dispose within an agency",
            "VerifyBody",
            "verification",
            "Admin action on an unverified report; status becomes disposed.",
        ),
        f"{t}/postpone": _action(
            "postponeComplaint",
            "Postpone verification (tunda)",
            "PostponeBody",
            "verification",
            "Waits for the reporter to supply what is missing.",
        ),
        f"{t}/supplement": _action(
            "supplementComplaint",
            "Relay the reporter's completion",
            "SupplementBody",
            "verification",
            "Only the filing agency relays it; the report becomes unverified.",
        ),
        f"{t}/archive": _action(
            "archiveComplaint",
            "Archive with a reason",
            "ArchiveBody",
            "verification",
            "Admin action on an unverified or postponed report.",
        ),
        f"{t}/dispositions": {
            "post": _post(
                "disposeComplaint",
                "Dispose to a unit",
                "DisposeBody",
                {"200": _json("Complaint", "The updated report")},
                tag="dispositions",
            ),
            "get": _get(
                "listDispositions",
                "List hand-overs, oldest first",
                {"200": _json("DispositionList", "Every hand-over")},
                tag="dispositions",
            ),
        },
        f"{t}/forward": _action(
            "forwardComplaint",
            "Forward to the agency responsible (bukan wewenang)",
            "ForwardBody",
            "dispositions",
            "No wrong door: the report moves on and the target agency may see it.",
        ),
        f"{t}/follow-ups": {
            "post": _post(
                "createFollowUp",
                "Post a follow-up",
                "FollowUpBody",
                {"200": _json("Complaint", "The updated report")},
                tag="follow-ups",
            ),
            "get": _get(
                "listFollowUps",
                "List follow-ups",
                {"200": _json("FollowUpList", "Oldest first")},
                tag="follow-ups",
            ),
        },
        f"{t}/replies": {
            "post": _post(
                "createReply",
                "Relay the reporter's reply",
                "ReplyBody",
                {"200": _json("Complaint", "The updated report")},
                tag="replies",
            ),
            "get": _get(
                "listReplies",
                "List the reporter's replies",
                {"200": _json("ReplyList", "Oldest first")},
                tag="replies",
            ),
        },
        f"{t}/rating": {
            "post": _post(
                "rateComplaint",
                "Relay the reporter's rating",
                "RatingBody",
                {"200": _json("Complaint", "The updated report")},
                tag="ratings",
            ),
            "get": _get(
                "getRating",
                "Fetch the rating",
                {"200": _json("Rating", "The rating")},
                tag="ratings",
            ),
        },
        f"{t}/attachments": {
            "post": {
                **_post(
                    "uploadAttachment",
                    "Upload a file (multipart/form-data)",
                    None,
                    {"201": _json("Attachment", "Stored")},
                    tag="attachments",
                    params=[_TRACKING],
                    errors=("400", "403", "404", "409", "413", "415", "422"),
                    description=(
                        "The body is multipart/form-data: the `file` part holds the content "
                        "(its Content-Type is the attachment's type) and the `filename` field "
                        "its name. File names often carry a reporter's name or NIK, so they "
                        f"never travel in the URL. At most {MAX_UPLOAD_BYTES} bytes; types: "
                        f"{', '.join(sorted(ALLOWED_UPLOAD_TYPES))}; at most "
                        f"{MAX_ATTACHMENTS} attachments per report (409 beyond)."
                    ),
                ),
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file", "filename"],
                                "properties": {
                                    "file": {"type": "string", "format": "binary"},
                                    "filename": {
                                        "type": "string",
                                        "minLength": 1,
                                        "maxLength": 255,
                                    },
                                },
                            },
                            "encoding": {
                                "file": {"contentType": ", ".join(sorted(ALLOWED_UPLOAD_TYPES))}
                            },
                        }
                    },
                },
            },
            "get": _get(
                "listAttachments",
                "List attachments",
                {"200": _json("AttachmentList", "Metadata, oldest first")},
                tag="attachments",
            ),
        },
        "/agencies": {
            "get": _get(
                "listAgencies",
                "List agencies",
                {"200": _json("AgencyPage", "One page")},
                tag="directory",
                params=[
                    {
                        "name": "cursor",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "maxLength": 500},
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
                    },
                ],
                errors=("400", "422"),
            )
        },
        "/agencies/{agency_id}": {
            "get": _get(
                "getAgency",
                "Fetch an agency",
                {"200": _json("Agency", "The agency")},
                tag="directory",
                params=[{"$ref": "#/components/parameters/AgencyId"}],
            )
        },
        "/agencies/{agency_id}/units": {
            "get": _get(
                "listUnits",
                "List an agency's units",
                {"200": _json("UnitList", "Units")},
                tag="directory",
                params=[{"$ref": "#/components/parameters/AgencyId"}],
            )
        },
        "/categories": {
            "get": _get(
                "listCategories",
                "List categories",
                {"200": _json("CategoryList", "Categories")},
                tag="directory",
                params=[],
                errors=(),
            )
        },
    }


def _problem(description: str, *, retry_after: bool = False) -> dict[str, Any]:
    headers: dict[str, Any] = {"X-Request-Id": {"$ref": "#/components/headers/RequestId"}}
    if retry_after:
        headers["Retry-After"] = {"$ref": "#/components/headers/RetryAfter"}
    return {
        "description": description,
        "headers": headers,
        "content": {_PROBLEM_JSON: {"schema": _ref("Problem")}},
    }


def openapi_document() -> dict[str, Any]:
    """Return the contract as a dict (OpenAPI 3.1)."""
    schemas = {**_model_schemas(), **_extra_schemas()}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "LAPOR integration API (lapor-sdk contract)",
            "version": __version__,
            "summary": "Resource-oriented contract for agency systems that file and handle "
            "SP4N-LAPOR! reports.",
            "description": (
                "Bearer token per agency. Every POST needs an `Idempotency-Key`: the same key "
                "with the same request replays the first answer for 24 hours (header "
                "`Idempotent-Replayed: true`); the same key with a different request is refused "
                "with 422. Errors are RFC 9457 problem documents with field-level `errors`. "
                "Lists use cursor pagination (`next_cursor`). 429 and 503 carry `Retry-After`. "
                "Every answer carries `X-Request-Id`. A permanent 409 carries "
                "`X-Should-Retry: false`. An agency sees only reports filed with or disposed "
                "to it; reporters' data is shown per role (liaison accounts get the handling "
                "unit's view)."
            ),
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "servers": [{"url": "http://127.0.0.1:8000", "description": "lapor sandbox serve"}],
        "security": [{"bearerAuth": []}],
        "tags": [
            {"name": n}
            for n in (
                "complaints",
                "verification",
                "dispositions",
                "follow-ups",
                "replies",
                "ratings",
                "attachments",
                "directory",
            )
        ],
        "paths": _paths(),
        "components": {
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The agency's API key",
                }
            },
            "parameters": {
                "TrackingId": {
                    "name": "tracking_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "maxLength": 64, "pattern": "^[A-Za-z0-9._:-]+$"},
                },
                "AgencyId": {
                    "name": "agency_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "maxLength": 100},
                },
                "IdempotencyKey": {
                    "name": "Idempotency-Key",
                    "in": "header",
                    "required": True,
                    "description": "One key per logical write, reused on every retry (a UUID)",
                    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
                },
            },
            "headers": {
                "RequestId": {
                    "description": "Id of the request, for support",
                    "schema": {"type": "string"},
                },
                "RetryAfter": {
                    "description": "Seconds to wait before retrying",
                    "schema": {"type": "integer", "minimum": 0},
                },
            },
            "responses": {
                "BadRequest": _problem("Malformed request, missing Idempotency-Key or bad cursor"),
                "Unauthorized": _problem("Missing or unknown API key"),
                "Forbidden": _problem("Not this agency's or this role's to do"),
                "NotFound": _problem("No such resource visible to the agency"),
                "Conflict": _problem("Not allowed in the report's current status"),
                "TooLarge": _problem("Body too large"),
                "UnsupportedType": _problem("Attachment type not accepted"),
                "Unprocessable": _problem(
                    "Invalid fields (see `errors`), or an Idempotency-Key "
                    "reused with a different request"
                ),
                "TooManyRequests": _problem("Rate limited", retry_after=True),
                "Unavailable": _problem("Temporarily unavailable", retry_after=True),
                "Problem": _problem("Any other error"),
            },
            "schemas": dict(sorted(schemas.items())),
        },
    }


def render_yaml() -> str:
    """Return the contract as the YAML committed in ``docs/api/lapor-openapi.yaml``."""
    header = (
        "# Generated by `python -m lapor_sdk.sandbox._contract docs/api/lapor-openapi.yaml`\n"
        "# from the SDK's models and the sandbox's request schemas; do not edit by hand.\n"
    )
    body: str = yaml.safe_dump(openapi_document(), sort_keys=False, allow_unicode=True, width=100)
    return header + body


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    text = render_yaml()
    if target is None:
        sys.stdout.write(text)
    else:
        target.write_text(text, encoding="utf-8")
