"""Sync engine: an agency's tickets to and from the national LAPOR!, none lost, none doubled.

Queue writes in an outbox (inside your own transaction if you like), run the engine from a
script, a cron job or several workers, and read the national side's changes from a mirror.
See ``docs/sync.md`` for the guarantees and how they hold.

Example:
    >>> from lapor_sdk.sync import SyncEngine                     # doctest: +SKIP
    >>> engine = SyncEngine(client=LaporClient(), database_url="sqlite:///sync.db")
    >>> engine.enqueue_complaint(complaint, local_id="app:123")
    >>> engine.run()
"""

from ._engine import DEFAULT_LEASE as DEFAULT_LEASE
from ._engine import DEFAULT_PULL_OVERLAP as DEFAULT_PULL_OVERLAP
from ._engine import DEFAULT_RETRY_INITIAL as DEFAULT_RETRY_INITIAL
from ._engine import DEFAULT_RETRY_MAX as DEFAULT_RETRY_MAX
from ._engine import DEFAULT_WORKERS as DEFAULT_WORKERS
from ._engine import SyncEngine as SyncEngine
from ._errors import SyncError as SyncError
from ._models import SyncReport as SyncReport
from ._models import SyncStatus as SyncStatus
from ._outbox import enqueue_complaint as enqueue_complaint
from ._outbox import enqueue_complaints as enqueue_complaints
from ._outbox import enqueue_follow_up as enqueue_follow_up

__all__ = [
    "DEFAULT_LEASE",
    "DEFAULT_PULL_OVERLAP",
    "DEFAULT_RETRY_INITIAL",
    "DEFAULT_RETRY_MAX",
    "DEFAULT_WORKERS",
    "SyncEngine",
    "SyncError",
    "SyncReport",
    "SyncStatus",
    "enqueue_complaint",
    "enqueue_complaints",
    "enqueue_follow_up",
]
