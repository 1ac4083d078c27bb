"""Publishing clarifications: ClaimReview JSON-LD, RSS/Atom feeds, HTML and social text.

Every format quotes the claim through :func:`public_claim_text`, which removes its links,
phone numbers and "SEBARKAN!!" boilerplate: a clarification must not republish the scam.

```python
from hoax_clinic.publish import Publisher, claim_review, social_post
org = Publisher(name="Diskominfo Kota Contoh", url="https://kominfo.contoh.go.id")
jsonld = claim_review(claim, publisher=org)
tweet = social_post(claim)                  # ≤ 280 characters, label and link kept
```
"""

from ._claimreview import BEST_RATING as BEST_RATING
from ._claimreview import WORST_RATING as WORST_RATING
from ._claimreview import Publisher as Publisher
from ._claimreview import claim_review as claim_review
from ._claimreview import claim_review_json as claim_review_json
from ._defang import public_claim_text as public_claim_text
from ._text import X_MAX_CHARS as X_MAX_CHARS
from ._text import X_URL_LENGTH as X_URL_LENGTH
from ._text import atom_feed as atom_feed
from ._text import html_snippet as html_snippet
from ._text import rss_feed as rss_feed
from ._text import social_post as social_post
from ._text import whatsapp_message as whatsapp_message
from ._text import x_length as x_length

__all__ = [
    "BEST_RATING",
    "WORST_RATING",
    "X_MAX_CHARS",
    "X_URL_LENGTH",
    "Publisher",
    "atom_feed",
    "claim_review",
    "claim_review_json",
    "html_snippet",
    "public_claim_text",
    "rss_feed",
    "social_post",
    "whatsapp_message",
    "x_length",
]
