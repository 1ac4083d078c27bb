"""A small Chrome DevTools Protocol client over ``--remote-debugging-pipe`` (stdlib only).

The accessibility tests drive Debian's headless Chromium directly: the browser reads
NUL-terminated JSON commands on file descriptor 3 and writes answers and events on 4 (the
transport Puppeteer's ``pipe: true`` uses). No websocket, no WebDriver, no Node process at
test time: the only things the tests need besides Python are a ``chromium`` binary and
axe-core's ``axe.min.js`` (installed by ``npm ci`` in this folder).

Every read has a deadline, so a hung browser fails a test with a message instead of hanging
the suite; the browser process is killed when the :class:`Browser` is closed.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Browser", "BrowserError", "Page", "find_chromium"]

#: Binaries tried in order (Debian's package installs ``chromium``).
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

#: Flags for a machine whose network reaches only package registries (see the machine notes):
#: without the background-networking ones Chromium keeps dialling Google's hosts.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--mute-audio",
    "--hide-scrollbars",
    "--force-color-profile=srgb",
    "--remote-debugging-pipe",
)

_KEYS = {
    "Tab": {"key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9},
    "Enter": {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"},
    " ": {"key": " ", "code": "Space", "windowsVirtualKeyCode": 32, "text": " "},
}
_SHIFT = 8
_TRAMPOLINE = (
    "import os, sys; r, w = int(sys.argv[1]), int(sys.argv[2]); "
    "os.dup2(r, 3); os.dup2(w, 4); os.close(r); os.close(w); os.execv(sys.argv[3], sys.argv[3:])"
)


class BrowserError(RuntimeError):
    """The browser could not start, closed, timed out or reported a protocol error."""


def _high(fd: int) -> int:
    """Return a duplicate of ``fd`` numbered 10 or more, closing the original."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


