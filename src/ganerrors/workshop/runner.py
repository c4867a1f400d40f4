"""Running a kata's checker, fenced in, and reading back what happened.

`run_subprocess` (for `ganerrors check`) is `pytest katas/NN` in a new interpreter
(`ganerrors.workshop.child`), its output shown unchanged, in a session of its own:
- the pytest plugin stops the kata after its timeout (the registry's, or `timeout`) and
  names the step; if the process does not answer, this side dumps its stacks and kills its
  whole process group `GRACE_S` later;
- Ctrl-C, SIGTERM or SIGHUP here kill the group too, and when this process dies, the child's
  lifeline pipe closes and it kills its own group;
- whatever gan.py started is killed when the run ends; the temporary folder is removed.

The plugin records a finished run in the progress file itself; a run that ends without its
report (stopped, crashed, or ended by gan.py calling os._exit) is recorded here.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ganerrors import course
from ganerrors.errors import ReportError
from ganerrors.report import Report
from ganerrors.workshop import WorkshopError, progress, stuck
from ganerrors.workshop.place import Place

#: Seconds past the kata's timeout before the runner stops a process that does not answer.
GRACE_S = 3.0
#: Seconds a checker may take to start (interpreter, TensorFlow's import, collection) before
#: its checks begin and its timeout starts counting.
STARTUP_S = 60.0
TIMEOUT_TYPE = "KataTimeout"
#: Process groups, a lifeline pipe and stack dumps on SIGUSR1 (on Windows: a plain timeout).
POSIX = os.name == "posix"
ENDED_TYPE = "RunEndedEarly"


class Stopped(BaseException):
    """SIGTERM or SIGHUP arrived while a kata ran: stop like Ctrl-C does."""


@dataclass(frozen=True)
class Result:
    kata: course.Kata
    solved: bool  # every check ran and passed
    failure: dict[str, Any] | None  # the first failure, when there was one
    exit_code: int | None  # the checker process's, None when it had to be killed
    seconds: float = 0.0
    timed_out: bool = False
    recorded: bool = True  # the plugin recorded the run in the progress file

    @property
    def summary(self) -> str:
        return "solved" if self.solved else ("stopped" if self.timed_out else "failing")


def pytest_args(
    place: Place,
    kata: course.Kata,
    report: Path,
    timeout: float,
    spoilers: bool,
    watching: bool = False,
) -> list[str]:
    """The checker's pytest arguments; `watching`: a check of `ganerrors watch`, which
    re-checks on every save (the plugin says so instead of "rerun pytest")."""
    args = [
        place.relative(place.course.folder(kata)),
        "--ganerrors-report",
        str(report),
        "--ganerrors-timeout",
        f"{timeout:g}",
        "--ganerrors-clock",
        str(report.with_name("clock")),
    ]
    return (
        args
        + (["--ganerrors-spoilers"] if spoilers else [])
        + (["--ganerrors-watch"] if watching else [])
    )


def limit_of(kata: course.Kata, timeout: float | None) -> float:
    return float(kata.timeout) if timeout is None else timeout


def ready(place: Place, kata: course.Kata) -> None:
    """Raise a WorkshopError (exit 1) when the kata's files are not there to check."""
    missing = [
        place.course.folder(kata) / name
        for name in (course.KATA_FILE, course.CHECKER_FILE)
        if not (place.course.folder(kata) / name).is_file()
    ]
    if missing:
        names = ", ".join(place.relative(path) for path in missing)
        raise WorkshopError(
            f"kata {kata.number} is missing {names}; "
            f"`ganerrors reset {kata.number}` puts back the files as shipped",
            code=1,
        )


