"""Complaint drafts from WhatsApp/SMS messages and exported WhatsApp chats."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..models import Channel
from ..validation import normalize_phone
from ._draft import ComplaintDraft, IntakeError, build_draft, make_reporter, require_aware
from ._text import clean_text

__all__ = [
    "MAX_EXPORT_CHARS",
    "MAX_MESSAGE_CHARS",
    "ChatMessage",
    "export_owner",
    "from_message",
    "from_whatsapp_export",
    "looks_like_whatsapp_export",
    "parse_whatsapp_export",
]

#: Longest single message read (longer text is cut, with a warning).
MAX_MESSAGE_CHARS = 20_000
#: Largest exported chat read.
MAX_EXPORT_CHARS = 5_000_000
#: Consecutive messages of one sender further apart than this start a new report.
DEFAULT_GAP = dt.timedelta(hours=2)


def from_message(
    text: str,
    *,
    sender: str | None,
    received_at: dt.datetime,
    channel: Channel = Channel.WHATSAPP,
    sender_name: str | None = None,
) -> ComplaintDraft:
    """Read one WhatsApp or SMS message into a complaint draft.

    Args:
        text: The message text.
        sender: The sender's phone number as the gateway gives it (``"0812…"``,
            ``"+62 812…"``, ``"62812…"``); an invalid one becomes a warning, not an error.
        received_at: When the message arrived; timezone-aware.
        channel: WhatsApp (default), SMS or another text channel.
        sender_name: The sender's profile name, if the gateway gives one.

    Returns:
        The draft; the title is the first real sentence of the text.

    Raises:
        IntakeError: ``received_at`` is naive, ``text`` is not a string, or it is empty
            (nothing but spaces and control characters): there is nothing to file.

    Example:
        >>> import datetime as dt
        >>> d = from_message(
        ...     "Selamat pagi. Lampu PJU di Jl. Ahmad Yani Kota Surabaya mati sejak seminggu.",
        ...     sender="0812-3456-7890",
        ...     received_at=dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.timezone.utc),
        ... )
        >>> d.complaint.reporter.phone, d.complaint.location.region_code
        ('+6281234567890', '35.78')
    """
    if not isinstance(text, str):
        raise IntakeError(f"message text must be a string, got {type(text).__name__}")
    require_aware(received_at, "received_at")
    if not clean_text(text[:MAX_MESSAGE_CHARS]):
        raise IntakeError("message is empty: there is nothing to file as a complaint")
    warnings: list[str] = []
    if len(text) > MAX_MESSAGE_CHARS:
        text = text[:MAX_MESSAGE_CHARS]
        warnings.append(f"message was longer than {MAX_MESSAGE_CHARS} characters and was cut")
    if sender is None:
        warnings.append("message has no sender number")
    reporter = make_reporter(name=sender_name, phone=sender, warnings=warnings)
    return build_draft(
        channel=channel,
        subject=None,
        body=clean_text(text),
        created_at=received_at,
        reporter=reporter,
        warnings=warnings,
    )


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One message of an exported WhatsApp chat."""

    sent_at: dt.datetime
    """When it was sent (aware, in the zone given to the parser)."""
    author: str
    """Phone number or contact name as the export shows it. Personal data."""
    text: str
    """The message text (continuation lines joined)."""

    def __repr__(self) -> str:
        # The author is a phone number or a name, and texts carry numbers: never show them raw.
        from ..privacy import redact_text

        when, shown = self.sent_at.isoformat(), redact_text(self.text)
        return f"ChatMessage(sent_at={when!r}, author=<redacted>, text={shown!r})"


# "[23/11/26 09.15.30] +62 812-3456-7890: text" (iOS) and
# "23/11/2026, 09:15 - Name: text" (Android); dates are day-first in Indonesian locales.
_EXPORT_LINE = re.compile(
    r"^\u200e?\[?(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{2,4}),?\s+"
    r"(?P<H>\d{1,2})[.:](?P<M>\d{2})(?:[.:](?P<S>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?\]?"
    r"\s*(?:-\s*)?(?P<rest>.*)$"
)
_AUTHOR = re.compile(r"^(?P<author>[^:]{1,80}?):\s?(?P<text>.*)$", re.DOTALL)
_MEDIA = re.compile(
    r"^<?(?:media omitted|media tidak disertakan|gambar tidak disertakan|image omitted|"
    r"video omitted|audio omitted|stiker tidak disertakan|sticker omitted)>?$"
    # iOS "<attached: 0000-PHOTO-….jpg>", Android "IMG-….jpg (file attached)", deleted messages
    r"|^<(?:attached|lampiran): [^<>\n]{1,255}>$"
    r"|^[^\n]{1,255} \((?:file attached|file terlampir)\)$"
    r"|^(?:this message was deleted|you deleted this message|pesan ini telah dihapus|"
    r"anda menghapus pesan ini)$",
    re.IGNORECASE,
)


