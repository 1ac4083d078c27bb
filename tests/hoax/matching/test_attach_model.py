"""The calibrated attach model, the stemmer, asymmetric containment and re-fitting."""

from __future__ import annotations

import dataclasses
import json
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from hoax_clinic import ClaimTracker
from hoax_clinic._exceptions import InvalidClaimInputError
from hoax_clinic.cli import app
from hoax_clinic.matching import (
    DEFAULT_THRESHOLD,
    MODEL_ENV,
    SIGNALS,
    AttachModel,
    ClaimIndex,
    default_model,
    explain,
    fit_attach_model,
    normalize,
    pair_signals,
    score,
    stem,
)
from hoax_clinic.matching._model import fit_logistic

MODEL_FILE = (
    Path(__file__).resolve().parents[3] / "src" / "hoax_clinic" / "matching" / "attach_model.json"
)


# -- the shipped model -----------------------------------------------------------------------


def test_shipped_model_names_every_signal_and_was_fitted_by_the_script() -> None:
    model = default_model()
    assert model.features == SIGNALS
    assert DEFAULT_THRESHOLD == model.threshold
    assert 0.0 < model.threshold < 1.0
    meta = json.loads(MODEL_FILE.read_text(encoding="utf-8"))["meta"]
    assert meta["fitted_by"] == "scripts/fit_hoax_matcher.py"
    assert "2024" in meta["fitted_on"]
    assert "2026" not in meta["fitted_on"]  # the held-out split is never fitted on


def test_the_model_is_applied_with_the_logistic_function() -> None:
    model = default_model()
    values = pair_signals("Bansos Rp600 ribu cair 17 Juni", "bansos 600rb cair tgl 17/6")
    z = sum(
        c * (values[f] - m) / s
        for f, c, m, s in zip(model.features, model.coef, model.mean, model.scale, strict=True)
    )
    assert model.probability(values) == pytest.approx(1 / (1 + math.exp(-(z + model.intercept))))
    e = explain("Bansos Rp600 ribu cair 17 Juni", "bansos 600rb cair tgl 17/6")
    assert e.probability == pytest.approx(model.probability(values))
    assert sum(e.contributions.values()) + model.intercept == pytest.approx(z + model.intercept)


def test_model_json_round_trips_and_bad_files_are_refused() -> None:
    model = default_model()
    again = AttachModel.from_json(model.to_json())
    assert again.features == model.features
    assert again.coef == pytest.approx(model.coef, abs=1e-6)
    doc = json.loads(model.to_json())
    for broken in (
        {**doc, "coef": doc["coef"][:-1]},
        {**doc, "threshold": 1.5},
        {**doc, "scale": [0.0] * len(doc["scale"])},
        {**doc, "coef": ["x"] * len(doc["coef"])},
    ):
        with pytest.raises(InvalidClaimInputError):
            AttachModel.from_json(json.dumps(broken))
    with pytest.raises(InvalidClaimInputError):
        AttachModel.from_json("{" + " " * 70_000 + "}")


def test_a_model_file_named_in_the_environment_replaces_the_shipped_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strict = dataclasses.replace(default_model(), threshold=0.99)
    path = tmp_path / "model.json"
    path.write_text(strict.to_json(), encoding="utf-8")
    monkeypatch.setenv(MODEL_ENV, str(path))
    assert default_model().threshold == 0.99
    index = ClaimIndex()
    index.add("c", "Pemkab Sleman bagi bansos Rp600.000 per KK")
    assert index.model.threshold == 0.99


def test_numpy_fit_matches_a_known_logistic_model() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(4000, 2))
    logit = 1.5 * x[:, 0] - 2.0 * x[:, 1] + 0.3
    y = (rng.random(4000) < 1 / (1 + np.exp(-logit))).astype(float)
    model = fit_logistic(("a", "b"), x, y, l2=1e-6)
    raw = np.asarray(model.coef) / np.asarray(model.scale)
    assert raw == pytest.approx([1.5, -2.0], abs=0.2)
    with pytest.raises(InvalidClaimInputError):
        fit_logistic(("a", "b"), x, np.zeros(4000))


