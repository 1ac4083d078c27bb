"""``lapor sla``: due, calendar and check, through the real root app."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lapor_sdk.cli import app

runner = CliRunner()


def test_due_across_lebaran_2025() -> None:
    result = runner.invoke(
        app, ["sla", "due", "--start", "2025-03-28T10:00+07:00", "--duration", "3wd"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "2025-04-10T16:00:00+07:00"
    assert "Kamis 10-04-2025 16:00" in result.stdout


def test_due_without_cuti_bersama_and_in_wit() -> None:
    result = runner.invoke(
        app,
        [
            "sla",
            "due",
            "--start",
            "2025-03-28T10:00+07:00",
            "--duration",
            "3wd",
            "--no-cuti-bersama",
        ],
    )
    assert result.stdout.splitlines()[0] == "2025-04-04T16:30:00+07:00"
    # 30 Dec 2025 23:30 WIB is already 31 Dec in WIT: the next working day is Fri 2 Jan.
    result = runner.invoke(
        app,
        ["sla", "due", "--start", "2025-12-30T23:30+07:00", "--duration", "1wd", "--tz", "WIT"],
    )
    assert result.stdout.splitlines()[0] == "2026-01-02T16:30:00+09:00"


def test_due_errors_are_one_red_line() -> None:
    naive = runner.invoke(app, ["sla", "due", "--start", "2025-03-28T10:00", "--duration", "3wd"])
    assert naive.exit_code == 1
    assert "has no UTC offset; add one, e.g. 2025-03-28T10:00+07:00" in naive.stderr
    bad = runner.invoke(
        app, ["sla", "due", "--start", "2025-03-28T10:00+07:00", "--duration", "3 weeks"]
    )
    assert bad.exit_code == 1
    assert "--duration '3 weeks' is not a duration; write a positive amount" in bad.stderr
    zone = runner.invoke(
        app,
        [
            "sla",
            "due",
            "--start",
            "2025-03-28T10:00+07:00",
            "--duration",
            "3wd",
            "--tz",
            "Mars/Olympus",
        ],
    )
    assert zone.exit_code == 1
    assert "--tz 'Mars/Olympus' is not a time zone; use WIB, WITA, WIT" in zone.stderr


def test_calendar_2026_lists_cuti_bersama() -> None:
    result = runner.invoke(app, ["sla", "calendar", "2026", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    days = {d["date"]: d for d in data["days"]}
    assert days["2026-03-20"]["kind"] == "cuti_bersama"
    assert days["2026-03-20"]["name"] == "Cuti Bersama Hari Raya Idul Fitri"
    assert days["2026-03-21"]["name"] == "Hari Raya Idul Fitri"
    assert data["working_days"] == 240
    off = json.loads(
        runner.invoke(app, ["sla", "calendar", "2026", "--json", "--no-cuti-bersama"]).stdout
    )
    assert off["working_days"] == 248
    assert {d["date"]: d for d in off["days"]}["2026-03-20"]["is_working_day"] is True
    table = runner.invoke(app, ["sla", "calendar", "2026"])
    assert table.exit_code == 0
    assert "Cuti bersama" in table.stdout and "240 working days in 2026" in table.stdout


def test_calendar_year_without_decree_is_provisional_unless_strict() -> None:
    result = runner.invoke(app, ["sla", "calendar", "2031", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["provisional"] is True
    assert "cuti_bersama" not in {d["kind"] for d in data["days"]}
    assert "warning: no cuti bersama decree for 2031" in result.stderr
    table = runner.invoke(app, ["sla", "calendar", "2031"])
    assert "sementara (belum ada SKB cuti bersama)" in table.stdout
    assert "working days in 2031 (provisional)" in table.stdout
    strict = runner.invoke(app, ["sla", "calendar", "2031", "--strict-calendar"])
    assert strict.exit_code == 1
    assert strict.stderr.count("\n") == 1
    assert "no cuti bersama decree for 2031" in strict.stderr
    assert "drop --strict-calendar to compute 2031 provisionally" in strict.stderr
    assert "allow_years" not in strict.stderr


COMPLAINTS = [
    {
        "tracking_id": "LAPOR-2025-000001",
        "created_at": "2025-03-27T10:00:00+07:00",
        "status": "disposed",
        "events": [
            {
                "at": "2025-03-27T10:00:00+07:00",
                "kind": "created",
                "actor": "reporter",
                "to_status": "unverified",
            },
            {
                "at": "2025-04-09T10:00:00+07:00",
                "kind": "verified",
                "actor": "agency_admin",
                "from_status": "unverified",
                "to_status": "disposed",
            },
        ],
    },
    {
        "tracking_id": "LAPOR-2025-000002",
        "created_at": "2025-04-14T09:00:00+07:00",
        "events": [
            {
                "at": "2025-04-14T09:00:00+07:00",
                "kind": "created",
                "actor": "reporter",
                "to_status": "unverified",
            },
        ],
    },
]


def test_check_json(tmp_path: Path) -> None:
    file = tmp_path / "complaints.json"
    file.write_text(json.dumps(COMPLAINTS), encoding="utf-8")
    result = runner.invoke(
        app, ["sla", "check", str(file), "--now", "2025-04-17T12:00+07:00", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    first = {s["stage"]: s for s in data[0]["stages"]}
    # Created Thu 27 Mar, verified Wed 9 Apr: due Thu 10 Apr 16:00 -> met.
    assert first["verification"]["state"] == "met"
    assert first["verification"]["due_at"] == "2025-04-10T16:00:00+07:00"
    # Verified Wed 9 Apr + 5wd: 10, 11, 14, 15, 16 Apr -> breached at 17 Apr noon.
    assert first["follow_up"]["state"] == "breached"
    second = {s["stage"]: s for s in data[1]["stages"]}
    # Mon 14 Apr 09:00 + 3wd -> Thu 17 Apr 16:00; 28.5 of 32.5 office hours used -> at risk.
    assert second["verification"]["state"] == "at_risk"
    assert data[1]["reference"] == "LAPOR-2025-000002"


def test_check_table_and_bad_file(tmp_path: Path) -> None:
    file = tmp_path / "complaints.json"
    file.write_text(json.dumps(COMPLAINTS), encoding="utf-8")
    table = runner.invoke(app, ["sla", "check", str(file), "--now", "2025-04-17T12:00+07:00"])
    assert table.exit_code == 0
    # 1: verification met, follow-up breached, answer and completion on track;
    # 2: verification at risk, answer and completion on track.
    assert "2 complaint(s); on_track: 4, at_risk: 1, breached: 1, met: 1" in table.stdout
    broken = tmp_path / "broken.json"
    broken.write_text('[{"created_at": "2025-04-14T09:00:00"}]', encoding="utf-8")
    result = runner.invoke(app, ["sla", "check", str(broken)])
    assert result.exit_code == 1
    assert "complaint [0] is invalid at created_at" in result.stderr


def test_check_with_laporgub_and_a_toml_policy(tmp_path: Path) -> None:
    file = tmp_path / "complaints.json"
    file.write_text(json.dumps(COMPLAINTS[1:]), encoding="utf-8")
    now = "2025-04-14T13:00+07:00"
    gub = runner.invoke(
        app, ["sla", "check", str(file), "--policy", "laporgub", "--now", now, "--json"]
    )
    assert gub.exit_code == 0, gub.output
    stages = {s["stage"]: s for s in json.loads(gub.stdout)[0]["stages"]}
    # Filed Mon 14 Apr 09:00, no reaction by 13:00: 4 h > 3 h target, 4 of 24 h used.
    assert stages["first_response_target"]["state"] == "breached"
    assert stages["first_response"]["state"] == "on_track"
    assert stages["first_response"]["due_at"] == "2025-04-15T09:00:00+07:00"
    policy = tmp_path / "policy.toml"
    policy.write_text(
        'name = "cepat"\n[[stages]]\nname = "respons"\nstart = ["created"]\n'
        'stop = ["verified"]\ntarget = "4wh"\n',
        encoding="utf-8",
    )
    custom = runner.invoke(
        app, ["sla", "check", str(file), "--policy", str(policy), "--now", now, "--json"]
    )
    assert custom.exit_code == 0, custom.output
    [stage] = json.loads(custom.stdout)[0]["stages"]
    # 4 office hours from 09:00 end at 13:00 exactly: due, not yet breached (at risk).
    assert (stage["stage"], stage["due_at"], stage["state"]) == (
        "respons",
        "2025-04-14T13:00:00+07:00",
        "at_risk",
    )
    bad = runner.invoke(app, ["sla", "check", str(file), "--policy", "fast"])
    assert bad.exit_code == 1
    assert "--policy 'fast' is not a policy; use sp4n, laporgub or a path to a .toml policy" in (
        bad.stderr
    )


def test_due_outside_datetime_range_is_one_red_line() -> None:
    result = runner.invoke(
        app, ["sla", "due", "--start", "9999-12-31T23:00+07:00", "--duration", "24h"]
    )
    assert result.exit_code == 1
    assert not isinstance(result.exception, OverflowError)
    assert "outside" in result.stderr


def test_check_now_outside_datetime_range_is_one_red_line(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text("[]", encoding="utf-8")
    result = runner.invoke(app, ["sla", "check", str(path), "--now", "0001-01-01T00:00+07:00"])
    assert result.exit_code == 1
    assert not isinstance(result.exception, OverflowError)
    assert "--now '0001-01-01T00:00+07:00' is out of range" in result.stderr


def test_check_reads_the_exported_complaints_object(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('{"complaints": []}', encoding="utf-8")
    result = runner.invoke(app, ["sla", "check", str(path), "--now", "2025-03-31T17:00+07:00"])
    assert result.exit_code == 0, result.output
    assert "0 complaint(s); no stage started" in result.stdout
