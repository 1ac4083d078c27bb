"""A complaint desk's morning: intake, verification, follow-up, deadlines and privacy.

Runs offline in a second: a WhatsApp message and an e-mail reach the Diskominfo desk of
Kabupaten Malang. The desk turns them into drafts, asks the reporter what is missing,
verifies and disposes the complete one, the road unit follows up, and the SLA engine shows
which deadline is next. Finally the public sees the report without the reporter's identity.

Run: ``python examples/complaint_desk_day.py``
"""

from __future__ import annotations

import datetime as dt

from lapor_sdk import lifecycle
from lapor_sdk.intake import from_message
from lapor_sdk.models import Privacy, Role
from lapor_sdk.privacy import Audience
from lapor_sdk.sla import SlaPolicy, WorkingCalendar

WIB = dt.timezone(dt.timedelta(hours=7), "WIB")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A time on a day of March 2026 in WIB."""
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=WIB)


def main() -> None:
    """Walk through the morning and print what the desk sees."""
    calendar = WorkingCalendar.indonesia(tz="Asia/Jakarta")
    policy = SlaPolicy.sp4n_lapor()

    # 08:05 a WhatsApp message without a usable location arrives.
    vague = from_message(
        "Min jalan rusak parah sdh lama, tolong diperbaiki", sender="0812-3000-1001",
        received_at=at(2, 8, 5),
    )  # fmt: skip
    print("08:05 draft from WhatsApp; ask the reporter:")
    for item in vague.missing:
        print(f"  - {item.prompt}")

    # 08:20 the reporter answers with the place: a complete draft.
    draft = from_message(
        "Jalan rusak parah di Jl. Raya Lawang dekat pasar, Kecamatan Lawang, Kabupaten Malang. "
        "Lubang besar sudah 2 minggu, motor sering jatuh. Mohon segera diperbaiki.",
        sender="0812-3000-1001",
        received_at=at(2, 8, 20),
    )
    region = draft.location_match.region if draft.location_match else None
    print(f"08:20 location detected: {region.name if region else '-'}; missing: {draft.missing}")

    # The reporter asks to stay anonymous; the desk files the report.
    report = draft.complaint.model_copy(update={"privacy": Privacy.ANONYMOUS})
    report = lifecycle.verify(
        report, by=Role.AGENCY_ADMIN, agency="Pemkab Malang", unit="DPUBM",
        at=at(2, 9, 0), note="Mohon ditinjau dan ditambal.",
    )  # fmt: skip
    print(f"09:00 {report.status.label} -> {report.agency} / {report.unit}")

    for result in policy.evaluate(report, calendar=calendar, now=at(2, 9, 0)):
        if result.stage == "follow_up":
            print(f"      follow-up due {result.due_at:%A %d %B %Y %H:%M} ({result.state.value})")

    report = lifecycle.follow_up(
        report, at=at(4, 14, 0), unit="DPUBM", final=True,
        text="Pada 4 Maret 2026 tim DPUBM telah menambal lubang di Jl. Raya Lawang (3 titik).",
    )  # fmt: skip
    states = {r.stage: r.state.value for r in policy.evaluate(report, calendar=calendar,
                                                              now=at(4, 15, 0))}  # fmt: skip
    print(f"14:00 {report.status.label}; follow-up stage: {states['follow_up']}")

    public = report.view_for(Audience.PUBLIC)
    print(f"public view shows a reporter: {public.reporter is not None}")
    print(f"admin view shows a reporter: {report.view_for(Audience.ADMIN).reporter is not None}")


if __name__ == "__main__":
    main()
