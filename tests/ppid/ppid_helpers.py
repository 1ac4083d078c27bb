"""Shared helpers of the PPID tests: times, a requester with known personal data."""

from __future__ import annotations

import datetime as dt

from lapor_sdk import ppid

WIB = dt.timezone(dt.timedelta(hours=7))

#: Personal data that must never reach a public output, a log line or an error message.
NAME = "Sulistyowati Handayani"
NIK = "3578015708900003"
PHONE = "0812-3456-7890"
PHONE_E164 = "+6281234567890"
EMAIL = "sulis.handayani@contoh.id"
ADDRESS = "Jl. Kenanga Wangi No. 17 Surabaya"


def at(day: str, time: str = "09:00") -> dt.datetime:
    """Return ``day`` (ISO date) at ``time`` in WIB."""
    return dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=WIB)


def requester() -> ppid.Requester:
    return ppid.Requester(
        name=NAME, nik=NIK, phone=PHONE, email=EMAIL, address=ADDRESS, occupation="Wartawan"
    )


def new_request(
    number: str = "PPID/2025/0001", received: str = "2025-03-03"
) -> ppid.InformationRequest:
    return ppid.register(
        number=number,
        received_at=at(received),
        requester=requester(),
        information=f"Salinan kontrak jalan 2025; hubungi {NAME} di {PHONE} atau {EMAIL}",
        purpose=f"Liputan; NIK saya {NIK}",
    )
