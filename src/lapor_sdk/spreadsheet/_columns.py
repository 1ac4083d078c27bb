"""Which spreadsheet column holds which complaint field: the configurable mapping."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Final

from .._exceptions import InvalidInputError

__all__ = ["DEFAULT_COLUMNS", "FIELDS", "ColumnMapping", "header_key"]

#: Header names as LAPOR! and LaporGub exports show them, per field (first = export header).
DEFAULT_COLUMNS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "tracking_id": ("Nomor Tracking", "No. Tracking", "Tracking ID", "No Tracking",
                        "ID Laporan", "Nomor Laporan", "ID"),
        "external_ref": ("Referensi", "No. Referensi", "Nomor Tiket", "ID Aplikasi"),
        "title": ("Judul", "Judul Laporan"),
        "description": ("Isi Laporan", "Isi", "Uraian", "Uraian Laporan", "Deskripsi"),
        "category": ("Kategori", "Kategori Laporan", "Topik"),
        "classification": ("Klasifikasi", "Jenis Laporan"),
        "channel": ("Sumber", "Kanal", "Media", "Sumber Laporan"),
        "status": ("Status", "Status Laporan"),
        "agency": ("Instansi", "Instansi Tujuan", "Instansi Terlapor", "OPD", "Instansi Terkait"),
        "unit": ("Unit Kerja", "Unit", "Disposisi Ke"),
        "location": ("Lokasi", "Lokasi Kejadian", "Kabupaten/Kota", "Wilayah", "Alamat Kejadian"),
        "created_at": ("Tanggal Laporan", "Tanggal Masuk", "Tanggal Lapor", "Tanggal"),
        "disposed_at": ("Tanggal Disposisi", "Tanggal Verifikasi"),
        "followed_up_at": ("Tanggal Tindak Lanjut", "Tanggal TL", "Tanggal Tanggapan"),
        "follow_up": ("Tindak Lanjut", "Isi Tindak Lanjut", "Tanggapan", "Jawaban"),
        "completed_at": ("Tanggal Selesai", "Tanggal Ditutup"),
        "anonymous": ("Anonim",),
        "confidential": ("Rahasia",),
        "reporter_name": ("Nama Pelapor", "Pelapor"),
        "reporter_phone": ("No. HP Pelapor", "No HP", "Telepon Pelapor", "No. Telepon"),
        "reporter_email": ("Email Pelapor", "E-mail Pelapor", "Surel"),
    }
)  # fmt: skip
#: Every field a column can map to.
FIELDS: Final = frozenset(DEFAULT_COLUMNS)
#: Fields never written back to a spreadsheet (the reporter's personal data).
PERSONAL: Final = frozenset({"reporter_name", "reporter_phone", "reporter_email"})
_NOISE = re.compile(r"[^0-9a-z/]+")


def header_key(text: object) -> str:
    """Normalise a header for matching: case, spaces, dots, colons and asterisks ignored.

    Example:
        >>> header_key(" No. Tracking* ")
        'no tracking'
    """
    return " ".join(_NOISE.sub(" ", str(text or "").casefold()).split())


@dataclass(frozen=True)
class ColumnMapping:
    """Headers that hold each field; the first header of a field is the one exports write.

    Start from :meth:`default` (LAPOR!/LaporGub names) and change some fields with
    :meth:`with_columns`, or read a JSON/YAML file with :meth:`from_file`
    (``{"description": "Isi Aduan", "created_at": ["Tgl Aduan", "Tanggal"]}``).
    """

    columns: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: DEFAULT_COLUMNS)

    @classmethod
    def default(cls) -> ColumnMapping:
        """The LAPOR!/LaporGub header names."""
        return cls()

    def with_columns(self, **changes: str | Iterable[str]) -> ColumnMapping:
        """Return a copy where each named field is read from the given header(s) instead.

        Raises:
            InvalidInputError: A field name is unknown or a header list is empty.
        """
        columns = dict(self.columns)
        for name, headers in changes.items():
            if name not in FIELDS:
                raise InvalidInputError(
                    f"unknown field {name!r} in the column mapping; known fields: "
                    + ", ".join(sorted(FIELDS))
                )
            values = (headers,) if isinstance(headers, str) else tuple(headers)
            if not values or not all(isinstance(v, str) and v.strip() for v in values):
                raise InvalidInputError(f"field {name!r}: give one or more non-empty headers")
            columns[name] = tuple(v.strip()[:200] for v in values)
        return ColumnMapping(MappingProxyType(columns))

    @classmethod
    def from_file(cls, path: str | Path) -> ColumnMapping:
        """Read changes to the default mapping from a JSON or YAML object (field → header(s)).

        Raises:
            InvalidInputError: Not an object of field names to headers, or too large.
        """
        file = Path(path)
        if file.stat().st_size > 64 * 1024:
            raise InvalidInputError(f"column mapping {file} is larger than 64 KiB")
        text = file.read_text(encoding="utf-8-sig")
        try:
            if file.suffix.lower() in (".yaml", ".yml"):
                import yaml

                data = yaml.safe_load(text)
            else:
                data = json.loads(text)
        except ValueError as exc:
            raise InvalidInputError(f"column mapping {file} cannot be read: {exc}") from None
        except Exception as exc:  # yaml.YAMLError
            raise InvalidInputError(
                f"column mapping {file} is not valid YAML ({type(exc).__name__})"
            ) from None
        if not isinstance(data, dict):
            raise InvalidInputError(f"column mapping {file} must be an object: field -> header(s)")
        return cls().with_columns(**{str(k): v for k, v in data.items()})

    def locate(self, headers: Iterable[object]) -> dict[str, int]:
        """Return the column index of each field found among ``headers`` (first match wins)."""
        keys = [header_key(h) for h in headers]
        found: dict[str, int] = {}
        for name, names in self.columns.items():
            for candidate in names:
                wanted = header_key(candidate)
                if wanted in keys:
                    index = keys.index(wanted)
                    if index not in found.values():
                        found[name] = index
                        break
        return found

    def header(self, name: str) -> str:
        """The header exports write for ``name``."""
        return self.columns[name][0]
