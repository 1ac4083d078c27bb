"""Regression found in review: `lapor regions search` with rich markup in the name."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from lapor_sdk.cli import app

runner = CliRunner()


@pytest.mark.parametrize("name", ["Malang [/]", "Malang [bold]", "[red]Malang[/red]"])
def test_search_prints_the_name_as_typed_without_a_traceback(name: str) -> None:
    result = runner.invoke(app, ["regions", "search", name])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code == 0:
        assert "Kota Malang" in result.stdout
        assert repr(name) in " ".join(result.stdout.split())
    else:
        assert result.exit_code == 1
        assert "no region named" in result.output
