"""The `hoax` CLI through CliRunner: exit codes, wording, deadlines shown relative to now."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hoax_helpers import FEEDS
from typer.testing import CliRunner

from hoax_clinic.cli import app, parse_duration

runner = CliRunner()
CLAIM = "SEBARKAN!! Air PDAM Kota Contoh tercemar bakteri, jangan diminum"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    for key in (
        "HOAX_DATABASE_URL",
        "HOAX_TZ",
        "HOAX_PUBLISHER_NAME",
        "HOAX_PUBLISHER_URL",
        "HOAX_FEEDS",
    ):
        monkeypatch.delenv(key, raising=False)
    return f"sqlite:///{tmp_path}/cli.db"


def hoax(db: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", db, *args])
    return result.exit_code, result.output


def new_claim(db: str, *, hours_ago: float = 0.0, priority: str = "normal") -> str:
    seen = (datetime.now(UTC) - timedelta(hours=hours_ago)).isoformat()
    code, out = hoax(
        db, "log", CLAIM, "--platform", "wa", "--seen-at", seen, "--priority", priority
    )
    assert code == 0, out
    m = re.search(r"new claim (HX-[0-9A-F]+)", out)
    assert m, out
    return m.group(1)


def test_log_new_then_attach_then_answer_from_clarification(db: str) -> None:
    cid = new_claim(db, hours_ago=2)
    code, out = hoax(db, "log", "air pdam kota contoh tercemar bakteri jangan diminum", "-p", "fb")
    assert code == 0
    assert f"added to claim {cid}" in out and "2 sightings" in out
    assert hoax(db, "verdict", cid, "hoaks")[1].strip() == f"claim {cid}: verdict HOAKS"
    code, out = hoax(
        db, "clarify", cid, "--text", "PDAM: air aman.", "--source", "PDAM",
        "--url", "https://kominfo.contoh.go.id/k/1",
    )  # fmt: skip
    assert code == 0 and f"claim {cid} clarified within the deadline" in out
    code, out = hoax(db, "log", CLAIM, "-p", "x")
    assert "already clarified: [HOAKS] PDAM: air aman." in out
    assert "link: https://kominfo.contoh.go.id/k/1" in out


def test_list_shows_relative_deadlines(db: str) -> None:
    soon = new_claim(db, hours_ago=21)  # due in about 3 h
    code, out = hoax(db, "list")
    assert code == 0 and soon in out
    assert re.search(r"in (2 h 5\d min|3 h)", out), out
    code, out = hoax(db, "log", "Beras plastik beredar", "--priority", "urgent", "--seen-at",
                     (datetime.now(UTC) - timedelta(hours=5)).isoformat())  # fmt: skip
    code, out = hoax(db, "list")
    assert re.search(r"late by (1 h 5\d min|2 h)", out), out
    assert "(urgent)" in out


def test_list_due_and_overdue_filters(db: str) -> None:
    code, out = hoax(
        db, "log", "Beras plastik beredar di pasar", "--seen-at",
        (datetime.now(UTC) - timedelta(hours=26)).isoformat(),
    )  # fmt: skip
    assert code == 0
    fresh = new_claim(db, hours_ago=0)
    code, out = hoax(db, "list", "--overdue")
    assert code == 0 and "late by 2 h" in out and fresh not in out
    code, out = hoax(db, "list", "--due", "6h")
    assert "1 claim(s)" in out and fresh not in out
    code, out = hoax(db, "list", "--due", "1d")
    assert "2 claim(s)" in out and fresh in out


def test_show_merge_and_stats(db: str) -> None:
    a = new_claim(db, hours_ago=3)
    code, out = hoax(db, "log", "Gunung Contoh meletus pekan depan", "-p", "tiktok")
    b = re.search(r"new claim (HX-[0-9A-F]+)", out).group(1)  # type: ignore[union-attr]
    code, out = hoax(db, "merge", a, b)
    assert code == 0 and f"merged {b} into {a} (2 sightings)" in out
    code, out = hoax(db, "show", b)  # the merged id still leads to the survivor
    assert code == 0 and a in out and "TikTok" in out and "WhatsApp" in out
    code, out = hoax(db, "stats")
    assert code == 0 and "Claims handled" in out and "TikTok" in out


def test_publish_formats(db: str) -> None:
    cid = new_claim(db, hours_ago=1)
    hoax(db, "clarify", cid, "--text", "Tidak benar.", "--label", "salah",
         "--url", "https://kominfo.contoh.go.id/k/2")  # fmt: skip
    code, out = hoax(db, "publish", cid, "--format", "social")
    assert code == 0 and out.startswith("[SALAH] ") and len(out.strip()) <= 280
    org = ["--org-name", "Diskominfo", "--org-url", "https://kominfo.contoh.go.id"]
    code, out = hoax(db, "publish", cid, "--format", "claimreview", *org)
    assert code == 0 and json.loads(out)["reviewRating"]["alternateName"] == "SALAH"
    code, out = hoax(db, "publish", "--format", "rss", *org)
    assert code == 0 and out.startswith('<?xml version="1.0"') and "[SALAH]" in out
    code, out = hoax(db, "publish", cid, "--format", "whatsapp")
    assert out.startswith("*[SALAH]*")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "HX-0000"], "error: no claim 'HX-0000' in this tracker; list claims with"),
        (["verdict", "HX-0000", "palsu"], "error: unknown label 'palsu'; use one of: HOAKS"),
        (["list", "--due", "soon"], "error: cannot read duration 'soon'; write e.g. 6h"),
        (["log", "x", "--seen-at", "kemarin"], "error: --seen-at 'kemarin' is not an ISO date"),
        (["log", "x", "-p", "friendster"], "error: unknown platform 'friendster'"),
        (["--tz", "Mars/Olympus", "list"], "error: --tz 'Mars/Olympus' is not a time zone"),
        (["publish", "--format", "social"], "error: --format social needs a claim id"),
        (["ingest", str(FEEDS / "billion_laughs.xml")], "error: the feed declares XML entities"),
        (["ingest", "http://127.0.0.1:9/feed"], "a private, loopback"),
    ],
)
def test_errors_are_one_red_line_and_exit_1(db: str, args: list[str], message: str) -> None:
    code, out = hoax(db, *args)
    assert code == 1
    assert message in out
    assert len(out.strip().splitlines()) == 1, out
    assert "Traceback" not in out


def test_publish_claimreview_without_publisher_names_both_fixes(db: str) -> None:
    cid = new_claim(db)
    hoax(db, "clarify", cid, "--text", "Tidak benar.", "--label", "hoaks")
    code, out = hoax(db, "publish", cid, "--format", "claimreview")
    assert code == 1
    assert "pass --org-name and --org-url or set HOAX_PUBLISHER_NAME and HOAX_PUBLISHER_URL" in out


def test_ingest_file_is_idempotent(db: str) -> None:
    code, out = hoax(db, "ingest", str(FEEDS / "turnbackhoax.xml"))
    assert code == 0 and "3 item(s), 3 added, 0 already known, 0 without label" in out
    code, out = hoax(db, "ingest", str(FEEDS / "turnbackhoax.xml"))
    assert "0 added, 3 already known" in out
    code, out = hoax(db, "list", "--status", "clarified", "--imported")
    assert "3 claim(s)" in out


def test_default_database_lives_under_lapor_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HOAX_DATABASE_URL", raising=False)
    result = runner.invoke(app, ["log", CLAIM])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "lapor-home" / "hoax.db").exists()


def test_naive_seen_at_is_read_in_the_display_zone(db: str) -> None:
    code, out = hoax(db, "--tz", "Asia/Jayapura", "log", CLAIM, "--seen-at", "2026-06-17T08:00")
    assert code == 0, out
    cid = re.search(r"new claim (HX-[0-9A-F]+)", out).group(1)  # type: ignore[union-attr]
    _, out = hoax(db, "--tz", "Asia/Jayapura", "show", cid)
    assert "first seen 2026-06-17 08:00 WIT; deadline 2026-06-18 08:00 WIT" in out
    _, out = hoax(db, "show", cid)
    assert "first seen 2026-06-17 06:00 WIB" in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [("6h", timedelta(hours=6)), ("90m", timedelta(minutes=90)), ("1d", timedelta(days=1)),
     ("2h30m", timedelta(hours=2, minutes=30)), ("1.5h", timedelta(minutes=90))],
)  # fmt: skip
def test_parse_duration(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


def test_ingest_names_open_claims_a_debunk_may_answer(db: str) -> None:
    code, out = hoax(db, "log", "SEBARKAN!! Video kuis tebak nama kota berhadiah sepeda motor")
    cid = re.search(r"new claim (HX-[0-9A-F]+)", out).group(1)  # type: ignore[union-attr]
    code, out = hoax(db, "ingest", str(FEEDS / "komdigi.xml"))
    assert code == 0
    assert re.search(rf"open claim {cid} may be answered by debunk HX-[0-9A-F]+", out), out


def test_ingest_without_source_uses_hoax_feeds(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    feeds = f"{FEEDS / 'cekfakta.xml'}, {FEEDS / 'billion_laughs.xml'}"
    monkeypatch.setenv("HOAX_FEEDS", feeds)
    code, out = hoax(db, "ingest")
    assert code == 1
    assert "cekfakta.xml: 3 item(s), 2 added, 0 already known, 1 without label" in out
    assert "billion_laughs.xml: the feed declares XML entities" in out
    assert "error: 1 of 2 feed(s) failed" in out


def test_parse_duration_accepts_min_unit() -> None:
    assert parse_duration("90min") == timedelta(minutes=90)
    assert parse_duration("2h30min") == timedelta(hours=2, minutes=30)


@pytest.mark.parametrize("due", ["9999999d", "99999999999999d"])
def test_list_due_too_far_is_one_line_error_or_all_open(db: str, due: str) -> None:
    new_claim(db)
    result = runner.invoke(app, ["--db", db, "list", "--due", due])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 1:
        assert result.output.startswith("error: ") and result.output.count("\n") == 1


@pytest.mark.parametrize("seen", ["9999-12-31T23:00+00:00", "0001-01-01T00:30+07:00"])
def test_log_out_of_range_time_is_refused_and_store_stays_usable(db: str, seen: str) -> None:
    result = runner.invoke(app, ["--db", db, "log", "Pesan berantai bansos", "--seen-at", seen])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output.startswith("error: ") and result.output.count("\n") == 1
    code, out = hoax(db, "list")
    assert code == 0 and "0 claim(s)" in out


def test_stats_shows_median_time_to_clarify_exactly(db: str) -> None:
    from hoax_clinic import ClaimTracker

    seen = datetime(2026, 6, 17, 1, 0, tzinfo=UTC)
    with ClaimTracker.open(db) as tracker:
        cid = tracker.log(CLAIM, platform="wa", seen_at=seen).claim.id
        tracker.clarify(cid, text="PDAM: air aman.", label="hoaks", at=seen + timedelta(hours=2))
    code, out = hoax(db, "stats")
    assert code == 0
    assert re.search(r"Median time to clarify\s*│\s*2 h\s*│", out), out


def test_log_now_shows_the_whole_target(db: str) -> None:
    code, out = hoax(db, "log", CLAIM, "--priority", "urgent")
    assert code == 0
    assert re.search(r"new claim HX-[0-9A-F]+ \(deadline in 3 h\)", out), out
