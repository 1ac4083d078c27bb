"""The API's resources, written once for the sync and the async client.

Each method only *describes* its call as an :class:`~lapor_sdk.client._operation.Operation`;
the :func:`endpoint` descriptor hands that to whichever client the resource belongs to, so
``LaporClient().complaints.get(...)`` returns a :class:`~lapor_sdk.models.Complaint` and
``AsyncLaporClient().complaints.get(...)`` an awaitable of one, from the same code.
"""

from __future__ import annotations

import builtins
import collections
import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Coroutine, Generator, Mapping
from pathlib import Path
from typing import (
    IO,
    TYPE_CHECKING,
    Any,
    Concatenate,
    Generic,
    ParamSpec,
    Protocol,
    TypeVar,
    cast,
    overload,
)
from urllib.parse import quote

from pydantic import BaseModel

from .._exceptions import InvalidInputError
from ..models import (
    MAX_CLOCK_SKEW,
    Attachment,
    Channel,
    Classification,
    Complaint,
    Disposition,
    FollowUp,
    Location,
    Privacy,
    Rating,
    Reply,
    Reporter,
    Satisfaction,
    Status,
)
from ._constants import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from ._errors import UnsupportedOperationError
from ._models import Agency, Category, RawResponse, Unit, parse_complaint, parse_tolerant
from ._operation import Operation, PageData
from ._pagination import AsyncPage, AsyncPaginator, SyncPage, page_parser

if TYPE_CHECKING:
    from ..intake import ComplaintDraft
    from ._client import AsyncLaporClient, LaporClient, _AsyncRawClient, _RawClient

__all__ = [
    "Agencies",
    "Attachments",
    "Categories",
    "Complaints",
    "Dispositions",
    "FollowUps",
    "Ratings",
    "Replies",
    "Verification",
    "endpoint",
    "flow",
    "paged_endpoint",
]

_P = ParamSpec("_P")
_T = TypeVar("_T")
_I = TypeVar("_I")
_C = TypeVar("_C")


class _Capable(Protocol):
    def supports(self, capability: str) -> bool: ...


class _Resource(Generic[_C]):
    """A group of operations bound to one client (sync, async or raw)."""

    def __init__(self, client: _C) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} resource>"


def _cache(obj: _Resource[Any], name: str, call: Callable[..., Any]) -> Callable[..., Any]:
    """Keep the bound call on the resource: the descriptor is not a data descriptor, so the
    next ``client.complaints.get`` is a plain attribute look-up (no closure, no wraps)."""
    obj.__dict__[name] = call
    return call


class _Endpoint(Generic[_P, _T]):
    """Descriptor turning an operation builder into a call on the owning client."""

    def __init__(self, build: Callable[..., Operation[_T]]) -> None:
        self._build = build
        functools.update_wrapper(self, build)  # type: ignore[arg-type]
        self._name = build.__name__

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self._name = name

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> _Endpoint[_P, _T]: ...
    @overload
    def __get__(self, obj: _Resource[LaporClient], owner: type[Any]) -> Callable[_P, _T]: ...
    @overload
    def __get__(
        self, obj: _Resource[AsyncLaporClient], owner: type[Any]
    ) -> Callable[_P, Coroutine[Any, Any, _T]]: ...
    @overload
    def __get__(
        self, obj: _Resource[_RawClient], owner: type[Any]
    ) -> Callable[_P, RawResponse[_T]]: ...
    @overload
    def __get__(
        self, obj: _Resource[_AsyncRawClient], owner: type[Any]
    ) -> Callable[_P, Coroutine[Any, Any, RawResponse[_T]]]: ...
    def __get__(self, obj: _Resource[Any] | None, owner: type[Any]) -> Any:
        if obj is None:
            return self
        build = self._build
        client = obj._client

        @functools.wraps(build)
        def call(*args: Any, **kwargs: Any) -> Any:
            return client._execute(build(obj, *args, **kwargs))

        return _cache(obj, self._name, call)


