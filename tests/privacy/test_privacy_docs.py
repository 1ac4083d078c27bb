"""docs/privacy.md runs as written, and its audience table is what view_for does."""

from __future__ import annotations

import datetime as dt
import doctest
import importlib
import re
from pathlib import Path

import pytest

from lapor_sdk import NotVisibleError
from lapor_sdk.models import Complaint, Privacy, Reporter
from lapor_sdk.privacy import Audience, view_for

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_privacy_page_examples_run() -> None:
    result = doctest.testfile(
        str(DOCS / "privacy.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted >= 20
    assert result.failed == 0


@pytest.mark.parametrize("module", ["lapor_sdk._personal._redact", "lapor_sdk.privacy._views"])
def test_privacy_docstring_examples(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0
    assert result.failed == 0


CELL = {
    "name only": {"name"},
    "nothing": set(),
    "name, phone, e-mail, account id": {"name", "phone", "email", "reporter_id"},
    "everything": {"name", "phone", "email", "nik", "address", "reporter_id"},
}


def _seen(privacy: Privacy, audience: Audience) -> set[str] | None:
    c = Complaint(
        created_at=dt.datetime(2025, 3, 3, 8, tzinfo=dt.UTC),
        privacy=privacy,
        reporter=Reporter(
            name="Budi Santoso",
            phone="0857-1234-5678",
            email="budi@contoh.co.id",
            nik="3578015708900003",
            address="Jl. Mawar 1",
            reporter_id="u-1",
        ),
    )
    try:
        view = view_for(c, audience)
    except NotVisibleError:
        return None
    shown = view.reporter.model_dump(exclude_none=True) if view.reporter else {}
    return set(shown)


def test_privacy_page_audience_table_is_what_view_for_does() -> None:
    text = (DOCS / "privacy.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([A-Z_]+)` \| ([^|]+?) \| ([^|]+?) \| ([^|]+?) \|$", text, re.M)
    checked = 0
    for privacy_name, *cells in rows:
        if privacy_name not in Privacy.__members__ or cells[0].startswith(("Publik", "Anonim")):
            continue  # the flag table, not the audience table
        for audience, cell in zip(Audience, cells, strict=True):
            expected = None if cell == "`NotVisibleError`" else CELL[cell]
            assert _seen(Privacy[privacy_name], audience) == expected, (privacy_name, audience)
            checked += 1
    assert checked == len(Privacy) * len(Audience)
