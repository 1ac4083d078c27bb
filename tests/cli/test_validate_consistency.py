"""`lapor validate` catches what the model alone cannot: codes, names, status, event order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from lapor_sdk.cli import app
from lapor_sdk.models import Complaint
from lapor_sdk.validation import check_consistency

runner = CliRunner()
CREATED = {
    "at": "2025-03-03T09:00:00+07:00",
    "kind": "created",
    "actor": "reporter",
    "to_status": "unverified",
}
VERIFIED = {
    "at": "2025-03-04T09:00:00+07:00",
    "kind": "verified",
    "actor": "agency_admin",
    "from_status": "unverified",
    "to_status": "disposed",
}
BASE: dict[str, Any] = {
    "tracking_id": "LAPOR-2025-000001",
    "title": "Jalan rusak",
    "description": "Jalan berlubang",
    "created_at": "2025-03-03T09:00:00+07:00",
    "status": "disposed",
    "location": {"region_code": "35.73", "region_name": "Kota Malang", "province_code": "35"},
    "events": [CREATED, VERIFIED],
}


def _with(**changes: Any) -> dict[str, Any]:
    return {**BASE, **changes}


@pytest.mark.parametrize(
    ("item", "field", "words"),
    [
        pytest.param(
            _with(location={"region_code": "99.99"}),
            "location.region_code",
            "'99.99' is not a Kemendagri region code",
            id="unknown-code",
        ),
        pytest.param(
            _with(location={"region_code": "35.73", "region_name": "Kota Surabaya"}),
            "location.region_name",
            "the name given is not the name of region_code '35.73' (Kota Malang)",
            id="name-does-not-match",
        ),
        pytest.param(
            _with(location={"region_code": "35.73", "province_code": "33"}),
            "location.province_code",
            "is not the province of region_code '35.73'",
            id="province-does-not-match",
        ),
        pytest.param(
            _with(status="completed"),
            "status",
            "'completed' contradicts the history",
            id="status-contradicts-events",
        ),
        pytest.param(
            _with(events=[CREATED, {**VERIFIED, "at": "2025-03-02T09:00:00+07:00"}]),
            "events[1].at",
            "is before events[0]",
            id="events-out-of-order",
        ),
        pytest.param(
            _with(events=[CREATED, {**VERIFIED, "from_status": "postponed"}]),
            "events[1].from_status",
            "starts from 'postponed'",
            id="events-do-not-chain",
        ),
    ],
)
def test_each_contradiction_is_named_by_field(
    tmp_path: Path, item: dict[str, Any], field: str, words: str
) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps([BASE, item]), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"[1] {field}: " in result.stderr
    assert words in result.stderr
    assert "c.json: [0] " not in result.stderr  # the consistent one passes
    assert "1 of 2 complaint(s)" in result.stderr
    assert "Traceback" not in result.output


def test_a_consistent_file_passes(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps([BASE, _with(location={"region_name": "Malang"})]), "utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output


def test_library_function_agrees() -> None:
    ok = Complaint.model_validate(BASE)
    assert check_consistency(ok) == []
    bad = Complaint.model_validate(
        _with(location={"region_code": "35.07", "region_name": "Kota Malang"})
    )
    [issue] = check_consistency(bad)
    assert issue.field == "location.region_name"
    assert "Kabupaten Malang" in issue.message
