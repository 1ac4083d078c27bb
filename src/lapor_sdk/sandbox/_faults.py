"""Fault injection: 5xx errors, 429 bursts with Retry-After, latency, drops after commit,
answers held back past the client's timeout.

Decisions come from a seeded :class:`random.Random` that draws the same three numbers (a
fourth with ``timeout_rate``) for every request, so a run with the same seed and request
order fails the same way. Counters (``fail_next``, ``rate_limit_next``, ``drop_next``)
give exact sequences for tests.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import random
import threading
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from .._exceptions import InvalidInputError

__all__ = ["ConnectionDropped", "FaultInjector", "FaultMiddleware", "Faults"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

REQUEST_ID_HEADER = b"x-request-id"


def _int_text(value: Any) -> Any:
    """Let ``--faults error_status=500`` (text) match the integer literals."""
    return int(value) if isinstance(value, str) and value.strip().isdigit() else value


class Faults(BaseModel):
    """What can go wrong, and how often.

    Example:
        >>> Faults.parse("error_rate=0.1,latency=0.05,seed=7").error_rate
        0.1
    """

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    error_rate: float = Field(default=0.0, ge=0.0, le=1.0)
    """Share of requests answered with ``error_status`` before reaching the API."""
    error_status: Annotated[Literal[500, 502, 503], BeforeValidator(_int_text)] = 503
    """Status of injected server errors (503 carries ``Retry-After``)."""
    rate_limit_rate: float = Field(default=0.0, ge=0.0, le=1.0)
    """Share of requests that start a burst of 429 answers."""
    rate_limit_burst: int = Field(default=1, ge=1, le=1000)
    """Length of each 429 burst, in requests."""
    retry_after: float = Field(default=1.0, ge=0.0, le=3600.0)
    """Seconds announced in ``Retry-After`` (and ``Retry-After-Ms``) of 429/503 answers."""
    latency: float = Field(default=0.0, ge=0.0, le=60.0)
    """Seconds added before every request is handled."""
    drop_after_commit_rate: float = Field(default=0.0, ge=0.0, le=1.0)
    """Share of successful POSTs whose connection is cut after the write was committed."""
    timeout_rate: float = Field(default=0.0, ge=0.0, le=1.0)
    """Share of requests handled (a POST is committed) but answered only after
    ``timeout_delay`` seconds, so a client with a shorter timeout gives up not knowing."""
    timeout_delay: float = Field(default=30.0, ge=0.0, le=600.0)
    """Seconds a ``timeout_rate`` request waits before its answer is sent."""
    fail_next: int = Field(default=0, ge=0)
    """The next N requests get ``error_status`` (exact, for tests)."""
    rate_limit_next: int = Field(default=0, ge=0)
    """The next N requests get 429 (exact, for tests)."""
    drop_next: int = Field(default=0, ge=0)
    """The next N successful POSTs are committed, then their connection is cut."""
    seed: int = 0
    """Seed of the random decisions."""

    @classmethod
    def parse(cls, spec: str) -> Faults:
        """Read ``name=value`` pairs separated by commas (the CLI's ``--faults``).

        Raises:
            InvalidInputError: Unknown name or bad value; the message lists the names.
        """
        values: dict[str, str] = {}
        for part in filter(None, (p.strip() for p in spec.split(","))):
            name, sep, value = part.partition("=")
            if not sep:
                raise InvalidInputError(
                    f"fault {part!r} has no value; write name=value, e.g. error_rate=0.1"
                )
            values[name.strip()] = value.strip()
        try:
            return cls.model_validate(values)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
            )
            raise InvalidInputError(
                f"bad --faults {spec!r}: {problems}; allowed names: {', '.join(cls.model_fields)}"
            ) from None


@dataclass(frozen=True, slots=True)
class Decision:
    """What happens to one request."""

    latency: float = 0.0
    status: int | None = None
    retry_after: float = 0.0
    drop_after_commit: bool = False
    hold: float = 0.0


class FaultInjector:
    """Thread-safe holder of the current :class:`Faults` and its random generator."""

    def __init__(self, faults: Faults | None = None) -> None:
        self._lock = threading.Lock()
        self._faults = faults or Faults()
        self._rng = random.Random(self._faults.seed)  # noqa: S311 - simulation, not security
        self._burst_left = 0
        self._counters = self._counts(self._faults)

    @staticmethod
    def _counts(faults: Faults) -> dict[str, int]:
        return {
            "fail_next": faults.fail_next,
            "rate_limit_next": faults.rate_limit_next,
            "drop_next": faults.drop_next,
        }

    @property
    def faults(self) -> Faults:
        """The faults in force, with the counters as they stand now."""
        with self._lock:
            return self._faults.model_copy(update=self._counters)

    def set(self, faults: Faults) -> None:
        """Replace the faults and re-seed the generator."""
        with self._lock:
            self._faults = faults
            self._rng = random.Random(faults.seed)  # noqa: S311 - simulation, not security
            self._burst_left = 0
            self._counters = self._counts(faults)

    def decide(self, method: str) -> Decision:
        """Decide the fate of the next request."""
        with self._lock:
            f = self._faults
            r_error, r_limit, r_drop = self._rng.random(), self._rng.random(), self._rng.random()
            # Drawn only when used, so seeds chosen before this fault existed fail the same way.
            r_hold = self._rng.random() if f.timeout_rate else 1.0
            # ``drop_next`` is only used up by a POST that succeeds (see ``take_drop``).
            drop = method == "POST" and r_drop < f.drop_after_commit_rate
            if self._counters["rate_limit_next"] > 0:
                self._counters["rate_limit_next"] -= 1
                return Decision(f.latency, 429, f.retry_after)
            if self._counters["fail_next"] > 0:
                self._counters["fail_next"] -= 1
                return Decision(f.latency, f.error_status, f.retry_after)
            if self._burst_left > 0:
                self._burst_left -= 1
                return Decision(f.latency, 429, f.retry_after)
            if r_limit < f.rate_limit_rate:
                self._burst_left = f.rate_limit_burst - 1
                return Decision(f.latency, 429, f.retry_after)
            if r_error < f.error_rate:
                return Decision(f.latency, f.error_status, f.retry_after)
            hold = f.timeout_delay if r_hold < f.timeout_rate and not drop else 0.0
            return Decision(f.latency, None, 0.0, drop, hold)

    def take_drop(self) -> bool:
        """Use up one ``drop_next`` for a POST that succeeded; whether to cut its connection."""
        with self._lock:
            if self._counters["drop_next"] > 0:
                self._counters["drop_next"] -= 1
                return True
            return False


class ConnectionDropped(Exception):  # noqa: N818 - named after what the client sees
    """Raised after the response head was sent, so the server cuts the connection."""


class _QuietDrops(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, ConnectionDropped)


def quiet_dropped_connections() -> None:
    """Keep uvicorn from logging a traceback for each injected drop."""
    log = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _QuietDrops) for f in log.filters):
        log.addFilter(_QuietDrops())


_TITLES = {
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


class FaultMiddleware:
    """Outermost ASGI middleware: request ids, then injected faults.

    Paths under ``/_sandbox`` (the admin endpoints) are never faulted.
    """

    def __init__(self, app: ASGIApp, injector: FaultInjector) -> None:
        self.app = app
        self.injector = injector

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = "req_" + uuid.uuid4().hex[:20]
        scope.setdefault("state", {})["request_id"] = request_id
        rid = (REQUEST_ID_HEADER, request_id.encode())
        admin = scope["path"].startswith("/_sandbox")
        decision = Decision() if admin else self.injector.decide(scope["method"])
        if decision.latency:
            await asyncio.sleep(decision.latency)
        if decision.status is not None:
            await self._refuse(send, decision, request_id, scope["path"])
            return
        drop = decision.drop_after_commit

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                if decision.hold:
                    await asyncio.sleep(decision.hold)
                message["headers"] = [*message.get("headers", []), rid]
                await send(message)
                if (
                    200 <= message["status"] < 300
                    and scope["method"] == "POST"
                    and not admin
                    and (drop or self.injector.take_drop())
                ):
                    raise ConnectionDropped("injected drop after commit")
                return
            await send(message)

        await self.app(scope, receive, send_with_id)

    @staticmethod
    async def _refuse(send: Send, decision: Decision, request_id: str, path: str) -> None:
        status = decision.status or 503
        body = json.dumps(
            {
                "type": "urn:lapor:problem:rate-limited"
                if status == 429
                else "urn:lapor:problem:unavailable",
                "title": _TITLES.get(status, "Error"),
                "status": status,
                "detail": "injected by the sandbox's fault settings",
                "instance": path,
                "request_id": request_id,
            }
        ).encode()
        headers = [
            (b"content-type", b"application/problem+json"),
            (b"content-length", str(len(body)).encode()),
            (REQUEST_ID_HEADER, request_id.encode()),
        ]
        if status in (429, 503):
            headers.append((b"retry-after", str(math.ceil(decision.retry_after)).encode()))
            headers.append((b"retry-after-ms", str(int(decision.retry_after * 1000)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
