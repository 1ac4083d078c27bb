"""The shared CLI conventions: --tz, --db, exit codes, and a start-up that imports little."""

from __future__ import annotations

import re
import subprocess
import sys
import zoneinfo
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from lapor_sdk.cli import app
from lapor_sdk.cli._options import (
    CliError,
    DatabaseUnavailableError,
    ExitCode,
    database_url,
    parse_instant,
    parse_tz,
)
from lapor_sdk.cli._regions import SEARCH_EXAMPLES

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


@given(st.sampled_from(["WIB", "WITA", "WIT"]), st.sampled_from([str.lower, str.upper, str]))
def test_indonesian_zone_names_in_any_case(name: str, case: object) -> None:
    expected = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}[name]
    assert parse_tz(f" {case(name)} ").key == expected  # type: ignore[operator]


@given(st.sampled_from(sorted(zoneinfo.available_timezones())))
def test_every_iana_name_is_accepted(name: str) -> None:
    assert parse_tz(name).key == name


@given(st.text(max_size=40))
def test_anything_else_is_one_clear_error(text: str) -> None:
    try:
        parse_tz(text)
    except CliError as exc:
        assert str(exc).startswith("--tz ") and "WIB, WITA, WIT" in str(exc)


@given(st.text(max_size=70))
def test_instants_parse_or_name_the_option(text: str) -> None:
    try:
        value = parse_instant(text, "--now")
    except CliError as exc:
        assert str(exc).startswith("--now ")
    else:
        assert value.tzinfo is not None


def test_database_url_forms(tmp_path: Path) -> None:
    assert database_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"
    plain = tmp_path / "existing"
    plain.write_bytes(b"")
    assert database_url(str(plain)) == f"sqlite:///{plain}"  # an existing (empty) file is fine
    url = "postgresql://lapor@db.example:5432/lapor"
    assert database_url(url) == url
    assert database_url("sqlite://") == "sqlite://"
    with pytest.raises(DatabaseUnavailableError, match="neither a database URL nor a SQLite"):
        database_url("garbage")
    assert DatabaseUnavailableError("x").exit_code is ExitCode.DATABASE


def test_exit_code_table_in_the_docs_matches_the_enum() -> None:
    text = DOCS.read_text(encoding="utf-8")
    documented = {int(code) for code in re.findall(r"^\| `?(\d+)`? \|", text, flags=re.M)}
    assert documented == {int(c) for c in ExitCode}


def test_start_up_imports_none_of_the_heavy_libraries() -> None:
    # `lapor --version` and every --help must not pay for pydantic, SQLAlchemy, NumPy, httpx,
    # holidays: command modules import the library inside their functions.
    code = (
        "import sys, lapor_sdk.cli, hoax_clinic.cli\n"
        "heavy = ('pydantic', 'sqlalchemy', 'numpy', 'httpx', 'holidays', 'bs4', 'starlette')\n"
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == ""


def test_version_and_help_run_without_the_library(tmp_path: Path) -> None:
    for args in (["--version"], ["--help"], ["sla", "--help"], ["report", "monev", "--help"]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize("example", SEARCH_EXAMPLES)
def test_regions_search_help_shows_examples_that_work(example: str) -> None:
    help_text = CliRunner().invoke(app, ["regions", "search", "--help"]).output
    assert example in " ".join(help_text.split())
    import shlex

    argv = shlex.split(example)[1:]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 0, result.output
    assert "region(s) named" in result.output
