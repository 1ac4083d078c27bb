"""Typed models of SP4N-LAPOR! reports: complaint, reporter, location, follow-ups, enums."""

from ._complaint import MAX_ATTACHMENTS as MAX_ATTACHMENTS
from ._complaint import MAX_CLOCK_SKEW as MAX_CLOCK_SKEW
from ._complaint import MAX_TAG_LENGTH as MAX_TAG_LENGTH
from ._complaint import MAX_TAGS as MAX_TAGS
from ._complaint import Complaint as Complaint
from ._complaint import MissingInfo as MissingInfo
from ._complaint import MissingKind as MissingKind
from ._enums import Channel as Channel
from ._enums import Classification as Classification
from ._enums import EventKind as EventKind
from ._enums import Privacy as Privacy
from ._enums import Role as Role
from ._enums import Satisfaction as Satisfaction
from ._enums import Status as Status
from ._location import Location as Location
from ._records import Attachment as Attachment
from ._records import Disposition as Disposition
from ._records import DispositionKind as DispositionKind
from ._records import Event as Event
from ._records import FollowUp as FollowUp
from ._records import Rating as Rating
from ._records import Reply as Reply
from ._reporter import PERSONAL_FIELDS as PERSONAL_FIELDS
from ._reporter import Reporter as Reporter

__all__ = [
    "MAX_CLOCK_SKEW",
    "MAX_TAGS",
    "MAX_TAG_LENGTH",
    "PERSONAL_FIELDS",
    "Attachment",
    "Channel",
    "Classification",
    "Complaint",
    "Disposition",
    "DispositionKind",
    "Event",
    "EventKind",
    "FollowUp",
    "Location",
    "MissingInfo",
    "MissingKind",
    "Privacy",
    "Rating",
    "Reply",
    "Reporter",
    "Role",
    "Satisfaction",
    "Status",
]
