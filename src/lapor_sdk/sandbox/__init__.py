"""Sandbox: a faithful emulator of the LAPOR integration API (extra ``sandbox``).

Start one for a ``with`` block (``Sandbox.running()``), serve one in the foreground
(``lapor sandbox serve``), or use the ``lapor_sandbox`` pytest fixture.
"""

from ._directory import AGENCIES as AGENCIES
from ._directory import CATEGORIES as CATEGORIES
from ._directory import DemoAgency as DemoAgency
from ._faults import Faults as Faults
from ._server import Sandbox as Sandbox

__all__ = ["AGENCIES", "CATEGORIES", "DemoAgency", "Faults", "Sandbox"]
