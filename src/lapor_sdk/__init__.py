"""lapor-sdk: typed SDK for Indonesian public-service complaints (SP4N-LAPOR!).

Start with :class:`~lapor_sdk.models.Complaint` and :mod:`lapor_sdk.lifecycle`.
"""

from . import lifecycle as lifecycle
from ._exceptions import IllegalTransitionError as IllegalTransitionError
from ._exceptions import InvalidInputError as InvalidInputError
from ._exceptions import InvalidNikError as InvalidNikError
from ._exceptions import InvalidPhoneError as InvalidPhoneError
from ._exceptions import LaporError as LaporError
from ._exceptions import NotVisibleError as NotVisibleError
from ._exceptions import UnknownRegionError as UnknownRegionError
from ._version import __version__ as __version__
from .models import Channel as Channel
from .models import Classification as Classification
from .models import Complaint as Complaint
from .models import Location as Location
from .models import Privacy as Privacy
from .models import Reporter as Reporter
from .models import Role as Role
from .models import Satisfaction as Satisfaction
from .models import Status as Status
from .validation import extract_location as extract_location
from .validation import find_regions as find_regions
from .validation import normalize_phone as normalize_phone
from .validation import validate_nik as validate_nik

__all__ = [
    "Channel",
    "Classification",
    "Complaint",
    "IllegalTransitionError",
    "InvalidInputError",
    "InvalidNikError",
    "InvalidPhoneError",
    "LaporError",
    "Location",
    "NotVisibleError",
    "Privacy",
    "Reporter",
    "Role",
    "Satisfaction",
    "Status",
    "UnknownRegionError",
    "__version__",
    "extract_location",
    "find_regions",
    "lifecycle",
    "normalize_phone",
    "validate_nik",
]
