"""The sandbox's Starlette application: the contract of ``docs/api/lapor-openapi.yaml``.

Handlers are thin: authenticate the agency, check it may see and act on the report, call
:mod:`lapor_sdk.lifecycle`, store the result, answer with the view the caller's role may
see (:func:`lapor_sdk.privacy.view_for`). Every POST goes through the idempotency store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import lifecycle
from .._exceptions import IllegalTransitionError, InvalidInputError
from ..lifecycle import Action
from ..models import MAX_CLOCK_SKEW, Attachment, Complaint, Location, Role, Status
from ..privacy import Audience
from ._directory import AGENCIES, CATEGORIES, TOKENS, Principal
from ._guard import MAX_ATTACHMENTS, RequestGuard, UploadError, parse_upload, unsafe_string
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
from ._store import IdempotencyRecord, SandboxStore, StoredComplaint, decode_cursor

if TYPE_CHECKING:
    from ..intake import Triager

__all__ = [
    "ALLOWED_UPLOAD_TYPES",
    "IDEMPOTENCY_TTL",
    "MAX_UPLOAD_BYTES",
    "ApiProblem",
    "SandboxState",
    "build_app",
]

_B = TypeVar("_B", bound=BaseModel)

#: Idempotency keys are remembered for 24 hours.
IDEMPOTENCY_TTL = 24 * 3600.0
#: Largest accepted attachment.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: Accepted attachment types.
ALLOWED_UPLOAD_TYPES = frozenset(
    {"image/jpeg", "image/png", "image/webp", "application/pdf", "video/mp4"}
)
#: Largest accepted JSON body.
MAX_JSON_BYTES = 256 * 1024
_MAX_KEY_LENGTH = 255
_MAX_EXTERNAL_REF = 200
_PROBLEM = "application/problem+json"


_WIB = ZoneInfo("Asia/Jakarta")


def _now_wib() -> dt.datetime:
    # Report times in WIB, like LAPOR!: the tracking id's year is the year in Jakarta.
    return dt.datetime.now(_WIB)


@dataclass
class SandboxState:
    """What the handlers share: the store, the clock and the limits."""

    store: SandboxStore
    clock: Callable[[], dt.datetime] = _now_wib
    wall: Callable[[], float] = time.time
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    extra_routes: list[Route] = field(default_factory=list)
    idempotency: bool = True
    """Whether ``Idempotency-Key`` is required and honoured and a repeated ``external_ref``
    answers the first report; ``False`` emulates a server that files every request it gets."""
    triage: Triager | None = None


class ApiProblem(Exception):  # noqa: N818 - it is an answer, not a failure of the sandbox
    """An RFC 9457 problem answer raised from a handler."""

    def __init__(
        self,
        status: int,
        slug: str,
        title: str,
        detail: str | None = None,
        *,
        errors: list[dict[str, str]] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = dict(headers or {})


def problem_response(request: Request, exc: ApiProblem) -> Response:
    """Render an :class:`ApiProblem` as ``application/problem+json``."""
    body: dict[str, Any] = {
        "type": f"urn:lapor:problem:{exc.slug}",
        "title": exc.title,
        "status": exc.status,
        "instance": request.url.path,
        "request_id": request.state.request_id if hasattr(request.state, "request_id") else None,
    }
    if exc.detail:
        body["detail"] = exc.detail
    if exc.errors:
        body["errors"] = exc.errors
    return JSONResponse(body, status_code=exc.status, headers=exc.headers, media_type=_PROBLEM)


def _validation_problem(exc: ValidationError) -> ApiProblem:
    errors = [
        {
            "pointer": "/" + "/".join(str(p) for p in e["loc"] if p != "__root__"),
            "detail": e["msg"],
            "code": e["type"],
        }
        for e in exc.errors(include_input=False, include_url=False)
    ]
    return ApiProblem(
        422,
        "validation",
        "Unprocessable Content",
        f"{len(errors)} field(s) are invalid; see `errors`",
        errors=errors,
    )


# -- request plumbing ----------------------------------------------------------------------


def _state(request: Request) -> SandboxState:
    state: SandboxState = request.app.state.sandbox
    return state


def authenticate(request: Request) -> Principal:
    """Return the agency account behind the bearer token.

    Raises:
        ApiProblem: 401 when the token is missing or unknown.
    """
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    principal = TOKENS.get(token.strip()) if scheme.lower() == "bearer" else None
    if principal is None:
        raise ApiProblem(
            401,
            "unauthenticated",
            "Unauthorized",
            "missing or unknown API key; send `Authorization: Bearer <agency API key>`",
            headers={"WWW-Authenticate": 'Bearer realm="lapor"'},
        )
    return principal


def parse_body(raw: bytes, model: type[_B]) -> _B:
    """Decode and validate a JSON body.

    Raises:
        ApiProblem: 400 for malformed JSON, 422 for invalid fields.
    """
    if len(raw) > MAX_JSON_BYTES:
        raise ApiProblem(
            413,
            "too-large",
            "Content Too Large",
            f"JSON bodies are limited to {MAX_JSON_BYTES} bytes",
        )
    try:
        data = json.loads(raw or b"null")
    except (ValueError, RecursionError):
        raise ApiProblem(
            400,
            "malformed-json",
            "Bad Request",
            "the body is not valid JSON (or nested too deeply)",
        ) from None
    if not isinstance(data, dict):
        raise ApiProblem(400, "malformed-json", "Bad Request", "the body must be a JSON object")
    refuse_unsafe_strings(data)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _validation_problem(exc) from None


def refuse_unsafe_strings(data: Any) -> None:
    """Refuse a decoded JSON body with a NUL or a lone surrogate in a string (unstorable).

    Raises:
        ApiProblem: 422 with the pointer of the first such string.
    """
    where = unsafe_string(data)
    if where is not None:
        raise ApiProblem(
            422,
            "validation",
            "Unprocessable Content",
            "text may not contain NUL characters or unpaired surrogates (\\ud800-\\udfff)",
            errors=[{"pointer": where, "detail": "unsafe character", "code": "unsafe_characters"}],
        )


def _complaint_json(complaint: Complaint, principal: Principal) -> dict[str, Any]:
    audience = Audience.HANDLING_UNIT if principal.role is Role.LIAISON else Audience.ADMIN
    return complaint.view_for(audience).model_dump(mode="json")


def _visible(principal: Principal, stored: StoredComplaint) -> bool:
    return principal.role is Role.NATIONAL_ADMIN or principal.agency_id in stored.visible_to


def load(state: SandboxState, principal: Principal, tracking_id: str) -> StoredComplaint:
    """Return a report the agency may see.

    Raises:
        ApiProblem: 404 when it does not exist or is not visible to the agency.
    """
    stored = state.store.get(tracking_id)
    if stored is None or not _visible(principal, stored):
        raise ApiProblem(
            404,
            "not-found",
            "Not Found",
            f"no complaint {tracking_id} is visible to agency {principal.agency_id}; it must be "
            "filed with or disposed to this agency",
        )
    return stored


_RELAYED = frozenset({Action.SUPPLEMENT, Action.REPLY, Action.RATE})
#: Roles that may verify a report into another agency than their own.
_DISPOSE_ELSEWHERE = frozenset({Role.NATIONAL_ADMIN, Role.COORDINATOR_ADMIN})


def _check_move(
    action: Action, role: Role, c: Complaint, into: str | None, tracking_id: str
) -> None:
    """Refuse a move into another agency than the one responsible, unless it is a forward or
    a verification by the national or a coordinator admin."""
    if into is None or into == c.agency or action is Action.FORWARD:
        return
    if action is Action.VERIFY and role in _DISPOSE_ELSEWHERE:
        return
    if action is Action.VERIFY:
        detail = (
            f"role {role.value} verifies within its own agency only; leave `agency` out, "
            "or forward the report (bukan wewenang) to the agency responsible"
        )
    else:
        detail = (
            f"{action.value} moves complaint {tracking_id} within agency {c.agency} only; to "
            f"hand it to agency {into}, forward it (bukan wewenang): "
            f"POST /complaints/{tracking_id}/forward"
        )
    raise ApiProblem(403, "forbidden", "Forbidden", detail)


def act(
    state: SandboxState,
    principal: Principal,
    tracking_id: str,
    action: Action,
    run: Callable[[Complaint, Role, dt.datetime], Complaint],
    *,
    grant: tuple[str, ...] = (),
    into: str | None = None,
) -> Complaint:
    """Apply one lifecycle action for an agency, with the sandbox's permission rules.

    Reporter actions (supplement, reply, rating) are relayed by the *admin* account of the
    agency that filed the report (a liaison writes follow-ups, it never speaks for the
    reporter); admin and handler actions need the agency currently responsible (the national
    admin may act on any). A move ``into`` another agency than the one responsible is a
    ``forward`` (bukan wewenang), or a ``verify`` by the national or a coordinator admin;
    ``dispose`` stays inside the agency.

    Raises:
        ApiProblem: 404 invisible, 403 not this agency's or role's to do, 409 illegal move.
    """
    with state.store.lock:
        stored = load(state, principal, tracking_id)
        c = stored.complaint
        if action in _RELAYED:
            role = Role.REPORTER
            if principal.agency_id != stored.owner_agency or not principal.role.is_admin:
                raise ApiProblem(
                    403,
                    "forbidden",
                    "Forbidden",
                    f"only the admin account of the agency that filed complaint {tracking_id} "
                    f"relays its reporter's {action.value}; a liaison account never acts for "
                    "the reporter",
                )
        else:
            role = principal.role
            if role not in lifecycle.ROLES[action]:
                allowed = ", ".join(sorted(r.value for r in lifecycle.ROLES[action]))
                raise ApiProblem(
                    403,
                    "forbidden",
                    "Forbidden",
                    f"role {role.value} may not {action.value}; allowed roles: {allowed}",
                )
            if role is not Role.NATIONAL_ADMIN and c.agency != principal.agency_id:
                raise ApiProblem(
                    403,
                    "forbidden",
                    "Forbidden",
                    f"complaint {tracking_id} is handled by another agency; only the agency "
                    f"currently responsible may {action.value} it",
                )
            _check_move(action, role, c, into, tracking_id)
        try:
            updated = run(c, role, state.clock())
        except IllegalTransitionError as exc:
            raise ApiProblem(
                409, "illegal-transition", "Conflict", str(exc), headers={"X-Should-Retry": "false"}
            ) from None
        except ValidationError as exc:
            raise _validation_problem(exc) from None
        except InvalidInputError as exc:
            raise ApiProblem(422, "invalid", "Unprocessable Content", str(exc)) from None
        state.store.save(updated, grant=grant)
        return updated


def _agency_exists(agency_id: str, pointer: str) -> None:
    if agency_id not in AGENCIES:
        raise ApiProblem(
            422,
            "validation",
            "Unprocessable Content",
            f"unknown agency {agency_id!r}; list them with GET /agencies",
            errors=[{"pointer": pointer, "detail": "unknown agency", "code": "unknown_agency"}],
        )


def _unit_exists(agency_id: str, unit: str, pointer: str) -> None:
    if unit not in AGENCIES[agency_id].units:
        raise ApiProblem(
            422,
            "validation",
            "Unprocessable Content",
            f"agency {agency_id!r} has no unit {unit!r}; list them with "
            f"GET /agencies/{agency_id}/units",
            errors=[{"pointer": pointer, "detail": "unknown unit", "code": "unknown_unit"}],
        )


def _category_exists(category: str | None, pointer: str) -> None:
    if category is not None and category not in CATEGORIES:
        raise ApiProblem(
            422,
            "validation",
            "Unprocessable Content",
            f"unknown category {category!r}; list them with GET /categories",
            errors=[{"pointer": pointer, "detail": "unknown category", "code": "unknown_category"}],
        )


def _regions_exist(location: Location | None, pointer: str) -> None:
    """Refuse region codes that are not in the Kemendagri list (the schema checks only shape)."""
    from ..validation import regions

    if location is None:
        return
    for name in ("region_code", "province_code"):
        code = getattr(location, name)
        if code is not None and code not in regions:
            raise ApiProblem(
                422,
                "validation",
                "Unprocessable Content",
                f"unknown Kemendagri region code {code!r} in {name}; look the code up with "
                "`lapor regions search NAME`",
                errors=[
                    {
                        "pointer": f"{pointer}/{name}",
                        "detail": "unknown region code",
                        "code": "unknown_region",
                    }
                ],
            )


def _received_in_past(received_at: dt.datetime | None, now: dt.datetime) -> None:
    """Refuse a receipt time later than the filing (beyond the allowed clock skew)."""
    if received_at is None or received_at - now <= MAX_CLOCK_SKEW:
        return
    raise ApiProblem(
        422,
        "validation",
        "Unprocessable Content",
        f"received_at {received_at.isoformat()} is later than the filing time "
        f"{now.isoformat(timespec='seconds')}; a report is received before it is filed: "
        "check the date and the time zone",
        errors=[
            {
                "pointer": "/received_at",
                "detail": "received_at is in the future",
                "code": "received_after_filing",
            }
        ],
    )


Handler = Callable[[Request, Principal, bytes], Awaitable[Response]]


def idempotent(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Wrap a POST handler with authentication and the ``Idempotency-Key`` rules.

    The same key with the same request replays the first answer (``Idempotent-Replayed:
    true``) for 24 hours to the same account (agency and role); the same key with a different
    request (method, path, query, ``Content-Type`` or body) is refused with 422. A sandbox
    started with ``idempotency=False`` neither requires nor honours the key.
    """

    async def endpoint(request: Request) -> Response:
        principal = authenticate(request)
        if not _state(request).idempotency:
            raw = await _read_body(request, _state(request).max_upload_bytes)
            try:
                return await handler(request, principal, raw)
            except ApiProblem as exc:
                return problem_response(request, exc)
        key = request.headers.get("idempotency-key")
        if not key or len(key) > _MAX_KEY_LENGTH:
            raise ApiProblem(
                400,
                "idempotency-key-missing",
                "Bad Request",
                "every POST needs an `Idempotency-Key` header of 1-255 characters (a UUID)",
            )
        raw = await _read_body(request, _state(request).max_upload_bytes)
        state = _state(request)
        fingerprint = hashlib.sha256(
            b"\n".join(
                [
                    request.method.encode(),
                    request.url.path.encode(),
                    request.url.query.encode(),
                    request.headers.get("content-type", "").encode(),
                    raw,
                ]
            )
        ).hexdigest()
        # Keys are scoped per account, not per agency: the stored answer was rendered for
        # this account's role (privacy views differ), so another account must not replay it.
        scope = f"{principal.agency_id}:{principal.role.value}"
        with state.store.lock:
            previous = state.store.get_idempotent(
                scope, key, not_before=state.wall() - IDEMPOTENCY_TTL
            )
            if previous is not None:
                if previous.fingerprint != fingerprint:
                    raise ApiProblem(
                        422,
                        "idempotency-key-reused",
                        "Unprocessable Content",
                        "this Idempotency-Key was already used with a different request; use a "
                        "new key for a new request",
                        headers={"X-Should-Retry": "false"},
                    )
                return Response(
                    previous.body,
                    status_code=previous.status_code,
                    headers={**previous.headers, "Idempotent-Replayed": "true"},
                )
            try:
                response = await handler(request, principal, raw)
            except ApiProblem as exc:
                response = problem_response(request, exc)
            if response.status_code < 500 and response.status_code != 429:
                kept = {
                    k: v
                    for k, v in response.headers.items()
                    if k.lower() in ("content-type", "location", "x-should-retry")
                }
                state.store.put_idempotent(
                    scope,
                    key,
                    IdempotencyRecord(
                        fingerprint, response.status_code, kept, bytes(response.body), state.wall()
                    ),
                )
            return response

    return endpoint


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if (
        declared is not None
        and declared.isascii()
        and declared.isdigit()
        and (len(declared) > 18 or int(declared) > limit)
    ):
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> ApiProblem:
    return ApiProblem(
        413, "too-large", "Content Too Large", f"the body exceeds the limit of {limit} bytes"
    )


