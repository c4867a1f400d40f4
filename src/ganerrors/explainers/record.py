"""The track record of each family of readings: how often it named the right category.

An exact reader that matches knows the family of a message, not its cause. Some families
are nearly always one checklist item ("indices[3] = 12 is not in [0, 10)"); others are
raised just as often by a library bug, a version change or a data pipeline that has nothing
to do with the checklist, in exactly the same words ("expects 2 input(s), but it received 1
input tensors", after TensorFlow 2.2 began reading a list of arrays as several inputs).

`record.json` holds, for each family that answered on the tuning half of the project's
corpus of real messages (tests/explainers/corpus), how many messages it answered and for how
many its category was the one the thread's resolution gave. It is measured, never written
by hand: `python -m tests.explainers.record --write` measures it again, and a test fails
when it is out of date. A family right for fewer than RELIABLE of its answers (weighed as
PRIOR_WEIGHT says) gives low confidence ("probably ...") and says its record; a family with
no record keeps the confidence its reader gives. The held-out half is never read for it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import NamedTuple

#: The share of right answers a family needs to give high confidence: four in five. A
#: high-confidence answer that is wrong sends a learner to fix the wrong thing, which costs
#: more than being told "probably".
RELIABLE = 0.8
#: A family is judged as if it had given this many more answers, right as often as all the
#: exact families together: one wrong answer among three or four (a single thread whose
#: cause was a library's bug) is not enough to call a family unreliable. Chosen by
#: cross-validation within the tuning half (its threads split in two, five times over): it
#: lowers as many wrong answers as judging each family by its own share alone, and fewer
#: right ones.
PRIOR_WEIGHT = 4

PATH = Path(__file__).with_name("record.json")


class Record(NamedTuple):
    """Answers a family gave on the tuning half, how many were right, and the share of
    right answers of all exact families together."""

    right: int
    answers: int
    overall: float

    @property
    def reliable(self) -> bool:
        weight = PRIOR_WEIGHT
        return self.right + weight * self.overall >= RELIABLE * (self.answers + weight)


@cache
def _records() -> dict[str, tuple[int, int]]:
    try:
        data = json.loads(PATH.read_text(encoding="utf-8"))
        return {family: (int(right), int(n)) for family, (right, n) in data["families"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # no record: every reader keeps its own confidence


@cache
def _overall() -> float:
    records = _records().values()
    answers = sum(n for _, n in records)
    return sum(right for right, _ in records) / answers if answers else 1.0


def track_record(family: str) -> Record | None:
    """The family's record on the tuning half, or None when it answered nothing there."""
    counts = _records().get(family)
    return None if counts is None else Record(*counts, _overall())
