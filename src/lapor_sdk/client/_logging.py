"""A logging filter that keeps credentials and reporters' personal data out of log records.

The client never logs headers or bodies itself and never puts personal data in URLs (file
names travel in the body); this filter is the safety net for records of ``lapor_sdk``,
``httpx`` and ``httpcore`` (debug logging of a misconfigured app, for example): it replaces
tokens by ``***`` and NIKs, phone numbers and e-mail addresses by ``[disembunyikan]``.
"""

from __future__ import annotations

import logging
import re

from .._personal._redact import redact_text

__all__ = ["RedactSecretsFilter", "install_redaction"]

_PATTERNS = (
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=$:{}-]+"),
    re.compile(r"(?i)((?:authorization|token|auth|api[_-]?key)['\"]?\s*[:=]\s*['\"]?)[^\s'\",}]+"),
)


class RedactSecretsFilter(logging.Filter):
    """Replace bearer tokens and ``token``/``authorization`` values in messages by ``***``,
    and NIKs, phone numbers and e-mail addresses by ``[disembunyikan]``."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message in place; never drops a record."""
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: scrub what there is
            message = f"{record.msg} {record.args!r}"
        redacted = message
        for pattern in _PATTERNS:
            redacted = pattern.sub(r"\1***", redacted)
        redacted = redact_text(redacted)
        if redacted != message:
            record.msg = redacted
            record.args = None
        return True


_FILTER = RedactSecretsFilter()


#: A logger's filters do not apply to records of its children, so every logger that really
#: emits records is named here, not only the package roots.
_LOGGERS = (
    "lapor_sdk",
    "lapor_sdk.client",
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
)


def install_redaction() -> None:
    """Attach the filter to the loggers that may see request data (idempotent)."""
    for name in _LOGGERS:
        log = logging.getLogger(name)
        if _FILTER not in log.filters:
            log.addFilter(_FILTER)
