"""Intake drafts carry the triage suggestion when a model is configured."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from lapor_sdk.cli import app
from lapor_sdk.intake import from_message
from lapor_sdk.triage import Suggestion, TriageModel

AT = dt.datetime(2025, 3, 3, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def test_a_draft_carries_the_suggestion(model: TriageModel) -> None:
    draft = from_message(
        "Selamat pagi. Jembatan ambrol dan jalan rusak berlubang di Desa Tetel, "
        "Kecamatan Pengadegan, Purbalingga. Hub 0812-3456-7890",
        sender="0812-3456-7890",
        received_at=AT,
    )
    assert draft.suggestion is None and draft.to_dict()["suggestion"] is None
    assert draft.with_suggestion(None) is draft
    routed = draft.with_suggestion(model)
    assert isinstance(routed.suggestion, Suggestion)
    assert routed.suggestion.label == "infrastruktur"
    assert str(routed.suggestion).startswith("suggested: infrastruktur → DPU Bina Marga, ")
    view = routed.to_dict()
    assert view["suggestion"]["label"] == "infrastruktur"
    assert view["suggestion"]["unit"] == "DPU Bina Marga"
    assert routed.complaint == draft.complaint
    assert "3456" not in str(view["suggestion"])


# -- lapor intake --model ----------------------------------------------------------------------

runner = CliRunner()
ROAD = (
    "Selamat pagi. Jembatan ambrol dan jalan rusak berlubang di Desa Tetel, "
    "Kecamatan Pengadegan, Purbalingga. Hub 0812-3456-7890"
)
UNCLEAR = "Selamat pagi, mohon info jadwal pemilu di Purbalingga"
RECEIVED = "2025-03-03T09:00+07:00"


@pytest.fixture
def model_file(model: TriageModel, tmp_path: Path) -> Path:
    path = tmp_path / "model.json"
    model.save(path)
    return path


def _intake(tmp_path: Path, text: str, *extra: str) -> Result:
    message = tmp_path / "pesan.txt"
    message.write_text(text, encoding="utf-8")
    return runner.invoke(app, ["intake", str(message), "--received-at", RECEIVED, *extra])


def test_intake_shows_the_suggestion_line(model_file: Path, tmp_path: Path) -> None:
    result = _intake(tmp_path, ROAD, "--model", str(model_file))
    assert result.exit_code == 0, result.output
    (line,) = [x.strip() for x in result.stdout.splitlines() if "suggested:" in x]
    assert re.fullmatch(r"suggested: infrastruktur → DPU Bina Marga, (0\.9\d|1\.00)", line)
    assert "3456" not in result.stdout
    without = _intake(tmp_path, ROAD)
    assert without.exit_code == 0 and "suggested" not in without.stdout
    assert "not sure" not in without.stdout


def test_intake_says_when_the_model_is_not_sure(model_file: Path, tmp_path: Path) -> None:
    result = _intake(tmp_path, UNCLEAR, "--model", str(model_file))
    assert result.exit_code == 0, result.output
    (line,) = [x.strip() for x in result.stdout.splitlines() if "not sure" in x]
    assert re.fullmatch(r"not sure \(best guess: .+, 0\.\d\d\): route by hand", line)
    assert "suggested:" not in result.stdout


def test_intake_json_carries_the_suggestion(model_file: Path, tmp_path: Path) -> None:
    result = _intake(tmp_path, ROAD, "--model", str(model_file), "--json")
    assert result.exit_code == 0, result.output
    suggestion = json.loads(result.stdout)["suggestion"]
    assert suggestion["label"] == "infrastruktur" and suggestion["unit"] == "DPU Bina Marga"
    assert suggestion["abstain"] is False and suggestion["text"].startswith("suggested: ")
    unsure = json.loads(_intake(tmp_path, UNCLEAR, "-m", str(model_file), "--json").stdout)
    assert unsure["suggestion"]["abstain"] is True


def test_every_draft_of_a_chat_export_gets_its_own_suggestion(
    model_file: Path, tmp_path: Path
) -> None:
    chat = (
        "03/03/25 09.15 - +62 812-3456-7890: Jembatan ambrol dan jalan rusak berlubang di "
        "Desa Tetel, Purbalingga\n"
        "03/03/25 14.20 - +62 857-1111-2222: Obat di puskesmas habis dan dokter jarang datang "
        "di Desa Tetel, Purbalingga\n"
    )
    result = _intake(tmp_path, chat, "--model", str(model_file))
    assert result.exit_code == 0, result.output
    lines = [x.strip() for x in result.stdout.splitlines() if "suggested:" in x]
    assert [x.split(",")[0] for x in lines] == [
        "suggested: infrastruktur → DPU Bina Marga",
        "suggested: kesehatan",
    ]


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        pytest.param('{"format": "something else"}', 1, "not a lapor-sdk triage model", id="other"),
        pytest.param("[[[[" * 50_000, 1, "model file", id="deep-json"),
        pytest.param("not json at all", 1, "is not valid JSON", id="garbage"),
        pytest.param(None, 2, "does not exist", id="missing"),
    ],
)
def test_intake_with_a_bad_model_is_one_line(
    tmp_path: Path, content: str | None, code: int, words: str
) -> None:
    bad = tmp_path / "bad-model.json"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    result = _intake(tmp_path, ROAD, "--model", str(bad))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    (line,) = [x for x in result.output.splitlines() if x.strip()]
    assert line.startswith("error: ") and words in line
    assert "max_bytes" not in line  # the library's argument, never on the command line
