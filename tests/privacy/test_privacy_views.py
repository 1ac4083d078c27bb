"""view_for: the anonim and rahasia flags applied for the public, the handling unit and admins."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_sdk import NotVisibleError, lifecycle
from lapor_sdk.models import Complaint, Privacy, Reporter, Role
from lapor_sdk.privacy import PLACEHOLDER, Audience, view_for

WIB = dt.timezone(dt.timedelta(hours=7))
NAME = "Siti Rahayu Lestari"
PHONE = "0813-9988-7766"
PHONE_DIGITS = "81399887766"
EMAIL = "siti.rahayu.lapor@contoh.co.id"
NIK = "3507124512880002"
ADDRESS = "Jl. Kenanga No. 17, Sukolilo"


def make(privacy: Privacy) -> Complaint:
    """A report whose texts carry the reporter's data, as reporters write them."""
    c = lifecycle.create(
        title=f"Pungli di kelurahan, hubungi {PHONE}",
        description=(
            f"Saya {NAME}, NIK {NIK}, tinggal di {ADDRESS}. Dimintai uang Rp 50.000 untuk "
            f"surat pindah. Balas ke {EMAIL}."
        ),
        created_at=dt.datetime(2025, 3, 3, 8, tzinfo=WIB),
        tracking_id="LAPOR-2025-000321",
        privacy=privacy,
        reporter=Reporter(
            name=NAME, phone=PHONE, email=EMAIL, nik=NIK, address=ADDRESS, reporter_id="u-77"
        ),
    )
    t = dt.datetime(2025, 3, 3, 10, tzinfo=WIB)
    c = lifecycle.verify(c, by=Role.AGENCY_ADMIN, at=t, agency="Pemkot Surabaya", unit="Kec. X")
    c = lifecycle.follow_up(c, at=t, text=f"Kami akan menghubungi Ibu di {PHONE}.", final=True)
    return lifecycle.reply(c, at=t, text=f"Silakan, atau lewat {EMAIL}. NIK saya {NIK}.")


def flat(text: str) -> str:
    return text.replace("-", "").replace(" ", "").replace(".", "")


def shown(view: Complaint) -> set[str]:
    """Which reporter fields the view carries."""
    if view.reporter is None:
        return set()
    fields = ("name", "phone", "email", "nik", "address", "reporter_id")
    return {f for f in fields if getattr(view.reporter, f) is not None}


# The audience table of docs/privacy.md.
VISIBLE = {
    (Privacy.PUBLIC, Audience.PUBLIC): {"name"},
    (Privacy.ANONYMOUS, Audience.PUBLIC): set(),
    (Privacy.PUBLIC, Audience.HANDLING_UNIT): {"name", "phone", "email", "reporter_id"},
    (Privacy.ANONYMOUS, Audience.HANDLING_UNIT): set(),
    (Privacy.CONFIDENTIAL, Audience.HANDLING_UNIT): {"name", "phone", "email", "reporter_id"},
    (Privacy.ANONYMOUS_CONFIDENTIAL, Audience.HANDLING_UNIT): set(),
}
EVERYTHING = {"name", "phone", "email", "nik", "address", "reporter_id"}


@pytest.mark.parametrize(("privacy", "audience"), list(VISIBLE), ids=str)
def test_reporter_fields_per_audience(privacy: Privacy, audience: Audience) -> None:
    assert shown(view_for(make(privacy), audience)) == VISIBLE[(privacy, audience)]


@pytest.mark.parametrize("privacy", list(Privacy), ids=str)
def test_admins_see_everything(privacy: Privacy) -> None:
    full = make(privacy)
    view = view_for(full, Audience.ADMIN)
    assert shown(view) == EVERYTHING
    assert view == full and view is not full


@pytest.mark.parametrize("privacy", [Privacy.CONFIDENTIAL, Privacy.ANONYMOUS_CONFIDENTIAL])
def test_confidential_reports_are_not_public(privacy: Privacy) -> None:
    with pytest.raises(NotVisibleError) as info:
        view_for(make(privacy), Audience.PUBLIC)
    assert str(info.value) == (
        "complaint LAPOR-2025-000321 is confidential (rahasia): the public may not see it; "
        "use Audience.HANDLING_UNIT or Audience.ADMIN"
    )


