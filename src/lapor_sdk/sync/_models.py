"""What the sync engine reports: :class:`SyncReport` after a run, :class:`SyncStatus` any time."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

__all__ = ["SyncReport", "SyncStatus"]


class SyncReport(BaseModel):
    """The outcome of one :meth:`~lapor_sdk.sync.SyncEngine.run`.

    Counts only; no reporter data.
    """

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    pushed: int = 0
    """Writes confirmed on the national side in this run (sent, or found by a look-up)."""
    pulled: int = 0
    """National reports stored or refreshed in the mirror."""
    retried: int = 0
    """Attempts that failed transiently and were scheduled again."""
    dead: int = 0
    """Writes moved to the dead letters (a permanent error) in this run."""
    duration: float = 0.0
    """Seconds the run took."""
    unknown: int = 0
    """Writes parked as ``unknown`` in this run (sent, unsure, and no way to look them up)."""
    notes: tuple[str, ...] = ()
    """What the run could not do and why (a pull the profile cannot make, …)."""


class SyncStatus(BaseModel):
    """How the outbox stands (:meth:`~lapor_sdk.sync.SyncEngine.status`)."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    pending: int
    """Writes waiting to be sent: due now, waiting for a retry time, for their complaint's
    tracking id or an earlier follow-up, or left by a worker whose lease expired."""
    in_flight: int
    """Writes under a live lease (a worker is sending them now)."""
    dead: int
    """Dead letters: refused permanently; re-queue with ``retry_dead()`` after a fix."""
    unknown: int
    """Sent, unsure whether they were filed, and not look-up-able: settle with ``resolve()``."""
    done: int
    """Writes confirmed on the national side."""
    restricted: int = 0
    """Writes held because the reporter's processing is restricted (UU 27/2022 Pasal 41);
    sent once the restriction is lifted (not counted in ``pending``)."""
    checkpoint: dt.datetime | None
    """Where the next pull starts (before the overlap window), or ``None`` before the first."""
