"""Running a kata's checker and recording the result.

`run_subprocess` is exactly `pytest katas/NN` in a new interpreter, its output shown unchanged;
`run_in_process` is the same run inside this process (for `watch`, which keeps TensorFlow
loaded between runs). Both read the outcome from the pytest plugin's JSON report.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ganerrors import course as course_mod
from ganerrors.errors import ReportError
from ganerrors.report import Report
from ganerrors.workshop import WorkshopError
from ganerrors.workshop import progress as progress_mod
from ganerrors.workshop.place import Place


@dataclass(frozen=True)
class Result:
    kata: course_mod.Kata
    solved: bool
    failure: dict[str, Any] | None  # the plugin's first failure, when it recorded one
    exit_code: int  # pytest's


def pytest_args(place: Place, kata: course_mod.Kata, report: Path) -> list[str]:
    return [place.relative(place.course.folder(kata)), "--ganerrors-report", str(report)]


def _ready(place: Place, kata: course_mod.Kata) -> None:
    folder = place.course.folder(kata)
    missing = [name for name in (course_mod.KATA_FILE,) if not (folder / name).is_file()]
    if missing:
        names = ", ".join(place.relative(folder / name) for name in missing)
        raise WorkshopError(
            f"kata {kata.number} is missing {names}; "
            f"`ganerrors reset {kata.number}` puts back the files as shipped",
            code=1,
        )


def run_subprocess(place: Place, kata: course_mod.Kata) -> Result:
    """`python -m pytest katas/NN` in the course folder; its output goes to the learner as is."""
    _ready(place, kata)
    with tempfile.TemporaryDirectory(prefix="ganerrors-") as tmp:
        report = Path(tmp) / "report.json"
        command = [sys.executable, "-m", "pytest", *pytest_args(place, kata, report)]
        code = subprocess.call(command, cwd=place.folder)
        return _result(kata, code, report)


def run_in_process(place: Place, kata: course_mod.Kata) -> Result:
    """The same run with pytest.main in this process: TensorFlow stays imported between runs."""
    import pytest

    _ready(place, kata)
    with tempfile.TemporaryDirectory(prefix="ganerrors-") as tmp:
        report = Path(tmp) / "report.json"
        # The plugin imports kata checkers by path (importlib mode), so a second run in the
        # same process does not collide with the test_gan.py imported by the first. The
        # warning filter: ganerrors is imported already, so pytest cannot rewrite its
        # plugin's asserts and would say so on every run.
        args = [
            *pytest_args(place, kata, report),
            "-p",
            "no:cacheprovider",
            "-W",
            "ignore::pytest.PytestAssertRewriteWarning",
        ]
        cwd = Path.cwd()
        os.chdir(place.folder)
        try:
            code = int(pytest.main(args))
        finally:
            os.chdir(cwd)
            sys.stdout.flush()
        return _result(kata, code, report)


def _result(kata: course_mod.Kata, code: int, report: Path) -> Result:
    try:
        entry = Report.read(report).katas.get(kata.number)
    except ReportError:
        entry = None  # pytest stopped before the plugin wrote its report: not solved
    solved = code == 0 and entry is not None and entry.solved
    failure = asdict(entry.failure) if entry is not None and entry.failure else None
    return Result(kata=kata, solved=solved, failure=failure, exit_code=code)


def record(place: Place, result: Result) -> progress_mod.Progress:
    progress = progress_mod.load(place.state)
    state = progress_mod.SOLVED if result.solved else progress_mod.FAILING
    progress.record(result.kata.number, state, result.failure)
    progress.save()
    return progress


def first_unsolved(place: Place, progress: progress_mod.Progress) -> course_mod.Kata | None:
    for kata in place.course.katas:
        if progress.state(kata.number) != progress_mod.SOLVED:
            return kata
    return None


def next_steps(place: Place, result: Result, progress: progress_mod.Progress) -> str:
    """What to say after a run: what comes next when solved, where to look when not."""
    kata = result.kata
    if not result.solved:
        return (
            f"Kata {kata.number} is not solved yet. Edit "
            f"{place.relative(place.course.kata_file(kata))}, then check again; "
            f"`ganerrors hint {kata.number}` gives a hint."
        )
    lines = [f"Kata {kata.number} solved: {kata.title}."]
    following = first_unsolved(place, progress)
    if following is None:
        lines.append(f"All {len(place.course.katas)} katas are solved. Well done!")
    else:
        lines.append(f"Next: kata {following.number}, {following.title}.")
        lines.append(f"Run `ganerrors check {following.number}`.")
    lines.append(f"`ganerrors solution {kata.number}` compares your fix with ours.")
    return "\n".join(lines)
