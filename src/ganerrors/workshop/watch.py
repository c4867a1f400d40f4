"""`ganerrors watch`: check a kata again each time its files are saved, in one warm process.

TensorFlow is imported once; each save runs the checker with pytest.main in this process
(`runner.run_in_process`), so a re-check costs the checks themselves, not a fresh
interpreter. File events come from watchdog's native observer, or from polling with `--poll`
and whenever the native observer cannot start. Editors save in bursts (write, rename, touch):
a run starts once the files have been quiet for `debounce` seconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from ganerrors import course as course_mod
from ganerrors.workshop import runner
from ganerrors.workshop.place import Place

DEBOUNCE_S = 0.2
POLL_INTERVAL_S = 0.5


class SaveListener(FileSystemEventHandler):
    """Notes that one of the watched files changed (written, created, or renamed onto)."""

    def __init__(self) -> None:
        self.names: frozenset[str] = frozenset()
        self.saved = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write", "deleted"):
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


def watch(
    place: Place,
    kata: course_mod.Kata,
    *,
    follow: bool,
    poll: bool = False,
    interval: float = POLL_INTERVAL_S,
    debounce: float = DEBOUNCE_S,
    say: Callable[[str], None] = print,
) -> int:
    """Check `kata` now and after every save; with `follow`, move on to the next unsolved
    kata once it is solved. Returns 0 when stopped with Ctrl-C."""
    from ganerrors._tf import import_tensorflow

    say("Loading TensorFlow once for all the checks to come...")
    import_tensorflow()
    listener = SaveListener()
    listener.names = frozenset({course_mod.KATA_FILE})
    observer, how = start_observer(place.course.folder(kata), listener, poll, interval, say)
    try:
        while True:
            started = time.perf_counter()
            result = runner.run_in_process(place, kata)
            took = time.perf_counter() - started
            progress = runner.record(place, result)
            state = "solved" if result.solved else "failing"
            say(f"[watch] kata {kata.number}: {state} (checked in {took:.2f} s)")
            say(runner.next_steps(place, result, progress))
            following = runner.first_unsolved(place, progress) if result.solved else None
            if follow and following is not None and following.number != kata.number:
                kata = following
                listener.names = frozenset({course_mod.KATA_FILE})
                observer.unschedule_all()
                observer.schedule(listener, str(place.course.folder(kata)), recursive=False)
                say(f"Moving on to kata {kata.number}.")
                continue
            files = ", ".join(
                place.relative(place.course.folder(kata) / n) for n in (course_mod.KATA_FILE,)
            )
            say(f"Watching {files} ({how}). Save to check again; Ctrl-C stops.")
            listener.wait(debounce)
    except KeyboardInterrupt:
        say("Stopped watching.")
        return 0
    finally:
        observer.stop()
        observer.join(timeout=5)
