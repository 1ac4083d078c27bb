"""Issue #10, privacy defects 1-2: each reproduced by the attack that found it.

1. The monev HTML report quoted normative follow-ups verbatim (name, NIK, phone, e-mail).
2. An anonim reporter's identity reached the liaison and public views through attachment file
   names (``KTP_Siti_Rahayu.jpg``), ``location.district``/``region_name``/``province_name``/
   ``km_marker``, and full-width digits (``０８１２…``) escaped the phone scrub.
"""

from __future__ import annotations

import datetime as dt

import pytest

from lapor_sdk.models import Attachment, Complaint, Location, Privacy
from lapor_sdk.monev import compute_monev, render_html
from lapor_sdk.privacy import Audience, redact_text, view_for

from .canary import EMAIL, NAME, NIK, PHONE_WIDE, at, canary_complaint, found_in, reporter

NOW = dt.datetime(2025, 3, 31, 17, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.mark.parametrize("privacy", [Privacy.PUBLIC, Privacy.ANONYMOUS], ids=lambda p: p.value)
def test_defect_01_monev_html_excerpts_are_redacted(privacy: Privacy) -> None:
    report = compute_monev([canary_complaint(privacy)], now=NOW, evaluate_sla=False)
    assert report.flagged_follow_ups, "the canary's normative follow-up must be flagged"
    page = render_html(report)
    assert "Terima kasih" in page  # the excerpt is still shown ...
    assert found_in(page) == set()  # ... without the reporter's identity
    assert found_in(report.to_json()) == set()
    assert found_in(report.to_csv()) == set()


def _anonymous(**changes: object) -> Complaint:
    base = Complaint(
        title="Pungli", created_at=at(3), privacy=Privacy.ANONYMOUS, reporter=reporter()
    )
    return base.model_copy(update=changes)


@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.HANDLING_UNIT])
@pytest.mark.parametrize(
    "filename", ["KTP_Siti_Rahayu.jpg", "siti-rahayu.jpg", "SITI.RAHAYU.pdf", "ktp siti rahayu.png"]
)
def test_defect_02_anonymous_name_in_attachment_filenames(
    filename: str, audience: Audience
) -> None:
    c = _anonymous(attachments=[Attachment(filename=filename, content_type="image/jpeg", size=1)])
    shown = view_for(c, audience).attachments[0].filename
    assert found_in(shown) == set(), shown
    assert shown.endswith(filename.rsplit(".", 1)[1])  # the extension is kept


@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.HANDLING_UNIT])
@pytest.mark.parametrize("field", ["district", "region_name", "province_name", "km_marker"])
def test_defect_02_anonymous_identity_in_location_fields(field: str, audience: Audience) -> None:
    c = _anonymous(location=Location(**{field: f"{NAME} {NIK}"}))
    view = view_for(c, audience)
    assert view.location is not None
    assert found_in(getattr(view.location, field)) == set()


@pytest.mark.parametrize(
    "number",
    [
        PHONE_WIDE,  # full-width digits and dash
        "٠٨١٢-٣٤٥٦-٧٨٩٠",  # Arabic-Indic digits
        "0812\u200b3456\u200b7890",  # zero-width spaces between the groups
        "＋６２ ８１２ ３４５６ ７８９０",  # full-width plus and ideographic spaces
    ],
)
def test_defect_02_unicode_digits_do_not_escape_the_phone_scrub(number: str) -> None:
    text = f"hubungi {number} segera"
    assert found_in(redact_text(text)) == set()
    assert redact_text(text).startswith("hubungi [disembunyikan]")


def test_defect_02_fullwidth_nik_and_email_are_scrubbed() -> None:
    wide_nik = NIK.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
    assert found_in(redact_text(f"NIK {wide_nik}, {EMAIL.replace('@', '＠')}")) == set()


def test_every_free_text_of_the_canary_is_scrubbed_in_anonymous_views() -> None:
    c = canary_complaint(Privacy.ANONYMOUS)
    for audience in (Audience.PUBLIC, Audience.HANDLING_UNIT):
        assert found_in(view_for(c, audience).model_dump_json()) == set()
    assert found_in(view_for(c, Audience.ADMIN).model_dump_json()) == {
        "name",
        "nik",
        "phone",
        "email",
    }


def test_identifiers_are_not_scrubbed() -> None:
    digest = "3578015708900003" + "a" * 48  # a SHA-256 whose hex starts like a NIK
    c = _anonymous(
        attachments=[
            Attachment(filename="foto.jpg", content_type="image/jpeg", size=1, sha256=digest)
        ],
        location=Location(region_code="35.78", province_code="35"),
    )
    view = view_for(c, Audience.PUBLIC)
    assert view.attachments[0].sha256 == digest
    assert view.location is not None and view.location.region_code == "35.78"
