"""Clarifications as feeds (RSS 2.0, Atom), an HTML snippet and social-media text."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import UTC, datetime, tzinfo
from email.utils import format_datetime
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

import nh3

from lapor_sdk import plain_language

from .._deadline import ensure_aware
from ..models import Claim, ClaimStatus
from ._claimreview import Publisher, published_parts
from ._defang import claim_text_of

__all__ = [
    "X_MAX_CHARS",
    "X_URL_LENGTH",
    "atom_feed",
    "html_snippet",
    "local_time_text",
    "rss_feed",
    "social_post",
    "whatsapp_message",
    "x_length",
]

#: Longest post on X (characters).
X_MAX_CHARS = 280

_SNIPPET_TAGS = {"article", "h3", "p", "strong", "a", "ul", "li", "span", "time"}
_CONTROL = dict.fromkeys([*(c for c in range(32) if c not in (9, 10, 13)), 0xFFFE, 0xFFFF])


def _xml_text(value: str) -> str:
    """Drop characters XML 1.0 cannot carry (control characters, U+FFFE, U+FFFF)."""
    return value.translate(_CONTROL)


def _clarified(claims: Iterable[Claim]) -> list[Claim]:
    done = [c for c in claims if c.status is ClaimStatus.CLARIFIED and c.clarification]
    return sorted(
        done,
        key=lambda c: c.clarification.published_at if c.clarification else c.first_seen,
        reverse=True,
    )


def _title(claim: Claim) -> str:
    verdict, _ = published_parts(claim)
    return f"[{verdict.label.value}] {claim_text_of(claim)}"


def rss_feed(
    claims: Iterable[Claim],
    *,
    publisher: Publisher,
    title: str = "Klarifikasi hoaks",
    description: str = "Klarifikasi atas informasi yang beredar",
) -> str:
    """Return an RSS 2.0 feed of the clarified claims, newest first (well-formed, escaped).

    Args:
        claims: Claims; those not CLARIFIED are left out.
        publisher: Owner of the feed (``link`` is its URL).
        title: Channel title.
        description: Channel description.
    """
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = _xml_text(title)
    ET.SubElement(channel, "link").text = publisher.url
    ET.SubElement(channel, "description").text = _xml_text(description)
    ET.SubElement(channel, "language").text = "id"
    for claim in _clarified(claims):
        _, clar = published_parts(claim)
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = _xml_text(_title(claim))
        if clar.url:
            ET.SubElement(item, "link").text = clar.url
        guid = ET.SubElement(item, "guid", isPermaLink="false")
        guid.text = f"{publisher.url.rstrip('/')}#{claim.id}"
        ET.SubElement(item, "pubDate").text = format_datetime(clar.published_at.astimezone(UTC))
        ET.SubElement(item, "description").text = _xml_text(clar.text)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(rss, encoding="unicode")


def atom_feed(
    claims: Iterable[Claim],
    *,
    publisher: Publisher,
    title: str = "Klarifikasi hoaks",
    updated: datetime | None = None,
) -> str:
    """Return an Atom 1.0 feed of the clarified claims, newest first (well-formed, escaped).

    Args:
        claims: Claims; those not CLARIFIED are left out.
        publisher: Author and home of the feed.
        title: Feed title.
        updated: Feed ``updated`` time (default: newest clarification, else now).

    Raises:
        ValueError: ``updated`` is naive.
    """
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    done = _clarified(claims)
    feed = ET.Element(f"{{{ns}}}feed")
    # The language of the texts, for readers and screen readers (RSS has <language>id).
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "id")
    ET.SubElement(feed, f"{{{ns}}}title").text = _xml_text(title)
    ET.SubElement(feed, f"{{{ns}}}id").text = publisher.url
    ET.SubElement(feed, f"{{{ns}}}link", href=publisher.url)
    newest = done[0].clarification.published_at if done and done[0].clarification else None
    if updated is not None:
        ensure_aware(updated, "updated")
    stamp = updated or newest or datetime.now(UTC)
    ET.SubElement(feed, f"{{{ns}}}updated").text = stamp.isoformat()
    author = ET.SubElement(feed, f"{{{ns}}}author")
    ET.SubElement(author, f"{{{ns}}}name").text = _xml_text(publisher.name)
    ET.SubElement(author, f"{{{ns}}}uri").text = publisher.url
    for claim in done:
        _, clar = published_parts(claim)
        entry = ET.SubElement(feed, f"{{{ns}}}entry")
        ET.SubElement(entry, f"{{{ns}}}title").text = _xml_text(_title(claim))
        ET.SubElement(entry, f"{{{ns}}}id").text = f"{publisher.url.rstrip('/')}#{claim.id}"
        if clar.url:
            ET.SubElement(entry, f"{{{ns}}}link", href=clar.url)
        ET.SubElement(entry, f"{{{ns}}}updated").text = clar.published_at.isoformat()
        ET.SubElement(entry, f"{{{ns}}}published").text = clar.published_at.isoformat()
        ET.SubElement(entry, f"{{{ns}}}summary", type="text").text = _xml_text(clar.text)
        if not clar.url:  # RFC 4287: an entry without an alternate link needs atom:content
            ET.SubElement(entry, f"{{{ns}}}content", type="text").text = _xml_text(clar.text)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(feed, encoding="unicode")


_WIB = ZoneInfo("Asia/Jakarta")


def local_time_text(moment: datetime, tz: tzinfo) -> str:
    """Write an instant as Indonesian local time with its zone: ``"17 Juni 2026 pukul 08.30 WIB"``.

    WIB, WITA and WIT are named; any other zone shows its abbreviation or UTC offset
    (:func:`lapor_sdk.plain_language.format_datetime`).
    """
    return plain_language.format_datetime(moment, tz)


def html_snippet(claim: Claim, *, tz: tzinfo = _WIB) -> str:
    """Return an HTML block (escaped, nh3-clean) announcing the clarification.

    Plain markup (``article``, ``h3``, ``p``, ``ul``) so screen readers read the label,
    the claim and the explanation in order. The publication time is shown in ``tz`` with its
    zone ("17 Juni 2026 pukul 08.30 WIB"); the ``<time datetime>`` attribute carries the same
    instant in ISO 8601 with its offset.

    Args:
        claim: A clarified claim.
        tz: Zone of the readers (default WIB, Asia/Jakarta).
    """
    verdict, clar = published_parts(claim)
    esc = html.escape
    parts = [
        '<article class="hoax-clarification">',
        f'<h3><strong class="hoax-label">[{esc(verdict.label.value)}]</strong> '
        f"{esc(claim_text_of(claim))}</h3>",
        f"<p>{esc(clar.text)}</p>",
    ]
    if clar.sources:
        parts.append("<p>Sumber resmi:</p><ul>")
        parts.extend(f"<li>{esc(s)}</li>" for s in clar.sources)
        parts.append("</ul>")
    if clar.url:
        parts.append(f'<p><a href="{esc(clar.url, quote=True)}">Baca klarifikasi lengkap</a></p>')
    when = clar.published_at.astimezone(tz).isoformat(timespec="seconds")
    shown = esc(local_time_text(clar.published_at, tz))
    parts.append(f'<p>Dipublikasikan <time datetime="{esc(when)}">{shown}</time></p>')
    parts.append("</article>")
    return nh3.clean(
        "".join(parts),
        tags=_SNIPPET_TAGS,
        attributes={"a": {"href"}, "time": {"datetime"}, "article": {"class"}, "strong": {"class"}},
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer",
    )


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - 1)].rsplit(" ", 1)[0] if limit > 1 else ""
    return (cut or text[: max(0, limit - 1)]) + "…"


_URL = re.compile(r"https?://\S+")
#: X counts every link as this many characters.
X_URL_LENGTH = 23


def _light(code: int) -> bool:
    # twitter-text v3 weights: these ranges count 1, everything else (emoji, CJK, …) counts 2.
    return code <= 4351 or 8192 <= code <= 8205 or 8208 <= code <= 8223 or 8242 <= code <= 8247


def x_length(text: str) -> int:
    """Return the length of ``text`` as X counts it.

    Links count :data:`X_URL_LENGTH`; Latin-script characters count 1; emoji, CJK and other
    characters count 2 (per code point, which over-counts joined emoji: safe for limits).
    """
    total = 0
    pos = 0
    for m in _URL.finditer(text):
        total += sum(1 if _light(ord(c)) else 2 for c in text[pos : m.start()]) + X_URL_LENGTH
        pos = m.end()
    return total + sum(1 if _light(ord(c)) else 2 for c in text[pos:])


def social_post(claim: Claim, *, max_chars: int = X_MAX_CHARS, hashtags: str = "#CekFakta") -> str:
    """Return a post for X: ``[LABEL] claim — first sentence of the answer. link #tags``.

    The claim and the answer are shortened (with "…") so that the post fits ``max_chars`` both
    as plain characters and as X counts them (:func:`x_length`); the label and the link are
    always kept.

    Args:
        claim: A CLARIFIED claim.
        max_chars: Limit (280 on X).
        hashtags: Appended at the end (empty string for none).

    Returns:
        The post text.

    Raises:
        NotPublishableError: The claim is not clarified.
        ValueError: The label, link and hashtags leave no room for the claim.
    """
    verdict, clar = published_parts(claim)
    head = f"[{verdict.label.value}] "
    tail = "".join(f" {p}" for p in (clar.url, hashtags) if p)
    answer = clar.text.split(". ")[0].strip().rstrip(".") + "."
    claim_text = claim_text_of(claim)
    room = max_chars - len(head) - len(tail)
    while room >= 10:
        claim_room = min(len(claim_text), max(room // 2, room - len(answer) - 3))
        body = _shorten(claim_text, claim_room)
        rest = room - len(body) - 3
        if rest >= 10:
            body = f"{body} — {_shorten(answer, rest)}"
        post = head + body + tail
        over = max(len(post), x_length(post)) - max_chars
        if over <= 0:
            return post
        room -= over
    raise ValueError(
        f"max_chars={max_chars} leaves no room for the claim; allow at least "
        f"{len(head) + len(tail) + 10} characters or drop the hashtags"
    )


def whatsapp_message(claim: Claim) -> str:
    """Return a WhatsApp message: *bold* label, the claim, the explanation, sources and link."""
    verdict, clar = published_parts(claim)
    lines = [
        f"*[{verdict.label.value}]* {claim_text_of(claim)}",
        "",
        clar.text.strip(),
    ]
    if clar.sources:
        lines += ["", "Sumber resmi: " + "; ".join(clar.sources)]
    if clar.url:
        lines += ["", f"Selengkapnya: {clar.url}"]
    lines += ["", "_Cek dulu sebelum membagikan. Jangan sebarkan hoaks._"]
    return "\n".join(lines)
