"""E-mails (.eml) into complaint drafts."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_sdk.intake import MAX_EMAIL_BYTES, IntakeError, from_email, html_to_text
from lapor_sdk.models import Channel, MissingKind, Status

FIXTURES = Path(__file__).parent / "fixtures"
WIB = dt.timezone(dt.timedelta(hours=7))
RECEIVED = dt.datetime(2025, 3, 6, 8, 0, tzinfo=WIB)


def load(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_multipart_with_attachments() -> None:
    draft = from_email(load("multipart_attachment.eml"))
    c = draft.complaint
    assert c.channel is Channel.EMAIL
    assert c.status is Status.UNVERIFIED
    assert c.title == "Jembatan retak di Jl. Soekarno Hatta"
    assert c.created_at == dt.datetime(2025, 3, 3, 8, 15, tzinfo=WIB)
    assert c.external_ref == "email:20250303081500.1234@example.org"
    # quoted-printable decoded (soft line breaks joined), plain part preferred over HTML
    assert "retak dan lantainya berlubang" in c.description
    assert "HTML copy" not in c.description
    # signature cut
    assert "Ketua RT" not in c.description
    assert c.reporter is not None and c.reporter.email is not None
    assert c.reporter.email.lower() == "rina.wulandari@example.org"
    assert c.reporter.name == "Rina Wulandari"
    # location detected and set
    assert c.location is not None and c.location.region_code == "35.73"
    assert c.location.district == "Lowokwaru"
    assert c.location.street == "Jl. Soekarno Hatta"
    assert draft.location_match is not None and draft.location_match.region is not None
    assert draft.missing == []
    jpeg = b"\xff\xd8\xff\xe0fake-jpeg-bytes-for-lapor-sdk-tests\xff\xd9"
    pdf = b"%PDF-1.4\n% surat pengantar RT\n%%EOF\n"
    first, second = c.attachments
    assert (first.filename, first.content_type, first.size) == (
        "jembatan.jpg",
        "image/jpeg",
        len(jpeg),
    )
    assert first.sha256 == hashlib.sha256(jpeg).hexdigest()
    assert second.filename == "surat pengantar.pdf"  # directory parts dropped
    assert second.content_type == "application/pdf"
    assert second.sha256 == hashlib.sha256(pdf).hexdigest()


def test_html_only_body_is_stripped_safely() -> None:
    draft = from_email(load("html_only.eml"))
    text = draft.complaint.description
    assert "alert" not in text and "<" not in text and "color" not in text
    assert "hidden comment" not in text and "ignored title" not in text
    assert "Kelurahan Tembalang" in text and "& jalan" in text
    assert draft.complaint.title == "Saluran mampet di Tembalang"  # base64 encoded-word subject
    assert draft.complaint.location is not None
    assert draft.complaint.location.region_code == "33.74"
    assert draft.complaint.location.village == "Tembalang"


def test_latin1_body_and_headers() -> None:
    draft = from_email(load("latin1.eml"))
    c = draft.complaint
    assert "Saya José dari Desa Sidomulyo" in c.description
    assert "kebanjiran · mohon" in c.description
    assert c.title == "Irigasi jebol · Godean"
    assert c.reporter is not None and c.reporter.name == "José Santoso"
    assert c.location is not None and c.location.region_code == "34.04"


def test_quoted_reply_signature_and_naive_date() -> None:
    raw = load("reply_naive_date.eml")
    with pytest.raises(IntakeError, match="no usable Date header"):
        from_email(raw)
    draft = from_email(raw, received_at=RECEIVED)
    c = draft.complaint
    assert c.created_at == RECEIVED
    assert c.title == "Lampu jalan mati"  # "Re: Re:" removed
    assert "teruskan ke Dinas" not in c.description
    assert "iPhone" not in c.description
    assert "Kota Batu masih mati" in c.description
    assert any("Date header has no timezone" in w for w in draft.warnings)
    assert any("quoted reply" in w for w in draft.warnings)


def test_unknown_charset_is_read_with_a_warning() -> None:
    draft = from_email(load("unknown_charset.eml"))
    assert "Sampah menumpuk di pasar Kota Tegal" in draft.complaint.description
    assert any("charset" in w for w in draft.warnings)
    assert draft.complaint.location is not None
    assert draft.complaint.location.region_code == "33.76"


def test_naive_received_at_is_refused() -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        from_email(load("html_only.eml"), received_at=dt.datetime(2025, 3, 6, 8, 0))


def test_received_at_wins_over_the_date_header() -> None:
    assert from_email(load("html_only.eml"), received_at=RECEIVED).complaint.created_at == RECEIVED


def test_oversized_email_is_refused_before_parsing() -> None:
    raw = b"Subject: x\r\n\r\n" + b"a" * MAX_EMAIL_BYTES
    with pytest.raises(IntakeError, match="larger than the 25 MiB limit"):
        from_email(raw, received_at=RECEIVED)


def test_invalid_sender_is_a_warning_not_a_crash() -> None:
    raw = (
        b"From: not an address\r\nSubject: Jalan rusak\r\n\r\n"
        b"Jalan di Jl. Ijen Kota Malang berlubang besar sekali sejak bulan lalu.\r\n"
    )
    draft = from_email(raw, received_at=RECEIVED)
    assert draft.complaint.reporter is None
    assert [m.kind for m in draft.missing] == [MissingKind.CONTACT]
    assert any("no sender" in w or "not valid" in w for w in draft.warnings)


def test_missing_information_asks_for_location() -> None:
    raw = (
        b"From: a@example.com\r\nSubject: Jalan rusak\r\n\r\n"
        b"Jalan di depan rumah saya rusak parah.\r\n"
    )
    draft = from_email(raw, received_at=RECEIVED)
    assert [m.kind for m in draft.missing] == [MissingKind.LOCATION]
    assert draft.complaint.location is None


def test_ambiguous_location_is_not_set_but_asked() -> None:
    raw = (
        b"From: a@example.com\r\nSubject: Jalan rusak di Malang\r\n\r\n"
        b"Jalan rusak parah sekali.\r\n"
    )
    draft = from_email(raw, received_at=RECEIVED)
    assert draft.complaint.location is None
    assert draft.location_match is not None and draft.location_match.is_ambiguous
    assert draft.missing[0].candidates == ("Kabupaten Malang", "Kota Malang")


def test_draft_repr_and_dict_never_show_the_reporter() -> None:
    draft = from_email(load("multipart_attachment.eml"))
    assert "Rina" not in repr(draft)
    data = draft.to_dict()
    assert data["complaint"]["reporter"]["email"] == "<redacted>"
    assert "Rina" not in str(data)
    assert data["location"]["region"]["code"] == "35.73"


def test_html_to_text() -> None:
    assert html_to_text("<p>a<br>b</p><script>x()</script>") == "a\nb"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        pytest.param(
            "https://maps.google.com/?q=-7.25,112.75",
            "https://maps.google.com/?q=-7.25,112.75",
            id="url-only",
        ),
        pytest.param("laporan.html", "laporan.html", id="filename-like"),
        pytest.param('<?xml version="1.0"?><p>Jalan rusak</p>', "Jalan rusak", id="xhtml"),
    ],
)
def test_html_that_bs4_would_warn_about(html: str, text: str) -> None:
    # warnings are errors in this suite: none may escape
    assert html_to_text(html).endswith(text)


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(raw: bytes) -> None:
    try:
        draft = from_email(raw, received_at=RECEIVED)
    except IntakeError:
        return
    assert draft.complaint.channel is Channel.EMAIL


_HEADERS = st.sampled_from(
    [
        "From: x@example.com", "From: =?utf-8?B?////?= <a@b>", "Subject: =?bad?Q?x?=",
        "Content-Type: multipart/mixed; boundary=b", "Content-Type: text/html; charset=foo",
        "Content-Transfer-Encoding: base64", "Content-Transfer-Encoding: quoted-printable",
        "Content-Disposition: attachment; filename*=utf-8''%ff%fe", "Date: not a date",
        "--b", "--b--", "=E9=", "<p>di Kota Malang</p>", "Jl. Ijen KM 3",
    ]
)  # fmt: skip


@given(st.lists(_HEADERS, max_size=20).map("\r\n".join))
def test_email_shaped_noise_never_crashes(raw: str) -> None:
    try:
        from_email(raw, received_at=RECEIVED)
    except IntakeError:
        pass


def test_labelled_phone_in_the_signature_becomes_the_contact() -> None:
    raw = (
        b"From: budi@example.com\r\nSubject: Jalan rusak\r\n"
        b"Date: Mon, 03 Mar 2025 08:15:00 +0700\r\n\r\n"
        b"Jalan di Jl. Ijen Kota Malang berlubang besar.\r\n\r\n-- \r\nBudi\r\n"
        b"HP/WA: 0812-3456-7890\r\n\r\n"
        b"On Sun, 2 Mar 2025, Dinas <dinas@example.go.id> wrote:\r\n> Telp: 0341-555-123\r\n"
    )
    draft = from_email(raw)
    assert draft.complaint.reporter is not None
    assert draft.complaint.reporter.phone == "+6281234567890"
    assert "HP/WA" not in draft.complaint.description
    assert any("labelled number" in w for w in draft.warnings)
    assert all("0812" not in w for w in draft.warnings)


def test_quoted_numbers_are_not_the_reporters() -> None:
    raw = (
        b"From: budi@example.com\r\nSubject: Jalan rusak\r\n"
        b"Date: Mon, 03 Mar 2025 08:15:00 +0700\r\n\r\n"
        b"Masih rusak di Jl. Ijen Kota Malang.\r\n\r\n"
        b"On Sun, 2 Mar 2025, Dinas <dinas@example.go.id> wrote:\r\n> Telp: 0341-555-123\r\n"
    )
    draft = from_email(raw)
    assert draft.complaint.reporter is not None and draft.complaint.reporter.phone is None
