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
PYTHON_ARGUMENTS = (
    "allow_years",
    "received_at=",
    "seen_at",
    "find_regions(",
    "label=",
    "tz=",
    "grounds=",
    "consequence_test",
    "reason_arose_at",
    "max_bytes",
    "text_column",
    "label_column",
    "target_precision",
    "min_examples",
    "include_requester_windows",
    "with_identity",
)


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


def assert_one_line(result, code: int, *words: str, chatter: str = "") -> str:  # type: ignore[no-untyped-def]
    """Assert the command failed with one ``error:`` line (after lines starting ``chatter``)."""
    output = result.output
    assert "Traceback" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    lines = [line for line in output.splitlines() if line.strip()]
    if chatter:
        lines = [line for line in lines if not line.startswith(chatter)]
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
    commands: dict[str, Callable[[str], list[str]]] = {
        "lapor sandbox serve": lambda db: ["sandbox", "serve", "--port", "0", "--db", db],
        "lapor demo": lambda db: ["demo", "--db", db],
        "hoax list": lambda db: ["--db", db, "list"],
        "hoax log": lambda db: ["--db", db, "log", "Pesan berantai"],
    }
    for name in PPID_COMMANDS:
        commands[f"lapor ppid {name}"] = lambda db, name=name: _ppid(tmp, name, db=db)
    return commands


BAD_DB_CASES = [
    "missing-directory",
    "garbage",
    "unreachable-postgres",
    "not-a-database",
    "not-a-database-url",
    "unsupported-scheme",
    "directory",
    "empty",
]
NUMBER = "PPID/2025/0001"
PPID_COMMANDS: dict[str, list[str]] = {
    "register": ["register", "--info", "Salinan APBD 2025"],
    "extend": ["extend", NUMBER, "--days", "3", "--reason", "Data dihimpun"],
    "decide": ["decide", NUMBER, "--decision", "granted"],
    "object": ["object", NUMBER, "--reason", "a"],
    "answer-objection": ["answer-objection", "KEB/2025/0001", "--outcome", "upheld", "--text", "x"],
    "dispute": ["dispute", NUMBER, "--commission", "KI Jatim"],
    "settle": ["settle", NUMBER, "--outcome", "mediated"],
    "due": ["due"],
    "report": ["report", "--year", "2025"],
    "export": ["export", "{dir}/register.csv"],
}


def _ppid(tmp: Path, name: str, *extra: str, db: str | None = None) -> list[str]:
    args = [a.format(dir=tmp) for a in PPID_COMMANDS[name]]
    return ["ppid", *args, *extra, "--db", db if db is not None else str(tmp / "ppid.db")]


@pytest.mark.parametrize(
    "command",
    ["lapor sandbox serve", "lapor demo", "hoax list", "hoax log"]
    + [f"lapor ppid {name}" for name in PPID_COMMANDS],
)
@pytest.mark.parametrize("case", BAD_DB_CASES)
def test_bad_db_is_one_line_naming_the_fix(tmp_path: Path, command: str, case: str) -> None:
    if command in ("lapor sandbox serve", "lapor demo"):
        pytest.importorskip("uvicorn")
    db = bad_dbs(tmp_path)[case]
    args = _db_commands(tmp_path)[command](db)
    app = hoax_app if command.startswith("hoax") else lapor_app
    result = runner.invoke(app, args)
    line = assert_one_line(result, ExitCode.DATABASE)
    assert "--db" in line or "cannot open database" in line
    fixes = ("check", "write", "give", "create", "install", "point", "use ")
    assert any(fix in line for fix in fixes), line
    assert "sqlalche.me" not in line and "(Background" not in line
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
    (
        "sandbox-triage-model-broken",
        ["sandbox", "serve", "--triage-model", "{broken}"],
        1,
        ("not valid JSON",),
    ),
    (
        "sandbox-triage-model-missing",
        ["sandbox", "serve", "--triage-model", "{dir}/none.json"],
        1,
        ("none.json is not a file",),
    ),
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


# -- lapor ppid: every subcommand ---------------------------------------------------------------

#: The option each subcommand reads its instant from (all take ISO 8601 with an offset).
PPID_INSTANTS = {
    "register": "--received-at",
    "extend": "--at",
    "decide": "--at",
    "object": "--at",
    "answer-objection": "--at",
    "dispute": "--at",
    "settle": "--at",
    "due": "--now",
    "report": "--now",
}


