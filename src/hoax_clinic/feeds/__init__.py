"""Fact-check feed ingestion: safe download, defensive parsing, label reading, loading.

```python
from hoax_clinic import ClaimTracker
from hoax_clinic.feeds import DEFAULT_FEEDS, ingest

tracker = ClaimTracker.open()
for feed in DEFAULT_FEEDS:          # unverified defaults: configure your own list
    print(ingest(tracker, feed))
```
"""

from ._fetch import DEFAULT_MAX_BYTES as DEFAULT_MAX_BYTES
from ._fetch import DEFAULT_MAX_REDIRECTS as DEFAULT_MAX_REDIRECTS
from ._fetch import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
from ._fetch import FetchResult as FetchResult
from ._fetch import check_url as check_url
from ._fetch import fetch as fetch
from ._ingest import DEFAULT_FEEDS as DEFAULT_FEEDS
from ._ingest import FeedSource as FeedSource
from ._ingest import IngestReport as IngestReport
from ._ingest import ingest as ingest
from ._ingest import ingest_bytes as ingest_bytes
from ._labels import label_from_categories as label_from_categories
from ._labels import label_from_url as label_from_url
from ._labels import parse_label as parse_label
from ._labels import split_title as split_title
from ._parse import Article as Article
from ._parse import FeedItem as FeedItem
from ._parse import ParsedFeed as ParsedFeed
from ._parse import extract_article as extract_article
from ._parse import parse_feed as parse_feed
from ._parse import sanitize_html as sanitize_html

__all__ = [
    "DEFAULT_FEEDS",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_REDIRECTS",
    "DEFAULT_TIMEOUT",
    "Article",
    "FeedItem",
    "FeedSource",
    "FetchResult",
    "IngestReport",
    "ParsedFeed",
    "check_url",
    "extract_article",
    "fetch",
    "ingest",
    "ingest_bytes",
    "label_from_categories",
    "label_from_url",
    "parse_feed",
    "parse_label",
    "sanitize_html",
    "split_title",
]
