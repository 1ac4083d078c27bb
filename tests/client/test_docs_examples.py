"""The examples of docs/client.md, docs/sandbox.md and docs/lapor3.md run as written.

Each ```python block is executed; when a ```text block follows it, the printed output must
equal it (tracking ids' years are normalised, since they are the current year).
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from lapor_sdk.sandbox import Sandbox

DOCS = Path(__file__).resolve().parents[2] / "docs"
BLOCK = re.compile(r"```(python|text)\n(.*?)```", re.DOTALL)


def examples() -> list[object]:
    found: list[object] = []
    for page in ("client.md", "sandbox.md", "lapor3.md"):
        blocks = BLOCK.findall((DOCS / page).read_text(encoding="utf-8"))
        for i, (kind, code) in enumerate(blocks):
            if kind != "python":
                continue
            expected = (
                blocks[i + 1][1] if i + 1 < len(blocks) and blocks[i + 1][0] == "text" else None
            )
            found.append(pytest.param(code, expected, id=f"{page}-{i}"))
    return found


def _normal(text: str) -> str:
    return re.sub(r"LAPOR-\d{4}-", "LAPOR-YYYY-", text).strip()


@pytest.mark.parametrize(("code", "expected"), examples())
def test_example_runs_and_prints_what_the_page_says(
    code: str, expected: str | None, lapor_sandbox: Sandbox
) -> None:
    out = io.StringIO()
    namespace: dict[str, object] = {"__name__": "docs_example"}
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<docs>", "exec"), namespace)  # noqa: S102 - our own docs
        for name, value in list(namespace.items()):
            if name.startswith("test_") and callable(value):
                value(lapor_sandbox)
    if expected is not None:
        assert _normal(out.getvalue()) == _normal(expected)
