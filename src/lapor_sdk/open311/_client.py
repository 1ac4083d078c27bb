"""``Open311Client``: read (and file) service requests on any GeoReport v2 endpoint.

It speaks the JSON format (``requests.json``) through the same transport as
:class:`~lapor_sdk.LaporClient`: retries with backoff on connection errors, 408/409/429/5xx
(``Retry-After`` honoured), a size cap on every answer, a wall-clock deadline, typed errors
(:class:`~lapor_sdk.client.APIStatusError` and friends) and log redaction. Two differences
follow from the spec: the API key travels as the ``api_key`` form field of a POST (never in
a header or a URL), and a POST is **not** retried, since GeoReport v2 has no idempotency key
and a retry after a lost answer could file the request twice.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self, TypeVar
from urllib.parse import quote, urlencode

import httpx
from pydantic import SecretStr, ValidationError

from ..client import (
    APIResponseValidationError,
    APIStatusError,
    ClientConfigError,
    LaporClient,
    parse_retry_after,
)
from ..client._constants import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_DEADLINE,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
)
from ..client._errors import Problem, clean_text, status_error_class
from ..client._operation import Operation, PreparedCall
from ..client._profiles import Credentials, WireProfile
from ..models import Channel, Complaint, Privacy
from ._mapping import RegionResolver, request_to_complaint
from ._models import PostedRequest, Service, ServiceRequest, TokenAnswer, w3_datetime

__all__ = ["OPEN311_API_KEY_ENV", "OPEN311_URL_ENV", "Open311Client", "Open311ImportResult"]

_T = TypeVar("_T")

#: Environment variable with the endpoint's root URL (``…/open311/v2``).
OPEN311_URL_ENV = "LAPOR_OPEN311_URL"
#: Environment variable with the API key used to POST requests.
OPEN311_API_KEY_ENV = "LAPOR_OPEN311_API_KEY"
#: The spec's longest date range of one ``GET requests``, and its default answer cap.
WINDOW = dt.timedelta(days=90)
SERVER_CAP = 1000
_FORM = "application/x-www-form-urlencoded; charset=utf-8"


class _Open311Profile(WireProfile):
    """GeoReport v2 over the shared transport: no auth header, paths and bodies as given."""

    name = "open311"

    def auth_headers(self, credentials: Credentials) -> dict[str, str]:
        """No header: the key, when needed, is a form field of the POST."""
        return {}

    def prepare(self, op: Operation[Any]) -> PreparedCall:
        """Pass the operation through (JSON answers, form bodies)."""
        return PreparedCall(
            method=op.method,
            path=op.path,
            params=op.query(),
            content=op.content,
            headers={"Content-Type": op.content_type} if op.content_type else {},
        )

    def decode(self, op: Operation[_T], body: Any) -> _T:
        """Parse with the operation's own parser."""
        return op.parse(body)


class _Transport(LaporClient):
    """The LAPOR transport with GeoReport v2 error documents (``[{code, description}]``)."""

    def _bind_resources(self, client: Any) -> None:
        """No LAPOR resources on this transport."""

    def _status_error(self, response: httpx.Response) -> APIStatusError:
        try:
            data: Any = response.json()
        except (ValueError, RecursionError):
            data = None
        items = data if isinstance(data, list) else []
        texts = [
            clean_text(item.get("description"), 300) or ""
            for item in items[:5]
            if isinstance(item, dict)
        ]
        detail = "; ".join(t for t in texts if t) or None
        what = clean_text(response.reason_phrase) or "HTTP error"
        problem = Problem(title=what, status=response.status_code, detail=detail)
        message = (
            f"{response.status_code} {what}" + (f": {detail}" if detail else "")
            + f" ({response.request.method} {response.request.url.path})"
        )  # fmt: skip
        return status_error_class(response.status_code)(
            message,
            response=response,
            problem=problem,
            request_id=None,
            retry_after=parse_retry_after(response.headers),
        )


