"""The course's own settings: `ganerrors.toml` in the course folder, written by `init`.

The learner (or the instructor, before handing the course out) edits it; a missing or broken
file means the defaults, and `problem` says why. Nothing here imports TensorFlow or pytest.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FILE = "ganerrors.toml"
MAX_BYTES = 100_000

TEMPLATE = """\
# Settings of this ganerrors course. Edit them here; every command reads them.

# spoilers: when a kata fails, ganerrors explains the error (the shapes, the dtypes, the
# checklist item) and keeps the concrete fix back until you have seen the kata's last hint.
# true shows the fix from the first failure. `ganerrors check NN --spoilers` does it once.
spoilers = false

# learner: your name as `ganerrors list --json` gives it to the instructor's room view.
# Empty: your user name on this machine.
learner = ""
"""


@dataclass(frozen=True)
class Settings:
    spoilers: bool = False
    learner: str = ""
    problem: str | None = None  # why the file could not be read, when it could not


def load(course_folder: Path) -> Settings:
    """The settings of the course in `course_folder`; the defaults when there are none."""
    path = Path(course_folder) / FILE
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        return Settings(problem=f"{path} could not be read ({exc.strerror}); using the defaults")
    try:
        if len(raw) > MAX_BYTES:
            raise ValueError(f"over {MAX_BYTES:,} bytes")
        data = tomllib.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # TOMLDecodeError, UnicodeDecodeError
        reason = (str(exc).splitlines() or [type(exc).__name__])[0][:120]
        return Settings(problem=f"{path} is not valid TOML ({reason}); using the defaults")
    spoilers, learner = data.get("spoilers", False), data.get("learner", "")
    problems = []
    if not isinstance(spoilers, bool):
        problems.append("`spoilers` must be true or false")
        spoilers = False
    if not isinstance(learner, str):
        problems.append("`learner` must be a string")
        learner = ""
    problem = f"{path}: {'; '.join(problems)}; using the defaults" if problems else None
    return Settings(spoilers=spoilers, learner=" ".join(learner.split())[:80], problem=problem)
