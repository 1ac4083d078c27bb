"""Validators for Indonesian phone numbers, NIK and region codes, and location detection."""

from ._nik import NikInfo as NikInfo
from ._nik import validate_nik as validate_nik
from ._phone import normalize_phone as normalize_phone

__all__ = [
    "NikInfo",
    "normalize_phone",
    "validate_nik",
]
