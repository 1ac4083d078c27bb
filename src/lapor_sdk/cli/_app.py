"""The root ``lapor`` Typer app and the CLI's single error handler."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from .._exceptions import LaporError
from .._version import __version__

__all__ = ["ErrorHandlingGroup", "app", "err_console", "out_console"]

# emoji=False: ":email:" in a reference or a reporter's text must print as typed.
out_console = Console(soft_wrap=True, emoji=False)
err_console = Console(stderr=True, soft_wrap=True, emoji=False)


class ErrorHandlingGroup(TyperGroup):
    """Typer group that turns the package's errors into one red line and exit code 1.

    Subclass and set ``handled`` to catch another package's root error (``hoax`` does).
    Usage errors keep click's handling (exit code 2).
    """

    handled: ClassVar[tuple[type[BaseException], ...]] = (LaporError, ValueError, OSError)

    def invoke(self, ctx: Any) -> Any:  # Any: typer vendors click's Context type privately
        """Run the command; report a handled error on one line and exit 1."""
        try:
            return super().invoke(ctx)
        except self.handled as exc:
            message = _one_line(exc)
            err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
            raise typer.Exit(code=1) from None


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror}{where}"
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


app = typer.Typer(
    name="lapor",
    cls=ErrorHandlingGroup,
    help="Tools for SP4N-LAPOR! complaints: validation, regions, intake, schema and more.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version_callback(value: bool) -> None:
    if value:
        out_console.print(f"lapor-sdk {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version_callback,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """Tools for SP4N-LAPOR! complaints."""
