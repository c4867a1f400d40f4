"""A kata run never hangs, never leaves a process or a folder behind, and is solved only when
every check ran and passed. Pure-Python katas with small timeouts: no TensorFlow."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from ganerrors.workshop import place, progress, runner

from .conftest import ganerrors, make_course

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="process groups are POSIX")

#: gan.py files that misbehave, each with what `check` must report.
SLEEP_IN_TRAINING = """
import time

def train_step():
    while True:
        time.sleep(0.05)

train_step()
OK = True
"""

BUSY_LOOP = """
def train_step():
    n = 0
    while True:
        n += 1

train_step()
OK = True
"""


def _run(folder: Path, number: str = "01", timeout: float | None = None) -> runner.Result:
    where = place.find(course_dir=folder)
    return runner.run_subprocess(where, where.kata(number), timeout=timeout)


def _startup(tmp_path: Path) -> float:
    """Seconds a quick kata run takes here (the interpreter and pytest starting): a hanging
    kata must end within its timeout plus 5 s of when its checks began, not of this."""
    folder = make_course(tmp_path / "quick", {"01": "OK = True\n"})
    started = time.monotonic()
    assert _run(folder).solved
    return time.monotonic() - started


def _leftover_runs(before: set[str]) -> set[str]:
    return {
        name
        for name in os.listdir(tempfile.gettempdir())
        if name.startswith("ganerrors-run-") and name not in before
    }


def _gone(pid: int, within: float = 10) -> bool:
    """Whether `pid` has ended (a zombie that nobody reaps yet counts as ended)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
            state = "?"
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


def _temp_runs() -> set[str]:
    return {n for n in os.listdir(tempfile.gettempdir()) if n.startswith("ganerrors-run-")}


@pytest.mark.parametrize("gan", [SLEEP_IN_TRAINING, BUSY_LOOP], ids=["sleep", "busy loop"])
def test_a_hanging_kata_stops_at_its_timeout_and_names_the_step(tmp_path: Path, gan: str) -> None:
    folder = make_course(tmp_path / "c", {"01": gan}, timeout=1)
    startup = _startup(tmp_path)
    before = _temp_runs()
    started = time.monotonic()
    result = _run(folder)
    assert time.monotonic() - started < startup + 1 + 5
    assert not result.solved and result.timed_out
    message = result.failure["message"]
    assert "stopped after 1 s" in message and "test_gan_is_ok" in message
    assert "katas/01/gan.py" in message and "train_step" in message
    kept = progress.load(folder / ".ganerrors").kata("01")
    assert kept.state == progress.FAILING and kept.attempts == 1
    assert kept.failure["type"] == runner.TIMEOUT_TYPE
    assert not _leftover_runs(before)


def test_the_timeout_can_be_given_for_one_run(tmp_path: Path) -> None:
    folder = make_course(tmp_path / "c", {"01": SLEEP_IN_TRAINING}, timeout=600)
    startup = _startup(tmp_path)
    started = time.monotonic()
    result = _run(folder, timeout=1)
    assert result.timed_out and time.monotonic() - started < startup + 1 + 5


def test_a_kata_that_holds_the_gil_past_its_timeout_is_killed_with_its_step(
    tmp_path: Path,
) -> None:
    """The plugin's own clock cannot run while a C call holds the GIL: the runner stops it."""
    gan = "import re\nOK = True\nre.match(r'(a+)+$', 'a' * 40 + 'b')\n"
    folder = make_course(tmp_path / "c", {"01": gan}, timeout=1)
    startup = _startup(tmp_path)
    started = time.monotonic()
    result = _run(folder)
    assert time.monotonic() - started < startup + 1 + 5
    assert result.timed_out and result.exit_code is None
    assert "katas/01/gan.py" in result.failure["message"]


def test_processes_started_by_gan_py_do_not_outlive_the_run(tmp_path: Path) -> None:
    marker = tmp_path / "pid"
    gan = (
        "import subprocess, sys\n"
        f"child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
        f"open({str(marker)!r}, 'w').write(str(child.pid))\n"
        "OK = True\n"
    )
    folder = make_course(tmp_path / "c", {"01": gan})
    assert _run(folder).solved
    assert _gone(int(marker.read_text()))


