"""The track record of each family of readings: how often it named the right category.

An exact reader that matches knows the family of a message, not its cause. Some families
are nearly always one checklist item ("indices[3] = 12 is not in [0, 10)"); others are
raised just as often by a library bug, a version change or a data pipeline that has nothing
to do with the checklist, in exactly the same words ("expects 2 input(s), but it received 1
input tensors", after TensorFlow 2.2 began reading a list of arrays as several inputs).

`record.json` holds, for each family that answered with high confidence on the tuning half
of the project's corpus of real messages (tests/explainers/corpus), the category it gives
and what the threads of those messages were labelled, from their resolutions (category ->
threads). It is measured, never written by hand: `PYTHONPATH=src python
tests/explainers/measure_record.py --write` measures it again, and a test fails when it is
out of date. A family right for fewer than RELIABLE of its answers (weighed as PRIOR_WEIGHT
says) gives low confidence ("probably ...") and says what its threads had as causes; a
family with no record keeps the confidence its reader gives. The held-out half is never
read for it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

#: The share of right answers a family needs to give high confidence: four in five. A
#: high-confidence answer that is wrong sends a learner to fix the wrong thing, which costs
#: more than being told "probably".
RELIABLE = 0.8
#: A family is judged as if it had given this many more answers, right as often as all the
#: exact families together: one wrong answer among three or four (a single thread whose
#: cause was a library's bug) is not enough to call a family unreliable. In a cross-validation
#: within the tuning half (`measure_record.py --cross-validate`: its threads split in two,
#: five times over; 1,487 messages when measured), weight 4 lowered 144 wrong answers and 463
#: right ones, weight 0 (each family by its own share alone) 163 and 519: the same share of
#: wrong answers among those lowered (24%, against 14% wrong among all high answers), with
#: fewer families judged on one or two threads.
PRIOR_WEIGHT = 4

PATH = Path(__file__).with_name("record.json")


class Record(NamedTuple):
    """What the threads of the tuning half with a message of one family were labelled
    (category -> threads), the category the family gives, and the share of right answers
    of all exact families together."""

    labels: dict[str, int]
    category: str
    overall: float

    @property
    def right(self) -> int:
        return self.labels.get(self.category, 0)

    @property
    def answers(self) -> int:
        return sum(self.labels.values())

    @property
    def reliable(self) -> bool:
        return self.reliable_with(PRIOR_WEIGHT)

    def reliable_with(self, weight: float) -> bool:
        """Right for at least RELIABLE of its answers, counted with `weight` more answers
        right as often as all exact families together."""
        return self.right + weight * self.overall >= RELIABLE * (self.answers + weight)


def records_from(families: Mapping[str, Mapping[str, Any]]) -> dict[str, Record]:
    """Each family's Record from record.json's "families" (each with its "category" and its
    threads' "labels"), weighed against the share of right answers of all of them."""
    parsed = {
        family: (str(entry["category"]), {str(k): int(v) for k, v in entry["labels"].items()})
        for family, entry in families.items()
    }
    answers = sum(sum(labels.values()) for _, labels in parsed.values())
    right = sum(labels.get(category, 0) for category, labels in parsed.values())
    overall = right / answers if answers else 1.0
    return {
        family: Record(labels, category, overall) for family, (category, labels) in parsed.items()
    }


@cache
def _records() -> dict[str, Record]:
    try:
        return records_from(json.loads(PATH.read_text(encoding="utf-8"))["families"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # no record: every reader keeps its own confidence


def track_record(family: str) -> Record | None:
    """The family's record on the tuning half, or None when it answered nothing there."""
    return _records().get(family)
