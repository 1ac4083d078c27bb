"""Plain Indonesian for citizens: the rules, a checker, and formatters that follow them.

Whatever the SDK writes to citizens — published clarifications, prompts to reporters, PPID
notices, the public reports — should be easy to read: short sentences, Indonesian words rather
than English jargon, numbers, money, dates and times written the Indonesian way (PUEBI).
:func:`check_text` finds where a text breaks one of the :data:`RULES`; the formatters write
figures so that it does not.

```python
from lapor_sdk.plain_language import check_text, format_rupiah
for finding in check_text("Silakan klik link berikut sebelum 17/06/2026 jam 08.30."):
    print(finding)            # english-jargon at 13: 'link': write 'tautan' ...
format_rupiah(600_000)        # 'Rp600.000'
```

It depends on nothing else in the SDK, so any module may use it.
"""

from ._check import JARGON as JARGON
from ._check import MAX_SENTENCE_WORDS as MAX_SENTENCE_WORDS
from ._check import RULES as RULES
from ._check import Finding as Finding
from ._check import check_text as check_text
from ._check import sentences as sentences
from ._check import words as words
from ._format import DAYS as DAYS
from ._format import MONTHS as MONTHS
from ._format import ZONE_NAMES as ZONE_NAMES
from ._format import format_date as format_date
from ._format import format_datetime as format_datetime
from ._format import format_number as format_number
from ._format import format_rupiah as format_rupiah
from ._format import format_time as format_time
from ._format import zone_name as zone_name

__all__ = [
    "DAYS",
    "JARGON",
    "MAX_SENTENCE_WORDS",
    "MONTHS",
    "RULES",
    "ZONE_NAMES",
    "Finding",
    "check_text",
    "format_date",
    "format_datetime",
    "format_number",
    "format_rupiah",
    "format_time",
    "sentences",
    "words",
    "zone_name",
]
