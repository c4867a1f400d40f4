"""Lint, format and type checks, so CI enforces what CONTRIBUTING.md asks for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYTHON_TREES = ["src", "tests", "katas", "solutions", "benchmarks", "docs/hooks", "hatch_build.py"]


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("check", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff_finds_nothing(check: list[str]) -> None:
    pytest.importorskip("ruff", reason="ruff is a dev tool: pip install -e '.[dev]'")
    result = _run(sys.executable, "-m", "ruff", *check, *PYTHON_TREES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_the_package() -> None:
    pytest.importorskip("mypy", reason="mypy is a dev tool: pip install -e '.[dev]'")
    result = _run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr
