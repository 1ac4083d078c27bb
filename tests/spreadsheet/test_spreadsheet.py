"""Spreadsheet import/export: LAPOR!/LaporGub headers, Indonesian dates, hostile sheets."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from lapor_sdk import InvalidInputError
from lapor_sdk.models import Privacy, Status
from lapor_sdk.privacy import Audience
from lapor_sdk.spreadsheet import (
    ColumnMapping,
    parse_date,
    read_complaints,
    write_complaints,
)

WIB = ZoneInfo("Asia/Jakarta")
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]  # fmt: skip
HEADER = ["No", "Nomor Tracking", "Judul", "Isi Laporan", "Kategori", "Status", "Instansi",
          "Tanggal Laporan", "Tanggal Disposisi", "Tanggal Tindak Lanjut", "Tindak Lanjut",
          "Anonim", "Rahasia"]  # fmt: skip
ROWS = [
    ["1", "LPR-001", "Jalan berlubang", "Jl. Ahmad Yani Surabaya berlubang", "Infrastruktur",
     "Belum Terverifikasi", "", "3 Maret 2025 09.15", "", "", "", "Tidak", "Tidak"],
    ["2", "LPR-002", "Lampu mati", "Lampu jalan mati", "Infrastruktur",
     "Terdisposisi Belum Ditindaklanjuti", "Dinas PU", "Senin, 3 Mar 2025 10:00 WIB",
     "04/03/2025 08:00", "", "", "Ya", "Tidak"],
    ["3", "LPR-003", "KTP belum jadi", "KTP belum jadi 3 bulan", "Kependudukan",
     "Terdisposisi Selesai", "Dispendukcapil", "2025-03-03T11:00+07:00", "3 Maret 2025 13.00",
     "5 Maret 2025 14.00", "KTP sudah dicetak, silakan ambil.", "tidak", "ya"],
    ["4", "LPR-004", "Tanggal salah", "x", "Lainnya", "Belum Terverifikasi", "",
     "31 Februari 2025", "", "", "", "", ""],
    ["5", "LPR-005", "Status aneh", "x", "Lainnya", "Menggantung", "", "3 Maret 2025", "",
     "", "", "", ""],
    ["", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["7", "LPR-007", "Tanpa tanggal TL", "x", "Lainnya", "Sedang Diproses", "Dinas PU",
     "3 Maret 2025", "4 Maret 2025", "", "", "", ""],
    ["8", "LPR-008", "Disposisi sebelum lapor", "x", "Lainnya", "Terdisposisi", "Dinas PU",
     "5 Maret 2025", "4 Maret 2025", "", "", "", ""],
]  # fmt: skip


def _csv(path: Path, rows: list[list[str]], *, title: bool = True) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        if title:
            writer.writerow(["Rekap Pengaduan LAPOR! Maret 2025"])
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def test_every_row_is_imported_or_reported_with_its_number(tmp_path: Path) -> None:
    report = read_complaints(_csv(tmp_path / "ekspor.csv", ROWS))
    assert report.header_row == 2
    assert [c.tracking_id for c in report.complaints] == ["LPR-001", "LPR-002", "LPR-003"]
    assert [(e.row, e.reason.split(";")[0][:50]) for e in report.errors] == [
        (6, "Tanggal Laporan: not a date"),
        (7, "Status: unknown status"),
        (9, "status Sedang Diproses needs Tanggal Tindak Lanjut"),
        (10, "the dates do not fit the status: cannot verify com"),
    ]
    assert report.blank_rows == 1
    assert report.summary() == "3 of 7 row(s) imported, 4 skipped, 1 blank"
    first, second, third = report.complaints
    assert first.created_at == dt.datetime(2025, 3, 3, 9, 15, tzinfo=WIB)
    assert first.location is None  # no Lokasi column: nothing is guessed from the text
    assert second.status is Status.DISPOSED and second.privacy is Privacy.ANONYMOUS
    assert second.agency == "Dinas PU"
    assert third.status is Status.COMPLETED and third.privacy is Privacy.CONFIDENTIAL
    assert third.follow_ups[0].text == "KTP sudah dicetak, silakan ambil."
    assert [e.kind.value for e in third.events] == ["created", "verified", "completed"]


def test_no_value_of_a_bad_row_is_echoed(tmp_path: Path) -> None:
    rows = [[*ROWS[3][:7], "0812-3456-7890", *ROWS[3][8:]]]
    report = read_complaints(_csv(tmp_path / "x.csv", rows))
    assert "3456" not in str(report.errors[0])


def test_xlsx_with_date_cells_serial_numbers_and_wrong_types(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nomor Tracking", "Judul", "Tanggal Laporan", "Status", "Lokasi"])
    sheet.append(["A-1", "Jalan rusak", dt.datetime(2025, 3, 3, 9, 0), "Baru", "Kota Malang"])
    sheet.append(["A-2", "Sampah", 45719.5, "Belum Terverifikasi"])  # 2025-03-03 12:00
    sheet.append(["A-3", "Banjir", True, "Belum Terverifikasi"])
    sheet.append([4, "Pohon tumbang", dt.date(2025, 3, 4), None])
    path = tmp_path / "laporgub.xlsx"
    book.save(path)
    report = read_complaints(path)
    assert [c.tracking_id for c in report.complaints] == ["A-1", "A-2", "4"]
    assert report.complaints[1].created_at == dt.datetime(2025, 3, 3, 12, 0, tzinfo=WIB)
    location = report.complaints[0].location
    assert location is not None and location.region_code == "35.73"
    assert [(e.row, e.reason[:27]) for e in report.errors] == [(4, "Tanggal Laporan: not a date")]


def test_a_mapping_for_other_headers(tmp_path: Path) -> None:
    path = tmp_path / "lain.csv"
    path.write_text("Tgl Aduan,Isi Aduan\n12 Agustus 2025,Jembatan putus\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="no header row found"):
        read_complaints(path)
    mapping_file = tmp_path / "kolom.yaml"
    mapping_file.write_text("created_at: Tgl Aduan\ndescription: [Isi Aduan]\n", "utf-8")
    report = read_complaints(path, mapping=ColumnMapping.from_file(mapping_file))
    assert report.complaints[0].title == "Jembatan putus"
    with pytest.raises(InvalidInputError, match="unknown field 'tanggal'"):
        ColumnMapping.default().with_columns(tanggal="Tgl")


def test_huge_sheets_are_capped_and_the_cut_is_reported(tmp_path: Path) -> None:
    rows = [["", "", f"Laporan {i}", "x", "", "", "", "3 Maret 2025", "", "", "", "", ""]
            for i in range(10)]  # fmt: skip
    report = read_complaints(_csv(tmp_path / "big.csv", rows, title=False), max_rows=4)
    assert len(report.complaints) == 4
    assert [(e.row, e.reason[:30]) for e in report.errors] == [
        (6, "the sheet has more than 4 rows")
    ]


def test_a_file_over_the_size_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lapor_sdk.spreadsheet._read as reader

    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 10)
    with pytest.raises(InvalidInputError, match="more than 10"):
        read_complaints(_csv(tmp_path / "a.csv", ROWS))
    bad = tmp_path / "not.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really")
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 10_000)
    with pytest.raises(InvalidInputError, match="not an XLSX workbook"):
        read_complaints(bad)


HOSTILE = ["=1+1", "+62812", "-2", "@SUM(A1)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://x")']


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_neutralises_formulas_and_imports_back(tmp_path: Path, suffix: str) -> None:
    report = read_complaints(_csv(tmp_path / "ekspor.csv", ROWS))
    evil = report.complaints[0].model_copy(
        update={
            "title": HOSTILE[0],
            "category": HOSTILE[3],
            "description": " ".join(HOSTILE),
            "tracking_id": "EVIL",
        }
    )
    hostile = [
        evil.model_copy(update={"description": t, "tracking_id": f"H-{i}"})
        for i, t in enumerate(HOSTILE)
    ]
    out = tmp_path / f"keluar{suffix}"
    written = write_complaints([evil, *hostile, *report.complaints], out, audience=Audience.ADMIN)
    assert written == 3 + 1 + len(HOSTILE)
    if suffix == ".csv":
        with out.open(encoding="utf-8-sig", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
    else:
        sheet = load_workbook(out).active
        assert sheet is not None
        cells = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
        assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row if c.value)
    assert not [
        c for c in cells if isinstance(c, str) and c[:1] in ("=", "+", "-", "@", "\t", "\r")
    ]
    assert "'=1+1" in cells and "'@SUM(A1)" in cells
    back = read_complaints(out)
    assert back.errors == []
    by_id = {c.tracking_id: c for c in back.complaints}
    for original in report.complaints:
        again = by_id[original.tracking_id]
        assert (again.title, again.status, again.category) == (
            original.title, original.status, original.category
        )  # fmt: skip
        assert again.created_at == original.created_at.replace(second=0)


def test_the_public_export_leaves_rahasia_out(tmp_path: Path) -> None:
    report = read_complaints(_csv(tmp_path / "ekspor.csv", ROWS))
    assert write_complaints(report.complaints, tmp_path / "publik.csv") == 2


@given(
    moment=st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2090, 1, 1)).map(
        lambda d: d.replace(second=0, microsecond=0)
    ),
    style=st.sampled_from(["long", "short", "numeric", "day"]),
)
def test_indonesian_dates_parse_back(moment: dt.datetime, style: str) -> None:
    month = MONTHS[moment.month - 1]
    text = {
        "long": f"{moment.day} {month} {moment.year} {moment:%H.%M}",
        "short": f"{moment.day:02d}-{month[:3]}-{moment.year} {moment:%H:%M} WIB",
        "numeric": f"{moment:%d/%m/%Y %H:%M}",
        "day": f"Kamis, {moment.day} {month.upper()} {moment.year} pukul {moment:%H.%M}",
    }[style]
    assert parse_date(text, tz=WIB) == moment.replace(tzinfo=WIB)
