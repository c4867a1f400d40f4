"""What the learner has done, in `.ganerrors/progress.json` in their course folder.

Per kata: the state of the last run, how many runs (attempts), how many hints were shown, when
the learner started it, last ran it and first solved it, and the last failure. A
`KataProgress` is typed and checked on read: a missing, unreadable, corrupt, deeply nested,
huge or oddly typed file means no progress, never a crash, and `Progress.problem` says why.

Every change goes through :func:`update`, which holds a lock (`.ganerrors/progress.lock`)
around load -> change -> save, so concurrent `ganerrors hint` commands and kata runs never
lose a count; the file is written atomically (a temporary file, then os.replace), so a reader
sees the old file or the new one, never half of one. An OSError on the way becomes a
WorkshopError with a one-line message. Nothing here imports TensorFlow or pytest.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ganerrors.course import normalise_number
from ganerrors.workshop import WorkshopError

VERSION = 2
FILE = "progress.json"
LOCK_FILE = "progress.lock"
#: A progress file is a few kilobytes; anything far larger is not one.
MAX_BYTES = 1_000_000
#: Counts above this are not a learner's: read as 0.
MAX_COUNT = 1_000_000
#: Longest text kept from a failure message.
MAX_TEXT = 2_000
#: Seconds to wait for another command's lock before giving up.
LOCK_TIMEOUT_S = 10.0

NOT_STARTED = "not started"
FAILING = "failing"
SOLVED = "solved"
STATES = (NOT_STARTED, FAILING, SOLVED)


def now_utc() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


@dataclass
class KataProgress:
    state: str = NOT_STARTED  # the result of the last run
    attempts: int = 0  # checker runs
    hints_shown: int = 0
    started_at: datetime | None = None  # the first run or hint
    last_run_at: datetime | None = None
    solved_at: datetime | None = None  # the first solve; kept when a later run fails
    failure: dict[str, str | None] | None = None  # the last run's first failure

    @property
    def solved(self) -> bool:
        """Solved at least once (so `ganerrors solution` may show the fix)."""
        return self.solved_at is not None

    def seconds(self, now: datetime | None = None) -> float | None:
        """Time on the kata: from starting it to solving it, or to `now` while unsolved."""
        if self.started_at is None:
            return None
        end = self.solved_at or now or now_utc()
        return max(0.0, (end - self.started_at).total_seconds())

    def to_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "attempts": self.attempts,
            "hints_shown": self.hints_shown,
            "started_at": _stamp(self.started_at),
            "last_run_at": _stamp(self.last_run_at),
            "solved_at": _stamp(self.solved_at),
            "failure": self.failure,
        }

    @classmethod
    def from_json(cls, data: Any) -> KataProgress:
        """Whatever `data` is: fields of the wrong type or range read as their defaults."""
        if not isinstance(data, dict):
            return cls()
        state = data.get("state")
        entry = cls(
            state=state if state in STATES else NOT_STARTED,
            attempts=_count(data.get("attempts")),
            hints_shown=_count(data.get("hints_shown")),
            started_at=_time(data.get("started_at")),
            last_run_at=_time(data.get("last_run_at", data.get("checked_at"))),  # version 1
            solved_at=_time(data.get("solved_at")),
            failure=_failure(data.get("failure")),
        )
        if entry.state == SOLVED and entry.solved_at is None:  # version 1 kept no solved_at
            entry.solved_at = entry.last_run_at or entry.started_at or now_utc()
        return entry


@dataclass
class Progress:
    path: Path
    katas: dict[str, KataProgress] = field(default_factory=dict)
    problem: str | None = None  # why an existing file could not be read, if it could not

    # -- reading -------------------------------------------------------------------
    def kata(self, number: str) -> KataProgress:
        """The kata's progress (a fresh one, not stored, if it has none)."""
        return self.katas.get(number) or KataProgress()

    def state(self, number: str) -> str:
        return self.kata(number).state

    def hints_shown(self, number: str) -> int:
        return self.kata(number).hints_shown

    def solved(self, number: str) -> bool:
        return self.kata(number).solved

    # -- changing (inside `update`) --------------------------------------------------
    def _entry(self, number: str) -> KataProgress:
        return self.katas.setdefault(number, KataProgress())

    def record_run(
        self,
        number: str,
        solved: bool,
        failure: dict[str, str | None] | None = None,
        when: datetime | None = None,
    ) -> KataProgress:
        """One checker run of the kata: solved (every check ran and passed) or not."""
        when = when or now_utc()
        entry = self._entry(number)
        entry.attempts = min(entry.attempts + 1, MAX_COUNT)
        entry.state = SOLVED if solved else FAILING
        entry.started_at = entry.started_at or when
        entry.last_run_at = when
        entry.failure = None if solved else _failure(failure)
        if solved and entry.solved_at is None:
            entry.solved_at = when
        return entry

    def count_hint(self, number: str, when: datetime | None = None) -> int:
        """Count one more hint shown; returns the new count."""
        entry = self._entry(number)
        entry.hints_shown = min(entry.hints_shown + 1, MAX_COUNT)
        entry.started_at = entry.started_at or when or now_utc()
        return entry.hints_shown

    def restart(self, number: str) -> None:
        """After `ganerrors reset`: the kata starts again. Attempts and hints seen stay counted."""
        entry = self._entry(number)
        entry.state, entry.failure = NOT_STARTED, None
        entry.started_at = entry.last_run_at = entry.solved_at = None

    # -- writing --------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "katas": {number: self.katas[number].to_json() for number in sorted(self.katas)},
        }

    def save(self) -> None:
        """Write the file atomically. Use :func:`update`, which holds the lock around it."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(self.to_json(), indent=2) + "\n"
            fd, tmp = tempfile.mkstemp(prefix=".progress-", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(text)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            reason = _reason(exc)
            raise WorkshopError(f"cannot save your progress in {self.path}: {reason}") from None


def load(state_folder: Path) -> Progress:
    """The progress kept in `state_folder` (a course's `.ganerrors/`). Never raises."""
    path = Path(state_folder) / FILE
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return Progress(path)
    except OSError as exc:
        return Progress(path, problem=f"{path} could not be read ({_reason(exc)})")
    if len(raw) > MAX_BYTES:
        return Progress(path, problem=f"{path} is over {MAX_BYTES:,} bytes: not a progress file")
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        return Progress(path, problem=f"{path} could not be read (nested too deeply)")
    except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError, int digits limit
        return Progress(path, problem=f"{path} could not be read ({_first_line(exc)})")
    if not isinstance(data, dict) or not isinstance(data.get("katas"), dict):
        return Progress(path, problem=f"{path} is not a progress file")
    if data.get("version") not in (1, VERSION):
        return Progress(
            path, problem=f"{path} has version {_short(data.get('version'))}, not {VERSION}"
        )
    katas = {}
    for key, value in data["katas"].items():
        try:
            number = normalise_number(key)
        except KeyError:
            continue
        katas[number] = KataProgress.from_json(value)
    return Progress(path, katas=katas)


@contextmanager
def update(state_folder: Path) -> Iterator[Progress]:
    """Load the progress under a lock, let the caller change it, save it, release the lock.

    An unreadable file is kept beside the new one as `progress.json.unreadable`, so an
    instructor can look at what went wrong. Raises WorkshopError (one line) on any OSError.
    """
    folder = Path(state_folder)
    with _locked(folder):
        progress = load(folder)
        yield progress
        if progress.problem and progress.path.is_file():
            try:
                os.replace(progress.path, progress.path.with_name(FILE + ".unreadable"))
            except OSError:
                pass  # save() below says what is wrong, if anything
        progress.save()


def problem_saving(state_folder: Path) -> str | None:
    """Why progress cannot be saved in `state_folder`, or None when it can. Changes nothing.

    Does what a save does (take the lock, write a temporary file, replace the progress file
    with it, here with its own bytes), so a read-only folder, an immutable file or a full
    disk is found before a kata runs, not after.
    """
    folder = Path(state_folder)
    path = folder / FILE
    try:
        with _locked(folder):
            try:
                small = path.exists() and path.stat().st_size <= MAX_BYTES
                raw: bytes | None = path.read_bytes() if small else None
            except OSError:
                raw = None  # unreadable or huge: the next save sets it aside
            fd, tmp = tempfile.mkstemp(prefix=".progress-", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(raw or b"")
                if raw is not None:
                    os.chmod(tmp, path.stat().st_mode & 0o7777)
                    os.replace(tmp, path)
            finally:
                Path(tmp).unlink(missing_ok=True)
    except WorkshopError as exc:
        return str(exc)
    except OSError as exc:
        return f"cannot save your progress in {path}: {_reason(exc)}"
    return None


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise WorkshopError(f"cannot save your progress in {folder}: {_reason(exc)}") from None
    try:
        _acquire(fd, folder)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _acquire(fd: int, folder: Path) -> None:
    deadline = time.monotonic() + LOCK_TIMEOUT_S
    while True:
        try:
            _try_lock(fd)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise WorkshopError(
                    f"another ganerrors command has held {folder / LOCK_FILE} for "
                    f"{LOCK_TIMEOUT_S:g} s; wait for it to finish, then try again"
                ) from None
            time.sleep(0.01)
        except OSError as exc:
            raise WorkshopError(f"cannot lock {folder / LOCK_FILE}: {_reason(exc)}") from None


try:
    import fcntl

    def _try_lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

except ImportError:  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> None:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError as exc:
            raise BlockingIOError(str(exc)) from None


# -- reading values forgivingly -------------------------------------------------------------
def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        return 0
    return value


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return None
    if stamp.tzinfo is None or stamp.year < 2000:
        return None
    return stamp.astimezone(timezone.utc)


def _stamp(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def _failure(value: Any) -> dict[str, str | None] | None:
    if not isinstance(value, dict):
        return None
    kept: dict[str, str | None] = {}
    for key in ("test", "type", "message", "category"):
        text = value.get(key)
        kept[key] = text[:MAX_TEXT] if isinstance(text, str) else None
    return kept


def _reason(exc: OSError) -> str:
    return exc.strerror or _first_line(exc)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 20 else text[:17] + "..."
