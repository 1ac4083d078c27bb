"""Errors of the sync engine, and the one place that classifies a failed write.

::

    LaporError
    └── SyncError            a sync operation was refused (unknown local id, bad resolve)
"""

from __future__ import annotations

from enum import StrEnum

import httpx

from .._exceptions import InvalidInputError, LaporError
from ..client import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    UnsupportedOperationError,
)

__all__ = ["SyncError", "Verdict", "classify", "describe"]

#: 4xx answers that mean "try again later", not "this request is wrong".
_TRANSIENT_4XX = frozenset({408, 429})


class SyncError(LaporError):
    """A sync operation was refused: the message names the local id and the fix."""


class Verdict(StrEnum):
    """What a failed write means for its outbox row."""

    NOT_SENT = "not_sent"
    """Transient, and certainly not applied (connection refused, 429): send again later."""
    UNCERTAIN = "uncertain"
    """Transient, and perhaps applied (timeout, dropped connection, 5xx, 408): look it up
    before sending it again."""
    PERMANENT = "permanent"
    """The request itself is refused (4xx): a dead letter until a person fixes it."""
    WAIT_NATIONAL = "wait_national"
    """A follow-up the national side does not accept yet (the report is not verified or
    disposed): wait and try again, without counting it as a failure of the request."""


def _never_connected(exc: BaseException) -> bool:
    cause: BaseException | None = exc.__cause__ or exc.__context__
    while cause is not None:
        if isinstance(cause, httpx.ConnectError | httpx.ConnectTimeout):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def classify(exc: BaseException, *, kind: str) -> Verdict:
    """Classify a failed write (``kind`` is ``"complaint"`` or ``"follow_up"``).

    Args:
        exc: What the client raised.
        kind: The kind of write.

    Returns:
        The :class:`Verdict`.
    """
    if isinstance(exc, APIStatusError):
        status = exc.status_code
        if status == 429:
            return Verdict.NOT_SENT
        if status >= 500 or status in _TRANSIENT_4XX:
            return Verdict.UNCERTAIN
        if status == 409 and kind == "follow_up":
            return Verdict.WAIT_NATIONAL
        return Verdict.PERMANENT
    if isinstance(exc, APITimeoutError):
        return Verdict.NOT_SENT if _never_connected(exc) else Verdict.UNCERTAIN
    if isinstance(exc, APIConnectionError):
        return Verdict.NOT_SENT if _never_connected(exc) else Verdict.UNCERTAIN
    if isinstance(exc, UnsupportedOperationError | InvalidInputError):
        return Verdict.PERMANENT
    # Anything else from the client (an answer off the contract): it may have been applied.
    return Verdict.UNCERTAIN


def describe(exc: BaseException) -> str:
    """Return a one-line, personal-data-free description of a failure for ``last_error``.

    The client's messages never carry personal data or secrets; problem details are added
    by type, status and request id only.
    """
    if isinstance(exc, APIStatusError):
        problem = exc.problem
        parts = [f"HTTP {exc.status_code}"]
        if problem.type:
            parts.append(str(problem.type))
        if problem.title:
            parts.append(problem.title)
        if exc.request_id:
            parts.append(f"request {exc.request_id}")
        fields = [f"{e.pointer} ({e.code})" if e.code else e.pointer for e in exc.errors][:5]
        if fields:
            parts.append("fields " + ", ".join(fields))
        return "; ".join(parts)[:500]
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}"[:500]
