"""Writing complaints back in the export shape, safe to open in a spreadsheet program."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from .._exceptions import InvalidInputError, NotVisibleError
from ..models import Complaint, EventKind
from ..models._enums import Audience
from ._columns import PERSONAL, ColumnMapping

__all__ = ["EXPORT_FIELDS", "FORMULA_PREFIXES", "neutralize_cell", "write_complaints"]

#: Leading characters that make a spreadsheet program read a cell as a formula (OWASP).
FORMULA_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")
#: Fields written, in this order (never the reporter's personal data).
EXPORT_FIELDS: Final = (
    "tracking_id", "title", "description", "category", "classification", "channel",
    "status", "agency", "unit", "location", "created_at", "disposed_at", "followed_up_at",
    "follow_up", "completed_at", "anonymous", "confidential", "external_ref",
)  # fmt: skip
_MAX_CELL: Final = 32_000
_MONTHS: Final = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)  # fmt: skip
_WIB = ZoneInfo("Asia/Jakarta")


def neutralize_cell(value: str) -> str:
    """Make text safe for a spreadsheet cell: text that could start a formula gets a ``'``.

    Example:
        >>> neutralize_cell('=HYPERLINK("http://x")')
        '\\'=HYPERLINK("http://x")'
    """
    text = value[:_MAX_CELL]
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _date(value: dt.datetime | None, tz: dt.tzinfo) -> str:
    if value is None:
        return ""
    local = value.astimezone(tz)
    return f"{local.day} {_MONTHS[local.month - 1]} {local.year} {local:%H.%M}"


def _first(c: Complaint, kinds: set[EventKind]) -> dt.datetime | None:
    return next((e.at for e in c.events if e.kind in kinds), None)


def _row(c: Complaint, tz: dt.tzinfo) -> dict[str, str]:
    location = c.location
    place = ""
    if location is not None:
        parts = [location.street, location.district, location.region_name, location.description]
        place = ", ".join(dict.fromkeys(p for p in parts if p))
    follow = c.follow_ups[-1].text if c.follow_ups else ""
    return {
        "tracking_id": c.tracking_id or "",
        "title": c.title,
        "description": c.description,
        "category": c.category or "",
        "classification": c.classification.label,
        "channel": c.channel.label,
        "status": c.status.label,
        "agency": c.agency or "",
        "unit": c.unit or "",
        "location": place,
        "created_at": _date(c.created_at, tz),
        "disposed_at": _date(_first(c, {EventKind.VERIFIED, EventKind.FORWARDED}), tz),
        "followed_up_at": _date(_first(c, {EventKind.FOLLOWED_UP, EventKind.COMPLETED}), tz),
        "follow_up": follow,
        "completed_at": _date(_first(c, {EventKind.CLOSED}), tz),
        "anonymous": "Ya" if c.is_anonymous else "Tidak",
        "confidential": "Ya" if c.is_confidential else "Tidak",
        "external_ref": c.external_ref or "",
    }


def write_complaints(
    complaints: Sequence[Complaint],
    path: str | Path,
    *,
    mapping: ColumnMapping | None = None,
    audience: Audience = Audience.PUBLIC,
    tz: dt.tzinfo = _WIB,
) -> int:
    """Write complaints as a LAPOR!-style sheet (``.xlsx`` or ``.csv``, by the suffix).

    The columns are those :func:`read_complaints` reads, so the file imports back. Each
    complaint is written as ``audience`` may see it (default the public: *rahasia* reports
    are left out, contacts scrubbed from the texts); the reporter's name and contacts are
    never written. Every text cell is neutralised against formula injection
    (:func:`neutralize_cell`) and XLSX cells are stored as text, never as formulas. CSV is
    UTF-8 with a byte-order mark, so spreadsheet programs read the accents.

    Returns:
        The number of complaints written.

    Raises:
        InvalidInputError: Unknown suffix, or XLSX without ``openpyxl``.
    """
    mapping = mapping or ColumnMapping.default()
    fields = [f for f in EXPORT_FIELDS if f not in PERSONAL]
    headers = [neutralize_cell(mapping.header(f)) for f in fields]
    rows: list[list[str]] = []
    for c in complaints:
        try:
            shown = c.view_for(audience)
        except NotVisibleError:
            continue
        data = _row(shown, tz)
        rows.append([neutralize_cell(data[f]) for f in fields])
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        with target.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            writer.writerows(rows)
    elif suffix == ".xlsx":
        try:
            from openpyxl import Workbook
        except ImportError:
            raise InvalidInputError(
                "XLSX export needs openpyxl: pip install 'lapor-sdk[spreadsheet]' (or use .csv)"
            ) from None
        book = Workbook()
        sheet = book.active
        assert sheet is not None  # noqa: S101 - a new workbook has one sheet
        sheet.title = "Laporan"
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
        for line in sheet.iter_rows():
            for cell in line:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula
        sheet.freeze_panes = "A2"
        book.save(target)
    else:
        raise InvalidInputError(f"{target}: write .xlsx or .csv")
    return len(rows)
