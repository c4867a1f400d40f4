"""`ganerrors watch`: check a kata again each time its gan.py is saved; stop once it is solved.

Each check runs in a fresh process forked from a warm server (`forkserver`), so nothing leaks
from one check to the next and a re-check does not pay TensorFlow's import; where forking is
not known to be safe, each check runs in a new interpreter (`runner.run_subprocess`). File
events come from watchdog's native observer, or from polling with `--poll` and whenever the
native observer cannot start. Editors save in bursts (write, rename, touch): a check starts
once the file has been quiet for `debounce` seconds. The screen is cleared before each check
on a terminal.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from ganerrors import course
from ganerrors.workshop import WorkshopError, place, progress, runner
from ganerrors.workshop.forkserver import ForkServer

DEBOUNCE_S = 0.2
POLL_INTERVAL_S = 0.5
CLEAR = "\033[H\033[2J\033[3J"


class SaveListener(FileSystemEventHandler):
    """Notes that one of the watched files changed (written, created, moved, or deleted)."""

    def __init__(self) -> None:
        self.names: frozenset[str] = frozenset()
        self.saved = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = (event.src_path, getattr(event, "dest_path", "") or "")
        if any(Path(str(path)).name in self.names for path in paths if path):
            self.saved.set()

    def wait(self, debounce: float) -> None:
        """Block until a save, then until the files have been quiet for `debounce` seconds."""
        while not self.saved.wait(0.5):  # a timeout keeps Ctrl-C responsive
            pass
        while True:
            self.saved.clear()
            time.sleep(debounce)
            if not self.saved.is_set():
                return


def start_observer(
    folder: Path, listener: SaveListener, poll: bool, interval: float, say: Callable[[str], None]
) -> tuple[Any, str]:
    """A started observer of `folder` and how it watches ("file events" or "polling")."""
    if not poll:
        observer = Observer()
        try:
            observer.schedule(listener, str(folder), recursive=False)
            observer.start()
            return observer, "file events"
        except Exception as exc:  # inotify limits, unsupported file systems, ...
            say(f"File events are not available here ({exc}); polling instead.")
    observer = PollingObserver(timeout=interval)
    observer.schedule(listener, str(folder), recursive=False)
    observer.start()
    return observer, f"polling every {interval:g} s"


class Checker:
    """Runs the checks of one kata: in forked children made ready ahead of each save when it
    can, else each in a new interpreter."""

    def __init__(
        self,
        where: place.Place,
        kata: course.Kata,
        timeout: float | None,
        spoilers: bool,
        say: Callable[[str], None],
    ) -> None:
        self.place, self.kata, self.timeout, self.spoilers = where, kata, timeout, spoilers
        self.server: ForkServer | None = None
        self.pending: Path | None = None  # the prepared check's temporary folder
        say("Loading TensorFlow once for all the checks to come...")
        try:
            self.server = ForkServer.start(where.folder, where.course.folder(kata))
        except WorkshopError as exc:
            say(f"{exc}; each check starts a new interpreter instead (a few seconds slower).")
            return
        if not self.server.fork_safe:
            say(
                f"Each check starts a new interpreter (a few seconds slower): "
                f"forking is not safe here ({self.server.why})."
            )
            self.server.close()
            self.server = None

    @property
    def limit(self) -> float:
        return runner.limit_of(self.kata, self.timeout)

    def prepare(self) -> None:
        """Have the next check's process ready, while the learner edits."""
        if self.server is None or self.pending is not None:
            return
        tmp = Path(tempfile.mkdtemp(prefix="ganerrors-run-"))
        self.pending = tmp
        args = runner.pytest_args(
            self.place, self.kata, tmp / "report.json", self.limit, self.spoilers, watching=True
        )
        args += ["-p", "no:cacheprovider", "-W", "ignore::pytest.PytestAssertRewriteWarning"]
        self.server.prepare(args, self.place.folder, tmp / "stacks.txt", self.limit)

    def check(self) -> runner.Result:
        runner.ready(self.place, self.kata)
        if self.server is None:
            return runner.run_subprocess(
                self.place, self.kata, timeout=self.timeout, spoilers=self.spoilers, watching=True
            )
        self.prepare()
        tmp, self.pending = self.pending, None
        assert tmp is not None
        try:
            answer = self.server.go()
            code = answer.get("exit")
            return runner.finish(
                self.place,
                self.kata,
                tmp / "report.json",
                code if isinstance(code, int) else None,
                float(answer.get("seconds") or 0.0),
                self.limit,
                str(answer.get("step") or ""),
            )
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
        if self.pending is not None:
            shutil.rmtree(self.pending, ignore_errors=True)


def watch(
    where: place.Place,
    kata: course.Kata,
    *,
    poll: bool = False,
    interval: float = POLL_INTERVAL_S,
    debounce: float = DEBOUNCE_S,
    timeout: float | None = None,
    spoilers: bool = False,
    say: Callable[[str], None] = print,
    clear: bool | None = None,
) -> int:
    """Check `kata` now and after every save, until it is solved or stopped with Ctrl-C (the
    way to end it, so 0 too)."""
    if clear is None:
        clear = sys.stdout.isatty()
    folder = where.course.folder(kata)
    if not folder.is_dir():
        raise WorkshopError(
            f"{where.relative(folder)} is gone; `ganerrors reset {kata.number}` puts it back",
            code=1,
        )
    runner.ready(where, kata)
    listener = SaveListener()
    listener.names = frozenset({course.KATA_FILE})
    checker = Checker(where, kata, timeout, spoilers, say)
    observer, how = start_observer(folder, listener, poll, interval, say)
    watched = where.relative(where.course.kata_file(kata))
    count = 0
    try:
        while True:
            if not folder.is_dir():
                raise WorkshopError(
                    f"{where.relative(folder)} was removed; `ganerrors reset {kata.number}` "
                    "puts it back, then `ganerrors watch` again",
                    code=1,
                )
            if not where.course.kata_file(kata).is_file():
                say(f"{watched} is missing: save it again, or `ganerrors reset {kata.number}`.")
                listener.wait(debounce)
                continue
            count += 1
            if clear:
                say(CLEAR.rstrip("\n"))
            say(
                f"[watch] kata {kata.number}: {kata.title} "
                f"(check {count}, {time.strftime('%H:%M:%S')})"
            )
            result = checker.check()
            kept = progress.load(where.state)
            say(f"[watch] kata {kata.number}: {result.summary} (checked in {result.seconds:.2f} s)")
            if result.solved:
                say(runner.next_steps(where, result, kept, "watch"))
                say("Stopped watching: the kata is solved.")
                return 0
            say(runner.next_steps(where, result, kept, "watch"))
            checker.prepare()
            say(f"Watching {watched} ({how}). Save to check again; Ctrl-C stops.")
            listener.wait(debounce)
    except KeyboardInterrupt:
        say("Stopped watching.")
        return 0
    finally:
        observer.stop()
        observer.join(timeout=5)
        checker.close()
