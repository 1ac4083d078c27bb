"""Reporters' rights over their personal data under UU 27/2022 (Pelindungan Data Pribadi).

Subject requests (access, correction, erasure, restriction, consent withdrawal) as typed
records with a lifecycle and 3 x 24-hour clocks on calendar time; an access export of
everything the stores hold about one person (JSON and an accessible HTML page); erasure that
anonymises and keeps the statistics; restriction that the sync engine honours; retention;
and the breach notice of Pasal 46.

```python
from lapor_sdk import pdp
request = pdp.receive("access", pdp.DataSubject(nik="3578…"), received_at=t0)
pdp.request_status(request, now).state            # on_track, at_risk, breached, met, missed
export = pdp.export_subject(request.subject, stores, now=now, request_id=request.id)
report = pdp.erase_subject(subject, stores, request_id="PDP-…")
```

Stores plug in through :class:`StoreAdapter` (:func:`open_store`, :func:`register_store`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports as _lazy_exports

# Names are imported on first use (PEP 562), like lapor_sdk.ppid: the CLI stays fast.
if TYPE_CHECKING:
    from ._adapters import ERASED as ERASED
    from ._adapters import PLUGINS as PLUGINS
    from ._adapters import ComplaintStoreAdapter as ComplaintStoreAdapter
    from ._adapters import PpidStoreAdapter as PpidStoreAdapter
    from ._adapters import RegisterAdapter as RegisterAdapter
    from ._adapters import ScrubsMentions as ScrubsMentions
    from ._adapters import StoreAdapter as StoreAdapter
    from ._adapters import StoredRecord as StoredRecord
    from ._adapters import anonymise_complaint as anonymise_complaint
    from ._adapters import open_store as open_store
    from ._adapters import register_store as register_store
    from ._breach import AffectedSubject as AffectedSubject
    from ._breach import BreachIncident as BreachIncident
    from ._breach import BreachNotice as BreachNotice
    from ._breach import breach_notice as breach_notice
    from ._erase import ErasureReport as ErasureReport
    from ._erase import StoreErasure as StoreErasure
    from ._erase import erase_subject as erase_subject
    from ._erase import fulfil_erasure as fulfil_erasure
    from ._erase import widen as widen
    from ._export import OTHER_PERSON as OTHER_PERSON
    from ._export import SubjectExport as SubjectExport
    from ._export import export_subject as export_subject
    from ._export import render_export_html as render_export_html
    from ._law import BREACH_TARGET as BREACH_TARGET
    from ._law import PDP_TARGETS as PDP_TARGETS
    from ._law import HoldGround as HoldGround
    from ._law import RequestKind as RequestKind
    from ._requests import NationalCopyFlag as NationalCopyFlag
    from ._requests import PdpRegister as PdpRegister
    from ._requests import RequestEvent as RequestEvent
    from ._requests import RequestState as RequestState
    from ._requests import SubjectRequest as SubjectRequest
    from ._requests import complete as complete
    from ._requests import receive as receive
    from ._requests import refuse as refuse
    from ._requests import request_clock as request_clock
    from ._requests import request_status as request_status
    from ._requests import start as start
    from ._restrict import RestrictableStore as RestrictableStore
    from ._restrict import RestrictionReport as RestrictionReport
    from ._restrict import fulfil_restriction as fulfil_restriction
    from ._restrict import is_restricted as is_restricted
    from ._restrict import lift_restriction as lift_restriction
    from ._restrict import restrict_subject as restrict_subject
    from ._retention import RetentionItem as RetentionItem
    from ._retention import RetentionPolicy as RetentionPolicy
    from ._retention import RetentionReport as RetentionReport
    from ._retention import RetentionRule as RetentionRule
    from ._retention import apply_retention as apply_retention
    from ._subject import DataSubject as DataSubject

__all__ = [
    "BREACH_TARGET",
    "ERASED",
    "OTHER_PERSON",
    "PDP_TARGETS",
    "PLUGINS",
    "AffectedSubject",
    "BreachIncident",
    "BreachNotice",
    "ComplaintStoreAdapter",
    "DataSubject",
    "ErasureReport",
    "HoldGround",
    "NationalCopyFlag",
    "PdpRegister",
    "PpidStoreAdapter",
    "RegisterAdapter",
    "RequestEvent",
    "RequestKind",
    "RequestState",
    "RestrictableStore",
    "RestrictionReport",
    "RetentionItem",
    "RetentionPolicy",
    "RetentionReport",
    "RetentionRule",
    "ScrubsMentions",
    "StoreAdapter",
    "StoreErasure",
    "StoredRecord",
    "SubjectExport",
    "SubjectRequest",
    "anonymise_complaint",
    "apply_retention",
    "breach_notice",
    "complete",
    "erase_subject",
    "export_subject",
    "fulfil_erasure",
    "fulfil_restriction",
    "is_restricted",
    "lift_restriction",
    "open_store",
    "receive",
    "refuse",
    "register_store",
    "render_export_html",
    "request_clock",
    "request_status",
    "restrict_subject",
    "start",
    "widen",
]

#: Public name -> private module that defines it.
_LAZY: dict[str, str] = {
    "ComplaintStoreAdapter": "._adapters",
    "ERASED": "._adapters",
    "PLUGINS": "._adapters",
    "PpidStoreAdapter": "._adapters",
    "RegisterAdapter": "._adapters",
    "ScrubsMentions": "._adapters",
    "StoreAdapter": "._adapters",
    "StoredRecord": "._adapters",
    "anonymise_complaint": "._adapters",
    "open_store": "._adapters",
    "register_store": "._adapters",
    "AffectedSubject": "._breach",
    "BreachIncident": "._breach",
    "BreachNotice": "._breach",
    "breach_notice": "._breach",
    "ErasureReport": "._erase",
    "StoreErasure": "._erase",
    "erase_subject": "._erase",
    "fulfil_erasure": "._erase",
    "widen": "._erase",
    "OTHER_PERSON": "._export",
    "SubjectExport": "._export",
    "export_subject": "._export",
    "render_export_html": "._export",
    "BREACH_TARGET": "._law",
    "HoldGround": "._law",
    "PDP_TARGETS": "._law",
    "RequestKind": "._law",
    "NationalCopyFlag": "._requests",
    "PdpRegister": "._requests",
    "RequestEvent": "._requests",
    "RequestState": "._requests",
    "SubjectRequest": "._requests",
    "complete": "._requests",
    "receive": "._requests",
    "refuse": "._requests",
    "request_clock": "._requests",
    "request_status": "._requests",
    "start": "._requests",
    "RestrictableStore": "._restrict",
    "RestrictionReport": "._restrict",
    "fulfil_restriction": "._restrict",
    "is_restricted": "._restrict",
    "lift_restriction": "._restrict",
    "restrict_subject": "._restrict",
    "RetentionItem": "._retention",
    "RetentionPolicy": "._retention",
    "RetentionReport": "._retention",
    "RetentionRule": "._retention",
    "apply_retention": "._retention",
    "DataSubject": "._subject",
}


__getattr__, __dir__ = _lazy_exports(__name__, _LAZY, __all__)
