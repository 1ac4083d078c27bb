"""Personal data at the bottom of the import graph: NIK and phone checks, text scrubbing.

The models validate a reporter's NIK and phone and scrub free text in their ``repr``, so
what they need lives here, below :mod:`lapor_sdk.models`, and imports nothing above it
(only :mod:`lapor_sdk._exceptions`). The public names are re-exported by
:mod:`lapor_sdk.validation` (``validate_nik``, ``normalize_phone``) and
:mod:`lapor_sdk.privacy` (``redact_text``, ``RedactingFilter``, ``PLACEHOLDER``).
"""
