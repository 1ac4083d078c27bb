"""A small hand-made complaint history with three categories, and a model fitted on it."""

from __future__ import annotations

import random

import pytest

from lapor_sdk.triage import TriageModel

_PLACES = [
    "Desa Tetel",
    "Kecamatan Bobotsari",
    "Kelurahan Kalikabong",
    "RT 03 RW 05",
    "Dusun Kidul",
]
_CATEGORY_WORDS = {
    "infrastruktur": [
        "jalan rusak berlubang",
        "jembatan ambrol",
        "lampu penerangan jalan mati",
        "saluran drainase mampet",
        "aspal mengelupas",
        "jalan licin dan berlubang",
        "trotoar rusak",
        "gorong-gorong tersumbat",
    ],
    "kesehatan": [
        "puskesmas tutup",
        "antrean rumah sakit panjang",
        "obat di puskesmas habis",
        "bidan desa tidak ada",
        "pelayanan bpjs kesehatan lambat",
        "dokter jarang datang",
        "imunisasi anak tertunda",
        "ambulans desa rusak",
    ],
    "pendidikan": [
        "sekolah memungut biaya",
        "guru honorer belum digaji",
        "ruang kelas bocor",
        "pendaftaran siswa baru kacau",
        "buku pelajaran tidak dibagikan",
        "beasiswa siswa belum cair",
        "seragam sekolah dijual mahal",
        "kepala sekolah jarang hadir",
    ],
}
_OPENINGS = ["Mohon dibantu,", "Selamat pagi pak,", "Lapor min,", "Tolong ditindaklanjuti:", ""]


def make_corpus(per_label: int = 40, seed: int = 0) -> tuple[list[str], list[str]]:
    """Deterministic complaints: an opening, two phrases of the category, a place."""
    rng = random.Random(seed)
    texts, labels = [], []
    for _ in range(per_label):
        for label, phrases in _CATEGORY_WORDS.items():
            a, b = rng.sample(phrases, 2)
            texts.append(f"{rng.choice(_OPENINGS)} {a} dan {b} di {rng.choice(_PLACES)}".strip())
            labels.append(label)
    return texts, labels


@pytest.fixture(scope="session")
def corpus() -> tuple[list[str], list[str]]:
    return make_corpus()


@pytest.fixture(scope="session")
def model(corpus: tuple[list[str], list[str]]) -> TriageModel:
    texts, labels = corpus
    return TriageModel.fit(texts, labels, routes={"infrastruktur": "DPU Bina Marga"})
