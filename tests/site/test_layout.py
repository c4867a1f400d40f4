"""Where the site's code lives: the logic in the package, a hook that only renders."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOOK_LINES = 250


def test_the_mkdocs_hooks_are_short_enough_to_only_render() -> None:
    lines = sum(len(p.read_text().splitlines()) for p in (ROOT / "docs" / "hooks").rglob("*.py"))
    assert lines <= HOOK_LINES, f"docs/hooks has {lines} lines: move logic to ganerrors.site"


def test_nothing_in_tests_or_docs_edits_sys_path() -> None:
    edit = re.compile(r"sys\.path\.(insert|append|extend)|sys\.path\s*[+]?=")
    found = [
        str(path.relative_to(ROOT))
        for folder in ("tests", "docs")
        for path in (ROOT / folder).rglob("*.py")
        if edit.search(path.read_text(encoding="utf-8"))
    ]
    assert not found, found


def test_mypy_checks_the_site_package_and_the_hooks() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    files = re.search(r"^files = \[(.*)\]$", text, flags=re.M)
    assert files is not None
    assert '"src/ganerrors"' in files.group(1) and '"docs/hooks"' in files.group(1)
