"""Parse fact-check feeds (RSS 2.0, Atom) into typed items, defensively.

The body is size-capped, documents that declare XML entities or an internal DTD subset are
refused before any parser sees them (billion laughs, external entities), feedparser reads the
rest (falling back to its lenient parser on malformed XML or a wrong encoding), and the
article HTML is reduced to plain text with BeautifulSoup; the HTML kept is cleaned with nh3.
"""

from __future__ import annotations

import calendar
import hashlib
import re
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape as escape_html
from typing import Any

import feedparser
import feedparser.encodings
import nh3
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.element import CData, NavigableString, Tag

from .._exceptions import FeedParseError, FeedTooLargeError
from ..models import Label
from ._fetch import DEFAULT_MAX_BYTES
from ._labels import label_from_categories, label_from_url, parse_label, split_title

__all__ = ["Article", "FeedItem", "ParsedFeed", "extract_article", "parse_feed", "sanitize_html"]

_MAX_ITEMS = 1_000
_MAX_TITLE = 500
_MAX_TEXT = 8_000
_MAX_HTML = 100_000
_MAX_REFS = 20
_ALLOWED_TAGS = {
    "a", "b", "blockquote", "br", "em", "i", "li", "ol", "p", "strong", "ul", "h2", "h3", "h4",
}  # fmt: skip
_DROP_TAGS = ("script", "style", "iframe", "object", "embed", "noscript", "template", "svg")
_NAMES = r"NARASI|PENJELASAN|KESIMPULAN|REFERENSI|RUJUKAN|LINK COUNTER"
_SECTION = re.compile(
    rf"\[({_NAMES})\]\s*:?|^[ \t]*({_NAMES})\s*:",  # unbracketed only at a line start
    re.IGNORECASE | re.MULTILINE,
)
_SPACES = re.compile(r"\s+")
_BRACKET_LABEL = re.compile(r"\[([A-Za-z ]{3,40})\]")


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One fact-check article read from a feed."""

    key: str
    """Stable identity: the article URL, else the GUID, else a hash of the title."""
    title: str
    """Title as published, plain text."""
    claim: str
    """The claim: the title without its label (or the narrative when the title is only a label)."""
    label: Label | None
    """Label from the title, the categories, the URL slug or the article, in that order."""
    url: str | None
    """Article URL (http/https only; ``javascript:`` and other schemes are dropped)."""
    published: datetime | None
    """Publication time (UTC) when the feed gives one."""
    categories: tuple[str, ...]
    """Categories/tags of the item."""
    narrative: str | None
    """The circulating claim as quoted by the article (``[NARASI]``), if found."""
    explanation: str
    """Plain-text explanation (conclusion first), capped."""
    references: tuple[str, ...]
    """Evidence links found in the article (http/https)."""
    html: str
    """The article HTML, sanitised with nh3 (safe to embed)."""


@dataclass(frozen=True, slots=True)
class Article:
    """The sections of a fact-check article, as plain text."""

    text: str = ""
    """All the text."""
    narrative: str | None = None
    """The circulating claim as quoted (``[NARASI]``)."""
    explanation: str = ""
    """The explanation (``[PENJELASAN]``, ``Penjelasan:``), or all the text."""
    conclusion: str | None = None
    """The conclusion (``[KESIMPULAN]``)."""
    references: tuple[str, ...] = ()
    """Evidence links (http/https)."""
    label: Label | None = None
    """First bracketed label in the text (``[SALAH]``)."""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A parsed feed."""

    title: str | None
    """Feed title."""
    link: str | None
    """Feed home page."""
    items: tuple[FeedItem, ...]
    """Items in feed order."""
    well_formed: bool
    """False when the strict XML parser failed and the lenient one was used."""


_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "area", "base", "col", "wbr"})
#: Deeper markup is not kept as HTML (sanitisers get slow on it; real articles nest < 30).
MAX_HTML_DEPTH = 100