@pytest.fixture
def ppid_db(tmp_path: Path) -> Path:
    """A register holding PPID/2025/0001, received on Monday 3 March 2025."""
    result = runner.invoke(
        lapor_app, [*_ppid(tmp_path, "register"), "--received-at", "2025-03-03T09:00+07:00"]
    )
    assert result.exit_code == 0, result.output
    return tmp_path / "ppid.db"


def test_ppid_db_password_is_not_shown(tmp_path: Path) -> None:
    url = f"postgresql://ppid:s3cret-pw@127.0.0.1:{closed_port()}/ppid"
    line = assert_one_line(runner.invoke(lapor_app, _ppid(tmp_path, "due", db=url)), 3)
    assert "s3cret-pw" not in line


def test_ppid_bare_path_and_url_are_the_same_register(tmp_path: Path) -> None:
    db = tmp_path / "ppid.db"
    first = runner.invoke(lapor_app, _ppid(tmp_path, "register", db=str(db)))
    assert first.exit_code == 0, first.output
    again = runner.invoke(lapor_app, [*_ppid(tmp_path, "due", db=f"sqlite:///{db}"), "--json"])
    assert again.exit_code == 0 and json.loads(again.stdout)[0]["number"].startswith("PPID/")


@pytest.mark.parametrize("command", [c for c in PPID_COMMANDS if c != "settle"])
def test_ppid_bad_tz(tmp_path: Path, command: str) -> None:
    args = _ppid(tmp_path, command, "--tz", "Mars/Olympus")
    assert_one_line(runner.invoke(lapor_app, args), 1, "--tz 'Mars/Olympus'", "WIB, WITA, WIT")


@pytest.mark.parametrize(
    ("value", "words"),
    [
        pytest.param("kemarin", ("is not an ISO date-time",), id="words"),
        pytest.param("2025-03-03T09:00", ("no UTC offset",), id="naive"),
        pytest.param("9999-12-31T23:59-01:00", ("out of range",), id="overflow"),
    ],
)
@pytest.mark.parametrize("command", list(PPID_INSTANTS))
def test_ppid_bad_instants(ppid_db: Path, command: str, value: str, words: tuple[str, ...]) -> None:
    option = PPID_INSTANTS[command]
    args = _ppid(ppid_db.parent, command, option, value)
    assert_one_line(runner.invoke(lapor_app, args), 1, f"{option} ", *words)


def _huge(path: Path) -> Path:
    with path.open("wb") as handle:  # sparse: takes no disk space
        handle.truncate(100 * 1024 * 1024 + 1)
    return path


