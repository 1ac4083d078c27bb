"""Open311 GeoReport v2 served by the sandbox under ``/open311/v2``, over the same store.

GET needs no key and shows the **public view** (:func:`lapor_sdk.privacy.view_for`): a
*rahasia* report is never listed and is "not found" by id; an *anonim* reporter never shows;
phone numbers, e-mail addresses and NIKs are scrubbed from the texts. POST files a report
for the agency whose API key is sent as ``api_key`` (form field, as the spec says).

Services are the sandbox categories; ``lainnya`` is a *batch* service: its POST answers with
a token, exchanged with ``GET tokens/{token}``. ``jurisdiction_id`` is optional; when given it
must be an agency id and narrows the list to that agency's reports. Errors are the spec's
``[{code, description}]`` (HTTP 404 missing, 403 api_key, 400 anything else).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Awaitable, Callable
from typing import Any, Final
from urllib.parse import parse_qsl

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import lifecycle
from ..models import Channel, Complaint, Location, Reporter, Role
from ..open311 import (
    MAX_DESCRIPTION,
    public_request,
    services_from_categories,
)
from ..open311._wire import JSON_TYPE, XML_TYPE, Format, encode_errors, encode_list, encode_object
from ._app import _read_body, _state
from ._directory import AGENCIES, CATEGORIES, TOKENS

__all__ = ["OPEN311_PREFIX", "open311_routes"]

OPEN311_PREFIX: Final = "/open311/v2"
#: The category answered with a token (``type=batch``).
BATCH_SERVICE: Final = "lainnya"
#: Most requests in one answer, and the longest date range (days), as the spec's defaults.
MAX_REQUESTS: Final = 1000
MAX_RANGE_DAYS: Final = 90
#: Largest POST body (bytes) and most ids in one ``service_request_id`` list.
MAX_POST_BYTES: Final = 64 * 1024
MAX_IDS: Final = 200
_SERVICES = services_from_categories(CATEGORIES, group="LAPOR!", batch=[BATCH_SERVICE])
_STATUSES = ("open", "closed")


class Open311Failure(Exception):  # noqa: N818 - an answer, like ApiProblem
    """An Open311 error answer: HTTP status and the ``[{code, description}]`` body."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _answer(body: bytes, fmt: Format, status: int = 200) -> Response:
    return Response(body, status_code=status, media_type=JSON_TYPE if fmt == "json" else XML_TYPE)


def _format(request: Request) -> Format:
    fmt = request.path_params.get("fmt", "")
    if fmt not in ("json", "xml"):
        raise Open311Failure(400, f"unknown format {fmt[:10]!r}; use .json or .xml")
    return fmt  # type: ignore[no-any-return]


def _endpoint(
    handler: Callable[[Request, Format], Awaitable[Response]],
) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        fmt: Format = "json" if request.path_params.get("fmt") == "json" else "xml"
        try:
            fmt = _format(request)
            _jurisdiction(request.query_params.get("jurisdiction_id"))
            return await handler(request, fmt)
        except Open311Failure as exc:
            return _answer(encode_errors([(exc.status, exc.description)], fmt), fmt, exc.status)

    return endpoint


def _jurisdiction(value: str | None) -> str | None:
    if not value:
        return None
    if value not in AGENCIES:
        raise Open311Failure(
            404, f"jurisdiction_id {value[:60]!r} not found; use an agency id (GET /agencies)"
        )
    return value


def _service(code: str) -> None:
    if code not in CATEGORIES:
        raise Open311Failure(404, f"service_code {code[:60]!r} not found; see services.json")


async def list_services(request: Request, fmt: Format) -> Response:
    """``GET services.{fmt}``."""
    items = [s.model_dump(mode="json") for s in _SERVICES]
    return _answer(encode_list("services", items, fmt), fmt)


async def service_definition(request: Request, fmt: Format) -> Response:
    """``GET services/{code}.{fmt}`` (no service has attributes)."""
    code = request.path_params["code"]
    _service(code)
    return _answer(
        encode_object("service_definition", {"service_code": code, "attributes": []}, fmt), fmt
    )


