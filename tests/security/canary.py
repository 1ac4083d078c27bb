"""The privacy canary: one reporter whose identity is written into every free-text field.

``canary_complaint()`` builds a report whose every free text (title, description, external ref,
tags, every location field, attachment names and URLs, disposition notes, follow-ups, replies,
the rating comment, event notes) holds the reporter's name, NIK, phone number and e-mail
address, in the forms people write them (full-width digits, ``KTP_Siti_Rahayu.jpg``).
``found_in(text)`` says which of the four kinds appear in an output, whatever the separators.
"""

from __future__ import annotations

import datetime as dt
import re

from lapor_sdk import lifecycle
from lapor_sdk.models import (
    Attachment,
    Complaint,
    Location,
    Privacy,
    Reporter,
    Role,
    Satisfaction,
)

WIB = dt.timezone(dt.timedelta(hours=7))
NAME = "Siti Rahayu"
NIK = "3578015708900003"
PHONE = "0812-3456-7890"
PHONE_WIDE = "０８１２－３４５６－７８９０"  # full-width digits and dash
EMAIL = "siti.rahayu@contoh.id"
KINDS = ("name", "nik", "phone", "email")

#: Text holding all four canaries, as a reporter (or an officer quoting one) writes them.
ALL = f"Bu {NAME}, NIK {NIK}, HP {PHONE_WIDE} / {PHONE}, surel {EMAIL}"

_SEP = r"[\s_.\-()+\u00a0]*"
_PATTERNS = {
    "name": re.compile(r"siti[\s_.\-]*rahayu", re.IGNORECASE),
    "nik": re.compile(_SEP.join(NIK)),
    "phone": re.compile(_SEP.join("81234567890")),
    "email": re.compile(r"siti\.rahayu@|contoh\.id", re.IGNORECASE),
}
_FOLD = {ord(c): ord(a) for c, a in zip("０１２３４５６７８９－＋", "0123456789-+", strict=True)}


def found_in(text: str) -> set[str]:
    """The canary kinds that appear in ``text`` (full-width digits read as digits)."""
    folded = text.translate(_FOLD)
    return {kind for kind, pattern in _PATTERNS.items() if pattern.search(folded)}


def reporter() -> Reporter:
    return Reporter(name=NAME, nik=NIK, phone=PHONE, email=EMAIL, address=f"Jl. Mawar 1, {NAME}")


def at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2025, 3, day, hour, tzinfo=WIB)


def canary_complaint(
    privacy: Privacy = Privacy.ANONYMOUS, *, tracking_id: str = "LAPOR-2025-000777"
) -> Complaint:
    """A completed, rated report with the canaries in every free-text field."""
    c = lifecycle.create(
        title=f"Pungli {NAME} {NIK}",
        description=ALL,
        created_at=at(3),
        tracking_id=tracking_id,
        external_ref=f"wa:{PHONE}:{NAME}",
        privacy=privacy,
        reporter=reporter(),
        tags=[NAME, NIK, EMAIL],
        location=Location(
            region_code="35.78",
            region_name=f"Kota Surabaya {NAME}",
            province_code="35",
            province_name=f"Jawa Timur {PHONE_WIDE}",
            district=f"{NAME} {NIK}",
            village=f"Desa {EMAIL}",
            street=ALL,
            km_marker=f"{NIK} {PHONE}",
            description=ALL,
        ),
        attachments=[
            Attachment(filename="KTP_Siti_Rahayu.jpg", content_type="image/jpeg", size=10),
            Attachment(filename="siti-rahayu.jpg", content_type="image/jpeg", size=10),
            Attachment(
                filename=f"KTP_{NIK}_{PHONE.replace('-', '')}.jpg",
                content_type="image/jpeg",
                size=10,
                url=f"https://files.example/{NAME.replace(' ', '_')}/{NIK}.jpg",
            ),
        ],
    )
    c = lifecycle.verify(
        c, by=Role.AGENCY_ADMIN, at=at(3, 10), agency="pemkot-surabaya", unit="dsdabm", note=ALL
    )
    # A normative answer that quotes the reporter: what the monev report shows as an excerpt.
    c = lifecycle.follow_up(
        c,
        at=at(4),
        by=Role.LIAISON,
        text=f"Terima kasih {NAME} ({NIK}, {PHONE_WIDE}, {EMAIL}), akan kami tindak lanjuti.",
        unit="dsdabm",
        final=True,
    )
    c = lifecycle.reply(c, at=at(5), text=ALL)
    c = lifecycle.follow_up(c, at=at(6), by=Role.LIAISON, text=ALL, unit="dsdabm", final=True)
    return lifecycle.rate(c, at=at(7), satisfaction=Satisfaction.SATISFIED, comment=ALL[:2000])
