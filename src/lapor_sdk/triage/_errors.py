"""Errors of :mod:`lapor_sdk.triage` (all under :class:`~lapor_sdk.LaporError`).

```
LaporError
└── TriageError
    ├── MissingExtraError (also ImportError)    scikit-learn / PySastrawi not installed
    ├── TriageInputError (also ValueError)      texts or labels that cannot be fitted
    └── ModelFileError (also ValueError)        a model file that is not a valid model
```
"""

from __future__ import annotations

from .._exceptions import InvalidInputError, LaporError

__all__ = [
    "EXTRA_HINT",
    "MissingExtraError",
    "ModelFileError",
    "TriageError",
    "TriageInputError",
    "missing_extra",
]

#: The command that installs what triage needs.
EXTRA_HINT = 'pip install "lapor-sdk[triage]"'


class TriageError(LaporError):
    """Root of the errors raised by :mod:`lapor_sdk.triage`."""


class MissingExtraError(TriageError, ImportError):
    """A package of the ``triage`` extra is not installed; the message names the install."""


class TriageInputError(TriageError, InvalidInputError):
    """Texts or labels handed to :meth:`TriageModel.fit` cannot be used as they are."""


class ModelFileError(TriageError, ValueError):
    """A model file is missing, too large, corrupt or not a lapor-sdk triage model."""


def missing_extra(package: str) -> MissingExtraError:
    """Return the error for a missing package of the ``triage`` extra."""
    return MissingExtraError(
        f"lapor_sdk.triage needs {package}, which is not installed; "
        f"install the triage extra: {EXTRA_HINT}"
    )
