"""Which step a stopped kata run was in: the checker test, and the learner's own line.

Two sources of frames: the stack of a live thread (the pytest plugin's own timeout, in the
kata's process) and a `faulthandler` dump (the runner's last resort, for a process that does
not answer). Both become a list of frames, outermost first, and `describe` names the step:
"in test_training_makes_progress, at katas/01/gan.py:87 (train_step)".
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from pathlib import Path

Frame = tuple[str, int, str]  # file, line, function

_DUMP_FRAME = re.compile(r'^\s*File "(?P<file>.+)", line (?P<line>\d+) in (?P<name>\S+)')


def thread_frames(ident: int | None) -> list[Frame]:
    """The frames of the thread `ident`, outermost first; [] when it is gone."""
    frame = sys._current_frames().get(ident) if ident is not None else None
    if frame is None:
        return []
    return [(f.filename, f.lineno or 0, f.name) for f in traceback.extract_stack(frame)]


def parse_dump(text: str) -> list[list[Frame]]:
    """The threads of a faulthandler dump, each as frames outermost first."""
    threads: list[list[Frame]] = []
    current: list[Frame] | None = None
    for line in text.splitlines():
        if line.startswith(("Thread ", "Current thread ", "Stack (most recent")):
            current = []
            threads.append(current)
            continue
        match = _DUMP_FRAME.match(line)
        if match and current is not None:
            current.append((match["file"], int(match["line"]), match["name"]))
    return [list(reversed(frames)) for frames in threads if frames]  # dumps list innermost first


def describe(threads: list[list[Frame]], kata_folder: Path) -> str:
    """ "in TEST, at FILE:LINE (FUNCTION)" for the thread running a test; "" when none is."""
    folder = Path(kata_folder).resolve()
    for frames in threads:
        tests = [name for _, _, name in frames if name.startswith("test")]
        mine = [f for f in frames if _inside(f[0], folder)]
        if not tests and not mine:
            continue
        words = []
        if tests:
            words.append(f"in {tests[-1]}")
        if mine:
            file, line, name = mine[-1]
            where = f"at {_shown(file)}:{line}"
            words.append(where if name == "<module>" else f"{where} ({name})")
        return ", ".join(words)
    return ""


def _inside(file: str, folder: Path) -> bool:
    try:
        return folder in Path(file).resolve().parents
    except (OSError, ValueError):
        return False


def _shown(file: str) -> str:
    try:
        relative = os.path.relpath(file)
    except ValueError:  # another drive on Windows
        return file
    return file if relative.startswith("..") else relative
