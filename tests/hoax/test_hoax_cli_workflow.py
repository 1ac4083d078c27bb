"""hoax: assign, start-verifying, due (cron exit code), stats over a period, local publish time."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hoax_helpers import WIB, Clock
from typer.testing import CliRunner

from hoax_clinic import MAX_CLOCK_SKEW, ClaimTracker, FutureTimeError
from hoax_clinic.cli import app
from hoax_clinic.publish import html_snippet

runner = CliRunner()
CLAIM = "SEBARKAN!! Air PDAM Kota Contoh tercemar bakteri, jangan diminum"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    for key in ("HOAX_DATABASE_URL", "HOAX_TZ"):
        monkeypatch.delenv(key, raising=False)
    return str(tmp_path / "clinic.db")  # a bare SQLite path, as --db allows


def hoax(db: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", db, *args])
    return result.exit_code, result.output


def new_claim(db: str, hours_ago: float = 0.0) -> str:
    seen = (datetime.now(UTC) - timedelta(hours=hours_ago)).isoformat()
    code, out = hoax(db, "log", CLAIM, "--seen-at", seen)
    assert code == 0, out
    found = re.search(r"new claim (HX-[0-9A-F]+)", out)
    assert found, out
    return found.group(1)


def test_assign_and_start_verifying(db: str) -> None:
    cid = new_claim(db)
    assert hoax(db, "assign", cid, "Dewi")[1].strip() == f"claim {cid}: assigned to Dewi"
    code, out = hoax(db, "start-verifying", cid)
    assert code == 0 and out.strip() == f"claim {cid}: VERIFYING, assigned to Dewi"
    code, out = hoax(db, "start-verifying", cid)
    assert code == 1
    assert out.strip() == (
        f"error: cannot start verifying claim {cid}: it is VERIFYING, and only a RECEIVED claim "
        "allows that"
    )
    assert hoax(db, "assign", cid, "--clear")[1].strip() == f"claim {cid}: assigned to nobody"
    _, out = hoax(db, "show", cid)
    assert "assignee" not in out


def test_due_exit_code_tells_cron_whether_anything_is_due(db: str) -> None:
    code, out = hoax(db, "due", "--within", "6")
    assert code == 0 and "no open claim is due within 6 h" in out
    cid = new_claim(db, hours_ago=20)  # due in 4 h
    code, out = hoax(db, "due", "--within", "6")
    assert code == 10 and cid in out
    code, out = hoax(db, "due", "--within", "2")
    assert code == 0
    hoax(db, "clarify", cid, "--text", "PDAM: air aman.", "--label", "hoaks")
    assert hoax(db, "due", "--within", "6")[0] == 0


def test_stats_over_a_period_and_as_csv(db: str, tmp_path: Path) -> None:
    with ClaimTracker.open(f"sqlite:///{db}") as tracker:
        tracker.log(CLAIM, platform="wa", seen_at=datetime(2026, 6, 1, 9, tzinfo=WIB))
        tracker.log("Beras plastik beredar di pasar", platform="fb",
                    seen_at=datetime(2026, 7, 1, 9, tzinfo=WIB))  # fmt: skip
    out_csv = tmp_path / "stats.csv"
    code, out = hoax(db, "stats", "--since", "2026-06-01", "--until", "2026-07-01",
                     "--csv", str(out_csv))  # fmt: skip
    assert code == 0, out
    assert "Klinik hoaks (2026-06-01 00:00 WIB – 2026-07-01 00:00 WIB)" in out
    rows = dict(csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    assert rows["figure"] == "value"
    assert rows["claims"] == "1" and rows["sightings"] == "1"
    assert rows["since"] == "2026-06-01T00:00:00+07:00"
    _, everything = hoax(db, "stats")
    assert re.search(r"Claims handled\s*│\s*2", everything), everything


def test_publish_html_shows_local_time_with_zone(db: str) -> None:
    cid = new_claim(db, hours_ago=1)
    hoax(db, "clarify", cid, "--text", "Tidak benar.", "--label", "hoaks")
    code, wib = hoax(db, "publish", cid, "--format", "html")
    assert code == 0
    assert re.search(
        r"Dipublikasikan <time datetime=\"[^\"]+\+07:00\">\d+ \w+ \d{4} pukul \d\d\.\d\d WIB", wib
    )
    _, wit = hoax(db, "--tz", "WIT", "publish", cid, "--format", "html")
    assert "+09:00" in wit and " WIT</time>" in wit


def test_html_snippet_default_zone_is_wib() -> None:
    tracker = ClaimTracker(clock=Clock(datetime(2026, 6, 17, 2, 0, tzinfo=UTC)))
    cid = tracker.log(
        CLAIM, platform="wa", seen_at=datetime(2026, 6, 17, 1, 0, tzinfo=UTC)
    ).claim.id
    claim = tracker.clarify(cid, text="Tidak benar.", label="hoaks")
    assert "17 Juni 2026 pukul 09.00 WIB" in html_snippet(claim)
    tracker.close()


def test_future_sighting_is_refused_with_a_typed_error() -> None:
    now = datetime(2026, 6, 17, 9, 0, tzinfo=WIB)
    tracker = ClaimTracker(clock=Clock(now))
    tracker.log(CLAIM, platform="wa", seen_at=now + MAX_CLOCK_SKEW)  # clock skew is fine
    with pytest.raises(FutureTimeError, match="26446 days in the future"):
        tracker.log("Pesan lain sama sekali", platform="wa",
                    seen_at=datetime(2098, 11, 12, 9, 0, tzinfo=WIB))  # fmt: skip
    assert len(tracker.claims()) == 1
    tracker.close()