def _ok(data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    return JSONResponse(data, status_code=status, headers=dict(headers or {}))


# -- complaints ----------------------------------------------------------------------------


async def create_complaint(request: Request, principal: Principal, raw: bytes) -> Response:
    """``POST /complaints``: file a report (a repeated external ref returns the first one)."""
    body = parse_body(raw, CreateComplaintBody)
    _category_exists(body.category, "/category")
    _regions_exist(body.location, "/location")
    state = _state(request)
    now = state.clock()
    _received_in_past(body.received_at, now)
    fields = body.model_dump(exclude={"title", "description"}, exclude_none=True)
    by = Role.REPORTER
    if body.channel.via_form_manual and principal.role.is_admin:
        by = principal.role

    def build(_tracking_id: str) -> Complaint:
        return lifecycle.create(
            title=body.title,
            description=body.description,
            created_at=now,
            by=by,
            agency=principal.agency_id,
            **fields,
        )

    try:
        stored, created = state.store.create(
            principal.agency_id, body.external_ref, build, dedupe=state.idempotency
        )
    except ValidationError as exc:
        raise _validation_problem(exc) from None
    location = f"/complaints/{stored.complaint.tracking_id}"
    return _ok(
        _complaint_json(stored.complaint, principal),
        201 if created else 200,
        {"Location": location},
    )


async def get_complaint(request: Request) -> Response:
    """``GET /complaints/{tracking_id}``."""
    principal = authenticate(request)
    stored = load(_state(request), principal, request.path_params["tracking_id"])
    return _ok(_complaint_json(stored.complaint, principal))


def _query_limit(request: Request) -> int:
    raw = request.query_params.get("limit", "50")
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 3) or not 1 <= int(raw) <= 200:
        raise ApiProblem(
            422,
            "validation",
            "Unprocessable Content",
            "limit must be an integer in 1..200",
            errors=[{"pointer": "/limit", "detail": "must be 1..200", "code": "out_of_range"}],
        )
    return int(raw)