# -- asymmetric containment and guards --------------------------------------------------------

POST = (
    "INFO DARI GRUP SEBELAH!!! Pemerintah Kabupaten Sleman katanya bakal bagiin bantuan sosial "
    "enam ratus ribu rupiah utk tiap KK mulai tgl 17/6/2026, yg blm dapet cukup bawa KTP ke "
    "kantor desa masing2, jangan sampai ketinggalan ya bapak ibu, kuota terbatas 😱😱 "
    "#bansos #sleman #fyp"
)


def test_a_short_claim_inside_a_long_forwarded_post_attaches() -> None:
    claim = "Pemkab Sleman bagi bansos Rp600.000 per KK mulai 17 Juni 2026"
    assert len(normalize(POST).split()) > 2 * len(normalize(claim).split())
    assert score(POST, claim) >= DEFAULT_THRESHOLD
    signals = pair_signals(POST, claim)
    assert signals["cover_short"] > 0.8 > signals["cover_long"]


@pytest.mark.parametrize(
    "other",
    [
        "Pemkab Sleman bagi bansos Rp1.000.000 per KK mulai 17 Juni 2026",  # amount
        "Pemkab Sleman bagi bansos Rp600.000 per KK mulai 24 Juni 2026",  # date
        "Pemkab Bantul bagi bansos Rp600.000 per KK mulai 17 Juni 2026",  # place
    ],
)
def test_hard_negatives_stay_apart_even_inside_a_long_post(other: str) -> None:
    e = explain(POST, other)
    assert e.conflicts
    assert e.score < DEFAULT_THRESHOLD


def test_different_banks_are_different_claims() -> None:
    a = "Selamat! Nomor Anda memenangkan undian Bank BRI Rp100 juta, klik link untuk klaim"
    b = "Selamat! Nomor Anda memenangkan undian Bank BNI Rp100 juta, klik link untuk klaim"
    assert "organisation" in explain(a, b).conflicts or "substitution" in explain(a, b).conflicts
    assert score(a, b) < DEFAULT_THRESHOLD


def test_search_returns_limit_candidates_when_the_index_holds_them() -> None:
    index = ClaimIndex(candidates=2)
    for i in range(12):
        index.add(f"c{i}", f"Pemkab Sleman bagi bansos tahap {i} di kantor desa")
    assert len(index.search("bansos sleman", limit=8)) == 8


# -- normalisation and stemming ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("membagikan", "bagi"),
        ("dibagikan", "bagi"),
        ("pembagian", "bagi"),
        ("penyebaran", "sebar"),
        ("pengunduran", "undur"),
        ("bersekolah", "sekolah"),
        ("kebakaran", "bakar"),
        ("jokowi", "jokowi"),  # not a KBBI word: left alone
    ],
)
def test_light_stemmer(word: str, root: str) -> None:
    assert stem(word) == root


@given(st.text(alphabet="abcdefghijklmnoprstuwy", min_size=1, max_size=14))
def test_stemmer_never_grows_a_word_and_is_stable(word: str) -> None:
    root = stem(word)
    assert len(root) <= len(word) + 1  # a nasal change may put back one letter (meny- -> s)
    assert stem(root) == root


@pytest.mark.parametrize(
    "amount", ["Rp 600.000", "600rb", "enam ratus ribu", "Rp600 ribu", "600.000 rupiah"]
)
def test_amounts_written_differently_are_one_token(amount: str) -> None:
    assert normalize(f"bansos {amount}") == "bansos rp600000"


def test_emoji_tag_clouds_and_elongation_are_stripped() -> None:
    assert normalize("SEBARKAAAN!!! 😱😱 bansos cair #bansos #sleman #fyp") == "bansos cair"
    assert normalize("#bansos cair hari ini") == "bansos cair hari ini"
    assert normalize("video gibran #fypシ") == "video gibran"


