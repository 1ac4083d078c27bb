"""redact_text and RedactingFilter: phone numbers, e-mails, NIKs and tokens leave texts and logs."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_sdk.privacy import PLACEHOLDER, RedactingFilter, redact_text

MOBILE_PREFIXES = ("811", "812", "813", "821", "852", "856", "857", "878", "881", "895", "899")


@st.composite
def written_phones(draw: st.DrawFn) -> tuple[str, str]:
    """A mobile number in one of the ways Indonesians write it, and its bare digits."""
    national = draw(st.sampled_from(MOBILE_PREFIXES)) + draw(
        st.text("0123456789", min_size=6, max_size=8)
    )
    written = draw(
        st.sampled_from(
            [
                f"0{national}",
                f"0{national[:3]}-{national[3:7]}-{national[7:]}",
                f"0{national[:3]} {national[3:7]} {national[7:]}",
                f"0{national[:3]}.{national[3:7]}.{national[7:]}",
                f"+62{national}",
                f"+62 {national[:3]} {national[3:7]} {national[7:]}",
                f"+62-{national[:3]}-{national[3:]}",
                f"62{national}",
                f"(+62) {national}",
            ]
        )
    )
    return written, national


@st.composite
def written_niks(draw: st.DrawFn) -> str:
    """A NIK-like 16-digit number, bare or in groups."""
    digits = draw(st.text("0123456789", min_size=16, max_size=16).filter(lambda d: d[0] != "0"))
    return draw(
        st.sampled_from(
            [
                digits,
                f"{digits[:6]} {digits[6:12]} {digits[12:]}",
                ".".join(re.findall("....", digits)),
            ]
        )
    )


# Words around the number, never digits or characters that join onto it.
around = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz ,:;/"), max_size=20)


@given(phone=written_phones(), before=around, after=around)
def test_every_written_phone_is_scrubbed(phone: tuple[str, str], before: str, after: str) -> None:
    written, national = phone
    text = f"{before} {written} {after}"
    out = redact_text(text)
    assert national not in re.sub(r"\D", "", out)
    assert PLACEHOLDER in out
    assert out.startswith(before) and out.endswith(after)


@given(phone=written_phones(), number=st.integers(0, 99_999), year=st.integers(1990, 2030))
def test_phone_next_to_other_numbers_is_scrubbed(
    phone: tuple[str, str], number: int, year: int
) -> None:
    written, national = phone
    out = redact_text(f"rumah no {number} {written} sejak {year}")
    assert national not in re.sub(r"\D", "", out)
    # The number before may go too when both add up to 16 digits (NIK-like); the words stay.
    assert out.startswith("rumah no ") and out.endswith(f" sejak {year}")


@given(nik=written_niks(), before=around, after=around)
def test_every_nik_like_number_is_scrubbed(nik: str, before: str, after: str) -> None:
    out = redact_text(f"{before} NIK {nik}{after}")
    assert re.sub(r"\D", "", nik) not in re.sub(r"\D", "", out)


@given(text=st.text(max_size=200))
def test_redaction_is_idempotent_and_leaves_no_long_digit_runs(text: str) -> None:
    once = redact_text(text)
    assert redact_text(once) == once
    assert not re.search(r"(?<!\d)\d{16}(?!\d)", once)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WA saya 0812-3456-7890 ya", f"WA saya {PLACEHOLDER} ya"),
        ("telp (031) 5678 901", f"telp {PLACEHOLDER}"),
        ("hp:+6281234567890.", f"hp:{PLACEHOLDER}."),
        ("email siti.rahayu@contoh.co.id!", f"email {PLACEHOLDER}!"),
        ("NIK 3578 0157 0890 0003", f"NIK {PLACEHOLDER}"),
        ("KTP: 35.78.01.570890.0003", f"KTP: {PLACEHOLDER}"),
        ("foto_ktp_3578015708900003.jpg", f"foto_ktp_{PLACEHOLDER}.jpg"),
        ("rumah no 17 08123456789 ya", f"rumah no 17 {PLACEHOLDER} ya"),
        ("RT 003 0812 3456 7890 2024", f"RT 003 {PLACEHOLDER} 2024"),
        ("NIK: 12 3578015708900003", f"NIK: 12 {PLACEHOLDER}"),
    ],
)
def test_personal_data_is_scrubbed(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Biaya Rp 1.500.000 dan Rp 250.000",
        "Kejadian tanggal 03-03-2025 pukul 08.00",
        "RT 03/RW 05, kode wilayah 35.78, KM 12+300",
        "NIP pejabat 198705122010011003",  # 18-digit civil-servant id, public in decrees
        "Tahun 2024 ada 366 laporan",
        "Nomor surat 800/1234/101.6/2025",
    ],
)
def test_ordinary_numbers_are_kept(text: str) -> None:
    assert redact_text(text) == text


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Authorization: Bearer sk-test-4f9a8b7c6d5e", "sk-test-4f9a8b7c6d5e"),
        ("headers={'authorization': 'Bearer eyJhbGciOi.J9.abc'}", "eyJhbGciOi.J9.abc"),
        ("GET /x?api_key=a1b2c3d4e5&page=2", "a1b2c3d4e5"),
        ('{"token": "tok_live_998877"}', "tok_live_998877"),
        ("retrying with bearer abcdefghijkl0123", "abcdefghijkl0123"),
    ],
)
def test_secrets_are_scrubbed_when_asked(text: str, secret: str) -> None:
    assert secret not in redact_text(text, secrets=True)
    assert PLACEHOLDER in redact_text(text, secrets=True)


def test_huge_text_is_capped() -> None:
    assert len(redact_text("a" * 2_000_000)) == 1_000_000


# --- the logging filter -----------------------------------------------------------------------


@pytest.fixture
def filtered_log() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("lapor_sdk.tests.redact")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def test_filter_scrubs_message_and_args(filtered_log: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = filtered_log
    logger.info("sending SMS to %s for NIK %s", "081234567890", "3578015708900003")
    logger.warning("reply from siti@contoh.co.id: %r", {"phone": "+62 812 3456 7890"})
    logger.debug("request headers %s", {"Authorization": "Bearer sk-live-0123456789abcdef"})
    out = stream.getvalue()
    for leaked in ("081234567890", "3578015708900003", "siti@contoh.co.id", "812 3456 7890"):
        assert leaked not in out
    assert "sk-live-0123456789abcdef" not in out
    assert out.count(PLACEHOLDER) >= 5
    assert "INFO sending SMS to" in out


def test_filter_scrubs_tracebacks(filtered_log: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = filtered_log
    try:
        raise RuntimeError("upstream rejected reporter 0812-9999-8888")
    except RuntimeError:
        logger.exception("sync failed")
    logger.info("here", stack_info=True)
    out = stream.getvalue()
    assert "Traceback" in out and "RuntimeError" in out
    assert "0812-9999-8888" not in out


def test_filter_survives_a_broken_format_string(
    filtered_log: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = filtered_log
    logger.info("%d reports from %s", "0812-9999-8888")
    out = stream.getvalue()
    assert "0812-9999-8888" not in out and "reports from" in out
