"""Spreadsheet import and export of complaints as LAPOR! and LaporGub exports look.

:func:`read_complaints` reads ``.xlsx`` (extra ``spreadsheet``: ``openpyxl``) and ``.csv``
with Indonesian headers (Nomor Tracking, Judul, Isi Laporan, Kategori, Status, Instansi,
Tanggal Laporan, Tanggal Disposisi, Tanggal Tindak Lanjut …) through a configurable
:class:`ColumnMapping`; every row is imported or reported with its number and reason.
:func:`write_complaints` writes the same shape back, safe against formula injection.
"""

from ._columns import DEFAULT_COLUMNS as DEFAULT_COLUMNS
from ._columns import FIELDS as FIELDS
from ._columns import ColumnMapping as ColumnMapping
from ._columns import header_key as header_key
from ._dates import MONTHS as MONTHS
from ._dates import parse_date as parse_date
from ._read import MAX_FILE_BYTES as MAX_FILE_BYTES
from ._read import MAX_ROWS as MAX_ROWS
from ._read import ImportReport as ImportReport
from ._read import RowError as RowError
from ._read import read_complaints as read_complaints
from ._read import rows_to_complaints as rows_to_complaints
from ._write import EXPORT_FIELDS as EXPORT_FIELDS
from ._write import FORMULA_PREFIXES as FORMULA_PREFIXES
from ._write import neutralize_cell as neutralize_cell
from ._write import write_complaints as write_complaints

__all__ = [
    "DEFAULT_COLUMNS",
    "EXPORT_FIELDS",
    "FIELDS",
    "FORMULA_PREFIXES",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "MONTHS",
    "ColumnMapping",
    "ImportReport",
    "RowError",
    "header_key",
    "neutralize_cell",
    "parse_date",
    "read_complaints",
    "rows_to_complaints",
    "write_complaints",
]
