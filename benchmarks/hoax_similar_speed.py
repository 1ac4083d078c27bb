"""Speed and recall of ``ClaimIndex.search`` against brute-force rapidfuzz over 100,000 claims.

Corpus: synthetic claims from templates and slot values (places, programmes, amounts, dates,
institutions), plus the real claim texts of ``../shared/data`` when present (TurnBackHoax
2024 and 2026, BDC 2020), 100,000 in all. Queries: a few hundred corpus claims rewritten the
way chain messages are (slang, boilerplate, capitals, leetspeak, a dropped tail, reordering).

Baseline: ``rapidfuzz.process.extract`` over every normalised claim with the same scorer
(:data:`hoax_clinic.matching._score.BASE_SCORER`). Both are timed including the
normalisation of the query. Printed: index build time, time per query of both, the speed
ratio, and recall (the claim the query was made from is in the top 5) of both with the
index's recall relative to brute force. Targets: >= 50x faster at >= 0.95 relative recall.

Run: ``.venv/bin/python benchmarks/hoax_similar_speed.py [N_CLAIMS] [N_QUERIES]``
"""

from __future__ import annotations

import csv
import gc
import os
import random
import sys
import time
from pathlib import Path

from rapidfuzz import process

from hoax_clinic.matching import ClaimIndex, normalize
from hoax_clinic.matching._parallel import worker_count
from hoax_clinic.matching._places import PLACES
from hoax_clinic.matching._score import BASE_SCORER

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"

TEMPLATES = [
    "{gov} {place} membagikan bansos {amount} untuk setiap KK mulai {date}, bawa KTP ke {office}",
    "BLT {prog} tahap {n} sebesar {amount} cair {when} di {office} {place}",
    "Waspada penculikan anak di {place}, pelaku menyamar jadi {job} dan membawa mobil {car}",
    "Gempa magnitudo {mag} akan mengguncang {place} {when} menurut BMKG, segera mengungsi",
    "Lowongan kerja {company} untuk lulusan {edu}, gaji {amount}, biaya pendaftaran {amount2}",
    "Selamat! Nomor Anda memenangkan undian {bank} {amount}, klik link untuk klaim sebelum {date}",
    "PLN akan memadamkan listrik di {place} selama {n} hari mulai {date} karena {reason}",
    "Harga {fuel} naik jadi {amount} per liter mulai {date} di seluruh SPBU {place}",
    "{gov} {place} menghapus denda pajak kendaraan bermotor sampai {date}",
    "Air PDAM {place} tercemar {germ}, warga dilarang minum air keran selama {n} hari",
    "Pasar {market} {place} terbakar {when}, {n} kios hangus dan api belum padam",
    "Gaji {worker} naik {n} persen mulai {month}, {official} sudah tanda tangan aturannya",
    "Minum rebusan {plant} {n} kali sehari bisa menyembuhkan {disease} dalam {n2} minggu",
    "Libur sekolah di {place} diperpanjang sampai {date} menurut surat edaran {agency}",
    "Mulai {date} pengendara {vehicle} yang memakai {item} ditilang dengan denda {amount}",
    "{official} {place} mengizinkan warga membawa {item} untuk berjaga malam di kampung",
    "Pendaftaran {prog} gelombang {n} dibuka {when}, insentif {amount} langsung cair",
    "Vaksin {vaccine} menyebabkan {disease} pada anak, banyak siswa di {place} jatuh sakit",
    "Jalan tol {road} ditutup total selama {n} hari mulai {date} untuk perbaikan",
    "Bendungan {dam} di {place} jebol {when}, warga diminta mengungsi dalam {n} jam",
]
SLOTS: dict[str, list[str]] = {
    "gov": ["Pemkab", "Pemkot", "Pemprov", "Pemda", "Bupati", "Wali Kota", "Gubernur"],
    "office": ["kantor desa", "kantor pos", "balai kota", "kecamatan", "kantor kelurahan"],
    "prog": ["BBM", "Dana Desa", "PKH", "Kartu Prakerja", "BPNT", "UMKM", "El Nino"],
    "when": ["hari ini", "besok pagi", "malam ini", "pekan depan", "sore nanti", "lusa"],
    "job": ["penjual mainan", "pengamen", "tukang parkir", "ojek online", "sales kosmetik"],
    "car": ["Avanza hitam", "Xenia putih", "Innova silver", "APV biru", "Ertiga merah"],
    "company": [
        "PT Pertamina",
        "PT PLN",
        "PT KAI",
        "Bank BRI",
        "PT Telkom",
        "PT Pos",
        "PT Freeport",
        "PT Antam",
        "Garuda Indonesia",
        "PT Pelindo",
    ],
    "edu": ["SMA", "SMK", "D3", "S1", "SMP", "semua jurusan"],
    "bank": ["BRI", "BNI", "Mandiri", "BCA", "BSI", "BTN", "CIMB Niaga", "Danamon"],
    "reason": ["perbaikan jaringan", "pemeliharaan gardu", "cuaca ekstrem", "uji coba sistem"],
    "fuel": ["Pertalite", "Pertamax", "Solar", "Dexlite", "Pertamax Turbo"],
    "germ": ["bakteri E. coli", "limbah pabrik", "merkuri", "racun tikus", "bangkai hewan"],
    "market": ["Induk", "Baru", "Raya", "Kembang", "Sentral", "Besar", "Minggu"],
    "worker": ["ASN", "PPPK", "guru honorer", "TNI", "Polri", "perangkat desa", "bidan desa"],
    "month": ["Januari 2027", "Maret 2027", "Juli 2026", "Oktober 2026", "April 2027"],
    "official": ["Presiden", "Menteri Keuangan", "Kapolda", "Gubernur", "Bupati", "Wakil Presiden"],
    "plant": ["daun sirsak", "daun pepaya", "jahe merah", "kunyit", "sereh", "daun kelor"],
    "disease": ["kanker", "diabetes", "hipertensi", "asam urat", "stroke", "kemandulan", "lumpuh"],
    "agency": ["Kemendikdasmen", "Dinas Pendidikan", "Kemenag", "Gubernur", "Bupati"],
    "vehicle": ["motor", "mobil", "sepeda listrik", "truk", "angkot"],
    "item": ["sandal jepit", "celana pendek", "senjata tajam", "helm proyek", "kaos oblong"],
    "vaccine": ["HPV", "polio", "campak", "MR", "DBD", "rubella", "booster"],
    "road": ["Cipali", "Cisumdawu", "Jagorawi", "Trans Jawa", "Cikampek", "Bocimi"],
    "dam": ["Katulampa", "Jatiluhur", "Gajah Mungkur", "Sutami", "Kedung Ombo", "Wadaslintang"],
}
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]  # fmt: skip
TO_SLANG = {"yang": "yg", "tidak": "gak", "dengan": "dgn", "untuk": "utk", "sudah": "udah",
            "akan": "bakal", "karena": "krn", "dari": "dr", "belum": "blm", "juga": "jg",
            "kalau": "klo", "orang": "org", "banyak": "bnyk", "sampai": "sampe"}  # fmt: skip
