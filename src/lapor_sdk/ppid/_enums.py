"""Enumerations of public information requests under UU 14/2008 (Keterbukaan Informasi Publik).

Identifiers are English, values are stable wire values, ``.label`` gives the Indonesian text
used in registers and letters. Each legal list cites the article it comes from.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "DecisionKind",
    "DisputeOutcome",
    "ExemptionGround",
    "ObjectionOutcome",
    "ObjectionReason",
    "PpidAction",
    "PpidRole",
    "RequestKind",
    "RequestStatus",
]


class PpidRole(StrEnum):
    """Who acts on an information request."""

    REQUESTER = "requester"
    """Pemohon Informasi Publik."""
    PPID = "ppid"
    """Pejabat Pengelola Informasi dan Dokumentasi (and its officers)."""
    SUPERIOR = "superior"
    """Atasan PPID: decides objections (UU 14/2008 Pasal 35–36)."""

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    PpidRole.REQUESTER: "Pemohon Informasi",
    PpidRole.PPID: "PPID",
    PpidRole.SUPERIOR: "Atasan PPID",
}


class RequestStatus(StrEnum):
    """Where an information request stands."""

    REGISTERED = "registered"
    EXTENDED = "extended"
    DECIDED = "decided"
    OBJECTED = "objected"
    OBJECTION_ANSWERED = "objection_answered"
    DISPUTED = "disputed"
    DISPUTE_SETTLED = "dispute_settled"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _STATUS_LABELS[self]

    @property
    def is_terminal(self) -> bool:
        """Whether no further action can move the request."""
        return self is RequestStatus.DISPUTE_SETTLED


_STATUS_LABELS = {
    RequestStatus.REGISTERED: "Terdaftar, menunggu jawaban",
    RequestStatus.EXTENDED: "Jangka waktu jawaban diperpanjang",
    RequestStatus.DECIDED: "Sudah dijawab",
    RequestStatus.OBJECTED: "Keberatan diajukan",
    RequestStatus.OBJECTION_ANSWERED: "Keberatan sudah ditanggapi",
    RequestStatus.DISPUTED: "Sengketa di Komisi Informasi",
    RequestStatus.DISPUTE_SETTLED: "Sengketa selesai",
}


class PpidAction(StrEnum):
    """Something a role does to a request; each one appends one event."""

    REGISTER = "register"
    EXTEND = "extend"
    DECIDE = "decide"
    OBJECT = "object"
    ANSWER_OBJECTION = "answer_objection"
    FILE_DISPUTE = "file_dispute"
    SETTLE_DISPUTE = "settle_dispute"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _ACTION_LABELS[self]


_ACTION_LABELS = {
    PpidAction.REGISTER: "Catat permintaan dan beri nomor pendaftaran",
    PpidAction.EXTEND: "Perpanjang jangka waktu jawaban",
    PpidAction.DECIDE: "Sampaikan pemberitahuan tertulis (jawaban)",
    PpidAction.OBJECT: "Ajukan keberatan",
    PpidAction.ANSWER_OBJECTION: "Tanggapi keberatan",
    PpidAction.FILE_DISPUTE: "Ajukan sengketa ke Komisi Informasi",
    PpidAction.SETTLE_DISPUTE: "Catat hasil sengketa",
}


class RequestKind(StrEnum):
    """What the requester asks for (jenis permohonan in the register)."""

    VIEW = "view"
    COPY = "copy"

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return "Melihat/mengetahui" if self is RequestKind.VIEW else "Meminta salinan"


class DecisionKind(StrEnum):
    """The answer of the written notice (pemberitahuan tertulis, UU 14/2008 Pasal 22 ayat (7))."""

    GRANTED = "granted"
    """Dikabulkan seluruhnya."""
    PARTLY_GRANTED = "partly_granted"
    """Dikabulkan sebagian: exempt parts blacked out with reasons (Pasal 22 ayat (7) huruf e)."""
    REJECTED_EXEMPT = "rejected_exempt"
    """Ditolak: exempt information under Pasal 17, after the consequence test (Pasal 19)."""
    NOT_HELD = "not_held"
    """Not under this body's control; name the body that holds it (Pasal 22 ayat (7) a–b)."""
    NOT_DOCUMENTED = "not_documented"
    """Not yet documented (belum didokumentasikan)."""

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _DECISION_LABELS[self]

    @property
    def gives_information(self) -> bool:
        """Whether (some of) the information is given."""
        return self in (DecisionKind.GRANTED, DecisionKind.PARTLY_GRANTED)

    @property
    def is_refusal(self) -> bool:
        """Whether the report counts the request as not fulfilled (ditolak / tidak dipenuhi)."""
        return not self.gives_information


_DECISION_LABELS = {
    DecisionKind.GRANTED: "Dikabulkan seluruhnya",
    DecisionKind.PARTLY_GRANTED: "Dikabulkan sebagian",
    DecisionKind.REJECTED_EXEMPT: "Ditolak (informasi dikecualikan)",
    DecisionKind.NOT_HELD: "Tidak dikuasai badan publik ini",
    DecisionKind.NOT_DOCUMENTED: "Belum didokumentasikan",
}


