"""`ganerrors watch`: a fresh process per check (no state leaks), stops on a solve and on
Ctrl-C, survives hanging and exiting katas."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from watchdog.events import FileModifiedEvent

from ganerrors.workshop import WorkshopError, place, progress
from ganerrors.workshop import watch as watching

from .conftest import CHECKER, NUMBERS, fix_kata, make_course

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="process groups are POSIX")


def _ctrl_c_default() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Watcher:
    """`ganerrors watch` in a new interpreter, its output read line by line."""

    def __init__(self, course: Path, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ganerrors", "watch", *args, "--poll", "--interval", "0.05"],
            cwd=course,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            start_new_session=True,
            # as a terminal's foreground job has it: a suite started in the background (`&`,
            # nohup) passes Ctrl-C on ignored, and Python then never raises KeyboardInterrupt
            preexec_fn=_ctrl_c_default,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def until(self, text: str, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            self.seen.append(line)
            if text in line:
                return line
        pytest.fail(f"watch never printed {text!r}; it printed:\n{''.join(self.seen)}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def _no_process_of(course: Path) -> bool:
    """No process is left whose working directory is the course."""
    for pid in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not pid.isdigit():
            continue
        try:
            cwd = os.readlink(f"/proc/{pid}/cwd")
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if cwd == str(course) and state not in ("Z", "X"):
            return False
    return True


@pytest.mark.slow
@pytest.mark.tensorflow
def test_watch_checks_again_after_a_save_and_stops_once_solved(course: Path) -> None:
    watcher = Watcher(course)  # no number: the first unsolved kata
    try:
        watcher.until("save it: `ganerrors watch` checks it again", timeout=180)  # the checker's
        watcher.until("kata 01: failing", timeout=30)
        watcher.until("Watching katas/01/gan.py", timeout=30)
        fix_kata(course, "01")
        watcher.until("kata 01: solved", timeout=120)
        watcher.until(f"Next: kata {NUMBERS[1]}", timeout=10)
        watcher.until(f"Run `ganerrors watch {NUMBERS[1]}`", timeout=10)
        watcher.until("Stopped watching: the kata is solved.", timeout=10)
        assert watcher.process.wait(timeout=30) == 0
    finally:
        watcher.stop()
    assert progress.load(course / ".ganerrors").solved("01")
    assert "\033[2J" not in "".join(watcher.seen)  # no screen clearing when not a terminal
    time.sleep(0.5)
    assert _no_process_of(course.resolve())


#: A checker that fails when anything of an earlier check leaked into this one.
LEAK_CHECKER = (
    CHECKER
    + """

def test_nothing_leaked_from_an_earlier_check():
    import sys
    from tensorflow import keras
    import ganerrors.checks
    assert keras.backend.floatx() == "float32", "set_floatx leaked"
    assert ganerrors.checks.check_discriminator_output.__module__ == "ganerrors.checks"
    assert not hasattr(sys, "ganerrors_leak")
