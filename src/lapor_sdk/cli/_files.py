"""Complaint files for commands: the SDK's JSON, or an agency's XLSX/CSV export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ._app import err_console
from ._options import CliError, checked_input, parse_tz, read_json

if TYPE_CHECKING:
    from ..models import Complaint

__all__ = ["SPREADSHEET_SUFFIXES", "ColumnsOption", "load_complaint_file"]

#: File endings read as spreadsheets; anything else is read as JSON.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")

ColumnsOption = Annotated[
    Path | None,
    typer.Option(
        "--columns",
        exists=True,
        dir_okay=False,
        help="For .xlsx/.csv: JSON or YAML object mapping fields to your headers "
        '({"description": "Isi Aduan"}); see docs/spreadsheets.md.',
        show_default=False,
    ),
]
"""The ``--columns`` option of commands that read complaint files."""


def load_complaint_file(
    path: Path, *, columns: Path | None = None, tz: str = "Asia/Jakarta", single: bool = False
) -> list[Complaint]:
    """Read complaints from JSON, or from an XLSX/CSV export (rows not imported are listed).

    Every skipped row is printed to stderr with its number and reason, then a summary line;
    a sheet with no importable row at all is an error.

    Raises:
        CliError: The file cannot be read as complaints.
    """
    if path.suffix.lower() in SPREADSHEET_SUFFIXES:
        from rich.markup import escape

        from ..spreadsheet import MAX_FILE_BYTES, ColumnMapping, read_complaints

        checked_input(path, "complaint file")
        mapping = ColumnMapping.from_file(columns) if columns is not None else None
        report = read_complaints(path, mapping=mapping, tz=parse_tz(tz))
        for error in report.errors:
            err_console.print(f"[yellow]skipped[/] {escape(str(error))}", highlight=False)
        err_console.print(f"{escape(str(path))}: {report.summary()}", highlight=False)
        if not report.complaints:
            raise CliError(
                f"no row of {path} could be imported (largest file read: {MAX_FILE_BYTES} "
                "bytes); fix the rows listed above"
            )
        return report.complaints
    if columns is not None:
        raise CliError("--columns applies to .xlsx and .csv files only")
    from ..monev import parse_complaints

    data = read_json(path, "complaint file")
    wrapped = isinstance(data, dict) and isinstance(data.get("complaints"), list)
    if single and not isinstance(data, list) and not wrapped:
        data = [data]  # a single complaint object
    return parse_complaints(data, source=str(path))
