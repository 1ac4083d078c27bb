"""Reading complaint exports (XLSX, CSV): every row imported or reported with its reason."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from .. import lifecycle
from .._exceptions import IllegalTransitionError, InvalidInputError
from ..lifecycle import ArchiveReason
from ..models import Channel, Classification, Complaint, Location, Privacy, Reporter, Role, Status
from ._columns import ColumnMapping, header_key
from ._dates import parse_date

__all__ = [
    "MAX_CELL_CHARS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "ImportReport",
    "RowError",
    "read_complaints",
    "rows_to_complaints",
]

#: Largest file read (bytes), and most uncompressed bytes inside an XLSX (a zip bomb stops).
MAX_FILE_BYTES: Final = 100 * 1024 * 1024
MAX_UNZIPPED_BYTES: Final = 400 * 1024 * 1024
#: Most data rows read; the rest are reported, not read.
MAX_ROWS: Final = 200_000
#: Longest cell text kept (Excel's own limit is 32,767).
MAX_CELL_CHARS: Final = 32_767
#: Rows searched for the header row (exports often start with a title).
HEADER_SEARCH_ROWS: Final = 10
_WIB = ZoneInfo("Asia/Jakarta")

_STATUS_WORDS: Final = {
    "belum terverifikasi": Status.UNVERIFIED,
    "laporan belum terverifikasi": Status.UNVERIFIED,
    "baru": Status.UNVERIFIED,
    "menunggu verifikasi": Status.UNVERIFIED,
    "tertunda": Status.POSTPONED,
    "laporan tertunda": Status.POSTPONED,
    "ditunda": Status.POSTPONED,
    "arsip": Status.ARCHIVED,
    "laporan arsip": Status.ARCHIVED,
    "diarsipkan": Status.ARCHIVED,
    "terdisposisi": Status.DISPOSED,
    "terdisposisi belum ditindaklanjuti": Status.DISPOSED,
    "didisposisikan": Status.DISPOSED,
    "terverifikasi": Status.DISPOSED,
    "sedang diproses": Status.IN_PROGRESS,
    "terdisposisi sedang diproses": Status.IN_PROGRESS,
    "diproses": Status.IN_PROGRESS,
    "proses": Status.IN_PROGRESS,
    "ditindaklanjuti": Status.IN_PROGRESS,
    "terdisposisi selesai": Status.COMPLETED,
    "selesai": Status.COMPLETED,
    "laporan selesai": Status.CLOSED,
    "laporan selesai ditutup": Status.CLOSED,
    "ditutup": Status.CLOSED,
    **{header_key(s.value): s for s in Status},
    **{header_key(s.label): s for s in Status},
}
_YES: Final = {"ya", "y", "yes", "true", "1", "v", "x"}
_NO: Final = {"tidak", "t", "no", "n", "false", "0", "-", ""}
_CHANNEL_WORDS: Final = {
    **{header_key(c.value): c for c in Channel},
    **{header_key(c.label): c for c in Channel},
    "web": Channel.LAPOR_WEB, "website": Channel.LAPOR_WEB, "situs": Channel.LAPOR_WEB,
    "aplikasi": Channel.LAPOR_APP, "android": Channel.LAPOR_APP, "ios": Channel.LAPOR_APP,
    "sms": Channel.SMS, "twitter": Channel.TWITTER, "x": Channel.TWITTER,
    "laporgub": Channel.REGIONAL_APP, "wa": Channel.WHATSAPP, "whatsapp": Channel.WHATSAPP,
    "instagram": Channel.SOCIAL_MEDIA, "facebook": Channel.SOCIAL_MEDIA,
    "telepon": Channel.PHONE, "call center": Channel.PHONE, "email": Channel.EMAIL,
    "e mail": Channel.EMAIL, "surat": Channel.FACE_TO_FACE, "langsung": Channel.FACE_TO_FACE,
}  # fmt: skip
_CLASSIFICATION_WORDS: Final = {
    **{header_key(c.value): c for c in Classification},
    **{header_key(c.label): c for c in Classification},
}
#: Follow-up text used when a sheet has the date of a follow-up but not its text.
NO_FOLLOW_UP_TEXT: Final = "(isi tindak lanjut tidak tersedia di berkas impor)"


@dataclass(frozen=True, slots=True)
class RowError:
    """A row that was not imported: its number in the sheet and why (never its content)."""

    row: int
    """Row number as the spreadsheet program shows it (the header row is usually 1)."""
    reason: str
    """What is wrong and how to fix it."""

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"


@dataclass
class ImportReport:
    """The outcome of reading a sheet: every data row is either a complaint or an error."""

    complaints: list[Complaint] = field(default_factory=list)
    """Imported complaints, in sheet order."""
    errors: list[RowError] = field(default_factory=list)
    """Rows not imported, with the reason."""
    blank_rows: int = 0
    """Rows with no value at all (not data)."""
    header_row: int = 0
    """Row number of the header row."""
    columns: dict[str, str] = field(default_factory=dict)
    """Field -> the header it was read from."""

    @property
    def rows_read(self) -> int:
        """Data rows seen: imported + errors (blank rows excluded)."""
        return len(self.complaints) + len(self.errors)

    def summary(self) -> str:
        """One line: imported, skipped and blank rows."""
        return (
            f"{len(self.complaints)} of {self.rows_read} row(s) imported, "
            f"{len(self.errors)} skipped, {self.blank_rows} blank"
        )


class _RowError(ValueError):
    pass


def _cell_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text[:MAX_CELL_CHARS] if text else None


def _flag(value: Any, column: str) -> bool:
    key = header_key(value)
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise _RowError(f"{column}: write Ya or Tidak")


class _Row:
    def __init__(self, cells: Sequence[Any], where: dict[str, int], mapping: ColumnMapping) -> None:
        self.cells = cells
        self.where = where
        self.mapping = mapping

    def raw(self, name: str) -> Any:
        index = self.where.get(name)
        if index is None or index >= len(self.cells):
            return None
        value = self.cells[index]
        return None if isinstance(value, str) and not value.strip() else value

    def text(self, name: str) -> str | None:
        return _cell_text(self.raw(name))

    def column(self, name: str) -> str:
        return self.mapping.header(name)

    def date(self, name: str, tz: dt.tzinfo) -> dt.datetime | None:
        try:
            return parse_date(self.raw(name), tz=tz)
        except ValueError:
            raise _RowError(
                f"{self.column(name)}: not a date; write e.g. 12 Januari 2025 14.30, "
                "12/01/2025 or 2025-01-12"
            ) from None


def _status(row: _Row) -> Status:
    text = row.text("status")
    if text is None:
        return Status.UNVERIFIED
    status = _STATUS_WORDS.get(header_key(text))
    if status is None:
        raise _RowError(
            f"{row.column('status')}: unknown status; use a LAPOR! status such as "
            "Belum Terverifikasi, Terdisposisi, Sedang Diproses, Selesai, Tertunda, Arsip"
        )
    return status


def _lookup(row: _Row, name: str, table: dict[str, Any], default: Any) -> Any:
    text = row.text(name)
    if text is None:
        return default
    found = table.get(header_key(text))
    if found is None:
        raise _RowError(f"{row.column(name)}: unknown value; see docs/spreadsheets.md")
    return found


def _needs(value: dt.datetime | None, row: _Row, name: str, status: Status) -> dt.datetime:
    if value is None:
        raise _RowError(
            f"status {status.label} needs {row.column(name)}; fill it in or change the status"
        )
    return value


def _build(row: _Row, tz: dt.tzinfo) -> Complaint:
    created = row.date("created_at", tz)
    if created is None:
        raise _RowError(f"{row.column('created_at')} is empty; every report needs its date")
    status = _status(row)
    description = row.text("description") or ""
    title = row.text("title") or " ".join(description.split())[:120]
    if not title and not description:
        raise _RowError(f"{row.column('title')} and {row.column('description')} are both empty")
    reporter = None
    name, phone, email = (row.text(f"reporter_{k}") for k in ("name", "phone", "email"))
    if name or phone or email:
        reporter = Reporter(name=name, phone=phone, email=email)
    place = row.text("location")
    location = Location(description=place[:1000]) if place else None
    if place:
        from ..validation import extract_location

        match = extract_location(place)
        if match is not None and match.region is not None:
            found = match.to_location()
            location = found.model_copy(update={"description": place[:1000]})
    privacy = Privacy.of(
        anonymous=_flag(row.raw("anonymous"), row.column("anonymous")),
        confidential=_flag(row.raw("confidential"), row.column("confidential")),
    )
    c = lifecycle.create(
        title=title[:200],
        description=description[:20_000],
        created_at=created,
        by=Role.AGENCY_ADMIN,
        tracking_id=row.text("tracking_id"),
        external_ref=(row.text("external_ref") or None),
        channel=_lookup(row, "channel", _CHANNEL_WORDS, Channel.LAPOR_WEB),
        classification=_lookup(row, "classification", _CLASSIFICATION_WORDS, None)
        or Classification.COMPLAINT,
        category=(row.text("category") or None),
        location=location,
        reporter=reporter,
        privacy=privacy,
    )
    disposed = row.date("disposed_at", tz)
    followed = row.date("followed_up_at", tz)
    completed = row.date("completed_at", tz)
    agency = row.text("agency")
    unit = row.text("unit")
    admin = Role.AGENCY_ADMIN
    if status is Status.POSTPONED:
        return lifecycle.postpone(c, by=admin, at=disposed or created, reason="Ditunda")
    if status is Status.ARCHIVED:
        return lifecycle.archive(
            c, by=admin, at=disposed or completed or created, reason=ArchiveReason.OTHER
        )
    if status is Status.UNVERIFIED:
        return c if agency is None else c.model_copy(update={"agency": agency[:200]})
    c = lifecycle.verify(
        c,
        by=admin,
        at=_needs(disposed, row, "disposed_at", status),
        agency=(agency or "(instansi tidak tercatat)")[:200],
        unit=unit[:200] if unit else None,
    )
    if status is Status.DISPOSED:
        return c
    text = (row.text("follow_up") or NO_FOLLOW_UP_TEXT)[:20_000]
    at = _needs(followed, row, "followed_up_at", status)
    c = lifecycle.follow_up(c, at=at, text=text, final=status is not Status.IN_PROGRESS)
    if status is Status.CLOSED:
        c = lifecycle.close(c, at=completed or at)
    return c


def rows_to_complaints(
    rows: Iterator[Sequence[Any]],
    *,
    mapping: ColumnMapping | None = None,
    tz: dt.tzinfo = _WIB,
    max_rows: int = MAX_ROWS,
) -> ImportReport:
    """Turn the rows of a sheet (header row included) into complaints.

    The header row is the first of the first 10 rows in which the mapping finds the
    report date and a title or description column. Each later row is a complaint or a
    :class:`RowError` (its number and the reason); wholly empty rows are counted as blank.

    Raises:
        InvalidInputError: No header row was found.
    """
    mapping = mapping or ColumnMapping.default()
    report = ImportReport()
    where: dict[str, int] | None = None
    for number, cells in enumerate(rows, start=1):
        if where is None:
            found = mapping.locate(cells)
            if "created_at" in found and ("title" in found or "description" in found):
                where, report.header_row = found, number
                report.columns = {k: mapping.header(k) for k in found}
            elif number >= HEADER_SEARCH_ROWS:
                break
            continue
        if all(_cell_text(v) is None for v in cells):
            report.blank_rows += 1
            continue
        if report.rows_read >= max_rows:
            report.errors.append(
                RowError(
                    number,
                    f"the sheet has more than {max_rows} rows; this row and "
                    "the rest were not read, split the file",
                )
            )
            break
        row = _Row(cells, where, mapping)
        try:
            report.complaints.append(_build(row, tz))
        except _RowError as exc:
            report.errors.append(RowError(number, str(exc)))
        except ValidationError as exc:
            first = exc.errors(include_input=False, include_url=False)[0]
            place = ".".join(str(p) for p in first["loc"]) or "row"
            report.errors.append(RowError(number, f"{place}: {first['msg']}"))
        except (IllegalTransitionError, InvalidInputError) as exc:
            report.errors.append(RowError(number, f"the dates do not fit the status: {exc}"))
    if where is None:
        wanted = ", ".join(mapping.columns["created_at"][:2])
        raise InvalidInputError(
            f"no header row found in the first {HEADER_SEARCH_ROWS} rows: the sheet needs a "
            f"report date column ({wanted}) and a title or description column "
            f"({mapping.header('title')}, {mapping.header('description')}); map other "
            "names with a column mapping"
        )
    return report


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    sample = text[:8192]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as exc:
        raise InvalidInputError(f"the CSV cannot be read: {exc}") from None


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[tuple[Any, ...]]:
    try:
        from openpyxl import load_workbook
    except ImportError:
        raise InvalidInputError(
            "reading XLSX needs openpyxl: pip install 'lapor-sdk[spreadsheet]' (or save as CSV)"
        ) from None
    try:
        with zipfile.ZipFile(path) as archive:
            unzipped = sum(i.file_size for i in archive.infolist())
    except zipfile.BadZipFile:
        raise InvalidInputError(f"{path} is not an XLSX workbook (not a zip file)") from None
    if unzipped > MAX_UNZIPPED_BYTES:
        raise InvalidInputError(
            f"{path} unpacks to {unzipped} bytes, more than {MAX_UNZIPPED_BYTES}; split it"
        )
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InvalidInputError(
            f"{path} cannot be read as XLSX ({type(exc).__name__}); save it again from Excel"
        ) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise InvalidInputError(
                f"{path} has no sheet {sheet!r}; sheets: {', '.join(book.sheetnames)}"
            )
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        yield from ws.iter_rows(values_only=True)
    finally:
        book.close()


def read_complaints(
    path: str | Path,
    *,
    mapping: ColumnMapping | None = None,
    tz: dt.tzinfo = _WIB,
    sheet: str | None = None,
    max_rows: int = MAX_ROWS,
) -> ImportReport:
    """Read a LAPOR!/LaporGub complaint export (``.xlsx`` or ``.csv``).

    Args:
        path: The file; the suffix chooses the format.
        mapping: Which headers hold which field (default: the LAPOR!/LaporGub names).
        tz: Zone of dates written without one (default WIB).
        sheet: XLSX sheet to read (default: the first).
        max_rows: Most data rows read; later rows are reported as one error.

    Returns:
        The complaints and the rows not imported, with their numbers and reasons.

    Raises:
        InvalidInputError: Too large, an unknown format, a damaged file or no header row.
        OSError: The file cannot be read.

    Example:
        >>> report = read_complaints("ekspor-lapor.xlsx")  # doctest: +SKIP
        >>> print(report.summary())                       # doctest: +SKIP
        118 of 120 row(s) imported, 2 skipped, 0 blank
    """
    file = Path(path)
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InvalidInputError(f"{file} is {size} bytes, more than {MAX_FILE_BYTES}; split it")
    suffix = file.suffix.lower()
    if suffix == ".csv":
        rows: Iterator[Sequence[Any]] = _csv_rows(file.read_bytes())
    elif suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(file, sheet)
    else:
        raise InvalidInputError(f"{file}: only .xlsx and .csv spreadsheets are read")
    return rows_to_complaints(rows, mapping=mapping, tz=tz, max_rows=max_rows)
