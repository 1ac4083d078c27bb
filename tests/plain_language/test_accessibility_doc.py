"""docs/accessibility.md: its example runs as written, and the page is in the nav."""

from __future__ import annotations

from pathlib import Path

from test_docs_pages import run_page

ROOT = Path(__file__).resolve().parents[2]


def test_example_runs_as_written() -> None:
    run_page("accessibility.md")


def test_page_is_in_the_nav_and_names_every_rule() -> None:
    from lapor_sdk.plain_language import RULES

    assert "accessibility.md" in (ROOT / "mkdocs.yml").read_text("utf-8")
    page = (ROOT / "docs" / "accessibility.md").read_text("utf-8")
    for rule in RULES:
        assert f"| `{rule}` |" in page, rule
