"""Conventions shared by every ``lapor`` and ``hoax`` command: the CLI's own small toolkit.

Command modules (today's and the ones to come: ``_sync.py``, ``_triage.py``, ``_ppid.py``, …)
use these instead of writing their own, so an option means the same in every command and
every failure ends with the same exit code:

- ``--db`` — :data:`DbOption`, :func:`database_url`, :func:`open_database`: a database URL
  (``sqlite:///reports.db``, ``postgresql://user@host/dbname``) or a bare path to a SQLite
  file (``reports.db``). The value is checked before use; a database that cannot be opened or
  reached is one line naming ``--db`` and the fix, exit code 3.
- ``--tz`` — :data:`TzOption`, :func:`parse_tz`: ``WIB``, ``WITA``, ``WIT`` or an IANA name.
- instants (``--now``, ``--start``, ``--seen-at``, …) — :func:`parse_instant`: ISO 8601 with
  a UTC offset; a naive time is read in ``--tz`` only where a command says so.
- input files — :data:`MAX_INPUT_BYTES`, :func:`read_input`, :func:`read_text`,
  :func:`read_json`: one size cap and one wording for every file a command reads;
  :func:`checked_input` applies the same checks to a file a library function reads itself
  (a CSV history, a triage model).
- exit codes — :class:`ExitCode` and :func:`exit_code_for`; the table is in ``docs/cli.md``.
  Raise :class:`CliError` (or a subclass) from a command to choose the code and wording;
  library errors are mapped by kind in one place (``cli/_app.py`` calls
  :func:`exit_code_for`).

Nothing here imports the heavy parts of the library at module level: ``lapor --version`` and
every ``--help`` stay fast. Messages name CLI options (``--db``), never Python arguments.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum, IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer

from .._exceptions import LaporError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

__all__ = [
    "MAX_INPUT_BYTES",
    "SQLITE_SUFFIXES",
    "ZONE_NAMES",
    "CliError",
    "DatabaseUnavailableError",
    "DbOption",
    "ExitCode",
    "TzOption",
    "checked_input",
    "database_errors",
    "database_url",
    "exit_code_for",
    "open_database",
    "parse_choice",
    "parse_instant",
    "parse_tz",
    "read_input",
    "read_json",
    "read_text",
    "shown_url",
]

#: Largest file any command reads (complaint lists, e-mails, chat exports, feeds): 100 MiB.
MAX_INPUT_BYTES: Final = 100 * 1024 * 1024
#: File name endings a bare ``--db`` path may have when the file does not exist yet.
SQLITE_SUFFIXES: Final = (".db", ".sqlite", ".sqlite3")
#: Indonesia's zones by their abbreviation; ``--tz`` takes these or any IANA name.
ZONE_NAMES: Final = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}

_E = TypeVar("_E", bound=Enum)

_SQLITE_MAGIC = b"SQLite format 3\x00"
_SCHEMES = ("sqlite", "postgresql", "postgres")


class ExitCode(IntEnum):
    """Exit codes of ``lapor`` and ``hoax``: one per kind of failure.

    ``DUE`` is not a failure: ``hoax due`` uses it to tell a cron job that claims are due.
    """

    OK = 0
    """Done."""
    INVALID_INPUT = 1
    """The input or the data was refused (a bad complaint, an unknown region, a move the
    workflow forbids, a file that is not JSON, …)."""
    USAGE = 2
    """The command line itself is wrong: unknown option, missing argument, an option value
    of the wrong type, a file argument that does not exist."""
    DATABASE = 3
    """The database of ``--db`` (or its default) cannot be used: malformed URL, missing
    directory, not a database, server unreachable, driver not installed."""
    NETWORK = 4
    """A remote service failed or could not be reached (the LAPOR API, a feed)."""
    FILE = 5
    """A file cannot be read or written (permissions, a directory, disk full)."""
    DUE = 10
    """``hoax due``: at least one claim is due within the window (an alert, not an error)."""
    PENDING = 11
    """``lapor sync run``: writes are still pending or in flight after the run (waiting for a
    retry time or for the national side); run it again later (an alert, not an error)."""
    INTERNAL = 70
    """A bug in lapor-sdk (an unexpected error); rerun with ``LAPOR_DEBUG=1`` for details."""


class CliError(LaporError):
    """An error a command reports on one line; ``exit_code`` says which kind it is."""

    exit_code: ExitCode = ExitCode.INVALID_INPUT


class DatabaseUnavailableError(CliError):
    """The database named by ``--db`` (or the default one) cannot be opened or reached."""

    exit_code = ExitCode.DATABASE


def _is_from(exc: BaseException, package: str) -> bool:
    return any(cls.__module__.split(".")[0] == package for cls in type(exc).__mro__)


def exit_code_for(exc: BaseException) -> ExitCode:
    """Return the exit code of an error that reached the CLI's error handler.

    :class:`CliError` carries its own; API errors are ``NETWORK``; SQLAlchemy errors are
    ``DATABASE``; other library errors and ``ValueError`` are ``INVALID_INPUT``; ``OSError``
    is ``FILE``; anything else is ``INTERNAL``.
    """
    if isinstance(exc, CliError):
        return exc.exit_code
    client = sys.modules.get("lapor_sdk.client")  # never imported means never raised
    if client is not None and isinstance(exc, client.APIError):
        return ExitCode.NETWORK
    if _is_from(exc, "sqlalchemy"):
        return ExitCode.DATABASE
    if isinstance(exc, LaporError | ValueError):
        return ExitCode.INVALID_INPUT
    if isinstance(exc, OSError):
        return ExitCode.FILE
    return ExitCode.INTERNAL


# -- --db --------------------------------------------------------------------------------------

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database: a URL (sqlite:///x.db, postgresql://user@host/db) or a SQLite file path.",
        show_default=False,
    ),
]
"""The ``--db`` option; turn its value into a URL with :func:`database_url`."""


def shown_url(url: str) -> str:
    """Return ``url`` as it may be printed: with its password hidden."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return url.split("@", 1)[-1][:200] if "@" in url else url[:200]


