"""Model files: plain JSON that round-trips exactly, and hostile files that are refused."""

from __future__ import annotations

import base64
import json
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lapor_sdk.triage import ModelFileError, TriageModel

from .conftest import make_corpus


def _document(model: TriageModel, tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "model.json"
    model.save(path)
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _write(tmp_path: Path, document: object, name: str = "hostile.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_round_trip_gives_the_same_suggestions(model: TriageModel, tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    model.save(path)
    loaded = TriageModel.load(path)
    assert loaded.labels == model.labels
    assert loaded.threshold == model.threshold
    assert loaded.routes == {"infrastruktur": "DPU Bina Marga"}
    assert loaded.fit_report == model.fit_report
    assert loaded.sdk_version == model.sdk_version and loaded.created_at == model.created_at
    texts, _ = make_corpus(per_label=5, seed=7)
    for text in [*texts, "puskesmas", ""]:
        assert loaded.suggest(text) == model.suggest(text)


def test_the_file_is_plain_json_with_what_an_agency_needs_to_know(
    model: TriageModel, tmp_path: Path
) -> None:
    doc = _document(model, tmp_path)
    raw = (tmp_path / "model.json").read_bytes()
    # No pickle anywhere: not the file, not inside the arrays (pickle streams start 0x80).
    assert not raw.startswith(b"\x80") and b"pickle" not in raw
    for array in (doc["classifier"]["weights"], doc["features"][0]["idf"]):
        assert array["dtype"] in {"float16", "float32"}
        assert not zlib.decompress(base64.b64decode(array["zlib_base64"])).startswith(b"\x80")
    assert doc["format"] == "lapor-sdk/triage-model" and doc["format_version"] == 1
    assert doc["sdk_version"] == model.sdk_version
    assert doc["labels"] == list(model.labels)
    assert doc["threshold"] == model.threshold and doc["target_precision"] == 0.95
    assert doc["fit_report"]["accuracy"] == model.fit_report.accuracy
    assert doc["fit_report"]["folds"] == 3


labels_strategy = st.lists(
    st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=30).filter(
        lambda s: s.strip() == s and s != ""
    ),
    min_size=2,
    max_size=5,
    unique=True,
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    labels=labels_strategy,
    words=st.lists(
        st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8),
        min_size=6,
        max_size=20,
        unique=True,
    ),
    data=st.data(),
)
def test_round_trip_over_label_sets_and_texts(
    labels: list[str], words: list[str], data: st.DataObject, tmp_path: Path
) -> None:
    texts, y = [], []
    for i, label in enumerate(labels):
        for j in range(4):
            picked = data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=6))
            texts.append(" ".join([*picked, f"kata{i}", words[(i + j) % len(words)]]))
            y.append(label)
    model = TriageModel.fit(texts, y, min_df=1, folds=2)
    path = tmp_path / "m.json"
    model.save(path)
    loaded = TriageModel.load(path)
    assert loaded.labels == model.labels == tuple(sorted(labels))
    probe = data.draw(st.lists(st.text(max_size=40), min_size=1, max_size=5))
    for text in [*probe, *texts[:3]]:
        a, b = loaded.suggest(text), model.suggest(text)
        assert a.label == b.label and a.abstain == b.abstain
        assert a.confidence == pytest.approx(b.confidence, abs=1e-6)


def _array(
    values: np.ndarray[Any, Any], *, shape: list[int] | None = None, payload: bytes | None = None
) -> dict[str, Any]:
    data = payload if payload is not None else values.astype("<f4").tobytes()
    return {
        "dtype": "float32",
        "shape": shape if shape is not None else list(values.shape),
        "zlib_base64": base64.b64encode(zlib.compress(data)).decode(),
    }


