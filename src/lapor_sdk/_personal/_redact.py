"""Scrubbing personal data and secrets out of free text and log records.

This is the bottom of the SDK's import graph: the models' ``repr`` uses it, so it imports
nothing of ``lapor_sdk`` above :mod:`lapor_sdk._personal`. :mod:`lapor_sdk.privacy` re-exports
the public names.

Every kind of match (a known name or address, an e-mail address, a phone number, a NIK) is
searched for in the text *folded* to ASCII look-alikes (:func:`~lapor_sdk._personal._fold.fold`,
one character for one), and the spans found are cut out of the original text in one pass.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from ._fold import fold

__all__ = ["PLACEHOLDER", "RedactingFilter", "excerpt", "redact_text", "scrub"]

#: What replaces a scrubbed phone number, e-mail address, NIK or token.
PLACEHOLDER = "[disembunyikan]"

# Input larger than this is cut before scrubbing (a log line or a report text never needs more).
_MAX_TEXT = 1_000_000

# The look-behind makes a match start only where a local part starts: linear on long words.
_EMAIL = re.compile(r"(?<![\w.+%-])[\w.+%-]+@[\w-]+(?:\.[\w-]+)+")
# A run of digit groups with at most two separators between digits: "0812-3456-7890",
# "(031) 567 8901", "+62 812 3456 7890", "3578 0157 0890 0003", "No. 17 0812…". The run is
# split into groups and searched for phone numbers and NIKs in _personal_spans().
_DIGIT_RUN = re.compile(r"(?<![\d+])[+(]*\d(?:[ .\-()+]{0,2}\d)*\)?")
_GROUP = re.compile(r"[+(]*\d+\)?")
# A phone number or a NIK never spans more groups than this ("+62 812 3456 7890" is 4).
_MAX_GROUPS = 8
# A rupiah amount with thousands dots ("1.062.500.000"): its "062 500 000" is not a phone.
_AMOUNT = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")


def _phone_bounds(group: str) -> tuple[int, int] | None:
    """Digit counts a phone number starting with ``group`` may have, or None if it can't."""
    digits = "".join(ch for ch in group if ch.isdigit())
    if "+" in group:
        return (8, 15)
    if digits.startswith("0062"):
        return (12, 17)  # "0062 812…": the international dialling prefix, then +62
    if (
        digits.startswith("62")
        and not digits.startswith("620")
        and (digits == "62" or len(digits) >= 5)
    ):
        return (10, 15)  # "62812…" as WhatsApp exports write it
    if len(digits) >= 3 and digits[0] == "0" and digits[1] != "0":
        return (9, 13)  # "0812…", "031…" (area codes have 2-3 digits, so "03-03-2025" is a date)
    return None


def _personal_spans(run: str, *, phones: bool, niks: bool) -> list[tuple[int, int]]:
    """Spans of ``run`` that are a NIK (16 digits in groups) or a phone number."""
    groups = [(m.start(), m.end(), m.group()) for m in _GROUP.finditer(run)]
    phones = phones and _AMOUNT.fullmatch(run) is None
    spans: list[tuple[int, int]] = []
    for i, (start, _, first) in enumerate(groups):
        # A number spans a few groups and never runs into a "+": that starts another number.
        window = [(groups[i][1], sum(c.isdigit() for c in first))]
        for _, end, text in groups[i + 1 : i + _MAX_GROUPS]:
            if "+" in text:
                break
            window.append((end, sum(c.isdigit() for c in text)))
        if niks and first.lstrip("+(")[:1] != "0":  # a NIK starts with a province code (11-96)
            total = 0
            for end, count in window:
                total += count
                if total == 16:
                    spans.append((start, end))
                if total >= 16:
                    break
        bounds = _phone_bounds(first) if phones else None
        if first == "62" and run[groups[i][1] : groups[i][1] + 1] == ".":
            bounds = None  # "62.500.000.000" is an amount in rupiah, not "62 812…"
        if bounds is not None:
            low, high = bounds
            total, last = 0, None
            for end, count in window:
                if total + count > high:
                    break
                total += count
                last = end
            if last is not None and total >= low:
                spans.append((start, last))
    return spans


_SECRET_FIELD = re.compile(
    r"(?i)\b(authorization|proxy-authorization|token|api[_-]?key|x-api-key|password|secret)"
    r"(['\"]?\s*[:=]\s*['\"]?)(?:(bearer|basic|token)\s+)?[^\s,;'\"&}]+"
)
_BEARER = re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{8,}")


#: Characters that separate the words of a name in free text and in file names
#: ("Siti Rahayu", "KTP_Siti_Rahayu.jpg", "siti-rahayu.jpg", "siti.rahayu@…").
_NAME_SEPARATORS = r"[\s_.\-]+"
_SPLIT = re.compile(_NAME_SEPARATORS)


