"""Normalise many claim texts in helper processes while the caller indexes them.

Building an index of 100,000 claims spends about half its time normalising the texts and the
other half on signatures and postings. The two halves are independent, so a bulk build hands
the normalisation to helper processes and indexes the results as they stream back: on two
cores the build takes about as long as the slower half.

The helpers are fresh interpreters started with :mod:`subprocess` (``sys.executable``), not
:mod:`multiprocessing` workers: they never fork a process that may run other threads (a web
server, a database pool), never re-import the caller's ``__main__`` script, and read only
JSON strings, so nothing of the caller's runs in them. Texts go in and normalised texts come
back as JSON lists, one line per chunk, in order. If a helper cannot start or stops early,
the texts it did not return are normalised in this process: the result is the same, only
slower.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import threading
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import IO

from ._normalize import MAX_INPUT_CHARS, normalize

__all__ = ["AUTO_MIN_TEXTS", "normalize_many"]

AUTO_MIN_TEXTS = 20_000
"""Below this many texts a helper process costs more to start than it saves."""

_CHUNK = 512
"""Texts per chunk handed to a helper (the unit of ordering and of fallback)."""

_LOCAL_SHARE = 8
"""One chunk in this many is normalised by the caller itself: with one helper the helper's
half is the slower by about a second of 7 at 100,000 claims, and this evens them out."""

_MAX_AUTO_WORKERS = 2
"""More helpers do not help by default: the indexing half then becomes the bottleneck."""

_SOURCE_ROOT = str(Path(__file__).resolve().parents[2])
"""The directory holding the ``hoax_clinic`` package, so a helper imports this very code."""

_CHILD_CODE = (
    "import sys; sys.path[:] = {path!r}; from hoax_clinic.matching._parallel import serve; serve()"
)

logger = logging.getLogger("hoax_clinic.matching")


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_PYTHON_NAME = re.compile(r"(?:^|[\\/])(?:python|pypy)[\d.]*(?:\.exe)?$", re.IGNORECASE)


def _python_executable() -> str | None:
    """This interpreter's executable, when it is one that can run ``-c`` code.

    Embedding servers (uWSGI, mod_wsgi) set ``sys.executable`` to their own binary, which
    must not be started with Python's arguments.
    """
    exe = sys.executable
    if not exe or getattr(sys, "frozen", False) or not _PYTHON_NAME.search(exe):
        return None
    return exe


def worker_count(n_texts: int, workers: int | None) -> int:
    """How many helper processes a bulk build of ``n_texts`` texts uses.

    ``None`` decides: one or two helpers (one fewer than the CPUs this process may use) when
    there are at least :data:`AUTO_MIN_TEXTS` texts and Python can start them; else none.
    """
    if workers is not None:
        return max(0, workers) if n_texts else 0
    if n_texts < AUTO_MIN_TEXTS or _python_executable() is None:
        return 0
    return max(0, min(_MAX_AUTO_WORKERS, _cpu_count() - 1))


def serve() -> None:
    """Helper process: each line on stdin is a JSON list of texts; answer each with a line
    holding the JSON list of their normal forms."""
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        texts = json.loads(line)
        out.write(json.dumps([normalize(t) for t in texts]).encode("ascii") + b"\n")
    out.flush()


_PIPE_BYTES = 1 << 20
"""Pipe size asked for (Linux): a helper runs about 5,000 texts ahead of the indexer."""


def _helper_path() -> list[str]:
    return [_SOURCE_ROOT, *(p for p in sys.path if p != _SOURCE_ROOT)]


def _start(command: list[str], pipesize: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603 - see _Helper
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        pipesize=pipesize,
    )


class _Helper:
    """One helper process: a thread feeds it its chunks, the caller reads the answers."""

    def __init__(self, chunks: list[list[str]]) -> None:
        # The command is this interpreter running this module: nothing in it comes from the
        # caller. A traceback would quote claim texts, so the helper's stderr is dropped; a
        # failure shows as a short answer, and the caller normalises the rest itself.
        # The helper imports from this process's own path (-P: no current directory added).
        exe = _python_executable()
        if exe is None:
            raise OSError("this process does not run from a Python executable")
        command = [exe, "-P", "-c", _CHILD_CODE.format(path=_helper_path())]
        try:
            self.proc = _start(command, _PIPE_BYTES)
        except PermissionError:  # that pipe size is above this system's limit
            self.proc = _start(command, -1)
        if self.proc.stdin is None or self.proc.stdout is None:  # pragma: no cover - PIPE given
            raise OSError("helper process has no pipes")
        self._stdout = self.proc.stdout
        self._writer = threading.Thread(
            target=self._write, args=(self.proc.stdin, chunks), daemon=True
        )
        self._writer.start()

    @staticmethod
    def _write(stdin: IO[bytes], chunks: list[list[str]]) -> None:
        try:
            for chunk in chunks:
                stdin.write(json.dumps(chunk).encode("ascii") + b"\n")
            stdin.close()
        except (OSError, ValueError):  # the helper stopped (or was stopped): the reader sees it
            pass

    def next_chunk(self, size: int) -> list[str] | None:
        """The helper's answer for its next chunk; ``None`` if it stopped or answered wrongly."""
        try:
            line = self._stdout.readline()
            value = json.loads(line) if line else None
        except (OSError, ValueError):
            return None
        if (
            not isinstance(value, list)
            or len(value) != size
            or not all(isinstance(v, str) for v in value)
        ):
            return None
        return value

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass
        self._writer.join()


def normalize_many(
    texts: Sequence[str], *, workers: int | None = None
) -> Generator[str, None, None]:
    """Yield :func:`~hoax_clinic.matching.normalize` of each text, in order.

    Args:
        texts: The texts (strings).
        workers: Helper processes to use; ``0`` normalises here, ``None`` decides by the
            number of texts and CPUs (see :func:`worker_count`).

    Yields:
        The normal form of each text, as :func:`~hoax_clinic.matching.normalize` gives it.
    """
    n_workers = worker_count(len(texts), workers)
    if n_workers == 0:
        yield from map(normalize, texts)
        return
    # Only what normalize reads is sent.
    chunks = [
        [t[:MAX_INPUT_CHARS] for t in texts[i : i + _CHUNK]] for i in range(0, len(texts), _CHUNK)
    ]
    # Every LOCAL_SHARE-th chunk is normalised here (the indexing half is the lighter one),
    # the others go round-robin to the helpers.
    remote = [k for k in range(len(chunks)) if k % _LOCAL_SHARE != _LOCAL_SHARE - 1]
    owner = [-1] * len(chunks)
    for r, k in enumerate(remote):
        owner[k] = r % n_workers
    helpers: list[_Helper] = []
    try:
        try:
            for w in range(n_workers):
                helpers.append(_Helper([chunks[k] for k in remote[w::n_workers]]))
        except OSError as exc:
            logger.warning("could not start a normalising helper process (%s); normalising here",
                           type(exc).__name__)  # fmt: skip
        failed: set[int] = set()
        for w, chunk in zip(owner, chunks, strict=True):
            result = None
            if 0 <= w < len(helpers) and w not in failed:
                result = helpers[w].next_chunk(len(chunk))
                if result is None:
                    failed.add(w)
                    logger.warning("a normalising helper process stopped early; normalising here")
            yield from (result if result is not None else map(normalize, chunk))
    finally:
        for helper in helpers:
            helper.stop()
