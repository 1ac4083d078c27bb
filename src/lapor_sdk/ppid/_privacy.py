"""Keeping the requester's identity out of everything a public reader sees."""

from __future__ import annotations

from ..privacy import scrub
from ._models import Requester

__all__ = ["known_values", "scrub_public"]


def known_values(requester: Requester | None) -> list[str]:
    """Return the requester's own values that must not appear in a public text."""
    if requester is None:
        return []
    fields = ("name", "phone", "email", "nik", "address", "occupation")
    return [v for f in fields if isinstance(v := getattr(requester, f), str)]


def scrub_public(text: str | None, requester: Requester | None) -> str:
    """Scrub phone numbers, e-mail addresses, NIKs and the requester's own values from text."""
    if not text:
        return ""
    return scrub(text, known=known_values(requester))