def _nesting_depth(html: str) -> int:
    depth = deepest = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if m.group(1):
            depth = max(0, depth - 1)
        elif not m.group(3) and name not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def sanitize_html(html: str) -> str:
    """Return ``html`` reduced to a safe subset (text formatting and http(s) links only).

    Scripts, styles, event handlers, ``javascript:``/``data:`` URLs and unknown tags are removed.
    Markup nested deeper than :data:`MAX_HTML_DEPTH` is reduced to escaped text paragraphs.
    """
    if _nesting_depth(html[:_MAX_HTML]) > MAX_HTML_DEPTH:
        text, _ = _plain(html)
        return "".join(f"<p>{escape_html(line)}</p>" for line in text.splitlines())
    return nh3.clean(
        html[:_MAX_HTML],
        tags=_ALLOWED_TAGS,
        clean_content_tags=set(_DROP_TAGS),
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def _http(url: object) -> str | None:
    if not isinstance(url, str):
        return None
    url = url.strip()
    if re.match(r"^https?://[^\s/]+", url, re.IGNORECASE) and len(url) <= 2000:
        return url
    return None


_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section")


def _soup(html: str) -> BeautifulSoup:
    # Feed text that merely looks like a URL or a file name makes bs4 warn; for untrusted
    # snippets that is expected input, not a programming error.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(html, "html.parser")


def _plain(html: str) -> tuple[str, tuple[str, ...]]:
    soup = _soup(html[:_MAX_HTML])
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    refs: list[str] = []
    for a in soup.find_all("a"):
        href = _http(a.get("href"))
        if href and href not in refs and len(refs) < _MAX_REFS:
            refs.append(href)
    # One iterative walk (deeply nested input must not cost quadratic time): whitespace inside
    # text is not meaningful in HTML, line breaks come from <br> and block elements.
    parts: list[str] = []
    for node in soup.descendants:
        if isinstance(node, Tag):
            if node.name == "br" or node.name in _BLOCKS:
                parts.append("\n")
        elif type(node) in (NavigableString, CData):
            parts.append(_SPACES.sub(" ", str(node)))
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line), tuple(refs)


def extract_article(html: str) -> Article:
    """Extract the sections of a fact-check article.

    Recognises TurnBackHoax's ``[NARASI]``/``[PENJELASAN]``/``[KESIMPULAN]``/``[REFERENSI]``
    blocks and Komdigi's ``Penjelasan:`` … ``Link Counter:`` layout; otherwise the whole text
    is the explanation.

    Args:
        html: Article HTML (untrusted).

    Returns:
        The article's sections.
    """
    text, refs = _plain(html)
    sections: dict[str, str] = {}
    marks = list(_SECTION.finditer(text))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        name = (m.group(1) or m.group(2)).upper()
        body = text[m.end() : end].strip(" :\n")
        if body and name not in sections:
            sections[name] = body
    label = None
    for m in _BRACKET_LABEL.finditer(text[:2000]):
        label = parse_label(m.group(1))
        if label is not None:
            break
    extra = re.findall(r"https?://[^\s|<>\"']+", sections.get("LINK COUNTER", ""))
    references = tuple(dict.fromkeys([*refs, *(u for u in extra if _http(u))]))[:_MAX_REFS]
    return Article(
        text=text,
        narrative=sections.get("NARASI"),
        explanation=sections.get("PENJELASAN") or (text if not sections else ""),
        conclusion=sections.get("KESIMPULAN"),
        references=references,
        label=label,
    )


#: A document type or entity declaration, wherever it is (XML needs no space after "<!";
#: the lenient parser may accept one, so it is allowed for here).
_DECLARATION = re.compile(rb"<!\s*(?:doctype|entity)", re.IGNORECASE)


def _refuse_dtd(data: bytes, headers: dict[str, str]) -> None:
    """Refuse a document that declares a DTD or entities *anywhere* (defusedxml-style).

    Checked on the bytes with NUL bytes dropped (UTF-16/32 text) and on the UTF-8 text
    feedparser's own conversion makes of them, which is what its parsers read (a document
    declared as UTF-7 or EBCDIC hides "<!DOCTYPE" from a byte search). A comment, a CDATA
    section or 64 KB of whitespace before the declaration no longer hides it; an article that
    quotes "<!DOCTYPE" inside CDATA is refused too (no real feed needs either).
    """
    candidates = [data.replace(b"\x00", b"")]
    try:
        candidates.append(feedparser.encodings.convert_to_utf8(dict(headers), data, {}))
    except Exception:  # noqa: S110 - the parse itself reports unreadable documents
        pass
    if any(_DECLARATION.search(candidate) for candidate in candidates):
        raise FeedParseError(
            "the feed declares XML entities or a DTD (<!ENTITY or <!DOCTYPE); refusing it "
            "(entity declarations enable billion-laughs and external-entity attacks, and real "
            "feeds never need them)"
        )


