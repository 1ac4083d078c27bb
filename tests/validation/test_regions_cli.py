"""`lapor regions search` and `lapor regions show`: exit codes and wording."""

from __future__ import annotations

from typer.testing import CliRunner

from lapor_sdk.cli import app

runner = CliRunner()


def test_search_malang_shows_kabupaten_and_kota() -> None:
    result = runner.invoke(app, ["regions", "search", "Malang"])
    assert result.exit_code == 0
    for text in ("35.07", "Kabupaten Malang", "35.73", "Kota Malang", "Jawa Timur"):
        assert text in result.stdout


def test_search_alias_and_level() -> None:
    result = runner.invoke(app, ["regions", "search", "Kota Sby"])
    assert result.exit_code == 0 and "Kota Surabaya" in result.stdout
    result = runner.invoke(app, ["regions", "search", "Lowokwaru", "--level", "district"])
    assert result.exit_code == 0 and "35.73.05" in result.stdout


def test_search_unknown_name_is_one_red_line() -> None:
    result = runner.invoke(app, ["regions", "search", "Atlantis"])
    assert result.exit_code == 1
    assert "no region named 'Atlantis'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_search_unknown_level() -> None:
    result = runner.invoke(app, ["regions", "search", "Batu", "--level", "planet"])
    assert result.exit_code == 1
    assert "--level 'planet' is not a level; use one of province" in result.stderr


def test_show_code() -> None:
    result = runner.invoke(app, ["regions", "show", "3578"])
    assert result.exit_code == 0
    assert "35.78" in result.stdout and "Kota Surabaya" in result.stdout
    assert "in: Jawa Timur" in result.stdout
    assert "31 Kecamatan" in result.stdout


def test_show_unknown_code() -> None:
    result = runner.invoke(app, ["regions", "show", "35.99"])
    assert result.exit_code == 1
    assert "'35.99' is not in the Kemendagri list" in result.stderr


def test_show_kecamatan_lists_desa_and_kelurahan() -> None:
    result = runner.invoke(app, ["regions", "show", "33.03.16"])  # Kec. Pengadegan, Purbalingga
    assert result.exit_code == 0
    assert "in: Kabupaten Purbalingga, Jawa Tengah" in result.stdout
    assert "Tetel" in result.stdout and "Desa" in result.stdout
