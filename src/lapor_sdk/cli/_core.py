"""Core commands: ``validate`` and ``schema``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ._app import app, out_console
from ._options import CliError, read_json

if TYPE_CHECKING:
    from pydantic import ValidationError

__all__: list[str] = []


def _describe(exc: ValidationError) -> list[str]:
    lines = []
    for err in exc.errors(include_input=False, include_url=False):
        where = ".".join(str(p) for p in err["loc"]) or "(root)"
        lines.append(f"{where}: {err['msg']}")
    return lines


@app.command()
def validate(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSON file to check.")],
) -> None:
    """Check a complaint (or a JSON list of complaints): fields, regions and history.

    Besides the model (types, formats, required fields) it checks that region codes exist and
    match their names, that the status is where the events left it, and that the events are
    in time order. Each problem is one line naming the complaint and the field; values (which
    may be personal data) are never printed.
    """
    from pydantic import ValidationError

    from ..models import Complaint
    from ..validation import check_consistency

    data = read_json(file)
    items = data if isinstance(data, list) else [data]
    bad = 0
    for index, item in enumerate(items):
        label = f"[{index}] " if isinstance(data, list) else ""
        try:
            complaint = Complaint.model_validate(item)
        except ValidationError as exc:
            problems = _describe(exc)
        else:
            problems = [str(i) for i in check_consistency(complaint)]
        if problems:
            bad += 1
            for problem in problems:
                typer.echo(f"{file}: {label}{problem}", err=True)
    if bad:
        raise CliError(f"{bad} of {len(items)} complaint(s) in {file} are invalid")
    out_console.print(f"[green]ok[/]: {len(items)} complaint(s) in {file} are valid")


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file.")
    ] = None,
) -> None:
    """Print the JSON Schema of a complaint."""
    from ..models import Complaint

    text = json.dumps(Complaint.model_json_schema(), indent=2, ensure_ascii=False)
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        out_console.print(f"wrote {output}")
