"""The LAPOR! status machine: who may do what to a report, and what happens then.

Every action is a pure function that returns a **new** :class:`~lapor_sdk.models.Complaint`
with one more :class:`~lapor_sdk.models.Event`; the input is never changed. A move the table
forbids raises :class:`~lapor_sdk.IllegalTransitionError` naming the allowed ones.

```
UNVERIFIED --verify / forward--> DISPOSED --follow_up--> IN_PROGRESS --complete--> COMPLETED
UNVERIFIED --postpone--> POSTPONED --supplement--> UNVERIFIED
UNVERIFIED / POSTPONED --archive--> ARCHIVED
COMPLETED --reply--> IN_PROGRESS (reopened);  COMPLETED --close--> CLOSED
```

Example:
    >>> import datetime as dt
    >>> from lapor_sdk import lifecycle
    >>> from lapor_sdk.models import Role
    >>> wib = dt.timezone(dt.timedelta(hours=7))
    >>> c = lifecycle.create(title="Jalan rusak", description="Jl. Ahmad Yani berlubang",
    ...                      created_at=dt.datetime(2025, 3, 3, 9, 0, tzinfo=wib))
    >>> c = lifecycle.verify(c, by=Role.NATIONAL_ADMIN, agency="Pemprov Jawa Timur",
    ...                      at=dt.datetime(2025, 3, 3, 10, 0, tzinfo=wib))
    >>> [e.kind.name for e in c.events]
    ['CREATED', 'VERIFIED']
"""

from ._actions import apply as apply
from ._actions import archive as archive
from ._actions import close as close
from ._actions import close_if_due as close_if_due
from ._actions import create as create
from ._actions import dispose as dispose
from ._actions import follow_up as follow_up
from ._actions import forward as forward
from ._actions import postpone as postpone
from ._actions import rate as rate
from ._actions import reply as reply
from ._actions import supplement as supplement
from ._actions import verify as verify
from ._table import RESPONSE_WINDOW_WORKING_DAYS as RESPONSE_WINDOW_WORKING_DAYS
from ._table import ROLES as ROLES
from ._table import TRANSITIONS as TRANSITIONS
from ._table import Action as Action
from ._table import ArchiveReason as ArchiveReason
from ._table import allowed_actions as allowed_actions

__all__ = [
    "RESPONSE_WINDOW_WORKING_DAYS",
    "ROLES",
    "TRANSITIONS",
    "Action",
    "ArchiveReason",
    "allowed_actions",
    "apply",
    "archive",
    "close",
    "close_if_due",
    "create",
    "dispose",
    "follow_up",
    "forward",
    "postpone",
    "rate",
    "reply",
    "supplement",
    "verify",
]
