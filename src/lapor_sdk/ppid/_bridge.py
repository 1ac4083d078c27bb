"""The LAPOR! bridge: a *Permintaan Informasi* report becomes a request, its answer a follow-up."""

from __future__ import annotations

import datetime as dt

from .. import lifecycle
from .._exceptions import InvalidInputError
from ..models import Classification, Complaint, Role
from ..plain_language import format_datetime, format_rupiah
from ..sla import WorkingCalendar
from ._deadlines import _request_answer_due, default_calendar, objection_deadline
from ._enums import DecisionKind
from ._lifecycle import register
from ._models import InformationRequest, Requester

__all__ = ["answer_complaint", "answer_text", "request_from_complaint"]


def when_text(moment: dt.datetime, calendar: WorkingCalendar) -> str:
    """Write ``moment`` as Indonesians read it: ``Kamis, 10 April 2025 pukul 16.00 WIB``."""
    return format_datetime(moment, calendar.tz, weekday=True)


def request_from_complaint(
    complaint: Complaint, *, number: str, received_at: dt.datetime | None = None
) -> InformationRequest:
    """Turn a LAPOR! report classified *Permintaan Informasi* into a registered request.

    The reporter becomes the requester, the report's text the information asked, its channel
    the request's channel, and its tracking id the request's ``source_ref``.

    Args:
        complaint: The report; its classification must be ``INFORMATION_REQUEST``.
        number: The PPID registration number to give it.
        received_at: When the PPID received it (default: when the report was filed).

    Raises:
        InvalidInputError: The report is not an information request, or has no text.
    """
    if complaint.classification is not Classification.INFORMATION_REQUEST:
        raise InvalidInputError(
            f"complaint {complaint.reference} is classified {complaint.classification.value}; "
            "only information_request (Permintaan Informasi) reports go to the PPID"
        )
    information = "\n\n".join(p for p in (complaint.title, complaint.description) if p.strip())
    if not information.strip():
        raise InvalidInputError(
            f"complaint {complaint.reference} has no title or description to register"
        )
    reporter = complaint.reporter
    requester = (
        Requester.model_validate(reporter.model_dump()) if reporter is not None else Requester()
    )
    return register(
        number=number,
        received_at=received_at or complaint.created_at,
        requester=requester,
        information=information[:10_000],
        channel=complaint.channel,
        source_ref=complaint.reference if complaint.tracking_id or complaint.external_ref else None,
    )


def answer_text(request: InformationRequest, *, calendar: WorkingCalendar | None = None) -> str:
    """Write the answer of ``request`` as plain Indonesian text for the requester.

    It states the decision with its reasons and costs, and the requester's right to object
    with the last date for it (UU 14/2008 Pasal 35–36).

    Raises:
        InvalidInputError: The request has no decision yet.
    """
    decision = request.decision
    if decision is None:
        raise InvalidInputError(f"request {request.number} has no decision to write yet")
    cal = calendar or default_calendar()
    lines = [
        f"Pemberitahuan tertulis atas permintaan informasi nomor {request.number}: "
        f"{decision.kind.label}."
    ]
    if decision.grounds:
        grounds = "; ".join(g.label for g in decision.grounds)
        lines.append(f"Informasi yang dikecualikan: {grounds}.")
    if decision.consequence_test:
        lines.append(f"Uji konsekuensi: {decision.consequence_test}")
    if decision.kind is DecisionKind.NOT_HELD:
        lines.append(
            f"Informasi dikuasai oleh: {decision.holder}."
            if decision.holder
            else "Badan publik yang menguasai informasi ini tidak kami ketahui."
        )
    if decision.note:
        lines.append(decision.note)
    if decision.kind.gives_information:
        cost = format_rupiah(decision.cost) if decision.cost else "tanpa biaya"
        lines.append(f"Biaya penyalinan/pengiriman: {cost}. Informasinya sendiri gratis.")
    due = _request_answer_due(request, cal)
    if decision.at.astimezone(dt.UTC) > due.astimezone(dt.UTC):
        lines.append(f"Kami mohon maaf: batas waktu jawaban adalah {when_text(due, cal)}.")
    last = objection_deadline(decision.at, calendar=cal)
    lines.append(
        "Bila Anda tidak puas, Anda dapat mengajukan keberatan tertulis kepada atasan PPID. "
        f"Batas waktunya {when_text(last, cal)} (UU 14/2008 Pasal 35–36)."
    )
    return "\n".join(lines)


def answer_complaint(
    complaint: Complaint,
    request: InformationRequest,
    *,
    by: Role = Role.LIAISON,
    unit: str | None = None,
    calendar: WorkingCalendar | None = None,
) -> Complaint:
    """Post the request's answer as the report's final follow-up (through the lifecycle).

    Args:
        complaint: The LAPOR! report the request came from (``DISPOSED`` or ``IN_PROGRESS``).
        request: The decided request.
        by: Who posts it on LAPOR! (the liaison or the agency admin).
        unit: The unit writing it; defaults to the unit now responsible.
        calendar: For the dates written in the answer (default: national, WIB).

    Returns:
        The report, ``COMPLETED``, with the answer as its final follow-up at the decision's time.

    Raises:
        InvalidInputError: The request has no decision, or belongs to another report.
        IllegalTransitionError: The report cannot take a follow-up in its status (e.g. still
            ``UNVERIFIED``: verify it first).
    """
    if request.source_ref is not None and request.source_ref != complaint.reference:
        raise InvalidInputError(
            f"request {request.number} came from {request.source_ref}, not from "
            f"{complaint.reference}"
        )
    text = answer_text(request, calendar=calendar)
    assert request.decision is not None  # noqa: S101 - answer_text checked it
    return lifecycle.follow_up(
        complaint, at=request.decision.at, text=text, by=by, unit=unit, final=True
    )
