"""Exception tree of ``lapor_sdk``.

```
LaporError
├── InvalidInputError (also ValueError)      bad values handed to the SDK
│   ├── InvalidPhoneError
│   ├── InvalidNikError
│   └── UnknownRegionError
├── IllegalTransitionError                   a lifecycle move the status machine forbids
├── NotVisibleError                          a view that privacy rules do not allow
└── APIError                                 the national API or the sandbox (see lapor_sdk.client)
```

Messages name the value, what is allowed and the fix, and never carry a reporter's personal
data: reporters are referred to by the complaint's tracking id.
"""

from __future__ import annotations

__all__ = [
    "IllegalTransitionError",
    "InvalidInputError",
    "InvalidNikError",
    "InvalidPhoneError",
    "LaporError",
    "NotVisibleError",
    "UnknownRegionError",
]


class LaporError(Exception):
    """Root of every error raised by ``lapor_sdk``."""


class InvalidInputError(LaporError, ValueError):
    """A value handed to the SDK is not acceptable; the message says what to fix."""


class InvalidPhoneError(InvalidInputError):
    """A phone number is not a valid Indonesian number."""


class InvalidNikError(InvalidInputError):
    """A NIK (Nomor Induk Kependudukan) is malformed; the message names the faulty part."""


class UnknownRegionError(InvalidInputError):
    """A region code or name is not in the shipped Kemendagri list."""


class IllegalTransitionError(LaporError):
    """A lifecycle action is not allowed from the complaint's status or for the actor's role."""


class NotVisibleError(LaporError):
    """The requested audience may not see this complaint at all (e.g. a confidential report)."""