def _query_cursor(request: Request) -> tuple[str, str] | None:
    cursor = request.query_params.get("cursor")
    if cursor is None:
        return None
    try:
        return decode_cursor(cursor)
    except ValueError as exc:
        raise ApiProblem(400, "bad-cursor", "Bad Request", str(exc)) from None


async def list_complaints(request: Request) -> Response:
    """``GET /complaints``: reports visible to the agency, by (updated_at, tracking_id)."""
    principal = authenticate(request)
    q = request.query_params
    status: Status | None = None
    if "status" in q:
        try:
            status = Status(q["status"])
        except ValueError:
            raise ApiProblem(
                422,
                "validation",
                "Unprocessable Content",
                f"unknown status; allowed: {', '.join(s.value for s in Status)}",
                errors=[{"pointer": "/status", "detail": "unknown status", "code": "enum"}],
            ) from None
    since: dt.datetime | None = None
    if "updated_since" in q:
        try:
            since = dt.datetime.fromisoformat(q["updated_since"])
            since.astimezone(dt.UTC)  # out of range in UTC (year 1 at +07:00)?
        except (ValueError, OverflowError):
            since = None
        if since is None or since.tzinfo is None:
            raise ApiProblem(
                422,
                "validation",
                "Unprocessable Content",
                "updated_since must be an RFC 3339 date-time with an offset "
                "(2025-03-03T09:00:00+07:00)",
                errors=[
                    {
                        "pointer": "/updated_since",
                        "detail": "not an aware date-time",
                        "code": "datetime",
                    }
                ],
            )
    agency = q.get("agency")
    external_ref = q.get("external_ref")
    if external_ref is not None and (
        not 1 <= len(external_ref) <= _MAX_EXTERNAL_REF or unsafe_string(external_ref)
    ):
        raise ApiProblem(
            422,
            "validation",
            "Unprocessable Content",
            f"external_ref must be 1..{_MAX_EXTERNAL_REF} characters without NUL",
            errors=[{"pointer": "/external_ref", "detail": "bad length", "code": "length"}],
        )
    national = principal.role is Role.NATIONAL_ADMIN
    items, next_cursor = _state(request).store.list(
        visible_to=None if national else principal.agency_id,
        status=status,
        agency=agency,
        external_ref=external_ref,
        owner_agency=None if national else principal.agency_id,
        updated_since=since,
        after=_query_cursor(request),
        limit=_query_limit(request),
    )
    return _ok({"data": [_complaint_json(c, principal) for c in items], "next_cursor": next_cursor})