"""
)

HANGS = "import time\nwhile True:\n    time.sleep(0.05)\n"
HOLDS_THE_GIL = "import re\nre.match(r'(a+)+$', 'a' * 40 + 'b')\n"
EXITS = "import os\nos._exit(0)\n"
LEAKS = """
import sys
from tensorflow import keras
import ganerrors.checks
keras.backend.set_floatx("float64")
ganerrors.checks.check_discriminator_output = lambda *args, **kwargs: None
sys.ganerrors_leak = True
OK = False
"""


@pytest.mark.slow
@pytest.mark.tensorflow
def test_each_check_is_a_fresh_process_that_survives_hangs_exits_and_leaks(
    tmp_path: Path,
) -> None:
    folder = make_course(tmp_path / "c", {"01": HANGS}, checker=LEAK_CHECKER, timeout=2)
    gan = folder / "katas" / "01" / "gan.py"
    watcher = Watcher(folder, "01")
    try:
        line = watcher.until("kata 01: stopped", timeout=180)
        watcher.until("was stopped after 2 s", timeout=10)
        gan.write_text(HOLDS_THE_GIL)  # the plugin's clock cannot run: the server stops it
        watcher.until("kata 01: stopped", timeout=60)
        watcher.until("katas/01/gan.py", timeout=10)
        gan.write_text(EXITS)
        watcher.until("kata 01: failing", timeout=60)
        watcher.until("before it could report", timeout=10)
        gan.write_text(LEAKS)
        watcher.until("kata 01: failing", timeout=60)
        watcher.until("Watching", timeout=10)
        gan.write_text("OK = True\n")
        line = watcher.until("kata 01: solved", timeout=60)
        assert watcher.process.wait(timeout=30) == 0
    finally:
        watcher.stop()
    assert "checked in" in line
    kept = progress.load(folder / ".ganerrors").kata("01")
    assert kept.solved and kept.attempts == 5


@pytest.mark.slow
@pytest.mark.tensorflow
def test_ctrl_c_stops_watch_and_everything_it_started(fake_course: Path) -> None:
    watcher = Watcher(fake_course, "01")
    try:
        watcher.until("kata 01: failing", timeout=180)
        watcher.until("Watching", timeout=30)
        os.killpg(watcher.process.pid, signal.SIGINT)  # what Ctrl-C at a terminal does
        assert watcher.process.wait(timeout=30) == 0
        watcher.until("Stopped watching.", timeout=5)
    finally:
        watcher.stop()
    time.sleep(0.5)
    assert _no_process_of(fake_course.resolve())


def test_watch_falls_back_to_polling_when_file_events_cannot_start(tmp_path: Path, monkeypatch):
    class Broken(watching.Observer):  # type: ignore[misc, valid-type]
        def start(self) -> None:
            raise OSError("inotify watch limit reached")

    monkeypatch.setattr(watching, "Observer", Broken)
    said: list[str] = []
    observer, how = watching.start_observer(
        tmp_path, watching.SaveListener(), poll=False, interval=0.05, say=said.append
    )
    try:
        assert isinstance(observer, watching.PollingObserver)
        assert how.startswith("polling") and "inotify watch limit reached" in said[0]
    finally:
        observer.stop()
        observer.join()


def test_watch_runs_once_after_a_burst_of_saves(tmp_path: Path) -> None:
    listener = watching.SaveListener()
    listener.names = frozenset({"gan.py"})
    burst_done = threading.Event()

    def burst() -> None:  # an editor's save: write, rename, touch, 30 ms apart
        for _ in range(5):
            listener.on_any_event(FileModifiedEvent(str(tmp_path / "gan.py")))
            time.sleep(0.03)
        burst_done.set()

    listener.on_any_event(FileModifiedEvent(str(tmp_path / "other.py")))  # not watched
    assert not listener.saved.is_set()
    threading.Thread(target=burst).start()
    listener.wait(debounce=0.2)
    assert burst_done.is_set() and not listener.saved.is_set()


def test_a_check_of_watch_says_that_saving_checks_again_not_to_rerun_pytest(
    tmp_path: Path, monkeypatch, capfd
) -> None:
    """Here each check starts a new interpreter (no fork server: no TensorFlow to load)."""

    def no_server(*args: object) -> None:
        raise WorkshopError("no fork server in this test")

    monkeypatch.setattr(watching.ForkServer, "start", no_server)
    folder = make_course(tmp_path / "c", {"01": "OK = False\n"})
    said: list[str] = []

    def say(text: str = "") -> None:
        said.append(text)
        if text.startswith("Watching "):
            raise KeyboardInterrupt  # Ctrl-C once the first check is done

    where = place.find(course_dir=folder)
    assert watching.watch(where, where.kata("01"), poll=True, say=say, clear=False) == 0
    out = capfd.readouterr().out  # the checker's own output: its "next" section
    assert "AssertionError: not ok" in out
    assert "Edit the kata's code and save it: `ganerrors watch` checks it again." in out
    assert "rerun `pytest" not in out
    assert "Stopped watching." in said
