"""`ganerrors check` and a plain `pytest katas/NN` on a real kata (TensorFlow)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ganerrors.cli import main
from ganerrors.workshop import progress

from .conftest import NUMBERS, SHIPPED, fix_kata, ganerrors

pytestmark = [pytest.mark.slow, pytest.mark.tensorflow]


def test_a_kata_checked_failing_then_solved_by_a_plain_pytest_run(course: Path, capfd) -> None:
    assert main(["check", "--course", str(course)]) == 1  # no number: the first unsolved, 01
    out = capfd.readouterr().out
    assert SHIPPED.course.kata("01").failure.type in out  # pytest's own output, streamed
    assert "ganerrors: Output shape" in out and "Likely causes" in out
    assert "Fix:" not in out  # the first failure in a course does not name the fix
    assert "hint 1 of" in out
    kept = progress.load(course / ".ganerrors").kata("01")
    assert (kept.state, kept.attempts) == (progress.FAILING, 1)

    fix_kata(course, "01")
    plain = subprocess.run(
        [sys.executable, "-m", "pytest", "katas/01", "-p", "no:cacheprovider"],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert plain.returncode == 0, plain.stdout
    assert "kata 01 solved (run 2), recorded in your progress" in plain.stdout
    listed = json.loads(ganerrors("list", "--json", cwd=course).stdout)
    first = listed["katas"][0]
    assert (first["number"], first["state"], first["solved"], first["attempts"]) == (
        "01",
        "solved",
        True,
        2,
    )
    assert listed["current"] == NUMBERS[1]


def test_check_of_a_solved_kata_says_truthfully_what_comes_next(course: Path, capfd) -> None:
    fix_kata(course, "01")
    assert main(["check", "01", "--course", str(course)]) == 0
    out = capfd.readouterr().out
    # pytest's summary line: "N passed in 5s", or "N passed, 1 warning in 5s" where the
    # machine warns about something; the test asks only that nothing failed.
    summary = out.strip().splitlines()
    assert re.search(r"\b\d+ passed\b", out), summary[-12:]
    assert not re.search(r"\b\d+ (failed|error)", out), summary[-12:]
    assert f"Next: kata {NUMBERS[1]}" in out and f"`ganerrors check {NUMBERS[1]}`" in out
    assert "`ganerrors solution 01`" in out
    assert progress.load(course / ".ganerrors").solved("01")
    assert main(["solution", "01", "--course", str(course)]) == 0
    assert "the same as the solution" in capfd.readouterr().out


def test_check_with_spoilers_names_the_fix_at_once(course: Path, capfd) -> None:
    assert main(["check", "01", "--spoilers", "--course", str(course)]) == 1
    assert "Fix:" in capfd.readouterr().out