# -- verification --------------------------------------------------------------------------


async def verify_complaint(request: Request, principal: Principal, raw: bytes) -> Response:
    """``POST /complaints/{tracking_id}/verify``."""
    body = parse_body(raw, VerifyBody)
    agency = body.agency or principal.agency_id
    _agency_exists(agency, "/agency")
    _category_exists(body.category, "/category")

    def run(c: Complaint, role: Role, at: dt.datetime) -> Complaint:
        if body.unit is not None:
            _unit_exists(agency, body.unit, "/unit")
        if body.category is not None:
            c = c.model_copy(update={"category": body.category})
        return lifecycle.verify(
            c,
            by=role,
            at=at,
            agency=agency,
            unit=body.unit,
            classification=body.classification,
            privacy=body.privacy,
            note=body.note,
        )

    c = act(
        _state(request),
        principal,
        request.path_params["tracking_id"],
        Action.VERIFY,
        run,
        grant=(agency,),
        into=agency,
    )
    return _ok(_complaint_json(c, principal))


async def postpone_complaint(request: Request, principal: Principal, raw: bytes) -> Response:
    """``POST /complaints/{tracking_id}/postpone``."""
    body = parse_body(raw, PostponeBody)
    c = act(
        _state(request),
        principal,
        request.path_params["tracking_id"],
        Action.POSTPONE,
        lambda c, role, at: lifecycle.postpone(c, by=role, at=at, reason=body.reason),
    )
    return _ok(_complaint_json(c, principal))


