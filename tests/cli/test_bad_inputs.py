"""Every command, fed bad input through Typer's CliRunner: no traceback, one line, right code.

The exit codes are the table of docs/cli.md (``lapor_sdk.cli._options.ExitCode``): 1 the input
or data was refused, 2 the command line is wrong, 3 the database cannot be used, 5 a file
cannot be written. Each case names the words the line must contain, so the message names the
CLI option (``--db``, ``--tz``), never a Python argument.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hoax_clinic.cli import app as hoax_app
from lapor_sdk.cli import app as lapor_app
from lapor_sdk.cli._options import ExitCode

runner = CliRunner()
PYTHON_ARGUMENTS = ("allow_years", "received_at=", "seen_at", "find_regions(", "label=", "tz=")


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bad_dbs(tmp: Path) -> dict[str, str]:
    text = tmp / "notes.db"
    text.write_text("this is not a database\n" * 10, encoding="utf-8")
    return {
        "missing-directory": "/nonexistent/x.db",
        "garbage": "garbage",
        "unreachable-postgres": f"postgresql://postgres@127.0.0.1:{closed_port()}/lapor",
        "not-a-database": str(text),
        "not-a-database-url": f"sqlite:///{text}",
        "unsupported-scheme": "mysql://user@localhost/lapor",
        "directory": str(tmp),
        "empty": "",
    }


def assert_one_line(result, code: int, *words: str) -> str:  # type: ignore[no-untyped-def]
    output = result.output
    assert "Traceback" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert result.exit_code == code, output
    assert lines[0].startswith("error: "), output
    for word in words:
        assert word in lines[0], (word, output)
    for name in PYTHON_ARGUMENTS:
        assert name not in lines[0], (name, output)
    return lines[0]


# -- --db, the same in every command that has it ---------------------------------------------


def _db_commands(tmp: Path) -> dict[str, Callable[[str], list[str]]]:
    return {
        "lapor sandbox serve": lambda db: ["sandbox", "serve", "--port", "0", "--db", db],
        "lapor demo": lambda db: ["demo", "--db", db],
        "hoax list": lambda db: ["--db", db, "list"],
        "hoax log": lambda db: ["--db", db, "log", "Pesan berantai"],
    }


@pytest.mark.parametrize("command", ["lapor sandbox serve", "lapor demo", "hoax list", "hoax log"])
@pytest.mark.parametrize(
    "case",
    [
        "missing-directory",
        "garbage",
        "unreachable-postgres",
        "not-a-database",
        "not-a-database-url",
        "unsupported-scheme",
        "directory",
        "empty",
    ],
)
def test_bad_db_is_one_line_naming_the_fix(tmp_path: Path, command: str, case: str) -> None:
    pytest.importorskip("uvicorn")
    db = bad_dbs(tmp_path)[case]
    args = _db_commands(tmp_path)[command](db)
    app = hoax_app if command.startswith("hoax") else lapor_app
    result = runner.invoke(app, args)
    line = assert_one_line(result, ExitCode.DATABASE)
    assert "--db" in line or "cannot open database" in line
    fixes = ("check", "write", "give", "create", "install", "point", "use ")
    assert any(fix in line for fix in fixes), line
    assert not Path("garbage").exists()  # a typo never becomes a new database file


def test_a_bare_sqlite_path_is_accepted_everywhere(tmp_path: Path) -> None:
    db = tmp_path / "clinic.db"
    result = runner.invoke(hoax_app, ["--db", str(db), "log", "Pesan berantai bansos palsu"])
    assert result.exit_code == 0, result.output
    assert db.read_bytes().startswith(b"SQLite format 3\x00")
    again = runner.invoke(hoax_app, ["--db", f"sqlite:///{db}", "list"])
    assert again.exit_code == 0 and "1 claim(s)" in again.output


def test_unreachable_postgres_password_is_not_shown(tmp_path: Path) -> None:
    url = f"postgresql://lapor:s3cret-pw@127.0.0.1:{closed_port()}/lapor"
    result = runner.invoke(hoax_app, ["--db", url, "list"])
    line = assert_one_line(result, ExitCode.DATABASE, "cannot open database")
    assert "s3cret-pw" not in line


# -- every other command with bad input -------------------------------------------------------


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('[{"title": ', encoding="utf-8")
    complaint = {
        "title": "Jalan rusak",
        "description": "Jalan rusak di Kota Malang",
        "created_at": "2025-03-03T09:00:00+07:00",
    }
    good = tmp_path / "good.json"
    good.write_text(json.dumps([complaint]), encoding="utf-8")
    return {"empty": empty, "broken": broken, "good": good, "dir": tmp_path}


LAPOR_CASES: list[tuple[str, list[str], int, tuple[str, ...]]] = [
    ("unknown-command", ["nope"], 2, ("No such command", "lapor --help")),
    ("unknown-option", ["--bogus"], 2, ("No such option",)),
    ("validate-missing", ["validate", "{dir}/nope.json"], 2, ("does not exist",)),
    ("validate-broken", ["validate", "{broken}"], 1, ("is not valid JSON (line 1",)),
    ("schema-unwritable", ["schema", "-o", "/nonexistent/dir/s.json"], 5, ("No such file",)),
    ("regions-level", ["regions", "search", "Batu", "--level", "planet"], 1, ("--level",)),
    ("regions-unknown", ["regions", "search", "Atlantis"], 1, ("no region named",)),
    ("regions-show", ["regions", "show", "99.99"], 1, ("99.99", "lapor regions search")),
    ("regions-show-child", ["regions", "show", "35.99"], 1, ("Jawa Timur", "lapor regions")),
    ("intake-empty", ["intake", "{empty}"], 1, ("is empty",)),
    ("intake-received", ["intake", "{good}", "--received-at", "kemarin"], 1, ("--received-at",)),
    ("intake-naive", ["intake", "{good}", "--received-at", "2025-03-03T09:00"], 1, ("offset",)),
    ("intake-tz", ["intake", "{good}", "--tz", "Mars/Olympus"], 1, ("--tz",)),
    ("intake-exclude", ["intake", "{good}", "--exclude-author", "Admin"], 1, ("--exclude",)),
    ("sla-due-start", ["sla", "due", "--start", "x", "--duration", "3wd"], 1, ("--start",)),
    ("sla-due-missing", ["sla", "due", "--start", "x"], 2, ("--duration",)),
    (
        "sla-due-tz",
        ["sla", "due", "--start", "2025-03-03T09:00+07:00", "--duration", "3wd", "--tz", "Mars"],
        1,
        ("--tz 'Mars'", "WIB"),
    ),
    (
        "sla-due-duration",
        ["sla", "due", "--start", "2025-03-03T09:00+07:00", "--duration", "3 weeks"],
        1,
        ("duration",),
    ),
    (
        "sla-due-zero",
        ["sla", "due", "--start", "2025-03-03T09:00+07:00", "--duration", "0wd"],
        1,
        ("--duration '0wd'", "3wd"),
    ),
    ("sla-calendar-range", ["sla", "calendar", "1800"], 2, ("1900",)),
    ("sla-calendar-strict", ["sla", "calendar", "2031", "--strict-calendar"], 1, ("2031",)),
    ("sla-check-policy", ["sla", "check", "{good}", "--policy", "fast"], 1, ("--policy",)),
    ("sla-check-now", ["sla", "check", "{good}", "--now", "tomorrow"], 1, ("--now",)),
    ("sla-check-broken", ["sla", "check", "{broken}"], 1, ("not valid JSON",)),
    ("monev-broken", ["report", "monev", "{broken}", "-o", "{dir}/r.html"], 1, ("JSON",)),
    ("monev-tz", ["report", "monev", "{good}", "--tz", "Bandung"], 1, ("--tz",)),
    ("monev-min", ["report", "monev", "{good}", "--min-reports", "0"], 2, ("--min-reports",)),
    ("monev-period", ["report", "monev", "{good}", "--period", "year"], 2, ("--period",)),
    ("sample-count", ["report", "sample", "-n", "0"], 2, ("--count",)),
    ("sample-unwritable", ["report", "sample", "-o", "/nonexistent/c.json"], 5, ("No such",)),
    ("sandbox-faults", ["sandbox", "serve", "--faults", "error_rate=7"], 1, ("error_rate",)),
]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [pytest.param(a, c, w, id=i) for i, a, c, w in LAPOR_CASES],
)
def test_lapor_bad_inputs(
    files: dict[str, Path], args: list[str], code: int, words: tuple[str, ...]
) -> None:
    argv = [a.format(**files) for a in args]
    assert_one_line(runner.invoke(lapor_app, argv), code, *words)


HOAX_CASES: list[tuple[str, list[str], int, tuple[str, ...]]] = [
    ("tz", ["--tz", "Mars/Olympus", "list"], 1, ("--tz",)),
    ("javascript-url", ["log", "x", "--url", "javascript:alert(1)"], 1, ("--url", "http")),
    ("future-seen", ["log", "Pesan", "--seen-at", "2099-01-01T00:00+07:00"], 1, ("future",)),
    ("seen-garbage", ["log", "Pesan", "--seen-at", "kemarin"], 1, ("--seen-at",)),
    ("priority", ["log", "Pesan", "--priority", "asap"], 2, ("--priority",)),
    ("due-negative", ["due", "--within", "-1"], 2, ("--within",)),
    ("stats-since", ["stats", "--since", "garbage"], 1, ("--since",)),
    ("stats-order", ["stats", "--since", "2026-06-02", "--until", "2026-06-01"], 1, ("--until",)),
    ("assign-nothing", ["assign", "HX-0000"], 1, ("ASSIGNEE", "--clear")),
    ("assign-unknown", ["assign", "HX-0000", "Dewi"], 1, ("no claim 'HX-0000'",)),
    ("verify-unknown", ["start-verifying", "HX-0000"], 1, ("no claim",)),
    ("publish-format", ["publish", "HX-0000", "--format", "pdf"], 2, ("--format",)),
    ("clarify-url", ["clarify", "HX-0000", "--text", "x", "--url", "ftp://x"], 1, ("--url",)),
    ("stats-csv", ["stats", "--csv", "/nonexistent/s.csv"], 5, ("No such",)),
]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [pytest.param(a, c, w, id=i) for i, a, c, w in HOAX_CASES],
)
def test_hoax_bad_inputs(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    code: int,
    words: tuple[str, ...],
) -> None:
    for key in ("HOAX_DATABASE_URL", "HOAX_TZ"):
        monkeypatch.delenv(key, raising=False)
    result = runner.invoke(hoax_app, ["--db", str(tmp_path / "h.db"), *args])
    assert_one_line(result, code, *words)


def test_an_unexpected_error_is_a_bug_report_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import lapor_sdk.cli._core as core

    def boom(_path: Path, _what: str = "") -> object:
        raise KeyError("surprise")

    monkeypatch.setattr(core, "read_json", boom)
    result = runner.invoke(lapor_app, ["validate", __file__])
    line = assert_one_line(result, ExitCode.INTERNAL, "unexpected KeyError", "LAPOR_DEBUG=1")
    assert "bug in lapor-sdk" in line
