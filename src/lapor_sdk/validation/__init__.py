"""Validators for Indonesian phone numbers, NIK and region codes, and location detection.

Region data (38 provinces, 514 kabupaten/kota, 7,285 kecamatan, 83,762 desa/kelurahan with
Kemendagri codes) ships with the package and is loaded lazily on first use.
"""

from .._personal._nik import NikInfo as NikInfo
from .._personal._nik import validate_nik as validate_nik
from .._personal._phone import normalize_phone as normalize_phone
from ._completeness import PROMPTS as PROMPTS
from ._completeness import is_infrastructure as is_infrastructure
from ._completeness import missing_information as missing_information
from ._consistency import Inconsistency as Inconsistency
from ._consistency import check_consistency as check_consistency
from ._location import MAX_TEXT_LENGTH as MAX_TEXT_LENGTH
from ._location import LocationMatch as LocationMatch
from ._location import extract_location as extract_location
from ._regions import Region as Region
from ._regions import RegionLevel as RegionLevel
from ._regions import Regions as Regions
from ._regions import find_regions as find_regions
from ._regions import get_region as get_region
from ._regions import normalize_region_code as normalize_region_code
from ._regions import provinces as provinces
from ._regions import regencies as regencies
from ._regions import regions as regions
from ._regions import validate_region_code as validate_region_code

__all__ = [
    "MAX_TEXT_LENGTH",
    "PROMPTS",
    "Inconsistency",
    "LocationMatch",
    "NikInfo",
    "Region",
    "RegionLevel",
    "Regions",
    "check_consistency",
    "extract_location",
    "find_regions",
    "get_region",
    "is_infrastructure",
    "missing_information",
    "normalize_phone",
    "normalize_region_code",
    "provinces",
    "regencies",
    "regions",
    "validate_nik",
    "validate_region_code",
]