def _zone(tz: str | dt.tzinfo) -> dt.tzinfo:
    if isinstance(tz, dt.tzinfo):
        return tz
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise IntakeError(
            f"unknown time zone {tz[:60]!r}; use Asia/Jakarta, Asia/Makassar or Asia/Jayapura"
        ) from None


def parse_whatsapp_export(text: str, *, tz: str | dt.tzinfo = "Asia/Jakarta") -> list[ChatMessage]:
    """Split an exported WhatsApp chat (``_chat.txt``) into messages.

    Both export styles are read: iOS ``[23/11/26 09.15.30] +62 812-…: text`` and Android
    ``23/11/2026, 09:15 - Name: text``; lines without a timestamp continue the previous
    message; system lines (encryption notice, "joined", …) are skipped.

    Args:
        text: The export's content.
        tz: Zone of the phone that exported it (timestamps in exports carry none).

    Raises:
        IntakeError: The export is larger than :data:`MAX_EXPORT_CHARS` or ``tz`` is unknown.
    """
    if not isinstance(text, str):
        raise IntakeError(f"chat export must be a string, got {type(text).__name__}")
    if len(text) > MAX_EXPORT_CHARS:
        raise IntakeError(
            f"chat export has {len(text)} characters, more than the {MAX_EXPORT_CHARS} limit; "
            "split it"
        )
    zone = _zone(tz)
    messages: list[ChatMessage] = []
    current: dict[str, object] | None = None
    lines: list[str] = []

    def flush() -> None:
        if current is not None:
            body = clean_text("\n".join(lines))
            if body and not _MEDIA.match(body):
                messages.append(
                    ChatMessage(
                        sent_at=current["sent_at"],  # type: ignore[arg-type]
                        author=str(current["author"]),
                        text=body,
                    )
                )

    for line in text.replace("\r\n", "\n").split("\n"):
        m = _EXPORT_LINE.match(line)
        sent_at = _timestamp(m, zone) if m else None
        if m is None or sent_at is None:
            if current is not None:
                lines.append(line)
            continue
        flush()
        current, lines = None, []
        who = _AUTHOR.match(m.group("rest"))
        if who is None:  # system line: "Messages and calls are end-to-end encrypted", …
            continue
        current = {"sent_at": sent_at, "author": _clean_author(who.group("author"))}
        lines = [who.group("text")]
    flush()
    return messages


def looks_like_whatsapp_export(text: str) -> bool:
    """Whether ``text`` starts like an exported WhatsApp chat (a timestamped "author: text" line).

    Args:
        text: The file's content (only its first few lines are looked at).
    """
    lines = [line for line in text[:10_000].splitlines() if line.strip()][:5]
    for line in lines:
        m = _EXPORT_LINE.match(line)
        if m is not None and _AUTHOR.match(m.group("rest")) is not None:
            return True
    return False


#: What an export shows for a message its own account deleted ("This message was deleted" and
#: "Pesan ini telah dihapus" are other people's).
_OWN_DELETED = re.compile(r"^(?:you deleted this message|anda menghapus pesan ini)\.?$", re.I)
#: Author names some exports give the account's own messages.
_SELF_NAMES = frozenset({"you", "anda"})


def _clean_author(author: str) -> str:
    return author.strip("\u200e\u202a\u202c ")


