"""The ``lapor`` command line: a thin shell over the public library functions.

Each command group lives in its own module and registers itself on :data:`app` when imported.
"""

from . import _complaints as _complaints
from . import _core as _core
from . import _demo as _demo
from . import _intake as _intake
from . import _pdp as _pdp
from . import _ppid as _ppid
from . import _regions as _regions
from . import _report as _report
from . import _sandbox as _sandbox
from . import _sla as _sla
from . import _sync as _sync
from . import _triage as _triage
from ._app import ErrorHandlingGroup as ErrorHandlingGroup
from ._app import app as app

__all__ = ["ErrorHandlingGroup", "app", "main"]


def main() -> None:
    """Entry point of the ``lapor`` console script."""
    app()
