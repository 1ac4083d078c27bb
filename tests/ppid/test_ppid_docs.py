"""docs/ppid.md runs as written and prints what it shows."""

from __future__ import annotations

import re
from pathlib import Path

from test_docs_pages import DOCS, run_page


def test_ppid_page_prints_what_it_shows() -> None:
    printed = run_page("ppid.md").splitlines()
    page = (DOCS / "ppid.md").read_text("utf-8")
    # The plain ``` blocks right after a python block are the output it shows.
    shown = re.findall(r"```python\n.*?```\n\n```\n(.*?)```", page, re.S)
    expected = [line for block in shown for line in block.splitlines()]
    assert printed == expected


def test_ppid_page_is_in_the_nav() -> None:
    nav = (Path(DOCS).parent / "mkdocs.yml").read_text("utf-8")
    assert "ppid.md" in nav