PPID_CASES: list[tuple[str, list[str], int, tuple[str, ...]]] = [
    ("register-nothing", ["register"], 1, ("--info", "--from-complaint")),
    ("register-phone-letters", ["register", "--info", "x", "--phone", "0812-3456-ABCD"], 1,
     ("contains letters",)),
    ("register-nik", ["register", "--info", "x", "--nik", "3578"], 1, ("NIK",)),
    ("register-long-info", ["register", "--info", "x" * 10_001], 1, ("--info", "10000")),
    ("register-kind", ["register", "--info", "x", "--kind", "steal"], 2, ("--kind",)),
    ("register-channel", ["register", "--info", "x", "--channel", "pigeon"], 2, ("--channel",)),
    ("register-complaint-missing", ["register", "--from-complaint", "{dir}/nope.json"], 2,
     ("does not exist",)),
    ("register-complaint-dir", ["register", "--from-complaint", "{dir}"], 2, ("directory",)),
    ("register-complaint-broken", ["register", "--from-complaint", "{broken}"], 1,
     ("not valid JSON (line 1",)),
    ("register-complaint-huge", ["register", "--from-complaint", "{huge}"], 1,
     ("100 MiB", "split it")),
    ("register-complaint-latin1", ["register", "--from-complaint", "{latin1}"], 1,
     ("not UTF-8",)),
    ("register-complaint-list", ["register", "--from-complaint", "{good}"], 1, ("Complaint",)),
    ("register-strict-calendar", ["register", "--info", "x", "--received-at",
     "2031-03-03T09:00+07:00", "--strict-calendar"], 1, ("2031", "--strict-calendar")),
    ("unknown-request", ["extend", "NOPE/1", "--days", "3", "--reason", "x"], 1,
     ("no request 'NOPE/1'", "lapor ppid due --all")),
    ("extend-days", ["extend", NUMBER, "--days", "9", "--reason", "x"], 1, ("1 to 7",)),
    ("extend-days-type", ["extend", NUMBER, "--days", "many", "--reason", "x"], 2, ("--days",)),
    ("extend-before-registered", ["extend", NUMBER, "--days", "3", "--reason", "x", "--at",
     "2025-03-01T09:00+07:00"], 1, ("earlier than",)),
    ("decide-kind", ["decide", NUMBER, "--decision", "maybe"], 2, ("--decision",)),
    ("decide-ground-letter", ["decide", NUMBER, "--decision", "rejected_exempt", "--ground", "z"],
     2, ("--ground",)),
    ("decide-no-ground", ["decide", NUMBER, "--decision", "rejected_exempt", "--at",
     "2025-03-05T09:00+07:00"], 1, ("Pasal 17",)),
    ("decide-no-test", ["decide", NUMBER, "--decision", "rejected_exempt", "--ground", "h",
     "--at", "2025-03-05T09:00+07:00"], 1, ("consequence test",)),
    ("decide-cost", ["decide", NUMBER, "--decision", "granted", "--cost", "-5"], 2, ("--cost",)),
    ("object-reason-letter", ["object", NUMBER, "--reason", "z"], 2, ("--reason",)),
    ("object-reason-later", ["object", NUMBER, "--reason", "b", "--at", "2025-03-20T09:00+07:00",
     "--reason-arose-at", "2025-03-21T09:00+07:00"], 1, ("after the objection",)),
    ("object-reason-arose", ["object", NUMBER, "--reason", "a", "--reason-arose-at", "x"], 1,
     ("--reason-arose-at",)),
    ("answer-unknown", ["answer-objection", "KEB/2025/0001", "--outcome", "upheld", "--text",
     "x"], 1, ("no request",)),
    ("answer-outcome", ["answer-objection", NUMBER, "--outcome", "maybe", "--text", "x"], 2,
     ("--outcome",)),
    ("dispute-too-early", ["dispute", NUMBER, "--commission", "KI", "--at",
     "2025-03-04T09:00+07:00"], 1, ("cannot",)),
    ("settle-not-disputed", ["settle", NUMBER, "--outcome", "mediated"], 1, ("cannot",)),
    ("settle-outcome", ["settle", NUMBER, "--outcome", "won"], 2, ("--outcome",)),
    ("due-garbage-flag", ["due", "--soon"], 2, ("No such option",)),
    ("report-year", ["report", "--year", "1990"], 1, ("2008",)),
    ("report-semester", ["report", "--year", "2025", "--semester", "3"], 2, ("--semester",)),
    ("report-html-unwritable", ["report", "--year", "2025", "--html", "/nonexistent/r.html"], 5,
     ("No such file",)),
    ("export-format", ["export", "{dir}/register.pdf"], 1, ("use .csv or .xlsx",)),
    ("export-both-csv", ["export", "{dir}/r.csv", "--register", "both"], 1, (".xlsx",)),
    ("export-register", ["export", "{dir}/r.csv", "--register", "all"], 2, ("--register",)),
    ("export-semester", ["export", "{dir}/r.csv", "--semester", "1"], 1, ("--year",)),
    ("export-unwritable", ["export", "/nonexistent/dir/r.csv"], 5, ("No such file",)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [pytest.param(a, c, w, id=i) for i, a, c, w in PPID_CASES],
)
def test_ppid_bad_inputs(
    ppid_db: Path, files: dict[str, Path], args: list[str], code: int, words: tuple[str, ...]
) -> None:
    latin1 = ppid_db.parent / "latin1.json"
    latin1.write_bytes('{"title": "caf\xe9"}'.encode("latin-1"))
    names = {**files, "dir": ppid_db.parent, "huge": _huge(ppid_db.parent / "huge.json")}
    argv = ["ppid", *(a.format(**names, latin1=latin1) for a in args), "--db", str(ppid_db)]
    line = assert_one_line(runner.invoke(lapor_app, argv), code, *words)
    assert "3456" not in line  # the requester's phone number is never repeated


def test_ppid_provisional_year_is_one_warning_line(tmp_path: Path) -> None:
    args = _ppid(tmp_path, "register", "--received-at", "2031-03-03T09:00+07:00")
    result = runner.invoke(lapor_app, args)
    assert result.exit_code == 0, result.output
    warnings = [x for x in result.stderr.splitlines() if x.strip()]
    assert len(warnings) == 1 and warnings[0].startswith("warning: no cuti bersama decree for")
    assert "Traceback" not in result.output and "ProvisionalCalendarWarning" not in result.output


def test_ppid_channel_choices_are_the_model_channels() -> None:
    from lapor_sdk.cli._ppid import ChannelChoice
    from lapor_sdk.models import Channel

    assert [c.value for c in ChannelChoice] == [c.value for c in Channel]


# -- lapor triage: every subcommand -------------------------------------------------------------


def _history(path: Path, per_label: int = 12) -> Path:
    words = {
        "jalan": ["jalan rusak", "jembatan ambrol", "aspal berlubang", "lampu jalan mati"],
        "sekolah": ["guru honorer", "ruang kelas bocor", "seragam mahal", "beasiswa siswa"],
    }
    lines = ["teks;kategori"]
    for i in range(per_label):
        for label, phrases in words.items():
            lines.append(f"{phrases[i % 4]} dan {phrases[(i + 1) % 4]} di desa {i};{label}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def triage_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A small history, a model fitted on it, and hostile variants of both."""
    pytest.importorskip("sklearn")
    import base64
    import zlib

    from lapor_sdk.triage import TriageModel, read_labelled_csv

    tmp = tmp_path_factory.mktemp("triage")
    history = _history(tmp / "history.csv")
    data = read_labelled_csv(history, text_column="teks", label_column="kategori")
    model_path = tmp / "model.json"
    TriageModel.fit(data.texts, data.labels).save(model_path)
    good = json.loads(model_path.read_text("utf-8"))
    out = {"history": history, "model": model_path, "dir": tmp, "huge": _huge(tmp / "huge")}

    def variant(name: str, change: Callable[[dict[str, object]], None]) -> None:
        doc = json.loads(json.dumps(good))
        change(doc)
        out[name] = tmp / f"{name}.json"
        out[name].write_text(json.dumps(doc), encoding="utf-8")

    def weights(doc: dict[str, object]) -> dict[str, object]:
        return doc["classifier"]["weights"]  # type: ignore[index,no-any-return]

    bomb = base64.b64encode(zlib.compress(b"\0" * 20_000_000, 9)).decode()
    variant("bomb", lambda d: weights(d).update(zlib_base64=bomb))
    variant("shape", lambda d: weights(d).update(shape=[50_000, 50_000]))
    variant("version", lambda d: d.update(format_version=99))
    variant("extra-field", lambda d: d.update(__reduce__="os.system"))
    variant("duplicate-labels", lambda d: d.update(labels=["jalan", "jalan"]))
    nan = base64.b64encode(zlib.compress(b"\x00\x00\xc0\x7f" * 2)).decode()
    variant("nan", lambda d: d["classifier"]["intercept"].update(zlib_base64=nan))  # type: ignore[index]
    for name, text in {
        "garbage": "not a model\n",
        "other": '{"format": "something else"}',
        "constant": '{"format": "lapor-sdk/triage-model", "threshold": NaN}',
        "deep": "[" * 100_000,
    }.items():
        out[name] = tmp / f"{name}.json"
        out[name].write_text(text, encoding="utf-8")
    out["latin1"] = tmp / "latin1.csv"
    out["latin1"].write_bytes("teks;kategori\ncaf\xe9;a\n".encode("latin-1"))
    out["empty"] = tmp / "empty.csv"
    out["empty"].write_text("", encoding="utf-8")
    out["no-rows"] = tmp / "no-rows.csv"
    out["no-rows"].write_text("teks;kategori\n;jalan\nlubang;\n", encoding="utf-8")
    out["one-label"] = tmp / "one-label.csv"
    out["one-label"].write_text("teks;kategori\n" + "jalan rusak;jalan\n" * 20, encoding="utf-8")
    return out


HOSTILE_MODELS = [
    ("garbage", "not valid JSON"),
    ("other", "not a lapor-sdk triage model"),
    ("constant", "not valid JSON"),
    ("deep", "nested too deeply"),
    ("bomb", "does not hold the"),
    ("shape", "shape"),
    ("version", "refit"),
    ("extra-field", "not a valid triage model"),
    ("duplicate-labels", "duplicate"),
    ("nan", "not finite"),
    ("huge", "100 MiB"),
]
TRIAGE_EVAL = ["--text-column", "teks", "--label-column", "kategori"]


def _triage(kind: str, model: str, files: dict[str, Path]) -> list[str]:
    if kind == "suggest":
        return ["triage", "suggest", "--model", model, "jalan rusak di desa"]
    return ["triage", "eval", "--model", model, str(files["history"]), *TRIAGE_EVAL]


@pytest.mark.parametrize("command", ["suggest", "eval"])
@pytest.mark.parametrize(("name", "words"), HOSTILE_MODELS)
def test_triage_hostile_model_is_one_line(
    triage_files: dict[str, Path], command: str, name: str, words: str
) -> None:
    result = runner.invoke(lapor_app, _triage(command, str(triage_files[name]), triage_files))
    assert_one_line(result, 1, words)


@pytest.mark.parametrize("command", ["suggest", "eval"])
@pytest.mark.parametrize(
    ("where", "words"), [("{dir}/nope.json", "does not exist"), ("{dir}", "is a directory")]
)
def test_triage_model_that_is_not_a_file(
    triage_files: dict[str, Path], command: str, where: str, words: str
) -> None:
    model = where.format(dir=triage_files["dir"])
    assert_one_line(runner.invoke(lapor_app, _triage(command, model, triage_files)), 2, words)


TRIAGE_CSV_CASES = [
    ("missing", "{dir}/nope.csv", 2, "does not exist"),
    ("directory", "{dir}", 2, "is a directory"),
    ("huge", "{huge}", 1, "100 MiB"),
    ("latin1", "{latin1}", 1, "not UTF-8"),
    ("empty", "{empty}", 1, "no column"),
    ("no-rows", "{no-rows}", 1, "no row with both a text and a label"),
]


@pytest.mark.parametrize("command", ["fit", "eval"])
@pytest.mark.parametrize(
    ("where", "code", "words"), [pytest.param(*c[1:], id=c[0]) for c in TRIAGE_CSV_CASES]
)
def test_triage_bad_csv(
    triage_files: dict[str, Path], command: str, where: str, code: int, words: str
) -> None:
    csv_file = where.format(**{k: str(v) for k, v in triage_files.items()})
    if command == "fit":
        argv = ["triage", "fit", csv_file, *TRIAGE_EVAL, "-o", str(triage_files["dir"] / "m.json")]
    else:
        argv = ["triage", "eval", "--model", str(triage_files["model"]), csv_file, *TRIAGE_EVAL]
    assert_one_line(runner.invoke(lapor_app, argv), code, words)


TRIAGE_OPTION_CASES: list[tuple[str, list[str], int, tuple[str, ...]]] = [
    ("fit-column", ["fit", "{history}", "--text-column", "isi", "--label-column", "kategori",
     "-o", "{dir}/m.json"], 1, ("no column 'isi'", "--text-column")),
    ("fit-one-label", ["fit", "{one-label}", *TRIAGE_EVAL, "-o", "{dir}/m.json"], 1,
     ("at least 2 labels",)),
    ("fit-delimiter", ["fit", "{history}", *TRIAGE_EVAL, "-o", "{dir}/m.json", "--delimiter",
     "|"], 2, ("--delimiter",)),
    ("fit-precision", ["fit", "{history}", *TRIAGE_EVAL, "-o", "{dir}/m.json",
     "--target-precision", "1.5"], 1, ("--target-precision 1.5",)),
    ("fit-precision-nan", ["fit", "{history}", *TRIAGE_EVAL, "-o", "{dir}/m.json",
     "--target-precision", "nan"], 1, ("--target-precision",)),
    ("fit-unwritable", ["fit", "{history}", *TRIAGE_EVAL, "-o", "/nonexistent/dir/m.json"], 5,
     ("No such file",)),
    ("fit-no-output", ["fit", "{history}", *TRIAGE_EVAL], 2, ("--output",)),
    ("suggest-long", ["suggest", "--model", "{model}", "x" * 20_001], 1, ("at most 20000",)),
    ("suggest-no-model", ["suggest", "jalan rusak"], 2, ("--model",)),
    ("eval-column", ["eval", "--model", "{model}", "{history}", "--text-column", "isi",
     "--label-column", "kategori"], 1, ("no column 'isi'",)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [pytest.param(a, c, w, id=i) for i, a, c, w in TRIAGE_OPTION_CASES],
)
def test_triage_bad_inputs(
    triage_files: dict[str, Path], args: list[str], code: int, words: tuple[str, ...]
) -> None:
    names = {k: str(v) for k, v in triage_files.items()}
    argv = ["triage", *(a.format(**names) for a in args)]
    # `fit` says on stderr what it is about to fit before the fit can refuse the labels.
    assert_one_line(runner.invoke(lapor_app, argv), code, *words, chatter="fitting on ")
