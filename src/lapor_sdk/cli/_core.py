"""Core commands: ``validate``, ``schema`` and ``demo``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from .._exceptions import InvalidInputError
from ..models import Complaint
from ._app import app, out_console

__all__: list[str] = []

_MAX_FILE_BYTES = 20 * 1024 * 1024


def _read_json(path: Path) -> object:
    if path.stat().st_size > _MAX_FILE_BYTES:
        raise InvalidInputError(f"{path} is larger than {_MAX_FILE_BYTES // 1_048_576} MiB")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except UnicodeDecodeError:
        raise InvalidInputError(f"{path} is not UTF-8 text") from None


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors(include_input=False, include_url=False):
        where = ".".join(str(p) for p in err["loc"]) or "(root)"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


@app.command()
def validate(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSON file to check.")],
) -> None:
    """Check a complaint (or a JSON list of complaints) against the model."""
    data = _read_json(file)
    items = data if isinstance(data, list) else [data]
    bad = 0
    for index, item in enumerate(items):
        try:
            Complaint.model_validate(item)
        except ValidationError as exc:
            bad += 1
            label = f"[{index}] " if isinstance(data, list) else ""
            typer.echo(f"{file}: {label}{_describe(exc)}", err=True)
    if bad:
        raise InvalidInputError(f"{bad} of {len(items)} complaint(s) in {file} are invalid")
    out_console.print(f"[green]ok[/]: {len(items)} complaint(s) in {file} are valid")


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file.")
    ] = None,
) -> None:
    """Print the JSON Schema of a complaint."""
    text = json.dumps(Complaint.model_json_schema(), indent=2, ensure_ascii=False)
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        out_console.print(f"wrote {output}")
