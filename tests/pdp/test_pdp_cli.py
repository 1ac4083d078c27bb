"""``lapor pdp``: the commands end to end on a SQLite file, and nothing personal printed."""

from __future__ import annotations

import json
from pathlib import Path

from tests.security.canary import NIK, found_in
from typer.testing import CliRunner

from lapor_sdk.cli import app
from lapor_sdk.storage import create_engine

from .conftest import build, every_cell

runner = CliRunner()


def test_request_export_erase_retention_breach(tmp_path: Path) -> None:
    db = tmp_path / "lapor.db"
    engine = create_engine(f"sqlite:///{db}")
    build(engine)  # complaints, ppid and hoax stores all in one file here
    stores = ["--store", f"ppid={db}", "--store", f"hoax={db}"]
    outputs: list[str] = []

    def run(*args: str) -> str:
        result = runner.invoke(app, ["pdp", *args, "--db", str(db)])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
        return result.output

    out = run("request", "access", "--nik", NIK, "--received-at", "2025-06-02T09:00+07:00",
              "--id", "PDP-A1")  # fmt: skip
    assert "due 2025-06-05 09:00" in out and "Pasal 32 ayat (2)" in out
    out = run("request", "--list", "--now", "2025-06-04T16:00+07:00")
    assert "PDP-A1" in out and "at_risk" in out
    out = run("export", "--request", "PDP-A1", "--out", str(tmp_path / "x"), *stores)
    assert "5 record(s) from 4 store(s)" in out  # 3 complaints, 1 ppid, 1 register entry
    assert found_in((tmp_path / "x" / "PDP-A1.json").read_text("utf-8")) >= {"nik", "phone"}
    assert (tmp_path / "x" / "PDP-A1.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    run("request", "erasure", "--phone", "081234567890", "--id", "PDP-E1")
    out = run("erase", "--request", "PDP-E1", *stores)
    assert "kept (in_progress)" in out and "LAPOR-2025-000777" in out  # the open one is kept
    out = run("erase", "--request", "PDP-E1", "--force", *stores)
    assert "(done)" in out
    out = run("retention", "--dry-run", "--now", "2030-01-01T00:00+07:00", *stores)
    assert "dry run: nothing changed" in out
    out = run(
        "breach", "--discovered-at", "2025-06-01T22:00+09:00", "--how", "Server cadangan terbuka",
        "--data", "nama", "--data", "nomor telepon", "--measures", "Server kami tutup",
        "--controller", "Diskominfo", "--contact", "(031) 5312144", "--out", str(tmp_path / "b"),
        "--tz", "WIT", *stores,
    )  # fmt: skip
    assert "by 2025-06-04 22:00 WIT" in out
    assert found_in("\n".join(outputs)) == set()
    assert found_in(every_cell(engine)) == set()


def test_a_bad_store_option_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["pdp", "retention", "--db", str(tmp_path / "a.db"), "--store", "ppid"]
    )
    assert result.exit_code == 1
    assert "must be KIND=DB" in result.output
    assert json.dumps(result.output).count("\\n") <= 2


def test_restrict_holds_the_queued_filing_and_lift_releases_it(tmp_path: Path) -> None:
    from tests.security.canary import PHONE, canary_complaint

    from lapor_sdk.sync import enqueue_complaint
    from lapor_sdk.sync._outbox import claim, connect

    db = tmp_path / "lapor.db"
    engine = create_engine(f"sqlite:///{db}")
    enqueue_complaint(engine, canary_complaint(), local_id="app:9")
    stores = ["--db", str(db), "--store", f"outbox={db}"]
    for args in (["request", "restriction", "--phone", PHONE, "--id", "PDP-R1", "--db", str(db)],
                 ["restrict", "--request", "PDP-R1", *stores]):  # fmt: skip
        result = runner.invoke(app, ["pdp", *args])
        assert result.exit_code == 0, result.output
    assert "restricted (complaints 0, outbox 1 record(s); done)" in result.output
    with connect(engine) as conn:
        assert claim(conn, "", 10, now=9e9, lease=30.0) == []  # held: nothing to send
    result = runner.invoke(app, ["pdp", "restrict", "--request", "PDP-R1", "--lift", *stores])
    assert result.exit_code == 0 and "lifted (complaints 0, outbox 1" in result.output
    with connect(engine) as conn:
        assert [r.local_id for r in claim(conn, "", 10, now=9e9, lease=30.0)] == ["app:9"]
    assert found_in(result.output) == set()
