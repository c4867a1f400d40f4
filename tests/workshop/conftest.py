"""Fixtures of the workshop tests: a course laid out by `ganerrors init` in tmp_path, and small
courses of pure-Python katas (no TensorFlow) for the runner, the plugin and the room.

Never the repository's own katas or progress.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ganerrors.cli import main
from ganerrors.course import KATA_FILE
from ganerrors.workshop import shipped

REPOSITORY = Path(__file__).resolve().parents[2]
SHIPPED = shipped.load()
NUMBERS = [kata.number for kata in SHIPPED.course.katas]


def ganerrors(
    *args: str,
    cwd: Path,
    stdin: int | None = subprocess.DEVNULL,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run the `ganerrors` command in a new interpreter, as a learner would."""
    return subprocess.run(
        [sys.executable, "-m", "ganerrors", *args],
        cwd=cwd,
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1", **(env or {})},
    )


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A course as `ganerrors init` lays it out."""
    folder = tmp_path / "course"
    assert main(["init", str(folder)]) == 0
    return folder


def fix_kata(course: Path, number: str) -> None:
    """Put the shipped solution in place of the learner's file."""
    solution = SHIPPED.solution(SHIPPED.course.kata(number))
    assert solution is not None
    (course / "katas" / number / KATA_FILE).write_bytes(solution)


# -- courses of pure-Python katas --------------------------------------------------------------
KATA_ENTRY = """
[[kata]]
number = "{number}"
slug = "kata-{number}"
title = "Kata {number}"
checklist = "output-shape"
minutes = 5
part = 1
timeout = {timeout}
summary = "A kata of the tests."
hints = ["First hint.", "Second hint.", "Last hint."]
[kata.failure]
type = "AssertionError"
message = "not ok"
category = "output-shape"
test = "test_gan_is_ok"
"""

PART = """
[[part]]
number = 1
title = "The only part"
summary = "Katas of the tests."
"""

#: A checker that loads gan.py by path (as GANChecks does) and checks `OK` in two tests.
CHECKER = """
import importlib.util
import pathlib


def load():
    path = pathlib.Path(__file__).with_name("gan.py")
    spec = importlib.util.spec_from_file_location("tests_fake_gan", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gan_is_ok():
    assert load().OK, "not ok"


def test_gan_still_ok():
    assert load().OK
"""


def make_course(
    folder: Path,
    katas: dict[str, str],
    checker: str = CHECKER,
    timeout: float = 30,
) -> Path:
    """A course folder whose katas are `number -> gan.py text`, all with `checker`."""
    (folder / "katas").mkdir(parents=True)
    registry = "".join(KATA_ENTRY.format(number=number, timeout=timeout) for number in katas)
    (folder / "katas" / "katas.toml").write_text(registry + PART, encoding="utf-8")
    for number, gan in katas.items():
        kata = folder / "katas" / number
        kata.mkdir()
        (kata / "gan.py").write_text(textwrap.dedent(gan), encoding="utf-8")
        (kata / "test_gan.py").write_text(textwrap.dedent(checker), encoding="utf-8")
        (kata / "README.md").write_text(f"# Kata {number}\n", encoding="utf-8")
    return folder


@pytest.fixture
def fake_course(tmp_path: Path) -> Path:
    """Two pure-Python katas: 01 fails, 02 passes."""
    return make_course(tmp_path / "fake", {"01": "OK = False\n", "02": "OK = True\n"})