class _PagedEndpoint(Generic[_P, _I]):
    """Descriptor of a list operation: returns a page that iterates across pages."""

    def __init__(self, build: Callable[..., Operation[PageData[_I]]]) -> None:
        self._build = build
        functools.update_wrapper(self, build)  # type: ignore[arg-type]
        self._name = build.__name__

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self._name = name

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> _PagedEndpoint[_P, _I]: ...
    @overload
    def __get__(
        self, obj: _Resource[LaporClient], owner: type[Any]
    ) -> Callable[_P, SyncPage[_I]]: ...
    @overload
    def __get__(
        self, obj: _Resource[AsyncLaporClient], owner: type[Any]
    ) -> Callable[_P, AsyncPaginator[_I]]: ...
    @overload
    def __get__(
        self, obj: _Resource[_RawClient], owner: type[Any]
    ) -> Callable[_P, RawResponse[SyncPage[_I]]]: ...
    @overload
    def __get__(
        self, obj: _Resource[_AsyncRawClient], owner: type[Any]
    ) -> Callable[_P, Coroutine[Any, Any, RawResponse[AsyncPage[_I]]]]: ...
    def __get__(self, obj: _Resource[Any] | None, owner: type[Any]) -> Any:
        if obj is None:
            return self
        build = self._build
        client = obj._client

        @functools.wraps(build)
        def call(*args: Any, **kwargs: Any) -> Any:
            return client._execute_paged(build(obj, *args, **kwargs))

        return _cache(obj, self._name, call)


def endpoint(build: Callable[Concatenate[Any, _P], Operation[_T]]) -> _Endpoint[_P, _T]:
    """Mark a resource method that returns an :class:`Operation` as an API call."""
    return _Endpoint(build)


def paged_endpoint(
    build: Callable[Concatenate[Any, _P], Operation[PageData[_I]]],
) -> _PagedEndpoint[_P, _I]:
    """Mark a resource method that returns a list :class:`Operation` as a paginated call."""
    return _PagedEndpoint(build)


#: A call made of several operations: a generator that yields each operation and receives its
#: result, and returns the call's result. The client drives it (sync or async); the generator
#: itself does no I/O, so the steps are written once.
Flow = Generator[Operation[Any], Any, _T]


class _Flow(Generic[_P, _T]):
    """Descriptor of a multi-step call: the owning client runs the generator's operations."""

    def __init__(self, build: Callable[..., Flow[_T]]) -> None:
        self._build = build
        functools.update_wrapper(self, build)  # type: ignore[arg-type]
        self._name = build.__name__

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self._name = name

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> _Flow[_P, _T]: ...
    @overload
    def __get__(self, obj: _Resource[LaporClient], owner: type[Any]) -> Callable[_P, _T]: ...
    @overload
    def __get__(
        self, obj: _Resource[AsyncLaporClient], owner: type[Any]
    ) -> Callable[_P, Coroutine[Any, Any, _T]]: ...
    @overload
    def __get__(
        self, obj: _Resource[_RawClient], owner: type[Any]
    ) -> Callable[_P, RawResponse[_T]]: ...
    @overload
    def __get__(
        self, obj: _Resource[_AsyncRawClient], owner: type[Any]
    ) -> Callable[_P, Coroutine[Any, Any, RawResponse[_T]]]: ...
    def __get__(self, obj: _Resource[Any] | None, owner: type[Any]) -> Any:
        if obj is None:
            return self
        build = self._build
        client = obj._client

        @functools.wraps(build)
        def call(*args: Any, **kwargs: Any) -> Any:
            return client._run_flow(build(obj, *args, **kwargs))

        return _cache(obj, self._name, call)


def flow(build: Callable[Concatenate[Any, _P], Flow[_T]]) -> _Flow[_P, _T]:
    """Mark a resource method written as a generator of operations as a multi-step call."""
    return _Flow(build)