@pytest.mark.parametrize(
    ("privacy", "audience"),
    [
        (Privacy.PUBLIC, Audience.PUBLIC),
        (Privacy.ANONYMOUS, Audience.PUBLIC),
        (Privacy.ANONYMOUS, Audience.HANDLING_UNIT),
        (Privacy.ANONYMOUS_CONFIDENTIAL, Audience.HANDLING_UNIT),
    ],
    ids=str,
)
def test_public_and_anonymous_views_scrub_the_texts(privacy: Privacy, audience: Audience) -> None:
    view = view_for(make(privacy), audience)
    raw = view.model_dump_json()
    for secret in (EMAIL, NIK, ADDRESS):
        assert secret not in raw
    assert PHONE_DIGITS not in flat(raw)
    assert PLACEHOLDER in view.title and PLACEHOLDER in view.follow_ups[0].text
    assert "Rp 50.000" in view.description  # ordinary numbers survive
    assert (NAME in raw) == (VISIBLE[(privacy, audience)] == {"name"})


def test_handling_unit_keeps_contact_but_never_nik_or_address() -> None:
    view = view_for(make(Privacy.PUBLIC), Audience.HANDLING_UNIT)
    raw = view.model_dump_json()
    assert NIK not in raw and ADDRESS not in raw
    assert EMAIL in view.replies[0].text and PHONE in view.follow_ups[0].text
    assert view.reporter is not None and view.reporter.phone == "+6281399887766"


def test_view_does_not_change_the_report() -> None:
    full = make(Privacy.ANONYMOUS)
    before = full.model_dump_json()
    view_for(full, Audience.PUBLIC)
    view_for(full, Audience.HANDLING_UNIT)
    assert full.model_dump_json() == before


def test_complaint_view_for_delegates() -> None:
    full = make(Privacy.ANONYMOUS)
    assert full.view_for(Audience.PUBLIC) == view_for(full, Audience.PUBLIC)


def test_public_view_without_reporter_name_has_no_reporter() -> None:
    c = make(Privacy.PUBLIC).model_copy(update={"reporter": Reporter(phone=PHONE)})
    assert view_for(c, Audience.PUBLIC).reporter is None


def test_views_round_trip_as_json() -> None:
    view = view_for(make(Privacy.ANONYMOUS), Audience.PUBLIC)
    assert Complaint.model_validate_json(view.model_dump_json()) == view


def test_audience_labels() -> None:
    assert [a.label for a in Audience] == ["Publik", "Unit terlapor / penanganan", "Admin"]


@given(
    privacy=st.sampled_from([Privacy.PUBLIC, Privacy.ANONYMOUS]),
    audience=st.sampled_from([Audience.PUBLIC, Audience.HANDLING_UNIT]),
    serial=st.integers(1, 9999),
    phone_tail=st.integers(1_000_000, 99_999_999),
)
def test_no_view_below_admin_leaks_nik_or_address(
    privacy: Privacy, audience: Audience, serial: int, phone_tail: int
) -> None:
    nik = f"357801570890{serial:04d}"
    phone = f"0857{phone_tail}"
    c = make(privacy)
    c = c.model_copy(
        update={
            "reporter": Reporter(name=NAME, phone=phone, nik=nik, address=ADDRESS),
            "description": f"NIK {nik} telp {phone}",
        }
    )
    raw = json.loads(view_for(c, audience).model_dump_json())
    text = json.dumps(raw)
    assert nik not in text and ADDRESS not in text
    if privacy.anonymous or audience is Audience.PUBLIC:
        assert phone[1:] not in flat(text)


def test_reporter_name_is_scrubbed_only_as_a_whole_word() -> None:
    c = make(Privacy.ANONYMOUS).model_copy(
        update={
            "reporter": Reporter(name="Ani"),
            "description": "Lubang di Jl. Ahmad Yani, kata ani kepada petugas.",
        }
    )
    text = view_for(c, Audience.HANDLING_UNIT).description
    assert text == f"Lubang di Jl. Ahmad Yani, kata {PLACEHOLDER} kepada petugas."


def test_scrubbed_texts_still_fit_their_length_limits() -> None:
    title = "x" * 180 + " a@b.co c@d.co"  # 194 characters; each e-mail becomes 15
    c = make(Privacy.ANONYMOUS).model_copy(update={"title": title})
    view = view_for(c, Audience.PUBLIC)
    assert len(view.title) == 200 and "@" not in view.title
    assert Complaint.model_validate_json(view.model_dump_json()) == view