# -- re-fitting on a clinic's own decisions ---------------------------------------------------

TOPICS = [
    ("Air PDAM {p} tercemar bakteri, jangan diminum", "air pdam {p} ada bakteri jgn diminum!!"),
    ("Gempa besar akan guncang {p} malam ini", "SEBARKAN gempa besar guncang {p} nanti malam"),
    ("Pemkot {p} bagi sembako gratis di balai kota", "pemkot {p} bagiin sembako gratis di balkot"),
]
PLACES = ["Bandung", "Surabaya", "Medan", "Makassar", "Padang", "Malang", "Bogor", "Depok"]


def _clinic(tracker: ClaimTracker | None = None) -> ClaimTracker:
    tracker = tracker or ClaimTracker()
    seen = datetime.now(UTC) - timedelta(hours=3)
    for place in PLACES:
        for text, reworded in TOPICS:
            r = tracker.log(text.format(p=place), platform="wa", seen_at=seen)
            other = tracker.log(reworded.format(p=place), platform="fb", seen_at=seen)
            if other.claim.id != r.claim.id:  # a duplicate: staff merge it
                tracker.merge(r.claim.id, other.claim.id)
            tracker.set_verdict(r.claim.id, "hoaks")
    return tracker


def test_the_clinic_attaches_a_reworded_sighting_and_says_why() -> None:
    tracker = _clinic()
    best = tracker.similar(
        "SEBARKAAN!! air pdam bandung ada bakteri, jgn diminum #fyp", explain=True
    )
    assert best[0].attach
    assert "Bandung" in best[0].claim.text
    assert not any(r.startswith("conflict:") for r in best[0].reasons)
    assert all(not m.attach for m in best[1:])
    assert any("conflict:place" in m.reasons for m in best[1:])


def test_labelled_pairs_come_from_checked_claims_and_refit_writes_a_usable_model(
    tmp_path: Path,
) -> None:
    tracker = _clinic()
    pairs = tracker.labelled_pairs()
    same = [p for p in pairs if p[2]]
    apart = [p for p in pairs if not p[2]]
    assert len(same) == len(PLACES) * len(TOPICS)
    assert len(apart) == len(PLACES) * len(TOPICS)
    model = fit_attach_model(pairs)
    path = tmp_path / "clinic.json"
    path.write_text(model.to_json(), encoding="utf-8")
    loaded = AttachModel.load(path)
    decided = [(score(a, b, model=loaded) >= loaded.threshold) == s for a, b, s in pairs]
    assert sum(decided) / len(decided) >= 0.9
    with pytest.raises(InvalidClaimInputError):
        fit_attach_model(pairs[:5])


def test_hoax_similar_and_refit_matcher_commands(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'clinic.db'}"
    runner = CliRunner()
    result = runner.invoke(app, ["--db", db, "refit-matcher", "--out", str(tmp_path / "m.json")])
    assert result.exit_code != 0
    assert "verdicts" in result.output
    with ClaimTracker.open(db) as tracker:
        _clinic(tracker)
    result = runner.invoke(
        app,
        ["--db", db, "similar", "SEBARKAAN!! air pdam bandung ada bakteri, jgn diminum #fyp"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if "HX-" in line]
    assert len(rows) == 5  # --limit defaults to 5 and the clinic holds more similar claims
    assert "PDAM" in rows[0]
    assert "conflict:place" in result.output  # other cities' PDAM claims: kept apart, and why
    assert "rare_cover=" in result.output or "cosine=" in result.output
    out_file = tmp_path / "m.json"
    result = runner.invoke(app, ["--db", db, "refit-matcher", "--out", str(out_file)])
    assert result.exit_code == 0, result.output
    assert AttachModel.load(out_file).features == SIGNALS