# -- helpers -------------------------------------------------------------------------------


def _seg(value: str) -> str:
    if not value:
        raise InvalidInputError("an identifier in the URL path is empty; pass a non-empty id")
    return quote(value, safe="")


def _dump(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _body(**fields: Any) -> dict[str, Any]:
    return {k: _dump(v) for k, v in fields.items() if v is not None}


def _aware(value: dt.datetime | None, name: str) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInputError(
            f"{name}={value.isoformat()} is a naive datetime; pass a timezone-aware one, e.g. "
            "datetime(2025, 3, 3, 9, 0, tzinfo=ZoneInfo('Asia/Jakarta'))"
        )
    return value.isoformat()


def _external_ref(value: str | None) -> str | None:
    if value is not None and not 1 <= len(value) <= 200:
        raise InvalidInputError(
            f"external_ref of {len(value)} characters is out of range; use 1..200 characters"
        )
    return value


def _received(value: dt.datetime | None) -> str | None:
    """``received_at`` in wire form: aware, and not after now beyond the clock skew."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        raise InvalidInputError(
            f"received_at must be a datetime, got {type(value).__name__}; pass e.g. "
            "datetime(2025, 11, 30, 9, 15, tzinfo=ZoneInfo('Asia/Jakarta'))"
        )
    wire = _aware(value, "received_at")
    now = dt.datetime.now(dt.UTC)
    if value - now > MAX_CLOCK_SKEW:
        raise InvalidInputError(
            f"received_at={wire} is in the future (now is {now.isoformat(timespec='seconds')}); "
            "a report is received before it is filed: check the date and the time zone"
        )
    return wire


def _limit(limit: int) -> int:
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise InvalidInputError(f"limit={limit} is out of range; use 1..{MAX_PAGE_SIZE}")
    return limit


def _items(parse_item: Callable[[Any], _I]) -> Callable[[Any], list[_I]]:
    def parse(body: Any) -> list[_I]:
        return [parse_item(item) for item in body["data"]]

    return parse


def _model(model: type[Any]) -> Callable[[Any], Any]:
    return functools.partial(parse_tolerant, model)


# -- resources -----------------------------------------------------------------------------


class Complaints(_Resource[_C]):
    """Reports: file one, fetch one, list the agency's reports."""

    @endpoint
    def create(
        self,
        *,
        title: str,
        description: str,
        external_ref: str,
        channel: Channel = Channel.LAPOR_WEB,
        classification: Classification = Classification.COMPLAINT,
        category: str | None = None,
        location: Location | None = None,
        reporter: Reporter | None = None,
        privacy: Privacy = Privacy.PUBLIC,
        incident_date: dt.date | None = None,
        received_at: dt.datetime | None = None,
        supervisory: bool | None = None,
        tags: builtins.list[str] | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[Complaint]:
        """File a report with the national system (``POST /complaints``).

        Filing the same ``external_ref`` again for the same agency does not create a second
        report: the API answers ``200`` with the report filed first (a new one is ``201``).

        Args:
            title: Short title.
            description: The report's text.
            external_ref: Reference of the report in the source system (``"agency-app:123"``).
            channel: Where the report came in.
            classification: Pengaduan, Aspirasi or Permintaan Informasi.
            category: Topic category id (see ``client.categories.list()``).
            location: Where the problem is.
            reporter: Who reported it (personal data; shown only to admins).
            privacy: Anonim and/or rahasia.
            incident_date: When the problem happened.
            received_at: When the report reached the agency (the WhatsApp message, the
                e-mail), if before filing: SLA clocks count from it. Timezone-aware, not later
                than now (a few minutes of clock skew are allowed).
            supervisory: Whether the complaint is *berkadar pengawasan*.
            tags: Free labels.
            idempotency_key: Key of this logical write (generated when omitted).

        Returns:
            The filed report with its ``tracking_id``.

        Raises:
            InvalidInputError: ``received_at`` is naive or in the future.
        """
        return _create_operation(
            title=title,
            description=description,
            external_ref=external_ref,
            channel=channel,
            classification=classification,
            category=category,
            location=location,
            reporter=reporter,
            privacy=privacy,
            incident_date=incident_date,
            received_at=received_at,
            supervisory=supervisory,
            tags=tags,
            idempotency_key=idempotency_key,
        )

    @flow
    def create_from_draft(
        self,
        draft: ComplaintDraft,
        *,
        external_ref: str | None = None,
        files: Mapping[str, bytes] | None = None,
        idempotency_key: str | None = None,
    ) -> Flow[Complaint]:
        """File an intake draft in one call: every field, its receipt time and its files.

        Sends the draft complaint's title, description, channel, classification, category,
        location, reporter, privacy, incident date, tags and ``received_at`` (the message's
        arrival, so SLA clocks count from it), then uploads each attachment's bytes and
        returns the report as filed, attachments included.

        Safe to repeat after a failure: the report is found again by ``external_ref``, and
        attachments it already has (same SHA-256) are not uploaded twice.

        Args:
            draft: A :class:`~lapor_sdk.intake.ComplaintDraft` (``from_email``,
                ``from_message``, ...), checked by a person first.
            external_ref: The report's reference in your system; default the draft's own
                (an e-mail's ``Message-ID``). Required when the draft has none.
            files: Bytes of attachments the draft does not hold (a chat export's media),
                keyed by SHA-256 or by file name; they override the draft's.
            idempotency_key: Key of the create; the uploads' keys derive from the report's
                reference and each file's SHA-256.

        Returns:
            The filed report.

        Raises:
            InvalidInputError: No ``external_ref``, or an attachment's bytes are missing or do
                not match its SHA-256 — before anything is sent.
            UnsupportedOperationError: The draft has attachments and the wire profile cannot
                upload (``lapor3``) — before anything is sent.

        Example:
            >>> draft = from_email(raw)                                    # doctest: +SKIP
            >>> filed = client.complaints.create_from_draft(draft, external_ref="mail:17")
        """
        complaint = draft.complaint
        ref = external_ref or complaint.external_ref
        if not ref:
            raise InvalidInputError(
                "the draft has no external_ref: pass `external_ref=` with the report's "
                "reference in your system (e.g. 'wa:2025-11-30:17')"
            )
        uploads = _draft_uploads(draft, files or {})
        if uploads and not cast(_Capable, self._client).supports("attachments.upload"):
            raise UnsupportedOperationError(
                f"the draft has {len(uploads)} attachment(s) and this client's wire profile "
                "cannot upload files; file it with profile='lapor', or send the attachments "
                "another way and pass a draft without them"
            )
        filed: Complaint = yield _create_operation(
            title=complaint.title,
            description=complaint.description,
            external_ref=ref,
            channel=complaint.channel,
            classification=complaint.classification,
            category=complaint.category,
            location=complaint.location,
            reporter=complaint.reporter,
            privacy=complaint.privacy,
            incident_date=complaint.incident_date,
            received_at=complaint.received_at or complaint.created_at,
            supervisory=complaint.supervisory,
            tags=complaint.tags or None,
            idempotency_key=idempotency_key,
        )
        if not uploads:
            return filed
        tracking_id = filed.tracking_id or ""
        present = collections.Counter(a.sha256 for a in filed.attachments)
        uploaded = 0
        for index, (attachment, content) in enumerate(uploads):
            if present[attachment.sha256] > 0:
                present[attachment.sha256] -= 1
                continue
            key = hashlib.sha256(f"{ref}\n{index}\n{attachment.sha256}".encode()).hexdigest()
            yield _upload_operation(
                tracking_id,
                content,
                attachment.filename,
                attachment.content_type,
                f"draft-{key[:40]}",
            )
            uploaded += 1
        if not uploaded:
            return filed
        final: Complaint = yield _get_operation(tracking_id)
        return final

    @endpoint
    def get(self, tracking_id: str) -> Operation[Complaint]:
        """Fetch one report as this agency may see it (``GET /complaints/{tracking_id}``).

        Raises:
            NotFoundError: No such report, or not filed with or disposed to this agency.
        """
        return _get_operation(tracking_id)

    @paged_endpoint
    def list(
        self,
        *,
        status: Status | None = None,
        agency: str | None = None,
        updated_since: dt.datetime | None = None,
        external_ref: str | None = None,
        cursor: str | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
    ) -> Operation[PageData[Complaint]]:
        """List the reports visible to this agency, oldest change first (``GET /complaints``).

        Iterating the returned page walks every following page too. The ``lapor3`` profile
        cannot list (LAPOR 3.0.0 shows no such call publicly): it raises
        :class:`~lapor_sdk.client.UnsupportedOperationError`.

        Args:
            status: Only reports in this status.
            agency: Only reports currently with this agency.
            updated_since: Only reports changed at or after this aware datetime.
            external_ref: Only reports this agency filed under this reference (how a write
                whose answer was lost is looked up before it is sent again).
            cursor: Resume from a ``next_cursor``.
            limit: Page size (1-200).
        """
        return Operation(
            "listComplaints",
            "GET",
            "/complaints",
            page_parser(parse_complaint),
            params={
                "status": status.value if status is not None else None,
                "agency": agency,
                "updated_since": _aware(updated_since, "updated_since"),
                "external_ref": _external_ref(external_ref),
                "cursor": cursor,
                "limit": _limit(limit),
            },
        )


class Verification(_Resource[_C]):
    """Verification by an admin: verify (and classify), postpone, archive; reporter supplements."""

    @endpoint
    def verify(
        self,
        tracking_id: str,
        *,
        agency: str | None = None,
        unit: str | None = None,
        classification: Classification | None = None,
        privacy: Privacy | None = None,
        category: str | None = None,
        note: str | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[Complaint]:
        """Verify a report and dispose it within this agency (``POST …/verify``).

        Args:
            tracking_id: The report.
            agency: Agency to dispose to; default the caller's (only national and coordinator
                admins may name another).
            unit: Unit id of that agency (see ``client.agencies.list_units``).
            classification: Corrected classification.
            privacy: Corrected privacy flags.
            category: Corrected category id.
            note: Instruction to the unit.
            idempotency_key: Key of this logical write.
        """
        return _action(
            "verifyComplaint",
            tracking_id,
            "verify",
            _body(
                agency=agency,
                unit=unit,
                classification=classification,
                privacy=privacy,
                category=category,
                note=note,
            ),
            idempotency_key,
        )

    @endpoint
    def postpone(
        self, tracking_id: str, *, reason: str, idempotency_key: str | None = None
    ) -> Operation[Complaint]:
        """Postpone verification until the reporter supplies what is missing (tunda)."""
        return _action(
            "postponeComplaint", tracking_id, "postpone", _body(reason=reason), idempotency_key
        )

    @endpoint
    def supplement(
        self,
        tracking_id: str,
        *,
        description: str | None = None,
        location: Location | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[Complaint]:
        """Relay the reporter's completion of a postponed report (back to unverified)."""
        return _action(
            "supplementComplaint",
            tracking_id,
            "supplement",
            _body(description=description, location=location),
            idempotency_key,
        )

    @endpoint
    def archive(
        self,
        tracking_id: str,
        *,
        reason: str,
        note: str | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[Complaint]:
        """Archive a report with a reason (``not_a_service_complaint``, ``too_general``,
        ``abusive``, ``duplicate``, ``other``)."""
        return _action(
            "archiveComplaint",
            tracking_id,
            "archive",
            _body(reason=reason, note=note),
            idempotency_key,
        )


class Dispositions(_Resource[_C]):
    """Hand-overs: dispose to a unit, forward to another agency (bukan wewenang)."""

    @endpoint
    def create(
        self,
        tracking_id: str,
        *,
        to_unit: str,
        to_agency: str | None = None,
        note: str | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[Complaint]:
        """Dispose (again) to a unit, of this agency or of ``to_agency``."""
        return Operation(
            "disposeComplaint",
            "POST",
            f"/complaints/{_seg(tracking_id)}/dispositions",
            parse_complaint,
            path_args={"tracking_id": tracking_id},
            body=_body(to_unit=to_unit, to_agency=to_agency, note=note),
            idempotency_key=idempotency_key,
        )

    @endpoint
    def forward(
        self,
        tracking_id: str,
        *,
        to_agency: str,
        reason: str,
        idempotency_key: str | None = None,
    ) -> Operation[Complaint]:
        """Forward a report that is not this agency's authority to the one responsible."""
        return _action(
            "forwardComplaint",
            tracking_id,
            "forward",
            _body(to_agency=to_agency, reason=reason),
            idempotency_key,
        )

    @endpoint
    def list(self, tracking_id: str) -> Operation[builtins.list[Disposition]]:
        """List every hand-over of a report, oldest first."""
        return Operation(
            "listDispositions",
            "GET",
            f"/complaints/{_seg(tracking_id)}/dispositions",
            _items(_model(Disposition)),
            path_args={"tracking_id": tracking_id},
        )


class FollowUps(_Resource[_C]):
    """Follow-ups (tindak lanjut) of the handling unit."""

    @endpoint
    def create(
        self,
        tracking_id: str,
        *,
        text: str,
        unit: str | None = None,
        final: bool = False,
        idempotency_key: str | None = None,
    ) -> Operation[Complaint]:
        """Post a follow-up; ``final=True`` marks the report completed."""
        return Operation(
            "createFollowUp",
            "POST",
            f"/complaints/{_seg(tracking_id)}/follow-ups",
            parse_complaint,
            path_args={"tracking_id": tracking_id},
            body=_body(text=text, unit=unit, final=final),
            idempotency_key=idempotency_key,
        )

    @endpoint
    def list(self, tracking_id: str) -> Operation[builtins.list[FollowUp]]:
        """List the follow-ups of a report, oldest first."""
        return Operation(
            "listFollowUps",
            "GET",
            f"/complaints/{_seg(tracking_id)}/follow-ups",
            _items(_model(FollowUp)),
            path_args={"tracking_id": tracking_id},
        )


class Replies(_Resource[_C]):
    """Replies of the reporter to a follow-up (relayed by the source system)."""

    @endpoint
    def create(
        self, tracking_id: str, *, text: str, idempotency_key: str | None = None
    ) -> Operation[Complaint]:
        """Relay the reporter's reply; a completed report goes back in progress."""
        return Operation(
            "createReply",
            "POST",
            f"/complaints/{_seg(tracking_id)}/replies",
            parse_complaint,
            path_args={"tracking_id": tracking_id},
            body=_body(text=text),
            idempotency_key=idempotency_key,
        )

    @endpoint
    def list(self, tracking_id: str) -> Operation[builtins.list[Reply]]:
        """List the reporter's replies, oldest first."""
        return Operation(
            "listReplies",
            "GET",
            f"/complaints/{_seg(tracking_id)}/replies",
            _items(_model(Reply)),
            path_args={"tracking_id": tracking_id},
        )


class Ratings(_Resource[_C]):
    """The reporter's satisfaction rating."""

    @endpoint
    def create(
        self,
        tracking_id: str,
        *,
        satisfaction: Satisfaction,
        comment: str | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[Complaint]:
        """Relay the reporter's rating of a completed or closed report."""
        return Operation(
            "rateComplaint",
            "POST",
            f"/complaints/{_seg(tracking_id)}/rating",
            parse_complaint,
            path_args={"tracking_id": tracking_id},
            body=_body(satisfaction=satisfaction, comment=comment),
            idempotency_key=idempotency_key,
        )

    @endpoint
    def get(self, tracking_id: str) -> Operation[Rating]:
        """Fetch the rating of a report (``NotFoundError`` while there is none)."""
        return Operation(
            "getRating",
            "GET",
            f"/complaints/{_seg(tracking_id)}/rating",
            _model(Rating),
            path_args={"tracking_id": tracking_id},
        )


def _multipart(filename: str, content: bytes, content_type: str) -> tuple[bytes, str]:
    """A ``multipart/form-data`` body with a ``filename`` field and the ``file`` part.

    The boundary is derived from the parts, so the same upload is the same bytes every time
    (an idempotency key reused for it is not a "different request").
    """
    for text, what in ((filename, "filename"), (content_type, "content_type")):
        if any(ch in text for ch in "\r\n\x00"):
            raise InvalidInputError(f"{what} may not contain line breaks or NUL characters")
    digest = hashlib.sha256()
    for part in (filename.encode(), content_type.encode(), content):
        digest.update(len(part).to_bytes(8, "big") + part)
    boundary = f"lapor-{digest.hexdigest()[:40]}"
    quoted = filename.replace("\\", "\\\\").replace('"', '\\"').encode()
    body = b"".join(
        [
            f"--{boundary}\r\n".encode(),
            b'Content-Disposition: form-data; name="filename"\r\n',
            b"Content-Type: text/plain; charset=utf-8\r\n\r\n",
            filename.encode(),
            f"\r\n--{boundary}\r\n".encode(),
            b'Content-Disposition: form-data; name="file"; filename="' + quoted + b'"\r\n',
            f"Content-Type: {content_type}\r\n\r\n".encode(),
            content,
            f"\r\n--{boundary}--\r\n".encode(),
        ]
    )
    return body, f"multipart/form-data; boundary={boundary}"


class Attachments(_Resource[_C]):
    """Files attached to a report (size and type limits are enforced by the API)."""

    @endpoint
    def upload(
        self,
        tracking_id: str,
        *,
        file: bytes | IO[bytes] | Path,
        filename: str,
        content_type: str,
        idempotency_key: str | None = None,
    ) -> Operation[Attachment]:
        """Upload a file (``multipart/form-data``).

        The file name travels in the body, never in the URL: a name such as
        ``KTP_<NIK>.jpg`` would otherwise end up in access and client logs.

        Args:
            tracking_id: The report.
            file: The content, an open binary file or a path.
            filename: File name to record.
            content_type: MIME type (``image/jpeg``, ``image/png``, ``application/pdf``).
            idempotency_key: Key of this logical write.

        Raises:
            APIStatusError: 413 when too large, 415 when the type is not accepted, 409 when
                the report has its 20 attachments already.
        """
        if isinstance(file, Path):
            content = file.read_bytes()
        elif isinstance(file, bytes):
            content = file
        else:
            content = file.read()
        return _upload_operation(tracking_id, content, filename, content_type, idempotency_key)

    @endpoint
    def list(self, tracking_id: str) -> Operation[builtins.list[Attachment]]:
        """List the attachments' metadata."""
        return Operation(
            "listAttachments",
            "GET",
            f"/complaints/{_seg(tracking_id)}/attachments",
            _items(_model(Attachment)),
            path_args={"tracking_id": tracking_id},
        )


class Agencies(_Resource[_C]):
    """The directory of agencies and their units."""

    @paged_endpoint
    def list(
        self, *, cursor: str | None = None, limit: int = DEFAULT_PAGE_SIZE
    ) -> Operation[PageData[Agency]]:
        """List agencies (forward targets)."""
        return Operation(
            "listAgencies",
            "GET",
            "/agencies",
            page_parser(_model(Agency)),
            params={"cursor": cursor, "limit": _limit(limit)},
        )

    @endpoint
    def get(self, agency_id: str) -> Operation[Agency]:
        """Fetch one agency."""
        return Operation(
            "getAgency",
            "GET",
            f"/agencies/{_seg(agency_id)}",
            _model(Agency),
            path_args={"agency_id": agency_id},
        )

    @endpoint
    def list_units(self, agency_id: str) -> Operation[builtins.list[Unit]]:
        """List the units of an agency (disposition targets)."""
        return Operation(
            "listUnits",
            "GET",
            f"/agencies/{_seg(agency_id)}/units",
            _items(_model(Unit)),
            path_args={"agency_id": agency_id},
        )


class Categories(_Resource[_C]):
    """Topic categories of reports."""

    @endpoint
    def list(self) -> Operation[builtins.list[Category]]:
        """List all categories."""
        return Operation("listCategories", "GET", "/categories", _items(_model(Category)))


def _action(
    operation_id: str,
    tracking_id: str,
    action: str,
    body: dict[str, Any],
    idempotency_key: str | None,
) -> Operation[Complaint]:
    return Operation(
        operation_id,
        "POST",
        f"/complaints/{_seg(tracking_id)}/{action}",
        parse_complaint,
        path_args={"tracking_id": tracking_id},
        body=body,
        idempotency_key=idempotency_key,
    )


def _create_operation(*, idempotency_key: str | None, **fields: Any) -> Operation[Complaint]:
    received_at = fields.pop("received_at", None)
    return Operation(
        "createComplaint",
        "POST",
        "/complaints",
        parse_complaint,
        body=_body(**fields, received_at=_received(received_at)),
        idempotency_key=idempotency_key,
    )


def _get_operation(tracking_id: str) -> Operation[Complaint]:
    return Operation(
        "getComplaint",
        "GET",
        f"/complaints/{_seg(tracking_id)}",
        parse_complaint,
        path_args={"tracking_id": tracking_id},
    )


def _upload_operation(
    tracking_id: str,
    content: bytes,
    filename: str,
    content_type: str,
    idempotency_key: str | None,
) -> Operation[Attachment]:
    body, multipart_type = _multipart(filename, content, content_type)
    return Operation(
        "uploadAttachment",
        "POST",
        f"/complaints/{_seg(tracking_id)}/attachments",
        _model(Attachment),
        path_args={"tracking_id": tracking_id},
        content=body,
        content_type=multipart_type,
        idempotency_key=idempotency_key,
    )


def _draft_uploads(
    draft: ComplaintDraft, files: Mapping[str, bytes]
) -> builtins.list[tuple[Attachment, bytes]]:
    """Pair each attachment of ``draft`` with its bytes; refuse missing or altered ones.

    Attachments are named by position and type, never by file name (a name may carry the
    reporter's NIK).
    """
    attachments = draft.complaint.attachments
    uploads: builtins.list[tuple[Attachment, bytes]] = []
    for number, attachment in enumerate(attachments, start=1):
        what = f"attachment {number} of {len(attachments)} ({attachment.content_type})"
        content = (
            (files.get(attachment.sha256) if attachment.sha256 else None)
            or files.get(attachment.filename)
            or draft.attachment_content(attachment)
        )
        if content is None:
            raise InvalidInputError(
                f"{what} has no bytes in the draft; pass them as `files={{sha256: bytes}}` "
                "(or keyed by file name), or remove the attachment from the draft"
            )
        digest = hashlib.sha256(content).hexdigest()
        if attachment.sha256 is not None and digest != attachment.sha256:
            raise InvalidInputError(
                f"{what}: the bytes given do not match its SHA-256 {attachment.sha256[:12]}…; "
                "pass the file the draft was read from"
            )
        uploads.append((attachment.model_copy(update={"sha256": digest}), content))
    return uploads