async def supplement_complaint(request: Request, principal: Principal, raw: bytes) -> Response:
    """``POST /complaints/{tracking_id}/supplement`` (relayed for the reporter)."""
    body = parse_body(raw, SupplementBody)
    _regions_exist(body.location, "/location")
    c = act(
        _state(request),
        principal,
        request.path_params["tracking_id"],
        Action.SUPPLEMENT,
        lambda c, role, at: lifecycle.supplement(
            c, at=at, description=body.description, location=body.location
        ),
    )
    return _ok(_complaint_json(c, principal))


async def archive_complaint(request: Request, principal: Principal, raw: bytes) -> Response:
    """``POST /complaints/{tracking_id}/archive``."""
    body = parse_body(raw, ArchiveBody)
    c = act(
        _state(request),
        principal,
        request.path_params["tracking_id"],
        Action.ARCHIVE,
        lambda c, role, at: lifecycle.archive(
            c, by=role, at=at, reason=body.reason, note=body.note
        ),
    )
    return _ok(_complaint_json(c, principal))


# -- dispositions --------------------------------------------------------------------------


async def dispose_complaint(request: Request, principal: Principal, raw: bytes) -> Response:
    """``POST /complaints/{tracking_id}/dispositions``."""
    body = parse_body(raw, DisposeBody)
    state = _state(request)
    target = body.to_agency
    if target is not None:
        _agency_exists(target, "/to_agency")

    def run(c: Complaint, role: Role, at: dt.datetime) -> Complaint:
        _unit_exists(target or c.agency or principal.agency_id, body.to_unit, "/to_unit")
        return lifecycle.dispose(
            c, by=role, at=at, to_unit=body.to_unit, to_agency=body.to_agency, note=body.note
        )

    c = act(
        state,
        principal,
        request.path_params["tracking_id"],
        Action.DISPOSE,
        run,
        grant=(target,) if target else (),
        into=target,
    )
    return _ok(_complaint_json(c, principal))


