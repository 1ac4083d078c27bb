"""The claim as it may be republished: without its links, phone numbers and chain boilerplate.

A clarification quotes the claim it answers. Quoting a scam verbatim would republish its
link or its "hubungi 0812…" number to exactly the audience the clarification is meant to
protect, and "SEBARKAN!!" would ask readers to spread the hoax. Fact-checkers describe the
claim instead; :func:`public_claim_text` does the mechanical part of that.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from lapor_sdk.models import PERSONAL_FIELDS
from lapor_sdk.privacy import scrub

if TYPE_CHECKING:
    from ..models import Claim

__all__ = [
    "LINK_PLACEHOLDER",
    "PHONE_PLACEHOLDER",
    "claim_text_of",
    "public_claim_text",
    "reporter_identity",
]

#: What a removed link becomes.
LINK_PLACEHOLDER = "[tautan dihapus]"
#: What a removed phone number becomes.
PHONE_PLACEHOLDER = "[nomor dihapus]"

# Up to the next space, leaving sentence punctuation that follows the link in place.
_URL = re.compile(r"(?:https?://|www\.)\S+?(?=[.,;:!?)\]]*(?:\s|$))", re.IGNORECASE)
# Bare links such as bit.ly/abc, wa.me/62812…, s.id/x or kemensos-bansos.com/daftar.
_BARE_LINK = re.compile(
    r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:[a-z]{2,24})(?:/\S*|\b(?=\s|$|[,;!?)]))",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w])(?:\+62|62|0)\s?8\d{1,3}(?:[\s.-]?\d{2,5}){1,4}(?!\w)")
_BOILERPLATE_WORDS = (
    r"sebarkan|sebarkanlah|viralkan|bagikan|share|forward|teruskan|info\s+valid|"
    r"info\s+penting|penting|waspada|breaking\s+news|copas(?:\s+dari\s+grup\s+sebelah)?"
)
# Only spaces and punctuation around the words are dropped, never a placeholder's bracket;
# a sentence's own full stop before trailing boilerplate stays.
_LEADING = re.compile(rf"^(?:[\s.,;:!?*-]*\b(?:{_BOILERPLATE_WORDS})\b[\s.,;:!?*-]*)+", re.I)
_TRAILING = re.compile(rf"(?:[\s,;:*-]*\b(?:{_BOILERPLATE_WORDS})\b[\s.,;:!?*-]*)+$", re.I)
_REPEATED_PUNCT = re.compile(r"([!?.,])\1+")
_WS = re.compile(r"\s+")


def reporter_identity(claim: Claim) -> list[str]:
    """The name, phone, e-mail, NIK and address of every citizen who reported ``claim``."""
    return [
        value
        for sighting in claim.sightings
        if sighting.reporter is not None
        for name in PERSONAL_FIELDS
        if isinstance(value := getattr(sighting.reporter, name), str)
    ]


def claim_text_of(claim: Claim) -> str:
    """The claim's text as it may be published (:func:`public_claim_text`), with the identity
    of the citizens who reported it scrubbed too."""
    return public_claim_text(claim.text, known=reporter_identity(claim))


def public_claim_text(text: str, *, known: Iterable[str] = ()) -> str:
    """Return the claim as it may be quoted in a clarification.

    Links become ``[tautan dihapus]``, Indonesian phone numbers ``[nomor dihapus]``; e-mail
    addresses, NIKs, numbers in other scripts' digits and the ``known`` strings (a reporter's
    name) ``[disembunyikan]``; chain boilerplate at the start or end ("SEBARKAN!!", "info
    valid") is dropped and repeated punctuation collapsed. The wording of the claim itself is
    kept.

    Args:
        text: The claim as logged.
        known: Strings to remove as well (the reporting citizen's name and contact).

    Returns:
        The text to publish; the original when nothing needs removing.

    Example:
        >>> public_claim_text("SEBARKAN!! Bansos Rp 600 ribu cair, daftar di bit.ly/xx")
        'Bansos Rp 600 ribu cair, daftar di [tautan dihapus]'
    """
    # Personal data first: the link patterns would cut an e-mail address in two.
    out = scrub(text, phones=False, known=known)
    out = _URL.sub(LINK_PLACEHOLDER, out)
    out = _BARE_LINK.sub(LINK_PLACEHOLDER, out)
    out = _PHONE.sub(PHONE_PLACEHOLDER, out)
    out = scrub(out)  # what the scam-number pattern misses (full-width digits, landlines)
    out = _REPEATED_PUNCT.sub(r"\1", out)
    out = _WS.sub(" ", out).strip()
    stripped = _TRAILING.sub("", _LEADING.sub("", out)).strip()
    # A claim that is nothing but boilerplate keeps its (defanged) words.
    return stripped or out
