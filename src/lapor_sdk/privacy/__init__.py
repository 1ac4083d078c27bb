"""Privacy of reports: per-audience views and scrubbing of personal data in text and logs.

SP4N-LAPOR! has two independent flags (:class:`~lapor_sdk.models.Privacy`): *anonim* hides the
reporter's identity from the public and from the party complained about; *rahasia* keeps the
whole report out of public view. :func:`view_for` applies them for an :class:`Audience`;
:func:`redact_text` and :class:`RedactingFilter` keep phone numbers, e-mail addresses, NIKs and
tokens out of texts and logs.
"""

from .._personal._redact import PLACEHOLDER as PLACEHOLDER
from .._personal._redact import RedactingFilter as RedactingFilter
from .._personal._redact import excerpt as excerpt
from .._personal._redact import redact_text as redact_text
from .._personal._redact import scrub as scrub
from ._views import Audience as Audience
from ._views import view_for as view_for

__all__ = [
    "PLACEHOLDER",
    "Audience",
    "RedactingFilter",
    "excerpt",
    "redact_text",
    "scrub",
    "view_for",
]
