"""What the learner has done, in `.ganerrors/progress.json` in their course folder.

The file is small, written atomically (a temporary file, then os.replace), and read
forgivingly: a missing, unreadable or corrupt file means no progress, never a crash.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

VERSION = 1
FILE = "progress.json"

NOT_STARTED = "not started"
FAILING = "failing"
SOLVED = "solved"
STATES = (NOT_STARTED, FAILING, SOLVED)


@dataclass
class Progress:
    path: Path
    katas: dict[str, dict[str, Any]] = field(default_factory=dict)
    problem: str | None = None  # why an existing file could not be read, if it could not

    # -- reading -------------------------------------------------------------------
    def state(self, number: str) -> str:
        state = self._entry(number).get("state")
        return state if state in STATES else NOT_STARTED

    def hints_shown(self, number: str) -> int:
        shown = self._entry(number).get("hints_shown", 0)
        return shown if isinstance(shown, int) and shown >= 0 else 0

    def _entry(self, number: str) -> dict[str, Any]:
        entry = self.katas.get(number)
        return entry if isinstance(entry, dict) else {}

    # -- changing ------------------------------------------------------------------
    def record(self, number: str, state: str, failure: dict[str, Any] | None = None) -> None:
        if state not in STATES:
            raise ValueError(f"unknown kata state {state!r}; valid: {', '.join(STATES)}")
        entry = self.katas.setdefault(number, {})
        entry["state"] = state
        entry["checked_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        entry["failure"] = failure
        if state == NOT_STARTED:
            entry.pop("checked_at")
            entry.pop("failure")

    def count_hint(self, number: str) -> None:
        self.katas.setdefault(number, {})["hints_shown"] = self.hints_shown(number) + 1

    def save(self) -> None:
        """Write the file atomically: a reader sees the old file or the new one, never half."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"version": VERSION, "katas": self.katas}, indent=2, sort_keys=True)
        fd, tmp = tempfile.mkstemp(prefix=".progress-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def load(state_folder: Path) -> Progress:
    """The progress kept in `state_folder` (a course's `.ganerrors/`); empty if none is readable."""
    path = state_folder / FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Progress(path)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return Progress(path, problem=f"{path} could not be read ({exc}); starting afresh")
    if not isinstance(data, dict) or not isinstance(data.get("katas"), dict):
        return Progress(path, problem=f"{path} is not a progress file; starting afresh")
    return Progress(path, katas=data["katas"])
