"""The built site, once per test session, for the tests that read it."""

from __future__ import annotations

import os
import subprocess
import sys
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


def mkdocs_build(folder: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` into `folder`, with the repository's measurement cache."""
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "-d", str(folder), *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**SHORT_TRAINING, **os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("site")
    done = mkdocs_build(folder)
    log = done.stdout + done.stderr
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{log[-8000:]}"
    return Built(folder, log)


@pytest.fixture(scope="session")
def short_training() -> dict[str, str]:
    """The environment that shortens a notebook's training (`SHORT_TRAINING`)."""
    return SHORT_TRAINING
