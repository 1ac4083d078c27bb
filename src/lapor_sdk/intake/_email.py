"""Complaint drafts from RFC 822 e-mails (stdlib :mod:`email`; attachments as metadata)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import warnings
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import PurePosixPath, PureWindowsPath

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning

from ..models import MAX_ATTACHMENTS as COMPLAINT_MAX_ATTACHMENTS
from ..models import Attachment, Channel
from ..validation import normalize_phone
from ._draft import ComplaintDraft, IntakeError, build_draft, make_reporter, require_aware
from ._text import clean_text, strip_quoted_reply

__all__ = ["MAX_ATTACHMENTS", "MAX_EMAIL_BYTES", "from_email", "html_to_text"]

#: Largest raw e-mail accepted (attachments included).
MAX_EMAIL_BYTES = 25 * 1024 * 1024
#: Attachments beyond this count are dropped (with a warning): as many as a complaint holds.
MAX_ATTACHMENTS = COMPLAINT_MAX_ATTACHMENTS
# Lines starting with "--" (MIME boundaries) allowed: parsing costs about 0.4 ms per part, so
# tens of thousands of tiny parts within MAX_EMAIL_BYTES would take minutes.
_MAX_BOUNDARY_LINES = 1_000
#: Largest text part decoded; longer bodies are cut before parsing.
_MAX_PART_CHARS = 200_000
_CONTENT_TYPE = re.compile(r"^[\w.+-]+/[\w.+-]+$")
_FILENAME_BAD = re.compile(r"[\x00-\x1f\x7f/\\]")


def from_email(
    raw: bytes | str,
    *,
    received_at: dt.datetime | None = None,
    channel: Channel = Channel.EMAIL,
) -> ComplaintDraft:
    """Read an e-mail into a complaint draft.

    Handles MIME multipart, quoted-printable and base64, any charset Python knows (unknown
    ones are read as Latin-1 with a warning), HTML-only bodies (converted to text; scripts and
    styles dropped), quoted replies and signatures (cut), and attachments (metadata on the
    complaint: file name, content type, size, SHA-256; the bytes in the draft's
    ``attachment_contents``, for ``client.complaints.create_from_draft``). A labelled number in the
    text or signature ("HP: 0812…", "WA 0857…") becomes the reporter's phone, with a warning.

    Args:
        raw: The message as received (``.eml`` bytes; ``str`` is encoded as UTF-8).
        received_at: When the agency received it; the complaint's ``created_at``. Defaults to
            the ``Date`` header. Must be timezone-aware.
        channel: The channel to record (e-mail by default).

    Returns:
        The draft, with the sender's address as the reporter's e-mail.

    Raises:
        IntakeError: The message is larger than :data:`MAX_EMAIL_BYTES` or has more than
            1,000 MIME boundary lines, ``received_at`` is naive, or there is neither
            ``received_at`` nor a usable ``Date`` header.

    Example:
        >>> raw = (
        ...     b"From: Warga <warga@example.org>\\r\\nSubject: Jembatan putus di Kota Malang\\r\\n"
        ...     b"Date: Mon, 03 Mar 2025 09:00:00 +0700\\r\\n\\r\\n"
        ...     b"Jembatan di Jl. Soekarno Hatta, Lowokwaru putus sejak kemarin sore.\\r\\n"
        ... )
        >>> draft = from_email(raw)
        >>> draft.complaint.location.region_code, draft.complaint.title
        ('35.73', 'Jembatan putus di Kota Malang')
    """
    if isinstance(raw, str):
        raw = raw.encode("utf-8", errors="replace")
    if not isinstance(raw, bytes | bytearray):
        raise IntakeError(f"raw e-mail must be bytes or str, got {type(raw).__name__}")
    if len(raw) > MAX_EMAIL_BYTES:
        raise IntakeError(
            f"e-mail is {len(raw)} bytes, larger than the {MAX_EMAIL_BYTES // 1_048_576} MiB "
            "limit; store large attachments elsewhere and send a link"
        )
    if raw.count(b"\n--") > _MAX_BOUNDARY_LINES:
        raise IntakeError(
            f"e-mail has more than {_MAX_BOUNDARY_LINES} MIME parts or boundary lines; "
            "forward the report with fewer attachments"
        )
    if received_at is not None:
        require_aware(received_at, "received_at")
    warnings: list[str] = []
    msg = message_from_bytes(bytes(raw), policy=policy.default)

    sent_at = _date_header(msg, warnings)
    created_at = received_at or sent_at
    if created_at is None:
        raise IntakeError(
            "e-mail has no usable Date header with a timezone; pass received_at= (aware)"
        )

    subject = _header(msg, "Subject", warnings)
    name, address = _sender(msg, warnings)
    full_body = _body(msg, warnings)
    body, trimmed = strip_quoted_reply(full_body)
    phone = _contact_phone(body) or _contact_phone(_signature_only(full_body, body))
    if phone is not None:
        warnings.append("reporter phone was taken from a labelled number (HP/WA/Telp) in the text")
    if trimmed:
        warnings.append("quoted reply or signature was removed from the text")
    attachments, contents = _attachments(msg, warnings)
    reporter = make_reporter(name=name, email=address, phone=phone, warnings=warnings)
    message_id = _header(msg, "Message-ID", warnings)
    external_ref = f"email:{message_id.strip('<> ')}" if message_id else None
    return build_draft(
        channel=channel,
        subject=subject,
        body=body,
        created_at=created_at,
        reporter=reporter,
        attachments=attachments,
        contents=contents,
        external_ref=external_ref,
        warnings=warnings,
    )


_CONTACT_PHONE = re.compile(
    r"\b(?:hp|wa|whatsapp|telp|telepon|tlp|no\.?\s*hp|no\.?\s*telp|kontak|contact)\b"
    r"[\s.:/-]{0,4}(?P<number>(?:\+62|62|0)[\d][\d\s.()-]{7,17}\d)",
    re.IGNORECASE,
)


def _contact_phone(text: str) -> str | None:
    """Return the first labelled phone number ("HP: 0812…", "WA 0857…") that is valid."""
    for m in _CONTACT_PHONE.finditer(text[:50_000]):
        try:
            return normalize_phone(m.group("number"))
        except ValueError:
            continue
    return None


def _signature_only(full: str, kept: str) -> str:
    """The part of the body cut off as signature, without quoted lines of earlier mails."""
    rest = full[len(kept) :] if full.startswith(kept) else ""
    lines = []
    for line in rest.splitlines():
        stripped = line.strip()
        if stripped.startswith(">") or re.match(
            r"(?i)^(?:on|pada) .+(?:wrote|menulis):$", stripped
        ):
            break
        lines.append(line)
    return "\n".join(lines)


def _header(msg: Message, name: str, warnings: list[str]) -> str | None:
    try:
        value = msg.get(name)
    except Exception:  # a malformed header must not stop the intake
        warnings.append(f"{name} header could not be read")
        return None
    if value is None:
        return None
    text = clean_text(str(value))
    return " ".join(text.split()) or None


def _date_header(msg: Message, warnings: list[str]) -> dt.datetime | None:
    raw = msg.get("Date")
    if raw is None:
        return None
    try:
        when = parsedate_to_datetime(str(raw))
    except (TypeError, ValueError, IndexError):
        warnings.append("Date header could not be read")
        return None
    if when.tzinfo is None:
        warnings.append("Date header has no timezone (-0000); it was not used")
        return None
    return when


def _sender(msg: Message, warnings: list[str]) -> tuple[str | None, str | None]:
    raw = _header(msg, "Reply-To", warnings) or _header(msg, "From", warnings)
    if not raw:
        warnings.append("e-mail has no sender address")
        return None, None
    name, address = parseaddr(raw)
    return (name or None), (address or None)


def _decode_part(part: Message, warnings: list[str]) -> str:
    if isinstance(part, EmailMessage):
        try:
            content = part.get_content()
        except (LookupError, UnicodeError, ValueError, AssertionError):
            content = None
        if isinstance(content, str):
            return content[:_MAX_PART_CHARS]
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset)[:_MAX_PART_CHARS]
    except (LookupError, ValueError):  # ValueError: a NUL byte in the charset parameter
        warnings.append(f"text part in unknown or wrong charset {charset[:40]!r} read as Latin-1")
        return payload.decode("latin-1")[:_MAX_PART_CHARS]


def html_to_text(html: str) -> str:
    """Turn an HTML body into plain text (scripts, styles and comments dropped)."""
    with warnings.catch_warnings():
        # A body that is only a URL, or XHTML, is still a body to read.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html[:_MAX_PART_CHARS], "html.parser")
    for tag in soup(["script", "style", "head", "title", "template", "noscript"]):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    text = soup.get_text("\n")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return clean_text("\n".join(line for line in lines if line))


def _is_attachment(part: Message) -> bool:
    if part.is_multipart():
        return False
    disposition = (part.get_content_disposition() or "").lower()
    return disposition == "attachment" or (
        part.get_filename() is not None and not part.get_content_type().startswith("text/")
    )


def _body(msg: Message, warnings: list[str]) -> str:
    plain: list[str] = []
    html: list[str] = []
    for part in msg.walk():
        if part.is_multipart() or _is_attachment(part):
            continue
        ctype = part.get_content_type()
        if ctype == "text/plain":
            plain.append(_decode_part(part, warnings))
        elif ctype == "text/html":
            html.append(_decode_part(part, warnings))
    if any(p.strip() for p in plain):
        return clean_text("\n\n".join(plain))
    if html:
        return html_to_text("\n".join(html))
    warnings.append("e-mail has no text body")
    return ""


def _safe_filename(raw: str | None, index: int) -> str:
    if not raw:
        return f"attachment-{index}"
    name = PureWindowsPath(PurePosixPath(raw).name).name
    name = _FILENAME_BAD.sub("", name).strip().lstrip(".")
    return (name or f"attachment-{index}")[:255]


def _attachments(msg: Message, warnings: list[str]) -> tuple[list[Attachment], list[bytes]]:
    found: list[Attachment] = []
    contents: list[bytes] = []
    dropped = 0
    for part in msg.walk():
        if not _is_attachment(part):
            continue
        if len(found) >= MAX_ATTACHMENTS:
            dropped += 1
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        try:
            raw_name = part.get_filename()
        except Exception:  # a malformed filename parameter
            raw_name = None
        ctype = part.get_content_type()
        if not _CONTENT_TYPE.match(ctype) or len(ctype) > 127:
            ctype = "application/octet-stream"
        found.append(
            Attachment(
                filename=_safe_filename(raw_name, len(found) + 1),
                content_type=ctype,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
            )
        )
        contents.append(data)
    if dropped:
        warnings.append(f"{dropped} attachment(s) beyond the first {MAX_ATTACHMENTS} were dropped")
    return found, contents
