"""Former home of the text scrubbing, kept for imports of this path.

The scrubbing moved below the models (:mod:`lapor_sdk._personal._redact`) so that the models
import nothing above them; use the public names of :mod:`lapor_sdk.privacy`.
"""

from .._personal._redact import PLACEHOLDER as PLACEHOLDER
from .._personal._redact import RedactingFilter as RedactingFilter
from .._personal._redact import excerpt as excerpt
from .._personal._redact import redact_text as redact_text
from .._personal._redact import scrub as scrub

__all__ = ["PLACEHOLDER", "RedactingFilter", "excerpt", "redact_text", "scrub"]
