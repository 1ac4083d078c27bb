"""Turn e-mails and WhatsApp/SMS messages into complaint drafts for the form manual.

Each parser returns a :class:`ComplaintDraft`: an UNVERIFIED :class:`~lapor_sdk.models.Complaint`
with its channel, the reporter's normalised contact, attachments as metadata and the detected
location, plus what to ask the reporter (``missing``) and what the parser had to drop
(``warnings``).
"""

from ._draft import ComplaintDraft as ComplaintDraft
from ._draft import IntakeError as IntakeError
from ._draft import RouteSuggestion as RouteSuggestion
from ._draft import Triager as Triager
from ._email import MAX_EMAIL_BYTES as MAX_EMAIL_BYTES
from ._email import from_email as from_email
from ._email import html_to_text as html_to_text
from ._message import MAX_MESSAGE_CHARS as MAX_MESSAGE_CHARS
from ._message import ChatMessage as ChatMessage
from ._message import export_owner as export_owner
from ._message import from_message as from_message
from ._message import from_whatsapp_export as from_whatsapp_export
from ._message import looks_like_whatsapp_export as looks_like_whatsapp_export
from ._message import parse_whatsapp_export as parse_whatsapp_export
from ._suggestion_line import MAX_SUGGESTION_NAME_CHARS as MAX_SUGGESTION_NAME_CHARS
from ._suggestion_line import format_suggestion as format_suggestion

__all__ = [
    "MAX_EMAIL_BYTES",
    "MAX_MESSAGE_CHARS",
    "MAX_SUGGESTION_NAME_CHARS",
    "ChatMessage",
    "ComplaintDraft",
    "IntakeError",
    "RouteSuggestion",
    "Triager",
    "export_owner",
    "format_suggestion",
    "from_email",
    "from_message",
    "from_whatsapp_export",
    "html_to_text",
    "looks_like_whatsapp_export",
    "parse_whatsapp_export",
]