def _instant(value: str, name: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value.strip()[:40].replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise Open311Failure(
            400, f"{name} must be a w3 date-time with an offset, e.g. 2025-01-01T00:00:00Z"
        )
    return moment


def _csv(value: str | None, name: str) -> list[str]:
    items = [v.strip() for v in (value or "").split(",")[: MAX_IDS + 1] if v.strip()]
    if len(items) > MAX_IDS:
        raise Open311Failure(400, f"{name} lists more than {MAX_IDS} values")
    return items


def _all_public(request: Request) -> list[Complaint]:
    store = _state(request).store
    found: list[Complaint] = []
    after = None
    while True:
        page, cursor = store.list(visible_to=None, limit=200, after=after)
        found.extend(page)
        if cursor is None:
            return found
        from ._store import decode_cursor

        after = decode_cursor(cursor)


def _public(complaints: list[Complaint]) -> list[dict[str, Any]]:
    out = []
    for c in complaints:
        wire = public_request(c, services=_SERVICES)
        if wire is not None:
            out.append(wire.to_wire())
    return out


async def list_requests(request: Request, fmt: Format) -> Response:
    """``GET requests.{fmt}`` with the spec's filters, newest first, at most 1000."""
    q = request.query_params
    complaints = [c for c in _all_public(request) if not c.privacy.confidential]
    ids = _csv(q.get("service_request_id"), "service_request_id")
    if ids:  # "This overrides all other arguments."
        wanted = set(ids)
        chosen = [c for c in complaints if c.tracking_id in wanted]
        return _answer(encode_list("service_requests", _public(chosen), fmt), fmt)
    jurisdiction = _jurisdiction(q.get("jurisdiction_id"))
    codes = set(_csv(q.get("service_code"), "service_code"))
    statuses = set(_csv(q.get("status"), "status"))
    if statuses - set(_STATUSES):
        raise Open311Failure(400, "status must be open, closed or both (comma-separated)")
    now = _state(request).clock()
    end = _instant(q["end_date"], "end_date") if q.get("end_date") else None
    start = _instant(q["start_date"], "start_date") if q.get("start_date") else None
    if start is None and end is None:
        start = now - dt.timedelta(days=MAX_RANGE_DAYS)
    elif start is None and end is not None:
        start = end - dt.timedelta(days=MAX_RANGE_DAYS)
    elif end is None and start is not None:
        end = start + dt.timedelta(days=MAX_RANGE_DAYS)
    assert start is not None  # noqa: S101 - set by every branch above
    if end is not None and end - start > dt.timedelta(days=MAX_RANGE_DAYS):
        raise Open311Failure(400, f"start_date to end_date may span at most {MAX_RANGE_DAYS} days")
    if end is not None and end < start:
        raise Open311Failure(400, "end_date is before start_date")
    chosen = []
    for c in complaints:
        if c.created_at < start or (end is not None and c.created_at > end):
            continue
        if jurisdiction is not None and c.agency != jurisdiction:
            continue
        if codes and c.category not in codes:
            continue
        chosen.append(c)
    items = _public(sorted(chosen, key=lambda c: c.created_at, reverse=True))
    if statuses:
        items = [i for i in items if i["status"] in statuses]
    return _answer(encode_list("service_requests", items[:MAX_REQUESTS], fmt), fmt)


async def get_request(request: Request, fmt: Format) -> Response:
    """``GET requests/{id}.{fmt}``: one request, in a list, as the spec shows it."""
    rid = request.path_params["rid"]
    stored = _state(request).store.get(rid)
    wire = None if stored is None else public_request(stored.complaint, services=_SERVICES)
    if wire is None:  # a rahasia report is not found, like one that does not exist
        raise Open311Failure(404, f"service_request_id {rid[:64]!r} not found")
    return _answer(encode_list("service_requests", [wire.to_wire()], fmt), fmt)


def _form(raw: bytes) -> dict[str, str]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Open311Failure(400, "the form is not UTF-8") from None
    form: dict[str, str] = {}
    for key, value in parse_qsl(text, keep_blank_values=True, max_num_fields=100):
        if "\x00" in value or "\x00" in key:
            raise Open311Failure(400, f"{key[:40]} contains a NUL character")
        form.setdefault(key, value)
    return form


def _float(form: dict[str, str], name: str, limit: float) -> float | None:
    raw = form.get(name, "").strip()
    if not raw:
        return None
    try:
        value = float(raw[:40])
    except ValueError:
        value = float("nan")
    if not -limit <= value <= limit:
        raise Open311Failure(400, f"{name} must be a number in -{limit:g}..{limit:g}")
    return value


async def post_request(request: Request, fmt: Format) -> Response:
    """``POST requests.{fmt}``: file a report for the agency of ``api_key``."""
    raw = await _read_body(request, MAX_POST_BYTES)
    form = _form(raw)
    principal = TOKENS.get(form.get("api_key", ""))
    if principal is None:
        raise Open311Failure(403, "api_key missing or invalid; send the agency's API key")
    code = form.get("service_code", "")
    if not code:
        raise Open311Failure(400, "service_code was not provided")
    _service(code)
    lat, lon = _float(form, "lat", 90), _float(form, "long", 180)
    address = form.get("address_string", "").strip()
    if (lat is None) != (lon is None):
        raise Open311Failure(400, "lat and long must be sent together")
    if lat is None and not address and not form.get("address_id"):
        raise Open311Failure(
            400, "a location is required: lat & long, address_string or address_id"
        )
    description = form.get("description", "").strip()
    if len(description) > MAX_DESCRIPTION:
        raise Open311Failure(400, f"description is longer than {MAX_DESCRIPTION} characters")
    if not description:
        raise Open311Failure(400, "description was not provided")
    name = " ".join(p for p in (form.get("first_name"), form.get("last_name")) if p).strip()
    state = _state(request)
    try:
        reporter = (
            Reporter(
                name=name or None,
                email=form.get("email") or None,
                phone=form.get("phone") or None,
            )
            if name or form.get("email") or form.get("phone")
            else None
        )
        location = Location(
            latitude=lat,
            longitude=lon,
            description=address[:1000] or None,
        )
    except ValidationError as exc:
        first = exc.errors(include_input=False, include_url=False)[0]
        field = ".".join(str(p) for p in first["loc"]) or "form"
        raise Open311Failure(400, f"{field}: {first['msg']}") from None
    external_ref = "open311:" + (form.get("device_id") or "") + ":" + secrets.token_hex(8)

    def build(_tracking_id: str) -> Complaint:
        return lifecycle.create(
            title=description.split("\n")[0][:120],
            description=description,
            created_at=state.clock(),
            by=Role.REPORTER,
            agency=principal.agency_id,
            channel=Channel.REGIONAL_APP,
            category=code,
            location=location,
            reporter=reporter,
            external_ref=external_ref[:200],
        )

    try:
        stored, _created = state.store.create(principal.agency_id, external_ref[:200], build)
    except ValidationError as exc:
        first = exc.errors(include_input=False, include_url=False)[0]
        where = first["loc"][0] if first["loc"] else "form"
        raise Open311Failure(400, f"{where}: {first['msg']}") from None
    tid = stored.complaint.tracking_id or ""
    notice = "Laporan diterima dan akan diverifikasi dalam 3 hari kerja."
    if code == BATCH_SERVICE:
        token = secrets.token_urlsafe(12)
        tokens = state.store.open311_tokens
        while len(tokens) >= MAX_TOKENS:  # bounded: forget the oldest (dicts keep order)
            del tokens[next(iter(tokens))]
        tokens[token] = tid
        item: dict[str, Any] = {"token": token, "service_notice": notice, "account_id": None}
    else:
        item = {"service_request_id": tid, "service_notice": notice, "account_id": None}
    return _answer(encode_list("service_requests", [item], fmt), fmt, 201)


#: Batch tokens a sandbox remembers; older ones answer 404 like unknown ones.
MAX_TOKENS: Final = 10_000


async def get_token(request: Request, fmt: Format) -> Response:
    """``GET tokens/{token}.{fmt}``."""
    token = request.path_params["token"]
    issued = _state(request).store.open311_tokens
    if token not in issued:
        raise Open311Failure(404, "token not found")
    item = {"service_request_id": issued[token], "token": token}
    return _answer(encode_list("service_requests", [item], fmt), fmt)


async def not_found(request: Request) -> Response:
    """Any other path under the prefix: the spec's 404, in XML (its required format)."""
    fmt: Format = "json" if request.url.path.endswith(".json") else "xml"
    body = encode_errors([(404, "no such Open311 resource; see services.xml")], fmt)
    return _answer(body, fmt, 404)


def open311_routes(prefix: str = OPEN311_PREFIX) -> list[Route]:
    """The GeoReport v2 routes, to mount beside the contract's."""
    return [
        Route(f"{prefix}/services.{{fmt}}", _endpoint(list_services), methods=["GET"]),
        Route(
            f"{prefix}/services/{{code}}.{{fmt}}", _endpoint(service_definition), methods=["GET"]
        ),
        Route(f"{prefix}/requests.{{fmt}}", _endpoint(list_requests), methods=["GET"]),
        Route(f"{prefix}/requests.{{fmt}}", _endpoint(post_request), methods=["POST"]),
        Route(f"{prefix}/requests/{{rid}}.{{fmt}}", _endpoint(get_request), methods=["GET"]),
        Route(f"{prefix}/tokens/{{token}}.{{fmt}}", _endpoint(get_token), methods=["GET"]),
        Route(f"{prefix}/{{rest:path}}", not_found, methods=["GET", "POST"]),
    ]