@dataclass
class Open311ImportResult:
    """What :meth:`Open311Client.import_complaints` brought in and what it could not."""

    complaints: list[Complaint] = field(default_factory=list)
    """The imported complaints, oldest first."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """``(service_request_id or position, reason)`` of each request that was not imported."""
    windows: int = 0
    """How many ``GET requests`` calls were made."""


def _ceil_second(moment: dt.datetime) -> dt.datetime:
    if moment.microsecond == 0:
        return moment
    return moment.replace(microsecond=0) + dt.timedelta(seconds=1)


def _list_of(body: Any, what: str) -> list[Any]:
    if not isinstance(body, list):
        raise ValueError(f"{what}: expected a JSON array, got {type(body).__name__}")
    return body


def _parse_all(model: type[Any], what: str) -> Callable[[Any], list[Any]]:
    def parse(body: Any) -> list[Any]:
        return [model.model_validate(item) for item in _list_of(body, what)]

    return parse


def _one(model: type[Any], what: str) -> Callable[[Any], Any]:
    def parse(body: Any) -> Any:
        items = _list_of(body, what)
        if not items:
            raise ValueError(f"{what}: the answer is an empty list")
        return model.model_validate(items[0])

    return parse


class Open311Client:
    """Client of a GeoReport v2 endpoint (JSON format).

    Configuration: arguments, else ``LAPOR_OPEN311_URL`` and ``LAPOR_OPEN311_API_KEY``.

    Args:
        base_url: Root of the endpoint, the part before ``services.json``
            (``https://city.example/open311/v2``).
        api_key: Key for POST (reading needs none).
        jurisdiction_id: Sent with every call, for endpoints that serve several.
        max_retries: Retries after the first attempt of a GET (POST is never retried).
        timeout: Read/write timeout in seconds.
        connect_timeout: Connect timeout in seconds.
        max_response_bytes: Largest answer read (default 8 MiB).
        deadline: Wall-clock limit of each exchange in seconds.
        http_client: An :class:`httpx.Client` to use (not closed by :meth:`close`).
        sleep: Waits between retries (tests pass a recorder).

    Example:
        >>> with Open311Client("http://127.0.0.1:8000/open311/v2") as o311:  # doctest: +SKIP
        ...     result = o311.import_complaints(start=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        api_key: str | SecretStr | None = None,
        jurisdiction_id: str | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        timeout: float = DEFAULT_TIMEOUT,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        deadline: float | None = DEFAULT_DEADLINE,
        http_client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        url = base_url or os.environ.get(OPEN311_URL_ENV)
        if not url:
            raise ClientConfigError(
                "no Open311 endpoint: pass `base_url=` (the URL before services.json) or set "
                f"{OPEN311_URL_ENV}"
            )
        raw_key = api_key if api_key is not None else os.environ.get(OPEN311_API_KEY_ENV)
        self._api_key = raw_key if isinstance(raw_key, SecretStr) else (
            SecretStr(raw_key) if raw_key else None
        )  # fmt: skip
        self.jurisdiction_id = jurisdiction_id
        options: dict[str, Any] = {
            "base_url": url,
            "api_key": "-",  # never sent: the profile has no auth header
            "profile": _Open311Profile(),
            "timeout": timeout,
            "connect_timeout": connect_timeout,
            "max_response_bytes": max_response_bytes,
            "deadline": deadline,
            "sleep": sleep,
        }
        self._transport = _Transport(max_retries=max_retries, http_client=http_client, **options)
        # POST goes once: same connections, no retries.
        self._once = _Transport(max_retries=0, http_client=self._transport._http, **options)
        self.base_url = self._transport.base_url

    def __repr__(self) -> str:
        return f"Open311Client(base_url={self.base_url!r})"

    # -- plumbing --------------------------------------------------------------------------

    def _params(self, params: Mapping[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in params.items() if v not in (None, "", [])}
        if self.jurisdiction_id:
            out["jurisdiction_id"] = self.jurisdiction_id
        return out

    def _get(self, path: str, parse: Callable[[Any], _T], **params: Any) -> _T:
        op: Operation[_T] = Operation(
            operation_id=f"open311 GET {path}",
            method="GET",
            path=path,
            parse=parse,
            params=self._params(params),
        )
        return self._run(op)

    def _run(self, op: Operation[_T], transport: LaporClient | None = None) -> _T:
        try:
            return (transport or self._transport)._request(op)
        except ValidationError as exc:  # an item the models refuse, raised by op.parse
            where = ", ".join("/".join(str(p) for p in e["loc"]) for e in exc.errors()[:3])
            raise APIResponseValidationError(
                f"{op.operation_id}: the answer does not match GeoReport v2 ({where})",
                response=httpx.Response(200, request=httpx.Request(op.method, op.path)),
            ) from None

    # -- the spec's methods ----------------------------------------------------------------

    def services(self) -> list[Service]:
        """``GET services.json``: the service types (complaint categories)."""
        result: list[Service] = self._get("/services.json", _parse_all(Service, "services"))
        return result

    def service_definition(self, service_code: str) -> dict[str, Any]:
        """``GET services/{code}.json``: the attributes of a service, as the server sent them."""

        def parse(body: Any) -> dict[str, Any]:
            if not isinstance(body, dict):
                raise ValueError("service definition: expected a JSON object")
            return body

        return self._get(f"/services/{quote(service_code, safe='')}.json", parse)

    def requests(
        self,
        *,
        service_request_id: Sequence[str] = (),
        service_code: Sequence[str] = (),
        start_date: dt.datetime | None = None,
        end_date: dt.datetime | None = None,
        status: Sequence[str] = (),
    ) -> list[ServiceRequest]:
        """``GET requests.json`` with the spec's filters (lists are sent comma-separated).

        Raises:
            APIResponseValidationError: An item is not a valid service request.
        """
        result: list[ServiceRequest] = self._get(
            "/requests.json",
            _parse_all(ServiceRequest, "requests"),
            service_request_id=",".join(service_request_id),
            service_code=",".join(service_code),
            start_date=w3_datetime(start_date) if start_date else None,
            end_date=w3_datetime(end_date) if end_date else None,
            status=",".join(status),
        )
        return result

    def request(self, service_request_id: str) -> ServiceRequest:
        """``GET requests/{id}.json``: one request."""
        path = f"/requests/{quote(service_request_id, safe='')}.json"
        result: ServiceRequest = self._get(path, _one(ServiceRequest, "request"))
        return result

    def token(self, token: str) -> TokenAnswer:
        """``GET tokens/{token}.json``: the request id behind a token, once it exists."""
        result: TokenAnswer = self._get(
            f"/tokens/{quote(token, safe='')}.json", _one(TokenAnswer, "token")
        )
        return result

    def create_request(
        self,
        *,
        service_code: str,
        description: str,
        lat: float | None = None,
        long: float | None = None,
        address_string: str | None = None,
        email: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        phone: str | None = None,
        media_url: str | None = None,
        attributes: Mapping[str, str | Iterable[str]] | None = None,
    ) -> PostedRequest:
        """``POST requests.json``: file a request (sent once, never retried).

        Raises:
            ClientConfigError: No API key, or no location.
        """
        if self._api_key is None:
            raise ClientConfigError(
                f"filing a request needs an API key: pass `api_key=` or set {OPEN311_API_KEY_ENV}"
            )
        if (lat is None or long is None) and not address_string:
            raise ClientConfigError("give a location: lat and long, or address_string")
        form: list[tuple[str, str]] = [
            ("api_key", self._api_key.get_secret_value()),
            ("service_code", service_code),
            ("description", description),
        ]
        optional = {
            "jurisdiction_id": self.jurisdiction_id,
            "lat": None if lat is None else repr(float(lat)),
            "long": None if long is None else repr(float(long)),
            "address_string": address_string,
            "email": email,
            "first_name": first_name,
            "last_name": last_name,
            "phone": phone,
            "media_url": media_url,
        }
        form += [(k, v) for k, v in optional.items() if v]
        for code, value in (attributes or {}).items():
            if isinstance(value, str):
                form.append((f"attribute[{code}]", value))
            else:
                form += [(f"attribute[{code}][]", v) for v in value]
        op: Operation[PostedRequest] = Operation(
            operation_id="open311 POST /requests.json",
            method="POST",
            path="/requests.json",
            parse=_one(PostedRequest, "posted request"),
            content=urlencode(form).encode("utf-8"),
            content_type=_FORM,
        )
        return self._run(op, transport=self._once)

    # -- import ----------------------------------------------------------------------------

    def import_complaints(
        self,
        *,
        start: dt.datetime,
        end: dt.datetime | None = None,
        service_code: Sequence[str] = (),
        status: Sequence[str] = (),
        channel: Channel = Channel.REGIONAL_APP,
        privacy: Privacy = Privacy.PUBLIC,
        source: str = "open311",
        ids_are_tracking_ids: bool = False,
        region_from_coordinates: RegionResolver | None = None,
        now: dt.datetime | None = None,
    ) -> Open311ImportResult:
        """Import every request made between ``start`` and ``end`` (default: now).

        The range is walked in windows of at most 90 days (the spec's limit); a window that
        comes back with the server's cap of 1000 requests is split in two and asked again,
        so nothing is cut off silently. Each request becomes a complaint
        (:func:`~lapor_sdk.open311.request_to_complaint`); one that cannot is listed in
        ``skipped`` with its id and the reason (never its content). A request seen in two
        windows is imported once.

        Raises:
            ValueError: ``start``/``end`` are naive or in the wrong order.
        """
        stop = end or now or dt.datetime.now(dt.UTC)
        if start.tzinfo is None or stop.tzinfo is None:
            raise ValueError("start and end must be aware datetimes (with a UTC offset)")
        if stop < start:
            raise ValueError("end is before start; swap them")
        services = self.services()
        result = Open311ImportResult()
        seen: set[str] = set()
        pending = []
        cursor = start
        while cursor < stop:
            pending.append((cursor, min(cursor + WINDOW, stop)))
            cursor = pending[-1][1]
        while pending:
            lo, hi = pending.pop(0)
            raw = self._get(
                "/requests.json",
                lambda body: _list_of(body, "requests"),
                start_date=w3_datetime(lo),  # W3C times are whole seconds: round the
                end_date=w3_datetime(_ceil_second(hi)),  # end up, not into the window
                service_code=",".join(service_code),
                status=",".join(status),
            )
            result.windows += 1
            if len(raw) >= SERVER_CAP and hi - lo > dt.timedelta(minutes=2):
                mid = lo + (hi - lo) / 2
                pending[:0] = [(lo, mid), (mid, hi)]
                continue
            for index, item in enumerate(raw):
                rid = item.get("service_request_id") if isinstance(item, dict) else None
                label = str(rid)[:64] if rid is not None else f"item {index}"
                try:
                    request = ServiceRequest.model_validate(item)
                    if request.service_request_id in seen:
                        continue
                    complaint = request_to_complaint(
                        request,
                        services=services,
                        channel=channel,
                        privacy=privacy,
                        source=source,
                        region_from_coordinates=region_from_coordinates,
                        ids_are_tracking_ids=ids_are_tracking_ids,
                    )
                except ValidationError as exc:
                    first = exc.errors(include_input=False, include_url=False)[0]
                    where = ".".join(str(p) for p in first["loc"]) or "(item)"
                    result.skipped.append((label, f"{where}: {first['msg']}"))
                    continue
                seen.add(request.service_request_id)
                result.complaints.append(complaint)
        result.complaints.sort(key=lambda c: c.created_at)
        return result

    # -- lifetime --------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection pool (unless it was passed in)."""
        self._transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
