"""Access export (UU 27/2022 Pasal 32): everything the stores hold about one subject.

As JSON (machine-readable, Pasal 13 (1)) and as one readable, accessible HTML page: every
record with its data and its processing record (rekam jejak pemrosesan). Every string from
the stores is escaped.

Pasal 33 huruf b: access is refused where it would disclose another person's personal data.
The export therefore hands the subject their own data only: another person inside a record
(a co-reporter, a requester, any ``{nik|phone|email: …}`` object that is not the subject) is
replaced by :data:`OTHER_PERSON`, and every text loses the phone numbers, e-mail addresses
and NIKs that are not the subject's own, and the names of the other people the stores know
(other reporters, requesters, citizens). A name the stores do not know as a person (a
neighbour named in a complaint) cannot be told from other words and stays: an officer still
reads the export before sending it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .. import plain_language
from .._personal._redact import scrub
from .._version import __version__
from ..monev._html import _CSS, _e, _page_start, _table
from ._adapters import ERASED, StoreAdapter, StoredRecord
from ._law import PDP_TARGETS, RequestKind
from ._subject import DataSubject

__all__ = ["OTHER_PERSON", "SubjectExport", "export_subject", "render_export_html"]

#: What replaces another person inside a record of an access export (Pasal 33 huruf b).
OTHER_PERSON = "[data orang lain]"
_PERSON_KEYS = ("nik", "phone", "email")

_STORE_LABELS = {
    "complaints": "Pengaduan",
    "ppid": "Permohonan informasi publik",
    "hoax": "Laporan hoaks",
    "pdp_requests": "Permintaan terkait data pribadi",
    "outbox": "Antrean kirim ke SP4N-LAPOR!",
}
_FIELD_LABELS = {
    "name": "nama", "phone": "nomor telepon", "email": "surel", "nik": "NIK",
    "address": "alamat", "occupation": "pekerjaan", "reporter": "pelapor",
    "requester": "pemohon", "title": "judul", "description": "isi laporan",
    "status": "status", "created_at": "dibuat", "updated_at": "diubah",
    "tracking_id": "nomor pelacakan", "external_ref": "nomor di aplikasi instansi",
    "category": "kategori", "unit": "unit", "agency": "instansi", "text": "teks",
    "events": "riwayat", "note": "catatan", "at": "waktu", "kind": "jenis",
    "channel": "saluran", "privacy": "kerahasiaan", "location": "lokasi",
}  # fmt: skip
_MAX_ROWS = 500


@dataclass(frozen=True)
class SubjectExport:
    """What the stores hold about one subject."""

    subject: DataSubject
    """Whom it is about."""
    generated_at: dt.datetime
    """When it was made."""
    records: tuple[StoredRecord, ...]
    """Every record found, store by store."""
    stores: tuple[str, ...]
    """The stores searched (also those where nothing was found)."""
    request_id: str | None = None
    """The access request it answers."""

    def to_dict(self) -> dict[str, Any]:
        """Return the export as a JSON-ready dict."""
        return {
            "legal_basis": PDP_TARGETS[RequestKind.ACCESS].source,
            "request_id": self.request_id,
            "generated_at": self.generated_at.isoformat(),
            "subject": self.subject.model_dump(mode="json", exclude_none=True),
            "stores_searched": list(self.stores),
            "records": [
                {
                    "store": r.store,
                    "record_id": r.record_id,
                    "kind": r.kind,
                    "created_at": r.created_at.isoformat(),
                    "status": r.status,
                    "classification": r.classification,
                    "closed_at": r.closed_at.isoformat() if r.closed_at else None,
                    "national_tracking_id": r.tracking_id,
                    "kept_because": r.hold.label if r.hold else None,
                    "data": dict(r.data),
                    "processing_record": [dict(e) for e in r.events],
                }
                for r in self.records
            ],
        }

    def to_json(self) -> str:
        """Return the export as indented UTF-8 JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=False)


def export_subject(
    subject: DataSubject,
    stores: Sequence[StoreAdapter],
    *,
    now: dt.datetime,
    request_id: str | None = None,
    hide_others: bool = True,
) -> SubjectExport:
    """Collect everything ``stores`` hold about ``subject`` (Pasal 32: data and its record).

    Args:
        subject: Found by NIK, phone or e-mail.
        stores: Store adapters to search.
        now: When the export is made (aware).
        request_id: The access request it answers.
        hide_others: Take other people's data out (Pasal 33 huruf b; see the module notes).
            ``False`` only for the controller's own review, never for the subject.
    """
    records: list[StoredRecord] = []
    for adapter in stores:
        records += adapter.find(subject)
    if hide_others:
        records = _only_the_subject(subject, records, stores)
    return SubjectExport(subject, now, tuple(records), tuple(a.name for a in stores), request_id)


def _only_the_subject(
    subject: DataSubject, records: list[StoredRecord], stores: Sequence[StoreAdapter]
) -> list[StoredRecord]:
    """The records with other people's data taken out (Pasal 33 huruf b)."""
    own_people = [r.person for r in records if r.person is not None]
    own_names = {n.casefold() for n in [subject.name, *(p.name for p in own_people)] if n}
    names: set[str] = set()
    for adapter in stores:
        for record in adapter.records():
            other = record.person
            if other is None or subject.matches(other) or other.name in (None, "", ERASED):
                continue
            if other.name.casefold() not in own_names:
                names.add(other.name)

    def keep(match: str) -> bool:
        return subject.owns(match, own_people)

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return scrub(value, known=sorted(names), keep=keep)
        if isinstance(value, Mapping):
            if any(value.get(k) for k in _PERSON_KEYS) and not subject.matches(dict(value)):
                return OTHER_PERSON
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [clean(v) for v in value]
        return value

    return [
        replace(r, data=clean(dict(r.data)), events=tuple(clean(dict(e)) for e in r.events))
        for r in records
    ]


