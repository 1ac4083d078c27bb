"""Text clean-up shared by the intake parsers: control characters, quoted replies, titles."""

from __future__ import annotations

import re

__all__ = [
    "MAX_DESCRIPTION",
    "MAX_TITLE",
    "clean_text",
    "derive_title",
    "strip_quoted_reply",
    "truncate",
]

#: Longest description a complaint holds (the model's limit).
MAX_DESCRIPTION = 20_000
#: Longest title a complaint holds (the model's limit); derived titles stop at 100 characters.
MAX_TITLE = 200
_DERIVED_TITLE = 100

_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")

#: A line that starts the quoted previous message in a reply.
_REPLY_HEADER = re.compile(
    r"^(?:on .{3,200} wrote:|pada .{3,200} menulis:|-{2,}\s*(?:original message|pesan asli|"
    r"forwarded message|pesan terusan)\s*-{2,}|_{5,}|from:\s.+|dari:\s.+)\s*$",
    re.IGNORECASE,
)
#: A line that starts a signature or a mail client's footer.
_SIGNATURE = re.compile(
    r"^(?:--\s?|sent from my .{1,40}|dikirim dari .{1,40}|get outlook for .{1,30}|"
    r"sent from (?:yahoo|mail|outlook).{0,40})$",
    re.IGNORECASE,
)


def clean_text(text: str) -> str:
    """Normalise line ends, drop control and bidi characters, collapse blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _TRAILING_SPACE.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def strip_quoted_reply(text: str) -> tuple[str, bool]:
    """Cut the quoted earlier message and the signature off an e-mail body.

    Returns:
        The kept text and whether anything was cut.
    """
    kept: list[str] = []
    cut = False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith(">"):
            cut = True
            continue
        if _REPLY_HEADER.match(stripped) or _SIGNATURE.match(stripped):
            cut = True
            break
        kept.append(line)
    result = "\n".join(kept).strip()
    if not result:  # everything was "quoted": keep the original rather than nothing
        return text.strip(), False
    return result, cut


def truncate(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` characters, at a word boundary, marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


_SENTENCE_END = re.compile(r"[.!?]+(?=\s)|\n")
#: Words ending in "." that do not end a sentence ("Jl. Ahmad Yani", "Kec. Lowokwaru").
_ABBREVIATIONS = frozenset(
    """
    jl jln gg kec kel kab kota ds desa dsn kp no rt rw dr drs ir prof h hj kh st sdr bpk bp
    yth pt cv tbk dll dsb dst km prov adm kodya pemkab pemkot ny nn tn
    """.split()
)


def _sentences(text: str) -> list[str]:
    """Split text into sentences, not at abbreviations such as "Jl." or "Kec."."""
    parts: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group() != "\n":
            before = text[start : m.start()].rsplit(None, 1)
            word = before[-1].lower() if before else ""
            if word in _ABBREVIATIONS or len(word) == 1:
                continue
        parts.append(text[start : m.start()])
        start = m.end()
    parts.append(text[start:])
    return parts


_GREETING_LINE = re.compile(
    r"^(?:assalamu\W*alaikum\S*|selamat (?:pagi|siang|sore|malam)|halo|hallo|hai|permisi|"
    r"yth\.?|kepada yth\.?|dengan hormat|salam\S*|om swastiastu|shalom|punten|izin lapor|"
    r"ijin lapor)[\s,.!]*(?:\w+[\s,.!]*){0,3}$",
    re.IGNORECASE,
)


def derive_title(subject: str | None, body: str) -> str:
    """Return a title: the subject if it says something, else the body's first real sentence.

    Greeting lines ("Assalamualaikum", "Selamat pagi pak") are skipped. The result has at
    most 100 characters (cut at a word boundary); it is empty when there is no text at all.
    """
    if subject:
        subject = re.sub(
            r"^(?:(?:re|fw|fwd|tr|balas|terusan)\s*:\s*)+", "", subject.strip(), flags=re.I
        )
        subject = " ".join(subject.split())
        if len(subject) >= 3:
            return truncate(subject, _DERIVED_TITLE)
    for sentence in _sentences(body):
        candidate = " ".join(sentence.split()).strip(" -–,")
        if len(candidate) < 3 or _GREETING_LINE.match(candidate):
            continue
        return truncate(candidate.rstrip("."), _DERIVED_TITLE)
    return ""
