"""Route new complaints with a model fitted on the agency's own history, and know when not to.

Runs offline in a few seconds (needs the triage extra: ``pip install "lapor-sdk[triage]"``):

    python examples/triage_routing.py

A Diskominfo desk has routed complaints by hand for a while. It fits a model on that history,
keeps it as a JSON file, and from then on every WhatsApp message arrives at the desk with a
suggested category and unit — or with "not sure", and a person routes it.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path

from lapor_sdk.intake import from_message
from lapor_sdk.triage import TriageModel, evaluate

WIB = dt.timezone(dt.timedelta(hours=7))
ROUTES = {
    "infrastruktur": "DPU Bina Marga",
    "kesehatan": "Dinas Kesehatan",
    "pendidikan": "Dinas Pendidikan",
}
PHRASES = {
    "infrastruktur": [
        "jalan rusak berlubang",
        "jembatan ambrol",
        "lampu penerangan jalan mati",
        "saluran drainase mampet",
        "aspal mengelupas",
        "trotoar rusak",
        "gorong-gorong buntu",
    ],
    "kesehatan": [
        "puskesmas tutup",
        "antrean rumah sakit panjang",
        "obat di puskesmas habis",
        "bidan desa tidak ada",
        "layanan bpjs kesehatan lambat",
        "ambulans desa rusak",
    ],
    "pendidikan": [
        "sekolah memungut biaya",
        "guru honorer belum digaji",
        "ruang kelas bocor",
        "pendaftaran siswa baru kacau",
        "beasiswa siswa belum cair",
        "seragam sekolah mahal",
    ],
}
PLACES = ["Desa Tetel", "Kecamatan Bobotsari", "Kelurahan Kalikabong", "RT 03 RW 05"]


def history(per_label: int, seed: int) -> tuple[list[str], list[str]]:
    """The desk's routed history: (text, category) pairs."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    texts, labels = [], []
    for _ in range(per_label):
        for label, phrases in PHRASES.items():
            a, b = rng.sample(phrases, 2)
            texts.append(f"Mohon dibantu, {a} dan {b} di {rng.choice(PLACES)}")
            labels.append(label)
    return texts, labels


def main() -> None:
    texts, labels = history(40, seed=0)
    model = TriageModel.fit(texts, labels, routes=ROUTES)
    report = model.fit_report
    print(f"fitted on {report.n_texts} reports, {len(model.labels)} categories")
    print(f"threshold {model.threshold:.2f} for precision {model.target_precision} (out of fold)")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "triage-model.json"
        model.save(path)
        model = TriageModel.load(path)  # plain JSON: nothing in it runs
        print(f"saved and loaded: {path.name}, labels {', '.join(model.labels)}")

    messages = [
        "Selamat pagi pak, jln di Desa Tetel berlubang parah dan lampu PJU mati sejak seminggu",
        "Obat di puskesmas habis terus, antrean panjang sekali",
        "Harga cabai di pasar naik terus, mohon pemerintah turun tangan",
    ]
    at = dt.datetime(2026, 3, 2, 8, 0, tzinfo=WIB)
    for text in messages:
        draft = from_message(text, sender="0812-3000-1001", received_at=at).with_suggestion(model)
        print(f"{draft.complaint.title[:40]!r}: {draft.suggestion}")

    held_texts, held_labels = history(10, seed=99)
    result = evaluate(model, held_texts, held_labels)
    print(
        f"held out: accuracy {result.accuracy:.2f}, macro-F1 {result.macro_f1:.2f}, "
        f"suggests for {result.coverage_at_threshold:.0%}"
    )


if __name__ == "__main__":
    main()
