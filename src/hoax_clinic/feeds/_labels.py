"""Read fact-check labels from titles, categories and URL slugs.

Titles carry the label in brackets (``"[HOAKS] Video …"``), sometimes several (``"[HOAKS]
[DISINFORMASI] …"``), sometimes unbracketed (``"HOAKS: …"``, ``"Disinformasi – …"``); Komdigi
and TurnBackHoax URLs carry it in the slug (``…/detail/hoaks-…``, ``…/articles/35352-salah-…``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from ..models import LABEL_ALIASES, Label

__all__ = ["label_from_categories", "label_from_url", "parse_label", "split_title"]

_MAX_TITLE = 2_000
_BRACKET = re.compile(r"^\s*[\[(【]\s*([^\])】]{1,60}?)\s*[\])】]\s*[:\-–—|]?\s*")
_PLAIN = re.compile(r"^\s*([A-Za-z][A-Za-z ]{1,40}?)\s*[:–—|]\s*")
_PLAIN_DASH = re.compile(r"^\s*([A-Za-z][A-Za-z ]{1,40}?)\s+-\s+")
_SLUG_WORDS = {
    "hoaks": Label.HOAKS,
    "hoax": Label.HOAKS,
    "disinformasi": Label.DISINFORMASI,
    "disnformasi": Label.DISINFORMASI,
    "disinfomasi": Label.DISINFORMASI,
    "misinformasi": Label.MISINFORMASI,
    "salah": Label.SALAH,
    "penipuan": Label.PENIPUAN,
    "manipulasi": Label.MANIPULASI,
    "satire": Label.SATIRE,
    "satir": Label.SATIRE,
    "parodi": Label.SATIRE,
    "menyesatkan": Label.KONTEN_MENYESATKAN,
    "klarifikasi": Label.KLARIFIKASI,
    "fakta": Label.BENAR,
    "benar": Label.BENAR,
}
_SLUG = re.compile(r"^(?:\d+-)?([a-z]+)[-_\]]")


def parse_label(text: str) -> Label | None:
    """Return the label ``text`` names (case, spacing and synonyms tolerated), else ``None``.

    Unlike :meth:`Label.parse` this never raises: it is meant for untrusted feed text.

    Example:
        >>> parse_label("Konten yang Dimanipulasi")
        <Label.MANIPULASI: 'MANIPULASI'>
    """
    key = re.sub(r"[^A-Z]+", " ", text[:200].upper()).strip()
    return LABEL_ALIASES.get(key)


def split_title(title: str) -> tuple[Label | None, str]:
    """Split a fact-check title into its label and the claim.

    Leading label tags are removed, bracketed or not; the first one found is the label.
    Bracketed tags that are not labels (``[Cek Fakta]``) are kept in the claim.
    Idempotent: splitting the returned claim again finds no label and changes nothing.

    Args:
        title: Title as published (plain text).

    Returns:
        ``(label or None, claim text)``.

    Example:
        >>> split_title("[HOAKS] Video Banjir di Jakarta Hari Ini")
        (<Label.HOAKS: 'HOAKS'>, 'Video Banjir di Jakarta Hari Ini')
    """
    rest = " ".join(title[:_MAX_TITLE].split())
    found: Label | None = None
    while True:
        for pattern in (_BRACKET, _PLAIN, _PLAIN_DASH):
            m = pattern.match(rest)
            if m is None:
                continue
            label = parse_label(m.group(1))
            if label is None:
                continue
            found = found or label
            rest = rest[m.end() :].strip()
            break
        else:
            return found, rest


def label_from_url(url: str) -> Label | None:
    """Read the label from the last path segment of a fact-check URL.

    Handles Komdigi (``/berita-hoaks/detail/hoaks-…``, ``disinformasi-…``) and TurnBackHoax
    (``/articles/35352-salah-…``, ``/2024/01/02/salah-…``) slugs.
    """
    try:
        path = unquote(urlsplit(url[:_MAX_TITLE]).path)
    except ValueError:
        return None
    segments = [s for s in path.lower().split("/") if s]
    if not segments:
        return None
    m = _SLUG.match(segments[-1].lstrip("["))
    return _SLUG_WORDS.get(m.group(1)) if m else None


def label_from_categories(categories: Iterable[str]) -> Label | None:
    """Return the first category that is a label (WordPress feeds tag articles ``SALAH``)."""
    for category in categories:
        label = parse_label(category)
        if label is not None:
            return label
    return None
