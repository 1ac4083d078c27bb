"""The core install never imports the triage extra; without it, triage says what to install."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

# Hide scikit-learn and PySastrawi as if the extra were not installed.
_BLOCK = textwrap.dedent(
    """
    import importlib.abc, sys
    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {"sklearn", "Sastrawi", "scipy"}:
                raise ModuleNotFoundError(name)
            return None
    sys.meta_path.insert(0, Block())
    """
)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _BLOCK + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_core_imports_never_load_scikit_learn() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, lapor_sdk, lapor_sdk.intake, lapor_sdk.cli\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "{'sklearn', 'Sastrawi', 'scipy'} or m == 'lapor_sdk.triage'))",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_without_the_extra_triage_names_the_install() -> None:
    result = _run(
        """
        import lapor_sdk, lapor_sdk.intake
        try:
            import lapor_sdk.triage
        except ImportError as exc:
            print(type(exc).__name__, isinstance(exc, lapor_sdk.LaporError), exc)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("MissingExtraError True lapor_sdk.triage needs ")
    assert 'pip install "lapor-sdk[triage]"' in result.stdout


def test_without_the_extra_the_cli_still_works_and_triage_fails_in_one_line(
    tmp_path: Path,
) -> None:
    model = tmp_path / "m.json"
    model.write_text("{}", encoding="utf-8")
    message = tmp_path / "pesan.txt"
    message.write_text("Jalan rusak berlubang di Desa Tetel, Purbalingga", encoding="utf-8")
    result = _run(
        f"""
        from typer.testing import CliRunner
        from lapor_sdk.cli import app
        runner = CliRunner()
        print(runner.invoke(app, ["--version"]).exit_code)
        r = runner.invoke(app, ["triage", "suggest", "--model", {str(model)!r}, "jalan rusak"])
        print(r.exit_code, r.output.strip())
        r = runner.invoke(app, ["intake", {str(message)!r}, "--model", {str(model)!r}])
        print(r.exit_code, r.output.strip())
        r = runner.invoke(app, ["intake", {str(message)!r}])
        print(r.exit_code, "Draft" in r.output)
        """
    )
    assert result.returncode == 0, result.stderr
    first, suggest, intake, plain = result.stdout.strip().splitlines()
    assert first == "0"
    for line in (suggest, intake):
        assert line.startswith("1 error: lapor_sdk.triage needs scikit-learn"), line
        assert 'pip install "lapor-sdk[triage]"' in line
    assert plain == "0 True"  # intake without --model never touches the extra
