"""The two commands of the README are the ones CI and the site use, word for word."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _commands(text: str) -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", text)


def test_the_readme_has_the_install_and_run_command_for_kata_01_and_for_the_suite() -> None:
    first, second = _commands((ROOT / "README.md").read_text())[:2]
    assert first.startswith("python3 -m venv .venv") and first.endswith("pytest katas/01")
    assert "pip install" in second and second.endswith("pytest")


def test_ci_runs_the_readmes_second_command() -> None:
    second = _commands((ROOT / "README.md").read_text())[1]
    assert second in (ROOT / ".ci" / "run").read_text().splitlines()


def test_the_sites_quickstart_shows_the_same_two_commands() -> None:
    readme = _commands((ROOT / "README.md").read_text())[:2]
    assert _commands((ROOT / "docs" / "index.md").read_text())[:2] == readme