class ExemptionGround(StrEnum):
    """Why information is exempt: UU 14/2008 Pasal 17 huruf a–j (the value is the letter)."""

    LAW_ENFORCEMENT = "a"
    INTELLECTUAL_PROPERTY = "b"
    DEFENCE_SECURITY = "c"
    NATURAL_RESOURCES = "d"
    ECONOMIC_RESILIENCE = "e"
    FOREIGN_RELATIONS = "f"
    AUTHENTIC_DEED = "g"
    PERSONAL_SECRET = "h"  # noqa: S105 - a legal ground, not a password
    INTERNAL_MEMORANDUM = "i"
    OTHER_STATUTE = "j"

    @property
    def label(self) -> str:
        """Indonesian display label with the article."""
        return f"Pasal 17 huruf {self.value}: {_GROUND_LABELS[self]}"


_GROUND_LABELS = {
    ExemptionGround.LAW_ENFORCEMENT: "menghambat proses penegakan hukum",
    ExemptionGround.INTELLECTUAL_PROPERTY: (
        "mengganggu perlindungan hak atas kekayaan intelektual dan dari persaingan usaha "
        "tidak sehat"
    ),
    ExemptionGround.DEFENCE_SECURITY: "membahayakan pertahanan dan keamanan negara",
    ExemptionGround.NATURAL_RESOURCES: "mengungkapkan kekayaan alam Indonesia",
    ExemptionGround.ECONOMIC_RESILIENCE: "merugikan ketahanan ekonomi nasional",
    ExemptionGround.FOREIGN_RELATIONS: "merugikan kepentingan hubungan luar negeri",
    ExemptionGround.AUTHENTIC_DEED: (
        "mengungkapkan isi akta otentik yang bersifat pribadi dan kemauan terakhir atau wasiat"
    ),
    ExemptionGround.PERSONAL_SECRET: "mengungkap rahasia pribadi",
    ExemptionGround.INTERNAL_MEMORANDUM: (
        "memorandum atau surat antar/intra Badan Publik yang menurut sifatnya dirahasiakan"
    ),
    ExemptionGround.OTHER_STATUTE: (
        "informasi yang tidak boleh diungkapkan berdasarkan undang-undang"
    ),
}


class ObjectionReason(StrEnum):
    """The seven reasons for an objection: UU 14/2008 Pasal 35 ayat (1) huruf a–g."""

    REJECTED_UNDER_17 = "a"
    PERIODIC_NOT_PUBLISHED = "b"
    NOT_ANSWERED = "c"
    NOT_AS_REQUESTED = "d"
    NOT_FULFILLED = "e"
    UNREASONABLE_COST = "f"
    LATE = "g"

    @property
    def label(self) -> str:
        """Indonesian display label with the article."""
        return f"Pasal 35 ayat (1) huruf {self.value}: {_REASON_LABELS[self]}"


_REASON_LABELS = {
    ObjectionReason.REJECTED_UNDER_17: "penolakan berdasarkan alasan pengecualian Pasal 17",
    ObjectionReason.PERIODIC_NOT_PUBLISHED: "tidak disediakannya informasi berkala (Pasal 9)",
    ObjectionReason.NOT_ANSWERED: "tidak ditanggapinya permintaan informasi",
    ObjectionReason.NOT_AS_REQUESTED: "permintaan ditanggapi tidak sebagaimana yang diminta",
    ObjectionReason.NOT_FULFILLED: "tidak dipenuhinya permintaan informasi",
    ObjectionReason.UNREASONABLE_COST: "pengenaan biaya yang tidak wajar",
    ObjectionReason.LATE: "penyampaian informasi melebihi waktu yang diatur undang-undang",
}


class ObjectionOutcome(StrEnum):
    """The atasan PPID's written answer to an objection (UU 14/2008 Pasal 36)."""

    UPHELD = "upheld"
    """Menguatkan putusan PPID: written reasons are required (Pasal 36 ayat (3))."""
    GRANTED = "granted"
    """Keberatan diterima: the PPID must give the information or fix the answer."""
    PARTLY_GRANTED = "partly_granted"
    """Keberatan diterima sebagian."""

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    ObjectionOutcome.UPHELD: "Menguatkan putusan PPID",
    ObjectionOutcome.GRANTED: "Keberatan diterima",
    ObjectionOutcome.PARTLY_GRANTED: "Keberatan diterima sebagian",
}


class DisputeOutcome(StrEnum):
    """How an information dispute at the Komisi Informasi ended (UU 14/2008 Pasal 38–46)."""

    MEDIATED = "mediated"
    """Kesepakatan mediasi."""
    GRANTED = "granted"
    """Putusan ajudikasi: permohonan dikabulkan (seluruhnya atau sebagian)."""
    REJECTED = "rejected"
    """Putusan ajudikasi: permohonan ditolak."""
    WITHDRAWN = "withdrawn"
    """Dicabut oleh pemohon."""

    @property
    def label(self) -> str:
        """Indonesian display label."""
        return _DISPUTE_LABELS[self]


_DISPUTE_LABELS = {
    DisputeOutcome.MEDIATED: "Selesai melalui mediasi",
    DisputeOutcome.GRANTED: "Putusan ajudikasi: dikabulkan",
    DisputeOutcome.REJECTED: "Putusan ajudikasi: ditolak",
    DisputeOutcome.WITHDRAWN: "Dicabut pemohon",
}
