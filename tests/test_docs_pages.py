"""The examples on the docs pages that have no test module of their own run as written.

Plain ``python`` blocks are executed in order in one namespace per page; blocks written as
``>>>`` sessions are checked with doctest in that same namespace. Blocks that need the
reader's own infrastructure (a PostgreSQL server, the fact-checkers' live feeds) are shown,
not run.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import json
import re
from pathlib import Path

import pytest

from lapor_sdk.monev import sample_complaints

DOCS = Path(__file__).resolve().parents[1] / "docs"
NEEDS_OUTSIDE_WORLD = ("postgresql://", "DEFAULT_FEEDS")


def run_page(page: str) -> str:
    """Run every example of ``page``; return what the plain blocks printed."""
    blocks = re.findall(r"```python\n(.*?)```", (DOCS / page).read_text("utf-8"), re.S)
    runnable = [b for b in blocks if not any(marker in b for marker in NEEDS_OUTSIDE_WORLD)]
    assert runnable, f"{page} has no runnable python example"
    namespace: dict[str, object] = {"__name__": "__docs__"}
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    out = io.StringIO()
    for index, block in enumerate(runnable):
        name = f"{page}#{index}"
        if block.lstrip().startswith(">>>"):
            test = doctest.DocTestParser().get_doctest(block, namespace, name, page, 0)
            runner.run(test, out=out.write)
        else:
            with contextlib.redirect_stdout(out):
                exec(compile(block, name, "exec"), namespace)  # noqa: S102 - our own docs
    assert runner.failures == 0, out.getvalue()
    return out.getvalue()


@pytest.mark.parametrize(
    "page",
    [
        "getting-started.md",
        "hoax-clinic.md",
        "hoax-matching.md",
        "monev.md",
        "pdp.md",
        "report.md",
        "open311.md",
        "spreadsheets.md",
    ],
)
def test_examples_run(page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    # monev.md and report.md start from a complaints file, as their readers would.
    complaints = [c.model_dump(mode="json") for c in sample_complaints(40, seed=3)]
    (tmp_path / "complaints.json").write_text(json.dumps(complaints), encoding="utf-8")
    run_page(page)


def test_getting_started_prints_what_it_says() -> None:
    out = run_page("getting-started.md")
    assert out.splitlines() == ["Terdisposisi Selesai", "['created', 'verified', 'completed']"]


def test_the_open311_and_spreadsheet_pages_print_what_they_say(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_page("open311.md").splitlines() == [
        "open Laporan Belum Terverifikasi Jl. Ahmad Yani, Kota Surabaya",
        "LAPOR-2025-000001 35.78",
        "1 [] Infrastruktur",
    ]
    assert run_page("spreadsheets.md").splitlines() == [
        "1 of 2 row(s) imported, 1 skipped, 0 blank",
        "row 4: status Terdisposisi Belum Ditindaklanjuti needs Tanggal Disposisi; fill it in "
        "or change the status",
    ]