async def forward_complaint(request: Request, principal: Principal, raw: bytes) -> Response:
    """``POST /complaints/{tracking_id}/forward`` (bukan wewenang)."""
    body = parse_body(raw, ForwardBody)
    _agency_exists(body.to_agency, "/to_agency")
    c = act(
        _state(request),
        principal,
        request.path_params["tracking_id"],
        Action.FORWARD,
        lambda c, role, at: lifecycle.forward(
            c, by=role, at=at, to_agency=body.to_agency, reason=body.reason
        ),
        grant=(body.to_agency,),
    )
    return _ok(_complaint_json(c, principal))


def _sub_list(attr: str) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        principal = authenticate(request)
        stored = load(_state(request), principal, request.path_params["tracking_id"])
        view = _complaint_json(stored.complaint, principal)
        return _ok({"data": view[attr]})

    endpoint.__doc__ = f"``GET /complaints/{{tracking_id}}/…``: the report's {attr}."
    return endpoint


# -- follow-ups, replies, ratings ----------------------------------------------------------


async def create_follow_up(request: Request, principal: Principal, raw: bytes) -> Response:
    """``POST /complaints/{tracking_id}/follow-ups`` (``final`` completes the report)."""
    body = parse_body(raw, FollowUpBody)
    action = Action.COMPLETE if body.final else Action.FOLLOW_UP
    c = act(
        _state(request),
        principal,
        request.path_params["tracking_id"],
        action,
        lambda c, role, at: lifecycle.follow_up(
            c, at=at, text=body.text, by=role, unit=body.unit, final=body.final
        ),
    )
    return _ok(_complaint_json(c, principal))


async def create_reply(request: Request, principal: Principal, raw: bytes) -> Response:
    """``POST /complaints/{tracking_id}/replies`` (relayed for the reporter)."""
    body = parse_body(raw, ReplyBody)
    c = act(
        _state(request),
        principal,
        request.path_params["tracking_id"],
        Action.REPLY,
        lambda c, role, at: lifecycle.reply(c, at=at, text=body.text),
    )
    return _ok(_complaint_json(c, principal))


async def rate_complaint(request: Request, principal: Principal, raw: bytes) -> Response:
    """``POST /complaints/{tracking_id}/rating`` (relayed for the reporter)."""
    body = parse_body(raw, RatingBody)
    c = act(
        _state(request),
        principal,
        request.path_params["tracking_id"],
        Action.RATE,
        lambda c, role, at: lifecycle.rate(
            c, at=at, satisfaction=body.satisfaction, comment=body.comment
        ),
    )
    return _ok(_complaint_json(c, principal))


async def get_rating(request: Request) -> Response:
    """``GET /complaints/{tracking_id}/rating``."""
    principal = authenticate(request)
    tracking_id = request.path_params["tracking_id"]
    stored = load(_state(request), principal, tracking_id)
    rating = _complaint_json(stored.complaint, principal)["rating"]
    if rating is None:
        raise ApiProblem(404, "not-found", "Not Found", f"complaint {tracking_id} is not rated yet")
    return _ok(rating)


# -- attachments ---------------------------------------------------------------------------


