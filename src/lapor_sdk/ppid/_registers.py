"""The request and objection registers as tables, and their CSV / XLSX exports.

The columns follow the registers the Komisi Informasi's service standard asks for (number,
dates, requester identity, information asked, purpose, decision, reasons, response times;
for objections: objection number, request number, Pasal 35 reasons, the atasan PPID's decision,
date and name). Without ``with_identity`` the requester's identity columns are left out and
every free text is scrubbed of phone numbers, e-mail addresses, NIKs and the requester's own
name and address: that is the register a public reader may see.

Exports neutralise spreadsheet formulas: a cell starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return gets a leading apostrophe, so a hostile "information asked" never
runs as a formula when an officer opens the file.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .._exceptions import InvalidInputError
from ..sla import WorkingCalendar
from ._deadlines import (
    _request_answer_due,
    default_calendar,
    objection_answer_deadline,
    objection_deadline,
)
from ._enums import DecisionKind
from ._models import InformationRequest
from ._privacy import scrub_public

__all__ = [
    "FORMULA_PREFIXES",
    "RegisterTable",
    "neutralize",
    "objection_register",
    "request_register",
    "write_csv",
    "write_xlsx",
]

#: Leading characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Longest text kept in one cell (Excel's limit is 32,767 characters).
_MAX_CELL = 32_000

Cell = str | int


@dataclass(frozen=True, slots=True)
class RegisterTable:
    """A register as a table: a title, column headers and rows of cells."""

    title: str
    """Indonesian title (also the sheet name, cut to 31 characters)."""
    columns: tuple[str, ...]
    """Column headers, Indonesian."""
    rows: tuple[tuple[Cell, ...], ...]
    """One row per request (or objection)."""
    with_identity: bool
    """Whether the requester's identity columns are included (internal use only)."""


def neutralize(value: Cell) -> Cell:
    """Return ``value`` safe for a spreadsheet cell: text that could start a formula is quoted.

    Example:
        >>> neutralize("=HYPERLINK(\\"http://x\\")")
        '\\'=HYPERLINK("http://x")'
        >>> neutralize(-3)
        -3
    """
    if isinstance(value, int):
        return value
    text = value[:_MAX_CELL]
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _date(moment: dt.datetime | None, calendar: WorkingCalendar) -> str:
    if moment is None:
        return ""
    return moment.astimezone(calendar.tz).strftime("%Y-%m-%d %H:%M")


def _working_days(start: dt.datetime, end: dt.datetime, calendar: WorkingCalendar) -> int:
    return max(0, calendar.working_days_between(start, end))


def _reasons(request: InformationRequest) -> str:
    decision = request.decision
    if decision is None:
        return ""
    if decision.grounds:
        return "; ".join(g.label for g in decision.grounds)
    if decision.kind is DecisionKind.NOT_HELD:
        holder = f": dikuasai {decision.holder}" if decision.holder else ""
        return f"Tidak dikuasai badan publik ini{holder}"
    if decision.kind is DecisionKind.NOT_DOCUMENTED:
        return "Belum didokumentasikan"
    return ""


def _on_time(request: InformationRequest, calendar: WorkingCalendar, now: dt.datetime) -> str:
    due = _request_answer_due(request, calendar)
    if request.decision is not None:
        return "ya" if request.decision.at <= due else "tidak"
    return "terlambat, belum dijawab" if now > due else "berjalan"


def _text(value: str | None, request: InformationRequest, with_identity: bool) -> str:
    if not value:
        return ""
    return value if with_identity else scrub_public(value, request.requester)


def request_register(
    requests: Sequence[InformationRequest],
    *,
    with_identity: bool = False,
    calendar: WorkingCalendar | None = None,
    now: dt.datetime | None = None,
) -> RegisterTable:
    """Build the request register (register permohonan informasi publik).

    Args:
        requests: The requests, in register order.
        with_identity: Include the requester's name, NIK, address, contact and occupation
            and leave free texts as written: for the PPID's own records only.
        calendar: The agency's calendar (dates and working-day counts; default national WIB).
        now: The instant "still running" is judged at (default: now).

    Returns:
        The table; its rows hold strings and whole numbers only.
    """
    cal = calendar or default_calendar()
    moment = now or dt.datetime.now(dt.UTC)
    identity = ("Nama pemohon", "NIK", "Alamat", "Nomor kontak", "Pekerjaan")
    columns = (
        "Nomor pendaftaran",
        "Tanggal diterima",
        *(identity if with_identity else ()),
        "Informasi yang diminta",
        "Tujuan penggunaan informasi",
        "Jenis permohonan",
        "Saluran",
        "Keputusan",
        "Alasan penolakan atau pengecualian",
        "Perpanjangan (hari kerja)",
        "Alasan perpanjangan",
        "Batas waktu jawaban",
        "Tanggal pemberitahuan tertulis",
        "Waktu penyelesaian (hari kerja)",
        "Tepat waktu",
        "Biaya (Rp)",
        "Status",
        "Nomor LAPOR!",
    )
    rows: list[tuple[Cell, ...]] = []
    for r in requests:
        who: tuple[Cell, ...] = ()
        if with_identity:
            p = r.requester
            contact = ", ".join(v for v in (p.phone, p.email) if v)
            who = (p.name or "", p.nik or "", p.address or "", contact, p.occupation or "")
        decision = r.decision
        rows.append(
            (
                r.number,
                _date(r.received_at, cal),
                *who,
                _text(r.information, r, with_identity),
                _text(r.purpose, r, with_identity),
                r.kind.label,
                r.channel.label,
                decision.kind.label if decision else "",
                _reasons(r),
                r.extension.days if r.extension else 0,
                _text(r.extension.reason, r, with_identity) if r.extension else "",
                _date(_request_answer_due(r, cal), cal),
                _date(decision.at if decision else None, cal),
                _working_days(r.received_at, decision.at, cal) if decision else "",
                _on_time(r, cal, moment),
                decision.cost if decision else "",
                r.status.label,
                r.source_ref or "",
            )
        )
    title = "Register permohonan informasi publik"
    return RegisterTable(title, columns, tuple(rows), with_identity)


