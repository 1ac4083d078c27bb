"""``lapor report monev`` and ``lapor sla check`` read LAPOR!/LaporGub exports directly."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook
from typer.testing import CliRunner

from lapor_sdk.cli import app

NOW = "2025-03-31T17:00:00+07:00"


def _xlsx(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Rekap LaporGub"])
    sheet.append(["Nomor Tracking", "Judul", "Isi Laporan", "Status", "Instansi",
                  "Tanggal Laporan", "Tanggal Disposisi", "Tanggal Tindak Lanjut"])  # fmt: skip
    sheet.append(["G-1", "Jalan rusak", "Jalan rusak di Semarang", "Selesai", "DPU",
                  "3 Maret 2025 08.00", "3 Maret 2025 10.00", "4 Maret 2025 09.00"])  # fmt: skip
    sheet.append(["G-2", "Banjir", "Banjir", "Baru", "", "10 Maret 2025 08.00", "", ""])
    sheet.append(["G-3", "Aneh", "x", "Belum Terverifikasi", "", "kemarin", "", ""])
    sheet.append(["G-4", "Sampah", "Sampah", "Proses", "DLH", "3 Mar 2025", "", ""])
    book.save(path)
    return path


def test_sla_check_reads_an_xlsx_and_lists_the_rows_it_skipped(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["sla", "check", str(_xlsx(tmp_path / "rekap.xlsx")), "--now", NOW, "--json"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("skipped row 5: Tanggal Laporan: not a date") for line in lines)
    assert any("skipped row 6: status Sedang Diproses needs" in line for line in lines)
    assert any(line.endswith("2 of 4 row(s) imported, 2 skipped, 0 blank") for line in lines)
    payload = json.loads(result.stdout[result.stdout.index("[") :])
    assert [p["reference"] for p in payload] == ["G-1", "G-2"]


def test_monev_reads_a_csv_with_a_column_mapping(tmp_path: Path) -> None:
    data = tmp_path / "aduan.csv"
    data.write_text(
        "Tgl Aduan;Isi Aduan;Status\n3 Maret 2025;Lampu mati;Baru\n4 Maret 2025;Got;Baru\n",
        encoding="utf-8",
    )
    columns = tmp_path / "kolom.json"
    columns.write_text('{"created_at": "Tgl Aduan", "description": "Isi Aduan"}', "utf-8")
    html = tmp_path / "r.html"
    args = ["report", "monev", str(data), "--now", NOW, "-o", str(html)]
    result = CliRunner().invoke(app, [*args, "--columns", str(columns)])
    assert result.exit_code == 0, result.output
    assert "(2 complaints)" in result.output and html.exists()
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code == 1 and "no header row found" in refused.output


def test_columns_is_refused_for_json(tmp_path: Path) -> None:
    data = tmp_path / "c.json"
    data.write_text("[]", "utf-8")
    columns = tmp_path / "kolom.json"
    columns.write_text("{}", "utf-8")
    result = CliRunner().invoke(app, ["sla", "check", str(data), "--columns", str(columns)])
    assert result.exit_code == 1 and "--columns applies to .xlsx and .csv" in result.output
