"""``Sandbox``: the emulator as an object you start, fault and talk to."""

from __future__ import annotations

import datetime as dt
import hmac
import ipaddress
import os
import secrets
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..storage import create_engine
from ._app import ApiProblem as _ApiProblem
from ._app import SandboxState, build_app, get_suggestion, load, problem_response, suggestion_json
from ._directory import AGENCIES, DEMO_AGENCY, GATEWAY_TOKEN, Principal, token_for
from ._faults import ASGIApp, FaultInjector, FaultMiddleware, Faults, quiet_dropped_connections
from ._store import SandboxStore

if TYPE_CHECKING:
    from ..client import AsyncLaporClient, LaporClient
    from ..intake import Triager

__all__ = ["ADMIN_KEY_ENV", "Sandbox"]

#: Environment variable with the key of the ``/_sandbox/*`` endpoints (else a random one).
ADMIN_KEY_ENV = "LAPOR_SANDBOX_ADMIN_KEY"
#: Headers a reverse proxy adds: a request carrying one did not come from this machine.
_PROXY_HEADERS = ("forwarded", "x-forwarded-for", "x-real-ip")


def _is_loopback(host: str | None) -> bool:
    if host is None:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


_WIB = ZoneInfo("Asia/Jakarta")


def _now_wib() -> dt.datetime:
    # Report times in WIB, like LAPOR!: the tracking id's year is the year in Jakarta.
    return dt.datetime.now(_WIB)


def _tcp_socket() -> socket.socket:
    # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY on accepted connections only for
    # sockets that say they are TCP; without it every answer waits ~40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    return sock