def find_chromium() -> str | None:
    """Return the path of a Chromium-like browser on ``PATH``, or ``None``."""
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """One headless Chromium process, spoken to over the DevTools pipe.

    Example::

        with Browser.launch() as browser:
            page = browser.new_page()
            page.set_viewport(412, 900, mobile=True)
            page.open(Path("report.html"))
            print(page.evaluate("document.title"))
    """

    def __init__(
        self,
        process: subprocess.Popen[bytes],
        to_browser: int,
        from_browser: int,
        profile: tempfile.TemporaryDirectory[str],
        timeout: float,
    ) -> None:
        self._process = process
        self._out = to_browser
        self._in = from_browser
        self._profile = profile
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []
        self.timeout = timeout

    @classmethod
    def launch(cls, executable: str | None = None, *, timeout: float = 60.0) -> Browser:
        """Start a headless browser with a throw-away profile.

        Args:
            executable: The browser binary; default the first of :data:`BROWSERS` on ``PATH``.
            timeout: Seconds any single command may take.

        Raises:
            BrowserError: No browser found, or it did not answer.
        """
        binary = executable or find_chromium()
        if binary is None:
            raise BrowserError(f"no browser found on PATH (looked for {', '.join(BROWSERS)})")
        profile = tempfile.TemporaryDirectory(prefix="lapor-a11y-")
        command_read, command_write = os.pipe()  # the browser reads commands on fd 3
        answer_read, answer_write = os.pipe()  # and writes answers on fd 4
        # Lift the child's ends above 9 so that moving them to 3 and 4 cannot clash.
        command_read, answer_write = (_high(command_read), _high(answer_write))
        log = Path(profile.name) / "stderr.log"
        # A tiny Python trampoline moves our pipe ends to descriptors 3 and 4, then becomes
        # the browser (POSIX sh cannot name descriptors above 9; preexec_fn is not fork-safe).
        argv = [
            sys.executable, "-c", _TRAMPOLINE, str(command_read), str(answer_write), binary,
            *FLAGS, f"--user-data-dir={profile.name}", "about:blank",
        ]  # fmt: skip
        with log.open("wb") as err:
            process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=err,
                pass_fds=(command_read, answer_write),
            )
        os.close(command_read)
        os.close(answer_write)
        browser = cls(process, command_write, answer_read, profile, timeout)
        try:
            browser.send("Browser.getVersion")
        except BrowserError as exc:
            tail = log.read_text("utf-8", "replace")[-2000:]
            browser.close()
            raise BrowserError(f"{binary} did not start: {exc}\n{tail}") from exc
        return browser

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> str:
        """The browser's product string, e.g. ``"Chrome/156.0.8078.114"``."""
        return str(self.send("Browser.getVersion")["product"])

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError(f"no answer from the browser within {self.timeout:.0f} s")
            ready, _, _ = select.select([self._in], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                raise BrowserError(f"the browser closed (exit code {self._process.poll()})")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        """Send one command and return its result; events that arrive meanwhile are kept.

        Raises:
            BrowserError: The browser answered with an error, closed or timed out.
        """
        self._next_id += 1
        ident = self._next_id
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        try:
            while data:
                written = os.write(self._out, data)
                data = data[written:]
        except OSError as exc:
            raise BrowserError(f"cannot send {method}: {exc}") from exc
        deadline = time.monotonic() + self.timeout
        while True:
            answer = self._read_message(deadline)
            if answer.get("id") == ident:
                if "error" in answer:
                    raise BrowserError(f"{method} failed: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            if "method" in answer:
                self._events.append(answer)

    def wait_event(self, method: str, session: str | None = None) -> dict[str, Any]:
        """Return the first event ``method`` (of ``session``) received, waiting if needed."""
        deadline = time.monotonic() + self.timeout
        while True:
            for index, event in enumerate(self._events):
                if event["method"] == method and event.get("sessionId") == session:
                    del self._events[index]
                    params: dict[str, Any] = event.get("params", {})
                    return params
            message = self._read_message(deadline)
            if "method" in message:
                self._events.append(message)

    def new_page(self) -> Page:
        """Open a new tab and attach to it."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        page = Page(self, target, session["sessionId"])
        page.call("Page.enable")
        page.call("Runtime.enable")
        page.call("Emulation.setFocusEmulationEnabled", {"enabled": True})
        return page

    def close(self) -> None:
        """Ask the browser to quit, kill it if it does not, and remove the profile."""
        if self._process.poll() is None:
            try:
                self.send("Browser.close")
                self._process.wait(timeout=10)
            except (BrowserError, subprocess.TimeoutExpired):
                self._process.kill()
                self._process.wait(timeout=10)
        for fd in (self._out, self._in):
            try:
                os.close(fd)
            except OSError:
                pass
        self._profile.cleanup()


@dataclass
class Page:
    """One tab of a :class:`Browser`."""

    browser: Browser
    target: str
    session: str

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """Send a command to this tab."""
        return self.browser.send(method, params, self.session)

    def set_viewport(
        self, width: int, height: int, *, scale: float = 1.0, mobile: bool = False
    ) -> None:
        """Emulate a screen ``width`` × ``height`` CSS pixels at ``scale`` device pixels each.

        ``mobile`` makes the page honour its viewport meta tag, as a phone does. A 1280 px
        window zoomed to 200 % is ``set_viewport(640, …, scale=2)``: CSS layout sees 640 px.
        """
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile},
        )

    def open(self, path: Path) -> None:
        """Load a local file and wait for its load event."""
        self.browser._events.clear()
        answer = self.call("Page.navigate", {"url": path.resolve().as_uri()})
        if answer.get("errorText"):
            raise BrowserError(f"cannot open {path.name}: {answer['errorText']}")
        self.browser.wait_event("Page.loadEventFired", self.session)

    def evaluate(self, expression: str, *, await_promise: bool = False) -> Any:
        """Evaluate JavaScript in the page and return its JSON value.

        Raises:
            BrowserError: The expression threw (the message says what).
        """
        answer = self.call(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": await_promise, "returnByValue": True},
        )
        if "exceptionDetails" in answer:
            details = answer["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise BrowserError(f"script failed: {text}")
        return answer["result"].get("value")

    def press(self, key: str, *, shift: bool = False) -> None:
        """Press and release ``key`` (``"Tab"``, ``"Enter"`` or ``" "``) as a keyboard does."""
        spec = dict(_KEYS[key])
        modifiers = _SHIFT if shift else 0
        down = {"type": "keyDown", "modifiers": modifiers, **spec}
        up = {"type": "keyUp", "modifiers": modifiers}
        up.update((k, v) for k, v in spec.items() if k != "text")
        self.call("Input.dispatchKeyEvent", down)
        self.call("Input.dispatchKeyEvent", up)

    def screenshot(
        self, *, clip: tuple[float, float, float, float] | None = None, full: bool = False
    ) -> bytes:
        """Return a PNG of the viewport, of ``clip`` or of the whole page (``full``).

        ``clip`` is (x, y, width, height) in CSS px of the document; it must be in view (a
        clip beyond the viewport forces a full-page layout, about 20 times slower).
        """
        params: dict[str, Any] = {"format": "png"}
        if clip is not None:
            x, y, width, height = clip
            params["clip"] = {"x": x, "y": y, "width": width, "height": height, "scale": 1}
        elif full:
            size = self.call("Page.getLayoutMetrics")["cssContentSize"]
            width, height = size["width"], size["height"]
            params["clip"] = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
            params["captureBeyondViewport"] = True
        return base64.b64decode(self.call("Page.captureScreenshot", params)["data"])

    def close(self) -> None:
        """Close the tab."""
        self.browser.send("Target.closeTarget", {"targetId": self.target})


@contextmanager
def running(executable: str | None = None) -> Iterator[Browser]:
    """Launch a browser for the ``with`` block."""
    browser = Browser.launch(executable)
    try:
        yield browser
    finally:
        browser.close()