async def upload_attachment(request: Request, principal: Principal, raw: bytes) -> Response:
    """``POST /complaints/{tracking_id}/attachments``: ``multipart/form-data`` with the
    ``file`` (its part's type is the attachment's) and its ``filename``."""
    state = _state(request)
    try:
        filename, content_type, raw = await parse_upload(request.headers, raw)
    except UploadError as exc:
        raise ApiProblem(
            422,
            "validation",
            "Unprocessable Content",
            str(exc),
            errors=[{"pointer": exc.pointer, "detail": str(exc), "code": "multipart"}],
        ) from None
    if content_type not in ALLOWED_UPLOAD_TYPES:
        raise ApiProblem(
            415,
            "unsupported-type",
            "Unsupported Media Type",
            f"attachments of type {content_type or '(none)'} are not accepted; allowed: "
            f"{', '.join(sorted(ALLOWED_UPLOAD_TYPES))}",
        )
    if (
        not 1 <= len(filename) <= 255
        or "/" in filename
        or "\\" in filename
        or filename in (".", "..")
        or not filename.isprintable()
    ):
        raise ApiProblem(
            422,
            "validation",
            "Unprocessable Content",
            "`filename` must be a plain file name of 1-255 printable characters (no `/`, `\\`, "
            "control characters, `.` or `..`)",
            errors=[{"pointer": "/filename", "detail": "bad file name", "code": "filename"}],
        )
    if not raw:
        raise ApiProblem(
            422,
            "validation",
            "Unprocessable Content",
            "the file is empty",
            errors=[{"pointer": "/", "detail": "empty body", "code": "empty"}],
        )
    tracking_id = request.path_params["tracking_id"]
    with state.store.lock:
        stored = load(state, principal, tracking_id)
        if stored.complaint.status.is_terminal:
            raise ApiProblem(
                409,
                "illegal-transition",
                "Conflict",
                f"complaint {tracking_id} is {stored.complaint.status.value}; no more files",
                headers={"X-Should-Retry": "false"},
            )
        if len(stored.complaint.attachments) >= MAX_ATTACHMENTS:
            raise ApiProblem(
                409,
                "too-many-attachments",
                "Conflict",
                f"complaint {tracking_id} already has {MAX_ATTACHMENTS} attachments, the most "
                "a report carries; put further pages into one PDF",
                headers={"X-Should-Retry": "false"},
            )
        digest = hashlib.sha256(raw).hexdigest()
        attachment = Attachment(
            filename=filename,
            content_type=content_type,
            size=len(raw),
            sha256=digest,
            url=f"/complaints/{tracking_id}/attachments/{digest}",
        )
        state.store.put_file(digest, raw)
        updated = stored.complaint.model_copy(
            update={
                "attachments": [*stored.complaint.attachments, attachment],
                "updated_at": state.clock(),
            }
        )
        state.store.save(updated)
    return _ok(attachment.model_dump(mode="json"), 201)


# -- directory -----------------------------------------------------------------------------


def _agency_json(agency_id: str) -> dict[str, Any]:
    a = AGENCIES[agency_id]
    return {"id": a.id, "name": a.name, "level": a.level, "region_code": a.region_code}


async def list_agencies(request: Request) -> Response:
    """``GET /agencies``: cursor-paginated directory."""
    authenticate(request)
    limit = _query_limit(request)
    ids = sorted(AGENCIES)
    start = 0
    cursor = request.query_params.get("cursor")
    if cursor is not None:
        if cursor not in AGENCIES:
            raise ApiProblem(
                400,
                "bad-cursor",
                "Bad Request",
                "cursor is not valid; pass a `next_cursor` from a previous page",
            )
        start = ids.index(cursor) + 1
    page = ids[start : start + limit]
    more = start + limit < len(ids)
    return _ok(
        {
            "data": [_agency_json(i) for i in page],
            "next_cursor": page[-1] if more and page else None,
        }
    )


def _agency_param(request: Request) -> str:
    agency_id: str = request.path_params["agency_id"]
    if agency_id not in AGENCIES:
        raise ApiProblem(404, "not-found", "Not Found", f"no agency {agency_id!r}")
    return agency_id


async def get_agency(request: Request) -> Response:
    """``GET /agencies/{agency_id}``."""
    authenticate(request)
    return _ok(_agency_json(_agency_param(request)))


async def list_units(request: Request) -> Response:
    """``GET /agencies/{agency_id}/units``."""
    authenticate(request)
    agency_id = _agency_param(request)
    units = AGENCIES[agency_id].units
    return _ok({"data": [{"id": k, "agency_id": agency_id, "name": v} for k, v in units.items()]})


async def list_categories(request: Request) -> Response:
    """``GET /categories``."""
    authenticate(request)
    return _ok({"data": [{"id": k, "name": v} for k, v in CATEGORIES.items()]})


# -- application ---------------------------------------------------------------------------


def unit_name(agency_id: str, label: str) -> str | None:
    """Return the directory name of a unit id, the agency's own units first, else ``None``."""
    own = AGENCIES.get(agency_id)
    if own is not None and label in own.units:
        return own.units[label]
    for agency in AGENCIES.values():
        if label in agency.units:
            return agency.units[label]
    return None