def _when(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), UTC)
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def _text(value: object, limit: int) -> str:
    if not isinstance(value, str):
        return ""
    if "<" in value:
        value = _soup(value[:_MAX_HTML]).get_text(" ")
    return " ".join(value.split())[:limit]


def _item(entry: Any) -> FeedItem | None:
    title = _text(entry.get("title"), _MAX_TITLE)
    url = _http(entry.get("link"))
    guid = entry.get("id") if isinstance(entry.get("id"), str) else None
    categories = tuple(
        _text(t.get("term"), 100) for t in entry.get("tags") or () if isinstance(t, dict)
    )
    categories = tuple(c for c in categories if c)[:30]
    contents = entry.get("content") or ()
    html = ""
    for c in contents:
        if isinstance(c, dict) and isinstance(c.get("value"), str):
            html = c["value"]
            break
    if not html and isinstance(entry.get("summary"), str):
        html = entry["summary"]
    article = extract_article(html) if html else Article()
    label, claim = split_title(title)
    label = (
        label
        or label_from_categories(categories)
        or (label_from_url(url) if url else None)
        or article.label
    )
    narrative = article.narrative
    if not claim and narrative:
        claim = " ".join(narrative.split())[:_MAX_TITLE]
    if not claim:
        return None
    explanation = "\n\n".join(p for p in (article.conclusion, article.explanation) if p)
    key = url or (guid.strip()[:2000] if guid and guid.strip() else None)
    if key is None:
        key = "sha256:" + hashlib.sha256(title.encode("utf-8", "replace")).hexdigest()
    return FeedItem(
        key=key,
        title=title,
        claim=claim,
        label=label,
        url=url,
        published=_when(entry),
        categories=categories,
        narrative=narrative[:_MAX_TEXT] if narrative else None,
        explanation=explanation[:_MAX_TEXT],
        references=article.references,
        html=sanitize_html(html) if html else "",
    )


def parse_feed(
    data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, content_type: str | None = None
) -> ParsedFeed:
    """Parse an RSS 2.0 / Atom document into fact-check items.

    Args:
        data: The raw bytes (never a URL or a file name: nothing is fetched here).
        max_bytes: Largest body accepted.
        content_type: The Content-Type header, when known (helps with the encoding).

    Returns:
        The feed; items without any usable title are skipped.

    Raises:
        FeedTooLargeError: ``data`` is larger than ``max_bytes``.
        FeedParseError: Entity declarations, or not a feed at all.
    """
    if not isinstance(data, bytes | bytearray):
        raise TypeError("parse_feed takes the feed's bytes")
    if len(data) > max_bytes:
        raise FeedTooLargeError(
            f"feed body has {len(data)} bytes, more than the cap of {max_bytes}"
        )
    headers = {"content-type": content_type} if content_type else {}
    _refuse_dtd(bytes(data), headers)
    try:
        parsed = feedparser.parse(
            bytes(data),
            response_headers=headers,
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except Exception as exc:  # feedparser's lenient parser can raise on hostile input
        raise FeedParseError(f"cannot parse the feed: {type(exc).__name__}") from None
    if not parsed.get("version") and not parsed.get("entries"):
        reason = parsed.get("bozo_exception")
        why = f" ({type(reason).__name__})" if reason else ""
        raise FeedParseError(f"the document is not an RSS or Atom feed{why}")
    feed = parsed.get("feed") or {}
    items = []
    for entry in (parsed.get("entries") or [])[:_MAX_ITEMS]:
        item = _item(entry)
        if item is not None:
            items.append(item)
    return ParsedFeed(
        title=_text(feed.get("title"), _MAX_TITLE) or None,
        link=_http(feed.get("link")),
        items=tuple(items),
        well_formed=not parsed.get("bozo"),
    )