def test_a_thread_left_running_does_not_hold_the_run_open(tmp_path: Path) -> None:
    gan = (
        "import threading, time\n"
        "threading.Thread(target=time.sleep, args=(600,)).start()\n"
        "OK = True\n"
    )
    folder = make_course(tmp_path / "c", {"01": gan}, timeout=60)
    started = time.monotonic()
    result = _run(folder)
    assert result.solved and time.monotonic() - started < 30
    assert progress.load(folder / ".ganerrors").solved("01")


def test_os_exit_in_gan_py_is_not_a_solve_and_is_recorded(tmp_path: Path) -> None:
    folder = make_course(tmp_path / "c", {"01": "import os\nos._exit(0)\n"})
    result = _run(folder)
    assert not result.solved and result.exit_code == 0
    assert "before it could report" in result.failure["message"]
    kept = progress.load(folder / ".ganerrors").kata("01")
    assert kept.state == progress.FAILING and kept.failure["type"] == runner.ENDED_TYPE


def test_checks_that_skip_do_not_solve_the_kata(tmp_path: Path) -> None:
    gan = "import pytest\npytest.skip('nothing to check', allow_module_level=True)\n"
    folder = make_course(tmp_path / "c", {"01": gan})
    result = _run(folder)
    assert not result.solved
    assert not progress.load(folder / ".ganerrors").solved("01")


def test_an_exception_whose_str_raises_keyboardinterrupt_is_a_plain_failure(
    tmp_path: Path,
) -> None:
    gan = (
        "class Odd(Exception):\n"
        "    def __str__(self):\n"
        "        raise KeyboardInterrupt\n"
        "raise Odd()\n"
    )
    folder = make_course(tmp_path / "c", {"01": gan})
    result = _run(folder)
    assert not result.solved and result.exit_code == 1
    assert result.failure["type"] == "Odd"
    assert progress.load(folder / ".ganerrors").kata("01").attempts == 1


def test_check_shows_no_assertion_rewrite_warning_and_keeps_the_assertion_message(
    tmp_path: Path,
) -> None:
    """The checker process imports ganerrors before pytest starts; pytest must not then warn
    that the package of its plugin cannot be rewritten, nor lose the asserts' messages."""
    folder = make_course(tmp_path / "c", {"01": "OK = False\n"})
    run = ganerrors("check", "01", cwd=folder)
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    assert "AssertionError: not ok" in out and "assert False" in out  # rewritten as usual
    assert "PytestAssertRewriteWarning" not in out and "warnings summary" not in out


def test_a_solved_kata_is_recorded_once_per_run(tmp_path: Path) -> None:
    folder = make_course(tmp_path / "c", {"01": "OK = True\n"})
    assert _run(folder).solved and _run(folder).solved
    kept = progress.load(folder / ".ganerrors").kata("01")
    assert kept.solved and kept.attempts == 2


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM"])
def test_when_check_is_killed_its_kata_and_folders_go_too(tmp_path: Path, how: str) -> None:
    marker = tmp_path / "pid"
    gan = f"import os, time\nopen({str(marker)!r}, 'w').write(str(os.getpid()))\ntime.sleep(600)\n"
    folder = make_course(tmp_path / "c", {"01": gan}, timeout=600)
    before = _temp_runs()
    check = subprocess.Popen(
        [sys.executable, "-m", "ganerrors", "check", "01"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    kata_pid = int(marker.read_text())
    check.send_signal(getattr(signal, how))
    check.wait(timeout=30)
    if not _gone(kata_pid):
        os.kill(kata_pid, signal.SIGKILL)
        pytest.fail("the kata's process outlived ganerrors check")
    assert not _leftover_runs(before)


def test_check_refuses_up_front_when_progress_cannot_be_saved(tmp_path: Path) -> None:
    folder = make_course(tmp_path / "c", {"01": "OK = True\n"})
    (folder / ".ganerrors").write_text("not a folder")
    done = subprocess.run(
        [sys.executable, "-m", "ganerrors", "check", "01"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "could not be recorded, so nothing was run" in done.stderr
    assert "passed" not in done.stdout and "Traceback" not in done.stderr


def test_a_missing_kata_file_is_one_line(tmp_path: Path) -> None:
    folder = make_course(tmp_path / "c", {"01": "OK = True\n"})
    (folder / "katas" / "01" / "gan.py").unlink()
    done = subprocess.run(
        [sys.executable, "-m", "ganerrors", "check", "01"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "ganerrors reset 01" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
