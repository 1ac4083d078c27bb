"""`lapor demo`: an agency's day runs end to end on the sandbox and SQLite, and is re-runnable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lapor_sdk.cli import app

pytest.importorskip("uvicorn")

TRACKING_ID = r"LAPOR-\d{4}-\d{6}"


def _rows(table: str) -> list[list[str]]:
    """The cells of a Rich table's rows (first column numbered), wrapped lines joined."""
    rows: list[list[str]] = []
    for line in table.splitlines():
        if not line.startswith("│"):
            continue
        parts = [p.strip() for p in line.split("│")[1:-1]]
        if parts[0]:
            rows.append(parts)
        elif rows:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], parts, strict=True)]
    return rows


def _national_side(db: str) -> list[tuple[str, int]]:
    """Each report the sandbox holds: its external ref and how many follow-ups it has."""
    from lapor_sdk.sandbox import Sandbox

    sandbox = Sandbox(db=db)
    items, _ = sandbox.store.list(visible_to=None, limit=1000)
    return sorted((c.external_ref or "", len(c.follow_ups)) for c in items)


def test_the_demo_runs_on_the_sync_engine_and_a_second_run_adds_nothing(tmp_path: Path) -> None:
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    outputs, national = [], []
    for _ in range(2):
        faults = "error_rate=0.2,retry_after=0,drop_after_commit_rate=0.3,seed=3"
        result = runner.invoke(app, ["demo", "--db", db, "--faults", faults])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
        national.append(_national_side(db))
    first, second = outputs
    # Five channels, one of them a village head filing for a resident.
    for channel in ("WhatsApp", "Surel", "SMS 1708", "Telepon", "kepala desa"):
        assert channel in first
    assert "ambiguous:" in first and "Malang" in first  # the SMS: Kabupaten or Kota Malang?
    # The engine filed each report once through faults on a server without idempotency ...
    assert "queued 5 new, filed 5" in first
    assert len(national[0]) == 5 and len({ref for ref, _ in national[0]}) == 5
    assert all(ref.startswith("demo-desk:") for ref, _ in national[0])
    # ... the units' two follow-ups went up through the outbox, and nothing is left in it.
    assert sorted(n for _, n in national[0]) == [0, 0, 0, 1, 1]
    assert "the units wrote 2 follow-up(s)" in first
    for output in outputs:
        assert "outbox pending 0, in flight 0, dead 0" in output
        assert "reports on the national side for this agency: 5" in output
    # Running it again adds nothing: no report, no follow-up, no verification.
    assert "queued 0 new, filed 0" in second
    assert "verified and disposed 0 report(s)" in second and "wrote 0 follow-up(s)" in second
    assert national[1] == national[0]
    # The dashboard: the pulled national state of every report, with its unit and SLA state.
    dashboard = first[first.index("4. Dashboard") :]
    ids = re.findall(TRACKING_ID, dashboard)
    assert len(set(ids)) == 5
    assert set(re.findall(TRACKING_ID, second[second.index("4. Dashboard") :])) == set(ids)
    rows = {int(r[0]): r[1:] for r in _rows(dashboard.split("units:")[0])}
    assert sorted(rows) == [1, 2, 3, 4, 5]
    assert rows[1][1] == "Rudi Hartono → dsdabm"  # the admin routed it: the model was unsure
    assert rows[1][2] == "Terdisposisi Selesai"  # the unit's final follow-up
    assert rows[2][2] == "Sedang Diproses"  # a follow-up that is not the last
    assert rows[3][1] == "no name → not disposed"  # the SMS waits for the reporter's answers
    assert rows[3][2] == "Laporan Belum Terverifikasi"
    assert rows[4][1] == "Dewi Lestari → dispendukcapil"
    assert rows[5][1] == "Siti Aminah (rahasia) → dispendukcapil"
    for n, (_, _, _, sla) in rows.items():
        assert re.fullmatch(
            r"\d+ (d \d+ h|h \d+ min); [a-z ]+ (on track|at risk|breached|paused), due .+", sla
        ), (n, sla)
    assert "Monev of these 5 reports: disposed 4, follow-up rate 50.0%" in first
    for output in outputs:
        assert "Retry-After" in output  # no silent wait
        # Every tracking id printed is whole, in every table, at CliRunner's 80 columns.
        assert not re.search(r"LAPOR-\d{0,4}(?:-\d{0,5})?…", output)
        # The reporters' contact and NIK never reach the screen.
        for secret in ("3000-1001", "8123000", "warga.peduli@example.id", "3000-3003",
                       "8573000", "3578014506800003", "3000-4004", "8133000"):  # fmt: skip
            assert secret not in output


def test_the_demo_shows_routing_suggestions_when_the_triage_extra_is_installed(
    tmp_path: Path,
) -> None:
    pytest.importorskip("sklearn")
    result = CliRunner().invoke(app, ["demo", "--db", f"sqlite:///{tmp_path / 'd.db'}"])
    assert result.exit_code == 0, result.output
    routing = result.output[result.output.index("Routing suggestions") :]
    lines = re.findall(r"(suggested: \S+|not sure \(best guess: \S+)", routing)
    assert len(lines) == 5
    assert "kependudukan → Dinas Kependudukan dan Pencatatan Sipil" in routing


def test_demo_never_prints_a_database_password() -> None:
    from lapor_sdk.cli._demo import _shown_url

    shown = _shown_url("postgresql://lapor:s3cret-pw@db.example/lapor")
    assert "s3cret-pw" not in shown
    assert shown == "postgresql://lapor:***@db.example/lapor"
    assert _shown_url("sqlite:////tmp/demo.db") == "sqlite:////tmp/demo.db"