LEET = str.maketrans("aeiost", "4310$7")


def _places() -> list[str]:
    names = sorted(p.title() for p in PLACES)
    wilayah = SHARED / "wilayah-kemendagri" / "wilayah.csv"
    if wilayah.is_file():
        with wilayah.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row["kode"].count(".") in (1, 2):  # kab/kota and kecamatan names
                    names.append(row["nama"].replace("Kabupaten ", "").replace("Kota ", ""))
    return names


def _fill(template: str, rng: random.Random, places: list[str]) -> str:
    values = {k: rng.choice(v) for k, v in SLOTS.items()}
    values["place"] = rng.choice(places)
    values["n"] = str(rng.randint(2, 30))
    values["n2"] = str(rng.randint(1, 8))
    values["mag"] = f"{rng.randint(5, 9)},{rng.randint(0, 9)}"
    values["amount"] = rng.choice([
        f"Rp{rng.randint(1, 99) * 50}.000", f"Rp{rng.randint(1, 20)} juta",
        f"Rp {rng.randint(1, 9)},{rng.randint(1, 9)} juta", f"{rng.randint(1, 900)}rb",
        f"Rp{rng.randint(5, 19)}.{rng.randint(0, 9)}00",
    ])  # fmt: skip
    values["amount2"] = f"Rp{rng.randint(1, 50) * 10} ribu"
    values["date"] = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.choice([2026, 2027])}"
    return template.format(**values)


def corpus(n: int, rng: random.Random) -> tuple[list[str], int]:
    """``n`` distinct claim texts (the shared real texts first) and how many are real."""
    texts: list[str] = []
    seen: set[str] = set()
    for path, column in [
        (SHARED / "turnbackhoax-2024-claims" / "politics_hoax_text.csv", "HOAX_TEXT"),
        (SHARED / "turnbackhoax-2024-claims" / "scam_hoax_text.csv", "HOAX_TEXT"),
        (SHARED / "turnbackhoax-2024-claims" / "others_hoax_text.csv", "HOAX_TEXT"),
        (SHARED / "bdc2020-hoaks" / "Data_latih.csv", "narasi"),
        (SHARED / "turnbackhoax-2026-articles" / "turnbackhoax_articles.csv", "narasi"),
    ]:
        if path.is_file():
            with path.open(encoding="utf-8-sig") as fh:
                for row in csv.DictReader(fh):
                    text = (row.get(column) or "").split("PENJELASAN")[0][:400].strip()
                    if len(text) > 30 and text not in seen:
                        seen.add(text)
                        texts.append(text)
    real = min(len(texts), n)
    places = _places()
    while len(texts) < n:
        text = _fill(rng.choice(TEMPLATES), rng, places)
        if text not in seen:
            seen.add(text)
            texts.append(text)
    return texts[:n], real


