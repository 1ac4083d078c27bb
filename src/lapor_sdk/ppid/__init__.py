"""Public information requests under UU 14/2008 (Keterbukaan Informasi Publik).

The PPID's registers, deadlines, objections and disputes, the LAPOR! bridge for reports
classified *Permintaan Informasi*, and the service report the Komisi Informasi asks for.

```
REGISTERED --extend (once, ≤ 7 WD)--> EXTENDED --decide--> DECIDED
REGISTERED --decide--> DECIDED --object--> OBJECTED --answer_objection--> OBJECTION_ANSWERED
REGISTERED / EXTENDED --object (unanswered past the deadline)--> OBJECTED
OBJECTION_ANSWERED / OBJECTED (unanswered after 30 WD) --file_dispute--> DISPUTED
DISPUTED --settle_dispute--> DISPUTE_SETTLED
```

Deadlines (working days, due at the office close of the n-th working day after the day of
the event): answer 10 (+ at most 7, once; Pasal 22 (7)–(8)), objection 30 after the reason
(Pasal 36 (1)), its answer 30 (Pasal 36 (2)), dispute 14 after that answer (Pasal 37 (2)).

Example:
    >>> import datetime as dt
    >>> from lapor_sdk import ppid
    >>> wib = dt.timezone(dt.timedelta(hours=7))
    >>> ppid.answer_deadline(dt.datetime(2025, 3, 3, 9, 0, tzinfo=wib)).isoformat()
    '2025-03-17T16:00:00+07:00'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports as _lazy_exports

# Names are imported on first use (PEP 562): the CLI reads the enumerations for its options
# without paying for pydantic, SQLAlchemy and the holiday calendar at start-up. Type checkers
# read the imports below.
if TYPE_CHECKING:
    from ._bridge import answer_complaint as answer_complaint
    from ._bridge import answer_text as answer_text
    from ._bridge import request_from_complaint as request_from_complaint
    from ._deadlines import STAGES as STAGES
    from ._deadlines import DueItem as DueItem
    from ._deadlines import StageInfo as StageInfo
    from ._deadlines import answer_deadline as answer_deadline
    from ._deadlines import dispute_deadline as dispute_deadline
    from ._deadlines import dispute_window_start as dispute_window_start
    from ._deadlines import due_items as due_items
    from ._deadlines import objection_answer_deadline as objection_answer_deadline
    from ._deadlines import objection_deadline as objection_deadline
    from ._deadlines import request_clocks as request_clocks
    from ._enums import DecisionKind as DecisionKind
    from ._enums import DisputeOutcome as DisputeOutcome
    from ._enums import ExemptionGround as ExemptionGround
    from ._enums import ObjectionOutcome as ObjectionOutcome
    from ._enums import ObjectionReason as ObjectionReason
    from ._enums import PpidAction as PpidAction
    from ._enums import PpidRole as PpidRole
    from ._enums import RequestKind as RequestKind
    from ._enums import RequestStatus as RequestStatus
    from ._html import render_report_html as render_report_html
    from ._html import write_report_html as write_report_html
    from ._lifecycle import PPID_ROLES as PPID_ROLES
    from ._lifecycle import PPID_TRANSITIONS as PPID_TRANSITIONS
    from ._lifecycle import allowed_ppid_actions as allowed_ppid_actions
    from ._lifecycle import answer_objection as answer_objection
    from ._lifecycle import decide as decide
    from ._lifecycle import extend as extend
    from ._lifecycle import file_dispute as file_dispute
    from ._lifecycle import object_to as object_to
    from ._lifecycle import register as register
    from ._lifecycle import settle_dispute as settle_dispute
    from ._models import REQUESTER_FIELDS as REQUESTER_FIELDS
    from ._models import Decision as Decision
    from ._models import Dispute as Dispute
    from ._models import Extension as Extension
    from ._models import InformationRequest as InformationRequest
    from ._models import Objection as Objection
    from ._models import ObjectionAnswer as ObjectionAnswer
    from ._models import PpidEvent as PpidEvent
    from ._models import Requester as Requester
    from ._registers import FORMULA_PREFIXES as FORMULA_PREFIXES
    from ._registers import RegisterTable as RegisterTable
    from ._registers import neutralize as neutralize
    from ._registers import objection_register as objection_register
    from ._registers import request_register as request_register
    from ._registers import write_csv as write_csv
    from ._registers import write_xlsx as write_xlsx
    from ._report import ReportPeriod as ReportPeriod
    from ._report import ServiceReport as ServiceReport
    from ._report import service_report as service_report
    from ._store import SCHEMA_VERSION as SCHEMA_VERSION
    from ._store import PpidStore as PpidStore
    from ._store import RequestNotFoundError as RequestNotFoundError
    from ._store import SchemaVersionError as SchemaVersionError

__all__ = [
    "FORMULA_PREFIXES",
    "PPID_ROLES",
    "PPID_TRANSITIONS",
    "REQUESTER_FIELDS",
    "SCHEMA_VERSION",
    "STAGES",
    "Decision",
    "DecisionKind",
    "Dispute",
    "DisputeOutcome",
    "DueItem",
    "ExemptionGround",
    "Extension",
    "InformationRequest",
    "Objection",
    "ObjectionAnswer",
    "ObjectionOutcome",
    "ObjectionReason",
    "PpidAction",
    "PpidEvent",
    "PpidRole",
    "PpidStore",
    "RegisterTable",
    "ReportPeriod",
    "RequestKind",
    "RequestNotFoundError",
    "RequestStatus",
    "Requester",
    "SchemaVersionError",
    "ServiceReport",
    "StageInfo",
    "allowed_ppid_actions",
    "answer_complaint",
    "answer_deadline",
    "answer_objection",
    "answer_text",
    "decide",
    "dispute_deadline",
    "dispute_window_start",
    "due_items",
    "extend",
    "file_dispute",
    "neutralize",
    "object_to",
    "objection_answer_deadline",
    "objection_deadline",
    "objection_register",
    "register",
    "render_report_html",
    "request_clocks",
    "request_from_complaint",
    "request_register",
    "service_report",
    "settle_dispute",
    "write_csv",
    "write_report_html",
    "write_xlsx",
]

#: Public name -> private module that defines it.
_LAZY: dict[str, str] = {
    "answer_complaint": "._bridge",
    "answer_text": "._bridge",
    "request_from_complaint": "._bridge",
    "STAGES": "._deadlines",
    "DueItem": "._deadlines",
    "StageInfo": "._deadlines",
    "answer_deadline": "._deadlines",
    "dispute_deadline": "._deadlines",
    "dispute_window_start": "._deadlines",
    "due_items": "._deadlines",
    "objection_answer_deadline": "._deadlines",
    "objection_deadline": "._deadlines",
    "request_clocks": "._deadlines",
    "DecisionKind": "._enums",
    "DisputeOutcome": "._enums",
    "ExemptionGround": "._enums",
    "ObjectionOutcome": "._enums",
    "ObjectionReason": "._enums",
    "PpidAction": "._enums",
    "PpidRole": "._enums",
    "RequestKind": "._enums",
    "RequestStatus": "._enums",
    "render_report_html": "._html",
    "write_report_html": "._html",
    "PPID_ROLES": "._lifecycle",
    "PPID_TRANSITIONS": "._lifecycle",
    "allowed_ppid_actions": "._lifecycle",
    "answer_objection": "._lifecycle",
    "decide": "._lifecycle",
    "extend": "._lifecycle",
    "file_dispute": "._lifecycle",
    "object_to": "._lifecycle",
    "register": "._lifecycle",
    "settle_dispute": "._lifecycle",
    "REQUESTER_FIELDS": "._models",
    "Decision": "._models",
    "Dispute": "._models",
    "Extension": "._models",
    "InformationRequest": "._models",
    "Objection": "._models",
    "ObjectionAnswer": "._models",
    "PpidEvent": "._models",
    "Requester": "._models",
    "FORMULA_PREFIXES": "._registers",
    "RegisterTable": "._registers",
    "neutralize": "._registers",
    "objection_register": "._registers",
    "request_register": "._registers",
    "write_csv": "._registers",
    "write_xlsx": "._registers",
    "ReportPeriod": "._report",
    "ServiceReport": "._report",
    "service_report": "._report",
    "SCHEMA_VERSION": "._store",
    "PpidStore": "._store",
    "RequestNotFoundError": "._store",
    "SchemaVersionError": "._store",
}


__getattr__, __dir__ = _lazy_exports(__name__, _LAZY, __all__)