@lru_cache(maxsize=256)
def _known_pattern(value: str) -> re.Pattern[str] | None:
    """A pattern matching ``value`` as whole words, with any name separators between them."""
    words = [w for w in _SPLIT.split(fold(value).strip()) if w]
    if not words or len("".join(words)) < 3:
        return None
    body = _NAME_SEPARATORS.join(re.escape(w) for w in words)
    # Not inside a longer word: "Ani" must not match "Jl. Ahmad Yani". "_" counts as a
    # separator here (it joins words in file names), unlike in regular expressions' \w.
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])", re.IGNORECASE)


def _spans(
    folded: str, *, phones: bool, emails: bool, niks: bool, known: Iterable[str]
) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for value in {k.strip() for k in known if k and len(k.strip()) >= 3}:
        pattern = _known_pattern(value)
        if pattern is not None:
            spans += [m.span() for m in pattern.finditer(folded)]
    if emails:
        spans += [m.span() for m in _EMAIL.finditer(folded)]
    if phones or niks:
        for run in _DIGIT_RUN.finditer(folded):
            offset = run.start()
            spans += [
                (offset + start, offset + end)
                for start, end in _personal_spans(run.group(), phones=phones, niks=niks)
            ]
    return spans


def scrub(
    text: str,
    *,
    phones: bool = True,
    emails: bool = True,
    niks: bool = True,
    known: Iterable[str] = (),
    keep: Callable[[str], bool] | None = None,
) -> str:
    """Replace the chosen kinds of personal data in ``text`` with :data:`PLACEHOLDER`.

    ``known`` are exact strings to remove as well (a reporter's full name or address), matched
    case-insensitively as whole words, with spaces, ``_``, ``-`` and ``.`` interchangeable
    between the words (``Siti Rahayu`` also hides ``KTP_Siti_Rahayu.jpg``'s name); strings
    shorter than 3 characters are ignored. Full-width and other scripts' digits count as
    digits. ``keep`` (given the match as folded ASCII) spares a match: an access export keeps
    the subject's own number and hides everyone else's.
    """
    text = text[:_MAX_TEXT]
    folded = fold(text)
    spans = sorted(_spans(folded, phones=phones, emails=emails, niks=niks, known=known))
    if keep is not None:
        spans = [(a, b) for a, b in spans if not keep(folded[a:b])]
    if not spans:
        return text
    out: list[str] = []
    position = 0
    for start, end in spans:
        if end <= position:
            continue  # inside a span already replaced
        if start >= position:
            out.append(text[position:start])
            out.append(PLACEHOLDER)
        position = max(position, end)
    out.append(text[position:])
    return "".join(out)


def excerpt(text: str, limit: int, *, known: Iterable[str] = ()) -> str:
    """Return a one-line excerpt of ``text`` of at most ``limit`` characters, scrubbed.

    Whitespace is collapsed, personal data (and ``known`` strings) scrubbed *before* the cut,
    so a cut never leaves most digits of a NIK or phone number unrecognised; a cut text ends
    with "…".
    """
    clean = scrub(" ".join(text[:_MAX_TEXT].split()), known=known)
    return clean if len(clean) <= limit else clean[: max(limit - 1, 0)].rstrip() + "…"


def _scrub_secrets(text: str) -> str:
    text = _SECRET_FIELD.sub(
        lambda m: f"{m.group(1)}{m.group(2)}{m.group(3) + ' ' if m.group(3) else ''}{PLACEHOLDER}",
        text,
    )
    return _BEARER.sub(f"Bearer {PLACEHOLDER}", text)


def redact_text(text: str, *, secrets: bool = False) -> str:
    """Replace phone numbers, e-mail addresses and 16-digit NIK-like numbers in free text.

    Reporters often write their number into the report itself; public and anonymous views run
    every text through this. Numbers are recognised the way Indonesians write them
    (``0812-3456-7890``, ``+62 812 3456 7890``, ``(031) 567 8901``); dates, amounts and
    region codes are left alone.

    Args:
        text: Any text (cut at 1,000,000 characters).
        secrets: Also scrub ``Authorization``/``token``/``api_key`` values and bearer tokens.

    Returns:
        The text with each match replaced by ``"[disembunyikan]"``.

    Example:
        >>> redact_text("Hubungi saya di 0812-3456-7890 atau siti@contoh.id, Rp 1.500.000")
        'Hubungi saya di [disembunyikan] atau [disembunyikan], Rp 1.500.000'
    """
    text = scrub(text)
    return _scrub_secrets(text) if secrets else text


class RedactingFilter(logging.Filter):
    """Logging filter that scrubs personal data and tokens from every record it sees.

    It formats the message with its arguments, scrubs it (phone numbers, e-mail addresses,
    NIK-like numbers, ``Authorization``/bearer tokens) and stores the result as the message,
    so no handler sees the raw values; tracebacks and stack info are scrubbed too. Attach it
    to a **handler** so that records propagated from child loggers pass through it.

    Example:
        >>> import logging
        >>> handler = logging.StreamHandler()
        >>> handler.addFilter(RedactingFilter())
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Scrub ``record`` in place; always let it through."""
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: scrub what we have
            message = f"{record.msg} {record.args!r}"
        record.msg = redact_text(message, secrets=True)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text, secrets=True)
        if record.stack_info:
            record.stack_info = redact_text(record.stack_info, secrets=True)
        return True
