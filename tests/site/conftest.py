"""The built site, once per test session, for the tests that read it.

The build starts in the background as soon as collection shows a test that reads it, so it
overlaps the explainer's tests (one core, Python only) instead of running after them; the
`built` fixture then waits for it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
#: The suite's notebooks train their fixed GAN for 150 steps, not their katas' training_steps
#: (1,300 to 6,000, katas.toml): enough to run every cell and draw every figure, in a fraction
#: of the time (the cache keys keep the two apart; a short-trained notebook never reaches a
#: real build). GANERRORS_NOTEBOOK_STEPS in the environment overrides it.
SHORT_TRAINING = {"GANERRORS_NOTEBOOK_STEPS": "150"}


@dataclass(frozen=True)
class Built:
    folder: Path  # the site
    log: str  # what `mkdocs build` printed, stdout and stderr


def _command(folder: Path) -> tuple[list[str], dict[str, str]]:
    """`mkdocs build --strict` into `folder`, with the repository's measurement cache."""
    command = [str(BIN / "mkdocs"), "build", "--strict", "-d", str(folder)]
    return command, {**SHORT_TRAINING, **os.environ, "NO_MKDOCS_2_WARNING": "1"}


class _Background:
    """The session's build, started when collection ends and awaited by `built`."""

    process: subprocess.Popen[bytes] | None = None
    folder: Path | None = None  # the site, beside its build log


def pytest_collection_finish(session: pytest.Session) -> None:
    if any("built" in getattr(item, "fixturenames", ()) for item in session.items):
        _Background.folder = Path(tempfile.mkdtemp(prefix="ganerrors-site-"))
        command, env = _command(_Background.folder / "site")
        with open(_Background.folder / "build.log", "wb") as log:  # a file: a pipe could fill
            _Background.process = subprocess.Popen(
                command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env
            )


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _Background.process is not None and _Background.process.poll() is None:
        _Background.process.kill()
        _Background.process.wait()
    if _Background.folder is not None:
        shutil.rmtree(_Background.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def built() -> Built:
    process, folder = _Background.process, _Background.folder
    assert process is not None and folder is not None, "the build was not started at collection"
    try:
        process.wait(timeout=600)
        failed = "failed"
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        failed = "ran past 600 s and was stopped"
    log = (folder / "build.log").read_text(encoding="utf-8", errors="replace")
    assert process.returncode == 0, f"mkdocs build --strict {failed}:\n{log[-8000:]}"
    return Built(folder / "site", log)


@pytest.fixture(scope="session")
def short_training() -> dict[str, str]:
    """The environment that shortens a notebook's training (`SHORT_TRAINING`)."""
    return SHORT_TRAINING
