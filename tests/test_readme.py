"""The README's quickstart runs and prints what its comments say."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def _quickstart() -> str:
    match = re.search(r"## Quickstart\n\n```python\n(.*?)```", README.read_text("utf-8"), re.S)
    assert match, "README has no Quickstart python block"
    return match.group(1)


def test_quickstart_prints_what_its_comments_promise() -> None:
    code = _quickstart()
    expected = [
        comment.split("—")[0].strip()
        for line in code.splitlines()
        if line.startswith("print(") and "#" in line
        for comment in [line.split("#", 1)[1]]
    ]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - our own README
    printed = out.getvalue().splitlines()
    assert len(printed) == len(expected)
    for got, want in zip(printed, expected, strict=True):
        assert got.strip() == want


def test_readme_commands_are_the_ones_ci_runs() -> None:
    text = README.read_text("utf-8")
    ci = (README.parent / ".ci" / "run").read_text("utf-8")
    test_command = re.findall(r"```bash\n(.*?)\n```", text, re.S)[1]
    assert test_command.strip() in ci
    assert "lapor demo" in re.findall(r"```bash\n(.*?)\n```", text, re.S)[0]