def reword(text: str, rng: random.Random) -> str:
    """Rewrite a claim the way it comes back: slang, boilerplate, capitals, cuts, reorder."""
    words = text.split()
    if len(words) > 8 and rng.random() < 0.4:
        words = words[: int(len(words) * rng.uniform(0.7, 0.9))]
    if len(words) > 6 and rng.random() < 0.3:
        cut = rng.randint(2, len(words) - 2)
        words = words[cut:] + words[:cut]
    words = [TO_SLANG.get(w.lower(), w) if rng.random() < 0.8 else w for w in words]
    if rng.random() < 0.3:
        i = rng.randrange(len(words))
        if words[i].isalpha() and len(words[i]) > 4:
            words[i] = words[i].translate(LEET)
    out = " ".join(words)
    if rng.random() < 0.3:
        out = out.upper()
    if rng.random() < 0.5:
        out = rng.choice(["SEBARKAN!!! ", "INFO VALID!! ", "copas dari grup sebelah: ", ""]) + out
    if rng.random() < 0.4:
        out += rng.choice([" Jangan berhenti di kamu ya!!", " share ke grup lain", " 🙏🙏🙏"])
    return out


def main() -> None:
    """Build, query, compare, print."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    n_queries = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    rng = random.Random(20260617)
    texts, real = corpus(n, rng)
    ids = [f"c{i}" for i in range(len(texts))]

    load_start = os.getloadavg()[0]
    t0 = time.perf_counter()
    index = ClaimIndex.from_pairs(zip(ids, texts, strict=True))
    build = time.perf_counter() - t0
    helpers = worker_count(len(texts), None)
    # Baseline in the same run: the same build without helper processes, after the first
    # index is freed (its caches are warm: if anything this flatters the serial build). The
    # searches below use this second index; both must be identical.
    norms, postings = index._norms, index._postings
    del index
    gc.collect()
    t0 = time.perf_counter()
    index = ClaimIndex.from_pairs(zip(ids, texts, strict=True), workers=0)
    build_serial = time.perf_counter() - t0
    same = index._norms == norms and index._postings == postings
    del norms, postings
    t0 = time.perf_counter()
    normalized = [normalize(t) for t in texts]  # the baseline's own preprocessing, untimed
    t_norm = time.perf_counter() - t0

    picks = rng.sample(range(len(texts)), n_queries)
    queries = [(reword(texts[i], rng), ids[i]) for i in picks]

    t0 = time.perf_counter()
    ours = [[m.claim_id for m in index.search(q, limit=5)] for q, _ in queries]
    t_index = time.perf_counter() - t0

    t0 = time.perf_counter()
    brute = []
    for q, _ in queries:
        found = process.extract(normalize(q), normalized, scorer=BASE_SCORER, limit=5)
        brute.append([ids[k] for _, _, k in found])
    t_brute = time.perf_counter() - t0

    hit_ours = sum(truth in got for (_, truth), got in zip(queries, ours, strict=True))
    hit_brute = sum(truth in got for (_, truth), got in zip(queries, brute, strict=True))
    top1_agree = sum(
        bool(b) and b[0] in o for b, o in zip(brute, ours, strict=True)
    )  # fmt: skip
    print(f"claims: {len(texts)} ({real} real texts from ../shared/data, the rest synthetic)")
    print(f"queries: {n_queries} reworded corpus claims")
    print(f"index build: {build:.1f} s ({build / len(texts) * 1e6:.0f} us per claim; "
          f"target <= 10 s for 100,000 claims); helper processes: {helpers}")  # fmt: skip
    print(f"  the same build without helpers (workers=0): {build_serial:.1f} s "
          f"({build_serial / build:.2f}x the time); identical index: {same}")  # fmt: skip
    print(f"  of which normalisation alone takes {t_norm:.1f} s "
          f"(build / normalisation = {build / t_norm:.2f})")  # fmt: skip
    print(f"ClaimIndex.search: {t_index / n_queries * 1e3:.2f} ms per query")
    print(f"brute-force rapidfuzz.process.extract: {t_brute / n_queries * 1e3:.1f} ms per query")
    print(f"speed ratio: {t_brute / t_index:.0f}x (target >= 50x)")
    r_ours, r_brute = hit_ours / n_queries, hit_brute / n_queries
    print(f"recall@5 of the source claim: index {r_ours:.3f}, brute force {r_brute:.3f}")
    print(f"relative recall: {r_ours / r_brute:.3f} (target >= 0.95)")
    print(f"brute force's top-1 found in the index's top 5: {top1_agree / n_queries:.3f}")
    print(f"load average (1 min) at start / end: {load_start:.2f} / {os.getloadavg()[0]:.2f} "
          f"on {os.cpu_count()} CPUs")  # fmt: skip


if __name__ == "__main__":
    main()
