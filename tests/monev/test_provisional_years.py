"""A complaint dated late 2027 no longer stops the monev figures (no 2028 decree yet)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lapor_sdk import lifecycle
from lapor_sdk.cli import app
from lapor_sdk.models import Complaint, Role
from lapor_sdk.monev import compute_monev, render_html
from lapor_sdk.sla import CalendarRangeError, ProvisionalCalendarWarning, WorkingCalendar

WIB = dt.timezone(dt.timedelta(hours=7))


def _complaints() -> list[Complaint]:
    out = []
    for n, day in enumerate((dt.date(2027, 6, 7), dt.date(2027, 6, 8), dt.date(2027, 12, 28))):
        t = dt.datetime.combine(day, dt.time(9), tzinfo=WIB)
        c = lifecycle.create(title="Jalan rusak", description="Jalan rusak", created_at=t,
                             tracking_id=f"LAPOR-2027-00000{n}")  # fmt: skip
        c = lifecycle.verify(c, by=Role.AGENCY_ADMIN, at=t + dt.timedelta(hours=1),
                             agency="Dinas PU", unit="Bina Marga")  # fmt: skip
        out.append(c)
    return out


NOW = dt.datetime(2027, 12, 30, 17, tzinfo=WIB)


def test_late_2027_complaint_is_counted_with_provisional_deadlines() -> None:
    with pytest.warns(ProvisionalCalendarWarning, match="2028"):
        report = compute_monev(_complaints(), now=NOW, calendar=WorkingCalendar.indonesia())
    assert report.total.reports == 3
    assert report.provisional_years == [2028]
    stages = {s.stage: s.provisional for s in report.total.on_time}
    # Only the December complaint's clocks reach into 2028: follow-up (5 wd from 28 Dec),
    # answer (14 wd) and completion (60 wd); its verification ended on 28 Dec itself.
    assert stages == {"verification": 0, "follow_up": 1, "answer": 1, "completion": 1}
    html = render_html(report)
    assert "SKB cuti bersama untuk tahun 2028" in html
    assert "3 batas waktu yang melewati tahun itu bersifat sementara" in html


def test_strict_calendar_still_refuses() -> None:
    strict = WorkingCalendar.indonesia(provisional=False)
    with pytest.raises(CalendarRangeError, match="2028"):
        compute_monev(_complaints(), now=NOW, calendar=strict)


def test_cli_warns_once_and_strict_calendar_refuses(tmp_path: Path) -> None:
    data = tmp_path / "c.json"
    data.write_text(
        json.dumps([c.model_dump(mode="json") for c in _complaints()]), encoding="utf-8"
    )
    runner = CliRunner()
    out = tmp_path / "r.html"
    now = NOW.isoformat()
    result = runner.invoke(app, ["report", "monev", str(data), "-o", str(out), "--now", now])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("warning: no cuti bersama decree for 2028") == 1
    assert "SKB cuti bersama untuk tahun 2028" in out.read_text(encoding="utf-8")
    check = runner.invoke(app, ["sla", "check", str(data), "--now", now, "--json"])
    assert check.exit_code == 0, check.output
    marks = [r["provisional"] for row in json.loads(check.stdout) for r in row["stages"]]
    assert marks.count(True) == 3
    strict = runner.invoke(
        app, ["report", "monev", str(data), "-o", str(out), "--now", now, "--strict-calendar"]
    )
    assert strict.exit_code == 1
    assert "drop --strict-calendar to compute 2028 provisionally" in strict.stderr
    assert "Traceback" not in strict.output