def export_owner(text: str) -> str | None:
    """Return the account that exported a WhatsApp chat, when the export shows it.

    An export writes the account's own deleted messages as "You deleted this message" /
    "Anda menghapus pesan ini" (other people's read "This message was deleted"), and some
    exports name the account's own messages "You" / "Anda". When exactly one author is shown
    that way, it is the owner — usually the agency's own number, whose replies are not
    complaints.

    Args:
        text: The export's content (only the first :data:`MAX_EXPORT_CHARS` are read).

    Returns:
        The owner's author string as the export writes it, or ``None`` when the export does not
        show it (or shows several candidates).

    Example:
        >>> export_owner("23/11/2026, 09:30 - Diskominfo: You deleted this message")
        'Diskominfo'
    """
    found: set[str] = set()
    for line in text[:MAX_EXPORT_CHARS].splitlines():
        m = _EXPORT_LINE.match(line)
        if m is None:
            continue
        who = _AUTHOR.match(m.group("rest"))
        if who is None:
            continue
        author = _clean_author(who.group("author"))
        if _OWN_DELETED.match(who.group("text").strip()) or author.lower() in _SELF_NAMES:
            found.add(author)
    return next(iter(found)) if len(found) == 1 else None


def _timestamp(m: re.Match[str], zone: dt.tzinfo) -> dt.datetime | None:
    year = int(m.group("y"))
    if year < 100:
        year += 2000
    hour = int(m.group("H"))
    ampm = (m.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    day, month = int(m.group("d")), int(m.group("m"))
    if month > 12 >= day:  # an export from a phone set to a month-first locale
        day, month = month, day
    try:
        return dt.datetime(
            year,
            month,
            day,
            hour,
            int(m.group("M")),
            int(m.group("S") or 0),
            tzinfo=zone,
        )
    except ValueError:
        return None


def _phone_or_none(author: str) -> str | None:
    if sum(ch.isdigit() for ch in author) < 8:
        return None
    try:
        return normalize_phone(author)
    except ValueError:
        return None


def from_whatsapp_export(
    text: str,
    *,
    tz: str | dt.tzinfo = "Asia/Jakarta",
    exclude_authors: Iterable[str] = (),
    exclude_owner: bool = True,
    gap: dt.timedelta = DEFAULT_GAP,
    channel: Channel = Channel.WHATSAPP,
) -> list[ComplaintDraft]:
    """Read an exported WhatsApp chat into one draft per report.

    Consecutive messages of one author, less than ``gap`` apart, make one report (people
    send a complaint as several short messages). Authors shown as phone numbers become the
    reporter's phone; authors shown as contact names become the reporter's name, with a
    warning that there is no number.

    Args:
        text: The export's content.
        tz: Zone of the phone that exported the chat.
        exclude_authors: Authors to skip, e.g. the agency's own account (as the export writes
            them; phone numbers match in any notation).
        exclude_owner: Also skip the account that exported the chat, when the export shows
            it (see :func:`export_owner`): its messages are the agency's own replies.
        gap: Longest pause inside one report.
        channel: Channel to record.

    Returns:
        The drafts, oldest first.

    Raises:
        IntakeError: See :func:`parse_whatsapp_export`.
    """
    excluded = {a.strip() for a in exclude_authors}
    owner = export_owner(text) if exclude_owner else None
    if owner is not None:
        excluded.add(owner)
    excluded_phones = {p for p in (_phone_or_none(a) for a in excluded) if p}
    groups: list[list[ChatMessage]] = []
    for message in parse_whatsapp_export(text, tz=tz):
        phone = _phone_or_none(message.author)
        if message.author in excluded or (phone is not None and phone in excluded_phones):
            continue
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and last.author == message.author
            and message.sent_at - last.sent_at <= gap
        ):
            groups[-1].append(message)
        else:
            groups.append([message])
    drafts: list[ComplaintDraft] = []
    for group in groups:
        author = group[0].author
        phone = _phone_or_none(author)
        warnings: list[str] = []
        if phone is None:
            warnings.append("chat export shows a contact name, not a phone number")
        reporter = make_reporter(name=None if phone else author, phone=phone, warnings=warnings)
        body = "\n".join(m.text for m in group)
        if len(body) > MAX_MESSAGE_CHARS:
            body = body[:MAX_MESSAGE_CHARS]
            warnings.append(f"report was longer than {MAX_MESSAGE_CHARS} characters and was cut")
        drafts.append(
            build_draft(
                channel=channel,
                subject=None,
                body=body,
                created_at=group[0].sent_at,
                reporter=reporter,
                warnings=warnings,
            )
        )
    return drafts
