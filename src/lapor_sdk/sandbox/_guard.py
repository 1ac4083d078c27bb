"""Input the sandbox refuses before any handler or database sees it.

* :class:`RequestGuard`: control characters (NUL first: PostgreSQL cannot store it) in the
  path or the query string are a 400 problem, whatever the route.
* :func:`unsafe_string`: a decoded JSON body whose strings (or keys) hold a NUL or a lone
  surrogate (``"\\ud800"``: not encodable as UTF-8, so not storable) is refused by the
  body parsers.
* :func:`parse_upload`: the ``multipart/form-data`` body of an attachment upload (the file
  name travels in the body, never in the URL, where access logs would keep it).
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncGenerator
from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.datastructures import Headers, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from ..models import MAX_ATTACHMENTS
from ._faults import ASGIApp, Receive, Scope, Send

__all__ = ["MAX_ATTACHMENTS", "RequestGuard", "UploadError", "parse_upload", "unsafe_string"]

# MAX_ATTACHMENTS (20, from the models) bounds the uploads per report; the handler reads it here.

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x1f\x7f]")
_UNSAFE = re.compile(r"[\x00\ud800-\udfff]")
#: Deepest JSON walked (the parsers refuse deeper documents before this matters).
_MAX_DEPTH = 200


def unsafe_string(data: Any, pointer: str = "", depth: int = 0) -> str | None:
    """Return the JSON pointer of the first string (or key) with a NUL or a lone surrogate."""
    if depth > _MAX_DEPTH:
        return pointer or "/"
    if isinstance(data, str):
        return (pointer or "/") if _UNSAFE.search(data) else None
    if isinstance(data, dict):
        for key, value in data.items():
            where = f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"
            if isinstance(key, str) and _UNSAFE.search(key):
                return where
            found = unsafe_string(value, where, depth + 1)
            if found is not None:
                return found
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found = unsafe_string(value, f"{pointer}/{index}", depth + 1)
            if found is not None:
                return found
    return None


class RequestGuard:
    """ASGI middleware: refuse control characters in the path or the query string (400)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            raw_path = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogatepass")
            query = scope.get("query_string", b"")
            if (
                _CONTROL.search(scope["path"])
                or _CONTROL_BYTES.search(unquote_to_bytes(raw_path))
                or _CONTROL_BYTES.search(unquote_to_bytes(query.replace(b"+", b" ")))
            ):
                await _refuse(scope, send)
                return
        await self.app(scope, receive, send)


async def _refuse(scope: Scope, send: Send) -> None:
    body = json.dumps(
        {
            "type": "urn:lapor:problem:bad-request",
            "title": "Bad Request",
            "status": 400,
            "detail": "control characters (such as NUL) are not allowed in the path or the "
            "query string; percent-encode only printable text",
            "instance": scope["path"].encode("utf-8", "replace").decode("ascii", "replace")[:200],
            "request_id": scope.get("state", {}).get("request_id"),
        }
    ).encode()
    headers = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": 400, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class UploadError(ValueError):
    """The upload body is not the expected ``multipart/form-data``; ``pointer`` names the part."""

    def __init__(self, message: str, pointer: str = "/") -> None:
        super().__init__(message)
        self.pointer = pointer


async def parse_upload(headers: Headers, raw: bytes) -> tuple[str, str, bytes]:
    """Read ``filename`` (a text field) and ``file`` (the content, with its part's
    ``Content-Type``) from a ``multipart/form-data`` body already read and size-capped.

    Returns:
        ``(filename, content type of the file part, content)``.

    Raises:
        UploadError: Not multipart, malformed, or a part is missing.
    """
    if not headers.get("content-type", "").lower().startswith("multipart/form-data"):
        raise UploadError(
            "attachments are uploaded as multipart/form-data with a `file` part and a "
            "`filename` field (the file name never goes in the URL)",
            "/",
        )

    async def stream() -> AsyncGenerator[bytes, None]:
        yield raw

    parser = MultiPartParser(headers, stream(), max_files=1, max_fields=2, max_part_size=4096)
    try:
        form = await parser.parse()
    except (MultiPartException, ValueError, UnicodeError) as exc:
        message = getattr(exc, "message", None) or type(exc).__name__
        raise UploadError(f"the multipart body cannot be read: {message}") from None
    try:
        upload = form.get("file")
        filename = form.get("filename")
        if not isinstance(upload, UploadFile):
            raise UploadError("the `file` part (the content) is missing", "/file")
        if not isinstance(filename, str):
            raise UploadError("the `filename` field is missing", "/filename")
        content = await upload.read()
        content_type = (upload.content_type or "").split(";")[0].strip().lower()
        return filename, content_type, content
    finally:
        await form.close()
