"""What UU 27/2022 (Pelindungan Data Pribadi) says, as the SDK counts it: deadlines, grounds.

Checked against the law's text in stored public copies (id.wikisource.org's transcription of
the official copy, justisio.com's article pages, and news and law-firm pages quoting it);
where a page quoted a draft (RUU) numbering, the enacted numbering is used and noted.

* Pasal 32 (1)-(2): access to the data processed **and its processing record** (rekam jejak
  pemrosesan), "paling lambat 3 x 24 (tiga kali dua puluh empat) jam terhitung sejak
  Pengendali Data Pribadi menerima permintaan akses". Pasal 33: access is refused where it
  endangers someone's safety or health, discloses another person's data, or goes against
  national defence and security.
* Pasal 30: updating/correcting inaccurate data within 3 x 24 hours of the request.
* Pasal 40: withdrawal of consent: processing stops within 3 x 24 hours of the request.
* Pasal 41 (1)-(3): delaying and restricting processing within 3 x 24 hours; not where a law
  requires the processing, where it endangers another party's safety, or where a written
  agreement forbids it; the subject is told when it is done.
* Pasal 42: processing ends when the retention period is reached, the purpose is achieved or
  the subject asks. Pasal 43: erasure (no longer needed, consent withdrawn, on request,
  unlawfully obtained). Pasal 44: destruction (retention over *and marked for destruction in
  the archive retention schedule* — jadwal retensi arsip —, on request, not tied to settling a
  legal case, unlawfully obtained). Pasal 42-44 set **no** hour count: they are carried out
  "sesuai dengan ketentuan peraturan perundang-undangan".
* Pasal 46 (1)-(3): a failure of personal-data protection is notified in writing within
  3 x 24 hours to the subjects and to the authority (*lembaga*); the notice contains at least
  the data disclosed, when and how it was disclosed, and what the controller does to handle
  it and recover. In some cases the public is told too. (A news page quoting the 2020 draft
  calls this "Pasal 40" and names the minister: the enacted law says Pasal 46 and *lembaga*.)
* Pasal 14: a subject's request is a recorded application, electronic or not. Pasal 15 (1):
  the rights of Pasal 8 (ending, erasure, destruction), 9 (withdrawal), 10 (1), 11
  (restriction) and 13 may be set aside for defence and national security, law enforcement,
  the public interest in running the state, financial-sector supervision, or statistics and
  scientific research — only to carry out a law (ayat (2)). Access (Pasal 7) and correction
  (Pasal 6) are not in that list.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from ..sla import Duration, StatutoryTarget

__all__ = [
    "BREACH_TARGET",
    "PDP_TARGETS",
    "HoldGround",
    "RequestKind",
]

THREE_DAYS = Duration.hours(72)


class RequestKind(StrEnum):
    """What a data subject asks for (UU 27/2022 Pasal 6-11)."""

    ACCESS = "access"
    CORRECTION = "correction"
    ERASURE = "erasure"
    RESTRICTION = "restriction"
    CONSENT_WITHDRAWAL = "consent_withdrawal"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _KIND_LABELS[self]

    @property
    def exceptable(self) -> bool:
        """Whether UU 27/2022 Pasal 15 (1) lets a law set the right aside."""
        return self in (
            RequestKind.ERASURE,
            RequestKind.RESTRICTION,
            RequestKind.CONSENT_WITHDRAWAL,
        )


_KIND_LABELS = {
    RequestKind.ACCESS: "Akses dan salinan data",
    RequestKind.CORRECTION: "Perbaikan data",
    RequestKind.ERASURE: "Penghapusan data",
    RequestKind.RESTRICTION: "Penundaan dan pembatasan pemrosesan",
    RequestKind.CONSENT_WITHDRAWAL: "Penarikan persetujuan",
}

#: Deadline of each kind of request, counted on calendar hours from receipt.
PDP_TARGETS: Mapping[RequestKind, StatutoryTarget] = MappingProxyType(
    {
        RequestKind.ACCESS: StatutoryTarget(
            THREE_DAYS,
            "Akses diberikan paling lambat 3 x 24 jam sejak permintaan diterima "
            "(UU 27/2022 Pasal 32 ayat (2))",
        ),
        RequestKind.CORRECTION: StatutoryTarget(
            THREE_DAYS,
            "Data diperbarui atau diperbaiki paling lambat 3 x 24 jam sejak permintaan "
            "diterima (UU 27/2022 Pasal 30)",
        ),
        RequestKind.RESTRICTION: StatutoryTarget(
            THREE_DAYS,
            "Pemrosesan ditunda dan dibatasi paling lambat 3 x 24 jam sejak permintaan "
            "diterima (UU 27/2022 Pasal 41 ayat (1))",
        ),
        RequestKind.CONSENT_WITHDRAWAL: StatutoryTarget(
            THREE_DAYS,
            "Pemrosesan dihentikan paling lambat 3 x 24 jam sejak penarikan persetujuan "
            "diterima (UU 27/2022 Pasal 40)",
        ),
        # Pasal 43 sets no hour count; 3 x 24 h is the SDK's default, not the law's.
        RequestKind.ERASURE: StatutoryTarget(
            THREE_DAYS,
            "Penghapusan sesuai peraturan perundang-undangan (UU 27/2022 Pasal 43); "
            "undang-undang tidak menetapkan jam, 3 x 24 jam adalah target bawaan lapor-sdk",
        ),
    }
)

#: Notice of a personal-data protection failure to the subjects and the authority.
BREACH_TARGET = StatutoryTarget(
    THREE_DAYS,
    "Pemberitahuan tertulis kepada Subjek Data Pribadi dan lembaga paling lambat 3 x 24 jam "
    "(UU 27/2022 Pasal 46 ayat (1))",
)


class HoldGround(StrEnum):
    """Why a record is kept (not erased) although its subject asked: a law requires it."""

    OPEN_COMPLAINT = "open_complaint"
    OPEN_INFORMATION_REQUEST = "open_information_request"
    LEGAL_CASE = "legal_case"

    @property
    def label(self) -> str:
        """Indonesian explanation with the articles it rests on."""
        return _HOLD_LABELS[self]


_HOLD_LABELS = {
    HoldGround.OPEN_COMPLAINT: (
        "Pengaduan masih diproses dan wajib diselesaikan (UU 25/2009; "
        "UU 27/2022 Pasal 15 ayat (1) huruf c dan Pasal 43 ayat (2))"
    ),
    HoldGround.OPEN_INFORMATION_REQUEST: (
        "Permohonan informasi masih berjalan (UU 14/2008 Pasal 22 dan 35-37; "
        "UU 27/2022 Pasal 15 ayat (1) huruf c)"
    ),
    HoldGround.LEGAL_CASE: (
        "Berkaitan dengan penyelesaian proses hukum suatu perkara "
        "(UU 27/2022 Pasal 15 ayat (1) huruf b dan Pasal 44 ayat (1) huruf c)"
    ),
}
