"""WhatsApp exports: the agency's own replies are not complaints; empty input is an error."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from lapor_sdk.cli import app
from lapor_sdk.intake import export_owner, from_whatsapp_export

runner = CliRunner()
EXPORT = """\
23/11/2026, 09:15 - +62 812-3456-7890: Jalan di Kec. Bobotsari Purbalingga berlubang besar
23/11/2026, 09:30 - Diskominfo Purbalingga: Baik, laporan kami teruskan ke DPUPR
23/11/2026, 09:31 - Diskominfo Purbalingga: You deleted this message
24/11/2026, 08:00 - Pak Darto RT 3: Lampu jalan di Kota Tegal mati semua
"""


def test_owner_is_read_from_its_own_deleted_message() -> None:
    assert export_owner(EXPORT) == "Diskominfo Purbalingga"
    assert export_owner(EXPORT.replace("You deleted this message", "Ok")) is None
    indonesian = "23/11/2026, 09:31 - Admin: Anda menghapus pesan ini\n"
    assert export_owner(indonesian) == "Admin"
    # Someone else's deleted message says nothing about the owner.
    assert export_owner("23/11/2026, 09:31 - Budi: Pesan ini telah dihapus\n") is None


def test_owner_replies_are_not_filed() -> None:
    drafts = from_whatsapp_export(EXPORT)
    texts = [d.complaint.description for d in drafts]
    assert len(drafts) == 2
    assert not any("teruskan ke DPUPR" in t for t in texts)
    kept = from_whatsapp_export(EXPORT, exclude_owner=False)
    assert any("teruskan ke DPUPR" in d.complaint.description for d in kept)


def test_cli_exclude_author_and_owner_note(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(EXPORT.replace("You deleted this message", "Sudah kami catat"), "utf-8")
    plain = runner.invoke(app, ["intake", str(path)])
    assert plain.exit_code == 0, plain.output
    assert "Draft 3" in plain.stdout  # without a way to know, the reply is a draft too
    excluded = runner.invoke(
        app, ["intake", str(path), "--exclude-author", "Diskominfo Purbalingga"]
    )
    assert excluded.exit_code == 0, excluded.output
    assert "Draft 2" in excluded.stdout and "Draft 3" not in excluded.stdout
    path.write_text(EXPORT, "utf-8")
    detected = runner.invoke(app, ["intake", str(path)])
    assert detected.exit_code == 0, detected.output
    assert "Draft 3" not in detected.stdout
    assert "the export shows which account exported it" in detected.stderr


def test_cli_only_excluded_authors_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text("23/11/2026, 09:30 - Admin Dinas: Selamat pagi\n", "utf-8")
    result = runner.invoke(app, ["intake", str(path), "-x", "Admin Dinas"])
    assert result.exit_code == 1
    assert "holds no complaint" in result.stderr


def test_cli_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("", "utf-8")
    result = runner.invoke(app, ["intake", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "is empty" in result.stderr
