"""Named constants of the client: one retry policy, timeouts and header names."""

from __future__ import annotations

__all__ = [
    "API_KEY_ENV",
    "BASE_URL_ENV",
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_PAGE_SIZE",
    "DEFAULT_TIMEOUT",
    "GATEWAY_TOKEN_ENV",
    "IDEMPOTENCY_KEY_HEADER",
    "INITIAL_RETRY_DELAY",
    "MAX_PAGE_SIZE",
    "MAX_PROBLEM_TEXT",
    "MAX_RETRY_AFTER",
    "MAX_RETRY_DELAY",
    "PROFILE_ENV",
    "REQUEST_ID_HEADER",
    "SHOULD_RETRY_HEADER",
]

#: Retries after the first attempt (so 3 attempts in all).
DEFAULT_MAX_RETRIES = 2
#: Delay before the first retry, in seconds; doubles on each further retry.
INITIAL_RETRY_DELAY = 0.5
#: Cap of the exponential backoff, in seconds.
MAX_RETRY_DELAY = 8.0
#: A server's ``Retry-After`` is honoured up to this many seconds; beyond it the backoff is used.
MAX_RETRY_AFTER = 60.0

#: Read/write/pool timeout in seconds.
DEFAULT_TIMEOUT = 30.0
#: Connect timeout in seconds (kept short: a dead host should fail fast and be retried).
DEFAULT_CONNECT_TIMEOUT = 5.0

#: Wall-clock limit of one HTTP exchange (connect, send, headers, body), in seconds: the
#: per-read timeouts alone never end an answer that drips in a byte at a time.
DEFAULT_DEADLINE = 120.0
#: Largest answer body read, in bytes after decompression (a page of 200 full reports is
#: well under it); a bigger answer raises APIResponseValidationError.
DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024
#: Longest problem ``title``/``detail`` (and field error) kept from a server, in characters.
MAX_PROBLEM_TEXT = 500

#: Default and maximum page sizes of list operations.
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200

IDEMPOTENCY_KEY_HEADER = "Idempotency-Key"
REQUEST_ID_HEADER = "X-Request-Id"
#: A server may say ``X-Should-Retry: false`` (e.g. on a permanent 409) or ``true``.
SHOULD_RETRY_HEADER = "X-Should-Retry"

BASE_URL_ENV = "LAPOR_BASE_URL"
API_KEY_ENV = "LAPOR_API_KEY"
PROFILE_ENV = "LAPOR_PROFILE"
GATEWAY_TOKEN_ENV = "LAPOR_GATEWAY_TOKEN"  # noqa: S105 - a variable name, not a secret
