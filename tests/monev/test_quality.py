"""Response-quality check on a hand-written table of realistic follow-up texts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_sdk.monev import MAX_FOLLOW_UP_CHARS, check_follow_up

# (text, expected normative?) — written the way Admin Penghubung answer on LAPOR!.
NORMATIVE = [
    "Terima kasih atas laporannya, akan segera kami tindak lanjuti.",
    "Terima kasih atas laporan Saudara. Laporan akan ditindaklanjuti oleh dinas terkait.",
    "Laporan sudah kami teruskan ke dinas terkait. Mohon bersabar.",
    "Selamat siang, terima kasih atas partisipasinya. Aduan Anda sedang dalam proses.",
    "Mohon ditunggu, laporan Anda sedang kami koordinasikan dengan pihak terkait.",
    "Laporan Saudara telah kami terima dan akan segera ditindaklanjuti.",
    "Terima kasih, masukan Bapak/Ibu menjadi bahan evaluasi kami ke depan.",
    "Baik, akan kami cek.",
    "Sudah kami sampaikan kepada instansi yang berwenang. Terima kasih.",
    "Aduan sudah didisposisikan ke OPD terkait untuk ditindaklanjuti sesuai kewenangan.",
    "Terima kasih telah menyampaikan laporan melalui LAPOR!. Akan kami proses sesuai prosedur.",
    "Mohon bersabar, kami masih berkoordinasi dengan pihak terkait.",
    "Laporan diterima. Akan diteruskan kepada Dinas terkait.",
    "Sedang ditindaklanjuti.",
    "Terima kasih atas informasinya, segera kami respon.",
    "Pengaduan Anda sudah kami catat dan akan menjadi perhatian kami.",
    "Terima kasih atas kepeduliannya. Kami akan berupaya semaksimal mungkin.",
    "Kami sudah berkoordinasi dengan pihak desa, mohon menunggu informasi selanjutnya.",
    "Telah kami sampaikan kepada Kepala Desa Sukamaju untuk ditindaklanjuti.",
    "Akan dilakukan perbaikan pada tahun anggaran 2026.",
    "Baik, terima kasih. Sudah kami proses.",
    "Laporan telah ditindaklanjuti.",
    "Sudah di tindak lanjuti ya kak.",
]
SUBSTANTIVE = [
    "Lubang di Jl. Merdeka RT 02/RW 05 sudah ditambal oleh petugas UPT Jalan pada Senin.",
    "Telah dilakukan penambalan jalan sepanjang 12 meter di Desa Sukamaju, Kecamatan Bumiayu.",
    "Petugas meninjau lokasi pada Kamis (6/3) pukul 09.00 WIB dan memasang rambu sementara.",
    "Lampu PJU di depan SD Negeri 2 sudah diganti dan kini sudah menyala kembali.",
    "Sampah di TPS Kelurahan Sidodadi telah diangkut sebanyak 3 truk pada 12 Maret 2025.",
    "Saluran air di Gang Melati sudah dikeruk, genangan sudah surut.",
    "Pohon tumbang di Jalan Pemuda sudah dipotong oleh tim BPBD, jalan kini bisa dilalui.",
    "Petugas Satpol PP menertibkan 8 pedagang di trotoar depan Pasar Baru pada Selasa pagi.",
    "Bantuan sosial atas nama pelapor telah dicairkan pada 10 April 2025 melalui Kantor Pos.",
    "Pipa PDAM yang bocor di Perumahan Griya Asri sudah diperbaiki, air sudah mengalir normal.",
    "KTP elektronik Saudara sudah dicetak dan dapat diambil di kantor Disdukcapil mulai hari Rabu.",
    "Jadwal pengangkutan sampah di RW 07 dipindah ke pukul 06.00 WIB setiap hari Senin.",
    "Tim survei UPT Jalan menjadwalkan pengukuran di KM 12+300 pada Jumat, 14 Maret 2025.",
    "Kami sudah menegur pengelola minimarket; parkir liar di Jl. Diponegoro telah ditertibkan.",
    "Pengerukan sungai di Dusun Krajan selesai dikerjakan, 40 m3 sedimen diangkut.",
    "Keluhan sudah teratasi: jaringan internet di Balai Desa Karangsari kembali berfungsi.",
    "Petugas Puskesmas Kutasari sudah mendatangi rumah warga di RT 04 dan memberikan obat.",
    "Guru yang bersangkutan telah diberikan teguran tertulis nomor 800/123/2025 oleh Kepala Dinas.",
    "Sudah dicek petugas: kerusakan berat, perbaikan diusulkan dalam APBD 2026.",
    "Sudah diperbaiki.",
    "Sudah di perbaiki oleh petugas kemarin sore.",
]


@pytest.mark.parametrize("text", NORMATIVE, ids=[f"normative-{i}" for i in range(len(NORMATIVE))])
def test_normative_follow_up_is_flagged_with_reasons(text: str) -> None:
    finding = check_follow_up(text)
    assert finding.normative, finding
    assert finding.reasons, "a flagged follow-up must say why"


@pytest.mark.parametrize(
    "text", SUBSTANTIVE, ids=[f"substantive-{i}" for i in range(len(SUBSTANTIVE))]
)
def test_substantive_follow_up_is_not_flagged(text: str) -> None:
    finding = check_follow_up(text)
    assert not finding.normative, finding
    assert finding.reasons == []
    assert finding.signals


def test_table_is_large_enough() -> None:
    assert len(NORMATIVE) + len(SUBSTANTIVE) >= 30


def test_template_thanks_and_promise_are_named_in_reasons() -> None:
    finding = check_follow_up("Terima kasih atas laporannya, akan segera kami tindak lanjuti.")
    joined = " ".join(finding.reasons)
    assert finding.reasons == [
        "ucapan terima kasih yang baku",
        "janji akan ditindaklanjuti tanpa tindakan nyata",
        "tidak menyebut tindakan, tempat, waktu, atau hasil yang konkret",
    ]
    # Plain Indonesian for an agency head: no English glosses in brackets.
    assert "(" not in joined


def test_forwarding_to_relevant_office_is_not_an_action() -> None:
    finding = check_follow_up("Laporan sudah kami teruskan ke dinas terkait.")
    assert finding.normative
    assert "hanya diteruskan ke pihak lain" in finding.reasons
    assert not any(s.startswith("tindakan") for s in finding.signals)


def test_future_promise_with_one_detail_is_still_normative() -> None:
    finding = check_follow_up("Akan kami tindak lanjuti pada hari Senin.")
    assert finding.normative
    assert finding.signals == ["tanggal: hari Senin"]
    assert "hanya satu rincian konkret, tanpa tindakan atau hasil" in finding.reasons


def test_scheduled_visit_with_place_and_date_is_substantive() -> None:
    finding = check_follow_up("Petugas akan meninjau Jl. Merdeka pada Senin, 3 Maret 2025.")
    assert not finding.normative
    kinds = {s.split(":")[0] for s in finding.signals}
    assert {"tempat", "tanggal"} <= kinds
    assert "tindakan" not in kinds


def test_signals_name_kind_and_matched_text() -> None:
    finding = check_follow_up(
        "Lubang di Jl. Merdeka RT 02/RW 05 sudah ditambal oleh petugas UPT Jalan pada Senin."
    )
    assert "tempat: Jl. Merdeka" in finding.signals
    assert "tempat: RT 02/RW 05" in finding.signals
    assert "tindakan: sudah ditambal" in finding.signals
    assert "petugas/unit: UPT" in finding.signals
    assert "tanggal: Senin" in finding.signals


def test_empty_follow_up_is_normative() -> None:
    finding = check_follow_up("   ")
    assert finding.normative
    assert finding.reasons == ["tindak lanjut kosong"]


def test_very_long_text_is_read_only_up_to_the_cap() -> None:
    filler = "Terima kasih. " * (MAX_FOLLOW_UP_CHARS // 14 + 10)
    finding = check_follow_up(filler + "Jalan sudah diperbaiki dan kini sudah normal.")
    assert finding.normative


@given(st.text(max_size=400))
def test_any_text_gives_a_consistent_finding(text: str) -> None:
    finding = check_follow_up(text)
    # Flagged findings always explain themselves; substantive ones never carry reasons.
    assert bool(finding.reasons) == finding.normative
    for signal in finding.signals:
        kind, _, snippet = signal.partition(": ")
        assert kind in {"tanggal", "waktu", "tempat", "tindakan", "jumlah", "petugas/unit", "hasil"}
        assert snippet