def _db_fix() -> str:
    return (
        "write a SQLite file path ending in .db (reports.db), sqlite:///path/to/file.db, "
        "or postgresql://user@host:5432/dbname"
    )


def _check_sqlite_path(path: Path, value: str) -> None:
    if str(path) in ("", ":memory:"):
        return
    if path.is_dir():
        raise DatabaseUnavailableError(
            f"--db {value!r} is a directory; give a file inside it, e.g. {path / 'lapor.db'}"
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise DatabaseUnavailableError(
            f"--db {value!r}: directory {parent} does not exist; create it first "
            f"(mkdir -p {parent}) or choose another path"
        )
    if path.is_file():
        try:
            with path.open("rb") as handle:
                head = handle.read(len(_SQLITE_MAGIC))
        except OSError as exc:
            raise DatabaseUnavailableError(
                f"--db {value!r} cannot be read ({exc.strerror}); check its permissions"
            ) from None
        if head and head != _SQLITE_MAGIC:
            raise DatabaseUnavailableError(
                f"--db {value!r} is a file but not a SQLite database; give another file name "
                "(a new one is created) or the right database"
            )


def database_url(value: str | None, *, default_name: str = "lapor.db") -> str:
    """Turn a ``--db`` value into a database URL, checking it before anything is opened.

    Args:
        value: What the user gave: a URL (``sqlite:///x.db``, ``postgresql://…``), a bare path
            to a SQLite file, or ``None`` for the default (``LAPOR_DATABASE_URL``, else
            ``$LAPOR_HOME/<default_name>``).
        default_name: File name of the default SQLite database.

    Returns:
        A URL that :func:`lapor_sdk.storage.create_engine` accepts.

    Raises:
        DatabaseUnavailableError: The value is not a usable database location; the message
            names ``--db`` and the fix.

    Example:
        >>> database_url("sqlite://")
        'sqlite://'
    """
    if value is None:
        from ..storage import default_database_url

        return default_database_url(default_name)
    text = value.strip()
    if not text or len(text) > 2000:
        raise DatabaseUnavailableError(f"--db {value[:60]!r} is empty or too long; {_db_fix()}")
    if "://" not in text:
        path = Path(text).expanduser()
        if not (path.is_file() or path.suffix.lower() in SQLITE_SUFFIXES):
            raise DatabaseUnavailableError(
                f"--db {text[:80]!r} is neither a database URL nor a SQLite file name; " + _db_fix()
            )
        _check_sqlite_path(path, text)
        return f"sqlite:///{path}"
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        raise DatabaseUnavailableError(
            f"--db {shown_url(text)!r} is not a database URL; {_db_fix()}"
        ) from None
    scheme = url.get_backend_name()
    if scheme not in _SCHEMES:
        raise DatabaseUnavailableError(
            f"--db uses {scheme!r}, which lapor-sdk does not support; use SQLite "
            "(sqlite:///file.db) or PostgreSQL (postgresql://user@host/dbname)"
        )
    if scheme == "sqlite" and url.database:
        _check_sqlite_path(Path(url.database).expanduser(), text)
    return text


def _reason(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    first = str(original).strip().splitlines()[0] if str(original).strip() else ""
    return " ".join(first.split())[:200] or type(original).__name__


def _describe_failure(url: str, exc: BaseException) -> str:
    shown = shown_url(url)
    reason = _reason(exc)
    low = reason.lower()
    if type(exc).__name__ == "NoSuchModuleError" or "no module named" in low:
        fix = "install the PostgreSQL driver: pip install 'lapor-sdk[postgres]'"
    elif "not a database" in low or "file is encrypted" in low:
        fix = "the file is not a SQLite database; point --db at another file"
    elif "unable to open database file" in low:
        fix = "check that the directory exists and is writable, or choose another --db path"
    elif url.startswith("postgres"):
        fix = (
            "check the host, port, user and database name in --db and that PostgreSQL is "
            "running and reachable"
        )
    else:
        fix = "check --db"
    return f"cannot open database {shown}: {reason}; {fix}"


@contextmanager
def database_errors(url: str) -> Iterator[None]:
    """Turn SQLAlchemy errors raised inside the block into :class:`DatabaseUnavailableError`.

    Args:
        url: The URL being used (shown without its password).
    """
    from sqlalchemy.exc import SQLAlchemyError

    try:
        yield
    except SQLAlchemyError as exc:
        raise DatabaseUnavailableError(_describe_failure(url, exc)) from None


def open_database(url: str, *, connect_timeout: int = 5) -> Engine:
    """Create an engine for ``url`` and connect once, so a bad database fails here, clearly.

    Args:
        url: A URL from :func:`database_url`.
        connect_timeout: Seconds to wait for a PostgreSQL server.

    Returns:
        The engine (the caller disposes of it).

    Raises:
        DatabaseUnavailableError: The database cannot be opened or reached.
    """
    import sqlalchemy as sa

    from ..storage import create_engine

    kwargs = {}
    if url.startswith("postgres"):
        kwargs["connect_args"] = {"connect_timeout": connect_timeout}
    with database_errors(url):
        engine = create_engine(url, **kwargs)
        try:
            with engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
                if url.startswith("sqlite"):
                    conn.execute(sa.text("SELECT count(*) FROM sqlite_master"))
        except BaseException:
            engine.dispose()
            raise
    return engine


# -- --tz --------------------------------------------------------------------------------------

TzOption = Annotated[
    str,
    typer.Option("--tz", help="Time zone: WIB, WITA, WIT or an IANA name (Asia/Jakarta)."),
]
"""The ``--tz`` option; read its value with :func:`parse_tz`."""


def parse_tz(value: str, option: str = "--tz") -> ZoneInfo:
    """Read a time zone: ``WIB``, ``WITA``, ``WIT`` (any case) or an IANA name.

    Raises:
        CliError: Not a zone; the message names ``option`` and the accepted values.

    Example:
        >>> parse_tz("wita").key
        'Asia/Makassar'
    """
    text = value.strip()
    name = ZONE_NAMES.get(text.upper(), text)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise CliError(
            f"{option} {value[:40]!r} is not a time zone; use WIB, WITA, WIT or an IANA name "
            "such as Asia/Jakarta, Asia/Makassar, Asia/Jayapura"
        ) from None


def parse_choice(kind: type[_E], value: str, option: str, what: str) -> _E:
    """Read an option whose value is one of an enum's values.

    Raises:
        CliError: Not one of them; the message names ``option`` and lists the values.

    Example:
        >>> from lapor_sdk.models import Channel
        >>> parse_choice(Channel, "sms", "--channel", "channel").label
        'SMS 1708'
    """
    try:
        return kind(value)
    except ValueError:
        raise CliError(
            f"{option} {value[:30]!r} is not a {what}; use one of "
            + ", ".join(str(member.value) for member in kind)
        ) from None


# -- instants ----------------------------------------------------------------------------------


def parse_instant(text: str, option: str, *, naive_tz: dt.tzinfo | None = None) -> dt.datetime:
    """Read an ISO 8601 instant given on the command line.

    Args:
        text: The value (``2025-03-28T10:00+07:00``).
        option: The option's name for the message (``--now``).
        naive_tz: Zone for a value without offset; ``None`` refuses such values.

    Raises:
        CliError: Not an ISO date-time, no offset (and no ``naive_tz``), or out of range.
    """
    shown = text[:40]
    try:
        value = dt.datetime.fromisoformat(text.strip()[:64])
    except ValueError:
        raise CliError(
            f"{option} {shown!r} is not an ISO date-time; write e.g. 2025-03-28T10:00+07:00"
        ) from None
    if value.tzinfo is None:
        if naive_tz is None:
            raise CliError(
                f"{option} {shown!r} has no UTC offset; add one, e.g. 2025-03-28T10:00+07:00"
            )
        value = value.replace(tzinfo=naive_tz)
    try:
        value.astimezone(dt.UTC)
    except OverflowError:
        raise CliError(
            f"{option} {shown!r} is out of range; use a date between years 1 and 9999"
        ) from None
    return value


# -- input files -------------------------------------------------------------------------------


def checked_input(path: Path, what: str = "input file") -> Path:
    """Check a file a command was given: a regular file of at most :data:`MAX_INPUT_BYTES`.

    For files a library function opens itself; pass it ``max_bytes=MAX_INPUT_BYTES`` too,
    so a file that grows in between is still capped.

    Raises:
        CliError: Too large or not a regular file.
        OSError: Its size cannot be read (exit code ``FILE``).
    """
    if not path.is_file():
        raise CliError(f"{what} {path} is not a file; give the path of a file")
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise CliError(
            f"{what} {path} is {size} bytes, more than the {MAX_INPUT_BYTES // 1_048_576} MiB "
            "the command line reads; split it"
        )
    return path


def read_input(path: Path, what: str = "input file") -> bytes:
    """Read a file a command was given, refusing one larger than :data:`MAX_INPUT_BYTES`.

    Raises:
        CliError: Too large or not a regular file.
        OSError: It cannot be read (exit code ``FILE``).
    """
    with checked_input(path, what).open("rb") as handle:
        data = handle.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:  # it grew after it was checked
        raise CliError(f"{what} {path} grew past {MAX_INPUT_BYTES // 1_048_576} MiB while read")
    return data


def read_text(path: Path, what: str = "input file") -> str:
    """Read a UTF-8 text file (a byte-order mark is dropped), size-capped.

    Raises:
        CliError: Too large, not a file, or not UTF-8.
    """
    try:
        return read_input(path, what).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError(f"{what} {path} is not UTF-8 text; save it as UTF-8") from None


def read_json(path: Path, what: str = "input file") -> object:
    """Read a UTF-8 JSON file, size-capped.

    Raises:
        CliError: Too large, not a file, not UTF-8 or not JSON (line and column named).
    """
    text = read_text(path, what)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError(
            f"{what} {path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise CliError(f"{what} {path} is nested too deeply to be read as JSON") from None
