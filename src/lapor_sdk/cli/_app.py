"""The root ``lapor`` Typer app and the CLI's single error handler."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup
from typer.exceptions import TyperException

from .._version import __version__
from ._options import ExitCode, exit_code_for

__all__ = ["ErrorHandlingGroup", "app", "err_console", "one_line", "out_console"]

# emoji=False: ":email:" in a reference or a reporter's text must print as typed.
out_console = Console(soft_wrap=True, emoji=False)
err_console = Console(stderr=True, soft_wrap=True, emoji=False)

#: Set to 1 to let unexpected errors (bugs) show their traceback.
DEBUG_VARIABLE = "LAPOR_DEBUG"


def one_line(exc: BaseException) -> str:
    """Return an error as one line: no traceback, no pydantic dump, no input values."""
    errors = getattr(exc, "errors", None)
    if type(exc).__module__.startswith("pydantic") and callable(errors):
        parts = []
        for err in errors(include_input=False, include_url=False)[:5]:
            where = ".".join(str(p) for p in err["loc"])
            parts.append(f"{where}: {err['msg']}" if where else str(err["msg"]))
        return "; ".join(" ".join(p.split()) for p in parts) or type(exc).__name__
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror}{where}"
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


def _print_error(message: str) -> None:
    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False)


class ErrorHandlingGroup(TyperGroup):
    """Typer group whose failures are one red line on stderr and an :class:`ExitCode`.

    Library errors, ``ValueError`` and ``OSError`` are expected failures; anything else is a
    bug and says so (``LAPOR_DEBUG=1`` shows its traceback). Usage errors (unknown option,
    missing argument) are one line too, exit code 2. Subclass and override
    :meth:`exit_code_for` to classify another package's errors (``hoax`` does).
    """

    def exit_code_for(self, exc: BaseException) -> ExitCode:
        """Return the exit code of ``exc`` (see :func:`lapor_sdk.cli._options.exit_code_for`)."""
        return exit_code_for(exc)

    def invoke(self, ctx: Any) -> Any:  # Any: typer vendors click's Context type privately
        """Run the command; report a failure on one line and exit with its code."""
        try:
            return super().invoke(ctx)
        except (TyperException, typer.Exit, typer.Abort):
            raise
        except Exception as exc:
            code = self.exit_code_for(exc)
            message = one_line(exc)
            if code is ExitCode.INTERNAL:
                if os.environ.get(DEBUG_VARIABLE) == "1":
                    raise
                message = (
                    f"unexpected {type(exc).__name__}: {message}; this is a bug in lapor-sdk, "
                    f"please report it (rerun with {DEBUG_VARIABLE}=1 to see the traceback)"
                )
            _print_error(message)
            raise typer.Exit(code=int(code)) from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the CLI; usage errors are one line (with the ``--help`` to try) and exit 2."""
        if not standalone_mode:
            return super().main(
                args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra
            )
        try:
            result = super().main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )
        except TyperException as exc:  # typer's own copy of click's errors
            if type(exc).__name__ == "NoArgsIsHelpError":  # the help text, as click shows it
                exc.show()  # type: ignore[attr-defined]
                sys.exit(exc.exit_code)
            message = " ".join(exc.format_message().split())
            ctx = getattr(exc, "ctx", None)
            if ctx is not None:
                message = f"{message.rstrip('.')}; see '{ctx.command_path} --help'"
            _print_error(message)
            sys.exit(exc.exit_code)
        except typer.Abort:
            _print_error("aborted")
            sys.exit(int(ExitCode.INVALID_INPUT))
        sys.exit(result if isinstance(result, int) else 0)


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
