"""Regressions found in review: odd MIME parameters and personal data in `lapor intake`."""

from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lapor_sdk.cli import app
from lapor_sdk.intake import from_email
from lapor_sdk.models import MAX_ATTACHMENTS

runner = CliRunner()

_NIK = "3578015708900003"
_TEXT = (
    f"NIK saya {_NIK} hp 0812-3456-7890 siti@contoh.id. "
    "Jalan rusak di Jl. Ijen Kota Malang sudah sebulan."
)


def test_charset_parameter_with_a_nul_byte_is_read_with_a_warning() -> None:
    raw = (
        b"From: warga@example.org\r\nDate: Mon, 03 Mar 2025 09:00:00 +0700\r\n"
        b'Content-Type: text/plain; charset="utf-8\\"\x00"\r\n\r\n'
        b"Jalan rusak di Kota Malang\r\n"
    )
    draft = from_email(raw)
    assert "Jalan rusak di Kota Malang" in draft.complaint.description
    assert any("charset" in w for w in draft.warnings)


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_intake_never_prints_contact_data_written_into_the_message(
    tmp_path: Path, as_json: bool
) -> None:
    path = tmp_path / "wa.txt"
    path.write_text(_TEXT, "utf-8")
    args = ["intake", str(path), "--received-at", "2025-03-03T09:00+07:00"]
    result = runner.invoke(app, [*args, "--json"] if as_json else args)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert _NIK not in out
    assert "3456-7890" not in out
    assert "siti@contoh.id" not in out
    assert "Kota Malang" in out
    if as_json:
        data = json.loads(out)
        assert data["location"]["region"]["code"] == "35.73"


def test_intake_never_prints_contact_data_in_attachment_names(tmp_path: Path) -> None:
    raw = (
        b"From: warga@example.org\r\nSubject: Jalan rusak di Kota Malang\r\n"
        b"Date: Mon, 03 Mar 2025 09:00:00 +0700\r\n"
        b"Content-Type: multipart/mixed; boundary=XX\r\n\r\n"
        b"--XX\r\nContent-Type: text/plain\r\n\r\nJalan rusak di Jl. Ijen Kota Malang\r\n"
        b"--XX\r\nContent-Type: image/jpeg\r\n"
        b'Content-Disposition: attachment; filename="KTP_' + _NIK.encode() + b'.jpg"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n/9j/\r\n--XX--\r\n"
    )
    path = tmp_path / "mail.eml"
    path.write_bytes(raw)
    for extra in ([], ["--json"]):
        result = runner.invoke(app, ["intake", str(path), *extra])
        assert result.exit_code == 0, result.output
        assert _NIK not in result.stdout
        assert ".jpg" in result.stdout


@pytest.mark.parametrize(
    "placeholder",
    [
        "<attached: 00000012-PHOTO-2026-11-23-09-16-01.jpg>",
        "<lampiran: 00000012-PHOTO-2026-11-23-09-16-01.jpg>",
        "IMG-20261123-WA0001.jpg (file attached)",
        "IMG-20261123-WA0001.jpg (file terlampir)",
        "This message was deleted",
        "Pesan ini telah dihapus",
    ],
)
def test_attachment_and_deleted_placeholders_of_exports_are_not_report_text(
    placeholder: str,
) -> None:
    from lapor_sdk.intake import parse_whatsapp_export

    export = (
        f"23/11/2026, 09:15 - +62 812-3456-7890: {placeholder}\n"
        "23/11/2026, 09:16 - +62 812-3456-7890: Jalan rusak di Kota Malang\n"
    )
    texts = [m.text for m in parse_whatsapp_export(export)]
    assert texts == ["Jalan rusak di Kota Malang"]


def test_chat_message_repr_hides_the_author_and_scrubs_the_text() -> None:
    from lapor_sdk.intake import parse_whatsapp_export

    export = f"23/11/2026, 09:15 - +62 812-3456-7890: NIK {_NIK} Jalan rusak di Kota Malang\n"
    (message,) = parse_whatsapp_export(export)
    assert message.author == "+62 812-3456-7890"  # the data itself stays available
    shown = repr(message) + str(message)
    assert "3456" not in shown
    assert _NIK not in shown
    assert "Jalan rusak di Kota Malang" in shown


def test_email_with_thousands_of_mime_parts_is_refused_before_parsing() -> None:
    # Within the byte limit, tens of thousands of tiny parts would cost minutes of CPU.
    from lapor_sdk.intake import IntakeError

    parts = b"".join(
        b"--XX\r\nContent-Type: text/plain\r\n\r\nJalan rusak " + str(i).encode() + b"\r\n"
        for i in range(5000)
    )
    raw = (
        b"From: warga@example.org\r\nDate: Mon, 03 Mar 2025 09:00:00 +0700\r\n"
        b"Content-Type: multipart/mixed; boundary=XX\r\n\r\n" + parts + b"--XX--\r\n"
    )
    with pytest.raises(IntakeError, match="MIME parts"):
        from_email(raw)


def test_email_with_a_few_hundred_parts_is_still_read() -> None:
    parts = b"".join(
        b"--XX\r\nContent-Type: text/plain\r\n\r\nbaris " + str(i).encode() + b"\r\n"
        for i in range(300)
    )
    raw = (
        b"From: warga@example.org\r\nDate: Mon, 03 Mar 2025 09:00:00 +0700\r\n"
        b"Subject: Jalan rusak di Kota Malang\r\n"
        b"Content-Type: multipart/mixed; boundary=XX\r\n\r\n" + parts + b"--XX--\r\n"
    )
    draft = from_email(raw)
    assert "baris 299" in draft.complaint.description


@pytest.mark.parametrize("count", [MAX_ATTACHMENTS, MAX_ATTACHMENTS + 1, 60])
def test_an_email_with_more_attachments_than_a_complaint_holds_keeps_the_first(
    count: int,
) -> None:
    """It used to raise pydantic's ValidationError from inside the parser (limit 50 vs 20)."""
    mail = EmailMessage()
    mail["From"] = "warga@example.id"
    mail["Subject"] = "Jalan rusak"
    mail["Date"] = "Mon, 05 Jan 2026 08:40:00 +0700"
    mail.set_content("Jalan rusak di Jl. Darmo, Kota Surabaya.")
    for i in range(count):
        mail.add_attachment(bytes([i]) * 8, maintype="image", subtype="jpeg", filename=f"f{i}.jpg")
    draft = from_email(mail.as_bytes())
    assert [a.filename for a in draft.complaint.attachments] == [
        f"f{i}.jpg" for i in range(min(count, MAX_ATTACHMENTS))
    ]
    dropped = [w for w in draft.warnings if "attachment(s) beyond" in w]
    assert len(dropped) == (count > MAX_ATTACHMENTS)