@contextlib.contextmanager
def run_folder() -> Iterator[Path]:
    """A temporary folder for one run's report and stack dump, removed whatever happens."""
    folder = Path(tempfile.mkdtemp(prefix="ganerrors-run-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def signals_stop_the_run() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into `Stopped`, so cleanup runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise Stopped(signal.Signals(signum).name)

    names = [name for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    saved = {name: signal.signal(getattr(signal, name), stop) for name in names}
    try:
        yield
    finally:
        for name, handler in saved.items():
            signal.signal(getattr(signal, name), handler)


def kill_group(pid: int) -> None:
    """Kill the process group that `pid` leads, and whatever is left in it."""
    if not hasattr(os, "killpg"):  # pragma: no cover - Windows
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def dump_stacks(pid: int, dump: Path, kata_folder: Path) -> str:
    """Ask a stuck run for its stacks (SIGUSR1 -> faulthandler) and name its step."""
    if not hasattr(signal, "SIGUSR1"):  # pragma: no cover - Windows
        return ""
    try:
        os.kill(pid, signal.SIGUSR1)
    except OSError:
        return ""
    text, deadline = "", time.monotonic() + 1.0
    while time.monotonic() < deadline:  # faulthandler writes from the signal handler: wait
        time.sleep(0.05)  # until the dump has frames and has stopped growing
        try:
            latest = dump.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if "File " in latest and latest == text:
            break
        text = latest
    return stuck.describe(stuck.parse_dump(text), kata_folder)


def wait(process: subprocess.Popen[bytes], clock: Path, limit: float) -> int:
    """The process's exit code; TimeoutExpired once it has run `limit` + GRACE_S seconds
    past the start of its checks (the plugin writes `clock` then), or past STARTUP_S when
    its checks never start."""
    if limit <= 0:
        return process.wait()
    started = time.monotonic()
    deadline = started + STARTUP_S + limit + GRACE_S
    clocked = False
    while True:
        try:
            return process.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            pass
        if not clocked and clock.exists():
            clocked = True
            deadline = min(deadline, time.monotonic() + limit + GRACE_S)
        if time.monotonic() > deadline:
            raise subprocess.TimeoutExpired(process.args, limit)


def run_subprocess(
    place: Place,
    kata: course.Kata,
    *,
    timeout: float | None = None,
    spoilers: bool = False,
    watching: bool = False,
) -> Result:
    """`pytest katas/NN` in a new interpreter, in the course folder; its output as it comes."""
    ready(place, kata)
    limit = limit_of(kata, timeout)
    with run_folder() as tmp, signals_stop_the_run():
        report, dump = tmp / "report.json", tmp / "stacks.txt"
        args = pytest_args(place, kata, report, limit, spoilers, watching)
        lifeline_read, lifeline_write = os.pipe()
        command = [sys.executable, "-m", "ganerrors.workshop.child", "--dump", str(dump)]
        if POSIX:
            command += ["--lifeline", str(lifeline_read)]
        started = time.perf_counter()
        try:
            process = subprocess.Popen(
                [*command, "--", *args],
                cwd=place.folder,
                stdin=subprocess.DEVNULL,
                start_new_session=POSIX,
                pass_fds=(lifeline_read,) if POSIX else (),
            )
        except OSError as exc:
            os.close(lifeline_write)
            raise WorkshopError(f"cannot start the kata's checker: {exc}") from None
        finally:
            os.close(lifeline_read)
        step, code = "", None
        try:
            code = wait(process, report.with_name("clock"), limit)
        except subprocess.TimeoutExpired:
            step = dump_stacks(process.pid, dump, place.course.folder(kata))
        finally:
            kill_group(process.pid)
            os.close(lifeline_write)
            process.wait()
        seconds = time.perf_counter() - started
        return finish(place, kata, report, code, seconds, limit, step)


def finish(
    place: Place,
    kata: course.Kata,
    report: Path,
    code: int | None,
    seconds: float,
    limit: float,
    step: str = "",
) -> Result:
    """Read the run's report; record a run that ended without one."""
    try:
        entry = Report.read(report).katas.get(kata.number)
    except ReportError:
        entry = None
    if entry is not None:
        failure = asdict(entry.failure) if entry.failure else None
        timed_out = entry.failure is not None and entry.failure.type == TIMEOUT_TYPE
        return Result(
            kata=kata,
            solved=code == 0 and entry.solved,
            failure=failure,
            exit_code=code,
            seconds=seconds,
            timed_out=timed_out,
        )
    if code is None:
        where = f", still running: {step}" if step else ""
        failure = {
            "test": None,
            "type": TIMEOUT_TYPE,
            "message": f"kata {kata.number} was stopped after {limit:g} s{where}",
            "category": None,
        }
    else:
        failure = {
            "test": None,
            "type": ENDED_TYPE,
            "message": (
                f"the checker's process ended (exit code {code}) before it could report: "
                "does gan.py call os._exit, exit, or crash the interpreter?"
            ),
            "category": None,
        }
    recorded = True
    try:
        with progress.update(place.state) as kept:
            kept.record_run(kata.number, solved=False, failure=failure)
    except WorkshopError:
        recorded = False
    return Result(
        kata=kata,
        solved=False,
        failure=failure,
        exit_code=code,
        seconds=seconds,
        timed_out=code is None,
        recorded=recorded,
    )


def first_unsolved(place: Place, kept: progress.Progress) -> course.Kata | None:
    for kata in place.course.katas:
        if not kept.solved(kata.number):
            return kata
    return None


def next_steps(place: Place, result: Result, kept: progress.Progress, command: str) -> str:
    """What to say after a run: what comes next when solved, where to look when not.

    `command` is how the learner checks a kata ("check" or "watch").
    """
    kata = result.kata
    if not result.solved:
        lines = []
        if result.failure and result.failure.get("type") in (TIMEOUT_TYPE, ENDED_TYPE):
            lines.append(str(result.failure.get("message")))
        lines.append(
            f"Kata {kata.number} is not solved yet. Edit "
            f"{place.relative(place.course.kata_file(kata))}, then check again; "
            f"`ganerrors hint {kata.number}` gives a hint."
        )
        return "\n".join(lines)
    lines = [f"Kata {kata.number} solved: {kata.title}."]
    following = first_unsolved(place, kept)
    if following is None:
        lines.append(f"All {len(place.course.katas)} katas are solved. Well done!")
    else:
        lines.append(f"Next: kata {following.number}, {following.title}.")
        lines.append(f"Run `ganerrors {command} {following.number}`.")
    if solution_ships(kata):
        lines.append(f"`ganerrors solution {kata.number}` compares your fix with ours.")
    return "\n".join(lines)


def solution_ships(kata: course.Kata) -> bool:
    """Whether `ganerrors solution NN` can show this kata's fix here."""
    from ganerrors.workshop import shipped

    try:
        source = shipped.load()
        return source.solution(source.course.kata(kata.number)) is not None
    except (WorkshopError, KeyError):
        return False
