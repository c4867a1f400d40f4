"""Shared by the whole suite: a plain `pytest` in a learner's install must not crash.

`pip install -e .` (the README's first command) installs ganerrors without its development
tools (hypothesis, nbmake, nbformat, mkdocs, selenium, ...), and a plain `pytest` at the root
collects every test module. A module that imports a tool that is not installed is skipped,
with the reason and the command that installs the tools, instead of stopping the whole run
with "No module named ...". With the dev extras installed (CI), nothing is skipped: a missing
module is then a real error, and shows as one.
"""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import os
import sys
from functools import cache
from pathlib import Path

import pytest
from packaging.requirements import Requirement

DEV_INSTALL = 'pip install -e ".[dev]"'
ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".git", ".venv", "venv", "site", "build", "dist", "node_modules", "__pycache__"}


@cache
def local_modules() -> frozenset[str]:
    """Module names the repository itself holds (a test may put docs/hooks on sys.path)."""
    names = {"tests", "conftest"}
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [d for d in subfolders if d not in SKIP_DIRS and not d.startswith(".")]
        names.update(name[:-3] for name in files if name.endswith(".py"))
        if "__init__.py" in files:
            names.add(Path(folder).name)
    return frozenset(names)


@cache
def dev_extras_installed() -> bool:
    """Whether every requirement of ganerrors' `dev` extra is installed."""
    try:
        requires = importlib.metadata.requires("ganerrors") or []
    except importlib.metadata.PackageNotFoundError:
        return False
    for text in requires:
        requirement = Requirement(text)
        marker = requirement.marker
        if (
            marker is None
            or marker.evaluate({"extra": ""})
            or not marker.evaluate({"extra": "dev"})
        ):
            continue
        try:
            importlib.metadata.version(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            return False
    return True


def missing_imports(path: Path) -> list[str]:
    """Top-level modules that `path` imports at module level and that cannot be found."""
    try:
        tree = ast.parse(path.read_bytes(), filename=str(path))
    except (OSError, SyntaxError, ValueError):
        return []  # pytest reports it properly
    names = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            names += [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module.split(".")[0])
    missing = []
    for name in dict.fromkeys(names):
        if name in local_modules() or name in sys.stdlib_module_names:
            continue
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(name)
    return missing


class NeedsDevTools(pytest.Module):
    """A test module that cannot be imported here: collected as one skip, with its reason."""

    reason = ""

    def collect(self):  # type: ignore[override]
        pytest.skip(self.reason)


def pytest_pycollect_makemodule(
    module_path: Path, parent: pytest.Collector
) -> pytest.Module | None:
    if dev_extras_installed():
        return None
    missing = missing_imports(module_path)
    if not missing:
        return None
    module = NeedsDevTools.from_parent(parent, path=module_path)
    module.reason = (
        f"needs {', '.join(missing)}, a development tool that is not installed: {DEV_INSTALL}"
    )
    return module


@pytest.fixture(scope="session")
def catalogue() -> dict:
    """Every case of the catalogue (ganerrors.cases), run once per session on the installed
    TensorFlow: what each mode did, and the exceptions themselves. The catalogue's own test
    checks the claims on it; the explainer's live tests explain its exceptions."""
    from ganerrors.cases import CASES
    from ganerrors.cases.run import run_case

    return {case.id: run_case(case) for case in CASES}