def suggestion_json(state: SandboxState, stored: StoredComplaint, agency_id: str) -> dict[str, Any]:
    """The routing suggestion of the sandbox's triage model for a stored report.

    The model reads the title and the description, as intake drafts do; nothing of the text
    is in the answer. A label that is a unit id of the sandbox directory is shown with the
    unit's name (the directory's units are the demo's labels).

    Raises:
        ApiProblem: 404 when the sandbox runs without a triage model.
    """
    if state.triage is None:
        raise ApiProblem(
            404,
            "not-found",
            "Not Found",
            "this sandbox has no triage model; start it with Sandbox(triage=model) or "
            "`lapor sandbox serve --triage-model model.json`",
        )
    from ..intake import format_suggestion

    complaint = stored.complaint
    suggestion = state.triage.suggest(f"{complaint.title}\n{complaint.description}")
    data = suggestion.to_dict()
    unit = data.get("unit") if isinstance(data.get("unit"), str) else None
    unit = unit or unit_name(agency_id, suggestion.label)
    data["unit"] = unit
    line = format_suggestion(
        suggestion.label, suggestion.confidence, unit=unit, abstain=suggestion.abstain
    )
    data["text"] = line
    return {"tracking_id": complaint.tracking_id, "suggestion": data, "line": line}


async def get_suggestion(request: Request) -> Response:
    """``GET /_sandbox/complaints/{tracking_id}/suggestion`` (a sandbox extension).

    The agency that may see the report gets the category or unit the sandbox's triage model
    suggests for it, with the line a person reads (``"suggested: infrastruktur → DPU Bina
    Marga, 0.93"``).
    """
    principal = authenticate(request)
    state = _state(request)
    stored = load(state, principal, request.path_params["tracking_id"])
    return _ok(suggestion_json(state, stored, principal.agency_id))


def contract_routes() -> list[Route]:
    """The routes of the contract, in the order of the OpenAPI document."""
    t = "/complaints/{tracking_id}"
    return [
        Route("/complaints", idempotent(create_complaint), methods=["POST"]),
        Route("/complaints", list_complaints, methods=["GET"]),
        Route(t, get_complaint, methods=["GET"]),
        Route(f"{t}/verify", idempotent(verify_complaint), methods=["POST"]),
        Route(f"{t}/postpone", idempotent(postpone_complaint), methods=["POST"]),
        Route(f"{t}/supplement", idempotent(supplement_complaint), methods=["POST"]),
        Route(f"{t}/archive", idempotent(archive_complaint), methods=["POST"]),
        Route(f"{t}/dispositions", idempotent(dispose_complaint), methods=["POST"]),
        Route(f"{t}/dispositions", _sub_list("dispositions"), methods=["GET"]),
        Route(f"{t}/forward", idempotent(forward_complaint), methods=["POST"]),
        Route(f"{t}/follow-ups", idempotent(create_follow_up), methods=["POST"]),
        Route(f"{t}/follow-ups", _sub_list("follow_ups"), methods=["GET"]),
        Route(f"{t}/replies", idempotent(create_reply), methods=["POST"]),
        Route(f"{t}/replies", _sub_list("replies"), methods=["GET"]),
        Route(f"{t}/rating", idempotent(rate_complaint), methods=["POST"]),
        Route(f"{t}/rating", get_rating, methods=["GET"]),
        Route(f"{t}/attachments", idempotent(upload_attachment), methods=["POST"]),
        Route(f"{t}/attachments", _sub_list("attachments"), methods=["GET"]),
        Route("/agencies", list_agencies, methods=["GET"]),
        Route("/agencies/{agency_id}", get_agency, methods=["GET"]),
        Route("/agencies/{agency_id}/units", list_units, methods=["GET"]),
        Route("/categories", list_categories, methods=["GET"]),
    ]


async def _on_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiProblem)  # noqa: S101 - registered for ApiProblem only
    return problem_response(request, exc)


async def _on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)  # noqa: S101 - registered for HTTPException only
    titles = {404: "Not Found", 405: "Method Not Allowed"}
    slug = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http")
    return problem_response(
        request,
        ApiProblem(
            exc.status_code,
            slug,
            titles.get(exc.status_code, "Error"),
            str(exc.detail),
            headers=exc.headers,
        ),
    )


async def _on_error(request: Request, exc: Exception) -> Response:
    return problem_response(
        request,
        ApiProblem(
            500, "internal", "Internal Server Error", f"the sandbox failed ({type(exc).__name__})"
        ),
    )


def build_app(state: SandboxState) -> Starlette:
    """Build the Starlette application of the contract (plus ``state.extra_routes``)."""
    app = Starlette(
        routes=[*contract_routes(), *state.extra_routes],
        middleware=[Middleware(RequestGuard)],
        exception_handlers={
            ApiProblem: _on_problem,
            HTTPException: _on_http,
            Exception: _on_error,
        },
    )
    app.state.sandbox = state
    return app
