"""``lapor triage fit / suggest / eval``: the happy path and one-line errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lapor_sdk.cli import app
from lapor_sdk.triage import TriageModel

from .conftest import make_corpus

runner = CliRunner()


def _csv(path: Path, delimiter: str, per_label: int = 20, seed: int = 0) -> Path:
    texts, labels = make_corpus(per_label=per_label, seed=seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(["id", "isi aduan", "kategori"])
        for i, (text, label) in enumerate(zip(texts, labels, strict=True)):
            writer.writerow([i, text, label])
        writer.writerow([999, "", "kesehatan"])  # no text: skipped
    return path


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_fit_then_suggest_then_eval(delimiter: str, tmp_path: Path) -> None:
    history = _csv(tmp_path / "history.csv", delimiter)
    model_path = tmp_path / "model.json"
    result = runner.invoke(
        app,
        [
            "triage",
            "fit",
            str(history),
            "--text-column",
            "isi aduan",
            "--label-column",
            "kategori",
            "-o",
            str(model_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "3 labels" in result.output
    assert "1 rows without text or label skipped" in result.output
    assert "out of fold (3 folds): accuracy" in result.output
    assert TriageModel.load(model_path).labels == ("infrastruktur", "kesehatan", "pendidikan")

    result = runner.invoke(
        app, ["triage", "suggest", "--model", str(model_path), "jembatan ambrol di desa tetel"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("suggested: infrastruktur, ")
    result = runner.invoke(
        app, ["triage", "suggest", "-m", str(model_path), "--json", "obat puskesmas habis"]
    )
    assert json.loads(result.output)["label"] == "kesehatan"

    held_out = _csv(tmp_path / "new.csv", delimiter, per_label=5, seed=3)
    result = runner.invoke(
        app,
        [
            "triage",
            "eval",
            "--model",
            str(model_path),
            str(held_out),
            "--text-column",
            "isi aduan",
            "--label-column",
            "kategori",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["n"] == 15 and report["accuracy"] >= 0.9


def test_errors_are_one_line(tmp_path: Path) -> None:
    history = _csv(tmp_path / "history.csv", ";")
    result = runner.invoke(
        app,
        [
            "triage",
            "fit",
            str(history),
            "--text-column",
            "teks",
            "--label-column",
            "kategori",
            "-o",
            str(tmp_path / "m.json"),
        ],
    )
    assert result.exit_code == 1
    assert "no column 'teks'" in result.output and "'isi aduan'" in result.output
    assert "Traceback" not in result.output

    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"format": "something else"}', encoding="utf-8")
    result = runner.invoke(app, ["triage", "suggest", "--model", str(bogus), "jalan rusak"])
    assert result.exit_code == 1
    assert "not a lapor-sdk triage model" in result.output
    assert len(result.output.strip().splitlines()) == 1

    result = runner.invoke(app, ["triage", "suggest", "--model", str(bogus), "x" * 20_001])
    assert result.exit_code == 1 and "at most 20000" in result.output

    not_utf8 = tmp_path / "latin1.csv"
    not_utf8.write_bytes("teks;kategori\ncaf\xe9;a\n".encode("latin-1"))
    result = runner.invoke(
        app,
        [
            "triage",
            "fit",
            str(not_utf8),
            "--text-column",
            "teks",
            "--label-column",
            "kategori",
            "-o",
            str(tmp_path / "m.json"),
        ],
    )
    assert result.exit_code == 1 and "is not UTF-8" in result.output