def _mutations(doc: dict[str, Any]) -> dict[str, tuple[dict[str, Any], str]]:
    def changed(path: list[str | int], value: Any) -> dict[str, Any]:
        copy = json.loads(json.dumps(doc))
        node = copy
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        return copy

    n_features = len(doc["features"][0]["vocabulary"]) + len(doc["features"][1]["vocabulary"])
    bomb = _array(np.zeros(3), shape=[3], payload=b"\0" * 50_000_000)
    nan_intercept = _array(np.array([np.nan, 0.0, 1.0]))
    return {
        "other format": (changed(["format"], "sklearn-pickle"), "not a lapor-sdk triage model"),
        "newer version": (changed(["format_version"], 2), "format_version 2"),
        "extra field": (changed(["__reduce__"], "os.system"), "__reduce__"),
        "threshold out of range": (changed(["threshold"], 1.5), "threshold"),
        "threshold as text": (changed(["threshold"], "0.5"), "threshold"),
        "duplicate labels": (changed(["labels"], ["a", "a", "b"]), "duplicate"),
        "one label": (changed(["labels"], ["a"]), "labels"),
        "route to unknown label": (changed(["routes"], {"pertanian": "Dinas"}), "no such label"),
        "object dtype": (changed(["classifier", "weights", "dtype"], "object"), "dtype"),
        "shape mismatch": (
            changed(["classifier", "weights"], _array(np.zeros((n_features + 1, 3)))),
            "shape",
        ),
        "decompression bomb": (changed(["classifier", "intercept"], bomb), "bytes its shape"),
        "not finite": (changed(["classifier", "intercept"], nan_intercept), "not finite"),
        "bad base64": (changed(["features", 0, "idf", "zlib_base64"], "!!!"), "compressed"),
        "duplicate vocabulary": (
            changed(["features", 0, "vocabulary"], ["x"] * len(doc["features"][0]["vocabulary"])),
            "repeats",
        ),
        "huge n-gram": (changed(["features", 0, "ngram_range"], [1, 99]), "ngram_range"),
        "zero temperature": (changed(["classifier", "temperature"], 0.0), "temperature"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "other format",
        "newer version",
        "extra field",
        "threshold out of range",
        "threshold as text",
        "duplicate labels",
        "one label",
        "route to unknown label",
        "object dtype",
        "shape mismatch",
        "decompression bomb",
        "not finite",
        "bad base64",
        "duplicate vocabulary",
        "huge n-gram",
        "zero temperature",
    ],
)
def test_hostile_or_corrupt_model_files_are_refused(
    case: str, model: TriageModel, tmp_path: Path
) -> None:
    doc = _document(model, tmp_path)
    document, message = _mutations(doc)[case]
    with pytest.raises(ModelFileError, match=message) as info:
        TriageModel.load(_write(tmp_path, document))
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"\x80\x04\x95pickle", "not valid JSON", id="pickle-bytes"),
        pytest.param(b"{", "not valid JSON", id="truncated"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, "nested too deeply", id="deep"),
        pytest.param(b'{"format": NaN}', "not valid JSON", id="nan"),
        pytest.param(b"[1, 2]", "not a lapor-sdk triage model", id="list"),
        pytest.param(b"\xff\xfe", "not valid JSON", id="not-utf8"),
    ],
)
def test_garbage_files_are_refused(content: bytes, message: str, tmp_path: Path) -> None:
    path = tmp_path / "garbage.json"
    path.write_bytes(content)
    with pytest.raises(ModelFileError, match=message):
        TriageModel.load(path)


def test_huge_and_missing_files_are_refused(model: TriageModel, tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    model.save(path)
    with pytest.raises(ModelFileError, match="larger than 1000 bytes"):
        TriageModel.load(path, max_bytes=1000)
    with pytest.raises(ModelFileError, match="cannot read model file"):
        TriageModel.load(tmp_path / "absent.json")


@pytest.mark.parametrize("preprocessed", [False, True])
def test_personal_numbers_never_reach_the_model_file(preprocessed: bool, tmp_path: Path) -> None:
    texts, labels = make_corpus(per_label=10)
    secret = " NIK 3578015708900003 hp 081234567890 surel warga.rahasia@example.org"
    texts = [t + secret for t in texts]
    if preprocessed:
        fit_texts: list[Any] = [t.lower().split() for t in texts]
    else:
        fit_texts = texts
    model = TriageModel.fit(fit_texts, labels, preprocessed=preprocessed, min_df=1)
    path = tmp_path / "model.json"
    model.save(path)
    raw = path.read_text(encoding="utf-8")
    for part in ("3578015708900003", "081234567890", "4567", "warga.rahasia"):
        assert part not in raw
    # The file is readable by its owner only: its vocabulary comes from complaints.
    assert path.stat().st_mode & 0o077 == 0