class Sandbox:
    """An in-process emulator of the LAPOR integration API.

    Args:
        db: Database URL for the sandbox's tables (default ``sqlite://``, in memory).
        faults: Faults to inject from the start.
        clock: Source of "now" for report events (aware datetimes).
        wall: Source of POSIX time for the 24-hour idempotency window.
        admin_key: Key of the ``/_sandbox/*`` endpoints (reset, faults); else
            ``LAPOR_SANDBOX_ADMIN_KEY``, else a random one (:attr:`admin_key`). Requests need
            ``Authorization: Bearer <admin key>`` unless the sandbox listens on a loopback
            address and the request comes from loopback, not through a proxy.
        idempotency: ``False`` emulates a server without idempotency (like what is known of
            the LAPOR 3.0.0 gateway): ``Idempotency-Key`` is neither required nor honoured and
            filing the same ``external_ref`` again files a second report.
        triage: A triage model (:class:`lapor_sdk.triage.TriageModel`, or anything with a
            ``suggest(text)``): then ``GET /_sandbox/complaints/{tracking_id}/suggestion``
            (with the agency's API key) and :meth:`suggestion` give the category or unit it
            suggests for a report.

    Example:
        >>> from lapor_sdk.sandbox import Sandbox
        >>> with Sandbox.running() as sb, sb.client() as client:   # doctest: +SKIP
        ...     c = client.complaints.create(title="Jalan rusak", description="…",
        ...                                  external_ref="demo:1")
    """

    def __init__(
        self,
        *,
        db: str = "sqlite://",
        faults: Faults | None = None,
        clock: Callable[[], dt.datetime] = _now_wib,
        wall: Callable[[], float] = time.time,
        admin_key: str | None = None,
        idempotency: bool = True,
        triage: Triager | None = None,
    ) -> None:
        self.store = SandboxStore(create_engine(db))
        self.injector = FaultInjector(faults)
        self.admin_key = (
            admin_key
            or os.environ.get(ADMIN_KEY_ENV)
            or "sk_sandbox_admin_" + secrets.token_urlsafe(18)
        )
        admin = [
            Route("/_sandbox/faults", self._guarded(self._get_faults), methods=["GET"]),
            Route("/_sandbox/faults", self._guarded(self._put_faults), methods=["PUT"]),
            Route("/_sandbox/reset", self._guarded(self._reset), methods=["POST"]),
            Route("/_sandbox/complaints/{tracking_id}/suggestion", get_suggestion, methods=["GET"]),
        ]
        from ._lapor3 import lapor3_routes
        from ._open311 import open311_routes

        self.state = SandboxState(
            store=self.store,
            clock=clock,
            wall=wall,
            extra_routes=[*lapor3_routes(), *open311_routes(), *admin],
            idempotency=idempotency,
            triage=triage,
        )
        self.starlette = build_app(self.state)
        self.app: ASGIApp = FaultMiddleware(self.starlette, self.injector)
        self.host = "127.0.0.1"
        self.port: int | None = None

    def __repr__(self) -> str:
        where = self.base_url if self.port is not None else "not running"
        return f"Sandbox({where}, reports={self.store.count()})"

    @property
    def idempotency(self) -> bool:
        """Whether ``Idempotency-Key`` is honoured (see the ``idempotency`` argument)."""
        return self.state.idempotency

    # -- accounts --------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """Root URL of the running sandbox (``http://127.0.0.1:<port>``)."""
        if self.port is None:
            raise RuntimeError("the sandbox is not running; use `with Sandbox.running() as sb:`")
        return f"http://{self.host}:{self.port}"

    @property
    def api_key(self) -> str:
        """Admin API key of the demo agency (Pemerintah Kota Surabaya)."""
        return token_for(DEMO_AGENCY)

    @property
    def agency_id(self) -> str:
        """Id of the demo agency."""
        return DEMO_AGENCY

    @property
    def gateway_token(self) -> str:
        """SPLP gateway token accepted by the ``lapor3`` profile."""
        return GATEWAY_TOKEN

    @staticmethod
    def api_key_for(agency_id: str, account: str = "admin") -> str:
        """Return the API key of another agency's ``admin`` or ``liaison`` account."""
        return token_for(agency_id, account)

    def client(self, **options: Any) -> LaporClient:
        """Return a :class:`~lapor_sdk.LaporClient` for the demo agency (options override)."""
        from ..client import LaporClient

        return LaporClient(**self._client_options(options))

    def async_client(self, **options: Any) -> AsyncLaporClient:
        """Return an :class:`~lapor_sdk.AsyncLaporClient` for the demo agency."""
        from ..client import AsyncLaporClient

        return AsyncLaporClient(**self._client_options(options))

    def _client_options(self, options: dict[str, Any]) -> dict[str, Any]:
        opts: dict[str, Any] = {"base_url": self.base_url, "api_key": self.api_key}
        if options.get("profile") == "lapor3":
            opts["gateway_token"] = self.gateway_token
        opts.update(options)
        return opts

    # -- faults ----------------------------------------------------------------------------

    @property
    def faults(self) -> Faults:
        """The faults in force (counters as they stand)."""
        return self.injector.faults

    def set_faults(self, faults: Faults | None = None, **changes: Any) -> Faults:
        """Replace the faults (``faults``) or change some settings of the current ones.

        Example:
            >>> sb.set_faults(drop_next=1)        # doctest: +SKIP
            >>> sb.set_faults(Faults())           # doctest: +SKIP  (no faults)
        """
        base = faults or self.injector.faults
        new = Faults.model_validate({**base.model_dump(), **changes})
        self.injector.set(new)
        return new

    def suggestion(self, tracking_id: str, agency_id: str | None = None) -> dict[str, Any]:
        """Return the triage model's suggestion for a report, as the HTTP extension does.

        Args:
            tracking_id: The report.
            agency_id: The agency looking (default: the demo agency); it must see the report.

        Returns:
            ``{"tracking_id", "suggestion": {label, unit, confidence, abstain, threshold,
            alternatives, text}, "line"}``; ``line`` is what a person reads, e.g.
            ``"suggested: dsdabm → Dinas Sumber Daya Air dan Bina Marga, 0.93"``.

        Raises:
            LookupError: No such report visible to the agency, or no triage model.
        """
        agency = agency_id or DEMO_AGENCY
        principal = Principal(agency, AGENCIES[agency].role) if agency in AGENCIES else None
        if principal is None:
            raise LookupError(f"no sandbox agency {agency[:60]!r}; see lapor_sdk.sandbox.AGENCIES")
        try:
            stored = load(self.state, principal, tracking_id)
            return suggestion_json(self.state, stored, agency)
        except _ApiProblem as exc:
            raise LookupError(exc.detail or exc.title) from None

    def reset(self) -> None:
        """Forget every report and idempotency record and clear the faults."""
        self.store.reset()
        self.injector.set(Faults())

    def _admin_allowed(self, request: Request) -> bool:
        """Whether a request may use ``/_sandbox/*``: the admin key, or a local request to a
        sandbox that listens on loopback only (so nobody else can reach it)."""
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(
            token.strip().encode(), self.admin_key.encode()
        ):
            return True
        peer = request.client.host if request.client is not None else None
        proxied = any(h in request.headers for h in _PROXY_HEADERS)
        return _is_loopback(self.host) and _is_loopback(peer) and not proxied

    def _guarded(
        self, handler: Callable[[Request], Awaitable[Response]]
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            if not self._admin_allowed(request):
                return problem_response(
                    request,
                    _ApiProblem(
                        401,
                        "unauthenticated",
                        "Unauthorized",
                        "the /_sandbox/* endpoints need `Authorization: Bearer <sandbox admin "
                        f"key>` (printed by `lapor sandbox serve`, set with {ADMIN_KEY_ENV}) "
                        "unless the sandbox listens on loopback and the request is local",
                        headers={"WWW-Authenticate": 'Bearer realm="lapor-sandbox-admin"'},
                    ),
                )
            return await handler(request)

        return endpoint

    async def _get_faults(self, request: Request) -> Response:
        return JSONResponse(self.faults.model_dump())

    async def _put_faults(self, request: Request) -> Response:
        try:
            new = Faults.model_validate_json(await request.body())
        except ValidationError as exc:
            errors = [
                {
                    "pointer": "/" + "/".join(str(p) for p in e["loc"]),
                    "detail": e["msg"],
                    "code": e["type"],
                }
                for e in exc.errors(include_input=False, include_url=False)
            ]
            return problem_response(
                request, _ApiProblem(422, "validation", "Unprocessable Content", errors=errors)
            )
        self.injector.set(new)
        return JSONResponse(new.model_dump())

    async def _reset(self, request: Request) -> Response:
        self.reset()
        return Response(status_code=204)

    # -- serving ---------------------------------------------------------------------------

    def _server(self, sock: socket.socket, log_level: str) -> Any:
        import uvicorn

        quiet_dropped_connections()
        config = uvicorn.Config(
            self.app,
            log_level=log_level,
            lifespan="off",
            access_log=False,
            timeout_graceful_shutdown=1,
        )
        return uvicorn.Server(config)

    @classmethod
    @contextmanager
    def running(
        cls,
        *,
        port: int = 0,
        host: str = "127.0.0.1",
        db: str = "sqlite://",
        faults: Faults | None = None,
        clock: Callable[[], dt.datetime] = _now_wib,
        wall: Callable[[], float] = time.time,
        log_level: str = "warning",
        admin_key: str | None = None,
        idempotency: bool = True,
        triage: Triager | None = None,
    ) -> Iterator[Sandbox]:
        """Serve a new sandbox on a loopback port in a background thread for a ``with`` block.

        Args:
            port: Port to bind (0 = a free one).
            host: Interface to bind.
            db: Database URL (default in memory).
            faults: Faults to inject from the start.
            clock: Source of "now" for report events.
            wall: POSIX time for the idempotency window.
            log_level: uvicorn's log level.
            admin_key: Key of the ``/_sandbox/*`` endpoints (see :class:`Sandbox`).
            idempotency: ``False`` for a server that neither requires nor honours
                ``Idempotency-Key`` and files a repeated ``external_ref`` again.
            triage: A triage model whose suggestions the sandbox shows (see :class:`Sandbox`).

        Yields:
            The running sandbox (``sb.base_url``, ``sb.api_key``, ``sb.client()``).
        """
        sandbox = cls(
            db=db,
            faults=faults,
            clock=clock,
            wall=wall,
            admin_key=admin_key,
            idempotency=idempotency,
            triage=triage,
        )
        sock = _tcp_socket()
        sock.bind((host, port))
        sandbox.host, sandbox.port = host, sock.getsockname()[1]
        server = sandbox._server(sock, log_level)
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="lapor-sandbox", daemon=True
        )
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                sock.close()
                raise RuntimeError("the sandbox server did not start")
            time.sleep(0.005)
        try:
            yield sandbox
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            sock.close()
            sandbox.store.engine.dispose()

    def serve(self, *, host: str = "127.0.0.1", port: int = 8000, log_level: str = "info") -> None:
        """Serve in the foreground until interrupted (``lapor sandbox serve``)."""
        sock = _tcp_socket()
        sock.bind((host, port))
        self.host, self.port = host, sock.getsockname()[1]
        try:
            self._server(sock, log_level).run(sockets=[sock])
        finally:
            sock.close()