def _flatten(value: Any, path: str, out: list[tuple[str, str]]) -> None:
    if len(out) >= _MAX_ROWS:
        return
    if isinstance(value, Mapping):
        for key, inner in value.items():
            _flatten(inner, f"{path}.{key}" if path else str(key), out)
    elif isinstance(value, list | tuple):
        for index, inner in enumerate(value, 1):
            _flatten(inner, f"{path} {index}", out)
    elif value is not None and value != "":
        out.append((path, str(value)))


def _label(path: str) -> str:
    parts = []
    for part in path.split("."):
        head, _, number = part.partition(" ")
        word = _FIELD_LABELS.get(head, head.replace("_", " "))
        parts.append(f"{word} {number}".strip())
    return " › ".join(parts)


def _record_html(index: int, record: StoredRecord, tz: str) -> str:
    when = plain_language.format_datetime
    store = _STORE_LABELS.get(record.store, record.store)
    facts = [
        ("Tempat penyimpanan", store),
        ("Nomor data", record.record_id),
        ("Dibuat", when(record.created_at, tz)),
        ("Status", record.status),
    ]
    if record.closed_at:
        facts.append(("Selesai", when(record.closed_at, tz)))
    if record.tracking_id:
        facts.append(("Nomor pelacakan SP4N-LAPOR!", record.tracking_id))
    if record.hold:
        facts.append(("Disimpan karena", record.hold.label))
    items = "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in facts)
    rows: list[tuple[str, str]] = []
    _flatten(record.data, "", rows)
    data_table = _table(
        caption=f"Isi data {index}: {store}",
        headers=[("Bagian data", False), ("Isi", False)],
        rows=[[(_e(_label(k)), False), (_e(v), False)] for k, v in rows],
    )
    history = _table(
        caption=f"Riwayat pemrosesan data {index}",
        headers=[("Waktu", False), ("Kegiatan", False)],
        rows=[
            [
                (_e(e.get("at", "")), False),
                (_e(" · ".join(str(v) for k, v in e.items() if k != "at" and v)), False),
            ]
            for e in record.events
        ],
        fold=False,
    )
    return (
        f'<section aria-labelledby="h-data-{index}">'
        f'<h3 id="h-data-{index}">Data {index}: {_e(store)}</h3>'
        f'<dl class="facts">{items}</dl>{data_table}{history}</section>'
    )


def render_export_html(
    export: SubjectExport,
    *,
    title: str = "Data pribadi Anda yang kami simpan",
    agency: str | None = None,
    tz: str = "Asia/Jakarta",
) -> str:
    """Render the export as one self-contained, accessible HTML page (``lang="id"``).

    Args:
        export: Output of :func:`export_subject`.
        title: Page title (escaped).
        agency: The controller's name, shown under the title (escaped).
        tz: Zone the times are written in.
    """
    when = plain_language.format_datetime(export.generated_at, tz)
    meta = f"Dibuat {_e(when)}"
    if export.request_id:
        meta += f" · permintaan {_e(export.request_id)}"
    if agency:
        meta = f"{_e(agency)} · {meta}"
    counts = [
        (_STORE_LABELS.get(s, s), sum(1 for r in export.records if r.store == s))
        for s in export.stores
    ]
    summary = _table(
        caption="Jumlah data per tempat penyimpanan",
        headers=[("Tempat penyimpanan", False), ("Jumlah data", True)],
        rows=[[(_e(name), False), (str(n), True)] for name, n in counts],
        fold=False,
    )
    records = "".join(_record_html(i, r, tz) for i, r in enumerate(export.records, 1))
    if not records:
        records = "<p>Kami tidak menyimpan data tentang Anda.</p>"
    css = _CSS + ".facts div{display:flex;gap:.5rem;flex-wrap:wrap}.facts dt{font-weight:600}"
    parts = [
        *_page_start(title, meta, css=css, skip="Langsung ke isi"),
        '<section aria-labelledby="h-ringkasan"><h2 id="h-ringkasan">Ringkasan</h2>',
        "<p>Halaman ini berisi semua data pribadi Anda yang kami simpan. Halaman ini juga "
        "mencatat apa saja yang kami lakukan dengan data itu. Anda berhak mendapatkannya "
        "paling lambat 3 x 24 jam sejak permintaan diterima (UU 27/2022 Pasal 32).</p>",
        summary,
        "</section>",
        '<section aria-labelledby="h-data"><h2 id="h-data">Data yang disimpan</h2>',
        records,
        "</section>",
        '<section aria-labelledby="h-hak"><h2 id="h-hak">Hak Anda</h2>',
        "<p>Anda boleh meminta data diperbaiki, pemrosesan dibatasi, atau data dihapus. "
        "Ada data yang tetap kami simpan karena diwajibkan undang-undang. Contohnya pengaduan "
        "yang masih diproses. Alasannya tertulis pada data tersebut.</p>",
        "</section>",
        "</main>",
        f"<footer>Dibuat dengan lapor-sdk {_e(__version__)}.</footer>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"
