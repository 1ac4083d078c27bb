"""SLA rules on the Indonesian working calendar.

```python
from lapor_sdk.sla import WorkingCalendar, Duration, SlaClock, SlaState, SlaPolicy
cal = WorkingCalendar.indonesia(tz="Asia/Jakarta")
cal.add(start, Duration.working_days(3))
SlaPolicy.sp4n_lapor().evaluate(complaint, calendar=cal, now=now)
```

Vectorised evaluation for dashboards lives in :mod:`lapor_sdk.sla.batch`.
"""

from ._calendar import ZONES as ZONES
from ._calendar import CalendarDay as CalendarDay
from ._calendar import DayKind as DayKind
from ._calendar import OfficeHours as OfficeHours
from ._calendar import WorkingCalendar as WorkingCalendar
from ._calendar import supported_years as supported_years
from ._clock import DEFAULT_AT_RISK as DEFAULT_AT_RISK
from ._clock import SlaClock as SlaClock
from ._clock import SlaResult as SlaResult
from ._clock import SlaState as SlaState
from ._duration import Duration as Duration
from ._duration import DurationKind as DurationKind
from ._errors import CalendarConfigError as CalendarConfigError
from ._errors import CalendarRangeError as CalendarRangeError
from ._errors import ClockError as ClockError
from ._errors import InvalidDurationError as InvalidDurationError
from ._errors import NaiveDatetimeError as NaiveDatetimeError
from ._errors import PolicyError as PolicyError
from ._errors import ProvisionalCalendarWarning as ProvisionalCalendarWarning
from ._policy import PPID_TARGETS as PPID_TARGETS
from ._policy import SlaPolicy as SlaPolicy
from ._policy import SlaStage as SlaStage
from ._policy import StageTimeline as StageTimeline
from ._policy import StatutoryTarget as StatutoryTarget
from ._policy import clock_events as clock_events
from ._policy import response_window_deadline as response_window_deadline
from ._policy import stage_timeline as stage_timeline

__all__ = [
    "DEFAULT_AT_RISK",
    "PPID_TARGETS",
    "ZONES",
    "CalendarConfigError",
    "CalendarDay",
    "CalendarRangeError",
    "ClockError",
    "DayKind",
    "Duration",
    "DurationKind",
    "InvalidDurationError",
    "NaiveDatetimeError",
    "OfficeHours",
    "PolicyError",
    "ProvisionalCalendarWarning",
    "SlaClock",
    "SlaPolicy",
    "SlaResult",
    "SlaStage",
    "SlaState",
    "StageTimeline",
    "StatutoryTarget",
    "WorkingCalendar",
    "clock_events",
    "response_window_deadline",
    "stage_timeline",
    "supported_years",
]
