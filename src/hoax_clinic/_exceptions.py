"""Exception tree of ``hoax_clinic``.

```
LaporError (lapor_sdk)
└── HoaxClinicError
    ├── ClaimNotFoundError                 no claim (or sighting) with that id
    ├── InvalidClaimTransitionError        a status move the claim workflow forbids
    ├── InvalidClaimInputError (ValueError) a bad value handed to the tracker or a parser
    │   ├── UnknownLabelError               text that is not a fact-check label
    │   └── FutureTimeError                 a sighting time later than now (beyond clock skew)
    ├── NotPublishableError                 publishing a claim that has no clarification yet
    └── FeedError                           fetching or parsing a fact-check feed
        ├── UnsafeURLError (ValueError)     scheme, private/loopback/link-local address, redirects
        ├── FeedTooLargeError               the body exceeds the byte cap
        ├── FeedFetchError                  network error, timeout or HTTP error status
        └── FeedParseError                  not a feed, or XML the parser refuses (entities, DTDs)
```

Messages name the value, what is allowed and the fix; they never carry a reporter's contact.
"""

from __future__ import annotations

from lapor_sdk import LaporError

__all__ = [
    "ClaimNotFoundError",
    "FeedError",
    "FeedFetchError",
    "FeedParseError",
    "FeedTooLargeError",
    "FutureTimeError",
    "HoaxClinicError",
    "InvalidClaimInputError",
    "InvalidClaimTransitionError",
    "NotPublishableError",
    "UnknownLabelError",
    "UnsafeURLError",
]


class HoaxClinicError(LaporError):
    """Root of every error raised by ``hoax_clinic``."""


class ClaimNotFoundError(HoaxClinicError, LookupError):
    """No claim or sighting with the given id exists in the tracker."""


class InvalidClaimTransitionError(HoaxClinicError):
    """The claim's status does not allow the requested action."""


class InvalidClaimInputError(HoaxClinicError, ValueError):
    """A value handed to ``hoax_clinic`` is not acceptable; the message says what to fix."""


class UnknownLabelError(InvalidClaimInputError):
    """A text is not one of the fact-check labels (HOAKS, SALAH, ...)."""


class FutureTimeError(InvalidClaimInputError):
    """A sighting time lies in the future beyond the allowed clock skew (a typo, a wrong zone).

    A claim "first seen" in 2099 would have a deadline decades away and never be due.
    """


class NotPublishableError(HoaxClinicError):
    """The claim cannot be published yet (no verdict or no clarification)."""


class FeedError(HoaxClinicError):
    """Fetching or parsing a fact-check feed failed."""


class UnsafeURLError(FeedError, ValueError):
    """A feed URL (or a redirect) points somewhere the fetcher refuses to go."""


class FeedTooLargeError(FeedError):
    """The feed body is larger than the configured byte cap."""


class FeedFetchError(FeedError):
    """The feed could not be downloaded (network error, timeout, HTTP error status)."""


class FeedParseError(FeedError):
    """The body is not a feed the parser accepts (malformed, DTD entities, not RSS/Atom)."""
