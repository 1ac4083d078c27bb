"""The sandbox shows a triage model's suggestion for a report (a sandbox extension)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from lapor_sdk.intake import MAX_SUGGESTION_NAME_CHARS, format_suggestion
from lapor_sdk.sandbox import Sandbox
from lapor_sdk.triage import TriageModel

from .conftest import make_corpus

#: The directory's units of the demo agency (pemkot-surabaya) as labels.
UNITS = {"infrastruktur": "dsdabm", "kesehatan": "dispendukcapil", "pendidikan": "dsdabm-x"}


@pytest.fixture(scope="module")
def unit_model() -> TriageModel:
    """A model whose labels are unit ids, as an agency fits one on its routed history."""
    texts, labels = make_corpus(per_label=20)
    return TriageModel.fit(texts, [UNITS[label] for label in labels], folds=2, tune=False)


@pytest.fixture(scope="module")
def sandbox(unit_model: TriageModel) -> Iterator[Sandbox]:
    with Sandbox.running(triage=unit_model) as sb:
        yield sb


def _file(sb: Sandbox, title: str, description: str, ref: str) -> str:
    with sb.client() as client:
        tid = client.complaints.create(title=title, description=description, external_ref=ref)
        assert tid.tracking_id is not None
        return tid.tracking_id


def _get(sb: Sandbox, path: str, agency: str | None = "pemkot-surabaya") -> httpx.Response:
    headers = {} if agency is None else {"Authorization": f"Bearer {sb.api_key_for(agency)}"}
    with httpx.Client(base_url=sb.base_url, headers=headers) as http:
        return http.get(path)


def test_a_report_shows_the_suggested_unit_by_its_directory_name(sandbox: Sandbox) -> None:
    tid = _file(sandbox, "Jalan rusak", "Jalan rusak berlubang dan jembatan ambrol", "t:road")
    r = _get(sandbox, f"/_sandbox/complaints/{tid}/suggestion")
    assert r.status_code == 200
    body = r.json()
    assert body["tracking_id"] == tid
    s = body["suggestion"]
    assert s["label"] == "dsdabm"
    assert s["unit"] == "Dinas Sumber Daya Air dan Bina Marga"
    assert body["line"] == s["text"]
    assert body["line"] == (
        f"suggested: dsdabm → Dinas Sumber Daya Air dan Bina Marga, {s['confidence']:.2f}"
    )
    assert {a["label"] for a in s["alternatives"]} == {"dispendukcapil", "dsdabm-x"}
    # The in-process helper gives the same answer.
    assert sandbox.suggestion(tid) == body


def test_an_unsure_model_says_so(sandbox: Sandbox) -> None:
    tid = _file(sandbox, "Pertanyaan", "Harga cabai di pasar naik terus", "t:unclear")
    body = _get(sandbox, f"/_sandbox/complaints/{tid}/suggestion").json()
    assert body["suggestion"]["abstain"] is True
    assert body["line"].startswith("not sure (best guess: ")
    assert body["line"].endswith("): route by hand")


def test_only_agencies_that_see_the_report_get_a_suggestion(sandbox: Sandbox) -> None:
    tid = _file(sandbox, "Jalan rusak", "Jalan rusak berlubang", "t:private")
    assert _get(sandbox, f"/_sandbox/complaints/{tid}/suggestion", agency=None).status_code == 401
    other = _get(sandbox, f"/_sandbox/complaints/{tid}/suggestion", agency="pemkab-malang")
    assert other.status_code == 404
    assert "Jalan" not in other.text
    with pytest.raises(LookupError, match="no complaint"):
        sandbox.suggestion(tid, agency_id="pemkab-malang")
    with pytest.raises(LookupError, match="no sandbox agency"):
        sandbox.suggestion(tid, agency_id="nowhere")


def test_a_sandbox_without_a_model_says_how_to_give_one() -> None:
    with Sandbox.running() as sb:
        tid = _file(sb, "Jalan rusak", "Jalan rusak berlubang", "t:nomodel")
        r = _get(sb, f"/_sandbox/complaints/{tid}/suggestion")
        assert r.status_code == 404
        assert "--triage-model" in r.json()["detail"]


def test_the_line_is_safe_to_print() -> None:
    line = format_suggestion("infra\x1b[2J\nstruktur\u202e", 1.7, unit="DPU\tBina  Marga")
    assert line == "suggested: infra [2J struktur → DPU Bina Marga, 1.00"
    long = format_suggestion("x" * 500, 0.5, abstain=True)
    assert f"{'x' * (MAX_SUGGESTION_NAME_CHARS - 1)}…" in long
    assert "x" * MAX_SUGGESTION_NAME_CHARS not in long
    assert format_suggestion("", -1) == "suggested: ?, 0.00"
    with pytest.raises(ValueError, match="NaN"):
        format_suggestion("a", float("nan"))
