"""The workshop runner behind `ganerrors init/list/check/hint/watch/reset/solution/doctor`.

One job per module: `place` finds the learner's course folder, `progress` keeps what they
have done, `files` copies, backs up and diffs kata files, `runner` runs a kata's checker,
`watch` re-runs it on every save, `doctor` checks a machine before a workshop.
Nothing imported here imports TensorFlow; only `runner.run_in_process` and `doctor` load it.
"""

from __future__ import annotations


class WorkshopError(Exception):
    """A problem the learner can fix; the message says how. `code` is the exit status."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code