def objection_register(
    requests: Sequence[InformationRequest],
    *,
    with_identity: bool = False,
    calendar: WorkingCalendar | None = None,
) -> RegisterTable:
    """Build the objection register (register keberatan), one row per objection.

    Args:
        requests: The requests; those without an objection are skipped.
        with_identity: Include the requester's identity (PPID's own records only).
        calendar: The agency's calendar (default national WIB).
    """
    cal = calendar or default_calendar()
    columns = (
        "Nomor registrasi keberatan",
        "Tanggal diterima",
        *(("Identitas pemohon",) if with_identity else ()),
        "Nomor pendaftaran permohonan",
        "Informasi yang diminta",
        "Tujuan penggunaan informasi",
        "Alasan keberatan (Pasal 35 ayat (1))",
        "Diajukan tepat waktu (≤ 30 hari kerja)",
        "Batas tanggapan atasan PPID",
        "Keputusan atasan PPID",
        "Tanggal tanggapan",
        "Tanggapan tepat waktu",
        "Nama dan jabatan atasan PPID",
        "Sengketa ke Komisi Informasi",
    )
    rows: list[tuple[Cell, ...]] = []
    for r in requests:
        o = r.objection
        if o is None:
            continue
        who: tuple[Cell, ...] = ()
        if with_identity:
            p = r.requester
            parts = (p.name, p.nik, p.address, p.phone, p.email)
            who = ("; ".join(v for v in parts if v),)
        filing_due = objection_deadline(o.reason_arose_at, calendar=cal)
        answer_due = objection_answer_deadline(o.received_at, calendar=cal)
        answer = o.answer
        dispute = r.dispute
        dispute_text = ""
        if dispute is not None:
            dispute_text = f"{dispute.commission}, {_date(dispute.filed_at, cal)}"
            if dispute.outcome is not None:
                dispute_text += f" — {dispute.outcome.label}"
        rows.append(
            (
                o.number,
                _date(o.received_at, cal),
                *who,
                r.number,
                _text(r.information, r, with_identity),
                _text(r.purpose, r, with_identity),
                "; ".join(x.label for x in o.reasons),
                "ya" if o.received_at <= filing_due else "tidak",
                _date(answer_due, cal),
                answer.outcome.label if answer else "",
                _date(answer.at if answer else None, cal),
                ("ya" if answer.at <= answer_due else "tidak") if answer else "",
                answer.superior or "" if answer else "",
                dispute_text,
            )
        )
    return RegisterTable("Register keberatan", columns, tuple(rows), with_identity)


def write_csv(table: RegisterTable, path: str | Path) -> Path:
    """Write ``table`` as UTF-8 CSV (with a BOM, so spreadsheet programs read the accents).

    Every text cell is neutralised against formula injection (:func:`neutralize`).
    """
    target = Path(path)
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([neutralize(c) for c in table.columns])
        for row in table.rows:
            writer.writerow([neutralize(c) for c in row])
    return target


def write_xlsx(tables: Sequence[RegisterTable], path: str | Path) -> Path:
    """Write the tables as sheets of one XLSX workbook (needs ``openpyxl``).

    Text cells are neutralised (:func:`neutralize`) and stored as text, never as formulas.
    Install the extra with ``pip install "lapor-sdk[spreadsheet]"``.

    Raises:
        InvalidInputError: ``openpyxl`` is not installed, or no table is given.
    """
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
    except ImportError:
        raise InvalidInputError(
            "XLSX export needs openpyxl: pip install 'lapor-sdk[spreadsheet]' (or export CSV)"
        ) from None
    if not tables:
        raise InvalidInputError("give at least one register table to write")
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    used: set[str] = set()
    for table in tables:
        name = table.title[:31]
        while name in used:
            name = name[:28] + f"({len(used)})"
        used.add(name)
        sheet = book.create_sheet(title=name)
        sheet.append([neutralize(c) for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([neutralize(c) for c in row])
        for line in sheet.iter_rows(min_row=1):
            for cell in line:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula
        sheet.freeze_panes = "B2"
    target = Path(path)
    book.save(target)
    return target
