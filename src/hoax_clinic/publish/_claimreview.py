"""schema.org ClaimReview JSON-LD for a clarified claim."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from lapor_sdk.privacy import scrub

from .._exceptions import NotPublishableError
from ..models import Claim, ClaimStatus, Clarification, Verdict
from ._defang import claim_text_of, reporter_identity

__all__ = [
    "BEST_RATING",
    "WORST_RATING",
    "Publisher",
    "claim_review",
    "claim_review_json",
    "published_parts",
]

#: Rating scale of :attr:`hoax_clinic.Label.rating`: 1 = false … 5 = true.
BEST_RATING = 5
WORST_RATING = 1


@dataclass(frozen=True, slots=True)
class Publisher:
    """The organisation that publishes clarifications (author of the ClaimReview)."""

    name: str
    """Organisation name, e.g. ``"Diskominfo Provinsi Jawa Timur"``."""
    url: str
    """Its home page."""
    logo: str | None = None
    """Logo URL (optional)."""

    def as_jsonld(self) -> dict[str, Any]:
        """Return the schema.org Organization node."""
        node: dict[str, Any] = {"@type": "Organization", "name": self.name, "url": self.url}
        if self.logo:
            node["logo"] = self.logo
        return node


def published_parts(claim: Claim) -> tuple[Verdict, Clarification]:
    """Return the verdict and clarification of a publishable claim.

    Raises:
        NotPublishableError: The claim is not CLARIFIED (or lacks either part).
    """
    if claim.status is not ClaimStatus.CLARIFIED or not claim.verdict or not claim.clarification:
        raise NotPublishableError(
            f"claim {claim.id} is {claim.status.name}, not CLARIFIED; set a verdict and "
            "clarify it before publishing"
        )
    # The clarification may quote the citizen who reported the claim: never published.
    known = reporter_identity(claim)
    clar = claim.clarification
    clar = clar.model_copy(
        update={
            "text": scrub(clar.text, known=known),
            "sources": tuple(scrub(s, known=known) for s in clar.sources),
        }
    )
    return claim.verdict, clar


def claim_review(
    claim: Claim,
    *,
    publisher: Publisher,
    url: str | None = None,
    claim_author: str | None = None,
    language: str = "id",
) -> dict[str, Any]:
    """Build the ClaimReview JSON-LD of a clarified claim.

    Carries the required and recommended fields of Google's fact-check markup: ``claimReviewed``,
    ``reviewRating`` (``alternateName`` = the label, on a 1–5 scale), ``itemReviewed`` (a
    ``Claim`` with ``appearance``, ``firstAppearance``, ``datePublished``, ``author``),
    ``author``, ``datePublished`` and ``url``.

    Args:
        claim: A CLARIFIED claim.
        publisher: The organisation publishing the review.
        url: Page of the clarification; default the clarification's URL.
        claim_author: Who made the claim, when known (else "Tidak diketahui").
        language: ``inLanguage`` (BCP 47).

    Returns:
        A JSON-serialisable dict.

    Raises:
        NotPublishableError: Not clarified, imported from a feed, or no URL for the review.
    """
    verdict, clar = published_parts(claim)
    if claim.imported:
        where = clar.url or (claim.sources[0] if claim.sources else "a feed")
        raise NotPublishableError(
            f"claim {claim.id} is another fact-checker's debunk imported from {where}; "
            "its ClaimReview belongs to them: link to their article, or clarify your own claim"
        )
    page = url or clar.url
    if not page:
        raise NotPublishableError(
            f"claim {claim.id} has no published URL; pass url= or clarify with url="
        )
    appearances = list(dict.fromkeys(s.url for s in claim.sightings if s.url))
    first_url = claim.first_sighting_url()
    item: dict[str, Any] = {
        "@type": "Claim",
        "datePublished": claim.first_seen.isoformat(),
        "author": {"@type": "Organization", "name": claim_author or "Tidak diketahui"},
        "appearance": [{"@type": "CreativeWork", "url": u} for u in appearances],
    }
    if first_url:
        first = min((s for s in claim.sightings if s.url), key=lambda s: s.seen_at)
        item["firstAppearance"] = {
            "@type": "CreativeWork",
            "url": first.url,
            "datePublished": first.seen_at.isoformat(),
        }
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": page,
        "claimReviewed": claim_text_of(claim),
        "datePublished": clar.published_at.isoformat(),
        "inLanguage": language,
        "author": publisher.as_jsonld(),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": verdict.label.rating,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": verdict.label.value,
        },
        "itemReviewed": item,
        "reviewBody": clar.text,
    }


def claim_review_json(
    claim: Claim, *, publisher: Publisher, indent: int | None = None, **kwargs: Any
) -> str:
    """Return :func:`claim_review` as JSON text, safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` are escaped as ``\\u003c`` etc. so the text cannot close the script
    element.

    Args:
        claim: A CLARIFIED claim.
        publisher: The organisation publishing the review.
        indent: JSON indentation (``None`` = compact).
        **kwargs: Passed to :func:`claim_review` (``url``, ``claim_author``, ``language``).

    Returns:
        The JSON text.
    """
    doc = claim_review(claim, publisher=publisher, **kwargs)
    text = json.dumps(doc, ensure_ascii=False, indent=indent)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
